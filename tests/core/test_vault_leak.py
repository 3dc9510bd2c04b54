"""Nothing written through the services is readable in any file of the vault: database, WAL,
shared-memory index, key file, backups and their key-file copies. Plain SQLite can't read it."""

import sqlite3
import uuid
from pathlib import Path

import pytest

from commandcenter.services import audit, incidents, settings
from commandcenter.vault import backup as vault_backup
from tests.fixtures.vaulttools import data_files, vault_rows

PLANTS = 1000


def _plants(n: int) -> list[str]:
    return [f"PLANT-{uuid.uuid4().hex}" for _ in range(n)]


def _write_plants(vault, plants: list[str]) -> None:
    """Through every kind of service write: incident titles and summaries, a summary edit,
    setting values, and audit payloads."""
    batches = iter([plants[i:i + 8] for i in range(0, 480, 8)])
    for n, batch in enumerate(batches):  # 60 incidents x 8 = 480 plants
        inc = incidents.create_incident(vault, data=incidents.IncidentInput(
            f"INC-{n:04d}", batch[0], "\n".join(batch[1:6])))
        incidents.update_incident(vault, incident_id=inc.id, summary=" ".join(batch[6:]))
    for plant in plants[480:680]:  # 200 settings changes
        settings.set_setting(vault, key="active_incident_id", value=plant)
    rest = plants[680:]
    for i in range(0, len(rest), 10):  # 320 plants in 32 audit payloads
        with vault.write() as session:
            audit.record(vault, session, "test.note", "test", None,
                         {"notes": rest[i:i + 10]})


def _leaks(files, plants) -> list[str]:
    found = []
    needles = [p.encode() for p in plants] + [p[6:].encode() for p in plants]
    for f in files:
        blob = f.read_bytes()
        found += [f"{f.name}: {n.decode()}" for n in needles if n in blob]
    return found


def _assert_stdlib_sqlite_cannot_read(path) -> None:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        with pytest.raises(sqlite3.DatabaseError):
            conn.execute("SELECT count(*) FROM sqlite_master").fetchall()
    finally:
        conn.close()


@pytest.mark.slow
def test_no_plaintext_in_any_vault_file(new_vault, vault_paths):
    vault, _ = new_vault
    plants = _plants(PLANTS)
    assert len(set(plants)) == PLANTS
    _write_plants(vault, plants)

    # The planted strings really are in the vault (else the scan below proves nothing).
    rows = vault_rows(vault)
    stored = repr([rows[t] for t in ("incident", "setting", "audit_entry")])
    assert sum(p in stored for p in plants) == PLANTS

    rec = vault_backup.backup(vault)
    backup_file = Path(rec.path)
    sidecar = backup_file.with_name(backup_file.name + vault_backup.SIDECAR_SUFFIX)
    expected = {vault_paths.db, vault_paths.wal, vault_paths.shm, vault_paths.keyfile,
                backup_file, sidecar}

    # While the vault is open the WAL holds the latest pages: scan it then.
    open_files = data_files(vault_paths.data_dir)
    assert expected <= set(open_files)
    assert vault_paths.wal.stat().st_size > 0
    assert _leaks(open_files, plants) == []
    _assert_stdlib_sqlite_cannot_read(vault_paths.db)
    _assert_stdlib_sqlite_cannot_read(backup_file)

    vault.lock()  # checkpoint folds the WAL into the database file: scan again
    closed_files = data_files(vault_paths.data_dir)
    assert vault_paths.db in closed_files and backup_file in closed_files
    assert _leaks(closed_files, plants) == []
    _assert_stdlib_sqlite_cannot_read(vault_paths.db)


def test_scan_would_find_a_plaintext_plant(tmp_path):
    """The scanner itself works: a plant in a plain SQLite file is found."""
    plant = _plants(1)
    db = tmp_path / "plain.db"
    conn = sqlite3.connect(db)
    conn.execute("CREATE TABLE t (x TEXT)")
    conn.execute("INSERT INTO t VALUES (?)", plant)
    conn.commit()
    conn.close()
    assert len(_leaks([db], plant)) == 2
