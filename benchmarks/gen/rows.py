"""Helpers for writing generated rows straight into the tables: seeded ids and words, bulk
inserts, and audit entries chained exactly as services.audit.append chains them."""

import random
import uuid
from datetime import datetime

from sqlalchemy import text

from commandcenter.models.audit import GENESIS_HASH, AuditEntry
from commandcenter.models.base import iso
from commandcenter.services import audit

WORDS = [f"{a}{b}" for a in ("card", "store", "bank", "media", "staff", "legal", "press",
                             "remedy", "hotline", "forensic") for b in
         ("alpha", "bravo", "charlie", "delta", "echo", "fox", "golf", "hotel", "india",
          "juliet", "kilo", "lima", "mike", "nova", "oscar", "papa", "quebec", "romeo",
          "sierra", "tango")]  # 200 words: searches have hits of every size


def seeded_id(rnd: random.Random) -> str:
    """A UUID4 drawn from the seeded generator, so rows written directly are reproducible."""
    return str(uuid.UUID(int=rnd.getrandbits(128), version=4))


def words(rnd: random.Random, n: int) -> str:
    return " ".join(rnd.choices(WORDS, k=n))


def sentence(rnd: random.Random, n: int) -> str:
    return words(rnd, n).capitalize() + "."


def insert(conn, table: str, rows: list[dict]) -> None:
    """One executemany per table (rows share their keys)."""
    if rows:
        conn.execute(text(f"INSERT INTO {table} ({', '.join(rows[0])}) VALUES "
                          f"({', '.join(':' + c for c in rows[0])})"), rows)


def record_row(vault, rnd, created: datetime, **values) -> dict:
    """The columns every Record carries, then `values`."""
    return dict(id=seeded_id(rnd), origin_vault_id=vault.vault_id, created_at=iso(created),
                created_by=vault.actor.id, **values)


def mutable_row(vault, rnd, created: datetime, **values) -> dict:
    return record_row(vault, rnd, created, updated_at=iso(created), updated_by=vault.actor.id,
                      **values)


class AuditChain:
    """Appends entries to the audit chain in bulk: the same seq, hash and canonical form as
    audit.append, without a SELECT per entry."""

    def __init__(self, vault, session, rnd: random.Random):
        self.vault, self.session, self.rnd = vault, session, rnd
        last = session.connection().execute(text(
            "SELECT seq, hash FROM audit_entry ORDER BY seq DESC LIMIT 1")).first()
        self.seq, self.head = (last[0], last[1]) if last else (0, GENESIS_HASH)
        self.rows: list[dict] = []

    def add(self, at: datetime, action: str, entity_type: str, entity_id: str | None,
            payload: dict) -> None:
        actor = self.vault.actor
        self.seq += 1
        entry = AuditEntry(seq=self.seq, id=seeded_id(self.rnd),
                           origin_vault_id=self.vault.vault_id, at=at, operator_id=actor.id,
                           operator_name=actor.name, action=action, entity_type=entity_type,
                           entity_id=entity_id, payload=audit.canonical_json(payload),
                           prev_hash=self.head, hash="")
        entry.hash = self.head = audit.entry_hash(entry)
        self.rows.append(dict(seq=entry.seq, id=entry.id, origin_vault_id=entry.origin_vault_id,
                              at=iso(at), operator_id=entry.operator_id,
                              operator_name=entry.operator_name, action=action,
                              entity_type=entity_type, entity_id=entity_id,
                              payload=entry.payload, prev_hash=entry.prev_hash,
                              hash=entry.hash))

    def flush(self) -> None:
        insert(self.session.connection(), "audit_entry", self.rows)
        self.rows = []
