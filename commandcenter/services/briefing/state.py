"""Whether a spokesperson holds the current line — pure, no database, no clock of its own.

What a person holds is a *snapshot*: {point_id: current version id, or None when the point
has no current version (withdrawn, flagged for review, expired, retired)} over

- the talking points assigned to them (their identity: a new version stays theirs), and
- every current do-not-say item for an audience they are cleared for (never assigned: a
  do-not-say item binds everyone who speaks to that audience) — once they have any line.

An acknowledgement stores the snapshot they read. A point whose entry differs from the
acknowledged one — a new approved version, the line withdrawn or flagged, a new do-not-say
item — is "changed since", and any change makes the person "not current" until they
acknowledge again. An assignment removed or a do-not-say item retired asks nothing of them
and is not a change.

A *gap* is an audience the person is cleared for with no current assigned line (do-not-say
items do not count: they say what not to say, not what to say).
"""

from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property

from commandcenter.services.talking_points.current_line import (
    KIND_ORDER, VersionInfo, is_valid_now, latest_approved,
)

STATES = {"current": ("Current", "ok"), "not_current": ("Not current", "bad"),
          "gap": ("Gap", "warn"), "none": ("No lines", "neutral")}


@dataclass(frozen=True)
class Change:
    point_id: str
    title: str
    kind: str
    what: str  # new line | new version | withdrawn | new do-not-say item
    old_version_id: str | None  # what they acknowledged (None: nothing)
    new_version_id: str | None  # what holds now (None: no current version)


@dataclass
class Holding:
    """One person's lines at one moment and how that compares with their acknowledgement."""

    lines: dict[str, list[VersionInfo]] = field(default_factory=dict)  # audience -> current
    do_not_say: list[VersionInfo] = field(default_factory=list)
    # The snapshot in two parts: the person's assigned points, and the do-not-say items of
    # their audiences, one dict shared by everyone with the same audiences (2,000 copies of
    # a hundred entries each were 4 MB of the roster).
    assigned_snapshot: dict[str, str | None] = field(default_factory=dict)
    do_not_say_snapshot: dict[str, str] = field(default_factory=dict, repr=False)
    gaps: list[str] = field(default_factory=list)  # audiences without a current line
    acknowledged: bool = False  # there is an acknowledgement at all
    # Each point to read again -> the version acknowledged (None: none). Kept instead of the
    # Change list, which is built when first asked: the roster and the dashboard need only
    # whether anything changed, for 2,000 people at once; the words of each change are for
    # the one person whose briefing or tooltip is open.
    unread: dict[str, str | None] = field(default_factory=dict)
    current_by_point: dict = field(default_factory=dict, repr=False, compare=False)
    titles: dict = field(default_factory=dict, repr=False, compare=False)

    @property
    def snapshot(self) -> dict[str, str | None]:
        """{point id: current version id or None} of every line the person holds; an
        assigned do-not-say item keeps its assigned entry."""
        mine, shared = self.assigned_snapshot, self.do_not_say_snapshot
        if mine.keys().isdisjoint(shared):
            return mine | shared
        return mine | {pid: vid for pid, vid in shared.items() if pid not in mine}

    @cached_property
    def changes(self) -> list[Change]:
        return _changes(self.snapshot, self.unread, self.current_by_point, self.titles)

    @property
    def state(self) -> str:
        if self.unread:
            return "not_current"
        if self.gaps:
            return "gap"
        return "current" if self.assigned_snapshot or self.do_not_say_snapshot else "none"

    @property
    def word(self) -> str:
        return STATES[self.state][0]

    @property
    def pill_state(self) -> str:
        return STATES[self.state][1]


