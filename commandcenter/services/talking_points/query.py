"""Reading talking points: the current-line board (everyone, spokespersons included), the
list by audience and status, the approval queue, one line's history, and the count of due
items for the status bar. Spokespersons read only the board (DESIGN §4)."""

import json
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import text
from sqlmodel import select

from commandcenter.models.base import utcnow
from commandcenter.models.talking_point import (
    MAY_BE_CURRENT, TalkingPoint, TalkingPointLink, TalkingPointReview, TalkingPointVersion,
)
from commandcenter.models.base import UTCDateTime
from commandcenter.services import settings
from commandcenter.services.errors import NotFound
from commandcenter.services.talking_points import current_line, line_filter
from commandcenter.services.talking_points.inputs import LineInput, pillars_from_json
from commandcenter.vault.unlocked import UnlockedVault

READERS = ("lead", "approver", "editor", "loggist")
_TS = UTCDateTime()
_VERSIONS_SQL = (
    "SELECT v.id, v.point_id, v.version, p.kind, v.title, p.audiences, p.channels, v.status, "
    "v.question, v.body, v.pillars, v.empathy_line, v.approved_at, v.valid_from, "
    "v.expires_at, v.review_by, v.next_update_due, v.flag_reason, p.retired_at "
    "FROM talking_point_version v JOIN talking_point p ON p.id = v.point_id "
    "WHERE p.incident_id = :incident")
# The same expression as ix_talking_point_version_current's WHERE, so that index is used.
_MAY_BE_CURRENT = f" AND v.{MAY_BE_CURRENT}"


def can_read_all(role: str | None) -> bool:
    return role in READERS


@dataclass(frozen=True)
class LineRow:
    version_id: str
    point_id: str
    version: int
    kind: str
    title: str
    audiences: tuple[str, ...]
    channels: tuple[str, ...]
    status: str  # effective: "expired" once an approved version's time is up
    flags: tuple[tuple[str, str], ...]
    author: str
    updated_at: datetime
    approvals: int = 0
    required: int = 1
    mine: bool = False  # written (or last edited) by the acting operator
    flag_reason: str = ""
    reject_reason: str = ""


@dataclass(frozen=True)
class History:
    point: TalkingPoint
    versions: list  # TalkingPointVersion, oldest first
    reviews: dict = field(default_factory=dict)  # version id -> [TalkingPointReview]
    links: dict = field(default_factory=dict)  # version id -> [(type, id, label)]
    authors: dict = field(default_factory=dict)  # operator id -> name


# --- the board ------------------------------------------------------------------------------

def copy_text(kind: str, question: str, body: str, pillars: str) -> str:
    """What one click puts on the clipboard: the words a spokesperson says."""
    if kind == "qa":
        return f"Q: {question}\nA: {body}"
    parts = [body]
    for p in json.loads(pillars or "[]"):
        parts.append(f"• {p['pillar']}" + "".join(f"\n  – {s}" for s in p.get("proof_points",
                                                                               ())))
    return "\n".join(parts)


def _info(r) -> current_line.VersionInfo:
    return current_line.VersionInfo(
        id=r.id, point_id=r.point_id, version=r.version, kind=r.kind, title=r.title,
        audiences=tuple(json.loads(r.audiences)), channels=tuple(json.loads(r.channels)),
        status=r.status, text=copy_text(r.kind, r.question, r.body, r.pillars),
        approved_at=_t(r.approved_at), valid_from=_t(r.valid_from),
        expires_at=_t(r.expires_at), review_by=_t(r.review_by),
        next_update_due=_t(r.next_update_due), flag_reason=r.flag_reason)


def _t(value):
    return _TS.process_result_value(value, None)


def version_infos(vault: UnlockedVault, incident_id: str, *, every: bool = False
                  ) -> tuple[list, frozenset]:
    """The versions the current line is computed from: those approved (and not replaced
    since), flagged or not; drafts, reviews and superseded versions can never be current.
    `every`: all versions (the benchmark computes over them all)."""
    sql = text(_VERSIONS_SQL + ("" if every else _MAY_BE_CURRENT))
    with vault.read() as session:
        rows = session.connection().execute(sql, {"incident": incident_id}).all()
    retired = frozenset(r.point_id for r in rows if r.retired_at is not None)
    return [_info(r) for r in rows], retired


def _active(vault, incident_id):
    return incident_id or settings.get_setting(vault, "active_incident_id")


