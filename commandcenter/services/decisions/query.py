"""Reading the decision log: pages of the list (newest first, keyset-paged so the 1,000th
page costs what the first does), filters and full-text search, counts for the status bar,
and one decision with its whole chain. Spokespersons do not read the log (DESIGN §4)."""

import json
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import and_, or_, text
from sqlmodel import select

from commandcenter.models import DecisionHead
from commandcenter.models.base import iso, utcnow
from commandcenter.search import facets, fts
from commandcenter.search.query import SearchSyntaxError, parse
from commandcenter.services import settings
from commandcenter.services.decisions import book, chain
from commandcenter.vault.unlocked import UnlockedVault

READERS = ("lead", "approver", "editor", "loggist")
PAGE = 200
# A search matching at most this many entries is answered from the search index's side (look
# each match's decision up, then sort); more matches are answered by walking the list index
# newest first until a page is full. Measured on 100,000 decisions: walking costs about
# 0.2 µs per decision passed, a lookup about 5 µs per match, so the two meet near 900 matches
# — and a rare three-word search that walked the whole index took 44 ms instead of 1.5 ms.
SPARSE_MATCHES = 1000


def can_read(role: str | None) -> bool:
    return role in READERS


def _require_reader(vault: UnlockedVault) -> None:
    vault.actor.require(*READERS, action="read the decision log")


@dataclass(frozen=True)
class Filters:
    text: str = ""
    status: str | None = None  # in_force | superseded | rescinded
    tag: str | None = None
    maker: str | None = None
    since: datetime | None = None
    until: datetime | None = None
    due: bool = False
    incomplete: bool = False
    incident_id: str | None = None  # default: the active incident


@dataclass(frozen=True)
class Page:
    rows: list  # rows with DecisionHead's columns as attributes (read-only)
    more: bool
    message: str = ""  # a search the user must fix; rows are empty then


@dataclass(frozen=True)
class Counts:
    total: int = 0
    in_force: int = 0
    due: int = 0
    incomplete: int = 0
    entries: int = 0
    head: str = chain.GENESIS_HASH


def _conditions(f: Filters, incident_id: str, now: datetime, params: dict) -> list:
    """WHERE terms; tags, makers and words are matched in their indexes (search.facets,
    search.fts) and joined on the head's search key, which the list index covers."""
    where = [DecisionHead.incident_id == incident_id]  # first: page() may swap it
    params["facet_incident"] = incident_id
    if f.status:
        where.append(DecisionHead.status == f.status)
    if f.tag:
        params["facet_tag"] = f.tag
        where.append(text(f"decision_head.search_key IN ({facets.tag_keys_sql()})"))
    if f.maker and f.maker.strip():
        params["facet_maker"] = facets.like_pattern(f.maker.strip())
        where.append(text(f"decision_head.search_key IN ({facets.maker_keys_sql()})"))
    if f.since:
        where.append(DecisionHead.decided_at >= f.since)
    if f.until:
        where.append(DecisionHead.decided_at <= f.until)
    if f.due:
        where += [DecisionHead.status == "in_force", DecisionHead.review_by <= now]
    if f.incomplete:
        where.append(DecisionHead.incomplete == True)  # noqa: E712 (SQL)
    return where


def page(vault: UnlockedVault, *, filters: Filters = Filters(),
         after: tuple[datetime, int] | None = None, limit: int = PAGE,
         now: datetime | None = None) -> Page:
    """Up to `limit` decisions, newest decided first, after the (decided_at, number) of the
    last row already shown."""
    _require_reader(vault)
    fts_query = None
    if filters.text.strip():
        try:
            fts_query = fts.match_expression(parse(filters.text))
        except SearchSyntaxError as exc:
            return Page([], False, str(exc))
    with vault.read() as session:  # one read for the active incident and the page
        incident_id = filters.incident_id or _active_incident(session)
        if not incident_id:
            return Page([], False)
        params = {}
        where = _conditions(filters, incident_id, now or utcnow(), params)
        if fts_query is not None:
            params["fts_query"] = fts_query
            where.append(text(f"decision_head.search_key IN ({fts.matching_keys_sql()})"))
        if after is not None:
            where.append(or_(DecisionHead.decided_at < after[0],
                             and_(DecisionHead.decided_at == after[0],
                                  DecisionHead.number < after[1])))
        try:
            if "fts_query" in params and _sparse(session, params["fts_query"]):
                # "+" keeps SQLite off every index that starts with the incident (the list
                # indexes), leaving the search key's: each match is looked up, then sorted.
                where[0] = text("+decision_head.incident_id = :facet_incident")
            # Plain rows, not ORM objects: a page is read-only and this halves its cost.
            query = (select(*DecisionHead.__table__.columns).where(*where)
                     .order_by(DecisionHead.decided_at.desc(), DecisionHead.number.desc())
                     .limit(limit + 1))
            rows = list(session.exec(query, params=params).all())
        except Exception as exc:  # the engine refused a query built from quoted terms
            if "fts5" in str(exc).lower() or "match" in str(exc).lower():
                return Page([], False, str(fts.translate_error(exc)))
            raise
    return Page(rows[:limit], len(rows) > limit)


