"""What the briefing pack says, read from the vault in one go (reports.briefing_pack draws
it): the incident, the facts register, the decisions in force with their open actions, the
current lines, the journey (promises, timeline, heat-map cells), the roster on duty and the
war room's operators — all as of one moment, `now`.

Everything here goes through the services (their access rules apply: only those who may
read the decision log may print a pack that quotes it)."""

import json
from dataclasses import dataclass, field
from datetime import datetime

from commandcenter.models.base import utcnow
from commandcenter.services import decisions as d
from commandcenter.services.errors import ValidationError
from commandcenter.vault.unlocked import UnlockedVault

ON_DUTY = ("on_air", "on_duty")
# A pack shows at most this many rows of a long list (briefing_pack says how many it left
# out): only what it shows is read from the chains, so a crisis of 50,000 decisions in
# force makes a pack as quickly as one of fifty.
LIMIT = 40


@dataclass(frozen=True)
class InForce:
    """A decision in force: its head row (label, decided_at …) and its derived state."""

    head: object
    state: object  # decisions.DecisionState


@dataclass(frozen=True)
class OpenAction:
    """Something someone has to do: an open action of a decision in force, or a planned
    action on the journey map in the current phase."""

    action: str
    owner: str
    due: datetime | None
    source: str  # "WR1-0008" or "Journey: Customers"


@dataclass(frozen=True)
class OnDuty:
    name: str
    role_title: str
    availability: str  # on_air | on_duty
    audiences: tuple[str, ...]
    until: datetime | None  # when the rota next takes them off duty (None: not this week)
    backup: str


@dataclass
class PackData:
    now: datetime
    incident: object  # models.Incident
    facts: list = field(default_factory=list)  # models.Fact, by when established
    decisions: list = field(default_factory=list)  # the latest LIMIT InForce, oldest first
    in_force: int = 0  # how many decisions are in force in all
    objectives: list = field(default_factory=list)  # (label, decision, expected outcome)
    actions: list[OpenAction] = field(default_factory=list)
    board: object = None  # talking_points.Board
    journey: object = None  # journey.JourneyData
    on_duty: list[OnDuty] = field(default_factory=list)
    off_duty: list[str] = field(default_factory=list)  # names
    operators: list = field(default_factory=list)  # models.Operator, active

    @property
    def phase(self) -> str:
        j = self.journey
        return j.phases[j.current_phase].name if j and j.phases else ""


def gather(vault: UnlockedVault, *, now: datetime | None = None) -> PackData:
    from commandcenter.services import facts, incidents, journey, talking_points

    vault.actor.require(*d.READERS, action="print the briefing pack")
    now = now or utcnow()
    incident = incidents.active_incident(vault)
    if incident is None:
        raise ValidationError("incident", "No incident is active: open or choose one first.")
    data = PackData(now, incident, facts=facts.list_facts(vault, incident_id=incident.id))
    _decisions_in_force(vault, data)
    data.board = talking_points.board(vault, incident_id=incident.id, now=now)
    data.journey = journey.load(vault, incident_id=incident.id, now=now)
    data.actions = _decision_actions(vault, incident.id) + _journey_actions(data.journey)
    _organisation(vault, data)
    return data


def _decisions_in_force(vault, data: PackData) -> None:
    """The latest LIMIT decisions in force, how many there are, and the objectives: the
    expected outcomes of the latest decisions in force that logged one."""
    incident_id = data.incident.id
    in_force = d.Filters(status="in_force", incident_id=incident_id)
    data.in_force = d.counts(vault, incident_id=incident_id).in_force
    after, objectives = None, []
    while len(objectives) < LIMIT:
        page = d.page(vault, filters=in_force, after=after, limit=LIMIT)  # newest first
        states = d.states(vault, [h.decision_id for h in page.rows])
        if after is None:
            data.decisions = [InForce(h, states[h.decision_id]) for h in reversed(page.rows)]
        for h in page.rows:
            outcome = states[h.decision_id].fields.get("expected_outcome")
            if outcome and len(objectives) < LIMIT:
                objectives.append((h.label, states[h.decision_id].fields["decision"], outcome))
        if not page.more:
            break
        after = (page.rows[-1].decided_at, page.rows[-1].number)
    data.objectives = objectives[::-1]  # the order they were taken in


def _decision_actions(vault, incident_id: str) -> list[OpenAction]:
    """Every open action of the decisions in force (all of them: the pack shows the
    soonest due, so each one's due time is needed)."""
    labels = dict(d.with_open_actions(vault, incident_id=incident_id))
    out = []
    for decision_id, state in d.states(vault, labels).items():
        for n, item in enumerate(state.fields.get("actions") or []):
            if n not in state.done:
                out.append(OpenAction(item["action"], item.get("owner") or "",
                                      d.chain.parse_time(item.get("due")), labels[decision_id]))
    return out


def _journey_actions(j) -> list[OpenAction]:
    """Planned actions of the current phase's cells (the phase the crisis is in now)."""
    if j is None or not j.phases:
        return []
    phase = j.phases[j.current_phase]
    out = []
    for group in j.stakeholders:
        cell = j.cell(phase.id, group.id)
        for item in json.loads(cell.actions or "[]") if cell else []:
            out.append(OpenAction(item["action"], item.get("owner") or "",
                                  d.chain.parse_time(item.get("due")),
                                  f"Journey: {group.name}"))
    return out


def _organisation(vault, data: PackData) -> None:
    from commandcenter.services import operators, roster
    from commandcenter.services.roster import shifts

    data.operators = operators.list_operators(vault, include_revoked=False)
    for row in roster.rows(vault, now=data.now):
        if row.availability in ON_DUTY:
            until = None if row.person.override else shifts.next_change(
                row.shifts, row.person.time_zone, data.now)
            data.on_duty.append(OnDuty(row.person.name, row.person.role_title,
                                       row.availability, tuple(row.audiences), until,
                                       row.backup_name))
        else:
            data.off_duty.append(row.person.name)
