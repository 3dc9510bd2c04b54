"""Where a vault's files live, and making them private (folders 0700, files 0600)."""

import os
import stat
import sys
from dataclasses import dataclass
from pathlib import Path

from commandcenter import APP_ID

DB_NAME = "vault.db"
KEYFILE_NAME = "vault.keys"


def default_data_dir() -> Path:
    """The platform's per-user data folder, never the install folder.

    A portable install keeps its data beside the executable when a `portable.txt`
    marker file is there (USB-stick use in a war room).
    """
    env = os.environ.get("CCC_DATA_DIR")
    if env:
        return Path(env).expanduser()
    exe_dir = Path(sys.executable).resolve().parent
    if getattr(sys, "frozen", False) and (exe_dir / "portable.txt").exists():
        return exe_dir / "data"
    import platformdirs  # lazy: only needed when no folder is given

    return Path(platformdirs.user_data_dir(APP_ID, appauthor=False, roaming=False))


def restrict_umask() -> None:
    """Files we create are private to the user from the moment they exist."""
    if os.name == "posix":
        os.umask(0o077)


def ensure_private_dir(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    if os.name == "posix":
        os.chmod(path, 0o700)
    return path


def make_private(path: Path) -> None:
    if os.name == "posix" and path.exists():
        os.chmod(path, stat.S_IRUSR | stat.S_IWUSR)


def fsync_dir(path: Path) -> None:
    """Make a rename inside `path` durable (no-op where directories can't be opened)."""
    if os.name != "posix":
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write-then-rename so a crash leaves either the old or the new file, never half."""
    tmp = path.with_name(path.name + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()
    make_private(path)
    fsync_dir(path.parent)


@dataclass(frozen=True)
class VaultPaths:
    """All the files of one vault, under one data folder."""

    data_dir: Path

    @classmethod
    def at(cls, data_dir: Path | str | None) -> "VaultPaths":
        return cls(Path(data_dir).expanduser().resolve() if data_dir else default_data_dir())

    @property
    def db(self) -> Path:
        return self.data_dir / DB_NAME

    @property
    def wal(self) -> Path:
        return self.data_dir / (DB_NAME + "-wal")

    @property
    def shm(self) -> Path:
        return self.data_dir / (DB_NAME + "-shm")

    @property
    def keyfile(self) -> Path:
        return self.data_dir / KEYFILE_NAME

    @property
    def backups_dir(self) -> Path:
        return self.data_dir / "backups"

    @property
    def logs_dir(self) -> Path:
        return self.data_dir / "logs"

    @property
    def rekey_tmp(self) -> Path:
        return self.data_dir / (DB_NAME + ".rekey")

    @property
    def restore_tmp(self) -> Path:
        return self.data_dir / (DB_NAME + ".restore")

    def exists(self) -> bool:
        return self.db.exists() and self.keyfile.exists()

    def ensure(self) -> None:
        ensure_private_dir(self.data_dir)
        ensure_private_dir(self.backups_dir)
        ensure_private_dir(self.logs_dir)
