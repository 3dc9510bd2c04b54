"""The journey map, timeline and promises: 9 C's round-trip, structure edits, overdue logic
as the clock moves, updates that keep promises, metrics from the timeline."""

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import text
from sqlmodel import select

from commandcenter.models import AuditEntry, UpdatePromise
from commandcenter.services import incidents
from commandcenter.services import journey as j
from commandcenter.services.errors import ValidationError

T0 = datetime(2026, 6, 11, 20, 0, tzinfo=UTC)  # in the past: events are facts


@pytest.fixture
def mapped(vault):
    incidents.create_incident(vault, data=incidents.IncidentInput(
        "INC-1", "Card breach", opened_at=T0))
    assert j.ensure_defaults(vault)
    return vault


def _data(vault, now=None):
    return j.load(vault, now=now or T0 + timedelta(days=1))


def test_defaults_are_the_five_phases_and_seven_groups_once(mapped):
    data = _data(mapped)
    assert [p.name for p in data.phases] == ["Detection", "Disclosure", "Response",
                                             "Resolution", "Rebuilding trust"]
    assert [s.key for s in data.stakeholders][:2] == ["customers", "employees"]
    assert len(data.stakeholders) == 7
    assert not j.ensure_defaults(mapped)  # a second call adds nothing


def test_nine_cs_round_trip(mapped):
    data = _data(mapped)
    phase, group = data.phases[1], data.stakeholders[0]
    due = T0 + timedelta(hours=30)
    cell_in = j.CellInput(
        community="Cardholders who shopped in stores", context="Which cards, what to do",
        content=("tp-holding", "tp-remedy", "tp-holding"), channel="Email, website, hotline",
        cadence="Daily 18:00 ET", catalyst="Check statements", credibility="Malware removed",
        currency="Free credit monitoring", culture="Plain words, apologise first",
        sentiment=-2, pain_points="Fraud fear; long hotline waits",
        actions=(j.PlannedAction("Triple hotline staff", "Tom", due),))
    j.save_cell(mapped, phase_id=phase.id, stakeholder_id=group.id, data=cell_in)
    stored = _data(mapped).cell(phase.id, group.id)
    back = j.cells.cell_input(stored)
    assert back == j.CellInput(**{**cell_in.__dict__, "content": ("tp-holding", "tp-remedy")})
    assert back.actions[0].due == due


def test_bad_cell_input_changes_nothing(mapped):
    data = _data(mapped)
    phase, group = data.phases[0], data.stakeholders[0]
    entries = _audit_count(mapped)
    for bad, field in ((j.CellInput(sentiment=3), "sentiment"),
                       (j.CellInput(actions=(j.PlannedAction(" "),)), "actions"),
                       (j.CellInput(context="x" * 2001), "context")):
        with pytest.raises(ValidationError) as err:
            j.save_cell(mapped, phase_id=phase.id, stakeholder_id=group.id, data=bad)
        assert err.value.field == field
    assert _data(mapped).cell(phase.id, group.id) is None
    assert _audit_count(mapped) == entries


def _audit_count(vault) -> int:
    with vault.read() as session:
        return len(session.exec(select(AuditEntry)).all())


def test_empty_and_stale_cells(mapped):
    data = _data(mapped)
    response, group = data.phases[2], data.stakeholders[0]
    j.save_cell(mapped, phase_id=response.id, stakeholder_id=group.id,
                data=j.CellInput(context="Remedy details"))
    now = datetime.now(UTC)
    fresh = j.load(mapped, now=now)
    assert fresh.cell_state(2, group.id) == "ok"
    assert fresh.cell_state(0, group.id) == "empty"
    later = j.load(mapped, now=now + timedelta(hours=49))
    assert later.cell_state(2, group.id) == "stale"  # a plan for now/later not looked at
    j.add_event(mapped, data=j.EventInput(now, "remedy_launched", "Hotline 24/7",
                                          phase_id=data.phases[3].id), now=now)
    assert j.load(mapped, now=now + timedelta(hours=49)).cell_state(2, group.id) == "ok"


def test_structure_edits(mapped):
    phases = _data(mapped).phases
    j.structure.add(mapped, kind="phase", name="Aftermath")
    j.structure.rename(mapped, kind="phase", row_id=phases[0].id, name="Detection & triage")
    j.structure.move(mapped, kind="phase", row_id=phases[1].id, offset=-1)
    j.structure.retire(mapped, kind="phase", row_id=phases[4].id)
    names = [p.name for p in _data(mapped).phases]
    assert names == ["Disclosure", "Detection & triage", "Response", "Resolution", "Aftermath"]
    with pytest.raises(ValidationError, match="already one called"):
        j.structure.add(mapped, kind="phase", name="response")
    group = j.structure.add(mapped, kind="stakeholder", name="Partners & suppliers")
    assert group.key == "partners_suppliers"


