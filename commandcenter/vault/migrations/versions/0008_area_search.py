"""Full-text search over the talking points, the roster, the timeline and the audit trail
(issue 9; the decision log has had its own index since 0003).

Each area has an FTS5 table kept by triggers, so no service can forget to index a write and
an archive import (plain INSERTs) indexes itself. A row names its record by that record's
id in an UNINDEXED column, never by the record's implicit rowid: `sqlcipher_export` (rekey)
renumbers implicit rowids but copies the FTS tables as they are. The audit trail is the
exception: its `seq` is an INTEGER PRIMARY KEY, which export keeps, so it is the FTS rowid
and a search pages by it.

The talking points and the timeline belong to an incident, and their lists show the active
incident's only: each index row carries its incident as one token in a `scope` column, and
a search asks for that token AND the words, so FTS5 intersects the two lists of rows itself
instead of handing every incident's matches to SQL to throw nine in ten away. The
timeline's index also keeps each event's time (`at`, the same sortable text), so a page of
matches, newest first, is picked from the index alone: a thousand matches were a thousand
lookups in the events table to find their times.

JSON columns contribute their string values only (json_tree), not their keys: "pillar" or
"proof_points" would otherwise match every line. The SQL is written out here, not imported,
so later edits to the app's search code cannot change what this revision did.

Revision ID: 0008
Revises: 0007
"""
from dataclasses import dataclass
from typing import Callable

from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def _json_text(column: str) -> str:
    """The string values of a JSON column; a value that is not JSON adds nothing (json_tree
    would fail the write that stored it)."""
    valid = f"CASE WHEN json_valid({column}) THEN {column} ELSE '[]' END"
    return (f"coalesce((SELECT group_concat(value, ' ') FROM json_tree({valid}) "
            f"WHERE type = 'text'), '')")


def _joined(*parts: str) -> str:
    return " || ' ' || ".join(f"coalesce({p}, '')" if not p.startswith("coalesce(") else p
                              for p in parts)


LINE_WORDS = ("title", "question", "body", "we_know", "we_dont_know", "we_are_doing",
              "you_should_do", "empathy_line")


def _line_body(row: str) -> str:
    return _joined(*(f"{row}.{c}" for c in LINE_WORDS), _json_text(f"{row}.pillars"))


def _person_body(row: str) -> str:
    return _joined(*(f"{row}.{c}" for c in ("name", "role_title", "organisation", "email",
                                           "phone", "messenger")),
                   _json_text(f"{row}.topics"), _json_text(f"{row}.languages"))


def _event_body(row: str) -> str:
    return _joined(f"{row}.title", f"{row}.source", f"replace({row}.kind, '_', ' ')")


def _incident_token(incident_id: str) -> str:
    """One word for the tokenizer (letters and digits): 'i' and the id without hyphens."""
    return f"'i' || replace(coalesce({incident_id}, ''), '-', '')"


def _line_scope(row: str) -> str:
    return _incident_token(f"(SELECT incident_id FROM talking_point WHERE id = {row}.point_id)")


def _event_scope(row: str) -> str:
    return _incident_token(f"{row}.incident_id")


def _no_scope(row: str) -> str:
    return "''"  # the roster is the vault's, not an incident's


def _audit_body(row: str) -> str:
    return _joined(f"{row}.action", f"{row}.entity_type", f"{row}.operator_name",
                   _json_text(f"{row}.payload"))


def _latest_version(row: str) -> str:
    """Only a line's latest version is indexed: it is the one its list shows (a new
    version takes its line's place in the index), and ten versions a line made a search
    ten times the work. By version number, not by when the row came: an archive import
    may write a line's versions in any order."""
    return (f"NOT EXISTS (SELECT 1 FROM talking_point_version later WHERE later.point_id = "
            f"{row}.point_id AND later.version > {row}.version)")


def _older_versions(key: str) -> str:
    return (f"DELETE FROM talking_point_fts WHERE {key} IN (SELECT id FROM "
            "talking_point_version WHERE point_id = new.point_id AND version < new.version)")


