"""Issue 6: assignments only to people cleared for the line's audience, acknowledgement state
that follows every change to a line, spokesperson mode that shows no draft, no rationale and
nobody else's contacts (enforced by the services), acknowledging clearing "changed since",
and the briefing card PDF holding the current words and the code."""

import io
import pytest
from pypdf import PdfReader
from sqlalchemy import exc as sa_exc
from sqlalchemy import text
from sqlmodel import select

from commandcenter.models import AuditEntry, Spokesperson
from commandcenter.reports import briefing_card
from commandcenter.services import briefing, decisions, incidents, settings
from commandcenter.services import roster as r
from commandcenter.services import talking_points as tp
from commandcenter.services.errors import ValidationError
from commandcenter.services.talking_points import query
from commandcenter.vault.errors import PermissionDenied
from commandcenter.vault.unlocked import Actor
from tests.core.test_talking_points import APPROVER, EDITOR, as_, line

SPOKES = Actor("s0000000-0000-0000-0000-000000000009", "Jordan Ellis", "spokesperson")


@pytest.fixture
def world(vault):
    """An incident, three people (Jordan is an operator; Maya his backup; Ana a stranger)
    and two approved lines for customers and a do-not-say item."""
    lead = vault.actor
    incidents.create_incident(vault, data=incidents.IncidentInput("INC-1", "Card breach"))
    maya = r.add(vault, data=r.SpokespersonInput("Maya Chen", email="maya@x.example",
                                                 phone="+1 312 555 0100",
                                                 audiences=("customers", "media")))
    jordan = r.add(vault, data=r.SpokespersonInput(
        "Jordan Ellis", email="jordan@x.example", audiences=("customers", "media"),
        backup_id=maya.id))
    ana = r.add(vault, data=r.SpokespersonInput("Ana Lima", email="ana@x.example",
                                                phone="+44 20 7946 0999",
                                                audiences=("regulators",)))
    with vault.write() as session:  # Jordan unlocks the app himself
        row = session.get(Spokesperson, jordan.id)
        row.operator_id = SPOKES.id
        session.add(row)
    holding = _approved(vault, line("Holding statement", ("customers", "media"),
                                    body="We are sorry. Card data was taken."))
    qa = _approved(vault, line("Fraud", ("customers",), kind="qa", question="Am I liable?",
                               body="No. You will not pay for fraudulent charges."))
    dns = _approved(vault, line("No blame", ("media",), kind="do_not_say",
                                body="Never blame the card processor."))
    as_(vault, lead)
    return dict(vault=vault, lead=lead, maya=maya, jordan=jordan, ana=ana, holding=holding,
                qa=qa, dns=dns)


def _approved(vault, data):
    saved = tp.create(as_(vault, EDITOR), data=data)
    tp.submit(vault, version_id=saved.version_id)
    tp.approve(as_(vault, APPROVER), version_id=saved.version_id)
    return saved


def _new_version(vault, point_id, body, *, approve=True):
    lead = vault.actor
    h = tp.history(as_(vault, EDITOR), point_id=point_id)
    data = tp.input_of(h.point, h.versions[-1], [])
    from dataclasses import replace
    saved = tp.new_version(vault, point_id=point_id, data=replace(data, body=body))
    if approve:
        tp.submit(vault, version_id=saved.version_id)
        tp.approve(as_(vault, APPROVER), version_id=saved.version_id)
    as_(vault, lead)
    return saved


def _state(vault, person_id):
    return briefing.states(vault)[person_id].state


def test_an_uncleared_assignment_is_refused_with_the_reason_and_changes_nothing(world):
    v = world["vault"]
    with pytest.raises(ValidationError, match="Ana Lima is not cleared for this line's "
                                              "audience.*Customers.*Regulators"):
        briefing.assign(v, spokesperson_id=world["ana"].id, point_id=world["qa"].point_id)
    with pytest.raises(ValidationError, match="Do-not-say items are not assigned"):
        briefing.assign(v, spokesperson_id=world["jordan"].id,
                        point_id=world["dns"].point_id)
    assert briefing.states(v)[world["ana"].id].snapshot == {}
    # Cleared for one of the line's audiences is enough; twice is refused.
    briefing.assign(v, spokesperson_id=world["jordan"].id, point_id=world["holding"].point_id)
    with pytest.raises(ValidationError, match="already has this line"):
        briefing.assign(v, spokesperson_id=world["jordan"].id,
                        point_id=world["holding"].point_id)
    with pytest.raises(PermissionDenied):
        briefing.assign(as_(v, SPOKES), spokesperson_id=world["jordan"].id,
                        point_id=world["qa"].point_id)


