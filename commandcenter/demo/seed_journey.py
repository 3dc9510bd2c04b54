"""Seeding the demo's journey map, timeline and update promises: phases and stakeholder
groups from the scenario, timeline events from its "timeline", cells, promises and updates
from resources/demo/journey.json — all through the services, in story order, at the story's
times (moved by the same story clock as the scenario), written by the communications lead.

The story runs from detection to rebuilding trust; one promise (the card issuers' call
summary) is never kept, so the demo always shows an overdue promise."""

import json
from datetime import timedelta

from commandcenter.demo import story_clock
from commandcenter.demo.seed import ScenarioError, parse_utc
from commandcenter.resources import resource_path
from commandcenter.services import journey as j
from commandcenter.vault.unlocked import Actor, UnlockedVault

JOURNEY = ("demo", "journey.json")
EDITOR = "Elena Sokolova"  # who keeps the map in the story (falls back to the lead)


def load_journey(scenario: dict) -> dict:
    """journey.json, moved in time by as many days as the scenario was."""
    data = json.loads(resource_path(*JOURNEY).read_text(encoding="utf-8"))
    if not scenario.get("as_of") or not data.get("as_of"):
        return data
    days = story_clock.shift_days(parse_utc(data["as_of"]), parse_utc(scenario["as_of"]).date())
    return story_clock.shifted(data, days)


def seed_journey(vault: UnlockedVault, scenario: dict) -> None:
    acting = vault.actor
    vault.actor = _editor(vault) or acting
    try:
        _seed(vault, scenario, load_journey(scenario))
    finally:
        vault.actor = acting


def _editor(vault) -> Actor | None:
    from commandcenter.services import operators

    person = next((o for o in operators.list_operators(vault) if o.name == EDITOR), None)
    return Actor(person.id, person.name, person.role) if person else None


def _seed(vault, scenario: dict, journey: dict) -> None:
    now = parse_utc(scenario.get("as_of")) or None
    _structure(vault, scenario)
    data = j.load(vault, now=now)
    phases = {p.name: p.id for p in data.phases}
    groups = {s.key: s.id for s in data.stakeholders}
    for item in sorted(scenario.get("timeline", ()), key=lambda e: e["at"]):
        j.add_event(vault, now=now, data=j.EventInput(
            parse_utc(item["at"]), item["kind"], item["title"], item.get("source", ""),
            phases.get(item.get("phase"))))
    for cell in journey.get("cells", ()):
        _cell(vault, cell, phases, groups)
    for _when, step in sorted(_promise_steps(vault, journey, now), key=lambda s: s[0]):
        step()


def _structure(vault, scenario: dict) -> None:
    """The defaults, then whatever the scenario names beyond them."""
    j.ensure_defaults(vault)
    data = j.load(vault)
    known = {s.key for s in data.stakeholders}
    for key in scenario.get("stakeholders", ()):
        if key not in known:
            j.structure.add(vault, kind="stakeholder", name=key.replace("_", " ").title(),
                            key=key)


def _cell(vault, cell: dict, phases: dict, groups: dict) -> None:
    try:
        phase_id, group_id = phases[cell["phase"]], groups[cell["stakeholder"]]
    except KeyError as exc:
        raise ScenarioError(f"journey.json names an unknown phase or group: {exc}") from None
    values = {k: cell[k] for k in j.cells.CellInput.__dataclass_fields__
              if k in cell and k not in ("actions", "content")}
    actions = tuple(j.PlannedAction(a["action"], a.get("owner", ""), parse_utc(a.get("due")))
                    for a in cell.get("actions", ()))
    j.save_cell(vault, phase_id=phase_id, stakeholder_id=group_id,
                data=j.CellInput(content=tuple(cell.get("content", ())), actions=actions,
                                 **values), saved_at=parse_utc(cell.get("saved_at")))


def _promise_steps(vault, journey: dict, now) -> list[tuple]:
    steps = []
    for p in journey.get("promises", ()):
        at = parse_utc(p["promised_at"])
        steps.append((at, lambda p=p, at=at: j.promise_from(
            vault, source=p.get("source", "manual"), stakeholder=p["stakeholder"],
            due=parse_utc(p["due"]), note=p.get("note", ""), promised_at=at)))
    for u in journey.get("updates", ()):
        at = parse_utc(u["at"])
        steps.append((at + timedelta(seconds=1), lambda u=u, at=at: j.log_update(
            vault, stakeholder=u["stakeholder"], summary=u["summary"],
            channel=u.get("channel", ""), at=at, now=max(now or at, at),
            next_update_due=parse_utc(u.get("next_update_due")))))
    return steps
