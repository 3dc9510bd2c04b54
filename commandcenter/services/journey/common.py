"""Shared by the journey services: who may write, which incident, time checks."""

from datetime import datetime, timedelta

from commandcenter.services import settings
from commandcenter.services.errors import NotFound, ValidationError
from commandcenter.vault.unlocked import UnlockedVault

# Everyone on the war-room team but spokespersons edits the map; everyone reads it
# (a spokesperson needs to know when the next update is due).
WRITERS = ("lead", "approver", "editor", "loggist")
FUTURE_SLACK = timedelta(minutes=1)  # two laptops' clocks differ a little


def require_writer(vault: UnlockedVault, action: str) -> None:
    vault.actor.require(*WRITERS, action=action)


def incident_id_of(vault: UnlockedVault, incident_id: str | None) -> str:
    from commandcenter.models import Incident

    incident_id = incident_id or settings.get_setting(vault, "active_incident_id")
    if not incident_id:
        raise ValidationError("incident", "Open an incident first: the journey map and the "
                              "timeline belong to the active incident.")
    with vault.read() as session:
        if session.get(Incident, incident_id) is None:
            raise NotFound("No such incident.")
    return incident_id


def aware(name: str, value: datetime | None, *, required: bool = True) -> datetime | None:
    if value is None:
        if required:
            raise ValidationError(name, "Give a date and time.")
        return None
    if value.tzinfo is None:
        raise ValidationError(name, "The time needs a time zone.")
    return value


def not_future(name: str, value: datetime, now: datetime) -> None:
    if value > now + FUTURE_SLACK:
        raise ValidationError(name, "That time is in the future: record what has happened.")


def text(name: str, value: str, *, limit: int, required: str = "") -> str:
    value = (value or "").strip()
    if required and not value:
        raise ValidationError(name, required)
    if len(value) > limit:
        raise ValidationError(name, f"Keep it under {limit:,} characters.")
    return value