def test_acknowledgement_state_follows_every_change_to_the_line(world):
    v, j = world["vault"], world["jordan"].id
    assert _state(v, j) == "gap"  # cleared for customers and media, holds nothing yet
    briefing.assign(v, spokesperson_id=j, point_id=world["holding"].point_id)
    briefing.assign(v, spokesperson_id=j, point_id=world["qa"].point_id)
    assert _state(v, j) == "not_current"  # never acknowledged
    ack = briefing.acknowledge(as_(v, SPOKES))
    assert not ack.on_behalf and _state(as_(v, world["lead"]), j) == "current"
    # 1. a new approved version of an assigned line
    _new_version(v, world["holding"].point_id, "We are sorry. Card data and names were taken.")
    held = briefing.states(v)[j]
    assert held.state == "not_current" and [c.what for c in held.changes] == ["new version"]
    briefing.acknowledge(v, spokesperson_id=j)
    assert _state(v, j) == "current"
    # A draft of the next version changes nothing for them.
    _new_version(v, world["holding"].point_id, "Draft words", approve=False)
    assert _state(v, j) == "current"
    # 2. the line withdrawn (retired): the Q&A leaves; customers and media still have one
    tp.retire(as_(v, APPROVER), point_id=world["qa"].point_id, reason="Out of date")
    as_(v, world["lead"])
    assert [c.what for c in briefing.states(v)[j].changes] == ["withdrawn"]
    briefing.acknowledge(v, spokesperson_id=j)
    # 3. a new do-not-say item for one of their audiences
    _approved(v, line("No numbers", ("customers",), kind="do_not_say",
                      body="Never guess how many cards."))
    as_(v, world["lead"])
    assert [c.what for c in briefing.states(v)[j].changes] == ["new do-not-say item"]
    # An acknowledgement can neither change nor vanish.
    with pytest.raises(sa_exc.DatabaseError, match="append-only"):
        with v.engine.begin() as conn:
            conn.execute(text("UPDATE line_acknowledgement SET code = 'X'"))
    with v.read() as session:
        actions = [e.action for e in session.exec(select(AuditEntry))]
    assert actions.count("lines.acknowledged") == 3


def test_a_line_flagged_for_review_makes_its_holder_not_current(world):
    v, j = world["vault"], world["jordan"].id
    _new_version(v, world["holding"].point_id, "We are sorry.")  # v2, then link it
    briefing.assign(v, spokesperson_id=j, point_id=world["holding"].point_id)
    briefing.acknowledge(v, spokesperson_id=j)
    assert _state(v, j) == "current"
    infos, _ = query.version_infos(v, settings.get_setting(v, "active_incident_id"))
    flagged = [i for i in infos if i.point_id == world["holding"].point_id][0]
    with v.write() as session:  # as the dependents service does when a decision changes
        session.connection().execute(text(
            "UPDATE talking_point_version SET status = 'needs_review' WHERE id = :id"),
            {"id": flagged.id})
    assert [c.what for c in briefing.states(v)[j].changes] == ["withdrawn"]


