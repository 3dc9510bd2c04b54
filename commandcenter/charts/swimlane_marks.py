"""What the swim-lane timeline marks, as numbers: each lane's markers as (x, y) offsets in
matplotlib's date numbers, computed once per drawing and kept on the figure.

A month of a war room is tens of thousands of events. Converting their dates was most of a
drawing's time, so the events' numbers are kept on the figure by event id and the next
drawing (an event added, the clock moved on) converts only the new ones; and a lane of
30,000 events keeps one marker per half pixel, which draws the same picture.
"""

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from commandcenter.services.journey.timeline import KIND_LABELS

LANE_OF_KIND = {"media_report": "Media", "disclosed": "Disclosures",
                "regulator_notified": "Disclosures"}
PROMISE_STATES = ("kept", "late", "overdue", "due_soon", "open")
_EPOCH: datetime | None = None


def days(at: datetime) -> float:
    """matplotlib's date number of `at` (what date2num gives, without its per-call cost)."""
    global _EPOCH
    if _EPOCH is None:
        from matplotlib.dates import get_epoch

        _EPOCH = datetime.fromisoformat(get_epoch()).replace(tzinfo=UTC)
    if at.tzinfo is None:
        at = at.replace(tzinfo=UTC)  # stored times are UTC
    return (at - _EPOCH).total_seconds() / 86400


class Points:
    """The events as numbers — kind, x (date number), phase, time — as arrays; `before`
    is the last drawing's, whose conversions are reused by event id (events are only ever
    added, never changed: the id stands for the same kind, time and phase)."""

    def __init__(self, events, before: "Points | None" = None):
        import numpy as np

        known = before.by_id if before is not None else {}
        self.by_id: dict[str, tuple] = {}
        for e in events:  # timeline.EventRecord tuples (or anything with those attributes)
            row = known.get(e.id)
            if row is None:
                row = (e.kind, days(e.at), e.phase_id or "", e.at)
            self.by_id[e.id] = row
        rows = list(self.by_id.values())
        # Kinds and phases as small integers: grouping strings in numpy hashes each one.
        self.kind_names, self.kinds = _codes([r[0] for r in rows])
        self.phase_ids, self.phases = _codes([r[2] for r in rows])
        self.xs = np.array([r[1] for r in rows], dtype=float)
        self.ats = [r[3] for r in rows]
        self.first = self.ats[int(self.xs.argmin())] if rows else None
        self.last = self.ats[int(self.xs.argmax())] if rows else None

    def times(self) -> dict[str, list[float]]:
        """kind -> the events' date numbers."""
        return {name: self.xs[self.kinds == code].tolist()
                for code, name in enumerate(self.kind_names)}

    def _first_by(self, names: list, codes) -> dict:
        import numpy as np

        out = {}
        for code, name in enumerate(names):
            where = np.flatnonzero(codes == code)
            out[name] = self.ats[int(where[self.xs[where].argmin()])]
        return out

    def first_of_kind(self) -> dict:
        """kind -> the time of its first event (what the metrics are made of)."""
        return self._first_by(self.kind_names, self.kinds)

    def phase_starts(self) -> dict:
        """phase id -> the time of its first event."""
        return self._first_by(self.phase_ids, self.phases)


def _codes(values: list) -> tuple[list, object]:
    """(the distinct values in order of appearance, each value's index in them)."""
    import numpy as np

    index: dict = {}
    codes = [index.setdefault(v, len(index)) for v in values]
    return list(index), np.array(codes, dtype=np.int32)


def points_of(fig, events) -> Points:
    """The events' numbers, reusing what the figure's last drawing converted."""
    points = Points(events, getattr(fig, "_ccc_points", None))
    fig._ccc_points = points  # Figure.clear leaves attributes of our own alone
    return points


def span(data, points: Points):
    """The time axis: every mark with a margin, ends on whole hours (so the axis, and the
    picture behind the marks, stay put while the clock moves within the hour)."""
    times = [t for t in (points.first, points.last) if t is not None]
    times += [d.decided_at for d in data.decisions]
    times += [p.due_at for p in data.promises if p.status != "cancelled"]
    times += [at for items in data.lanes.values() for at, _label in items]
    if not times:
        return None
    start, end = min(times), max(max(times), data.now)
    pad = max((end - start) * 0.03, timedelta(hours=2))
    start = (start - pad).replace(minute=0, second=0, microsecond=0)
    end = (end + pad).replace(minute=0, second=0, microsecond=0) + timedelta(hours=1)
    return start, end


@dataclass
class Marks:
    """Each lane's markers: gid -> [(x, y), ...], in drawing order; the late promises'
    lines (deadline → update); where "now" is."""

    offsets: dict[str, list] = field(default_factory=dict)
    labels: dict[str, str] = field(default_factory=dict)  # gid -> legend label
    late: list = field(default_factory=list)  # [((x0, y), (x1, y)), ...]
    now: float = 0.0


def marks(data, points: Points, y: dict, resolution: float) -> Marks:
    out = Marks(now=days(data.now))
    times = points.times()
    for kind in KIND_LABELS:
        if times.get(kind):
            lane_y = y[LANE_OF_KIND.get(kind, "Events")]
            out.offsets[f"events:{kind}"] = [(x, lane_y) for x in
                                             one_per(times[kind], resolution)]
            out.labels[f"events:{kind}"] = KIND_LABELS[kind]
    if data.decisions:
        out.offsets["decisions"] = [(days(d.decided_at), y["Decisions"])
                                    for d in data.decisions]
        out.labels["decisions"] = "Decision"
    for title, items in data.lanes.items():
        if items:
            out.offsets[f"lane:{title}"] = [(days(at), y[title]) for at, _ in items]
            out.labels[f"lane:{title}"] = title
    by_state: dict[str, list] = {}
    for p in data.promises:
        by_state.setdefault(data.promise_state(p), []).append(p)
    lane_y = y["Promises"]
    for state in PROMISE_STATES:
        if by_state.get(state):
            out.offsets[f"promises:{state}"] = [(days(p.due_at), lane_y)
                                                for p in by_state[state]]
    out.late = [((days(p.due_at), lane_y), (days(p.kept_at), lane_y))
                for p in by_state.get("late", ())]
    return out


def one_per(xs, resolution: float):
    """The first of the markers that would land within `resolution` of each other."""
    import numpy as np

    if len(xs) < 1000 or resolution <= 0:  # nothing worth thinning
        return xs
    _, first = np.unique(np.floor(np.asarray(xs) / resolution), return_index=True)
    return np.asarray(xs)[np.sort(first)].tolist()
