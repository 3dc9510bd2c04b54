"""The spokesperson roster (issue 6).

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


def downgrade() -> None:
    op.drop_index("ix_spokesperson_email", "spokesperson")
    op.drop_index("ix_spokesperson_phone", "spokesperson")
    op.drop_table("spokesperson")
