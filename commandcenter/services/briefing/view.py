"""What one spokesperson holds, as spokesperson mode and the briefing card show it: their
current approved lines by audience (Q&A among them), the do-not-say list, what changed since
their last acknowledgement (old and new words, for a word-level diff), when each line
expires or is next reviewed, their backup's contact and the war-room contact — and nothing
else: no draft, no decision rationale, nobody else's contact details.

Access (enforced here, not only by the UI): a spokesperson operator reads only their own
briefing; every other operator may read anyone's ("View as spokesperson…").

The *code* is a short hash of the card's content (never of the time it was read), the same
in spokesperson mode and on the printed card, so a spokesperson can read it back over the
phone and the war room can tell whether they hold the current card.
"""

import hashlib
import json
from dataclasses import dataclass, field
from datetime import datetime

from sqlmodel import select

from commandcenter.models import (
    Incident, LineAcknowledgement, Spokesperson, TalkingPoint, TalkingPointVersion,
)
from commandcenter.models.base import iso, utcnow
from commandcenter.services import settings
from commandcenter.services.briefing import assignments, state
from commandcenter.services.errors import NotFound
from commandcenter.services.talking_points import query
from commandcenter.vault.errors import PermissionDenied
from commandcenter.vault.unlocked import UnlockedVault

CODE_CHARS = 8


@dataclass(frozen=True)
class Contact:
    name: str
    role: str
    phone: str
    email: str
    messenger: str

    def text(self) -> str:
        return " · ".join(x for x in (self.phone, self.email, self.messenger) if x)


@dataclass(frozen=True)
class ChangeView:
    change: state.Change
    old_text: str  # the words they acknowledged ("" when new)
    new_text: str  # the words that hold now ("" when withdrawn)


@dataclass(frozen=True)
class AckInfo:
    at: datetime
    operator_name: str
    on_behalf: bool
    code: str


@dataclass(frozen=True)
class Briefing:
    person_id: str
    name: str
    role_title: str
    audiences: tuple[str, ...]
    incident: str  # "CODE — title", or "" when no incident is active
    holding: state.Holding
    changes: list[ChangeView] = field(default_factory=list)
    backup: Contact | None = None
    war_room: str = ""  # the vault's war_room_contact
    last_ack: AckInfo | None = None
    full_hash: str = ""
    generated_at: datetime | None = None
    is_self: bool = False  # the spokesperson reads their own

    @property
    def code(self) -> str:
        return self.full_hash[:CODE_CHARS].upper()

    @property
    def qa(self) -> list:
        """Their Q&A, once each, in board order."""
        seen, out = set(), []
        for lines in self.holding.lines.values():
            for v in lines:
                if v.kind == "qa" and v.point_id not in seen:
                    seen.add(v.point_id)
                    out.append(v)
        return out


def person_for(vault: UnlockedVault, spokesperson_id: str | None) -> Spokesperson:
    """The person whose briefing the actor may read (the access rule lives here)."""
    with vault.read() as session:
        if vault.actor.role == "spokesperson":
            own = session.exec(select(Spokesperson).where(
                Spokesperson.operator_id == vault.actor.id,
                Spokesperson.status == "active")).first()
            if own is None:
                raise NotFound("You are not on the spokesperson roster; ask the war-room "
                               "lead to link your operator to your roster entry.")
            if spokesperson_id not in (None, own.id):
                raise PermissionDenied("A spokesperson reads only their own lines.")
            return own
        person = session.get(Spokesperson, spokesperson_id) if spokesperson_id else None
        if person is None or person.status != "active":
            raise NotFound("No such spokesperson on the roster.")
        return person


