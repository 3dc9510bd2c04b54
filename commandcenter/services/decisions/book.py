"""Writing to the log book: the next numbers, the sealed row, its index entry, the derived
head, and the audit seal — all inside the caller's write session (BEGIN IMMEDIATE), so two
writers can never take the same number and nothing is half-written."""

import json
from dataclasses import asdict, dataclass, field
from datetime import datetime

from commandcenter.models.base import iso, new_id
from commandcenter.search import facets, fts
from commandcenter.services import audit
from commandcenter.services.decisions import chain
from commandcenter.services.decisions.inputs import DecisionInput
from commandcenter.services.errors import NotFound
from commandcenter.vault.rawsql import raw

# Plain SQL on the session connection's DB-API cursor (vault/rawsql.py): an append runs a
# dozen statements, and their SQLAlchemy overhead was most of its 5 ms budget (issue 4).

_INSERT = (f"INSERT INTO decision_entry ({', '.join(chain.COLUMNS)}) VALUES "
           f"({', '.join(':' + c for c in chain.COLUMNS)})")
_SELECT_CHAIN = (f"SELECT {', '.join(chain.COLUMNS)} FROM decision_entry "
                 "WHERE id = :d OR target_id = :d ORDER BY log_book, book_seq")
_HEAD_COLUMNS = ("decision_id", "incident_id", "log_book", "number", "label", "decided_at",
                 "decision", "decision_makers", "tags", "status", "superseded_by",
                 "review_by", "incomplete", "missing", "entries", "open_actions",
                 "last_entry_at")
# A new head takes the next search key (fts.py, facets.py); an existing one keeps its own.
_UPSERT_HEAD = (
    f"INSERT INTO decision_head ({', '.join(_HEAD_COLUMNS)}, search_key) VALUES "
    f"({', '.join(':' + c for c in _HEAD_COLUMNS)}, "
    "(SELECT coalesce(max(search_key), 0) + 1 FROM decision_head)) "
    "ON CONFLICT (decision_id) DO UPDATE SET "
    + ", ".join(f"{c} = excluded.{c}" for c in _HEAD_COLUMNS if c != "decision_id"))


@dataclass(frozen=True)
class LoggedEntry:
    id: str
    label: str
    kind: str
    decision_id: str
    hash: str


@dataclass
class Cursor:
    """Where the book stands inside one write transaction."""

    log_book: str
    seq: int
    head_hash: str
    numbers: dict[str, int] = field(default_factory=dict)  # incident id -> last number
    last_logged_at: datetime | None = None  # of the book's last entry

    def next_number(self, conn, incident_id: str) -> int:
        if incident_id not in self.numbers:
            self.numbers[incident_id] = raw(conn).execute(
                "SELECT coalesce(max(number), 0) FROM decision_entry "
                "WHERE log_book = :b AND incident_id = :i",
                {"b": self.log_book, "i": incident_id}).fetchone()[0]
        self.numbers[incident_id] += 1
        return self.numbers[incident_id]


def open_cursor(session) -> Cursor:
    db = raw(session.connection())
    [(log_book,)] = db.execute("SELECT log_book FROM vault_info").fetchall()  # exactly one
    last = db.execute("SELECT book_seq, hash, logged_at FROM decision_entry WHERE log_book = :b "
                      "ORDER BY book_seq DESC LIMIT 1", {"b": log_book}).fetchone()
    if last is None:
        return Cursor(log_book, 0, chain.GENESIS_HASH)
    return Cursor(log_book, last[0], last[1], last_logged_at=chain.parse_time(last[2]))


def fields_of(data: DecisionInput) -> dict:
    """Stored values of a DecisionInput's decision fields."""
    return {
        "decision": data.decision, "rationale": data.rationale,
        "decision_makers": chain.canonical_json(list(data.decision_makers)),
        "information": chain.canonical_json([asdict(i) for i in data.information]),
        "assumptions": data.assumptions, "uncertainties": data.uncertainties,
        "options": chain.canonical_json([asdict(o) for o in data.options]),
        "risk": data.risk, "powers": data.powers, "expected_outcome": data.expected_outcome,
        "actions": chain.canonical_json([{"action": a.action, "owner": a.owner,
                                          "due": iso(a.due)} for a in data.actions]),
        "review_by": iso(data.review_by),
        "tags": chain.canonical_json(list(data.tags)), "workstream": data.workstream,
    }


EMPTY_FIELDS = fields_of(DecisionInput("", "", ()))


def build_row(cursor: Cursor, conn, *, vault_id: str, actor, kind: str, incident_id: str,
              decided_at: datetime, logged_at: datetime, target_id: str | None = None,
              values: dict | None = None, from_clock: bool = False, **extra) -> dict:
    """The next sealed row of the book (stored values), hashed and linked.

    `from_clock`: `logged_at` is this computer's clock, not a time the caller gave. A clock
    that jumped backwards (corrected, or a laptop's battery-less clock) must not write a
    page dated before the page above it: like a loggist's book, the log's times never run
    backwards, so the list (newest decided first) keeps book order for entries logged
    "now". A decision time that defaulted to the clock moves with it."""
    if from_clock and cursor.last_logged_at and logged_at < cursor.last_logged_at:
        if decided_at == logged_at:
            decided_at = cursor.last_logged_at
        logged_at = cursor.last_logged_at
    row = {c: None for c in chain.COLUMNS}
    row.update(EMPTY_FIELDS)
    row.update(late_reason="", loggist=actor.name if actor else "", review_outcome="",
               changed="[]", note="", action_index=None)
    row.update(values or {})
    row.update(extra)
    cursor.seq += 1
    row.update(id=new_id(), origin_vault_id=vault_id, created_at=iso(logged_at),
               created_by=actor.id if actor else None, log_book=cursor.log_book,
               book_seq=cursor.seq, incident_id=incident_id,
               number=cursor.next_number(conn, incident_id), kind=kind, target_id=target_id,
               decided_at=iso(decided_at), logged_at=iso(logged_at),
               prev_hash=cursor.head_hash)
    row["hash"] = chain.entry_hash(row)
    cursor.head_hash = row["hash"]
    cursor.last_logged_at = max(logged_at, cursor.last_logged_at or logged_at)
    return row


