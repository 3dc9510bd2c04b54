"""One app per vault: the desktop app holds an exclusive lock on `vault.lock` in the data
folder for as long as it runs; a second app on the same folder is refused with a message.

Why a lock in the core, and why only these holders: SQLite in WAL mode makes concurrent
readers and writers safe, so short CLI commands (verify, export, status, log) may run beside
the app. What is not safe beside an open app is replacing the vault's files — a key rotation
or a restore swaps `vault.db` under the app's open connections — and two apps editing the
same records from two windows is confusing at best. So the app takes the lock (`hold`), and
rekey and restore take it for their duration (`exclusive`, a no-op in the process that
already holds it, as the app's own rekey does).

The lock is an OS file lock (flock on POSIX, a locked byte on Windows): the kernel releases
it when the holder dies, even by kill -9, so a stale lock never needs clearing by hand. The
file itself stays (it holds only the holder's process id, to name it in the message).
"""

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from commandcenter.vault.errors import VaultError

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None
    import msvcrt

LOCK_NAME = "vault.lock"
_PID_AT = 16  # Windows locks byte 0; the holder's id is written after it, readable by others

_held: dict[Path, int] = {}  # data folder -> fd of the lock this process holds


def _host() -> str:
    """This computer's name, for the message a second app shows. Not socket.gethostname():
    the app takes this lock before its first window paints, where every import shows."""
    if hasattr(os, "uname"):
        return os.uname().nodename
    return os.environ.get("COMPUTERNAME", "")


class VaultInUse(VaultError):
    def __init__(self, data_dir: Path, holder: str):
        pid, _, host = holder.partition("@")
        who = f" (process {pid}{' on ' + host if host else ''})" if pid else ""
        super().__init__(f"Crisis Command Center is already open on this vault in another "
                         f"window{who}. Switch to that window, or close it and try again. "
                         f"Vault folder: {data_dir}")


def lock_path(data_dir: Path) -> Path:
    return Path(data_dir) / LOCK_NAME


def hold(data_dir: Path) -> None:
    """Take the vault's lock for the life of this process (or until `release`); raises
    VaultInUse if another process has it. Taking it again in this process is a no-op."""
    key = Path(data_dir).resolve()
    if key in _held:
        return
    key.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd = os.open(lock_path(key), os.O_RDWR | os.O_CREAT, 0o600)
    if not _try_lock(fd):
        holder = _holder(fd)
        os.close(fd)
        raise VaultInUse(key, holder)
    _write_holder(fd)
    _held[key] = fd


def release(data_dir: Path) -> None:
    fd = _held.pop(Path(data_dir).resolve(), None)
    if fd is not None:
        os.close(fd)  # closing drops the lock


def holds(data_dir: Path) -> bool:
    return Path(data_dir).resolve() in _held


@contextmanager
def exclusive(data_dir: Path) -> Iterator[None]:
    """For work that replaces the vault's files: refused while another process holds the
    lock; inside the process that holds it, simply runs."""
    if holds(data_dir):
        yield
        return
    hold(data_dir)
    try:
        yield
    finally:
        release(data_dir)


def _try_lock(fd: int) -> bool:
    try:
        if fcntl is not None:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        else:
            os.lseek(fd, 0, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        return True
    except OSError:
        return False


def _write_holder(fd: int) -> None:
    os.lseek(fd, _PID_AT, os.SEEK_SET)
    os.write(fd, f"{os.getpid()}@{_host()}\n".encode().ljust(64))


def _holder(fd: int) -> str:
    try:
        os.lseek(fd, _PID_AT, os.SEEK_SET)
        return os.read(fd, 64).decode("utf-8", "replace").strip()
    except OSError:
        return ""
