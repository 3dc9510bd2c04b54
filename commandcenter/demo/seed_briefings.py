"""Seeding who holds which line: the war-room contact, each spokesperson's lines (every
current line for an audience they are cleared for; one person given only part of theirs,
so the roster shows a gap), acknowledgements (the demo spokesperson by himself, the others
taken by the lead on their behalf, as a war room does by phone), and one line changed after
one person acknowledged it, so the roster shows them "not current"."""

from dataclasses import replace

from sqlmodel import select

from commandcenter.demo.seed_lines import DRAFT_LEAD, SUBMIT_LEAD
from commandcenter.models import Operator, Spokesperson
from commandcenter.models.base import utcnow
from commandcenter.services import briefing, settings
from commandcenter.services import talking_points as tp
from commandcenter.vault.unlocked import Actor, UnlockedVault


def seed_briefings(vault: UnlockedVault, scenario: dict) -> None:
    plan = scenario.get("briefings", {})
    if plan.get("war_room_contact"):
        settings.set_setting(vault, key="war_room_contact", value=plan["war_room_contact"])
    people = _people(vault)
    lines = {r.title: r for r in tp.list_lines(vault) if r.kind != "do_not_say"}
    for person in people:
        _assign(vault, person, lines, plan.get("gap", {}))
    first = [p for p in people if p.name == plan.get("acknowledged_before_change")]
    for person in first:
        _acknowledge(vault, person)
    change = plan.get("change")
    if change and change["line"] in lines:
        _change_line(vault, lines[change["line"]].point_id, change)
    for person in people:
        if person not in first:
            _acknowledge(vault, person)


def _people(vault) -> list[Spokesperson]:
    with vault.read() as session:
        return list(session.exec(select(Spokesperson).where(Spokesperson.status == "active")
                                 .order_by(Spokesperson.name)))


def _assign(vault, person, lines, gap) -> None:
    import json

    only = set(gap.get("only", ())) if person.name == gap.get("name") else None
    cleared = set(json.loads(person.audiences))
    for title, row in lines.items():
        if row.status not in ("approved", "needs_review") or not cleared & set(row.audiences):
            continue
        if only is None or title in only:
            briefing.assign(vault, spokesperson_id=person.id, point_id=row.point_id)


def _acknowledge(vault, person) -> None:
    acting = vault.actor
    if person.operator_id:  # the demo spokesperson acknowledges for himself
        with vault.read() as session:
            op = session.get(Operator, person.operator_id)
        vault.actor = Actor(op.id, op.name, op.role)
    try:
        if briefing.load(vault, spokesperson_id=person.id).holding.snapshot:
            briefing.acknowledge(vault, spokesperson_id=person.id)
    finally:
        vault.actor = acting


def _change_line(vault, point_id: str, change: dict) -> None:
    """A new approved version, written and approved by two operators (four eyes)."""
    acting = vault.actor
    with vault.read() as session:
        ops = {o.name: Actor(o.id, o.name, o.role) for o in session.exec(select(Operator))}
    author, approver = ops.get(change["author"]), ops.get(change["approver"])
    if author is None or approver is None:
        return
    now = utcnow()
    try:
        vault.actor = author
        history = tp.history(vault, point_id=point_id)
        latest = history.versions[-1]
        links = history.links.get(latest.id, [])
        data = tp.input_of(history.point, latest, [_Link(*k[:2]) for k in links])
        data = replace(data, body=change["body"])
        saved = tp.new_version(vault, point_id=point_id, data=data, at=now - DRAFT_LEAD)
        tp.submit(vault, version_id=saved.version_id, at=now - SUBMIT_LEAD)
        vault.actor = approver
        tp.approve(vault, version_id=saved.version_id, at=now,
                   comment="Adds courier fees to the reissue costs we reimburse.")
    finally:
        vault.actor = acting


class _Link:
    def __init__(self, target_type: str, target_id: str):
        self.target_type, self.target_id = target_type, target_id