def test_overdue_as_the_clock_moves_and_an_update_keeps_it(mapped):
    promised = T0 + timedelta(days=6)
    due = promised + timedelta(hours=4)
    p = j.promise_from(mapped, source="talking_point:tp-7", stakeholder="customers", due=due,
                       promised_at=promised)
    assert j.load(mapped, now=due - timedelta(hours=2)).promise_state(p) == "open"
    assert j.load(mapped, now=due - timedelta(minutes=30)).promise_state(p) == "due_soon"
    assert j.load(mapped, now=due + timedelta(minutes=1)).overdue()[0].id == p.id
    # An update to another group keeps nothing.
    j.log_update(mapped, stakeholder="media", summary="Press briefing",
                 at=due - timedelta(hours=1), now=due)
    assert j.load(mapped, now=due + timedelta(minutes=1)).overdue()
    result = j.log_update(mapped, stakeholder="customers", summary="Daily update posted",
                          at=due - timedelta(minutes=5), now=due,
                          next_update_due=due + timedelta(days=1))
    assert (result.kept, result.late) == (1, 0)
    data = j.load(mapped, now=due + timedelta(hours=1))
    kept = next(x for x in data.promises if x.id == p.id)
    assert data.promise_state(kept) == "kept" and kept.kept_by == result.update.id
    assert not data.overdue()
    assert data.promise_state(result.next_promise) == "open"
    # The next one is missed: overdue, then kept late by the update after it.
    later = due + timedelta(days=1, hours=3)
    assert [x.id for x in j.load(mapped, now=later).overdue()] == [result.next_promise.id]
    late = j.log_update(mapped, stakeholder="customers", summary="Late update", at=later,
                        now=later)
    assert (late.kept, late.late) == (0, 1)
    cad = {c.stakeholder_id: c for c in j.load(mapped, now=later).cadence()}
    customers = _data(mapped).stakeholders[0].id
    assert (cad[customers].promised, cad[customers].kept, cad[customers].late) == (2, 1, 1)


def test_promise_input_is_checked(mapped):
    due = datetime.now(UTC) + timedelta(hours=2)
    for kwargs, field in ((dict(source="email"), "source"),
                          (dict(stakeholder="aliens"), "stakeholder"),
                          (dict(due=datetime(2030, 1, 1)), "due"),
                          (dict(due=datetime.now(UTC) - timedelta(hours=1)), "due")):
        args = dict(source="manual", stakeholder="customers", due=due) | kwargs
        with pytest.raises(ValidationError) as err:
            j.promise_from(mapped, **args)
        assert err.value.field == field
    with mapped.read() as session:
        assert session.exec(select(UpdatePromise)).all() == []
    with pytest.raises(ValidationError):
        j.log_update(mapped, stakeholder="customers", summary=" ")
    p = j.promise_from(mapped, source="manual", stakeholder="customers", due=due)
    j.cancel_promise(mapped, promise_id=p.id, reason="Merged into the daily update")
    assert [j.load(mapped).promise_state(x) for x in j.load(mapped).promises] == ["cancelled"]
    assert j.load(mapped).cadence()[0].promised == 0


def test_timeline_metrics(mapped):
    phases = _data(mapped).phases
    events = [(T0, "detected", 0), (T0 + timedelta(hours=23), "confirmed", 0),
              (T0 + timedelta(days=5, hours=18), "media_report", 1),
              (T0 + timedelta(days=5, hours=21, minutes=25), "disclosed", 1),
              (T0 + timedelta(days=6), "regulator_notified", 1)]
    for at, kind, phase in reversed(events):  # order of entry does not matter
        j.add_event(mapped, data=j.EventInput(at, kind, f"{kind} event", "source",
                                              phases[phase].id))
    data = _data(mapped, now=T0 + timedelta(days=7))
    m = data.metrics
    assert m.detection_to_disclosure == timedelta(days=5, hours=21, minutes=25)
    assert m.story_broke_first and m.media_lead == timedelta(hours=3, minutes=25)
    assert m.since_disclosure(data.now) == timedelta(days=1, hours=2, minutes=35)
    assert data.current_phase == 1
    assert j.timeline.duration_text(m.detection_to_disclosure) == "5 d 21 h"
    assert not j.metrics([]).story_broke_first


