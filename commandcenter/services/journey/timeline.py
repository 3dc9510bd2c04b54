"""The situation timeline: dated events (facts of history, only inserted) and the metrics a
war room reads from them — time from detection to disclosure, and whether the story broke
before our own disclosure."""

from collections import namedtuple
from dataclasses import dataclass
from datetime import datetime, timedelta

from commandcenter.models import JourneyPhase, TimelineEvent
from commandcenter.models.base import utcnow
from commandcenter.models.journey import EVENT_KINDS
from commandcenter.services import audit
from commandcenter.services.errors import ValidationError
from commandcenter.services.journey.common import (
    aware, incident_id_of, not_future, require_writer, text,
)
from commandcenter.services.journey.structure import defaults_in

KIND_LABELS = {"detected": "Detected", "confirmed": "Confirmed", "disclosed": "Disclosed",
               "media_report": "Media report", "regulator_notified": "Regulator notified",
               "remedy_launched": "Remedy launched", "other": "Other"}


# What the chart, the metrics and the briefing pack read of an event, as a plain tuple:
# 30,000 ORM objects, each with its SQLAlchemy state and audit columns, held 69 MB of the
# timeline's memory; these hold 11 MB.
EventRecord = namedtuple("EventRecord", "id incident_id at kind title source phase_id")


def event_records(session, incident_id: str) -> list[EventRecord]:
    """The incident's events, oldest first, as EventRecords."""
    from sqlmodel import select

    query = select(TimelineEvent.id, TimelineEvent.at, TimelineEvent.kind, TimelineEvent.title,
                   TimelineEvent.source, TimelineEvent.phase_id) \
        .where(TimelineEvent.incident_id == incident_id).order_by(TimelineEvent.at)
    # The driver makes a new string for every value of every row. Kinds, sources and phases
    # are a handful of values and the incident is one: one string each instead of 30,000
    # copies saves 7 MB.
    share = {}.setdefault
    return [EventRecord(id_, incident_id, at, share(kind, kind), title, share(source, source),
                        share(phase, phase))
            for id_, at, kind, title, source, phase in session.exec(query)]


@dataclass(frozen=True)
class EventInput:
    at: datetime
    kind: str
    title: str
    source: str = ""
    phase_id: str | None = None


def add_event(vault, *, data: EventInput, incident_id: str | None = None,
              now: datetime | None = None) -> TimelineEvent:
    require_writer(vault, "add to the timeline")
    at = aware("at", data.at)
    not_future("at", at, now or utcnow())
    if data.kind not in EVENT_KINDS:
        raise ValidationError("kind", "The kind is one of: " + ", ".join(KIND_LABELS.values())
                              + ".")
    title = text("title", data.title, limit=300, required="Say what happened.")
    source = text("source", data.source, limit=300)
    incident_id = incident_id_of(vault, incident_id)
    with vault.write() as session:
        defaults_in(vault, session, incident_id)  # a first write sets up the map
        if data.phase_id:
            phase = session.get(JourneyPhase, data.phase_id)
            if phase is None or phase.incident_id != incident_id:
                raise ValidationError("phase", "That phase is not on this incident's map.")
        event = TimelineEvent(origin_vault_id=vault.vault_id, incident_id=incident_id, at=at,
                              kind=data.kind, title=title, source=source,
                              phase_id=data.phase_id or None, created_by=vault.actor.id)
        session.add(event)
        audit.record(vault, session, "timeline.event_added", "timeline_event", event.id,
                     {"at": at, "kind": data.kind, "title": title, "source": source})
    return event


@dataclass(frozen=True)
class Metrics:
    detected_at: datetime | None = None
    confirmed_at: datetime | None = None
    disclosed_at: datetime | None = None
    first_media_at: datetime | None = None
    regulator_at: datetime | None = None
    first_remedy_at: datetime | None = None

    @property
    def detection_to_disclosure(self) -> timedelta | None:
        if self.detected_at and self.disclosed_at:
            return self.disclosed_at - self.detected_at
        return None

    @property
    def story_broke_first(self) -> bool:
        """Someone else reported it before we disclosed (or we have not disclosed yet)."""
        if self.first_media_at is None:
            return False
        return self.disclosed_at is None or self.first_media_at < self.disclosed_at

    @property
    def media_lead(self) -> timedelta | None:
        """How long the story was out before our own disclosure."""
        if self.story_broke_first and self.disclosed_at:
            return self.disclosed_at - self.first_media_at
        return None

    def since_detection(self, now: datetime) -> timedelta | None:
        return now - self.detected_at if self.detected_at else None

    def since_disclosure(self, now: datetime) -> timedelta | None:
        return now - self.disclosed_at if self.disclosed_at else None


