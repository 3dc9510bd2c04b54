"""The audit trail: append a sealed, hash-chained entry; verify the chain; export a receipt.

hash(n) = SHA-256( hash(n-1) + "\\n" + canonical(entry n) ), canonical = sorted-key compact
JSON of every field but the hash, UTF-8. The first entry links to 64 zeros.
"""

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, func, select

from commandcenter.models.audit import GENESIS_HASH, AuditEntry
from commandcenter.models.base import iso, new_id, utcnow
from commandcenter.vault.rawsql import raw
from commandcenter.vault.unlocked import Actor, UnlockedVault

RECEIPT_HASH_CHARS = 16


def canonical_json(data) -> str:
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False,
                      default=_json_default)


def _json_default(value):
    if isinstance(value, datetime):
        return iso(value)
    raise TypeError(f"not serialisable: {type(value).__name__}")


def entry_canonical(entry: AuditEntry) -> str:
    return canonical_json({
        "seq": entry.seq, "id": entry.id, "origin_vault_id": entry.origin_vault_id,
        "at": iso(entry.at), "operator_id": entry.operator_id,
        "operator_name": entry.operator_name, "action": entry.action,
        "entity_type": entry.entity_type, "entity_id": entry.entity_id,
        "payload": entry.payload, "prev_hash": entry.prev_hash,
    })


def entry_hash(entry: AuditEntry) -> str:
    return hashlib.sha256(f"{entry.prev_hash}\n{entry_canonical(entry)}".encode()).hexdigest()


_COLUMNS = ("seq", "id", "origin_vault_id", "at", "operator_id", "operator_name", "action",
            "entity_type", "entity_id", "payload", "prev_hash", "hash")
_INSERT = (f"INSERT INTO audit_entry ({', '.join(_COLUMNS)}) "
           f"VALUES ({', '.join(':' + c for c in _COLUMNS)})")


def append(session: Session, *, vault_id: str, actor: Actor | None, action: str,
           entity_type: str, entity_id: str | None = None, payload: dict | None = None,
           at: datetime | None = None) -> AuditEntry:
    """Seal one entry into the chain, inside the caller's write session (BEGIN IMMEDIATE),
    so no other writer can take the same sequence number.

    Every write of every area ends here, so it is one plain INSERT on the session
    connection's DB-API cursor (vault.rawsql), not an ORM add and flush: a millisecond of a
    decision append's 5 ms budget. The entry returned is not kept in the session."""
    session.flush()  # what the caller added through the ORM is written before its seal
    db = raw(session.connection())
    last = db.execute("SELECT seq, hash FROM audit_entry ORDER BY seq DESC LIMIT 1").fetchone()
    entry = AuditEntry(
        seq=last[0] + 1 if last else 1, id=new_id(), origin_vault_id=vault_id,
        at=at or utcnow(), operator_id=actor.id if actor else None,
        operator_name=actor.name if actor else "", action=action, entity_type=entity_type,
        entity_id=entity_id, payload=canonical_json(payload or {}),
        prev_hash=last[1] if last else GENESIS_HASH, hash="",
    )
    entry.hash = entry_hash(entry)
    row = {c: getattr(entry, c) for c in _COLUMNS}
    row["at"] = iso(entry.at)  # stored as UTCDateTime stores it (aware UTC, or refused)
    db.execute(_INSERT, row)
    return entry


def record(vault: UnlockedVault, session: Session, action: str, entity_type: str,
           entity_id: str | None = None, payload: dict | None = None) -> AuditEntry:
    """Shorthand for services: the acting operator of `vault` is recorded."""
    return append(session, vault_id=vault.vault_id, actor=vault.actor, action=action,
                  entity_type=entity_type, entity_id=entity_id, payload=payload)


@dataclass(frozen=True)
class ChainReport:
    ok: bool
    count: int
    head: str
    broken_at: int | None = None
    message: str = ""

    @property
    def short_head(self) -> str:
        return self.head[:RECEIPT_HASH_CHARS]


def verify_chain(session: Session, *, batch: int = 2000, progress=None) -> ChainReport:
    """Walk the chain in order; report the first broken link by its sequence number."""
    prev_hash, expected_seq, count = GENESIS_HASH, 1, 0
    total = session.exec(select(func.count()).select_from(AuditEntry)).one()
    last_seq = 0
    while True:
        rows = session.exec(select(AuditEntry).where(AuditEntry.seq > last_seq)
                            .order_by(AuditEntry.seq).limit(batch)).all()
        if not rows:
            break
        for entry in rows:
            problem = _check_link(entry, expected_seq, prev_hash)
            if problem:
                return ChainReport(False, count, prev_hash, entry.seq if "missing" not in problem
                                   else expected_seq, problem)
            prev_hash, expected_seq, count = entry.hash, entry.seq + 1, count + 1
        last_seq = rows[-1].seq
        if progress:
            progress(count, total)
    return ChainReport(True, count, prev_hash, None,
                       f"audit chain intact: {count} entries, head {prev_hash[:RECEIPT_HASH_CHARS]}")


def _check_link(entry: AuditEntry, expected_seq: int, prev_hash: str) -> str:
    if entry.seq != expected_seq:
        return f"audit entry #{expected_seq} is missing (next found is #{entry.seq})"
    if entry.prev_hash != prev_hash:
        return f"audit entry #{entry.seq}: link to entry #{entry.seq - 1} is broken"
    if entry_hash(entry) != entry.hash:
        return f"audit entry #{entry.seq}: content changed after it was sealed"
    return ""


def chain_head(session: Session) -> tuple[int, str]:
    last = session.exec(select(AuditEntry).order_by(AuditEntry.seq.desc()).limit(1)).first()
    return (last.seq, last.hash) if last else (0, GENESIS_HASH)


def receipt(vault: UnlockedVault) -> str:
    """A short text to keep outside the vault (paper, phone photo, e-mail to counsel):
    later, `verify` plus this receipt proves no entry up to it was altered."""
    with vault.read() as session:
        seq, head = chain_head(session)
    return (f"Crisis Command Center audit receipt\n"
            f"vault {vault.vault_id}\n"
            f"entry #{seq}  head {head[:RECEIPT_HASH_CHARS]}\n"
            f"full hash {head}\n"
            f"issued {iso(utcnow())} by {vault.actor.name}\n")


def recent_entries(vault: UnlockedVault, *, limit: int = 200, before_seq: int | None = None,
                   search: str = "") -> list[AuditEntry]:
    """The newest entries, `limit` at a time before `before_seq`. `search`: only the entries
    whose action, entity, operator or details match those words (full-text, search.query's
    rules; a bad query raises SearchSyntaxError with its message)."""
    from commandcenter.search import areas

    # Payloads carry roster contacts and line drafts: not for a spokesperson (DESIGN §4).
    vault.actor.require("lead", "approver", "editor", "loggist",
                        action="read the audit trail")
    match = areas.expression(search)
    with vault.read() as session:
        if match is not None:
            seqs = areas.audit_seqs(session, match, limit=limit, before_seq=before_seq)
            query = select(AuditEntry).where(AuditEntry.seq.in_(seqs))
            return list(session.exec(query.order_by(AuditEntry.seq.desc())).all())
        query = select(AuditEntry).order_by(AuditEntry.seq.desc()).limit(limit)
        if before_seq is not None:
            query = query.where(AuditEntry.seq < before_seq)
        return list(session.exec(query).all())
