"""Where an archive import may go and how the built vault gets there.

The vault is built in a hidden staging folder beside the target (`.NAME.importing-…`), which
the import holds with an flock while it runs; a later import removes the staging folders no
living import holds (a kill -9 leaves one). The target is a new folder, an empty one, or one
holding only what the app makes before any vault exists (its logs, backups folder, lock).
"""

import logging
import os
import secrets
import shutil
import time
from pathlib import Path

from commandcenter.reports.archive.container import ArchiveError
from commandcenter.vault.paths import VaultPaths, fsync_dir, hold, is_held

log = logging.getLogger(__name__)

STAGING_MARK = ".importing-"
STALE_WITHOUT_FLOCK = 24 * 3600  # seconds; where flock is missing (Windows), go by age


def staging_for(target: Path) -> Path:
    return target.parent / f".{target.name}{STAGING_MARK}{secrets.token_hex(4)}"


def hold_staging(staging: Path) -> int | None:
    """Keep the staging folder marked as in use for as long as this import runs (the
    kernel drops the mark when the process dies, which is how a later import tells stale)."""
    if os.name != "posix":
        return None
    fd = os.open(staging, os.O_RDONLY)
    hold(fd)
    return fd


def remove_stale_staging(folder: Path) -> list[Path]:
    """Remove the staging folders killed imports left in `folder`; returns what went."""
    removed = []
    for p in Path(folder).iterdir() if Path(folder).is_dir() else ():
        if p.name.startswith(".") and STAGING_MARK in p.name and p.is_dir() \
                and not _import_running(p):
            shutil.rmtree(p, ignore_errors=True)
            removed.append(p)
            log.warning("removed the staging folder of an interrupted import")
    return removed


def _import_running(staging: Path) -> bool:
    held = is_held(staging)
    if held is None:
        return time.time() - staging.stat().st_mtime < STALE_WITHOUT_FLOCK
    return held


# Folders the app makes in a data folder before any vault exists (the app logs from its
# first window on): a folder holding only these is still a place to import into.
OWN_FOLDERS = ("logs", "backups")


def check_target(target: Path) -> None:
    from commandcenter.vault.errors import VaultAlreadyExists

    if not target.parent.is_dir():
        raise FileNotFoundError(f"No folder {target.parent} to create the vault in.")
    paths = VaultPaths(target)
    if paths.keyfile.exists():
        raise VaultAlreadyExists(f"A vault already exists in {target}; import into a new "
                                 "folder with --data-dir.")
    if paths.db.exists():
        raise ArchiveError(f"{paths.db} has no key file beside it (left by an interrupted "
                           "import?); move it away, then import again.")
    if target.exists() and (not target.is_dir() or _foreign_entries(target)):
        raise ArchiveError(f"{target} is not empty; import into a new or empty folder.")


OWN_FILES = ("vault.lock",)  # the running app's lock (commandcenter.vault.instance)


def _foreign_entries(folder: Path) -> list[Path]:
    """What is in `folder` besides the app's own (empty-of-vault) folders and lock."""
    return [p for p in folder.iterdir() if not (p.name in OWN_FOLDERS and p.is_dir())
            and not (p.name in OWN_FILES and p.is_file())]


def move_into_place(staging: Path, target: Path) -> None:
    if target.exists():
        _move_entries(staging, target)
        return
    os.rename(staging, target)
    fsync_dir(target.parent)


def _move_entries(staging: Path, target: Path) -> None:
    """Into a folder the app already uses (its log is open there): the staged files one by
    one, the key file last — the vault exists only once both files are in place, and a
    vault file without its key file is refused by the next import with a clear message."""
    paths = VaultPaths(staging)
    entries = sorted(staging.iterdir(), key=lambda p: p.name == paths.keyfile.name)
    for entry in entries:
        into = target / entry.name
        if entry.is_dir() and into.is_dir():
            for child in entry.iterdir():
                os.rename(child, into / child.name)
            entry.rmdir()
        else:
            os.rename(entry, into)
    staging.rmdir()
    fsync_dir(target)