# A page of the events list: a screen shows 15-25 rows and the list fetches the next page
# as it scrolls. 100, not 200: half the events read as objects per page took a third off
# a search's p95 on the war-room vault (benchmarks/bench_areas.py).
EVENTS_PAGE = 100


@dataclass(frozen=True)
class EventsPage:
    events: list  # TimelineEvent, newest first
    phase_names: dict  # phase id -> name, for the events' phase column
    more: bool


def events_page(vault, *, incident_id: str | None = None,
                after: tuple[datetime, str] | None = None,
                limit: int = EVENTS_PAGE, search: str = "") -> EventsPage:
    """The incident's events newest first, `limit` at a time after the (at, id) of the last
    one shown: a list of 30,000 events shows its first rows without reading them all.
    `search`: only the events whose title, source or kind match those words (full-text,
    search.query's rules; a bad query raises SearchSyntaxError with its message)."""
    from sqlmodel import select

    from commandcenter.search import areas
    from commandcenter.services import settings

    areas.expression(search)  # a query that cannot run says so, with or without an incident
    incident_id = incident_id or settings.get_setting(vault, "active_incident_id")
    if not incident_id:
        return EventsPage([], {}, False)
    match = areas.expression(search, incident_id)
    with vault.read() as session:
        if match is None:
            events = _newest(session, incident_id, after, limit + 1)
        else:
            events = _newest_matching(session, match, after, limit + 1)
        names = {p.id: p.name for p in session.exec(
            select(JourneyPhase).where(JourneyPhase.incident_id == incident_id))}
    return EventsPage(events[:limit], names, len(events) > limit)


def _newest(session, incident_id: str, after, limit: int) -> list[TimelineEvent]:
    from sqlalchemy import and_, or_
    from sqlmodel import select

    query = select(TimelineEvent).where(TimelineEvent.incident_id == incident_id)
    if after is not None:
        at, event_id = after
        query = query.where(or_(TimelineEvent.at < at,
                                and_(TimelineEvent.at == at, TimelineEvent.id < event_id)))
    query = query.order_by(TimelineEvent.at.desc(), TimelineEvent.id.desc()).limit(limit)
    return list(session.exec(query))


def _newest_matching(session, match: str, after, limit: int) -> list[TimelineEvent]:
    """The page is picked in the index (it keeps each event's time), then only its events
    are read: the incident's index walked every event by time, and a join from the matches
    looked each one's time up in the events table."""
    from sqlmodel import select

    from commandcenter.models.base import UTCDateTime
    from commandcenter.search import areas

    stored_after = None if after is None else (
        UTCDateTime().process_bind_param(after[0], None), after[1])
    ids = areas.timeline_page(session, match, after=stored_after, limit=limit)
    if not ids:
        return []
    by_id = {e.id: e for e in session.exec(select(TimelineEvent)
                                           .where(TimelineEvent.id.in_(ids)))}
    return [by_id[i] for i in ids if i in by_id]


def metrics(events) -> Metrics:
    """The first event of each kind that matters (events in any order)."""
    first: dict[str, datetime] = {}
    for e in events:  # one pass, no sort: a timeline runs to tens of thousands of events
        at = e.at
        if e.kind not in first or at < first[e.kind]:
            first[e.kind] = at
    return metrics_of(first)


# The kinds whose first time makes the Metrics, in Metrics' field order.
METRIC_KINDS = ("detected", "confirmed", "disclosed", "media_report", "regulator_notified",
                "remedy_launched")


def metrics_of(first: dict[str, datetime]) -> Metrics:
    """Metrics from the first time of each kind (kind -> time; other kinds are ignored)."""
    return Metrics(*(first.get(kind) for kind in METRIC_KINDS))


def current_phase_index(events, phases, now: datetime) -> int:
    """The phase the crisis is in: that of the latest event so far with a phase (the first
    phase before any)."""
    order = {p.id: n for n, p in enumerate(phases)}
    latest = None  # of equal times, the last given wins (as a stable sort would have it)
    for e in events:
        at = e.at
        if at <= now and e.phase_id in order and (latest is None or at >= latest.at):
            latest = e
    return order[latest.phase_id] if latest is not None else 0


def duration_text(delta: timedelta | None) -> str:
    """ "2 d 4 h", "3 h 25 min", "12 min" (for charts, CLI and the dashboard)."""
    if delta is None:
        return "—"
    minutes = int(abs(delta).total_seconds() // 60)
    days, rest = divmod(minutes, 24 * 60)
    hours, mins = divmod(rest, 60)
    sign = "−" if delta < timedelta(0) else ""
    if days:
        return f"{sign}{days} d {hours} h"
    if hours:
        return f"{sign}{hours} h {mins} min"
    return f"{sign}{mins} min"
