"""Errors the vault raises. Each message names the cause and says what to do.

Messages never contain key material: callers pass only descriptions, never values.
"""

import errno


class VaultError(Exception):
    """Base class: str(error) is a one-line message fit for a user."""


class VaultNotFound(VaultError):
    pass


class VaultAlreadyExists(VaultError):
    pass


class WrongPassphrase(VaultError):
    def __init__(self, what: str = "passphrase", hint: str = ""):
        super().__init__(f"Wrong {what}. Check it and try again.{hint}")


class TooManyAttempts(VaultError):
    def __init__(self, what: str, seconds: int):
        self.seconds = seconds
        super().__init__(f"Too many wrong {what}s in a row: wait {seconds} s, then try again.")


class UnknownOperator(VaultError):
    pass


class OperatorRevoked(VaultError):
    pass


class KeychainUnavailable(VaultError):
    pass


class KeychainEntryMissing(VaultError):
    def __init__(self):
        super().__init__(
            "Keychain entry missing — use your passphrase or recovery code."
        )


class KeychainBackendChanged(VaultError):
    def __init__(self, was: str, now: str):
        super().__init__(
            f"Keychain backend changed (was {was}, now {now}) — "
            "use your passphrase or recovery code."
        )


class KeychainEntryStale(VaultError):
    def __init__(self):
        super().__init__(
            "The keychain holds an out-of-date key for this operator — "
            "use your passphrase or recovery code."
        )


class VaultDamaged(VaultError):
    def __init__(self, detail: str = ""):
        msg = "Vault file damaged or tampered — restore from backup."
        super().__init__(f"{msg} ({detail})" if detail else msg)


class KeyFileDamaged(VaultError):
    def __init__(self, detail: str = ""):
        msg = "Key file damaged or tampered — restore it from a backup, or use the recovery code"
        super().__init__(f"{msg} ({detail})." if detail else msg + ".")


class KeyFileMismatch(VaultError):
    def __init__(self):
        # Indistinguishable from a damaged first page of the vault file (both fail the same
        # HMAC), so the message names both causes.
        super().__init__(
            "The key file does not open this vault file: the vault file is damaged or "
            "tampered, or the key file belongs to another copy or an older backup — restore "
            "the vault from a backup together with its .keys file."
        )


class PermissionDenied(VaultError):
    pass


class BackupInvalid(VaultError):
    pass


class VaultLocked(VaultError):
    def __init__(self):
        super().__init__("The vault is locked. Unlock it first.")


class VaultBusy(VaultError):
    pass


class DiskFull(VaultError):
    """A write the disk refused (full, over a quota or file-size limit, or failing). SQLite
    rolled the transaction back and an export or backup leaves no file, so everything saved
    before stands; the message says so, in one line."""

    def __init__(self, what: str = "this change"):
        super().__init__(f"Could not write to the disk (it is full, over a size limit, or "
                         f"failing), so {what} was not saved; everything saved before is "
                         f"safe. Free some space and try again.")


# errno values of a refused write, and SQLite's words for one (ENOSPC gives "database or disk
# is full"; EFBIG from a file-size limit and EIO give "disk I/O error").
DISK_ERRNOS = frozenset({errno.ENOSPC, errno.EFBIG, getattr(errno, "EDQUOT", errno.ENOSPC)})
_DISK_WORDS = ("database or disk is full", "disk i/o error")


def is_disk_full(exc: BaseException) -> bool:
    """True when `exc` (an OSError, or a driver error, wrapped or not) is a refused write."""
    if isinstance(exc, OSError):
        return exc.errno in DISK_ERRNOS
    message = str(getattr(exc, "orig", exc)).lower()
    return any(word in message for word in _DISK_WORDS)


# SQLite/SQLCipher's words for a file whose pages don't authenticate or parse. ("not an error"
# is what SQLCipher reports when an HMAC failure surfaces mid-statement.)
_DAMAGE_WORDS = ("malformed", "file is not a database", "disk image", "hmac check failed",
                 "not an error")


def looks_damaged(message: str) -> bool:
    """True when a driver error message means the file is damaged (or tampered with)."""
    message = message.lower()
    return any(word in message for word in _DAMAGE_WORDS)
