"""The decision log's full-text index on SQLite FTS5 (table `decision_fts`, migration 0003).

One row per log entry: every text field of the entry in `body`, and the decision the entry
belongs to. Rows are written in the entry's own transaction (`index_entries`), so the index
never disagrees with the log. Queries are built only from quoted terms (`search.query`), so
no user input is read as FTS5 syntax.
"""

from sqlalchemy import text

from commandcenter.search.query import Query, SearchSyntaxError, Term

TABLE = "decision_fts"


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


def index_entries(conn, rows: list[tuple[str, str, str]]) -> None:
    """Add (body, decision_id, entry_id) rows, on the caller's connection/transaction."""
    if rows:
        conn.execute(text(f"INSERT INTO {TABLE} (body, decision_id, entry_id) "
                          "VALUES (:body, :decision_id, :entry_id)"),
                     [{"body": b, "decision_id": d, "entry_id": e} for b, d, e in rows])


def matching_decisions_sql(param: str = "fts_query") -> str:
    """A sub-select of decision ids whose entries match `:param` (a match_expression)."""
    return f"SELECT decision_id FROM {TABLE} WHERE {TABLE} MATCH :{param}"


def translate_error(exc: Exception) -> SearchSyntaxError:
    """Last line of defence: the engine refused a query we built. Say so plainly."""
    return SearchSyntaxError("That search could not be run; try plain words.")
