"""Full-text search over the talking points, the roster, the timeline and the audit trail:
FTS5 tables kept by triggers (migration 0008). What a person types is parsed by
`search.query` and reaches the engine only as quoted terms (`fts.match_expression`).

Each keyed index names its record in an UNINDEXED column (see 0008 for why not by rowid);
the audit trail's index uses the entry's `seq` as its rowid, so it pages newest first from
the index itself.
"""

from sqlalchemy import text

from commandcenter.search import fts
from commandcenter.search.query import parse

# index table -> the column naming the record (None: the rowid is the audit entry's seq)
TABLES = {"talking_point_fts": "version_id", "spokesperson_fts": "person_id",
          "timeline_fts": "event_id", "audit_fts": None}


def is_index_table(name: str) -> bool:
    """These tables and FTS5's shadow tables beside them (derived data, never exported)."""
    return any(name == t or name.startswith(t + "_") for t in TABLES)


def expression(typed: str) -> str | None:
    """The MATCH text for what was typed; None for nothing typed. Raises
    search.query.SearchSyntaxError with a message for the person."""
    query = parse(typed)
    return None if query.empty else fts.match_expression(query)


def keys_sql(table: str, param: str = "fts_query") -> str:
    """A sub-select of the keys (record ids) whose text matches `:param`."""
    return f"SELECT {TABLES[table]} FROM {table} WHERE {table} MATCH :{param}"


def matching_keys(session, table: str, match: str) -> frozenset[str]:
    """Every record id in `table`'s index that matches (a few thousand at most: the roster
    and the talking points)."""
    rows = session.connection().execute(text(keys_sql(table)), {"fts_query": match})
    return frozenset(r[0] for r in rows)


def audit_seqs(session, match: str, *, limit: int, before_seq: int | None) -> list[int]:
    """The newest `limit` audit seqs that match, older than `before_seq`: FTS5 walks its
    rowids backwards and stops, however many entries match."""
    where = "" if before_seq is None else " AND rowid < :before"
    sql = (f"SELECT rowid FROM audit_fts WHERE audit_fts MATCH :fts_query{where} "
           "ORDER BY rowid DESC LIMIT :limit")
    rows = session.connection().execute(text(sql), {"fts_query": match, "limit": limit,
                                                     "before": before_seq})
    return [r[0] for r in rows]
