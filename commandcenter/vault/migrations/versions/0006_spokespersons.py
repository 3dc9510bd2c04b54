"""The spokesperson roster, line assignments and acknowledgements (issue 6).

Revision ID: 0006
Revises: 0005
"""
import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

TS = sa.String(27)


def upgrade() -> None:
    op.create_table(
        "spokesperson",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("origin_vault_id", sa.String(36), nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("created_by", sa.String(36), nullable=True),
        sa.Column("updated_at", TS, nullable=False),
        sa.Column("updated_by", sa.String(36), nullable=True),
        sa.Column("name", sa.String(120), nullable=False),
        sa.Column("role_title", sa.String(120), nullable=False),
        sa.Column("organisation", sa.String(120), nullable=False),
        sa.Column("phone", sa.String(40), nullable=False),
        sa.Column("email", sa.String(254), nullable=False),
        sa.Column("messenger", sa.String(120), nullable=False),
        sa.Column("languages", sa.String, nullable=False),
        sa.Column("time_zone", sa.String(64), nullable=False),
        sa.Column("media_trained_on", sa.Date, nullable=True),
        sa.Column("audiences", sa.String, nullable=False),
        sa.Column("topics", sa.String, nullable=False),
        sa.Column("backup_id", sa.String(36), nullable=True),
        sa.Column("override", sa.String(12), nullable=False),
        sa.Column("shifts", sa.String, nullable=False),
        sa.Column("operator_id", sa.String(36), nullable=True),
        sa.Column("status", sa.String(12), nullable=False),
    )
    op.create_index("ix_spokesperson_phone", "spokesperson", ["phone"])
    op.create_index("ix_spokesperson_email", "spokesperson", ["email"])
    _assignments_and_acknowledgements()


def _record_columns() -> list:
    return [sa.Column("id", sa.String(36), primary_key=True),
            sa.Column("origin_vault_id", sa.String(36), nullable=False),
            sa.Column("created_at", TS, nullable=False),
            sa.Column("created_by", sa.String(36), nullable=True)]


def _assignments_and_acknowledgements() -> None:
    op.create_table(
        "line_assignment", *_record_columns(),
        sa.Column("updated_at", TS, nullable=False),
        sa.Column("updated_by", sa.String(36), nullable=True),
        sa.Column("spokesperson_id", sa.String(36), sa.ForeignKey("spokesperson.id"),
                  nullable=False),
        sa.Column("point_id", sa.String(36), sa.ForeignKey("talking_point.id"),
                  nullable=False),
        sa.Column("status", sa.String(12), nullable=False),
        sa.Column("removed_reason", sa.String, nullable=False),
    )
    op.create_index("ix_line_assignment_person", "line_assignment",
                    ["spokesperson_id", "status"])
    op.create_table(
        "line_acknowledgement", *_record_columns(),
        sa.Column("spokesperson_id", sa.String(36), sa.ForeignKey("spokesperson.id"),
                  nullable=False),
        sa.Column("incident_id", sa.String(36), sa.ForeignKey("incident.id"), nullable=False),
        sa.Column("versions", sa.String, nullable=False),
        sa.Column("code", sa.String(16), nullable=False),
        sa.Column("on_behalf", sa.Boolean, nullable=False),
        sa.Column("operator_name", sa.String(120), nullable=False),
    )
    op.create_index("ix_line_ack_person", "line_acknowledgement",
                    ["spokesperson_id", "incident_id", "created_at"])
    # An acknowledgement is evidence of what someone read: never changed, never removed.
    for verb in ("UPDATE", "DELETE"):
        op.execute(
            f"CREATE TRIGGER line_ack_no_{verb.lower()} BEFORE {verb} ON line_acknowledgement "
            "BEGIN SELECT RAISE(ABORT, 'acknowledgements are append-only'); END")


def downgrade() -> None:
    for verb in ("update", "delete"):
        op.execute(f"DROP TRIGGER IF EXISTS line_ack_no_{verb}")
    op.drop_index("ix_line_ack_person", "line_acknowledgement")
    op.drop_table("line_acknowledgement")
    op.drop_index("ix_line_assignment_person", "line_assignment")
    op.drop_table("line_assignment")
    op.drop_index("ix_spokesperson_email", "spokesperson")
    op.drop_index("ix_spokesperson_phone", "spokesperson")
    op.drop_table("spokesperson")
