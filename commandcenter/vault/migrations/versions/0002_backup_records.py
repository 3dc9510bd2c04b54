"""Record every backup taken (for "last backup" in the status bar and `status`).

Revision ID: 0002
Revises: 0001
"""
import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "backup_record",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("origin_vault_id", sa.String(36), nullable=False),
        sa.Column("created_at", sa.String(27), nullable=False),
        sa.Column("created_by", sa.String(36), nullable=True),
        sa.Column("path", sa.String, nullable=False),
        sa.Column("reason", sa.String(40), nullable=False),
        sa.Column("size_bytes", sa.Integer, nullable=False),
        sa.Column("chain_head", sa.String(64), nullable=False),
    )
    op.create_index("ix_backup_record_created_at", "backup_record", ["created_at"])


def downgrade() -> None:
    op.drop_index("ix_backup_record_created_at", "backup_record")
    op.drop_table("backup_record")
