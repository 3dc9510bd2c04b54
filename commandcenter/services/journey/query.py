"""Reading the journey map, the timeline and the promises of an incident in one read
transaction — what the views, the charts, the dashboard and the CLI report all start from."""

import json
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property

from sqlalchemy import bindparam, text
from sqlmodel import select

from commandcenter.models import (
    DecisionHead, Incident, JourneyCell, StakeholderUpdate, UpdatePromise,
)
from commandcenter.models.base import UTCDateTime, iso, utcnow
from commandcenter.services import settings
from commandcenter.services.journey import cells as cells_mod
from commandcenter.services.journey import line_links
from commandcenter.services.journey import promises as promises_mod
from commandcenter.services.journey import structure
from commandcenter.services.journey import timeline as timeline_mod


_TIME = UTCDateTime()


@dataclass(frozen=True)
class JourneyData:
    """Everything about one incident's journey, as of `now`. Rows are detached ORM objects,
    but for the events: timeline.EventRecord tuples."""

    now: datetime
    incident: object = None  # Incident | None
    phases: list = field(default_factory=list)
    stakeholders: list = field(default_factory=list)
    cells: dict = field(default_factory=dict)  # (phase_id, stakeholder_id) -> JourneyCell
    events: list = field(default_factory=list)  # EventRecord, oldest first
    updates: list = field(default_factory=list)
    promises: list = field(default_factory=list)
    decisions: list = field(default_factory=list)  # DecisionHead (for the swim lanes)
    # Extra swim lanes other areas provide ({"Approvals": [(at, label), ...]}).
    lanes: dict = field(default_factory=dict)
    # Labels of the talking points cells link to ({id: "Holding statement v3"}), when the
    # talking-points area has registered a resolver; ids are shown as they are otherwise.
    content_labels: dict = field(default_factory=dict)

    def content_label(self, talking_point_id: str) -> str:
        label = self.content_labels.get(talking_point_id)
        return f"{label} ({talking_point_id})" if label else talking_point_id

    # Read once per JourneyData (its events never change; a reload makes a new one): every
    # cell's state asks for the current phase, and each answer walks every event — 35 cells
    # over 30,000 events took 3 s of the dashboard's snapshot.
    @cached_property
    def metrics(self) -> timeline_mod.Metrics:
        return timeline_mod.metrics(self.events)

    @cached_property
    def current_phase(self) -> int:
        return timeline_mod.current_phase_index(self.events, self.phases, self.now)

    def cell(self, phase_id: str, stakeholder_id: str):
        return self.cells.get((phase_id, stakeholder_id))

    def cell_state(self, phase_index: int, stakeholder_id: str) -> str:
        phase = self.phases[phase_index]
        return cells_mod.cell_state(self.cell(phase.id, stakeholder_id),
                                    phase_index=phase_index, current_index=self.current_phase,
                                    now=self.now)

    def promise_state(self, promise) -> str:
        return promises_mod.state(promise, self.now)

    def overdue(self) -> list:
        return [p for p in self.promises if self.promise_state(p) == "overdue"]

    def cadence(self) -> list:
        return promises_mod.cadence(self.promises, [s.id for s in self.stakeholders], self.now)

    def stakeholder_name(self, stakeholder_id: str) -> str:
        return next((s.name for s in self.stakeholders if s.id == stakeholder_id), "?")

    def phase_name(self, phase_id: str | None) -> str:
        return self._phase_names.get(phase_id, "")

    @cached_property
    def _phase_names(self) -> dict:  # asked once per event by lists of tens of thousands
        return {p.id: p.name for p in self.phases}


# Swim lanes from other areas: a function (session, incident_id) -> [(at, label), ...] under
# a lane title; and the resolver of linked talking-point ids to labels (session, ids).
LANE_PROVIDERS: dict = {"Approvals": line_links.approvals_lane}
CONTENT_RESOLVER = line_links.line_labels


