"""JSON export: every row of every table, values exactly as stored, an audit chain that
re-verifies from the file alone, a private file, and an audit entry for the export itself."""

import json
import stat
from datetime import UTC, datetime

import pytest
from sqlalchemy import text
from sqlmodel import SQLModel

from commandcenter.models import AuditEntry
from commandcenter.models.audit import GENESIS_HASH
from commandcenter.reports import json_export
from commandcenter.services import audit, incidents, operators
from commandcenter.vault import schema
from commandcenter.vault.errors import VaultError
from tests.fixtures.vaulttools import sha256


def _populate(vault) -> None:
    operators.add_operator(vault, name="Lee Loggist", role="loggist",
                           passphrase="loggist passphrase")
    for n in range(5):
        incidents.create_incident(vault, data=incidents.IncidentInput(
            f"INC-{n:03d}", f"Incident {n} — “quoted” ünïcode", "Line one\nline two",
            opened_at=datetime(2026, 12, 1 + n, 9, 30, tzinfo=UTC)))
    first = incidents.list_incidents(vault)[-1]
    incidents.close_incident(vault, incident_id=first.id)
    _hand_over(vault)


def _hand_over(vault) -> None:
    """One signed shift handover (its own table, insert-only) travels like every record."""
    from commandcenter.services import handover

    lee = next(o for o in handover.candidates(vault) if o.name == "Lee Loggist")
    at = datetime(2026, 12, 6, 8, 0, tzinfo=UTC)  # after the last incident opened
    handover.sign_off(vault, handover=handover.build(vault, now=at), incoming_id=lee.id,
                      incoming_passphrase="loggist passphrase", notes="Quiet night", now=at)


def _db_rows(vault, table: str, columns: list[str]) -> list[dict]:
    with vault.engine.connect() as conn:
        rows = conn.exec_driver_sql(f'SELECT * FROM "{table}"').mappings().all()
    return [{c: r[c] for c in columns} for r in rows]


@pytest.fixture
def exported(vault, tmp_path):
    _populate(vault)
    out = tmp_path / "export.json"
    progress = []
    summary = json_export.export_json(vault, out, progress=lambda d, t: progress.append((d, t)))
    return vault, out, json.loads(out.read_text(encoding="utf-8")), summary, progress


def test_every_table_and_row_equals_the_database(exported):
    vault, out, doc, summary, _ = exported
    assert set(doc["tables"]) == set(SQLModel.metadata.tables)
    for name, table in doc["tables"].items():
        stored = _db_rows(vault, name, table["columns"])
        if name == "audit_entry":  # the export's own entry is written after its snapshot
            stored = sorted(stored, key=lambda r: r["seq"])[:-1]
        key = lambda r: json.dumps(r, sort_keys=True)  # noqa: E731
        assert sorted(table["rows"], key=key) == sorted(stored, key=key), name
        assert summary["rows"][name] == len(stored)
    assert len(doc["tables"]["incident"]["rows"]) == 5
    assert len(doc["tables"]["operator"]["rows"]) == 2
    assert [r["notes"] for r in doc["tables"]["handover"]["rows"]] == ["Quiet night"]


def test_values_are_as_stored(exported):
    vault, _, doc, _, _ = exported
    rows = {r["code"]: r for r in doc["tables"]["incident"]["rows"]}
    assert rows["INC-002"]["opened_at"] == "2026-12-03T09:30:00.000000Z"
    assert rows["INC-000"]["status"] == "closed" and rows["INC-000"]["closed_at"].endswith("Z")
    assert rows["INC-004"]["title"] == "Incident 4 — “quoted” ünïcode"
    assert rows["INC-004"]["summary"] == "Line one\nline two"
    settings = {r["key"]: r["value"] for r in doc["tables"]["setting"]["rows"]}
    assert settings["auto_lock_minutes"] == "5"  # JSON columns stay JSON text


def test_header_describes_vault_and_exporter(exported):
    vault, _, doc, _, _ = exported
    assert doc["format"] == "ccc-export" and doc["format_version"] == 1
    assert doc["exported_by"] == {"id": vault.actor.id, "name": "Dana Lead", "role": "lead"}
    assert doc["vault"]["id"] == vault.vault_id
    assert doc["vault"]["schema_revision"] == schema.head_revision()
    assert doc["vault"]["log_book"] == "WR1"
    datetime.strptime(doc["exported_at"], "%Y-%m-%dT%H:%M:%S.%fZ")
    assert "alembic_version" not in doc["tables"]


