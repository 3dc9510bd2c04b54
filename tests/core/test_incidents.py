"""Incidents: validation changes nothing, every change is audited with its operator."""

from datetime import UTC, datetime

import pytest
from sqlmodel import select

from commandcenter.models import AuditEntry, Incident
from commandcenter.services import incidents, settings
from commandcenter.services.errors import ValidationError
from commandcenter.vault import slots
from commandcenter.vault.errors import PermissionDenied
from tests.conftest import FAST_KDF


def _count(vault, model):
    with vault.read() as s:
        return len(s.exec(select(model)).all())


def test_create_makes_it_active_and_audits_it(vault):
    inc = incidents.create_incident(vault, data=incidents.IncidentInput(
        "INC-2026-014", "Card data breach", "Tills skimmed", "critical",
        datetime(2026, 12, 11, 9, 0, tzinfo=UTC)))
    assert incidents.active_incident(vault).id == inc.id
    assert inc.created_by == vault.actor.id and inc.origin_vault_id == vault.vault_id
    with vault.read() as s:
        last = s.exec(select(AuditEntry).where(AuditEntry.action == "incident.created")).one()
    assert last.entity_id == inc.id and last.operator_id == vault.actor.id
    assert incidents.list_incidents(vault)[0].opened_at == datetime(2026, 12, 11, 9, 0, tzinfo=UTC)


@pytest.mark.parametrize("field,data", [
    ("code", incidents.IncidentInput("!", "Title")),
    ("code", incidents.IncidentInput("has space", "Title")),
    ("title", incidents.IncidentInput("INC-1", "   ")),
    ("severity", incidents.IncidentInput("INC-1", "Title", severity="apocalyptic")),
    ("opened_at", incidents.IncidentInput("INC-1", "Title", opened_at=datetime(2026, 1, 1))),
])
def test_bad_input_names_the_field_and_changes_nothing(vault, field, data):
    before_audit, before_inc = _count(vault, AuditEntry), _count(vault, Incident)
    with pytest.raises(ValidationError) as err:
        incidents.create_incident(vault, data=data)
    assert err.value.field == field and err.value.message
    assert (_count(vault, AuditEntry), _count(vault, Incident)) == (before_audit, before_inc)


def test_duplicate_code_refused(vault):
    incidents.create_incident(vault, data=incidents.IncidentInput("INC-1", "First"))
    with pytest.raises(ValidationError) as err:
        incidents.create_incident(vault, data=incidents.IncidentInput("INC-1", "Second"))
    assert err.value.field == "code"
    assert _count(vault, Incident) == 1


def test_update_records_only_changes_and_close_needs_a_lead(vault):
    inc = incidents.create_incident(vault, data=incidents.IncidentInput("INC-1", "First"))
    incidents.update_incident(vault, incident_id=inc.id, title="Renamed")
    incidents.update_incident(vault, incident_id=inc.id, title="Renamed")  # no change: no entry
    with vault.read() as s:
        updates = s.exec(select(AuditEntry).where(AuditEntry.action == "incident.updated")).all()
    assert len(updates) == 1 and '"title":"Renamed"' in updates[0].payload

    slots.add_operator(vault, name="Eve Editor", role="editor", passphrase="editor pass 1")
    from commandcenter.vault import lifecycle

    eve_id = next(o.operator_id for o in lifecycle.list_operators(vault.paths)
                  if o.name == "Eve Editor")
    editor = lifecycle.unlock_with_passphrase(vault.paths, operator_id=eve_id,
                                              passphrase="editor pass 1")
    try:
        with pytest.raises(PermissionDenied):
            incidents.close_incident(editor, incident_id=inc.id)
        with pytest.raises(PermissionDenied):
            settings.set_setting(editor, key="auto_lock_minutes", value=10)
    finally:
        editor.lock()
    closed = incidents.close_incident(vault, incident_id=inc.id)
    assert closed.status == "closed" and closed.closed_at is not None


def test_settings_validate_and_audit(vault):
    assert settings.get_setting(vault, "auto_lock_minutes") == 5
    with pytest.raises(ValidationError):
        settings.set_setting(vault, key="auto_lock_minutes", value=0)
    settings.set_setting(vault, key="auto_lock_minutes", value=15)
    assert settings.all_settings(vault)["auto_lock_minutes"] == 15
    with vault.read() as s:
        entry = s.exec(select(AuditEntry).where(AuditEntry.action == "setting.changed")).one()
    assert '"new":15' in entry.payload and '"old":5' in entry.payload


def test_only_a_lead_adds_operators_and_names_are_unique(vault):
    with pytest.raises(ValidationError):
        slots.add_operator(vault, name="dana lead", role="editor", passphrase="long enough 1")
    with pytest.raises(ValidationError) as err:
        slots.add_operator(vault, name="Short Pass", role="editor", passphrase="short")
    assert err.value.field == "passphrase"
    assert FAST_KDF.memory_kib >= 64 * 1024
