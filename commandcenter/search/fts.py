"""The decision log's full-text index on SQLite FTS5 (table `decision_fts`, migration 0003).

One row per log entry: every text field of the entry in `body`, and the decision the entry
belongs to. Rows are written in the entry's own transaction (`index_entries`), so the index
never disagrees with the log. Queries are built only from quoted terms (`search.query`), so
no user input is read as FTS5 syntax.

Each row's rowid is the decision's `search_key` shifted left by KEY_SHIFT plus the entry's
ordinal within the decision: a match names its decision by arithmetic on the rowid, where
reading the stored `decision_id` column would cost a lookup per match (85 ms instead of
10 ms for 10,000 matches on a 100,000-entry log).
"""

from commandcenter.search.query import Query, SearchSyntaxError, Term
from commandcenter.vault.rawsql import raw

TABLE = "decision_fts"
KEY_SHIFT = 20  # up to 1,048,576 entries per decision; a decision has a handful


def is_index_table(name: str) -> bool:
    """The FTS table and the shadow tables FTS5 keeps beside it (derived data)."""
    return name == TABLE or name.startswith(TABLE + "_")


def _quoted(term: Term) -> str:
    return '"' + term.text.replace('"', '""') + '"' + ("*" if term.prefix else "")


def match_expression(query: Query) -> str:
    """FTS5 MATCH text: groups joined by OR; in a group, AND of terms, then NOT each
    excluded term (FTS5's NOT is binary, so exclusions follow the required terms)."""
    parts = []
    for group in query.groups:
        required = " AND ".join(_quoted(t) for t in group if not t.negated)
        excluded = "".join(f" NOT {_quoted(t)}" for t in group if t.negated)
        parts.append(f"({required}{excluded})")
    return " OR ".join(parts)


# The rowid: the decision's key, then the next free ordinal in its range (FTS5 answers a
# rowid range from its own b-tree). The decision's head must already be written. Run on
# the DB-API cursor (vault/rawsql.py): written on every decision append.
_INSERT = (
    f"INSERT INTO {TABLE} (rowid, body, decision_id, entry_id) "
    f"SELECT (h.search_key << {KEY_SHIFT}) + (SELECT count(*) FROM {TABLE} WHERE rowid "
    f"BETWEEN h.search_key << {KEY_SHIFT} AND ((h.search_key + 1) << {KEY_SHIFT}) - 1), "
    ":body, :decision_id, :entry_id FROM decision_head h WHERE h.decision_id = :decision_id")


def index_entries(conn, rows: list[tuple[str, str, str]]) -> None:
    """Add (body, decision_id, entry_id) rows, on the caller's connection/transaction,
    after the decisions' heads exist."""
    if rows:
        result = raw(conn).executemany(_INSERT, [{"body": b, "decision_id": d, "entry_id": e}
                                                 for b, d, e in rows])
        if result.rowcount != len(rows):  # a head missing: a bug, never a silent gap
            raise RuntimeError("search index: an entry's decision has no head row")


def matching_keys_sql(param: str = "fts_query") -> str:
    """A sub-select of the `search_key`s of decisions whose entries match `:param`."""
    return f"SELECT rowid >> {KEY_SHIFT} FROM {TABLE} WHERE {TABLE} MATCH :{param}"


def count_matches_sql(cap: int, param: str = "fts_query") -> str:
    """How many entries match `:param`, counting no further than `cap` (cheap when many do)."""
    return (f"SELECT count(*) FROM (SELECT 1 FROM {TABLE} WHERE {TABLE} MATCH :{param} "
            f"LIMIT {int(cap)})")


def translate_error(exc: Exception) -> SearchSyntaxError:
    """Last line of defence: the engine refused a query we built. Say so plainly."""
    return SearchSyntaxError("That search could not be run; try plain words.")
