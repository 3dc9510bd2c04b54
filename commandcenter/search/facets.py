"""Tags and decision makers of each decision, one row per value (table `decision_facet`,
migration 0003), so the list's tag and decision-maker filters read a narrow index instead of
every head's JSON. Derived from the heads and rewritten with them in the same transaction.
"""

import json

from commandcenter.vault.rawsql import raw

TABLE = "decision_facet"
TAG, MAKER = "tag", "maker"

# Run on the DB-API cursor (vault/rawsql.py): written on every decision append.
_DELETE = (f"DELETE FROM {TABLE} WHERE search_key = "
           "(SELECT search_key FROM decision_head WHERE decision_id = :decision_id)")
_INSERT = (f"INSERT OR IGNORE INTO {TABLE} (incident_id, kind, value, search_key) "
           "SELECT incident_id, :kind, :value, search_key FROM decision_head "
           "WHERE decision_id = :decision_id")


def is_index_table(name: str) -> bool:
    return name == TABLE


def values_of(head: dict) -> list[tuple[str, str]]:
    """(kind, value) pairs of a `decision_head` row (stored values)."""
    tags = [(TAG, t) for t in json.loads(head["tags"]) if t]
    makers = [(MAKER, m.strip()) for m in head["decision_makers"].split(";") if m.strip()]
    return tags + makers


def write(conn, heads: list[dict], *, replace: bool = True) -> None:
    """Index the heads' facets; `replace` first drops what the decisions had (an amendment
    can change tags or makers). The heads must already be written."""
    if not heads:
        return
    db = raw(conn)
    if replace:
        db.executemany(_DELETE, [{"decision_id": h["decision_id"]} for h in heads])
    rows = [{"decision_id": h["decision_id"], "kind": k, "value": v}
            for h in heads for k, v in values_of(h)]
    if rows:
        db.executemany(_INSERT, rows)


# Sub-selects take the incident as a parameter (not correlated with the outer row), so
# SQLite evaluates them once and probes the result while it walks the list index.

def tag_keys_sql(param: str = "facet_tag", incident: str = "facet_incident") -> str:
    """Sub-select of the search keys of decisions tagged exactly `:param`."""
    return (f"SELECT search_key FROM {TABLE} WHERE incident_id = :{incident} "
            f"AND kind = '{TAG}' AND value = :{param}")


def maker_keys_sql(param: str = "facet_maker", incident: str = "facet_incident") -> str:
    """Sub-select of the search keys of decisions whose maker contains `:param` (a LIKE
    pattern the caller escaped with backslash)."""
    return (f"SELECT search_key FROM {TABLE} WHERE incident_id = :{incident} "
            f"AND kind = '{MAKER}' AND value LIKE :{param} ESCAPE '\\'")


def like_pattern(fragment: str) -> str:
    """`%fragment%` with LIKE's wildcards and the escape character taken literally."""
    escaped = fragment.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def in_use_sql() -> str:
    return f"SELECT DISTINCT kind, value FROM {TABLE} WHERE incident_id = :incident_id"
