"""A key file restored from an older backup.

`vault.keys` can go back in time: someone copies it back from a backup, a sync tool restores
yesterday's copy, a laptop is rebuilt from an image. Two things can then go wrong, and each
gets a message that names the cause and a way back in:

1. The vault's key was rotated since (a revocation rotates it): the older file's key no longer
   opens the database. Every backup keeps a copy of the key file beside it
   (`backups/*.db.keys`); the newest such copy of *this* vault with a newer key generation
   that the person's own passphrase (or the recovery code) opens, and whose key opens the
   database, is put back in place — the older file is kept beside it, renamed — and the
   unlock goes on. Nothing is guessed: the copy's seal is checked with the key it yields.
2. Only slots changed since (a passphrase changed, an operator added): the older file still
   opens the vault with the passphrase of that time or the recovery code, but a newer
   passphrase is "wrong". The key file's `serial` (raised on every save) is remembered in
   `vault.keys.serial` beside it; a wrong passphrase with an older serial says so.
"""

import logging
import shutil
from datetime import UTC, datetime
from pathlib import Path

from commandcenter.vault import crypto
from commandcenter.vault.engine import KeyMismatch, probe
from commandcenter.vault.errors import KeyFileDamaged, VaultError
from commandcenter.vault.keyfile import KeyFile
from commandcenter.vault.paths import VaultPaths, atomic_write_bytes, make_private

log = logging.getLogger(__name__)

SERIAL_SUFFIX = ".serial"
MAX_TRIED = 5  # newest backups first; each try costs one key derivation (~0.5 s)

OLDER_HINT = (" The key file is older than the last one this laptop wrote (restored from a "
              "backup?): a passphrase changed since then does not work with it — try the one "
              "you had then, or the recovery code.")


def serial_path(paths: VaultPaths) -> Path:
    return paths.keyfile.with_name(paths.keyfile.name + SERIAL_SUFFIX)


def remember_serial(keyfile: Path, serial: int) -> None:
    """Called by KeyFile.save: the highest serial written for this key file."""
    marker = keyfile.with_name(keyfile.name + SERIAL_SUFFIX)
    try:
        seen = int(marker.read_text().strip() or 0) if marker.exists() else 0
    except (OSError, ValueError):
        seen = 0
    if serial > seen:
        atomic_write_bytes(marker, str(serial).encode())


def looks_older(paths: VaultPaths, kf: KeyFile) -> bool:
    try:
        return kf.serial < int(serial_path(paths).read_text().strip() or 0)
    except (OSError, ValueError):
        return False


def _candidates(paths: VaultPaths, kf: KeyFile) -> list[tuple[Path, KeyFile]]:
    found = []
    for side in paths.backups_dir.glob("*.keys"):
        try:
            other = KeyFile.load(side)
        except (VaultError, OSError):
            continue
        if other.vault_id == kf.vault_id and other.generation > kf.generation:
            found.append((side, other))
    found.sort(key=lambda c: (c[1].generation, c[0].stat().st_mtime), reverse=True)
    return found[:MAX_TRIED]


def newer_key_file(paths: VaultPaths, kf: KeyFile, *, operator_id: str | None,
                   secret: str) -> tuple[Path, KeyFile] | None:
    """The newest backed-up key file of this vault that `secret` opens (the operator's
    passphrase, or the recovery code when `operator_id` is None) and whose key opens the
    database; None if there is none."""
    for side, other in _candidates(paths, kf):
        slot = other.recovery_slot() if operator_id is None else \
            other.slot_for_operator(operator_id)
        if slot is None:
            continue
        try:
            private = other.unwrap_private(slot, secret)
            key = other.open_sealed(slot, private, other.generation)
        except (crypto.DecryptionFailed, KeyFileDamaged, KeyError, ValueError):
            continue
        if not other.verify_mac(key):
            continue
        try:
            probe(paths.db, key)
        except KeyMismatch:
            continue
        return side, other
    return None


def put_back(paths: VaultPaths, side: Path) -> Path:
    """Put the backed-up key file in place; the older one is kept, renamed. Returns where."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    kept = paths.keyfile.with_name(f"{paths.keyfile.name}.older-{stamp}")
    shutil.copyfile(paths.keyfile, kept)
    make_private(kept)
    atomic_write_bytes(paths.keyfile, side.read_bytes())
    log.warning("the key file was older than the vault; a newer copy from the backups was "
                "put back (the older one is kept)")
    return kept


def notice(side: Path, kept: Path) -> str:
    return (f"The key file was older than the vault (restored from a backup?). The newer copy "
            f"kept with {side.name} opened it and is back in place; the older file is kept as "
            f"{kept.name}.")
