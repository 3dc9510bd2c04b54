"""The current line (DESIGN §4), computed from versions alone — pure, no database, no clock
of its own — so it can be tested across every case and measured on 20,000 versions.

For each audience (optionally one channel), each talking point contributes its latest
approved version if that version is valid now: not before `valid_from`, not at or after
`expires_at`. A version flagged "needs review", superseded or retired is never current; a
point whose latest approved version has expired has no current line until a new one is
approved (an older text never comes back on its own). Due items: what someone must act on.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta

EXPIRING_SOON = timedelta(hours=24)
KIND_ORDER = {"holding_statement": 0, "key_message": 1, "qa": 2, "bridging_line": 3,
              "do_not_say": 4}
EVER_APPROVED = ("approved", "needs_review")


@dataclass(frozen=True)
class VersionInfo:
    id: str
    point_id: str
    version: int
    kind: str
    title: str
    audiences: tuple[str, ...]
    channels: tuple[str, ...]
    status: str  # as stored
    text: str = ""  # what a spokesperson copies
    approved_at: datetime | None = None
    valid_from: datetime | None = None
    expires_at: datetime | None = None
    review_by: datetime | None = None
    next_update_due: datetime | None = None
    flag_reason: str = ""


@dataclass(frozen=True)
class DueItem:
    version_id: str
    title: str
    what: str  # expired | expiring soon | review due | update overdue | needs review
    when: datetime | None
    state: str  # bad | warn


@dataclass
class Board:
    lines: dict[str, list[VersionInfo]] = field(default_factory=dict)  # audience -> lines
    due: list[DueItem] = field(default_factory=list)

    def count(self, audience: str) -> int:
        return len(self.lines.get(audience, ()))


def effective_status(v: VersionInfo, now: datetime) -> str:
    """The stored status, except that an approved version past its expiry reads "expired"."""
    if v.status == "approved" and v.expires_at is not None and v.expires_at <= now:
        return "expired"
    return v.status


def is_valid_now(v: VersionInfo, now: datetime) -> bool:
    return (v.status == "approved" and (v.valid_from is None or v.valid_from <= now)
            and (v.expires_at is None or v.expires_at > now))


def latest_approved(versions) -> dict[str, VersionInfo]:
    """Per point, the highest-numbered version that was approved (and not since replaced)."""
    best: dict[str, VersionInfo] = {}
    for v in versions:
        if v.status in EVER_APPROVED:
            held = best.get(v.point_id)
            if held is None or v.version > held.version:
                best[v.point_id] = v
    return best


def compute(versions, now: datetime, *, channel: str | None = None,
            retired_points: frozenset = frozenset()) -> Board:
    board = Board(lines=defaultdict(list))
    latest = latest_approved(versions)
    for v in latest.values():
        if v.point_id in retired_points or not is_valid_now(v, now):
            continue
        if channel and v.channels and channel not in v.channels:
            continue
        for audience in v.audiences:
            board.lines[audience].append(v)
    for lines in board.lines.values():
        lines.sort(key=lambda v: (KIND_ORDER.get(v.kind, 9), v.title.lower()))
    board.lines = dict(board.lines)
    board.due = due_items(latest.values(), now)
    return board


def flags(v: VersionInfo, now: datetime) -> list[tuple[str, str]]:
    """(word, state) flags of one version, for lists: the word carries the meaning."""
    out = []
    if v.status == "needs_review":
        out.append(("needs review", "warn"))
    if v.status == "approved":
        if v.expires_at is not None and v.expires_at <= now:
            out.append(("expired", "bad"))
        elif v.expires_at is not None and v.expires_at - now <= EXPIRING_SOON:
            out.append(("expiring soon", "warn"))
        if v.review_by is not None and v.review_by <= now:
            out.append(("review due", "bad"))
        if v.next_update_due is not None and v.next_update_due <= now:
            out.append(("update overdue", "bad"))
    return out


def due_items(versions, now: datetime) -> list[DueItem]:
    items = []
    for v in versions:
        for word, state in flags(v, now):
            when = {"expired": v.expires_at, "expiring soon": v.expires_at,
                    "review due": v.review_by, "update overdue": v.next_update_due}.get(word)
            items.append(DueItem(v.id, v.title, word, when, state))
    items.sort(key=lambda d: (d.state != "bad", d.when or now))
    return items
