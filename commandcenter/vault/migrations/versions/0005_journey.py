"""The crisis journey map, the situation timeline and update promises.

Revision ID: 0005
Revises: 0004

Self-contained: links to talking points are ids in JSON text, never foreign keys, so this
revision can sit after any other area's revision (on merge its down_revision moves).
"""
import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

TS = sa.String(27)
INSERT_ONLY = ("timeline_event", "stakeholder_update")


def _record(mutable: bool = True) -> list[sa.Column]:
    cols = [
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("origin_vault_id", sa.String(36), nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("created_by", sa.String(36), nullable=True),
    ]
    if mutable:
        cols += [sa.Column("updated_at", TS, nullable=False),
                 sa.Column("updated_by", sa.String(36), nullable=True)]
    return cols


def _incident() -> sa.Column:
    return sa.Column("incident_id", sa.String(36), sa.ForeignKey("incident.id"), nullable=False)


def _text(name: str) -> sa.Column:
    return sa.Column(name, sa.String, nullable=False)


def upgrade() -> None:
    op.create_table(
        "journey_phase", *_record(), _incident(),
        sa.Column("name", sa.String(60), nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
    )
    op.create_index("ix_journey_phase_incident", "journey_phase", ["incident_id", "position"])
    op.create_table(
        "stakeholder_group", *_record(), _incident(),
        sa.Column("key", sa.String(40), nullable=False),
        sa.Column("name", sa.String(80), nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
    )
    op.create_index("ix_stakeholder_group_incident", "stakeholder_group",
                    ["incident_id", "position"])
    op.create_table(
        "journey_cell", *_record(), _incident(),
        sa.Column("phase_id", sa.String(36), sa.ForeignKey("journey_phase.id"), nullable=False),
        sa.Column("stakeholder_id", sa.String(36), sa.ForeignKey("stakeholder_group.id"),
                  nullable=False),
        *[_text(n) for n in ("community", "context", "content", "channel", "cadence",
                             "catalyst", "credibility", "currency", "culture")],
        sa.Column("sentiment", sa.Integer, nullable=True),
        _text("pain_points"), _text("actions"),
    )
    op.create_index("ix_journey_cell_place", "journey_cell", ["phase_id", "stakeholder_id"])
    op.create_table(
        "timeline_event", *_record(mutable=False), _incident(),
        sa.Column("at", TS, nullable=False),
        sa.Column("kind", sa.String(30), nullable=False),
        sa.Column("title", sa.String(300), nullable=False),
        sa.Column("source", sa.String(300), nullable=False),
        sa.Column("phase_id", sa.String(36), nullable=True),
    )
    op.create_index("ix_timeline_event_incident", "timeline_event", ["incident_id", "at"])
    op.create_table(
        "stakeholder_update", *_record(mutable=False), _incident(),
        sa.Column("stakeholder_id", sa.String(36), sa.ForeignKey("stakeholder_group.id"),
                  nullable=False),
        sa.Column("at", TS, nullable=False),
        sa.Column("channel", sa.String(120), nullable=False),
        _text("summary"),
    )
    op.create_index("ix_stakeholder_update_group", "stakeholder_update",
                    ["stakeholder_id", "at"])
    op.create_table(
        "update_promise", *_record(), _incident(),
        sa.Column("stakeholder_id", sa.String(36), sa.ForeignKey("stakeholder_group.id"),
                  nullable=False),
        sa.Column("promised_at", TS, nullable=False),
        sa.Column("due_at", TS, nullable=False),
        sa.Column("source", sa.String(80), nullable=False),
        _text("note"),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("kept_by", sa.String(36), nullable=True),
        sa.Column("kept_at", TS, nullable=True),
    )
    op.create_index("ix_update_promise_open", "update_promise",
                    ["incident_id", "status", "due_at"])
    # Timeline events and logged updates are facts of history (DESIGN §7): only inserted.
    for table in INSERT_ONLY:
        for verb in ("UPDATE", "DELETE"):
            op.execute(f"CREATE TRIGGER {table}_no_{verb.lower()} BEFORE {verb} ON {table} "
                       f"BEGIN SELECT RAISE(ABORT, '{table} rows are facts of history: they "
                       f"cannot be changed or deleted'); END")


def downgrade() -> None:
    for table in INSERT_ONLY:
        for verb in ("update", "delete"):
            op.execute(f"DROP TRIGGER IF EXISTS {table}_no_{verb}")
    op.drop_index("ix_update_promise_open", "update_promise")
    op.drop_table("update_promise")
    op.drop_index("ix_stakeholder_update_group", "stakeholder_update")
    op.drop_table("stakeholder_update")
    op.drop_index("ix_timeline_event_incident", "timeline_event")
    op.drop_table("timeline_event")
    op.drop_index("ix_journey_cell_place", "journey_cell")
    op.drop_table("journey_cell")
    op.drop_index("ix_stakeholder_group_incident", "stakeholder_group")
    op.drop_table("stakeholder_group")
    op.drop_index("ix_journey_phase_incident", "journey_phase")
    op.drop_table("journey_phase")
