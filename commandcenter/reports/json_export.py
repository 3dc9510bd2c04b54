"""Every record of the vault as one JSON document (format documented in docs/EXPORT_FORMAT.md).

Generic on purpose: it walks every table SQLModel knows (importing commandcenter.models
registers them), so the tables later areas add are exported without touching this module.
Values are exported as stored — timestamps as their stored ISO-8601 UTC text, JSON columns as
their JSON text — so the audit chain's hashes can be re-computed from the export alone.
All tables are read in one read transaction: the export is one consistent snapshot.
"""

import base64
import json
import logging
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Table, func, select, text

from commandcenter import __version__
from commandcenter.vault.errors import VaultError
from commandcenter.vault.paths import atomic_write_bytes
from commandcenter.vault.unlocked import UnlockedVault

log = logging.getLogger(__name__)

FORMAT = "ccc-export"
FORMAT_VERSION = 1


def export_tables() -> list[Table]:
    """Every table of the data model, sorted by name (stable output for diffs)."""
    import commandcenter.models  # noqa: F401  (registers every table on the metadata)
    from sqlmodel import SQLModel

    return sorted(SQLModel.metadata.tables.values(), key=lambda t: t.name)


def _raw_rows(conn, table: Table) -> list[dict]:
    """Rows as the database holds them (no type conversion), in primary-key order."""
    return list(iter_raw_rows(conn, table))


def iter_raw_rows(conn, table: Table) -> Iterator[dict]:
    """`_raw_rows` one at a time, for writers that stream (the encrypted archive)."""
    cols = [c.name for c in table.columns]
    order = [c.name for c in table.primary_key.columns] or cols[:1]
    quoted = ", ".join(_q(c) for c in cols)
    result = conn.execute(text(f"SELECT {quoted} FROM {_q(table.name)} ORDER BY "
                               + ", ".join(_q(c) for c in order)))
    for row in result:
        yield {c: _json_value(v) for c, v in zip(cols, row)}


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _json_value(value):
    if isinstance(value, (bytes, bytearray, memoryview)):
        return {"$base64": base64.b64encode(bytes(value)).decode("ascii")}
    return value


def _utc_text(value: datetime) -> str:
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def build_document(vault: UnlockedVault, *, progress=None) -> dict:
    tables = export_tables()
    doc_tables: dict[str, dict] = {}
    with vault.read() as session:
        conn = session.connection()
        head = document_head(vault, session)
        totals = table_counts(conn, tables)
        grand_total, done = sum(totals.values()), 0
        for table in tables:
            rows = _raw_rows(conn, table)
            doc_tables[table.name] = {"columns": [c.name for c in table.columns], "rows": rows}
            done += len(rows)
            if progress:
                progress(done, grand_total)
        chain = chain_summary(session)
    return {**head, "tables": doc_tables, "audit_chain": chain}


def table_counts(conn, tables: list[Table]) -> dict[str, int]:
    return {t.name: conn.execute(select(func.count()).select_from(t)).scalar_one()
            for t in tables}


def document_head(vault: UnlockedVault, session) -> dict:
    """The fields before `tables`: format, exporter, the vault's identity and schema."""
    from commandcenter.models import VaultInfo
    from commandcenter.vault import schema

    info = session.get(VaultInfo, vault.vault_id)
    if info is None:
        raise VaultError("The vault has no identity row; run `commandcenter verify`.")
    revision = session.connection().exec_driver_sql(
        "SELECT version_num FROM alembic_version").scalar()
    actor = vault.actor
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "app_version": __version__,
        "exported_at": _utc_text(datetime.now(UTC)),
        "exported_by": {"id": actor.id, "name": actor.name, "role": actor.role},
        "vault": {"id": vault.vault_id, "name": info.name, "log_book": info.log_book,
                  "schema_revision": revision, "head_revision": schema.head_revision(),
                  "key_generation": info.key_generation},
    }


def chain_summary(session) -> dict:
    """`audit_chain`: the chain as verified inside the export's own read transaction."""
    from commandcenter.services import audit

    chain = audit.verify_chain(session)
    return {"entries": chain.count, "head": chain.head, "verified": chain.ok,
            "message": chain.message}


def export_json(vault: UnlockedVault, out: Path, *, progress=None) -> dict:
    """Write the export atomically (0600) to `out` and record it in the audit trail.
    Returns a summary: file, tables, rows per table, total rows, chain entries/head/verified."""
    from commandcenter.services import audit

    from commandcenter.reports import output

    # Every record, unencrypted: a lead's act (the archive export asks the same).
    vault.actor.require("lead", action="export every record of the vault")
    out = output.check_destination(vault, out)
    doc = build_document(vault, progress=progress)
    data = json.dumps(doc, ensure_ascii=False, indent=1).encode("utf-8")
    atomic_write_bytes(out, data)
    rows = {name: len(t["rows"]) for name, t in doc["tables"].items()}
    summary = {"file": str(out), "bytes": len(data), "tables": len(rows), "rows": rows,
               "total_rows": sum(rows.values()), "audit_entries": doc["audit_chain"]["entries"],
               "chain_head": doc["audit_chain"]["head"],
               "chain_verified": doc["audit_chain"]["verified"]}
    with output.on_record(out), vault.write() as session:
        audit.record(vault, session, "vault.exported", "vault", vault.vault_id,
                     {"format": "json", "file": out.name, "total_rows": summary["total_rows"],
                      "chain_head": summary["chain_head"]})
    log.info("JSON export written (%d rows)", summary["total_rows"])
    return summary