def search_body(row: dict) -> str:
    """Every text an entry holds, for the full-text index."""
    parts = [chain.label(row["log_book"], row["number"])]
    parts += [row[c] for c in (*chain.TEXT_FIELDS, "late_reason", "loggist", "review_outcome",
                               "note")]
    for name in chain.JSON_FIELDS:
        parts += _strings(json.loads(row[name]))
    return "\n".join(p for p in parts if p)


def _strings(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    if isinstance(value, dict):
        return [s for k, v in value.items() if k != "due" for s in _strings(v)]
    return []


def write_rows(conn, rows: list[dict]) -> None:
    """Append sealed rows; then write their heads, then `index_rows`."""
    raw(conn).executemany(_INSERT, rows)


def index_rows(conn, rows: list[dict]) -> None:
    """Full-text index the rows (their decisions' heads written already)."""
    fts.index_entries(conn, [(search_body(r), r["target_id"] if r["kind"] not in
                              chain.ROOT_KINDS else r["id"], r["id"]) for r in rows])


def load_chain(conn, decision_id: str) -> list[dict]:
    result = raw(conn).execute(_SELECT_CHAIN, {"d": decision_id})
    rows = [dict(zip(chain.COLUMNS, r)) for r in result]
    rows.sort(key=lambda r: r["id"] != decision_id)  # the root first (stable otherwise)
    if not rows or rows[0]["id"] != decision_id or rows[0]["kind"] not in chain.ROOT_KINDS:
        raise NotFound("No such decision in the log.")
    return rows


CHAIN_BATCH = 400  # decisions per statement (two parameters each, well under SQLite's cap)


def load_chains(conn, decision_ids) -> dict[str, list[dict]]:
    """The chains of many decisions, as `load_chain` gives each (root first, then book
    order), a few hundred decisions per statement: a report over thousands of decisions
    reads in a second what one statement per decision takes a minute to."""
    ids = list(dict.fromkeys(decision_ids))
    cols = ", ".join(chain.COLUMNS)
    chains: dict[str, list[dict]] = {i: [] for i in ids}
    for k in range(0, len(ids), CHAIN_BATCH):
        part = ids[k:k + CHAIN_BATCH]
        marks = ", ".join("?" * len(part))
        result = raw(conn).execute(
            f"SELECT {cols} FROM decision_entry WHERE id IN ({marks}) "
            f"OR target_id IN ({marks}) ORDER BY log_book, book_seq", (*part, *part))
        for values in result:
            row = dict(zip(chain.COLUMNS, values))
            # A superseding decision's root is its own chain's root and an entry of the
            # decision it replaces: it belongs to both when both were asked for.
            for key in {row["id"], row["target_id"]} & chains.keys():
                chains[key].append(row)
    for decision_id, rows in chains.items():
        rows.sort(key=lambda r: r["id"] != decision_id)
        if not rows or rows[0]["kind"] not in chain.ROOT_KINDS:
            raise NotFound("No such decision in the log.")
    return chains


def refresh_heads(conn, decision_ids) -> dict[str, chain.DecisionState]:
    """Re-derive the heads (and their facets) of decisions whose chains grew."""
    states = {}
    for decision_id in dict.fromkeys(decision_ids):
        states[decision_id] = _write_head(conn, chain.derive(load_chain(conn, decision_id)))
    return states


def add_head(conn, row: dict) -> chain.DecisionState:
    """The head of a decision whose root `row` was just written: its chain is that row
    alone, so it is derived from the row rather than read back (as `refresh_heads` would)."""
    return _write_head(conn, chain.derive([row]))


def _write_head(conn, state: chain.DecisionState) -> chain.DecisionState:
    head = state.head_row()
    raw(conn).execute(_UPSERT_HEAD, head)
    facets.write(conn, [head])
    return state


def insert_heads(conn, rows: list[dict]) -> None:
    """Heads of new decisions (a batch import), with their facets."""
    if rows:
        raw(conn).executemany(_UPSERT_HEAD, rows)
        facets.write(conn, rows, replace=False)


def seal(vault, session, row: dict, *, count: int = 1) -> None:
    """Seal the book's new head into the audit chain: its hash links every entry before it,
    so one audit entry per write covers a batch too."""
    payload = {"book": row["log_book"], "book_seq": row["book_seq"], "hash": row["hash"],
               "label": chain.label(row["log_book"], row["number"]), "kind": row["kind"]}
    if count > 1:
        payload["count"] = count
    action = "decision.imported" if count > 1 else f"decision.{row['kind']}"
    audit.record(vault, session, action, "decision_entry", row["id"], payload)
