"""Verifying the decision log: each book's hash chain (gapless, linked, every entry's hash
recomputed), gapless numbering per incident, the seal of every write in the audit trail,
and that each decision's shown state (its head) is what its chain derives."""

import json
from collections import defaultdict
from dataclasses import dataclass

from commandcenter.models.decision import DecisionHead
from commandcenter.services.decisions import chain
from commandcenter.services.freeing import free_gradually

SHORT = 16
# What a chain derives for its head; search_key only names the row in the search indexes.
HEAD_COLUMNS = tuple(c.name for c in DecisionHead.__table__.columns if c.name != "search_key")


@dataclass(frozen=True)
class LogReport:
    ok: bool
    count: int
    head: str
    message: str

    @property
    def short_head(self) -> str:
        return self.head[:SHORT]


def verify_log(session, *, progress=None) -> LogReport:
    conn = session.connection()
    rows = [dict(zip(chain.COLUMNS, r)) for r in _fetch(conn, (
        f"SELECT {', '.join(chain.COLUMNS)} FROM decision_entry ORDER BY log_book, book_seq"))]
    try:
        problem = (_check_links(rows, progress) or _check_numbers(rows)
                   or _check_seals(conn, rows) or _check_heads(conn, rows))
        head = rows[-1]["hash"] if rows else chain.GENESIS_HASH
        count = len(rows)
    finally:
        free_gradually(rows)  # a whole log's rows at once froze the window (see freeing)
    if problem:
        return LogReport(False, count, head, problem)
    return LogReport(True, count, head,
                     f"decision log intact: {count} entries, head {head[:SHORT]}")


def _fetch(conn, sql: str) -> list[tuple]:
    """All rows of `sql` as plain tuples, read on the session's own DB-API connection (so
    in its transaction): SQLAlchemy's Row objects cost more than the rest of a verify."""
    cursor = conn.connection.cursor()
    try:
        return cursor.execute(sql).fetchall()
    finally:
        cursor.close()


def _name(row: dict) -> str:
    return f"{chain.label(row['log_book'], row['number'])} (book entry #{row['book_seq']})"


def _check_links(rows: list[dict], progress) -> str:
    prev, seq, book = chain.GENESIS_HASH, 0, None
    for n, row in enumerate(rows, start=1):
        if row["log_book"] != book:
            prev, seq, book = chain.GENESIS_HASH, 0, row["log_book"]
        seq += 1
        if row["book_seq"] != seq:
            return f"decision log {book}: book entry #{seq} is missing"
        if row["prev_hash"] != prev:
            return f"decision log: {_name(row)}: link to the entry before it is broken"
        if chain.entry_hash(row) != row["hash"]:
            return f"decision log: {_name(row)}: content changed after it was sealed"
        prev = row["hash"]
        if progress and n % 2000 == 0:
            progress(n, len(rows))
    return ""


def _check_numbers(rows: list[dict]) -> str:
    numbers = defaultdict(list)
    for row in rows:
        numbers[(row["log_book"], row["incident_id"])].append(row["number"])
    for (book, _incident), found in numbers.items():
        for expected, number in enumerate(sorted(found), start=1):
            if number != expected:
                return f"decision log {book}: entry number {chain.label(book, expected)} is " \
                       "missing or repeated"
    return ""


def _check_seals(conn, rows: list[dict]) -> str:
    """Each write sealed the book's head into the audit chain; the last entry of each book
    must be covered by a seal, and every seal must match the entry it names."""
    by_seq = {(r["log_book"], r["book_seq"]): r for r in rows}
    sealed_to: dict[str, int] = {}
    for (payload,) in _fetch(conn,
                             "SELECT payload FROM audit_entry WHERE action LIKE 'decision.%'"):
        seal = json.loads(payload)
        row = by_seq.get((seal.get("book"), seal.get("book_seq")))
        if row is None or row["hash"] != seal.get("hash"):
            return f"decision log: the audit seal of {seal.get('label')} does not match the log"
        sealed_to[row["log_book"]] = max(sealed_to.get(row["log_book"], 0), row["book_seq"])
    for row in rows:
        if row["book_seq"] > sealed_to.get(row["log_book"], 0):
            return f"decision log: {_name(row)} was never sealed in the audit trail"
    return ""


def _check_heads(conn, rows: list[dict]) -> str:
    chains: dict[str, list[dict]] = {}
    for row in rows:
        if row["kind"] in chain.ROOT_KINDS:
            chains.setdefault(row["id"], []).insert(0, row)
        if row["target_id"]:
            chains.setdefault(row["target_id"], []).append(row)
    shown_heads = (dict(zip(HEAD_COLUMNS, r)) for r in _fetch(
        conn, f"SELECT {', '.join(HEAD_COLUMNS)} FROM decision_head"))
    heads = {head["decision_id"]: head for head in shown_heads}
    for decision_id, entries in chains.items():
        if entries[0]["id"] != decision_id:
            return "decision log: an entry refers to a decision that is not in the log"
        expected = chain.derive(entries).head_row()
        shown = heads.pop(decision_id, None)
        # Equal dicts: every derived field matches (and a field head_row gains but the table
        # lacks makes every head differ, loudly, rather than go unchecked).
        if shown != expected:
            return (f"decision log: {expected['label']} is shown with a state its entries do "
                    "not support")
    if heads:
        return "decision log: a decision is listed that has no entry in the log"
    return ""


def receipt(vault) -> str:
    """The log book's head as a short text to keep outside the vault (like the audit
    receipt): later, `verify` plus this receipt proves no entry up to it was altered."""
    from commandcenter.models.base import iso, utcnow

    with vault.read() as session:
        report = verify_log(session)
    if not report.ok:
        from commandcenter.vault.errors import VaultError

        raise VaultError(f"No receipt for a broken decision log: {report.message}")
    return (f"Crisis Command Center decision-log receipt\n"
            f"vault {vault.vault_id}\n"
            f"entries {report.count}  head {report.head[:SHORT]}\n"
            f"full hash {report.head}\n"
            f"issued {iso(utcnow())} by {vault.actor.name}\n")
