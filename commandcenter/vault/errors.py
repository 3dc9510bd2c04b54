"""Errors the vault raises. Each message names the cause and says what to do.

Messages never contain key material: callers pass only descriptions, never values.
"""


class VaultError(Exception):
    """Base class: str(error) is a one-line message fit for a user."""


class VaultNotFound(VaultError):
    pass


class VaultAlreadyExists(VaultError):
    pass


class WrongPassphrase(VaultError):
    def __init__(self, what: str = "passphrase"):
        super().__init__(f"Wrong {what}. Check it and try again.")


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
        super().__init__(
            "The key file does not open this vault (was it restored from an older backup?) — "
            "restore the key file that belongs to this vault, or restore the vault from the "
            "backup the key file came with."
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