def _active_incident(session) -> str | None:
    value = session.connection().execute(
        text("SELECT value FROM setting WHERE key = 'active_incident_id'")).scalar()
    return json.loads(value) if value is not None else None


def _sparse(session, fts_query: str) -> bool:
    """Whether the search matches few enough entries to start from the index's side."""
    found = session.connection().execute(text(fts.count_matches_sql(SPARSE_MATCHES + 1)),
                                         {"fts_query": fts_query}).scalar_one()
    return found <= SPARSE_MATCHES


# The header's four counts in one pass over ix_decision_head_status, which holds every
# column they test (0009). Four count queries read this index twice and
# ix_decision_head_incomplete twice: 3,000 pages at 54,000 decisions, each decrypted.
_COUNTS = text(
    "SELECT count(*), sum(status = 'in_force'), sum(status = 'in_force' AND review_by <= :now), "
    "sum(incomplete) FROM decision_head WHERE incident_id = :incident")


def counts(vault: UnlockedVault, *, incident_id: str | None = None,
           now: datetime | None = None) -> Counts:
    """Totals for the view's header and the status bar (index-only queries)."""
    if not can_read(vault.actor.role):
        return Counts()
    incident_id = incident_id or settings.get_setting(vault, "active_incident_id")
    now = now or utcnow()
    with vault.read() as session:
        conn = session.connection()
        # The first book's last entry, by the (log_book, book_seq) index: one ORDER BY of
        # mixed directions sorted every entry instead (0.25 s at 100,000 entries).
        last = conn.execute(text(
            "SELECT book_seq, hash FROM decision_entry WHERE log_book = "
            "(SELECT min(log_book) FROM decision_entry) ORDER BY book_seq DESC LIMIT 1")).first()
        if not incident_id:
            return Counts(entries=last[0] if last else 0)
        total, in_force, due, incomplete = conn.execute(_COUNTS, {
            "incident": incident_id, "now": iso(now)}).one()
        return Counts(
            total=total, in_force=in_force or 0, due=due or 0, incomplete=incomplete or 0,
            entries=last[0] if last else 0, head=last[1] if last else chain.GENESIS_HASH)


def states(vault: UnlockedVault, decision_ids) -> dict[str, chain.DecisionState]:
    """The current state of many decisions (fields, actions done, review date), derived
    from their chains in one read."""
    _require_reader(vault)
    with vault.read() as session:
        chains = book.load_chains(session.connection(), decision_ids)
    return {decision_id: chain.derive(rows) for decision_id, rows in chains.items()}


def with_open_actions(vault: UnlockedVault, *, incident_id: str) -> list[tuple[str, str]]:
    """(decision id, label) of the decisions in force with an action not yet done."""
    _require_reader(vault)
    with vault.read() as session:
        return [tuple(r) for r in session.connection().execute(text(
            "SELECT decision_id, label FROM decision_head WHERE incident_id = :incident "
            "AND status = 'in_force' AND open_actions > 0 ORDER BY decided_at, number"),
            {"incident": incident_id})]


@dataclass(frozen=True)
class Detail:
    head: DecisionHead
    state: chain.DecisionState
    entries: list[dict]  # the chain, stored values, root first
    replaces: str = ""  # label of the decision this one superseded

    def label_of(self, row: dict) -> str:
        return chain.label(row["log_book"], row["number"])


def detail(vault: UnlockedVault, *, decision_id: str) -> Detail:
    _require_reader(vault)
    with vault.read() as session:
        conn = session.connection()
        entries = book.load_chain(conn, decision_id)
        state = chain.derive(entries)
        head = session.get(DecisionHead, decision_id)
        replaces = ""
        target = entries[0]["target_id"]
        if target:
            old = session.get(DecisionHead, target)
            replaces = old.label if old else ""
    return Detail(head, state, entries, replaces)


def options_in_use(vault: UnlockedVault, *,
                   incident_id: str | None = None) -> tuple[list[str], list[str]]:
    """Tags and decision makers seen in the log (for the filter lists)."""
    if not can_read(vault.actor.role):
        return [], []
    incident_id = incident_id or settings.get_setting(vault, "active_incident_id")
    found = {facets.TAG: [], facets.MAKER: []}
    with vault.read() as session:
        for kind, value in session.connection().execute(text(facets.in_use_sql()),
                                                        {"incident_id": incident_id}):
            found[kind].append(value)
    return sorted(found[facets.TAG]), sorted(found[facets.MAKER])
