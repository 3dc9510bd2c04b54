"""Backup → restore gives back exactly what was backed up; a corrupted or foreign backup is
refused before anything is replaced, and the live vault stays byte-for-byte as it was."""

import os
import shutil
from pathlib import Path

import pytest

from commandcenter.services import incidents, settings
from commandcenter.vault import backup as vault_backup
from commandcenter.vault import engine as vault_engine
from commandcenter.vault import lifecycle, restore
from commandcenter.vault.errors import BackupInvalid
from commandcenter.vault.paths import VaultPaths
from tests.conftest import FAST_KDF, PASSPHRASE
from tests.fixtures.vaulttools import flip_byte, sha256, table_rows, vault_rows


def _fill(vault, prefix: str, n: int = 8) -> None:
    for i in range(n):
        incidents.create_incident(vault, data=incidents.IncidentInput(
            f"{prefix}-{i:02d}", f"{prefix} incident {i}", "Details " * 100))


def _backup_rows(path: Path, key: bytes) -> dict:
    engine = vault_engine.create_vault_engine(path, key, pool_size=1, read_only=True)
    try:
        return table_rows(engine)
    finally:
        engine.dispose()


def _without(rows: dict, added: dict[str, set]) -> dict:
    return {t: [r for r in rs if r[0] not in added.get(t, set())] for t, rs in rows.items()}


def test_backup_then_restore_round_trip_is_equal(vault):
    _fill(vault, "A")
    settings.set_setting(vault, key="auto_lock_minutes", value=9)
    live = vault_rows(vault)
    rec = vault_backup.backup(vault)
    snapshot = _backup_rows(Path(rec.path), vault.data_key)
    assert snapshot == live  # the backup is the vault as it was, every table, every row

    _fill(vault, "B")  # changes after the backup...
    settings.set_setting(vault, key="auto_lock_minutes", value=30)
    report = restore.restore(vault, rec.path)  # ...are gone after restoring it
    restored = vault_rows(vault)

    # Restoring adds exactly two rows: its audit entry and the record of its safety backup.
    audit_added = [r for r in restored["audit_entry"] if r not in snapshot["audit_entry"]]
    assert [r[6] for r in audit_added] == ["vault.restored"]
    backups_added = [r for r in restored["backup_record"]
                     if r not in snapshot["backup_record"]]
    assert len(backups_added) == 1 and "pre-restore" in backups_added[0][4]
    # The audit trail's search index holds one row per entry: the restore's is the one more.
    search_added = [r for r in restored["audit_fts"] if r not in snapshot["audit_fts"]]
    assert len(search_added) == 1 and search_added[0][0].startswith("vault.restored")
    added = {"audit_entry": {audit_added[0][0]}, "backup_record": {backups_added[0][0]},
             "audit_fts": {search_added[0][0]}}
    assert _without(restored, added) == snapshot
    assert report.chain_head == snapshot["audit_entry"][-1][-1]


def test_backup_and_its_keys_copy_restore_a_lost_laptop(vault, tmp_path):
    """The key file travels with the backup: the two alone open with the passphrase."""
    _fill(vault, "A")
    rec = vault_backup.backup(vault)
    snapshot = _backup_rows(Path(rec.path), vault.data_key)
    new_home = VaultPaths.at(tmp_path / "new-laptop")
    new_home.data_dir.mkdir()
    shutil.copyfile(rec.path, new_home.db)
    shutil.copyfile(rec.path + vault_backup.SIDECAR_SUFFIX, new_home.keyfile)
    opened = lifecycle.unlock_with_passphrase(new_home, operator_id=vault.actor.id,
                                              passphrase=PASSPHRASE)
    try:
        assert vault_rows(opened) == snapshot
    finally:
        opened.lock()


def _flipped(src: Path, dest: Path) -> None:
    shutil.copyfile(src, dest)
    flip_byte(dest, dest.stat().st_size // 2 + 17)


def _truncated(src: Path, dest: Path) -> None:
    dest.write_bytes(src.read_bytes()[: src.stat().st_size // 2])


def _truncated_mid_page(src: Path, dest: Path) -> None:
    dest.write_bytes(src.read_bytes()[:-100])


def _random(src: Path, dest: Path) -> None:
    dest.write_bytes(os.urandom(src.stat().st_size))


def _empty(src: Path, dest: Path) -> None:
    dest.write_bytes(b"")


def _other_vaults(src: Path, dest: Path) -> None:
    other, _ = lifecycle.create_vault(VaultPaths.at(dest.parent / "other-vault"),
                                      operator_name="Eve", passphrase=PASSPHRASE, kdf=FAST_KDF)
    try:
        _fill(other, "X", 2)
        vault_backup.backup(other, dest)
    finally:
        other.lock()


def _missing(src: Path, dest: Path) -> None:
    pass


@pytest.mark.parametrize("spoil", [_flipped, _truncated, _truncated_mid_page, _random, _empty,
                                   _other_vaults, _missing])
def test_bad_backup_refused_and_live_vault_untouched(new_vault, vault_paths, tmp_path, spoil):
    vault, _ = new_vault
    _fill(vault, "A")
    good = Path(vault_backup.backup(vault).path)
    _fill(vault, "B", 3)  # the live vault moves on; its latest pages sit in the WAL
    live = vault_rows(vault)
    bad = tmp_path / "spoiled" / "backup.db"
    bad.parent.mkdir()
    spoil(good, bad)
    before = {"db": sha256(vault_paths.db), "wal": sha256(vault_paths.wal)}
    assert before["wal"] is not None

    with pytest.raises(BackupInvalid) as err:
        restore.restore(vault, bad)
    message = str(err.value)
    assert message and "\n" not in message and "Traceback" not in message
    assert {"db": sha256(vault_paths.db), "wal": sha256(vault_paths.wal)} == before
    assert not vault_paths.restore_tmp.exists()
    assert vault_rows(vault) == live

    operator_id = vault.actor.id
    vault.lock()  # and it still opens, with everything in it
    again = lifecycle.unlock_with_passphrase(vault_paths, operator_id=operator_id,
                                             passphrase=PASSPHRASE)
    try:
        assert vault_rows(again) == live
    finally:
        again.lock()


def test_backup_refuses_to_overwrite(vault):
    rec = vault_backup.backup(vault)
    with pytest.raises(Exception, match="already exists"):
        vault_backup.backup(vault, rec.path)
    with pytest.raises(Exception, match="cannot overwrite the live vault"):
        vault_backup.backup(vault, vault.paths.db, overwrite=True)
