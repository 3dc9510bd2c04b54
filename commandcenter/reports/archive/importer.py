"""Creating a new vault from an archive.

1. Before anything is written, the archive is checked whole: header MAC (wrong passphrase),
   then every chunk (tampered or truncated). A bad archive creates nothing.
2. The vault is built in a hidden staging folder beside the target (`.NAME.importing-…`), with
   a new data key: schema at the archive's revision, every row inserted as archived (one
   transaction, foreign keys checked at commit), then migrated to this build's head, the
   derived search indexes rebuilt, and the whole verified (pages, structure, foreign keys,
   audit chain, decision log, counts, and the chain head the archive declares).
3. Key slots: the importing person must be an active lead of the archived vault; they get a
   fresh slot (same slot id as their operator record) under a new passphrase, plus a new
   recovery code. Other operators keep their records but have no slot until a lead issues
   one (`issue-key-slot`): their passphrases belong to the old key file, never the archive.
4. The import is sealed in the audit chain (`vault.imported`, after the archived entries),
   and only then is the staging folder renamed into place. Any failure removes it; a kill
   -9 cannot, so every import first removes the staging folders no living import holds.
   Where an import may go, the staging folder and the move into place: `placement`.
"""

import codecs
import logging
import os
import shutil
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import exc as sa_exc
from sqlalchemy import inspect

from commandcenter import logsetup
from commandcenter.reports import json_export
from commandcenter.reports.archive import container, document, placement
from commandcenter.reports.archive.container import ArchiveError
from commandcenter.reports.archive.export import check_archive_passphrase
from commandcenter.vault import crypto, schema
from commandcenter.vault.paths import VaultPaths, ensure_private_dir, restrict_umask

log = logging.getLogger(__name__)

INFLATE_STEP = 4 << 20  # decompress at most this much at a time (flat memory)
IMPORT_CACHE_KIB = 128 * 1024  # SQLite page cache per connection while importing


@dataclass
class ImportResult:
    data_dir: Path
    vault_id: str
    vault_name: str
    operator: str
    recovery_code: str
    rows: dict[str, int] = field(default_factory=dict)
    audit_entries: int = 0
    chain_head: str = ""
    decision_entries: int = 0
    without_slot: list[str] = field(default_factory=list)  # active operators to re-issue

    @property
    def total_rows(self) -> int:
        return sum(self.rows.values())


