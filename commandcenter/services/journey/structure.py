"""Phases and stakeholder groups of an incident's journey map: the defaults, then editable
and ordered. Removing one is retiring it (a status change); its cells stay in the vault."""

import re

from sqlmodel import select

from commandcenter.models import JourneyPhase, StakeholderGroup
from commandcenter.models.base import utcnow
from commandcenter.models.journey import DEFAULT_PHASES, DEFAULT_STAKEHOLDERS
from commandcenter.services import audit
from commandcenter.services.errors import NotFound, ValidationError
from commandcenter.services.journey.common import incident_id_of, require_writer, text
from commandcenter.vault.unlocked import UnlockedVault

KINDS = {"phase": JourneyPhase, "stakeholder": StakeholderGroup}
LIMITS = {"phase": 60, "stakeholder": 80}
MAX_ROWS = 12  # a map wider or taller than this stops being readable at a glance
KEY_RE = re.compile(r"[^a-z0-9]+")


def _active(session, model, incident_id: str) -> list:
    return list(session.exec(select(model).where(model.incident_id == incident_id,
                                                 model.status == "active")
                             .order_by(model.position)).all())


def ensure_defaults(vault: UnlockedVault, *, incident_id: str | None = None) -> bool:
    """Give the incident the default phases and stakeholder groups if it has none yet.
    Returns True when it created them."""
    incident_id = incident_id_of(vault, incident_id)
    with vault.read() as session:
        if _active(session, JourneyPhase, incident_id) or \
                _active(session, StakeholderGroup, incident_id):
            return False
    require_writer(vault, "set up the journey map")
    with vault.write() as session:
        return defaults_in(vault, session, incident_id)


def defaults_in(vault: UnlockedVault, session, incident_id: str) -> bool:
    """ensure_defaults inside the caller's write session: a first update or event sets up
    the map in its own transaction, so a refused one leaves no map behind either."""
    if _active(session, JourneyPhase, incident_id) or \
            _active(session, StakeholderGroup, incident_id):
        return False
    for n, name in enumerate(DEFAULT_PHASES):
        session.add(_new(vault, JourneyPhase, incident_id, n, name=name))
    for n, (key, name) in enumerate(DEFAULT_STAKEHOLDERS):
        session.add(_new(vault, StakeholderGroup, incident_id, n, name=name, key=key))
    session.flush()
    audit.record(vault, session, "journey.defaults", "incident", incident_id,
                 {"phases": list(DEFAULT_PHASES),
                  "stakeholders": [k for k, _ in DEFAULT_STAKEHOLDERS]})
    return True


def _new(vault, model, incident_id, position, **values):
    return model(origin_vault_id=vault.vault_id, incident_id=incident_id, position=position,
                 created_by=vault.actor.id, updated_by=vault.actor.id, **values)


def stakeholder_key(name: str) -> str:
    """ "Card issuers and banks" → "card_issuers_and_banks" (what audiences are matched on)."""
    return KEY_RE.sub("_", name.strip().lower()).strip("_")[:40]


def add(vault: UnlockedVault, *, kind: str, name: str, key: str = "",
        incident_id: str | None = None):
    """Add a phase or stakeholder group at the end (phases: later in the crisis)."""
    model = KINDS[kind]
    require_writer(vault, "change the journey map")
    name = text("name", name, limit=LIMITS[kind], required=f"Name the {kind}.")
    incident_id = incident_id_of(vault, incident_id)
    extra = {"key": stakeholder_key(key or name)} if kind == "stakeholder" else {}
    if kind == "stakeholder" and not extra["key"]:
        raise ValidationError("name", "Use at least one letter or digit in the name.")
    with vault.write() as session:
        rows = _active(session, model, incident_id)
        _check_unique(rows, name, extra.get("key"))
        if len(rows) >= MAX_ROWS:
            raise ValidationError("name", f"At most {MAX_ROWS} {kind}s: retire one first.")
        row = _new(vault, model, incident_id, (rows[-1].position + 1) if rows else 0,
                   name=name, **extra)
        session.add(row)
        audit.record(vault, session, f"journey.{kind}_added", kind, row.id, {"name": name})
    return row


def _check_unique(rows, name: str, key: str | None, skip: str | None = None) -> None:
    for row in rows:
        if row.id == skip:
            continue
        if row.name.lower() == name.lower() or (key and getattr(row, "key", None) == key):
            raise ValidationError("name", f"There is already one called {row.name}.")


def rename(vault: UnlockedVault, *, kind: str, row_id: str, name: str):
    model = KINDS[kind]
    require_writer(vault, "change the journey map")
    name = text("name", name, limit=LIMITS[kind], required=f"Name the {kind}.")
    with vault.write() as session:
        row = _get(session, model, row_id)
        _check_unique(_active(session, model, row.incident_id), name, None, skip=row.id)
        old, row.name = row.name, name
        _touch(vault, row)
        session.add(row)
        audit.record(vault, session, f"journey.{kind}_renamed", kind, row.id,
                     {"from": old, "to": name})
    return row


def move(vault: UnlockedVault, *, kind: str, row_id: str, offset: int) -> None:
    """Move one place earlier (-1) or later (+1); nothing happens at either end."""
    model = KINDS[kind]
    require_writer(vault, "change the journey map")
    with vault.write() as session:
        row = _get(session, model, row_id)
        rows = _active(session, model, row.incident_id)
        i = [r.id for r in rows].index(row.id)
        j = i + offset
        if not 0 <= j < len(rows) or offset == 0:
            return
        rows[i], rows[j] = rows[j], rows[i]
        for n, r in enumerate(rows):  # renumber: positions stay 0..n-1
            if r.position != n:
                r.position = n
                _touch(vault, r)
                session.add(r)
        audit.record(vault, session, f"journey.{kind}_moved", kind, row.id,
                     {"order": [r.name for r in rows]})


def retire(vault: UnlockedVault, *, kind: str, row_id: str) -> None:
    model = KINDS[kind]
    require_writer(vault, "change the journey map")
    with vault.write() as session:
        row = _get(session, model, row_id)
        if len(_active(session, model, row.incident_id)) <= 1:
            raise ValidationError("name", f"The map needs at least one {kind}.")
        row.status = "retired"
        _touch(vault, row)
        session.add(row)
        audit.record(vault, session, f"journey.{kind}_retired", kind, row.id,
                     {"name": row.name})


def _get(session, model, row_id: str):
    row = session.get(model, row_id)
    if row is None or row.status != "active":
        raise NotFound("That phase or stakeholder group is not on the map.")
    return row


def _touch(vault, row) -> None:
    row.updated_at, row.updated_by = utcnow(), vault.actor.id


def active_rows(session, incident_id: str) -> tuple[list, list]:
    """(phases, stakeholder groups) in order."""
    return _active(session, JourneyPhase, incident_id), \
        _active(session, StakeholderGroup, incident_id)
