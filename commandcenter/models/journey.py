"""The crisis journey map, the situation timeline and update promises (DESIGN §4).

Per incident: ordered, editable phases and stakeholder groups (retiring one is a status
change, never a DELETE); one cell per (phase, stakeholder) holding the 9 C's read for a
crisis, sentiment, pain points and planned actions; dated timeline events (facts of history:
only ever inserted); updates logged to a stakeholder (also insert-only); and update promises
("next update by <time>"), which an update keeps.

Talking points live in another area: a cell links to them by id in a JSON list of strings
(`content`) and a promise names its source as text ("manual", "talking_point:<id>"), so
this aggregate has no foreign key into that area.
"""

from datetime import datetime

from sqlalchemy import Index
from sqlmodel import Field

from commandcenter.models.base import MutableRecord, Record, UTCDateTime

DEFAULT_PHASES = ("Detection", "Disclosure", "Response", "Resolution", "Rebuilding trust")
DEFAULT_STAKEHOLDERS = (
    ("customers", "Customers"), ("employees", "Employees"), ("media", "Media"),
    ("regulators", "Regulators"), ("card_issuers", "Card issuers and banks"),
    ("investors", "Investors"), ("advocates", "Advocates and influencers"),
)
# The 9 C's of engagement, read for a crisis; `content` holds linked talking-point ids.
NINE_CS = ("community", "context", "content", "channel", "cadence", "catalyst",
           "credibility", "currency", "culture")
EVENT_KINDS = ("detected", "confirmed", "disclosed", "media_report", "regulator_notified",
               "remedy_launched", "other")
PROMISE_STATUSES = ("open", "kept", "late", "cancelled")


class JourneyPhase(MutableRecord, table=True):
    __tablename__ = "journey_phase"
    __table_args__ = (Index("ix_journey_phase_incident", "incident_id", "position"),)

    incident_id: str = Field(foreign_key="incident.id", max_length=36)
    name: str = Field(max_length=60)
    position: int = Field()
    status: str = Field(default="active", max_length=20)  # active | retired


class StakeholderGroup(MutableRecord, table=True):
    __tablename__ = "stakeholder_group"
    __table_args__ = (Index("ix_stakeholder_group_incident", "incident_id", "position"),)

    incident_id: str = Field(foreign_key="incident.id", max_length=36)
    key: str = Field(max_length=40)  # "customers": what talking points' audiences name
    name: str = Field(max_length=80)
    position: int = Field()
    status: str = Field(default="active", max_length=20)


class JourneyCell(MutableRecord, table=True):
    __tablename__ = "journey_cell"
    # One cell per (phase, stakeholder): the service writes under BEGIN IMMEDIATE and looks
    # the cell up first (a unique constraint would block a later merge of two laptops' maps).
    __table_args__ = (Index("ix_journey_cell_place", "phase_id", "stakeholder_id"),)

    incident_id: str = Field(foreign_key="incident.id", max_length=36)
    phase_id: str = Field(foreign_key="journey_phase.id", max_length=36)
    stakeholder_id: str = Field(foreign_key="stakeholder_group.id", max_length=36)
    community: str = Field(default="")
    context: str = Field(default="")
    content: str = Field(default="[]")  # JSON list of talking-point ids (strings)
    channel: str = Field(default="")
    cadence: str = Field(default="")
    catalyst: str = Field(default="")
    credibility: str = Field(default="")
    currency: str = Field(default="")
    culture: str = Field(default="")
    sentiment: int | None = Field(default=None)  # -2..+2; None: not assessed
    pain_points: str = Field(default="")
    actions: str = Field(default="[]")  # JSON [{"action", "owner", "due"}]


class TimelineEvent(Record, table=True):
    __tablename__ = "timeline_event"
    __table_args__ = (Index("ix_timeline_event_incident", "incident_id", "at"),
                      # The first time of each milestone kind, from the index (0009).
                      Index("ix_timeline_event_kind", "incident_id", "kind", "at"))

    incident_id: str = Field(foreign_key="incident.id", max_length=36)
    at: datetime = Field(sa_type=UTCDateTime)
    kind: str = Field(max_length=30)
    title: str = Field(max_length=300)
    source: str = Field(default="", max_length=300)
    phase_id: str | None = Field(default=None, max_length=36)


class StakeholderUpdate(Record, table=True):
    __tablename__ = "stakeholder_update"
    __table_args__ = (Index("ix_stakeholder_update_group", "stakeholder_id", "at"),)

    incident_id: str = Field(foreign_key="incident.id", max_length=36)
    stakeholder_id: str = Field(foreign_key="stakeholder_group.id", max_length=36)
    at: datetime = Field(sa_type=UTCDateTime)
    channel: str = Field(default="", max_length=120)
    summary: str = Field(default="")


class UpdatePromise(MutableRecord, table=True):
    __tablename__ = "update_promise"
    __table_args__ = (Index("ix_update_promise_open", "incident_id", "status", "due_at"),)

    incident_id: str = Field(foreign_key="incident.id", max_length=36)
    stakeholder_id: str = Field(foreign_key="stakeholder_group.id", max_length=36)
    promised_at: datetime = Field(sa_type=UTCDateTime)
    due_at: datetime = Field(sa_type=UTCDateTime)
    source: str = Field(default="manual", max_length=80)  # manual | talking_point:<id>
    note: str = Field(default="")
    status: str = Field(default="open", max_length=20)
    kept_by: str | None = Field(default=None, max_length=36)  # the update that kept it
    kept_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