def test_exported_audit_chain_reverifies_from_the_file_alone(exported):
    _, _, doc, _, _ = exported
    table = doc["tables"]["audit_entry"]
    prev = GENESIS_HASH
    for n, row in enumerate(sorted(table["rows"], key=lambda r: r["seq"]), start=1):
        entry = AuditEntry(**{**row, "at": datetime.strptime(row["at"], "%Y-%m-%dT%H:%M:%S.%fZ")
                              .replace(tzinfo=UTC)})
        assert entry.seq == n and entry.prev_hash == prev
        assert audit.entry_hash(entry) == row["hash"], f"entry {n}"
        prev = row["hash"]
    chain = doc["audit_chain"]
    assert chain["verified"] is True
    assert chain["entries"] == len(table["rows"])
    assert chain["head"] == prev


def test_a_tampered_row_in_the_file_no_longer_verifies(exported):
    """The check above can fail: change one payload and its hash no longer matches."""
    _, _, doc, _, _ = exported
    row = dict(doc["tables"]["audit_entry"]["rows"][3])
    row["payload"] = row["payload"].replace("}", ',"x":1}')
    entry = AuditEntry(**{**row, "at": datetime.strptime(row["at"], "%Y-%m-%dT%H:%M:%S.%fZ")
                          .replace(tzinfo=UTC)})
    assert audit.entry_hash(entry) != row["hash"]


def test_the_export_is_private_and_recorded(exported):
    vault, out, doc, summary, progress = exported
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    last = audit.recent_entries(vault, limit=1)[0]
    assert last.action == "vault.exported"
    assert json.loads(last.payload)["file"] == "export.json"
    assert last.seq == doc["audit_chain"]["entries"] + 1  # written after the snapshot
    assert progress[-1] == (summary["total_rows"], summary["total_rows"])


def test_export_refuses_the_vaults_own_files(vault):
    before = sha256(vault.paths.keyfile)
    with pytest.raises(VaultError, match="vault's own files"):
        json_export.export_json(vault, vault.paths.keyfile)
    assert sha256(vault.paths.keyfile) == before


def test_export_into_a_missing_folder_is_a_clear_error(vault, tmp_path):
    with pytest.raises(FileNotFoundError, match="No folder"):
        json_export.export_json(vault, tmp_path / "nope" / "x.json")


def test_blobs_are_base64_objects():
    assert json_export._json_value(b"\x00\xff") == {"$base64": "AP8="}
    assert json_export._json_value("text") == "text"
    assert json_export._json_value(None) is None


def test_one_consistent_snapshot(vault, tmp_path):
    """Rows are read with raw SQL in one transaction: the count of rows equals the count the
    database reports at that moment, table by table."""
    _populate(vault)
    doc = json_export.build_document(vault)
    with vault.engine.connect() as conn:
        for name, table in doc["tables"].items():
            count = conn.execute(text(f'SELECT count(*) FROM "{name}"')).scalar_one()
            assert count == len(table["rows"]), name


def test_the_documented_stdlib_recipe_reverifies_the_chain(exported):
    """docs/EXPORT_FORMAT.md tells readers how to check the chain without our code; this is
    that recipe, so the document cannot drift from the hashes the vault writes."""
    import hashlib

    def entry_hash(row):
        body = {k: row[k] for k in ("seq", "id", "origin_vault_id", "at", "operator_id",
                                    "operator_name", "action", "entity_type", "entity_id",
                                    "payload", "prev_hash")}
        canonical = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
        return hashlib.sha256(f"{row['prev_hash']}\n{canonical}".encode()).hexdigest()

    _, _, doc, _, _ = exported
    prev = "0" * 64
    for row in sorted(doc["tables"]["audit_entry"]["rows"], key=lambda r: r["seq"]):
        assert row["prev_hash"] == prev and entry_hash(row) == row["hash"], row["seq"]
        prev = row["hash"]
    assert prev == doc["audit_chain"]["head"]