@dataclass(frozen=True)
class CurrentLines:
    """The incident's current version of each point at one moment, and its do-not-say items:
    the same for everyone, so the roster works them out once, not once per person."""

    by_point: dict[str, VersionInfo]
    do_not_say: list[VersionInfo]  # in the order a person's list shows them
    _for_audiences: dict = field(default_factory=dict, repr=False, compare=False)

    def do_not_say_for(self, audiences) -> list[VersionInfo]:
        """The do-not-say items that concern any of `audiences`; people share a handful of
        audience sets, so each set's list is worked out once (2,000 people, each checked
        against every item, was most of the dashboard's time)."""
        return self._for(audiences)[0]

    def do_not_say_snapshot(self, audiences) -> dict[str, str]:
        """{point id: version id} of do_not_say_for(audiences), worked out once per set."""
        return self._for(audiences)[1]

    def _for(self, audiences) -> tuple[list[VersionInfo], dict[str, str]]:
        key = frozenset(audiences)
        if key not in self._for_audiences:
            items = [v for v in self.do_not_say if not key.isdisjoint(v.audiences)]
            self._for_audiences[key] = items, {v.point_id: v.id for v in items}
        return self._for_audiences[key]


def current_lines(infos, now: datetime, retired_points=frozenset()) -> CurrentLines:
    """Each point's latest approved version that holds at `now` (retired points left out)."""
    current = {pid: v for pid, v in latest_approved(infos).items()
               if pid not in retired_points and is_valid_now(v, now)}
    return CurrentLines(current, sorted((v for v in current.values() if v.kind == "do_not_say"),
                                        key=_line_order))


def holding(infos, now: datetime, *, audiences, assigned, acknowledged: dict | None,
            retired_points=frozenset(), titles: dict | None = None,
            current: CurrentLines | None = None) -> Holding:
    """`infos`: the incident's VersionInfos that may be current (query.version_infos);
    `assigned`: point ids assigned to the person; `acknowledged`: the snapshot of their last
    acknowledgement (None: never); `titles`: point id -> (title, kind) for points with no
    current version, so a withdrawn line is still named; `current`: current_lines(infos,
    now, retired_points) when the caller has it already (infos is then not read)."""
    audiences, assigned = list(audiences), set(assigned)
    lines = current or current_lines(infos, now, retired_points)
    current = lines.by_point
    out = Holding(acknowledged=acknowledged is not None)
    for pid in sorted(assigned):
        v = current.get(pid)
        out.assigned_snapshot[pid] = v.id if v else None
        for audience in (v.audiences if v else ()):
            if audience in audiences:
                out.lines.setdefault(audience, []).append(v)
    out.do_not_say = lines.do_not_say_for(audiences)  # shared by everyone with these audiences
    if assigned:  # someone with no line yet has nothing to hold or acknowledge
        out.do_not_say_snapshot = lines.do_not_say_snapshot(audiences)
    order = {a: n for n, a in enumerate(audiences)}
    out.lines = {a: sorted(ls, key=_line_order) for a, ls in
                 sorted(out.lines.items(), key=lambda kv: order.get(kv[0], 99))}
    out.gaps = [a for a in audiences if not any(v.kind != "do_not_say"
                                                for v in out.lines.get(a, ()))]
    out.unread = _unread(out.snapshot, acknowledged or {})
    out.current_by_point, out.titles = current, titles or {}
    return out


def _unread(snapshot: dict, acked: dict) -> dict[str, str | None]:
    """The points of `snapshot` whose entry differs from the acknowledged one, each with the
    version acknowledged (None: none). A point with no current version, then or now, asks
    nothing: there is nothing to read. (The items' set difference is worked out in C: for
    2,000 people of a hundred points each, a Python loop was most of this.)"""
    get = acked.get
    return {pid: get(pid) for pid, now_id in snapshot.items() - acked.items()
            if now_id is not None or get(pid) is not None}


def _line_order(v: VersionInfo):
    return KIND_ORDER.get(v.kind, 9), v.title.lower()


def _changes(snapshot: dict, unread: dict, current: dict, titles: dict) -> list[Change]:
    out = []
    for pid, now_id in snapshot.items():  # in the snapshot's order, as the rule reads
        if pid not in unread:
            continue
        then_id = unread[pid]
        v = current.get(pid)
        title, kind = (v.title, v.kind) if v else titles.get(pid, ("(untitled line)", ""))
        if now_id is None:
            what = "withdrawn"
        elif kind == "do_not_say":
            what = "new do-not-say item" if then_id is None else "new version"
        else:
            what = "new line" if then_id is None else "new version"
        out.append(Change(pid, title, kind, what, then_id, now_id))
    out.sort(key=lambda c: (c.what != "withdrawn", KIND_ORDER.get(c.kind, 9), c.title.lower()))
    return out
