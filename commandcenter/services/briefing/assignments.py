"""Giving talking points to spokespersons (DESIGN §4: only to someone cleared for the
audience).

The rule: a line may be assigned to a person cleared for AT LEAST ONE of its audiences, and
they speak it to those audiences only (the overlap). A holding statement for customers,
media, employees and advocates is one text, and the war room gives it to the media
spokesperson for the media; requiring clearance for all four would leave it with nobody.
A line none of whose audiences the person is cleared for is refused, with the reason.
Do-not-say items are never assigned: they bind everyone cleared for their audiences.

Writers are the roster's writers (lead, editor); unassigning is a status change."""

import json

from sqlmodel import select

from commandcenter.models import LineAssignment, Spokesperson, TalkingPoint
from commandcenter.models.base import utcnow
from commandcenter.models.talking_point import AUDIENCE_LABELS
from commandcenter.services import audit
from commandcenter.services.errors import NotFound, ValidationError
from commandcenter.services.roster.roster import WRITERS
from commandcenter.vault.unlocked import UnlockedVault


def _names(slugs) -> str:
    return ", ".join(AUDIENCE_LABELS.get(a, a) for a in slugs)


def clearance_problem(person: Spokesperson, point: TalkingPoint) -> str:
    """Why `person` may not carry `point` ("" when they may)."""
    if point.kind == "do_not_say":
        return ("Do-not-say items are not assigned: everyone cleared for their audiences "
                "sees them.")
    if point.retired_at is not None:
        return "This line is retired."
    line = json.loads(point.audiences)
    cleared = set(json.loads(person.audiences))
    if not cleared & set(line):
        held = _names(sorted(cleared)) or "no audience"
        return (f"{person.name} is not cleared for this line's audience ({_names(line)}); "
                f"they are cleared for {held}.")
    return ""


def assign(vault: UnlockedVault, *, spokesperson_id: str, point_id: str) -> LineAssignment:
    vault.actor.require(*WRITERS, action="assign talking points")
    with vault.write() as session:
        person = session.get(Spokesperson, spokesperson_id)
        point = session.get(TalkingPoint, point_id)
        if person is None or person.status != "active":
            raise NotFound("No such spokesperson on the roster.")
        if point is None:
            raise NotFound("No such talking point.")
        problem = clearance_problem(person, point)
        if problem:
            raise ValidationError("point_id", problem)
        if _active(session, person.id, point.id) is not None:
            raise ValidationError("point_id", f"{person.name} already has this line.")
        row = LineAssignment(origin_vault_id=vault.vault_id, created_by=vault.actor.id,
                             updated_by=vault.actor.id, spokesperson_id=person.id,
                             point_id=point.id)
        session.add(row)
        session.flush()
        audit.record(vault, session, "line.assigned", "line_assignment", row.id,
                     {"spokesperson_id": person.id, "point_id": point.id})
    return row


def unassign(vault: UnlockedVault, *, spokesperson_id: str, point_id: str,
             reason: str = "") -> None:
    vault.actor.require(*WRITERS, action="assign talking points")
    with vault.write() as session:
        row = _active(session, spokesperson_id, point_id)
        if row is None:
            raise NotFound("This line is not assigned to them.")
        row.status, row.removed_reason = "removed", (reason or "").strip()
        row.updated_at, row.updated_by = utcnow(), vault.actor.id
        session.add(row)
        audit.record(vault, session, "line.unassigned", "line_assignment", row.id,
                     {"spokesperson_id": spokesperson_id, "point_id": point_id,
                      "reason": row.removed_reason})


def _active(session, spokesperson_id: str, point_id: str) -> LineAssignment | None:
    return session.exec(select(LineAssignment).where(
        LineAssignment.spokesperson_id == spokesperson_id,
        LineAssignment.point_id == point_id, LineAssignment.status == "active")).first()


def assigned(session, spokesperson_ids=None) -> dict[str, set[str]]:
    """Active assignments: spokesperson id -> point ids (all people, or those given)."""
    # Two columns, not whole rows: the roster reads every assignment (10,000 of them).
    query = select(LineAssignment.spokesperson_id, LineAssignment.point_id).where(
        LineAssignment.status == "active")
    if spokesperson_ids is not None:
        query = query.where(LineAssignment.spokesperson_id.in_(list(spokesperson_ids)))
    out: dict[str, set[str]] = {}
    for person, point in session.exec(query):
        out.setdefault(person, set()).add(point)
    return out


def assigned_lines(vault: UnlockedVault, *, spokesperson_id: str) -> list[tuple[str, str]]:
    """(point id, title of its latest version) of each line assigned to the person, for
    choosing one to unassign (withdrawn lines included: they stay assigned)."""
    from commandcenter.models import TalkingPointVersion

    with vault.read() as session:
        points = assigned(session, [spokesperson_id]).get(spokesperson_id, set())
        rows = session.exec(select(TalkingPointVersion)
                            .where(TalkingPointVersion.point_id.in_(list(points)))
                            .order_by(TalkingPointVersion.version)).all()
    titles = {v.point_id: v.title for v in rows}
    return sorted(titles.items(), key=lambda kv: kv[1].lower())


def assignable_lines(vault: UnlockedVault, *, spokesperson_id: str
                     ) -> list[tuple[str, str, str]]:
    """(point id, title, why not) of every line of the active incident that could be given
    to the person: approved at least once, not retired, not do-not-say; "why not" is the
    reason it would be refused ("" when it would not)."""
    from commandcenter.services import talking_points as tp

    vault.actor.require(*WRITERS, action="assign talking points")
    with vault.read() as session:
        person = session.get(Spokesperson, spokesperson_id)
        if person is None:
            raise NotFound("No such spokesperson on the roster.")
        held = assigned(session, [person.id]).get(person.id, set())
        points = {p.id: p for p in session.exec(select(TalkingPoint))}
    out = []
    for row in tp.list_lines(vault):
        point = points.get(row.point_id)
        never_approved = row.status in ("draft", "in_review") and row.version == 1
        if point is None or point.id in held or point.kind == "do_not_say" \
                or point.retired_at is not None or never_approved:
            continue
        out.append((point.id, row.title, clearance_problem(person, point)))
    return out