def board(vault: UnlockedVault, *, incident_id: str | None = None, channel: str | None = None,
          now: datetime | None = None) -> current_line.Board:
    incident_id = _active(vault, incident_id)
    if not incident_id:
        return current_line.Board()
    infos, retired = version_infos(vault, incident_id)
    return current_line.compute(infos, now or utcnow(), channel=channel,
                                retired_points=retired)


def due_count(vault: UnlockedVault, *, now: datetime | None = None) -> int:
    return len(board(vault, now=now).due)


# --- lists ----------------------------------------------------------------------------------

def list_lines(vault: UnlockedVault, *, audience: str | None = None,
               status: str | None = None, incident_id: str | None = None,
               now: datetime | None = None) -> list[LineRow]:
    """The latest version of every line, by audience and (effective) status."""
    vault.actor.require(*READERS, action="read every talking point")
    rows = _rows(vault, _active(vault, incident_id), now or utcnow(), only="latest")
    return line_filter.matching(rows, audience=audience, status=status)


def matching_versions(vault: UnlockedVault, search: str,
                      incident_id: str | None = None) -> frozenset[str] | None:
    """The ids of the incident's (the active one's) lines' latest versions — the ones the
    list shows, the only ones indexed (0008) — whose words (title, question, body, pillars
    and proof points, what we know / don't know / are doing) match `search`
    (full-text, search.query's rules; a bad query raises SearchSyntaxError with its
    message); None when nothing is typed. The list keeps the lines whose shown version is
    among them."""
    from commandcenter.search import areas

    vault.actor.require(*READERS, action="search the talking points")
    if areas.expression(search) is None:  # nothing typed (a bad query raises here)
        return None
    incident_id = _active(vault, incident_id)
    if not incident_id:
        return frozenset()
    match = areas.expression(search, incident_id)
    with vault.read() as session:
        return areas.matching_keys(session, "talking_point_fts", match)


def approval_queue(vault: UnlockedVault, *, now: datetime | None = None) -> list[LineRow]:
    """Versions waiting for an approver: in review, or flagged for review."""
    vault.actor.require(*READERS, action="read the approval queue")
    rows = _rows(vault, _active(vault, None), now or utcnow(), only="waiting")
    return [r for r in rows if r.status in WAITING]  # a retired line's version is not


WAITING = ("in_review", "needs_review")


_LIST_COLUMNS = (
    "SELECT v.id, v.point_id, v.version, p.kind, v.title, p.audiences, p.channels, v.status, "
    "v.expires_at, v.review_by, v.next_update_due, v.created_by, v.updated_by, v.updated_at, "
    "v.review_round, v.flag_reason, v.reject_reason, p.retired_at "
    "FROM talking_point p JOIN talking_point_version v ON v.point_id = p.id "
    "WHERE p.incident_id = :incident AND ")
_LATEST = ("v.version = (SELECT max(n.version) FROM talking_point_version n "
           "WHERE n.point_id = p.id)")
_WAITING = "v.status IN ('in_review', 'needs_review')"
_ORDER = " ORDER BY v.point_id, v.version"


def _rows(vault, incident_id, now, *, only: str) -> list[LineRow]:
    """`only`: "latest" (each line's latest version) or "waiting" (versions stored as
    in review or flagged). The database picks them, not Python: reading every version of
    2,000 lines with their words to keep a tenth took 0.7 s. Only the columns the list
    shows are read (no ORM objects, no words: those come with the selected line's
    history); 1,200 lines as objects with their words took ~110 ms, their columns ~10."""
    if not incident_id:
        return []
    required = settings.get_setting(vault, "approvals_required")
    sql = text(_LIST_COLUMNS + (_LATEST if only == "latest" else _WAITING) + _ORDER)
    with vault.read() as session:
        found = session.connection().execute(sql, {"incident": incident_id}).all()
        approvals = _approval_counts(session)
        names = _names(session)
    me, keys = vault.actor.id, {}
    out = [_row(r, now, approvals, names, required, me, keys) for r in found]
    out.sort(key=lambda r: (current_line.KIND_ORDER.get(r.kind, 9), r.title.lower()))
    return out


def _keys(text_: str, seen: dict) -> tuple[str, ...]:
    """A JSON list of keys as a tuple; the same few lists recur on every row."""
    keys = seen.get(text_)
    if keys is None:
        keys = seen[text_] = tuple(json.loads(text_))
    return keys


