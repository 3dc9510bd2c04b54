"""Where exports go: only to the file the user named, never over the vault's own files,
written atomically with mode 0600 (no half-written report, no temporary copy elsewhere),
and recorded in the audit trail."""

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from commandcenter.vault.errors import VaultError
from commandcenter.vault.paths import atomic_write_bytes
from commandcenter.vault.unlocked import UnlockedVault


def check_destination(vault: UnlockedVault, out: Path) -> Path:
    """The resolved path to write, or a clear error (and nothing written)."""
    out = Path(out)
    p = vault.paths
    if out.resolve() in {f.resolve() for f in (p.db, p.wal, p.shm, p.keyfile)}:
        raise VaultError(f"{out} is one of the vault's own files; choose another file name.")
    if not out.parent.is_dir():
        raise FileNotFoundError(f"No folder {out.parent} to write the export into.")
    if out.is_dir():
        raise VaultError(f"{out} is a folder; give a file name.")
    return out


def write_export(vault: UnlockedVault, out: Path, data: bytes, *, action: str,
                 details: dict) -> None:
    """Write `data` to `out` and seal `action` (e.g. "report.exported") in the audit trail."""
    from commandcenter.services import audit

    out = check_destination(vault, out)
    atomic_write_bytes(out, data)
    with on_record(out), vault.write() as session:
        audit.record(vault, session, action, "vault", vault.vault_id,
                     {"file": out.name, "bytes": len(data), **details})


def record_printed(vault: UnlockedVault, *, report: str, pages: int) -> None:
    """Seal in the audit trail that vault content went to a printer (like an export)."""
    from commandcenter.services import audit

    with vault.write() as session:
        audit.record(vault, session, "report.printed", "vault", vault.vault_id,
                     {"report": report, "pages": pages})


@contextmanager
def on_record(out: Path) -> Iterator[None]:
    """Around the audit entry of an export already written to `out`: if the entry cannot be
    sealed (a full disk), the file goes too — no export exists that the trail does not
    show, and the error (DiskFull's one line) is true when it says nothing was saved."""
    try:
        yield
    except BaseException:
        Path(out).unlink(missing_ok=True)
        raise
