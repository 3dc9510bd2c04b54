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


def expression(typed: str, incident_id: str | None = None) -> str | None:
    """The MATCH text for what was typed, in the rows' words (`body`) and, with an
    incident, among that incident's rows only (migration 0008's `scope`: FTS5 intersects
    the two itself); None for nothing typed. Raises search.query.SearchSyntaxError with a
    message for the person."""
    query = parse(typed)
    if query.empty:
        return None
    # The column filter keeps the person's words off the scope column ("i*" is a prefix
    # of every incident's token).
    words = f"body : ({fts.match_expression(query)})"
    return words if incident_id is None else f'scope : "{scope_token(incident_id)}" AND {words}'


def scope_token(incident_id: str) -> str:
    """The incident's one word in an index's `scope` column (as 0008's triggers write it,
    lowercased as the tokenizer keeps it)."""
    return "i" + incident_id.replace("-", "").lower()


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


def timeline_page(session, match: str, *, after: tuple[str, str] | None,
                  limit: int) -> list[str]:
    """The ids of the newest `limit` events that match, after (at as stored, id): sorted
    on the index's own copy of each event's time (0008)."""
    where, params = "", {"fts_query": match, "limit": limit}
    if after is not None:
        where = " AND (at < :at OR (at = :at AND event_id < :event_id))"
        params |= {"at": after[0], "event_id": after[1]}
    sql = (f"SELECT event_id FROM timeline_fts WHERE timeline_fts MATCH :fts_query{where} "
           "ORDER BY at DESC, event_id DESC LIMIT :limit")
    return [r[0] for r in session.connection().execute(text(sql), params)]
