"""Incidents: create, list, change, close, and which one is active."""

import re
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import select

from commandcenter.models import Incident, Setting
from commandcenter.models.incident import SEVERITIES
from commandcenter.services import audit, settings
from commandcenter.services.errors import NotFound, ValidationError
from commandcenter.vault.unlocked import UnlockedVault

CODE_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{1,39}$")


@dataclass(frozen=True)
class IncidentInput:
    code: str
    title: str
    summary: str = ""
    severity: str = "high"
    opened_at: datetime | None = None

    def validate(self) -> None:
        if not CODE_RE.match(self.code or ""):
            raise ValidationError("code", "The code needs 2–40 letters, digits, '.', '_' or '-', "
                                  "e.g. INC-2026-014.")
        if not (self.title or "").strip():
            raise ValidationError("title", "Give the incident a title.")
        if len(self.title) > 200:
            raise ValidationError("title", "Keep the title under 200 characters.")
        if self.severity not in SEVERITIES:
            raise ValidationError("severity", "Severity is one of " + ", ".join(SEVERITIES) + ".")
        if self.opened_at is not None and self.opened_at.tzinfo is None:
            raise ValidationError("opened_at", "The opening time needs a time zone.")


def create_incident(vault: UnlockedVault, *, data: IncidentInput, make_active: bool = True
                    ) -> Incident:
    data.validate()
    with vault.write() as session:
        if session.exec(select(Incident).where(Incident.code == data.code)).first():
            raise ValidationError("code", f"An incident with code {data.code} already exists.")
        inc = Incident(origin_vault_id=vault.vault_id, code=data.code, title=data.title.strip(),
                       summary=data.summary.strip(), severity=data.severity,
                       opened_at=data.opened_at or audit.utcnow(), created_by=vault.actor.id,
                       updated_by=vault.actor.id)
        session.add(inc)
        audit.record(vault, session, "incident.created", "incident", inc.id,
                     {"code": inc.code, "title": inc.title, "severity": inc.severity,
                      "summary": inc.summary})
        if make_active:
            settings._put(vault, session, "active_incident_id", inc.id)
    return inc


def update_incident(vault: UnlockedVault, *, incident_id: str, title: str | None = None,
                    summary: str | None = None, severity: str | None = None) -> Incident:
    with vault.write() as session:
        inc = _get(session, incident_id)
        data = IncidentInput(inc.code, title if title is not None else inc.title,
                             summary if summary is not None else inc.summary,
                             severity if severity is not None else inc.severity)
        data.validate()
        changes = {k: v for k, v in (("title", data.title.strip()), ("summary", data.summary),
                                     ("severity", data.severity)) if getattr(inc, k) != v}
        for k, v in changes.items():
            setattr(inc, k, v)
        if changes:
            inc.updated_at, inc.updated_by = audit.utcnow(), vault.actor.id
            session.add(inc)
            audit.record(vault, session, "incident.updated", "incident", inc.id, changes)
    return inc


def close_incident(vault: UnlockedVault, *, incident_id: str,
                   closed_at: datetime | None = None) -> Incident:
    """`closed_at` defaults to now; back-filled or seeded records pass when it really closed."""
    vault.actor.require("lead", action="close an incident")
    if closed_at is not None and closed_at.tzinfo is None:
        raise ValidationError("closed_at", "The closing time needs a time zone.")
    with vault.write() as session:
        inc = _get(session, incident_id)
        if inc.status == "closed":
            return inc
        inc.status, inc.closed_at = "closed", closed_at or audit.utcnow()
        inc.updated_at, inc.updated_by = audit.utcnow(), vault.actor.id
        session.add(inc)
        audit.record(vault, session, "incident.closed", "incident", inc.id,
                     {"code": inc.code, "closed_at": inc.closed_at})
    return inc


def set_active_incident(vault: UnlockedVault, *, incident_id: str) -> None:
    with vault.write() as session:
        _get(session, incident_id)
        settings._put(vault, session, "active_incident_id", incident_id)


def list_incidents(vault: UnlockedVault) -> list[Incident]:
    with vault.read() as session:
        return list(session.exec(select(Incident).order_by(Incident.opened_at.desc())).all())


def active_incident(vault: UnlockedVault) -> Incident | None:
    active_id = settings.get_setting(vault, "active_incident_id")
    if not active_id:
        return None
    with vault.read() as session:
        return session.get(Incident, active_id)


def _get(session, incident_id: str) -> Incident:
    inc = session.get(Incident, incident_id)
    if inc is None:
        raise NotFound("No such incident.")
    return inc


__all__ = ["IncidentInput", "create_incident", "update_incident", "close_incident",
           "set_active_incident", "list_incidents", "active_incident", "Setting"]
