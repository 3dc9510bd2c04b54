"""Restore: verify the backup first; keep a safety backup of the live vault; then swap the
files atomically. A backup that fails verification leaves the live vault untouched."""

import logging
import os
from pathlib import Path

from commandcenter.models import BackupRecord
from commandcenter.services import audit
from commandcenter.vault import backup as vault_backup
from commandcenter.vault import engine as vault_engine
from commandcenter.vault import schema
from commandcenter.vault.errors import VaultBusy
from commandcenter.vault.paths import fsync_dir, make_private
from commandcenter.vault.unlocked import UnlockedVault

log = logging.getLogger(__name__)


def restore(vault: UnlockedVault, source: Path) -> vault_backup.BackupReport:
    """Replace the vault with a verified backup. Refused (VaultInUse) while another app has
    this vault open: the restore swaps the file under it."""
    from commandcenter.vault import instance

    with instance.exclusive(vault.paths.data_dir):
        return _restore(vault, source)


def _restore(vault: UnlockedVault, source: Path) -> vault_backup.BackupReport:
    source = Path(source)
    report = vault_backup.verify_backup(source, vault.data_key, vault_id=vault.vault_id)
    key, paths = vault.data_key, vault.paths
    safety = vault_backup.backup(vault, reason="pre-restore")
    # Build the replacement beside the live file, from the verified backup (read-only).
    paths.restore_tmp.unlink(missing_ok=True)
    src = vault_engine.connect_raw(source, key, read_only=True)
    try:
        vault_backup._export(src, paths.restore_tmp, key)
    except BaseException:  # e.g. DiskFull: the live vault is untouched; drop the half copy
        paths.restore_tmp.unlink(missing_ok=True)
        raise
    finally:
        src.close()
    vault.engine.dispose()
    _checkpoint_and_close(paths.db, key)
    os.replace(paths.restore_tmp, paths.db)
    make_private(paths.db)
    fsync_dir(paths.data_dir)
    engine = vault_engine.create_vault_engine(paths.db, key)
    if schema.current_revision(engine) != schema.head_revision():
        schema.upgrade(engine)
    vault.replace_engine(engine, key)
    with vault.write() as session:
        # The safety backup was recorded in the file we just replaced: record it again.
        session.add(BackupRecord(**safety.model_dump()))
        audit.record(vault, session, "vault.restored", "vault", vault.vault_id,
                     {"file": source.name, "backup_chain_head": report.chain_head})
    log.info("vault restored from a verified backup")
    return report


def _checkpoint_and_close(db: Path, key: bytes) -> None:
    """Fold the WAL into the database and remove it, so the swapped-in file never meets a
    WAL that belongs to the old one."""
    import sqlcipher3.dbapi2 as sqlcipher

    conn = vault_engine.connect_raw(db, key)
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.execute("PRAGMA journal_mode = DELETE")
    except sqlcipher.OperationalError:
        raise VaultBusy("The vault is open in another window or process; close it and "
                        "try again.") from None
    finally:
        conn.close()
