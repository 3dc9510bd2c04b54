"""Vault settings: typed accessors over the key/value table (values are JSON)."""

import json

from sqlmodel import select

from commandcenter.models import Setting
from commandcenter.services import audit
from commandcenter.services.errors import ValidationError
from commandcenter.vault.unlocked import UnlockedVault

# key -> (default, validator returning an error message or "")
SPEC = {
    "auto_lock_minutes": (5, lambda v: "" if isinstance(v, int) and 1 <= v <= 240
                          else "Auto-lock must be between 1 and 240 minutes."),
    "approvals_required": (1, lambda v: "" if isinstance(v, int) and 1 <= v <= 5
                           else "Approvals required must be between 1 and 5."),
    "media_training_max_months": (12, lambda v: "" if isinstance(v, int) and 1 <= v <= 60
                                  else "Media-training validity must be 1 to 60 months."),
    # Who a spokesperson calls (spokesperson mode, briefing card): name, role, phone.
    "war_room_contact": ("", lambda v: "" if isinstance(v, str) and len(v) <= 300
                         else "The war-room contact is text of at most 300 characters."),
    "active_incident_id": (None, lambda v: "" if v is None or isinstance(v, str)
                           else "Not an incident id."),
}


def get_setting(vault: UnlockedVault, key: str):
    default, _ = SPEC[key]
    with vault.read() as session:
        row = session.exec(select(Setting).where(Setting.key == key)).first()
    return default if row is None else json.loads(row.value)


def set_setting(vault: UnlockedVault, *, key: str, value) -> None:
    if key not in SPEC:
        raise ValidationError(key, f"Unknown setting {key!r}.")
    problem = SPEC[key][1](value)
    if problem:
        raise ValidationError(key, problem)
    if key != "active_incident_id":
        vault.actor.require("lead", action="change vault settings")
    with vault.write() as session:
        _put(vault, session, key, value)


def _put(vault: UnlockedVault, session, key: str, value) -> None:
    row = session.exec(select(Setting).where(Setting.key == key)).first()
    if row is None:
        row = Setting(origin_vault_id=vault.vault_id, key=key, created_by=vault.actor.id)
    old = None if row.value is None else row.value
    row.value = audit.canonical_json(value)
    row.updated_at, row.updated_by = audit.utcnow(), vault.actor.id
    session.add(row)
    audit.record(vault, session, "setting.changed", "setting", row.id,
                 {"key": key, "old": json.loads(old) if old else None, "new": value})


def all_settings(vault: UnlockedVault) -> dict:
    with vault.read() as session:
        rows = {r.key: json.loads(r.value) for r in session.exec(select(Setting)).all()}
    return {k: rows.get(k, default) for k, (default, _) in SPEC.items()}
