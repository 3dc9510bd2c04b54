"""Initial schema: vault identity, settings, operators, incidents, sealed audit trail.

Revision ID: 0001
"""
import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

TS = sa.String(27)


def _record_columns(mutable: bool = True) -> list[sa.Column]:
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


def upgrade() -> None:
    op.create_table(
        "vault_info", *_record_columns(),
        sa.Column("name", sa.String(120), nullable=False),
        sa.Column("log_book", sa.String(12), nullable=False),
        sa.Column("key_generation", sa.Integer, nullable=False),
    )
    op.create_table(
        "setting", *_record_columns(),
        sa.Column("key", sa.String(64), nullable=False, unique=True),
        sa.Column("value", sa.String, nullable=False),
    )
    op.create_table(
        "operator", *_record_columns(),
        sa.Column("name", sa.String(120), nullable=False),
        sa.Column("role", sa.String(20), nullable=False),
        sa.Column("slot_id", sa.String(36), nullable=True),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("revoked_at", TS, nullable=True),
    )
    op.create_table(
        "incident", *_record_columns(),
        sa.Column("code", sa.String(40), nullable=False, unique=True),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("summary", sa.String, nullable=False),
        sa.Column("severity", sa.String(20), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("opened_at", TS, nullable=False),
        sa.Column("closed_at", TS, nullable=True),
    )
    op.create_table(
        "audit_entry",
        sa.Column("seq", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("id", sa.String(36), nullable=False, unique=True),
        sa.Column("origin_vault_id", sa.String(36), nullable=False),
        sa.Column("at", TS, nullable=False),
        sa.Column("operator_id", sa.String(36), nullable=True),
        sa.Column("operator_name", sa.String(120), nullable=False),
        sa.Column("action", sa.String(64), nullable=False),
        sa.Column("entity_type", sa.String(40), nullable=False),
        sa.Column("entity_id", sa.String(36), nullable=True),
        sa.Column("payload", sa.String, nullable=False),
        sa.Column("prev_hash", sa.String(64), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False, unique=True),
    )
    # Sealed rows: the trail is append-only even for someone holding the key (SQLite-only,
    # kept here behind the vault so a PostgreSQL implementation can stand beside it).
    op.execute(
        "CREATE TRIGGER audit_entry_no_update BEFORE UPDATE ON audit_entry "
        "BEGIN SELECT RAISE(ABORT, 'audit trail is append-only: sealed rows cannot be changed'); END"
    )
    op.execute(
        "CREATE TRIGGER audit_entry_no_delete BEFORE DELETE ON audit_entry "
        "BEGIN SELECT RAISE(ABORT, 'audit trail is append-only: sealed rows cannot be deleted'); END"
    )


def downgrade() -> None:
    op.execute("DROP TRIGGER IF EXISTS audit_entry_no_delete")
    op.execute("DROP TRIGGER IF EXISTS audit_entry_no_update")
    for table in ("audit_entry", "incident", "operator", "setting", "vault_info"):
        op.drop_table(table)