def test_summary_reads_the_timeline_as_the_full_load_does(mapped):
    """summary() asks the database for the first event of each kind and the latest phase;
    it must agree with JourneyData, which reads every event, at every moment."""
    phases = _data(mapped).phases
    events = [(T0, "detected", 0), (T0 + timedelta(hours=5), "confirmed", 2),
              (T0 + timedelta(hours=5), "other", 1),  # same time: the later entry wins
              (T0 + timedelta(days=2), "disclosed", 3), (T0 + timedelta(days=3), "other", None)]
    for at, kind, phase in events:
        j.add_event(mapped, data=j.EventInput(at, kind, kind, "",
                                              phases[phase].id if phase is not None else None))
    # Stale while its phase (1) is current or ahead: tells which phase each side thinks is
    # current (1 at T0 + 6 h, by the later of the two events at T0 + 5 h).
    j.save_cell(mapped, phase_id=phases[1].id, stakeholder_id=_data(mapped).stakeholders[0].id,
                data=j.CellInput(context="Holding statement"), saved_at=T0 - timedelta(days=3))
    for now in (T0 - timedelta(hours=1), T0 + timedelta(hours=6), T0 + timedelta(days=4)):
        full, summary = j.load(mapped, now=now), j.summary(mapped, now=now)
        cells = [full.cell_state(i, s.id) for i in range(len(full.phases))
                 for s in full.stakeholders]
        assert summary.metrics == full.metrics
        assert (summary.empty_cells, summary.stale_cells) == \
            (cells.count("empty"), cells.count("stale"))
    assert j.load(mapped, now=T0 + timedelta(hours=6)).current_phase == 1


def test_story_not_broken_when_we_disclose_first(mapped):
    j.add_event(mapped, data=j.EventInput(T0, "disclosed", "We told customers"))
    j.add_event(mapped, data=j.EventInput(T0 + timedelta(hours=2), "media_report", "Wire"))
    assert not _data(mapped).metrics.story_broke_first


def test_timeline_input_is_checked_and_events_are_insert_only(mapped):
    for data, field in ((j.EventInput(T0, "rumour", "x"), "kind"),
                        (j.EventInput(T0, "other", " "), "title"),
                        (j.EventInput(datetime(2026, 1, 1), "other", "x"), "at"),
                        (j.EventInput(datetime.now(UTC) + timedelta(days=1), "other", "x"),
                         "at")):
        with pytest.raises(ValidationError) as err:
            j.add_event(mapped, data=data)
        assert err.value.field == field
    event = j.add_event(mapped, data=j.EventInput(T0, "detected", "Processor alert"))
    with pytest.raises(Exception, match="facts of history"):
        with mapped.write() as session:
            session.connection().execute(text("UPDATE timeline_event SET title='x' "
                                              "WHERE id=:id"), {"id": event.id})


def test_spokesperson_reads_but_does_not_write(mapped):
    from commandcenter.services import operators
    from commandcenter.vault import lifecycle
    from commandcenter.vault.errors import PermissionDenied
    from tests.conftest import PASSPHRASE

    jordan = operators.add_operator(mapped, name="Jordan", role="spokesperson",
                                    passphrase=PASSPHRASE)
    spoke = lifecycle.unlock_with_passphrase(mapped.paths, operator_id=jordan.id,
                                             passphrase=PASSPHRASE)
    try:
        assert len(j.load(spoke).phases) == 5 and j.load(spoke).decisions == []
        with pytest.raises(PermissionDenied):
            j.log_update(spoke, stakeholder="customers", summary="hi")
    finally:
        spoke.lock()


def test_linked_talking_points_show_labels_when_a_resolver_is_registered(mapped, monkeypatch):
    data = _data(mapped)
    j.save_cell(mapped, phase_id=data.phases[1].id, stakeholder_id=data.stakeholders[0].id,
                data=j.CellInput(content=("tp-1", "tp-2")))
    assert _data(mapped).content_label("tp-1") == "tp-1"  # no resolver: the id
    monkeypatch.setattr(j.query, "CONTENT_RESOLVER",
                        lambda session, ids: {"tp-1": "Holding statement v3"})
    data = _data(mapped)
    assert data.content_label("tp-1") == "Holding statement v3 (tp-1)"
    assert data.content_label("tp-2") == "tp-2"
