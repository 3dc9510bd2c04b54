"""The roster's use cases: add, change and retire spokespersons; the roster as the war room
reads it (who is on duty now, their local time, stale media training); and one person's card
of contacts (what spokesperson mode may show: themselves, their backup, the war-room lead).

Writers are leads and editors; every operator may read the roster, except that a spokesperson
operator sees only their own entry, their backup and the lead (DESIGN §4, issue 6)."""

import json
from collections import namedtuple
from dataclasses import asdict, dataclass
from datetime import date, datetime

from sqlmodel import select

from commandcenter.models import Operator, Spokesperson
from commandcenter.models.base import utcnow
from commandcenter.services import audit, settings
from commandcenter.services.errors import NotFound, ValidationError
from commandcenter.services.roster import shifts as shift_rules
from commandcenter.services.roster.inputs import SpokespersonInput
from commandcenter.vault.unlocked import UnlockedVault

WRITERS = ("lead", "editor")

# A person as the roster reads them: Spokesperson's columns by name, read-only, made from a
# plain row. For 2,000 people ORM instances were 55 of the roster's 80 ms (issue 9).
PersonRecord = namedtuple("PersonRecord", [c.key for c in Spokesperson.__table__.columns])


@dataclass(frozen=True)
class RosterRow:
    """A spokesperson as the roster shows them at `now`."""

    person: PersonRecord  # or a Spokesperson: the same attributes, read only
    availability: str  # on_air | on_duty | off_duty
    local_time: datetime  # now, in their zone
    training_stale: bool  # never trained, or longer ago than the vault's limit
    backup_name: str
    lines: object = None  # services.briefing.Holding, when the caller read it

    @property
    def audiences(self) -> list[str]:
        return json.loads(self.person.audiences)

    @property
    def topics(self) -> list[str]:
        return json.loads(self.person.topics)

    @property
    def languages(self) -> list[str]:
        return json.loads(self.person.languages)

    @property
    def shifts(self) -> list[dict]:
        return json.loads(self.person.shifts)


def _values(data: SpokespersonInput) -> dict:
    return {
        "name": data.name, "role_title": data.role_title, "organisation": data.organisation,
        "phone": data.phone, "email": data.email, "messenger": data.messenger,
        "languages": json.dumps(list(data.languages)), "time_zone": data.time_zone,
        "media_trained_on": data.media_trained_on,
        "audiences": json.dumps(list(data.audiences)), "topics": json.dumps(list(data.topics)),
        "backup_id": data.backup_id, "override": data.override,
        "shifts": json.dumps(list(data.shifts)), "operator_id": data.operator_id,
    }


def _payload(values: dict) -> dict:
    return {k: (v.isoformat() if isinstance(v, date) else v) for k, v in values.items()}


def duplicate_of(session, data: SpokespersonInput, *, ignore_id: str | None = None
                 ) -> Spokesperson | None:
    """An active spokesperson with the same e-mail or phone number (digits compared)."""
    from commandcenter.services.roster.inputs import normalise_phone

    phone = normalise_phone(data.phone)
    for other in session.exec(select(Spokesperson).where(Spokesperson.status == "active")):
        if other.id == ignore_id:
            continue
        if (data.email and other.email == data.email) or \
                (phone and normalise_phone(other.phone) == phone):
            return other
    return None


def _check_links(session, data: SpokespersonInput, own_id: str | None) -> None:
    if data.backup_id:
        backup = session.get(Spokesperson, data.backup_id)
        if backup is None or backup.status != "active":
            raise ValidationError("backup_id", "The backup must be someone on the roster.")
        if backup.id == own_id:
            raise ValidationError("backup_id", "A spokesperson cannot be their own backup.")
    if data.operator_id and session.get(Operator, data.operator_id) is None:
        raise ValidationError("operator_id", "No such operator.")
    twin = duplicate_of(session, data, ignore_id=own_id)
    if twin is not None:
        how = "e-mail" if data.email and twin.email == data.email else "phone number"
        raise ValidationError("email" if how == "e-mail" else "phone",
                              f"{twin.name} already has this {how}.")


def add(vault: UnlockedVault, *, data: SpokespersonInput) -> Spokesperson:
    vault.actor.require(*WRITERS, action="change the spokesperson roster")
    data = data.cleaned()
    with vault.write() as session:
        _check_links(session, data, None)
        person = Spokesperson(origin_vault_id=vault.vault_id, created_by=vault.actor.id,
                              updated_by=vault.actor.id, **_values(data))
        session.add(person)
        session.flush()
        audit.record(vault, session, "spokesperson.added", "spokesperson", person.id,
                     _payload(_values(data)))
    return person


def update(vault: UnlockedVault, *, spokesperson_id: str, data: SpokespersonInput
           ) -> Spokesperson:
    vault.actor.require(*WRITERS, action="change the spokesperson roster")
    data = data.cleaned()
    with vault.write() as session:
        person = _get(session, spokesperson_id)
        _check_links(session, data, person.id)
        values = _values(data)
        changed = {k: v for k, v in values.items() if getattr(person, k) != v}
        if not changed:
            raise ValidationError("name", "Nothing changed.")
        for key, value in changed.items():
            setattr(person, key, value)
        person.updated_at, person.updated_by = utcnow(), vault.actor.id
        session.add(person)
        audit.record(vault, session, "spokesperson.changed", "spokesperson", person.id,
                     _payload(changed))
    return person