def import_archive(archive: Path, passphrase: str, data_dir: Path, *, new_passphrase: str,
                   operator_name: str | None = None, kdf: crypto.KdfParams | None = None,
                   progress=None) -> ImportResult:
    """Create a new vault in `data_dir` (new or empty) from `archive`. `operator_name` is
    the importing lead (default: whoever exported the archive); `new_passphrase` opens their
    new slot. `kdf` defaults to Argon2id tuned to this computer. Raises ArchiveError (or
    another VaultError) with a one-line reason; on failure nothing is left behind."""
    from commandcenter.vault.slots import MIN_PASSPHRASE

    archive, target = Path(archive), VaultPaths.at(data_dir).data_dir
    for secret in (passphrase, new_passphrase):
        logsetup.register_secret(secret or "")
    if not new_passphrase or len(new_passphrase) < MIN_PASSPHRASE:
        raise ArchiveError(f"The new passphrase needs at least {MIN_PASSPHRASE} characters.")
    if not archive.is_file():
        raise FileNotFoundError(f"No archive at {archive}.")
    placement.check_target(target)
    opened = container.open_archive(archive, passphrase)
    container.authenticate(opened)  # every chunk, before anything is created
    restrict_umask()
    placement.remove_stale_staging(target.parent)
    staging = placement.staging_for(target)
    held = None
    try:
        ensure_private_dir(staging)
        held = placement.hold_staging(staging)
        result = _build(opened, VaultPaths(staging), new_passphrase, operator_name, kdf,
                        progress)
        placement.move_into_place(staging, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    finally:
        if held is not None:
            os.close(held)
    result.data_dir = target
    log.info("vault imported from an archive (%d rows)", result.total_rows)
    return result


# --- building the vault in the staging folder ---------------------------------------------------

def _build(opened, paths: VaultPaths, new_passphrase: str, operator_name, kdf, progress
           ) -> ImportResult:
    from commandcenter.vault.engine import create_vault_engine

    paths.ensure()
    data_key = crypto.new_data_key()
    logsetup.register_secret(data_key)  # masked should it ever reach a log line
    engine = create_vault_engine(paths.db, data_key)
    _large_page_cache(engine)
    try:
        doc = document.Document()
        rows = _load(engine, opened, doc, progress)
        schema.upgrade(engine)  # a no-op when the archive is at this build's head
        _rebuild_indexes(engine)
        lead, others = _importer(engine, doc, operator_name)
        report = _verify(engine, doc, rows)
        code = _write_keyfile(paths, doc, lead, new_passphrase, data_key, kdf)
        _record(engine, doc, lead, opened.path)
    finally:
        engine.dispose()  # last connection closed: the WAL is folded into vault.db
    _make_private(paths)
    vault = doc.head["vault"]
    return ImportResult(paths.data_dir, vault["id"], vault["name"], lead["name"], code, rows,
                        report["entries"], report["head"], report["decisions"], others)


def _large_page_cache(engine) -> None:
    """Inserting into random-UUID indexes and verifying touch pages all over the file; with
    SQLite's default 2 MiB cache each miss means decrypting (and writing back, encrypting)
    a page again. A bounded larger cache on this short-lived engine avoids most of that."""
    from sqlalchemy import event

    @event.listens_for(engine, "connect")
    def _cache(dbapi_conn, _record):
        dbapi_conn.execute(f"PRAGMA cache_size = -{IMPORT_CACHE_KIB}")


def _text(opened) -> Iterator[str]:
    """The archive's payload as text: chunks decrypted, inflated and decoded as they come."""
    inflate, decode = zlib.decompressobj(), codecs.getincrementaldecoder("utf-8")()
    try:
        for chunk in container.iter_chunks(opened):
            data = chunk
            while data:
                yield decode.decode(inflate.decompress(data, INFLATE_STEP))
                data = inflate.unconsumed_tail
        yield decode.decode(inflate.flush(), final=True)
    except (zlib.error, UnicodeDecodeError) as exc:
        raise document.DocumentError("the payload does not inflate to UTF-8 text") from exc
    if not inflate.eof or inflate.unused_data:
        raise document.DocumentError("the compressed payload is incomplete")


def _check_head(head: dict) -> str:
    """The document's format and schema revision must be ones this build knows."""
    if head.get("format") != json_export.FORMAT or \
            head.get("format_version") != json_export.FORMAT_VERSION:
        raise ArchiveError("The archive holds a document this version cannot read (format "
                           f"{head.get('format')!r} version {head.get('format_version')!r}).")
    vault = head.get("vault") or {}
    revision = vault.get("schema_revision")
    if revision not in schema.known_revisions():
        raise ArchiveError(f"The archive was written with schema {revision!r}, newer than this "
                           "version of Crisis Command Center knows; install the newer version "
                           "to import it.")
    if not isinstance(vault.get("id"), str) or not isinstance(head.get("exported_by"), dict):
        raise ArchiveError("The archive's document has no vault id or exporter.")
    return revision


def _load(engine, opened, doc: document.Document, progress) -> dict[str, int]:
    """Every row, as archived, at the archive's schema revision, in one transaction."""
    batches = document.read_document(_text(opened), doc)
    try:
        next(batches)  # the head is read: check it before a single row is written
        schema.upgrade(engine, _check_head(doc.head))
        counts: dict[str, int] = {}
        with engine.connect() as conn, conn.begin():
            # Tables come in name order, not reference order: check references at commit.
            conn.exec_driver_sql("PRAGMA defer_foreign_keys = ON")
            columns = _importable_columns(conn)
            for batch in batches:
                _insert(conn, batch, columns)
                counts[batch.table] = counts.get(batch.table, 0) + len(batch.rows)
                if progress:
                    progress(sum(counts.values()))
    except document.DocumentError as exc:
        raise ArchiveError(f"The archive's content is not a document this version can read "
                           f"({exc}); nothing was imported.") from None
    except sa_exc.IntegrityError:
        raise ArchiveError("The archive's records do not fit together (a duplicate, or a "
                           "reference to a missing record); nothing was imported.") from None
    return counts


def _importable_columns(conn) -> dict[str, set[str]]:
    """Tables an archive may carry at this revision: all but Alembic's and derived indexes."""
    from commandcenter import search

    names = inspect(conn).get_table_names()
    return {n: {c["name"] for c in inspect(conn).get_columns(n)} for n in names
            if n != "alembic_version" and not search.is_index_table(n)}


def _insert(conn, batch: document.Rows, known: dict[str, set[str]]) -> None:
    if batch.table not in known:
        raise ArchiveError(f"The archive has a table this version does not know "
                           f"({batch.table!r}); nothing was imported.")
    unknown = set(batch.columns) - known[batch.table]
    if unknown:
        raise ArchiveError(f"The archive's table {batch.table} has columns this version does "
                           f"not know ({', '.join(sorted(unknown))}); nothing was imported.")
    if not batch.rows:
        return
    cols = ", ".join(json_export._q(c) for c in batch.columns)
    marks = ", ".join("?" for _ in batch.columns)
    sql = f"INSERT INTO {json_export._q(batch.table)} ({cols}) VALUES ({marks})"
    conn.exec_driver_sql(sql, [_values(r, batch.columns) for r in batch.rows])


def _values(row: dict, columns: list[str]) -> tuple:
    values = tuple(row[c] for c in columns)
    # Scalars go in as they are (the common case, kept cheap); only a {"$base64"} needs work.
    if any(type(v) is dict or type(v) is list for v in values):
        return tuple(_stored(v) for v in values)
    return values


def _stored(value):
    """A JSON value back to what the database held (binary as {"$base64": ...})."""
    import base64

    if isinstance(value, dict) and set(value) == {"$base64"}:
        try:
            return base64.b64decode(value["$base64"], validate=True)
        except (TypeError, ValueError):
            raise document.DocumentError("a binary cell is not base64") from None
    if isinstance(value, (dict, list)):
        raise document.DocumentError("a cell holds a structure, not a stored value")
    return value


def _rebuild_indexes(engine) -> None:
    from commandcenter.services.decisions.reindex import rebuild_indexes

    with engine.begin() as conn:
        rebuild_indexes(conn)


def _importer(engine, doc: document.Document, name: str | None) -> tuple[dict, list[str]]:
    """The importing lead's operator row, and the active operators who will need a slot."""
    with engine.connect() as conn:
        ops = [dict(r._mapping) for r in conn.exec_driver_sql(
            "SELECT id, name, role, status, slot_id FROM operator ORDER BY name")]
    leads = [o for o in ops if o["role"] == "lead" and o["status"] == "active"]
    wanted = (name or doc.head["exported_by"].get("name") or "").strip().casefold()
    match = next((o for o in ops if o["name"].casefold() == wanted), None)
    if match is None or match not in leads:
        who = f"{name!r} is not" if name else "the archive's exporter is not"
        names = ", ".join(o["name"] for o in leads) or "none"
        raise ArchiveError(f"Only an active lead of the archived vault can import it, and "
                           f"{who} one; pass --operator NAME (leads: {names}).")
    others = [o["name"] for o in ops if o["status"] == "active" and o is not match]
    return match, others


def _verify(engine, doc: document.Document, rows: dict[str, int]) -> dict:
    """The new vault must be sound and say exactly what the archive says."""
    from sqlmodel import Session

    from commandcenter.services import audit, decisions
    from commandcenter.vault.integrity import check_connection

    with engine.connect() as conn:
        problems = check_connection(conn.connection.dbapi_connection)
        for table, count in rows.items():
            found = conn.exec_driver_sql(f"SELECT count(*) FROM {json_export._q(table)}")
            if found.scalar_one() != count:
                problems.append(f"table {table} does not hold the archive's {count} rows")
        ids = [r[0] for r in conn.exec_driver_sql("SELECT id FROM vault_info")]
    with Session(engine) as session:
        chain, log_report = audit.verify_chain(session), decisions.verify_log(session)
    declared = doc.tail.get("audit_chain") or {}
    problems += [] if chain.ok else [chain.message]
    problems += [] if log_report.ok else [log_report.message]
    if ids != [doc.head["vault"]["id"]]:
        problems.append("the vault's identity row does not match the archive")
    if (chain.count, chain.head) != (declared.get("entries"), declared.get("head")):
        problems.append("the audit chain is not the one the archive declares")
    if problems:
        raise ArchiveError(f"The imported vault did not verify ({problems[0]}); nothing was "
                           "imported.")
    return {"entries": chain.count, "head": chain.head, "decisions": log_report.count}


def _write_keyfile(paths: VaultPaths, doc, lead: dict, new_passphrase: str, data_key: bytes,
                   kdf) -> str:
    """A new key file: the lead's slot (keeping the slot id their record names) and a new
    recovery slot; the generation continues the archived vault's count."""
    from commandcenter.vault.keyfile import new_keyfile

    params = kdf or crypto.calibrate_kdf()
    kf = new_keyfile(doc.head["vault"]["id"], data_key)
    kf.generation = int(doc.head["vault"].get("key_generation") or 1)
    kf.add_slot(kind="operator", secret=new_passphrase, data_key=data_key,
                operator_id=lead["id"], operator_name=lead["name"], role=lead["role"],
                params=params, slot_id=lead["slot_id"] or None)
    code = crypto.new_recovery_code()
    logsetup.register_secret(code)
    kf.add_slot(kind="recovery", secret=code, data_key=data_key, operator_id=None,
                operator_name="Recovery code", role="", params=params)
    kf.save(paths.keyfile, data_key)
    return code


def _record(engine, doc, lead: dict, archive: Path) -> None:
    from sqlmodel import Session

    from commandcenter.services import audit
    from commandcenter.vault.unlocked import Actor

    declared = doc.tail.get("audit_chain") or {}
    payload = {"archive": archive.name, "exported_at": doc.head.get("exported_at"),
               "exported_by": doc.head["exported_by"].get("name"),
               "app_version": doc.head.get("app_version"),
               "chain_head": declared.get("head"), "entries": declared.get("entries"),
               "key_slot_for": lead["name"]}
    actor = Actor(lead["id"], lead["name"], lead["role"])
    with Session(engine.execution_options(ccc_write=True)) as session, session.begin():
        audit.append(session, vault_id=doc.head["vault"]["id"], actor=actor,
                     action="vault.imported", entity_type="vault",
                     entity_id=doc.head["vault"]["id"], payload=payload)


def _make_private(paths: VaultPaths) -> None:
    from commandcenter.vault.paths import make_private

    for f in (paths.db, paths.wal, paths.shm, paths.keyfile):
        make_private(f)