def _row(r, now, approvals, names, required, me, seen) -> LineRow:
    """One list row from the columns of `_LIST_COLUMNS`."""
    info = current_line.VersionInfo(
        r.id, r.point_id, r.version, r.kind, r.title, _keys(r.audiences, seen),
        _keys(r.channels, seen), r.status, expires_at=_t(r.expires_at),
        review_by=_t(r.review_by), next_update_due=_t(r.next_update_due))
    status = "retired" if r.retired_at and r.status != "superseded" else \
        current_line.effective_status(info, now)
    return LineRow(r.id, r.point_id, r.version, r.kind, r.title, info.audiences,
                   info.channels, status, tuple(current_line.flags(info, now)),
                   names.get(r.created_by, ""), _t(r.updated_at),
                   approvals.get((r.id, r.review_round), 0), required,
                   me in (r.created_by, r.updated_by), r.flag_reason, r.reject_reason)


def _approval_counts(session) -> dict:
    rows = session.connection().execute(text(
        "SELECT version_id, review_round, count(*) FROM talking_point_review "
        "WHERE outcome = 'approve' GROUP BY version_id, review_round")).all()
    return {(r[0], r[1]): r[2] for r in rows}


def _names(session) -> dict[str, str]:
    from commandcenter.models import Operator

    return {o.id: o.name for o in session.exec(select(Operator)).all()}


# --- one line -------------------------------------------------------------------------------

def history(vault: UnlockedVault, *, point_id: str) -> History:
    vault.actor.require(*READERS, action="read a talking point's history")
    with vault.read() as session:
        point = session.get(TalkingPoint, point_id)
        if point is None:
            raise NotFound("No such talking point.")
        versions = list(session.exec(select(TalkingPointVersion).where(
            TalkingPointVersion.point_id == point_id)
            .order_by(TalkingPointVersion.version)).all())
        ids = [v.id for v in versions]
        reviews, links = {}, {}
        for r in session.exec(select(TalkingPointReview).where(
                TalkingPointReview.version_id.in_(ids))
                .order_by(TalkingPointReview.created_at)).all():
            reviews.setdefault(r.version_id, []).append(r)
        for link in session.exec(select(TalkingPointLink).where(
                TalkingPointLink.version_id.in_(ids))).all():
            links.setdefault(link.version_id, []).append(
                (link.target_type, link.target_id, _label(session, link)))
        names = _names(session)
    return History(point, versions, reviews, links, names)


def _label(session, link: TalkingPointLink) -> str:
    from commandcenter.models import DecisionHead, Fact

    if link.target_type == "decision":
        head = session.get(DecisionHead, link.target_id)
        return f"{head.label} {head.decision[:80]} ({head.status.replace('_', ' ')})" \
            if head else "decision (missing)"
    fact = session.get(Fact, link.target_id)
    return f"{fact.statement[:90]} ({fact.status})" if fact else "fact (missing)"


def input_of(point: TalkingPoint, v: TalkingPointVersion, links) -> LineInput:
    """A version as a LineInput: what the editor starts from for a new version."""
    return LineInput(
        kind=point.kind, title=v.title, audiences=tuple(json.loads(point.audiences)),
        channels=tuple(json.loads(point.channels)), language=point.language, body=v.body,
        question=v.question, pillars=pillars_from_json(v.pillars), we_know=v.we_know,
        we_dont_know=v.we_dont_know, we_are_doing=v.we_are_doing,
        you_should_do=v.you_should_do, empathy_line=v.empathy_line,
        next_update_due=v.next_update_due, valid_from=v.valid_from, expires_at=v.expires_at,
        review_by=v.review_by,
        decision_ids=tuple(k.target_id for k in links if k.target_type == "decision"),
        fact_ids=tuple(k.target_id for k in links if k.target_type == "fact"))


def link_choices(vault: UnlockedVault) -> tuple[list, list]:
    """Decisions in force and facts not retracted, for the editor: [(id, label)]."""
    from commandcenter.models import DecisionHead, Fact

    incident_id = _active(vault, None)
    with vault.read() as session:
        heads = session.exec(select(DecisionHead).where(
            DecisionHead.incident_id == incident_id, DecisionHead.status == "in_force")
            .order_by(DecisionHead.number)).all()
        facts = session.exec(select(Fact).where(Fact.incident_id == incident_id,
                                                Fact.status != "retracted")
                             .order_by(Fact.established_at)).all()
    return ([(h.decision_id, f"{h.label}  {h.decision[:90]}") for h in heads],
            [(f.id, f"[{f.status}] {f.statement[:90]}") for f in facts])
