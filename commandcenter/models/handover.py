"""Shift handovers (issue 8): what the outgoing operator handed to the incoming one.

A row is written once, when both have signed — the outgoing operator (the one acting) and
the incoming operator (who proved who they are with their own passphrase) — in the same
transaction as the two audit entries that seal it. Until then a handover is only computed
(services/handover), never stored, so nothing half-signed can be left behind.

Insert-only: triggers from migration 0007 refuse UPDATE and DELETE (DESIGN §7: handover
sign-offs are facts of history). `content` is the canonical JSON of the sections both
operators saw, so the handover can be printed again exactly as signed; `content_hash`
covers that content and the outgoing operator's notes and is the code on the PDF's footer.
The next handover of the incident starts at `until`.
"""

from datetime import datetime

from sqlalchemy import Index, UniqueConstraint
from sqlmodel import Field

from commandcenter.models.base import Record, UTCDateTime


class Handover(Record, table=True):
    __tablename__ = "handover"
    __table_args__ = (
        UniqueConstraint("incident_id", "number", name="uq_handover_number"),
        Index("ix_handover_incident", "incident_id", "until"),
    )

    incident_id: str = Field(foreign_key="incident.id", max_length=36)
    number: int = Field()  # 1, 2, 3… per incident, in the order they were signed
    since: datetime = Field(sa_type=UTCDateTime)  # the previous handover's `until`, or opening
    until: datetime = Field(sa_type=UTCDateTime)  # when the content was read
    outgoing_id: str = Field(max_length=36)
    outgoing_name: str = Field(max_length=120)
    outgoing_signed_at: datetime = Field(sa_type=UTCDateTime)
    incoming_id: str = Field(max_length=36)
    incoming_name: str = Field(max_length=120)
    incoming_signed_at: datetime = Field(sa_type=UTCDateTime)
    notes: str = Field(default="")  # the outgoing operator's words to the incoming one
    content: str = Field(default="{}")  # canonical JSON of the sections
    content_hash: str = Field(max_length=64)
