"""The append-only, hash-chained audit trail shared by every area.

Rows are sealed when inserted: triggers (migration 0001) refuse UPDATE and DELETE, and each
row's hash covers the previous hash and a canonical serialisation of the row, so a row
rewritten behind the triggers' back is found by `verify`.
"""

from datetime import datetime

from sqlmodel import Field, SQLModel

from commandcenter.models.base import UTCDateTime, new_id

GENESIS_HASH = "0" * 64


class AuditEntry(SQLModel, table=True):
    __tablename__ = "audit_entry"

    seq: int = Field(primary_key=True)  # gapless, from 1
    id: str = Field(default_factory=new_id, max_length=36, unique=True)
    origin_vault_id: str = Field(max_length=36)
    at: datetime = Field(sa_type=UTCDateTime)
    operator_id: str | None = Field(default=None, max_length=36)
    operator_name: str = Field(default="", max_length=120)
    action: str = Field(max_length=64)
    entity_type: str = Field(max_length=40)
    entity_id: str | None = Field(default=None, max_length=36)
    payload: str = Field(default="{}")  # canonical JSON
    prev_hash: str = Field(max_length=64)
    hash: str = Field(max_length=64, unique=True)
