"""Where a vault's files live, and making them private (folders 0700, files 0600)."""

import errno
import os
import re
import stat
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None

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
    """Write `data` to `path` so that a crash leaves the old file or the new one, never half
    of it and never a partial copy under another name (see `atomic_file`)."""
    with atomic_file(path) as fh:
        fh.write(data)


# Name of a partial file on the fallback road (and, for an instant, of a finished one on
# the Linux road when it replaces an existing file): hidden, and recognisable as ours.
PARTIAL_RE = re.compile(r"^\..+\.ccc-[0-9a-f]{12}\.part$")


@contextmanager
def atomic_file(path: Path) -> Iterator[BinaryIO]:
    """A binary file handle whose content becomes `path` (mode 0600) when the block ends
    without error; on error nothing is left. Exports write plaintext the user asked for,
    so even a kill -9 mid-write must not leave a partial copy lying in their folder:

    - Linux: the data goes into an unnamed file (`O_TMPFILE`) in the destination folder;
      only when it is complete and fsynced is it given a name (`linkat` through
      /proc/self/fd). Killed before that, the kernel frees it: there is nothing to clean.
      Replacing an existing file needs one rename, from a hidden name that exists only
      between the link and the rename.
    - Elsewhere (macOS, Windows, or a filesystem without O_TMPFILE): a hidden random name
      `.NAME.ccc-<hex>.part`, renamed over `path` at the end. A kill leaves it behind, so
      every later write into the same folder removes such files that no living writer
      holds (the writer keeps an exclusive flock on it; Windows refuses to delete a file
      another process has open).
    """
    path = Path(path)
    remove_stale_partials(path.parent)
    with _disk_full_says("the file"):
        fd = _open_unnamed(path.parent) if USE_O_TMPFILE else None
        named = None
        if fd is None:
            named = path.with_name(f".{path.name}.ccc-{os.urandom(6).hex()}.part")
            fd = os.open(named, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _O_BINARY, 0o600)
        hold(fd)
        try:
            with os.fdopen(fd, "wb") as fh:
                yield fh
                fh.flush()
                os.fsync(fh.fileno())
                if named is None:
                    _link_unnamed(fh.fileno(), path)
            if named is not None:
                os.replace(named, path)  # once closed: Windows renames no open file
                named = None
        finally:
            if named is not None:
                named.unlink(missing_ok=True)
    make_private(path)
    fsync_dir(path.parent)


@contextmanager
def _disk_full_says(what: str) -> Iterator[None]:
    """A refused write becomes DiskFull's one clear line (the caller left nothing behind)."""
    from commandcenter.vault.errors import DiskFull, is_disk_full

    try:
        yield
    except OSError as exc:
        if is_disk_full(exc):
            raise DiskFull(what) from exc
        raise


# Tests switch this off to exercise the fallback road on Linux too. The link goes through
# /proc/self/fd, which a minimal container may not mount.
USE_O_TMPFILE = (sys.platform.startswith("linux") and hasattr(os, "O_TMPFILE")
                 and os.path.isdir("/proc/self/fd"))
_O_BINARY = getattr(os, "O_BINARY", 0)


def _open_unnamed(folder: Path) -> int | None:
    """An unnamed file in `folder`, or None where the filesystem cannot make one."""
    try:
        return os.open(folder, os.O_TMPFILE | os.O_WRONLY, 0o600)
    except OSError as exc:
        if exc.errno in (errno.EOPNOTSUPP, errno.EISDIR, errno.EINVAL):
            return None
        raise


def _link_unnamed(fd: int, path: Path) -> None:
    """Give the unnamed file `fd` the name `path` (replacing a file already there)."""
    fds = os.open("/proc/self/fd", os.O_RDONLY | os.O_DIRECTORY)
    try:
        try:
            _linkat(fds, fd, path)
            return
        except FileExistsError:
            pass
        hidden = path.with_name(f".{path.name}.ccc-{os.urandom(6).hex()}.part")
        _linkat(fds, fd, hidden)
        try:
            os.replace(hidden, path)
        finally:
            hidden.unlink(missing_ok=True)
    finally:
        os.close(fds)


def _linkat(fds: int, fd: int, dest: Path) -> None:
    # linkat(fds, "N", AT_FDCWD, dest, AT_SYMLINK_FOLLOW): a plain link() of /proc/self/fd/N
    # would link the magic symlink itself (EXDEV); os.link only calls linkat given a dir fd.
    os.link(str(fd), dest, src_dir_fd=fds, follow_symlinks=True)


def hold(fd: int) -> None:
    """Mark an open file or folder as in use (an exclusive flock, released when we die)."""
    if fcntl is not None:
        fcntl.flock(fd, fcntl.LOCK_EX)


def is_held(path: Path) -> bool | None:
    """Whether a living process `hold`s `path`; None where there is no flock (Windows)."""
    if fcntl is None:
        return None
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return True  # gone or unreadable: not ours to remove
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return False
    except OSError:
        return True
    finally:
        os.close(fd)


def remove_stale_partials(folder: Path) -> list[Path]:
    """Remove the partial files a killed writer left in `folder`; returns what went."""
    removed = []
    try:
        names = [p for p in Path(folder).iterdir() if PARTIAL_RE.match(p.name)]
    except OSError:
        return removed
    for p in names:
        if is_held(p):  # a writer is at work (Windows: the unlink below fails instead)
            continue
        try:
            p.unlink()
            removed.append(p)
        except OSError:  # in use (Windows) or gone already
            pass
    return removed


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