def set_availability(vault: UnlockedVault, *, spokesperson_id: str, override: str) -> None:
    """On air / off duty / on duty by hand, or "" to follow the rota again. Anyone in the
    war room may do this (it is what they see happening), spokespersons for themselves."""
    if override not in ("", "on_duty", "off_duty", "on_air"):
        raise ValidationError("override", "Availability is on duty, off duty or on air.")
    with vault.write() as session:
        person = _get(session, spokesperson_id)
        if vault.actor.role == "spokesperson" and person.operator_id != vault.actor.id:
            vault.actor.require(*WRITERS, action="change someone else's availability")
        person.override, person.updated_at, person.updated_by = override, utcnow(), vault.actor.id
        session.add(person)
        audit.record(vault, session, "spokesperson.availability", "spokesperson", person.id,
                     {"override": override})


def retire(vault: UnlockedVault, *, spokesperson_id: str, reason: str) -> None:
    """Off the roster (a status, never a DELETE); whoever had them as backup loses the link."""
    vault.actor.require(*WRITERS, action="change the spokesperson roster")
    if not (reason or "").strip():
        raise ValidationError("reason", "Say why they leave the roster.")
    with vault.write() as session:
        person = _get(session, spokesperson_id)
        person.status, person.updated_at, person.updated_by = "retired", utcnow(), vault.actor.id
        session.add(person)
        for other in session.exec(select(Spokesperson).where(
                Spokesperson.backup_id == person.id)):
            other.backup_id = None
            session.add(other)
        audit.record(vault, session, "spokesperson.retired", "spokesperson", person.id,
                     {"reason": reason.strip()})


def _get(session, spokesperson_id: str) -> Spokesperson:
    person = session.get(Spokesperson, spokesperson_id)
    if person is None or person.status != "active":
        raise NotFound("No such spokesperson on the roster.")
    return person


# --- reading ----------------------------------------------------------------------------

def training_stale(trained_on: date | None, today: date, max_months: int) -> bool:
    if trained_on is None:
        return True
    months = (today.year - trained_on.year) * 12 + today.month - trained_on.month
    return months > max_months or (months == max_months and today.day > trained_on.day)


def rows(vault: UnlockedVault, *, now: datetime | None = None,
         lines: object = None) -> list[RosterRow]:
    """The roster at `now`, on-air and on-duty first, then by name; each row's `lines` is
    `lines` (the caller reads who holds what)."""
    now = now or utcnow()
    max_months = settings.get_setting(vault, "media_training_max_months")
    table = Spokesperson.__table__
    with vault.read() as session:
        result = session.connection().execute(select(table).where(table.c.status == "active"))
        people = [PersonRecord._make(r) for r in result]
    visible = _visible_ids(vault, people)
    names = {p.id: p.name for p in people}
    # A roster shares a few rotas and time zones: each worked out once, not per person.
    states, local_times = {}, {}
    out = []
    for p in people:
        if p.id not in visible:
            continue
        key = (p.override, p.shifts, p.time_zone)
        if key not in states:
            states[key] = shift_rules.availability(p.override, json.loads(p.shifts),
                                                   p.time_zone, now)
        if p.time_zone not in local_times:
            local_times[p.time_zone] = now.astimezone(shift_rules.zone(p.time_zone))
        out.append(RosterRow(p, states[key], local_times[p.time_zone],
                             training_stale(p.media_trained_on, now.date(), max_months),
                             names.get(p.backup_id, ""), lines))
    order = {"on_air": 0, "on_duty": 1, "off_duty": 2}
    return sorted(out, key=lambda r: (order[r.availability], r.person.name.lower()))


def matching_ids(vault: UnlockedVault, search: str) -> frozenset[str] | None:
    """The ids of the people whose name, role, organisation, contacts, languages or topics
    match `search` (full-text, search.query's rules; a bad query raises SearchSyntaxError
    with its message); None when nothing is typed. The roster list picks its rows with it."""
    from commandcenter.search import areas

    match = areas.expression(search)
    if match is None:
        return None
    with vault.read() as session:
        found = areas.matching_keys(session, "spokesperson_fts", match)
    if vault.actor.role == "spokesperson":
        found &= _visible_ids(vault, _own(vault))
    return found


def _visible_ids(vault: UnlockedVault, people: list[Spokesperson]) -> set[str]:
    """Everyone for the war room; for a spokesperson operator, themselves and their backup
    (the lead's contact comes with spokesperson mode, from the operators)."""
    if vault.actor.role != "spokesperson":
        return {p.id for p in people}
    own = [p for p in people if p.operator_id == vault.actor.id]
    return {p.id for p in own} | {p.backup_id for p in own if p.backup_id}


def get(vault: UnlockedVault, *, spokesperson_id: str) -> Spokesperson:
    with vault.read() as session:
        person = _get(session, spokesperson_id)
    if person.id not in _visible_ids(vault, [person] + _own(vault)):
        raise NotFound("No such spokesperson on the roster.")
    return person


def _own(vault: UnlockedVault) -> list[Spokesperson]:
    with vault.read() as session:
        return list(session.exec(select(Spokesperson).where(
            Spokesperson.operator_id == vault.actor.id, Spokesperson.status == "active")))


def input_of(person: Spokesperson) -> SpokespersonInput:
    """The person's current values as an input (for an edit form)."""
    return SpokespersonInput(
        person.name, person.role_title, person.organisation, person.phone, person.email,
        person.messenger, tuple(json.loads(person.languages)), person.time_zone,
        person.media_trained_on, tuple(json.loads(person.audiences)),
        tuple(json.loads(person.topics)), person.backup_id, person.override,
        tuple(json.loads(person.shifts)), person.operator_id)


def as_dict(person: Spokesperson) -> dict:
    return asdict(input_of(person))
