"""Approved talking points (DESIGN §4, the message house).

`TalkingPoint` is the identity of a line: its incident, kind, audiences, channels and
language. Its words live in `TalkingPointVersion` rows, numbered 1, 2, 3… per point. A version
is editable only while it is a draft: triggers from migration 0004 refuse any change to its
words once it has been submitted, so an approved text is the text that was approved.
The workflow columns (status, rounds, flags) still move: draft → in_review → approved →
superseded / retired, and approved → needs_review when a decision or fact it relies on changes.
"Expired" is not stored: it is read from the clock against `expires_at`.

`TalkingPointReview` (approve / reject, with operator, time and comment) and
`TalkingPointLink` (version → decision or fact) are facts of history: triggers refuse UPDATE
and DELETE on reviews, and on links once their version has left draft.

Structured fields (audiences, channels, pillars) are canonical JSON text.
"""

from datetime import datetime

from sqlalchemy import Index, UniqueConstraint, text
from sqlmodel import Field

from commandcenter.models.base import MutableRecord, Record, UTCDateTime

KINDS = ("holding_statement", "key_message", "qa", "bridging_line", "do_not_say")
KIND_LABELS = {"holding_statement": "Holding statement", "key_message": "Key message",
               "qa": "Q&A", "bridging_line": "Bridging line", "do_not_say": "Do not say"}
AUDIENCES = ("customers", "employees", "media", "regulators", "card_issuers", "investors",
             "partners", "advocates", "law_enforcement", "board")
AUDIENCE_LABELS = {"customers": "Customers", "employees": "Employees", "media": "Media",
                   "regulators": "Regulators", "card_issuers": "Card issuers / banks",
                   "investors": "Investors", "partners": "Partners",
                   "advocates": "Advocates / influencers",
                   "law_enforcement": "Law enforcement", "board": "Board"}
CHANNELS = ("press", "website", "social", "hotline", "email", "in_store", "briefing",
            "intranet", "letter")
STATUSES = ("draft", "in_review", "approved", "superseded", "retired", "expired",
            "needs_review")
# The columns that are the version's words: frozen once it leaves draft (migration 0004).
WORD_FIELDS = ("title", "question", "body", "pillars", "we_know", "we_dont_know",
               "we_are_doing", "you_should_do", "empathy_line", "next_update_due",
               "valid_from", "expires_at", "review_by")
MAX_PILLARS = 3


class TalkingPoint(MutableRecord, table=True):
    __tablename__ = "talking_point"
    __table_args__ = (Index("ix_talking_point_incident", "incident_id", "kind"),)

    incident_id: str = Field(foreign_key="incident.id", max_length=36)
    kind: str = Field(max_length=20)
    audiences: str = Field(default="[]")  # JSON list of AUDIENCES keys
    channels: str = Field(default="[]")  # JSON list of CHANNELS keys (empty: every channel)
    language: str = Field(default="en", max_length=12)
    template_key: str = Field(default="", max_length=60)  # the library entry it came from
    retired_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


# Only approved versions (flagged "needs review" or not) can be the current line.
MAY_BE_CURRENT = "status IN ('approved', 'needs_review')"
CURRENT_LINE_COLUMNS = ("point_id", "id", "version", "status", "title", "question", "body",
                        "pillars", "empathy_line", "approved_at", "valid_from", "expires_at",
                        "review_by", "next_update_due", "flag_reason")


class TalkingPointVersion(MutableRecord, table=True):
    __tablename__ = "talking_point_version"
    __table_args__ = (
        UniqueConstraint("point_id", "version", name="uq_talking_point_version"),
        Index("ix_talking_point_version_status", "status"),
        # The versions that may be the current line, with every column the board and the
        # line states read (talking_points.query._VERSIONS_SQL): they are read from this
        # small index, not from table pages scattered among 20,000 versions (0009).
        Index("ix_talking_point_version_current", *CURRENT_LINE_COLUMNS,
              sqlite_where=text(MAY_BE_CURRENT)),
    )

    point_id: str = Field(foreign_key="talking_point.id", max_length=36)
    version: int = Field()
    status: str = Field(default="draft", max_length=20)

    title: str = Field(default="", max_length=200)
    question: str = Field(default="")  # Q&A: the question; the body is the answer
    body: str = Field(default="")  # the umbrella statement for a key message
    pillars: str = Field(default="[]")  # JSON [{"pillar", "proof_points": [...]}], ≤ 3
    we_know: str = Field(default="")
    we_dont_know: str = Field(default="")
    we_are_doing: str = Field(default="")
    you_should_do: str = Field(default="")
    empathy_line: str = Field(default="")
    next_update_due: datetime | None = Field(default=None, sa_type=UTCDateTime)
    valid_from: datetime | None = Field(default=None, sa_type=UTCDateTime)
    expires_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    review_by: datetime | None = Field(default=None, sa_type=UTCDateTime)

    # Workflow: a review round starts at each submit and at each "needs review" flag; only
    # the approvals of the current round count.
    review_round: int = Field(default=0)
    submitted_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    approved_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    reject_reason: str = Field(default="")
    flag_reason: str = Field(default="")  # why it needs review (a decision or fact changed)
    flagged_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class TalkingPointReview(Record, table=True):
    __tablename__ = "talking_point_review"
    __table_args__ = (Index("ix_talking_point_review_version", "version_id", "review_round"),)

    version_id: str = Field(foreign_key="talking_point_version.id", max_length=36)
    review_round: int = Field()
    outcome: str = Field(max_length=10)  # approve | reject
    operator_name: str = Field(default="", max_length=120)
    comment: str = Field(default="")


class TalkingPointLink(Record, table=True):
    __tablename__ = "talking_point_link"
    __table_args__ = (
        UniqueConstraint("version_id", "target_type", "target_id",
                         name="uq_talking_point_link"),
        Index("ix_talking_point_link_target", "target_type", "target_id"),
    )

    version_id: str = Field(foreign_key="talking_point_version.id", max_length=36)
    target_type: str = Field(max_length=10)  # decision | fact
    target_id: str = Field(max_length=36)
