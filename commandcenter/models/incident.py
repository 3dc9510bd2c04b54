"""Incidents: a vault holds several; one is active and later areas attach to it."""

from datetime import datetime

from sqlmodel import Field

from commandcenter.models.base import MutableRecord, UTCDateTime

SEVERITIES = ("critical", "high", "medium", "low")
STATUSES = ("open", "closed")


class Incident(MutableRecord, table=True):
    __tablename__ = "incident"

    code: str = Field(max_length=40, unique=True)
    title: str = Field(max_length=200)
    summary: str = Field(default="")
    severity: str = Field(default="high", max_length=20)
    status: str = Field(default="open", max_length=20)
    opened_at: datetime = Field(sa_type=UTCDateTime)
    closed_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
