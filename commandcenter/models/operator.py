"""Operators: the people who act in this vault, each with a key slot."""

from datetime import datetime
from enum import StrEnum

from sqlmodel import Field

from commandcenter.models.base import MutableRecord, UTCDateTime


class Role(StrEnum):
    LEAD = "lead"
    APPROVER = "approver"
    EDITOR = "editor"
    LOGGIST = "loggist"
    SPOKESPERSON = "spokesperson"

    @property
    def label(self) -> str:
        return {"lead": "War-room lead", "approver": "Approver", "editor": "Editor",
                "loggist": "Loggist", "spokesperson": "Spokesperson"}[self.value]


class Operator(MutableRecord, table=True):
    __tablename__ = "operator"

    name: str = Field(max_length=120)
    role: str = Field(max_length=20)
    slot_id: str | None = Field(default=None, max_length=36)
    status: str = Field(default="active", max_length=20)  # active | revoked
    revoked_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
