"""The decision log: sealed entries, their derived heads, and the full-text index.

Revision ID: 0003
Revises: 0002
"""
import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

TS = sa.String(27)


def upgrade() -> None:
    op.create_table(
        "decision_entry",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("origin_vault_id", sa.String(36), nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("created_by", sa.String(36), nullable=True),
        sa.Column("log_book", sa.String(12), nullable=False),
        sa.Column("book_seq", sa.Integer, nullable=False),
        sa.Column("incident_id", sa.String(36), sa.ForeignKey("incident.id"), nullable=False),
        sa.Column("number", sa.Integer, nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("target_id", sa.String(36), nullable=True),
        sa.Column("decided_at", TS, nullable=False),
        sa.Column("logged_at", TS, nullable=False),
        sa.Column("late_reason", sa.String, nullable=False),
        sa.Column("decision_makers", sa.String, nullable=False),
        sa.Column("loggist", sa.String(120), nullable=False),
        sa.Column("decision", sa.String, nullable=False),
        sa.Column("rationale", sa.String, nullable=False),
        sa.Column("information", sa.String, nullable=False),
        sa.Column("assumptions", sa.String, nullable=False),
        sa.Column("uncertainties", sa.String, nullable=False),
        sa.Column("options", sa.String, nullable=False),
        sa.Column("risk", sa.String, nullable=False),
        sa.Column("powers", sa.String, nullable=False),
        sa.Column("expected_outcome", sa.String, nullable=False),
        sa.Column("actions", sa.String, nullable=False),
        sa.Column("review_by", TS, nullable=True),
        sa.Column("review_outcome", sa.String, nullable=False),
        sa.Column("action_index", sa.Integer, nullable=True),
        sa.Column("tags", sa.String, nullable=False),
        sa.Column("workstream", sa.String(80), nullable=False),
        sa.Column("changed", sa.String, nullable=False),
        sa.Column("note", sa.String, nullable=False),
        sa.Column("prev_hash", sa.String(64), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False, unique=True),
        sa.UniqueConstraint("log_book", "incident_id", "number", name="uq_decision_entry_number"),
        sa.UniqueConstraint("log_book", "book_seq", name="uq_decision_entry_book_seq"),
    )
    op.create_index("ix_decision_entry_target", "decision_entry", ["target_id"])
    # Sealed rows, like the audit trail: even someone holding the key cannot change or
    # remove an entry through SQL (SQLite-only; kept behind the vault's migrations).
    op.execute(
        "CREATE TRIGGER decision_entry_no_update BEFORE UPDATE ON decision_entry "
        "BEGIN SELECT RAISE(ABORT, 'decision log is append-only: entries cannot be changed'); END"
    )
    op.execute(
        "CREATE TRIGGER decision_entry_no_delete BEFORE DELETE ON decision_entry "
        "BEGIN SELECT RAISE(ABORT, 'decision log is append-only: entries cannot be deleted'); END"
    )

    op.create_table(
        "decision_head",
        sa.Column("decision_id", sa.String(36), primary_key=True),
        sa.Column("incident_id", sa.String(36), nullable=False),
        sa.Column("log_book", sa.String(12), nullable=False),
        sa.Column("number", sa.Integer, nullable=False),
        sa.Column("label", sa.String(24), nullable=False),
        sa.Column("decided_at", TS, nullable=False),
        sa.Column("decision", sa.String, nullable=False),
        sa.Column("decision_makers", sa.String, nullable=False),
        sa.Column("tags", sa.String, nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("superseded_by", sa.String(24), nullable=False),
        sa.Column("review_by", TS, nullable=True),
        sa.Column("incomplete", sa.Boolean, nullable=False),
        sa.Column("missing", sa.String, nullable=False),
        sa.Column("entries", sa.Integer, nullable=False),
        sa.Column("open_actions", sa.Integer, nullable=False),
        sa.Column("last_entry_at", TS, nullable=False),
        # A small integer naming the decision in the search and facet indexes, so a match
        # is turned into a decision without reading the index's stored columns.
        sa.Column("search_key", sa.Integer, nullable=False),
    )
    # The list is always newest decided first; each filter has an index that yields rows in
    # that order (or covers the check), so a page costs the same on page 1 and page 500.
    op.create_index("ix_decision_head_list", "decision_head",
                    ["incident_id", "decided_at", "number", "search_key"])
    op.create_index("ix_decision_head_status", "decision_head",
                    ["incident_id", "status", "decided_at", "number", "review_by",
                     "search_key"])
    op.create_index("ix_decision_head_incomplete", "decision_head",
                    ["incident_id", "incomplete", "decided_at", "number"])
    op.create_index("ux_decision_head_search_key", "decision_head", ["search_key"],
                    unique=True)
    # Tags and decision makers, one row each (derived from the heads), for the filters.
    op.execute(
        "CREATE TABLE decision_facet (incident_id VARCHAR(36) NOT NULL, kind VARCHAR(8) NOT NULL,"
        " value VARCHAR NOT NULL, search_key INTEGER NOT NULL,"
        " PRIMARY KEY (incident_id, kind, value, search_key)) WITHOUT ROWID"
    )
    op.execute("CREATE INDEX ix_decision_facet_key ON decision_facet (search_key)")

    # Full-text index over every text field of every entry (commandcenter/search/fts.py
    # writes it in the entry's own transaction). Derived data: rebuilt from the entries.
    op.execute(
        "CREATE VIRTUAL TABLE decision_fts USING fts5(body, decision_id UNINDEXED, "
        "entry_id UNINDEXED, tokenize = 'unicode61 remove_diacritics 2')"
    )


def downgrade() -> None:
    op.execute("DROP TABLE IF EXISTS decision_fts")
    op.execute("DROP TABLE IF EXISTS decision_facet")
    for name in ("ux_decision_head_search_key", "ix_decision_head_incomplete",
                 "ix_decision_head_status", "ix_decision_head_list"):
        op.drop_index(name, "decision_head")
    op.drop_table("decision_head")
    op.execute("DROP TRIGGER IF EXISTS decision_entry_no_delete")
    op.execute("DROP TRIGGER IF EXISTS decision_entry_no_update")
    op.drop_index("ix_decision_entry_target", "decision_entry")
    op.drop_table("decision_entry")
