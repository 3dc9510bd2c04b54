"""The decision log (DESIGN §4, after the JESIP Joint Decision Model).

`DecisionEntry` is the log book itself: insert-only (triggers from migration 0003 refuse
UPDATE and DELETE), numbered without gaps per incident within the vault's log book, and
hash-chained per book (`book_seq`, `prev_hash`, `hash`). A correction, a review outcome or an
action done is a new entry that refers to the decision it amends; a decision is superseded by
a later decision entry or rescinded by a rescission entry.

`DecisionHead` is derived: one row per decision with its current state (status, current text,
review due, incomplete), rebuilt from the chain by the service in the same transaction as
every entry, and re-derived by `verify`, so a head rewritten behind the service's back is
reported. It exists so lists, filters and counts over 100,000 entries stay index lookups.

Structured fields (makers, information, options, actions, tags) are canonical JSON text: the
hash covers the exact text, as the audit trail's payload does.
"""

from datetime import datetime

from sqlalchemy import Index, UniqueConstraint
from sqlmodel import Field, SQLModel

from commandcenter.models.base import Record, UTCDateTime

# What an entry does. A "decision" or "supersession" starts a decision of its own; the other
# kinds refer to one (`target_id`).
KINDS = ("decision", "supersession", "amendment", "review", "action_done", "rescission")
ROOT_KINDS = ("decision", "supersession")
STATUSES = ("in_force", "superseded", "rescinded")
LATE_AFTER_MINUTES = 15


class DecisionEntry(Record, table=True):
    __tablename__ = "decision_entry"
    __table_args__ = (
        UniqueConstraint("log_book", "incident_id", "number", name="uq_decision_entry_number"),
        UniqueConstraint("log_book", "book_seq", name="uq_decision_entry_book_seq"),
        Index("ix_decision_entry_target", "target_id"),
    )

    log_book: str = Field(max_length=12)
    book_seq: int = Field()  # position in the book's hash chain, gapless from 1
    incident_id: str = Field(foreign_key="incident.id", max_length=36)
    number: int = Field()  # gapless per incident within the book: WR1-0042
    kind: str = Field(max_length=20)
    target_id: str | None = Field(default=None, max_length=36)  # the decision acted on

    decided_at: datetime = Field(sa_type=UTCDateTime)
    logged_at: datetime = Field(sa_type=UTCDateTime)
    late_reason: str = Field(default="")
    decision_makers: str = Field(default="[]")  # JSON list of names
    loggist: str = Field(default="", max_length=120)

    decision: str = Field(default="")
    rationale: str = Field(default="")
    information: str = Field(default="[]")  # JSON [{"item", "source"}]
    assumptions: str = Field(default="")
    uncertainties: str = Field(default="")
    options: str = Field(default="[]")  # JSON [{"option", "suitability", "feasibility", ...}]
    risk: str = Field(default="")
    powers: str = Field(default="")
    expected_outcome: str = Field(default="")
    actions: str = Field(default="[]")  # JSON [{"action", "owner", "due"}]
    review_by: datetime | None = Field(default=None, sa_type=UTCDateTime)
    review_outcome: str = Field(default="")
    action_index: int | None = Field(default=None)  # action_done: which action
    tags: str = Field(default="[]")  # JSON list
    workstream: str = Field(default="", max_length=80)
    # Which fields an amendment sets (JSON list); other entries carry every field.
    changed: str = Field(default="[]")
    note: str = Field(default="")  # why: the amendment, rescission or action note

    prev_hash: str = Field(max_length=64)
    hash: str = Field(max_length=64, unique=True)


class DecisionHead(SQLModel, table=True):
    """Current state of one decision, derived from its chain (never the record itself)."""

    __tablename__ = "decision_head"
    __table_args__ = (
        Index("ix_decision_head_list", "incident_id", "decided_at", "number", "search_key"),
        # `incomplete` last: the header's four counts are one pass over this index (0009).
        Index("ix_decision_head_status", "incident_id", "status", "decided_at", "number",
              "review_by", "search_key", "incomplete"),
        Index("ix_decision_head_incomplete", "incident_id", "incomplete", "decided_at",
              "number"),
        Index("ux_decision_head_search_key", "search_key", unique=True),
    )

    decision_id: str = Field(primary_key=True, max_length=36)  # the root entry's id
    incident_id: str = Field(max_length=36)
    log_book: str = Field(max_length=12)
    number: int = Field()
    label: str = Field(max_length=24)
    decided_at: datetime = Field(sa_type=UTCDateTime)
    decision: str = Field(default="")
    decision_makers: str = Field(default="")  # "A; B" for display and filtering
    tags: str = Field(default="[]")
    status: str = Field(default="in_force", max_length=20)
    superseded_by: str = Field(default="", max_length=24)  # label of the superseding entry
    review_by: datetime | None = Field(default=None, sa_type=UTCDateTime)
    incomplete: bool = Field(default=False)
    missing: str = Field(default="")  # "options, risk" — what a full entry still needs
    entries: int = Field(default=1)  # length of the decision's chain
    open_actions: int = Field(default=0)
    last_entry_at: datetime = Field(sa_type=UTCDateTime)
    search_key: int = Field(default=0)  # names the decision in search/facet indexes
