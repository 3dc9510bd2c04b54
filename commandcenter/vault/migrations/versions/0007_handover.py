"""Shift handovers, signed off by the outgoing and the incoming operator (issue 8).

Revision ID: 0007
Revises: 0006
"""
import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

TS = sa.String(27)


def upgrade() -> None:
    op.create_table(
        "handover",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("origin_vault_id", sa.String(36), nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("created_by", sa.String(36), nullable=True),
        sa.Column("incident_id", sa.String(36), sa.ForeignKey("incident.id"), nullable=False),
        sa.Column("number", sa.Integer, nullable=False),
        sa.Column("since", TS, nullable=False),
        sa.Column("until", TS, nullable=False),
        sa.Column("outgoing_id", sa.String(36), nullable=False),
        sa.Column("outgoing_name", sa.String(120), nullable=False),
        sa.Column("outgoing_signed_at", TS, nullable=False),
        sa.Column("incoming_id", sa.String(36), nullable=False),
        sa.Column("incoming_name", sa.String(120), nullable=False),
        sa.Column("incoming_signed_at", TS, nullable=False),
        sa.Column("notes", sa.String, nullable=False),
        sa.Column("content", sa.String, nullable=False),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.UniqueConstraint("incident_id", "number", name="uq_handover_number"),
    )
    op.create_index("ix_handover_incident", "handover", ["incident_id", "until"])
    # A signed handover is a fact of history: never changed, never removed.
    for verb in ("UPDATE", "DELETE"):
        op.execute(f"CREATE TRIGGER handover_no_{verb.lower()} BEFORE {verb} ON handover "
                   "BEGIN SELECT RAISE(ABORT, 'handovers are append-only'); END")


def downgrade() -> None:
    for verb in ("update", "delete"):
        op.execute(f"DROP TRIGGER IF EXISTS handover_no_{verb}")
    op.drop_index("ix_handover_incident", "handover")
    op.drop_table("handover")