def test_spokesperson_mode_shows_no_draft_no_rationale_and_nobody_elses_contacts(world):
    v, j = world["vault"], world["jordan"].id
    settings.set_setting(v, key="war_room_contact", value="Dana Lead · +1 612 555 0100")
    decisions.log_decision(v, data=decisions.DecisionInput(
        "Disclose today", "RATIONALE-NEVER-SHOWN", ("Dana Lead",)))
    for pid in (world["holding"].point_id, world["qa"].point_id):
        briefing.assign(v, spokesperson_id=j, point_id=pid)
    _new_version(v, world["holding"].point_id, "DRAFT-NEVER-SHOWN words", approve=False)
    b = briefing.load(as_(v, SPOKES))
    everything = repr(b)
    assert "DRAFT-NEVER-SHOWN" not in everything and "RATIONALE-NEVER-SHOWN" not in everything
    assert "We are sorry. Card data was taken." in everything
    assert "Never blame the card processor." in everything  # do-not-say for media
    # Contacts: their backup's and the war room's only — never Ana's.
    assert b.backup.phone == "+1 312 555 0100" and "612 555 0100" in b.war_room
    assert "7946 0999" not in everything and "ana@x.example" not in everything
    # The services refuse the rest to a spokesperson, whatever the UI shows.
    with pytest.raises(PermissionDenied):
        briefing.load(v, spokesperson_id=world["ana"].id)
    with pytest.raises(PermissionDenied):
        tp.list_lines(v)
    with pytest.raises(PermissionDenied):
        tp.history(v, point_id=world["holding"].point_id)
    with pytest.raises(PermissionDenied):
        decisions.page(v)
    assert {x.person.name for x in r.rows(v)} == {"Jordan Ellis", "Maya Chen"}
    assert set(briefing.states(v)) == {j}


def test_acknowledging_clears_changed_since_and_records_who(world):
    v, j = world["vault"], world["jordan"].id
    briefing.assign(v, spokesperson_id=j, point_id=world["holding"].point_id)
    briefing.acknowledge(v, spokesperson_id=j)  # the lead, on his behalf
    new = "We are sorry. Card data and e-mail addresses were taken."
    _new_version(v, world["holding"].point_id, new)
    b = briefing.load(as_(v, SPOKES))
    assert b.last_ack.on_behalf and b.last_ack.operator_name == world["lead"].name
    [change] = b.changes
    assert change.old_text == "We are sorry. Card data was taken." and change.new_text == new
    # A stale code (the lines changed while reading) records nothing.
    with pytest.raises(ValidationError, match="changed while you were reading"):
        briefing.acknowledge(v, code="00000000")
    briefing.acknowledge(v, code=b.code)
    after = briefing.load(v)
    assert after.changes == [] and after.holding.state == "current"
    assert not after.last_ack.on_behalf and after.code == b.code


def test_the_briefing_card_pdf_holds_the_current_lines_and_the_code(world, tmp_path):
    v, j = world["vault"], world["jordan"].id
    for pid in (world["holding"].point_id, world["qa"].point_id):
        briefing.assign(v, spokesperson_id=j, point_id=pid)
    out = tmp_path / "card.pdf"
    result = briefing_card.export_card(v, out, spokesperson_id=briefing_card.find_person(
        v, "jordan ellis"))
    reader = PdfReader(io.BytesIO(out.read_bytes()))
    assert len(reader.pages) == 1
    words = " ".join(reader.pages[0].extract_text().split())
    assert "We are sorry. Card data was taken." in words
    assert "No. You will not pay for fraudulent charges." in words
    assert "Never blame the card processor." in words
    code = briefing.load(v, spokesperson_id=j).code
    assert result["code"] == code and code in words
    # A new version gives another code.
    _new_version(v, world["holding"].point_id, "We are sorry. Names were taken too.")
    assert briefing.load(v, spokesperson_id=j).code != code
    with pytest.raises(Exception, match="No spokesperson called"):
        briefing_card.find_person(v, "Nobody")


def test_the_card_stays_on_one_page_with_many_long_lines(world):
    v, j = world["vault"], world["jordan"].id
    long = " ".join(["This is a long sentence about the breach."] * 40)
    for n in range(12):
        saved = _approved(v, line(f"Line {n}", ("customers",), body=long))
        as_(v, world["lead"])
        briefing.assign(v, spokesperson_id=j, point_id=saved.point_id)
    data, _code = briefing_card.build(v, spokesperson_id=j)
    assert len(PdfReader(io.BytesIO(data)).pages) == 1


def test_war_room_contact_is_set_by_a_lead_only(world):
    v = world["vault"]
    with pytest.raises(PermissionDenied):
        settings.set_setting(as_(v, EDITOR), key="war_room_contact", value="x")
    with pytest.raises(ValidationError):
        settings.set_setting(as_(v, world["lead"]), key="war_room_contact", value="x" * 301)
