"""Seeding one signed shift handover (issue 8): the night loggist hands the war room to the
lead, with notes, signed by both (the lead with the demo passphrase). It is seeded after the
journey and before the roster and the briefings, so the demo's next handover starts "since"
this one and lists what came after it: the roster's gaps, the line changed after one person
acknowledged it."""

from sqlmodel import select

from commandcenter.models import Operator
from commandcenter.vault.unlocked import Actor, UnlockedVault


def seed_handover(vault: UnlockedVault, scenario: dict, *, passphrase: str) -> None:
    from commandcenter.services import handover

    plan = scenario.get("handover")
    if not plan:
        return
    with vault.read() as session:
        people = {o.name: o for o in session.exec(select(Operator))}
    outgoing, incoming = people.get(plan["outgoing"]), people.get(plan["incoming"])
    if outgoing is None or incoming is None or outgoing.id == incoming.id:
        return  # a trimmed scenario without both people: no handover
    if _story_in_the_future(vault):
        return  # seeded "as of" a later day (tests): nothing can have been handed over yet
    acting = vault.actor
    vault.actor = Actor(outgoing.id, outgoing.name, outgoing.role)
    try:
        pending = handover.build(vault)
        handover.sign_off(vault, handover=pending, incoming_id=incoming.id,
                          incoming_passphrase=passphrase, notes=plan.get("notes", ""))
    finally:
        vault.actor = acting


def _story_in_the_future(vault: UnlockedVault) -> bool:
    from commandcenter.models import Incident
    from commandcenter.models.base import utcnow
    from commandcenter.services import settings

    with vault.read() as session:
        incident = session.get(Incident, settings.get_setting(vault, "active_incident_id"))
    return incident is None or incident.opened_at >= utcnow()
