"""Approved talking points and the facts register: points, versions whose words freeze once
submitted, reviews and links that are never changed.

Revision ID: 0004
Revises: 0003
"""
import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

TS = sa.String(27)
WORDS = ("title", "question", "body", "pillars", "we_know", "we_dont_know", "we_are_doing",
         "you_should_do", "empathy_line", "next_update_due", "valid_from", "expires_at",
         "review_by", "point_id", "version")


def _record(mutable: bool = True) -> list[sa.Column]:
    cols = [sa.Column("id", sa.String(36), primary_key=True),
            sa.Column("origin_vault_id", sa.String(36), nullable=False),
            sa.Column("created_at", TS, nullable=False),
            sa.Column("created_by", sa.String(36), nullable=True)]
    if mutable:
        cols += [sa.Column("updated_at", TS, nullable=False),
                 sa.Column("updated_by", sa.String(36), nullable=True)]
    return cols


def _text(*names: str) -> list[sa.Column]:
    return [sa.Column(n, sa.String, nullable=False) for n in names]


def upgrade() -> None:
    op.create_table(
        "fact", *_record(),
        sa.Column("incident_id", sa.String(36), sa.ForeignKey("incident.id"), nullable=False),
        sa.Column("statement", sa.String, nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("source", sa.String, nullable=False),
        sa.Column("established_at", TS, nullable=False),
    )
    op.create_index("ix_fact_incident_id", "fact", ["incident_id"])
    op.create_table(
        "talking_point", *_record(),
        sa.Column("incident_id", sa.String(36), sa.ForeignKey("incident.id"), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        *_text("audiences", "channels"),
        sa.Column("language", sa.String(12), nullable=False),
        sa.Column("template_key", sa.String(60), nullable=False),
        sa.Column("retired_at", TS, nullable=True),
    )
    op.create_index("ix_talking_point_incident", "talking_point", ["incident_id", "kind"])
    _versions()
    _reviews_and_links()
    _triggers()


def _versions() -> None:
    op.create_table(
        "talking_point_version", *_record(),
        sa.Column("point_id", sa.String(36), sa.ForeignKey("talking_point.id"), nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("title", sa.String(200), nullable=False),
        *_text("question", "body", "pillars", "we_know", "we_dont_know", "we_are_doing",
               "you_should_do", "empathy_line"),
        sa.Column("next_update_due", TS, nullable=True),
        sa.Column("valid_from", TS, nullable=True),
        sa.Column("expires_at", TS, nullable=True),
        sa.Column("review_by", TS, nullable=True),
        sa.Column("review_round", sa.Integer, nullable=False),
        sa.Column("submitted_at", TS, nullable=True),
        sa.Column("approved_at", TS, nullable=True),
        sa.Column("reject_reason", sa.String, nullable=False),
        sa.Column("flag_reason", sa.String, nullable=False),
        sa.Column("flagged_at", TS, nullable=True),
        sa.UniqueConstraint("point_id", "version", name="uq_talking_point_version"),
    )
    op.create_index("ix_talking_point_version_status", "talking_point_version", ["status"])


def _reviews_and_links() -> None:
    op.create_table(
        "talking_point_review", *_record(mutable=False),
        sa.Column("version_id", sa.String(36), sa.ForeignKey("talking_point_version.id"),
                  nullable=False),
        sa.Column("review_round", sa.Integer, nullable=False),
        sa.Column("outcome", sa.String(10), nullable=False),
        sa.Column("operator_name", sa.String(120), nullable=False),
        sa.Column("comment", sa.String, nullable=False),
    )
    op.create_index("ix_talking_point_review_version", "talking_point_review",
                    ["version_id", "review_round"])
    op.create_table(
        "talking_point_link", *_record(mutable=False),
        sa.Column("version_id", sa.String(36), sa.ForeignKey("talking_point_version.id"),
                  nullable=False),
        sa.Column("target_type", sa.String(10), nullable=False),
        sa.Column("target_id", sa.String(36), nullable=False),
        sa.UniqueConstraint("version_id", "target_type", "target_id",
                            name="uq_talking_point_link"),
    )
    op.create_index("ix_talking_point_link_target", "talking_point_link",
                    ["target_type", "target_id"])


def _triggers() -> None:
    # The database itself keeps a submitted text as it was submitted, and keeps reviews and
    # links as they were recorded: even SQL written by someone holding the key is refused.
    changed = " OR ".join(f"NEW.{c} IS NOT OLD.{c}" for c in WORDS)
    op.execute(
        "CREATE TRIGGER tp_version_words_frozen BEFORE UPDATE ON talking_point_version "
        f"WHEN OLD.status != 'draft' AND ({changed}) "
        "BEGIN SELECT RAISE(ABORT, 'talking point version is frozen: its words cannot "
        "change after it was submitted'); END")
    op.execute(
        "CREATE TRIGGER tp_version_no_delete BEFORE DELETE ON talking_point_version "
        "BEGIN SELECT RAISE(ABORT, 'talking point versions cannot be deleted'); END")
    for verb in ("UPDATE", "DELETE"):
        op.execute(
            f"CREATE TRIGGER tp_review_no_{verb.lower()} BEFORE {verb} ON talking_point_review "
            "BEGIN SELECT RAISE(ABORT, 'talking point reviews are append-only'); END")
    op.execute(
        "CREATE TRIGGER tp_link_no_update BEFORE UPDATE ON talking_point_link "
        "BEGIN SELECT RAISE(ABORT, 'talking point links are append-only'); END")
    # A draft's links may be replaced while it is edited; a submitted version's may not.
    op.execute(
        "CREATE TRIGGER tp_link_no_delete BEFORE DELETE ON talking_point_link "
        "WHEN (SELECT status FROM talking_point_version WHERE id = OLD.version_id) != 'draft' "
        "BEGIN SELECT RAISE(ABORT, 'talking point links are append-only once submitted'); END")


def downgrade() -> None:
    for name in ("tp_link_no_delete", "tp_link_no_update", "tp_review_no_delete",
                 "tp_review_no_update", "tp_version_no_delete", "tp_version_words_frozen"):
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.drop_index("ix_talking_point_link_target", "talking_point_link")
    op.drop_table("talking_point_link")
    op.drop_index("ix_talking_point_review_version", "talking_point_review")
    op.drop_table("talking_point_review")
    op.drop_index("ix_talking_point_version_status", "talking_point_version")
    op.drop_table("talking_point_version")
    op.drop_index("ix_talking_point_incident", "talking_point")
    op.drop_table("talking_point")
    op.drop_index("ix_fact_incident_id", "fact")
    op.drop_table("fact")