def load(vault, *, incident_id: str | None = None, now: datetime | None = None,
         with_decisions: bool = True, with_events: bool = True) -> JourneyData:
    """The incident's journey as of `now`. `with_events=False` leaves the events out (the
    map, the status bar and the dashboard need only their metrics and the current phase,
    which the database then works out): 30,000 of them are most of the read and memory."""
    now = now or utcnow()
    incident_id = incident_id or settings.get_setting(vault, "active_incident_id")
    if not incident_id:
        return JourneyData(now)
    from commandcenter.services.decisions import can_read

    with vault.read() as session:
        incident = session.get(Incident, incident_id)
        if incident is None:
            return JourneyData(now)
        phases, groups = structure.active_rows(session, incident_id)
        where = lambda model: select(model).where(model.incident_id == incident_id)  # noqa: E731
        cells = {(c.phase_id, c.stakeholder_id): c for c in session.exec(where(JourneyCell))}
        events = timeline_mod.event_records(session, incident_id) if with_events else []
        updates = list(session.exec(where(StakeholderUpdate).order_by(StakeholderUpdate.at)))
        promises = list(session.exec(where(UpdatePromise).order_by(UpdatePromise.due_at)))
        decisions = []
        if with_decisions and can_read(vault.actor.role):  # spokespersons never read the log
            # The latest 500, oldest first: on a weeks-long log the first 500 would fill
            # the lane's opening hours and leave the rest of the crisis empty.
            decisions = list(session.exec(where(DecisionHead)
                                          .order_by(DecisionHead.decided_at.desc())
                                          .limit(500)))[::-1]
        lanes = {title: fn(session, incident_id) for title, fn in LANE_PROVIDERS.items()}
        labels = _content_labels(session, cells.values())
        active = {g.id for g in groups}
        data = JourneyData(now, incident, phases, groups, cells, events,
                           [u for u in updates if u.stakeholder_id in active],
                           [p for p in promises if p.stakeholder_id in active], decisions,
                           lanes, labels)
        if not with_events:
            # Without the events, still the timeline's facts: the database works them out,
            # and they take the place of what the cached properties would read from events.
            metrics, current = _timeline_facts(session.connection(), data)
            vars(data).update(metrics=metrics, current_phase=current)
    return data


def _content_labels(session, cells) -> dict:
    if CONTENT_RESOLVER is None:
        return {}
    ids = sorted({i for c in cells for i in json.loads(c.content or "[]")})
    return CONTENT_RESOLVER(session, ids) if ids else {}


@dataclass(frozen=True)
class Summary:
    """The few numbers the status bar and the dashboard show."""

    has_incident: bool = False
    overdue: int = 0
    due_soon: int = 0
    next_due: datetime | None = None
    metrics: timeline_mod.Metrics = timeline_mod.Metrics()
    empty_cells: int = 0
    stale_cells: int = 0


def summary(vault, *, now: datetime | None = None) -> Summary:
    """What the status bar and the dashboard show. The timeline's part comes from two
    aggregate queries, not from reading every event (30,000 events: 0.7 s of every
    dashboard snapshot)."""
    data = load(vault, now=now, with_decisions=False, with_events=False)
    if data.incident is None:
        return Summary()
    states = [data.promise_state(p) for p in data.promises]
    upcoming = [p.due_at for p, s in zip(data.promises, states) if s in ("open", "due_soon")]
    cell_states = [data.cell_state(i, s.id) for i in range(len(data.phases))
                   for s in data.stakeholders]
    return Summary(True, states.count("overdue"), states.count("due_soon"),
                   min(upcoming) if upcoming else None, data.metrics,
                   cell_states.count("empty"), cell_states.count("stale"))


# The first time of each metric kind: one lookup per kind in ix_timeline_event_kind. A
# GROUP BY kind over the incident's events read every event row instead (30,000 events:
# 3,300 pages, each decrypted).
_FIRST_OF_KINDS = text(" UNION ALL ".join(
    f"SELECT '{kind}', min(at) FROM timeline_event WHERE incident_id = :i AND kind = '{kind}'"
    for kind in timeline_mod.METRIC_KINDS))


def _timeline_facts(conn, data: JourneyData) -> tuple[timeline_mod.Metrics, int]:
    """(metrics, current phase index) as JourneyData.metrics and .current_phase read them
    from the events, computed by the database."""
    incident_id = data.incident.id
    first = {kind: _TIME.process_result_value(at, None)
             for kind, at in conn.execute(_FIRST_OF_KINDS, {"i": incident_id}) if at}
    order = {p.id: n for n, p in enumerate(data.phases)}
    latest = conn.execute(text(
        "SELECT phase_id FROM timeline_event WHERE incident_id = :i AND at <= :now "
        "AND phase_id IN :phases ORDER BY at DESC, rowid DESC LIMIT 1").bindparams(
        bindparam("phases", expanding=True)),
        {"i": incident_id, "now": iso(data.now), "phases": list(order) or [""]}).first()
    return timeline_mod.metrics_of(first), order[latest[0]] if latest else 0