def load(vault: UnlockedVault, *, spokesperson_id: str | None = None,
         now: datetime | None = None) -> Briefing:
    now = now or utcnow()
    person = person_for(vault, spokesperson_id)
    incident_id = settings.get_setting(vault, "active_incident_id")
    audiences = tuple(json.loads(person.audiences))
    with vault.read() as session:
        backup = session.get(Spokesperson, person.backup_id) if person.backup_id else None
        incident = session.get(Incident, incident_id) if incident_id else None
        last = last_acknowledgement(session, person.id, incident_id) if incident_id else None
        points = assignments.assigned(session, [person.id]).get(person.id, set())
    held = _holding(vault, incident_id, now, audiences, points, last)
    briefing = Briefing(
        person.id, person.name, person.role_title, audiences,
        f"{incident.code} — {incident.title}" if incident else "", held,
        _change_views(vault, held), _contact(backup),
        settings.get_setting(vault, "war_room_contact"), _ack_info(last), "", now,
        person.operator_id == vault.actor.id)
    return _with_hash(briefing)


def _holding(vault, incident_id, now, audiences, points, last) -> state.Holding:
    if not incident_id:
        return state.Holding()
    infos, retired = query.version_infos(vault, incident_id)
    acked = json.loads(last.versions) if last else None
    return state.holding(infos, now, audiences=audiences, assigned=points, acknowledged=acked,
                         retired_points=retired, titles=_titles(vault, points))


def _titles(vault, point_ids) -> dict:
    """(title, kind) of each point's latest version: a withdrawn line keeps its name."""
    if not point_ids:
        return {}
    with vault.read() as session:
        rows = session.exec(select(TalkingPointVersion, TalkingPoint)
                            .join(TalkingPoint, TalkingPoint.id == TalkingPointVersion.point_id)
                            .where(TalkingPoint.id.in_(list(point_ids)))
                            .order_by(TalkingPointVersion.version)).all()
    return {p.id: (v.title, p.kind) for v, p in rows}


def version_texts(vault, version_ids) -> dict[str, str]:
    """The words of given versions, as a spokesperson says them (only versions that were
    once acknowledged or are current reach here: never a draft)."""
    ids = [i for i in version_ids if i]
    if not ids:
        return {}
    with vault.read() as session:
        rows = session.exec(select(TalkingPointVersion, TalkingPoint)
                            .join(TalkingPoint, TalkingPoint.id == TalkingPointVersion.point_id)
                            .where(TalkingPointVersion.id.in_(ids))).all()
    return {v.id: query.copy_text(p.kind, v.question, v.body, v.pillars) for v, p in rows}


def _change_views(vault, held: state.Holding) -> list[ChangeView]:
    texts = version_texts(vault, [c.old_version_id for c in held.changes] +
                          [c.new_version_id for c in held.changes])
    return [ChangeView(c, texts.get(c.old_version_id, ""), texts.get(c.new_version_id, ""))
            for c in held.changes]


def _contact(person: Spokesperson | None) -> Contact | None:
    if person is None or person.status != "active":
        return None
    return Contact(person.name, person.role_title, person.phone, person.email,
                   person.messenger)


def _ack_info(last: LineAcknowledgement | None) -> AckInfo | None:
    return AckInfo(last.created_at, last.operator_name, last.on_behalf, last.code) \
        if last else None


def last_acknowledgement(session, spokesperson_id: str, incident_id: str
                         ) -> LineAcknowledgement | None:
    return session.exec(select(LineAcknowledgement).where(
        LineAcknowledgement.spokesperson_id == spokesperson_id,
        LineAcknowledgement.incident_id == incident_id)
        .order_by(LineAcknowledgement.created_at.desc())).first()


def _with_hash(b: Briefing) -> Briefing:
    from dataclasses import replace

    def line(v):
        return [v.id, v.title, v.text, iso(v.expires_at), iso(v.review_by),
                iso(v.next_update_due)]

    content = {
        "person": [b.name, b.role_title, list(b.audiences)], "incident": b.incident,
        "lines": {a: [line(v) for v in ls] for a, ls in b.holding.lines.items()},
        "do_not_say": [line(v) for v in b.holding.do_not_say],
        "backup": [b.backup.name, b.backup.text()] if b.backup else None,
        "war_room": b.war_room,
    }
    digest = hashlib.sha256(json.dumps(content, sort_keys=True, ensure_ascii=False)
                            .encode("utf-8")).hexdigest()
    return replace(b, full_hash=digest)
