"""Indexes that let the reads of every dashboard snapshot and roster open use an index
alone instead of the table's pages (issue 9). On a SQLCipher vault each page read from the
file is decrypted and its HMAC checked, so the pages a read touches are most of its cost:

- `ix_timeline_event_kind` (incident, kind, time): the first time of each milestone kind
  (detected, confirmed, disclosed, …) is one index lookup per kind. Without it the query
  read every event row of the incident (30,000 events: 3,300 pages).
- `ix_decision_head_status` gains `incomplete`: the four decision counts of the log's
  header and the dashboard (total, in force, review due, incomplete) are one pass over this
  index, no longer a second pass over `ix_decision_head_incomplete`.
- `ix_line_assignment_status` (status, person, point): the roster's and the dashboard's line
  states read who holds which point from the index, a third of the table's size.
- `ix_talking_point_version_current`: a partial index of the versions that may be the
  current line (approved, flagged or not), holding every column the board and the line
  states read, words included. The 2,000 such versions of a large vault lay scattered among
  20,000 in the table (1,650 pages per read); in this index they fill about 350. Those
  words are inside the encrypted file, like the table's.

Column lists are written out here, not imported, so later model edits cannot change what
this revision did.

Revision ID: 0009
Revises: 0008
"""
import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

_STATUS_COLUMNS = ["incident_id", "status", "decided_at", "number", "review_by", "search_key"]
_CURRENT_LINE_COLUMNS = ["point_id", "id", "version", "status", "title", "question", "body",
                         "pillars", "empathy_line", "approved_at", "valid_from", "expires_at",
                         "review_by", "next_update_due", "flag_reason"]


def upgrade() -> None:
    op.create_index("ix_timeline_event_kind", "timeline_event", ["incident_id", "kind", "at"])
    op.drop_index("ix_decision_head_status", "decision_head")
    op.create_index("ix_decision_head_status", "decision_head",
                    [*_STATUS_COLUMNS, "incomplete"])
    op.create_index("ix_line_assignment_status", "line_assignment",
                    ["status", "spokesperson_id", "point_id"])
    op.create_index("ix_talking_point_version_current", "talking_point_version",
                    _CURRENT_LINE_COLUMNS,
                    sqlite_where=sa.text("status IN ('approved', 'needs_review')"))


def downgrade() -> None:
    op.drop_index("ix_talking_point_version_current", "talking_point_version")
    op.drop_index("ix_line_assignment_status", "line_assignment")
    op.drop_index("ix_decision_head_status", "decision_head")
    op.create_index("ix_decision_head_status", "decision_head", _STATUS_COLUMNS)
    op.drop_index("ix_timeline_event_kind", "timeline_event")
