"""Unlocking from the command line, never interactively: a passphrase file, a recovery-code
file, or the keychain. If none applies, the error says exactly which option to pass."""

from pathlib import Path

from commandcenter import logsetup
from commandcenter.vault.errors import (
    KeychainBackendChanged, KeychainEntryMissing, KeychainEntryStale, KeychainUnavailable,
    UnknownOperator, VaultError, VaultNotFound,
)
from commandcenter.vault.paths import VaultPaths

SECRET_OPTIONS = "--passphrase-file FILE (or --recovery-code-file FILE)"


class CliError(VaultError):
    """A problem with how the command was called; the message says what to pass."""


def read_secret_file(path: str | Path, what: str) -> str:
    """The first line of `path`, without its line ending. Other whitespace is kept: it may
    be part of the passphrase."""
    path = Path(path)
    with open(path, encoding="utf-8") as fh:
        first = fh.readline()
    secret = first.rstrip("\r\n")
    if not secret:
        raise CliError(f"{path} is empty; put the {what} on its first line.")
    logsetup.register_secret(secret)
    return secret


def require_vault(paths: VaultPaths) -> None:
    if not paths.db.exists():
        raise VaultNotFound(f"No vault in {paths.data_dir}; create one with `commandcenter init` "
                            "or `commandcenter demo`, or pass --data-dir DIR.")
    if not paths.keyfile.exists():
        raise VaultNotFound(f"The key file {paths.keyfile} is missing; restore it from a "
                            "backup (the .keys file beside it).")


def choose_operator(paths: VaultPaths, name: str | None):
    """The named operator (any case); else the only one; else the first lead in the key file."""
    from commandcenter.vault import lifecycle

    ops = lifecycle.list_operators(paths)
    if not ops:
        raise UnknownOperator("The key file lists no operators; use --recovery-code-file FILE.")
    if name:
        wanted = name.strip().casefold()
        match = next((o for o in ops if o.name.casefold() == wanted), None)
        if match is None:
            names = ", ".join(o.name for o in ops)
            raise UnknownOperator(f"No operator called {name!r} in this vault (operators: "
                                  f"{names}).")
        return match
    if len(ops) == 1:
        return ops[0]
    return next((o for o in ops if o.role == "lead"), ops[0])


def unlock(paths: VaultPaths, args):
    """Open the vault as the chosen operator, from the options in `args`."""
    from commandcenter.vault import lifecycle

    require_vault(paths)
    op = choose_operator(paths, getattr(args, "operator", None))
    if getattr(args, "passphrase_file", None):
        passphrase = read_secret_file(args.passphrase_file, "passphrase")
        return lifecycle.unlock_with_passphrase(paths, operator_id=op.operator_id,
                                                passphrase=passphrase)
    if getattr(args, "recovery_code_file", None):
        code = read_secret_file(args.recovery_code_file, "recovery code")
        return lifecycle.unlock_with_recovery_code(paths, operator_id=op.operator_id,
                                                   recovery_code=code)
    if not op.has_keychain:
        raise CliError(f"{op.name} does not keep the vault key in a keychain; pass "
                       f"{SECRET_OPTIONS}.")
    try:
        return lifecycle.unlock_with_keychain(paths, operator_id=op.operator_id)
    except (KeychainUnavailable, KeychainEntryMissing, KeychainBackendChanged,
            KeychainEntryStale) as exc:
        raise CliError(f"{exc} Pass {SECRET_OPTIONS}.") from None
