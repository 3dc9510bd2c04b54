"""The spokesperson roster: who may speak, on what, to whom, and when (DESIGN §4).

People, not operators: most spokespersons never unlock the app (an operator acts for them);
one who does is linked by `operator_id`. Lists (languages, audiences, topics, shifts) are JSON
text so the row stays one portable record; the roster is vault-wide, not per incident, since
the same people speak across incidents.
"""

from datetime import date

from sqlalchemy import Index
from sqlmodel import Field

from commandcenter.models.base import MutableRecord, Record

AVAILABILITY = ("on_duty", "off_duty", "on_air")  # what the roster shows
# A manual setting beats the shifts: someone on air is on air whatever the rota says.
OVERRIDES = ("", "on_duty", "off_duty", "on_air")
STATUSES = ("active", "retired")


class Spokesperson(MutableRecord, table=True):
    __tablename__ = "spokesperson"

    name: str = Field(max_length=120)
    role_title: str = Field(default="", max_length=120)  # "Chief Executive", "Head of Media"
    organisation: str = Field(default="", max_length=120)
    phone: str = Field(default="", max_length=40, index=True)  # E.164-ish, digits and +
    email: str = Field(default="", max_length=254, index=True)  # lower-cased
    messenger: str = Field(default="", max_length=120)  # secure messenger handle
    languages: str = Field(default="[]")  # JSON list of language tags ("en", "es")
    time_zone: str = Field(default="UTC", max_length=64)  # IANA name
    media_trained_on: date | None = Field(default=None)
    audiences: str = Field(default="[]")  # JSON list of audience slugs cleared
    topics: str = Field(default="[]")  # JSON list of topics cleared
    backup_id: str | None = Field(default=None, max_length=36)
    override: str = Field(default="", max_length=12)  # one of OVERRIDES
    shifts: str = Field(default="[]")  # JSON [{"days": "mon-fri", "start": "08:00", "end": "20:00"}]
    operator_id: str | None = Field(default=None, max_length=36)
    status: str = Field(default="active", max_length=12)


ASSIGNMENT_STATUSES = ("active", "removed")


class LineAssignment(MutableRecord, table=True):
    """A talking point (its identity, so each later version stays theirs) given to a
    spokesperson. Unassigning is a status change; the row and its history stay."""

    __tablename__ = "line_assignment"
    __table_args__ = (Index("ix_line_assignment_person", "spokesperson_id", "status"),
                      # Who holds which point, for the line states, from the index (0009).
                      Index("ix_line_assignment_status", "status", "spokesperson_id",
                            "point_id"))

    spokesperson_id: str = Field(foreign_key="spokesperson.id", max_length=36)
    point_id: str = Field(foreign_key="talking_point.id", max_length=36)
    status: str = Field(default="active", max_length=12)  # one of ASSIGNMENT_STATUSES
    removed_reason: str = Field(default="")


class LineAcknowledgement(Record, table=True):
    """"I have read these versions": insert-only (triggers in migration 0006 refuse UPDATE
    and DELETE) and sealed in the audit chain. `versions` is canonical JSON
    {point_id: version_id or null} — what the person held when they acknowledged — and `code`
    the short briefing-card code they saw, to be read back over the phone."""

    __tablename__ = "line_acknowledgement"
    __table_args__ = (Index("ix_line_ack_person", "spokesperson_id", "incident_id",
                            "created_at"),)

    spokesperson_id: str = Field(foreign_key="spokesperson.id", max_length=36)
    incident_id: str = Field(foreign_key="incident.id", max_length=36)
    versions: str = Field(default="{}")
    code: str = Field(default="", max_length=16)
    on_behalf: bool = Field(default=False)  # an operator acknowledged for them
    operator_name: str = Field(default="", max_length=120)