@dataclass(frozen=True)
class Keyed:
    table: str  # the index
    source: str  # the table it indexes
    key: str  # the index's column naming the source row
    source_key: str
    body: Callable[[str], str]  # a row's words (SQL, given the row's name)
    scope: Callable[[str], str]  # its scope token (SQL)
    watched: tuple[str, ...]  # the source columns whose change re-indexes the row
    copied: tuple[str, ...] = ()  # source columns kept as they are (UNINDEXED)
    kept: Callable[[str], str] | None = None  # which rows are indexed (SQL condition)
    on_insert: str = ""  # what an insert does to the index first (SQL)


KEYED = (
    Keyed("talking_point_fts", "talking_point_version", "version_id", "id", _line_body,
          _line_scope, LINE_WORDS + ("pillars", "point_id", "version"),
          kept=_latest_version, on_insert=_older_versions("version_id")),
    Keyed("spokesperson_fts", "spokesperson", "person_id", "id", _person_body, _no_scope,
          ("name", "role_title", "organisation", "email", "phone", "messenger", "topics",
           "languages")),
    Keyed("timeline_fts", "timeline_event", "event_id", "id", _event_body, _event_scope,
          ("title", "source", "kind", "incident_id", "at"), copied=("at",)),
)


def _keyed(k: Keyed) -> list[str]:
    names = ", ".join(("body", "scope", k.key) + k.copied)
    unindexed = "".join(f", {c} UNINDEXED" for c in k.copied)

    def values(row: str) -> str:
        return ", ".join((k.body(row), k.scope(row), f"{row}.{k.source_key}")
                         + tuple(f"{row}.{c}" for c in k.copied))

    def add(row: str, source: str = "") -> str:
        where = f" WHERE {k.kept(row)}" if k.kept else ""
        return f"INSERT INTO {k.table} ({names}) SELECT {values(row)}{source}{where}"

    forget_old = f"DELETE FROM {k.table} WHERE {k.key} = old.{k.source_key}; "
    first = f"{k.on_insert}; " if k.on_insert else ""
    return [
        f"CREATE VIRTUAL TABLE {k.table} USING fts5(body, scope, {k.key} UNINDEXED"
        f"{unindexed})",
        add(k.source, f" FROM {k.source}"),
        f"CREATE TRIGGER {k.table}_insert AFTER INSERT ON {k.source} BEGIN "
        f"{first}{add('new')}; END",
        f"CREATE TRIGGER {k.table}_update AFTER UPDATE OF {', '.join(k.watched)} ON "
        f"{k.source} BEGIN {forget_old}{add('new')}; END",
        f"CREATE TRIGGER {k.table}_delete AFTER DELETE ON {k.source} BEGIN "
        f"{forget_old.rstrip('; ')}; END",
    ]


AUDIT = [
    "CREATE VIRTUAL TABLE audit_fts USING fts5(body)",
    f"INSERT INTO audit_fts (rowid, body) SELECT seq, {_audit_body('audit_entry')} "
    "FROM audit_entry",
    "CREATE TRIGGER audit_fts_insert AFTER INSERT ON audit_entry BEGIN "
    f"INSERT INTO audit_fts (rowid, body) VALUES (new.seq, {_audit_body('new')}); END",
]


def upgrade() -> None:
    for spec in KEYED:
        for statement in _keyed(spec):
            op.execute(statement)
    for statement in AUDIT:
        op.execute(statement)


def downgrade() -> None:
    for spec in KEYED:
        for suffix in ("insert", "update", "delete"):
            op.execute(f"DROP TRIGGER IF EXISTS {spec.table}_{suffix}")
        op.execute(f"DROP TABLE IF EXISTS {spec.table}")
    op.execute("DROP TRIGGER IF EXISTS audit_fts_insert")
    op.execute("DROP TABLE IF EXISTS audit_fts")
