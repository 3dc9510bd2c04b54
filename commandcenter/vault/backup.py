"""Encrypted online backups (sqlcipher_export inside one read transaction, never a file copy)
and a restore that verifies the backup completely before it replaces anything."""

import logging
import os
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from commandcenter.models import BackupRecord, VaultInfo
from commandcenter.services import audit
from commandcenter.vault import engine as vault_engine
from commandcenter.vault.errors import BackupInvalid, DiskFull, VaultError, is_disk_full
from commandcenter.vault.paths import VaultPaths, atomic_write_bytes, fsync_dir, make_private
from commandcenter.vault.unlocked import UnlockedVault

log = logging.getLogger(__name__)

SIDECAR_SUFFIX = ".keys"


def _stamp() -> str:
    return datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")


PARTIAL_SUFFIX = ".partial"


def _export(src_conn, dest: Path, data_key: bytes) -> None:
    """Copy every page's content into a new encrypted file `dest`, in one consistent
    snapshot, and fsync it. A write the disk refuses raises DiskFull (the caller removes
    `dest`)."""
    dest.unlink(missing_ok=True)
    try:
        vault_engine.attach(src_conn, "ccc_backup", dest, data_key)
        try:
            src_conn.execute("BEGIN")
            try:
                src_conn.execute("SELECT sqlcipher_export('ccc_backup')")
            finally:
                src_conn.execute("COMMIT")
        finally:
            src_conn.execute("DETACH DATABASE ccc_backup")
        with open(dest, "rb+") as fh:
            os.fsync(fh.fileno())
    except Exception as exc:
        if is_disk_full(exc):
            raise DiskFull("the backup") from exc
        raise
    make_private(dest)


def raw_backup(paths: VaultPaths, engine: Engine, data_key: bytes, *, reason: str,
               out: Path | None = None) -> Path:
    """Backup before the app is fully open (e.g. before a migration). Not recorded.

    The backup is built as `OUT.partial` and gets its real name last, after its key file
    sidecar: a file named like a backup is always complete. A failed write (a full disk)
    removes the partial file and raises DiskFull; a kill -9 can leave only `.partial`."""
    out = out or paths.backups_dir / f"vault-{_stamp()}-{reason}.db"
    paths.ensure()
    remove_stale_partials(out.parent)
    partial = out.with_name(out.name + PARTIAL_SUFFIX)
    side = _sidecar(out)
    had_side = side.exists()
    try:
        with engine.connect() as conn:
            _export(conn.connection.dbapi_connection, partial, data_key)
        _write_sidecar(paths, out)
        os.replace(partial, out)
    except BaseException:
        partial.unlink(missing_ok=True)
        if not had_side:
            side.unlink(missing_ok=True)
        raise
    fsync_dir(out.parent)
    log.info("backup written (%s)", reason)
    return out


STALE_PARTIAL_AFTER = 15 * 60  # seconds untouched: no backup is writing it any more


def remove_stale_partials(folder: Path) -> list[Path]:
    """The `.partial` backups (and their SQLite journals) that a killed backup left: removed
    once nothing has written to them for a while (a running backup writes continuously)."""
    removed = []
    for p in folder.glob(f"*{PARTIAL_SUFFIX}*"):
        if p.name.endswith((PARTIAL_SUFFIX, PARTIAL_SUFFIX + "-journal")) and \
                time.time() - p.stat().st_mtime > STALE_PARTIAL_AFTER:
            p.unlink(missing_ok=True)
            removed.append(p)
    return removed


def _sidecar(out: Path) -> Path:
    return out.with_name(out.name + SIDECAR_SUFFIX)


def _write_sidecar(paths: VaultPaths, out: Path) -> None:
    """The key file travels with the backup (it holds no secret in the clear), so a backup
    restores with a passphrase or recovery code even after the key file is lost."""
    side = _sidecar(out)
    atomic_write_bytes(side, paths.keyfile.read_bytes())
    make_private(side)


def backup(vault: UnlockedVault, out: Path | None = None, *, reason: str = "manual",
           overwrite: bool = False) -> BackupRecord:
    out = Path(out) if out else vault.paths.backups_dir / f"vault-{_stamp()}-{reason}.db"
    if out.exists() and not overwrite:
        raise VaultError(f"{out} already exists; choose another file name.")
    if out.resolve() in (vault.paths.db.resolve(), vault.paths.wal.resolve()):
        raise VaultError("A backup cannot overwrite the live vault.")
    out.parent.mkdir(parents=True, exist_ok=True)
    raw_backup(vault.paths, vault.engine, vault.data_key, reason=reason, out=out)
    try:
        report = verify_backup(out, vault.data_key, vault_id=vault.vault_id)
        with vault.write() as session:
            rec = BackupRecord(origin_vault_id=vault.vault_id, created_by=vault.actor.id,
                               path=str(out), reason=reason, size_bytes=out.stat().st_size,
                               chain_head=report.chain_head)
            session.add(rec)
            audit.record(vault, session, "vault.backup", "backup", rec.id,
                         {"reason": reason, "file": out.name,
                          "chain_head": report.chain_head})
    except BaseException:
        # Not verified, or not on record: no file that could pass for a good backup later.
        out.unlink(missing_ok=True)
        _sidecar(out).unlink(missing_ok=True)
        raise
    return rec


def last_backup(vault: UnlockedVault) -> BackupRecord | None:
    with vault.read() as session:
        return session.exec(select(BackupRecord).order_by(BackupRecord.created_at.desc())
                            .limit(1)).first()


@dataclass(frozen=True)
class BackupReport:
    chain_head: str
    entries: int
    vault_id: str


def verify_backup(path: Path, data_key: bytes, *, vault_id: str | None = None) -> BackupReport:
    """Open read-only with the key; every page must authenticate, SQLite's integrity check
    and the audit chain must pass, and it must be this vault's backup."""
    from commandcenter.vault.integrity import check_connection

    path = Path(path)
    if not path.is_file():
        raise BackupInvalid(f"No backup file at {path}.")
    try:
        vault_engine.probe(path, data_key)
    except vault_engine.KeyMismatch:
        raise BackupInvalid("This backup does not open with this vault's key (it may be from "
                            "another vault, made before a key rotation, or damaged).") from None
    except VaultError as exc:
        raise BackupInvalid(f"The backup is damaged ({exc}).") from None
    conn = vault_engine.connect_raw(path, data_key, read_only=True)
    try:
        problems = check_connection(conn)
    finally:
        conn.close()
    if problems:
        raise BackupInvalid("The backup failed verification: " + problems[0])
    engine = vault_engine.create_vault_engine(path, data_key, pool_size=1, read_only=True)
    try:
        with Session(engine) as session:
            info = session.exec(select(VaultInfo)).first()
            chain = audit.verify_chain(session)
    except Exception as exc:  # anything unreadable in it means: not a usable backup
        raise BackupInvalid(f"The backup could not be read ({type(exc).__name__}).") from None
    finally:
        engine.dispose()
    if info is None or (vault_id and info.id != vault_id):
        raise BackupInvalid("This backup belongs to another vault.")
    if not chain.ok:
        raise BackupInvalid(f"The backup's audit chain is broken: {chain.message}.")
    return BackupReport(chain.head, chain.count, info.id)
