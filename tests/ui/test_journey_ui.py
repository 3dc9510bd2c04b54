"""The journey area in the app: edit a cell, add a timeline event, log an update that keeps
a promise (and the overdue alarm clears), open a dashboard tile onto its filtered view,
export a chart to a file the user chose."""

from datetime import timedelta

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from commandcenter.models.base import utcnow
from commandcenter.services import decisions, incidents
from commandcenter.services import journey as j
from tests.ui.conftest import find_dialog, settle, start_unlock, unlock


def _window(qtbot, controller, area: str = "journey"):
    start_unlock(qtbot, controller)
    window = unlock(qtbot, controller)
    controller.session.call(incidents.create_incident,
                            data=incidents.IncidentInput("INC-1", "Card breach"))
    controller.session.call(j.ensure_defaults)
    settle(qtbot, controller)
    window.open_filtered(area)  # an area reads its data when it is opened
    settle(qtbot, controller)
    if area == "journey":
        qtbot.waitUntil(lambda: window.views["journey"].data is not None
                        and bool(window.views["journey"].data.phases), timeout=10_000)
    return window


def _promises(controller, now):
    """Customers: due in 30 min (open); media: due an hour ago (overdue)."""
    vault = controller.session.vault
    j.promise_from(vault, source="manual", stakeholder="customers", promised_at=now
                   - timedelta(hours=2), due=now + timedelta(minutes=30))
    j.promise_from(vault, source="talking_point:tp-1", stakeholder="media",
                   promised_at=now - timedelta(hours=3), due=now - timedelta(hours=1))
    controller.session.reload()


def test_edit_a_cell_and_the_map_redraws(qtbot, controller, existing_vault):
    window = _window(qtbot, controller)
    view = window.views["journey"]
    assert view.heat.picture is not None and view.heat.last_draw_ms is not None
    view.pane.select(0, 1)  # Customers × Disclosure
    assert view.pane.state.text().startswith("Empty")
    dialog = window.journey_commands.edit_cell()
    assert dialog.windowTitle() == "Journey cell — Customers × Disclosure"
    dialog.fields["context"].setPlainText("Which cards, what to do")
    dialog.fields["currency"].setText("Free credit monitoring")
    dialog.fields["sentiment"].setCurrentIndex(dialog.fields["sentiment"].findData(-2))
    dialog.fields["actions"].add_row(["Open hotline 24/7", "Tom", "tomorrow"])
    dialog.submit()
    assert "YYYY-MM-DD HH:MM" in dialog.errors["actions"].text()  # before any call
    assert view.data.cell(view.data.phases[1].id, view.data.stakeholders[0].id) is None
    dialog.fields["actions"].set_rows([["Open hotline 24/7", "Tom", ""]])
    with qtbot.waitSignal(dialog.accepted, timeout=10_000):
        dialog.submit()
    settle(qtbot, controller)
    cell = view.data.cell(view.data.phases[1].id, view.data.stakeholders[0].id)
    assert cell.context == "Which cards, what to do" and cell.sentiment == -2
    assert view.heat.figure.axes[0].collections[0].get_array()[0][1] == -2
    assert view.heat.last_paint == "cells"  # only the edited cell was repainted
    assert "Free credit monitoring" in view.pane.body.text()
    assert view.pane.state.text() == "Up to date"
    assert "Saved the cell Customers × Disclosure" in window.status.currentMessage()


def test_a_bad_sentiment_from_the_service_is_shown_next_to_the_field(qtbot, controller,
                                                                    existing_vault):
    window = _window(qtbot, controller)
    dialog = window.journey_commands.edit_cell()
    dialog.fields["community"].setText("x" * 2001)
    dialog.submit()
    qtbot.waitUntil(lambda: dialog.errors["community"].isVisible(), timeout=10_000)
    settle(qtbot, controller)
    assert "2,000 characters" in dialog.errors["community"].text()
    dialog.reject()


def test_add_an_event_with_the_keyboard(qtbot, controller, existing_vault):
    window = _window(qtbot, controller, "timeline")
    view = window.views["timeline"]
    assert view.chart.empty.text().startswith("No events yet")
    QTest.keyClick(window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    dialog = find_dialog(qtbot, window, "Add a timeline event")
    dialog.submit()  # no title: refused, nothing added
    qtbot.waitUntil(lambda: dialog.error.isVisible(), timeout=10_000)
    settle(qtbot, controller)
    assert "Say what happened" in dialog.error.text()
    dialog.kind.setCurrentIndex(dialog.kind.findData("detected"))
    dialog.title.setText("Processor flags common purchase point")
    dialog.source.setText("Processor fraud call")
    dialog.at.set_value(utcnow() - timedelta(hours=5))
    with qtbot.waitSignal(dialog.accepted, timeout=10_000):
        dialog.submit()
    settle(qtbot, controller)
    assert view.model.rowCount() == 1
    assert view.model.index(0, 1).data() == "Detected"
    assert view.detected.isVisible() and view.detected.text().startswith("Detected 5 h")
    assert view.to_disclosure.text() == "Not disclosed yet"
    assert view.chart.figure is not None and view.chart.last_draw_ms is not None


def test_log_an_update_that_keeps_a_promise_and_the_alarm_clears(qtbot, controller,
                                                                 existing_vault):
    window = _window(qtbot, controller)
    _promises(controller, utcnow())
    settle(qtbot, controller)
    view = window.views["journey"]
    assert window.status.promises.text.text() == "1 update OVERDUE"
    assert view.alarm.isVisible() and view.alarm.state == "bad"
    QTest.keyClick(window, Qt.Key.Key_U, Qt.KeyboardModifier.ControlModifier)
    dialog = find_dialog(qtbot, window, "Log an update to a stakeholder")
    assert dialog.group.currentText() == "Media"  # the overdue group comes first
    assert "OVERDUE" in dialog.keeps.text()
    dialog.group.setCurrentIndex(dialog.group.findText("Customers"))
    dialog.summary.setPlainText("Daily website update posted")
    dialog.channel.setText("Website")
    with qtbot.waitSignal(dialog.accepted, timeout=10_000):
        dialog.submit()
    settle(qtbot, controller)
    assert dialog.result_value.kept == 1
    states = {r.stakeholder: r.state for r in view.promises.records()}
    assert states == {"Customers": "kept", "Media": "overdue"}
    assert window.status.promises.text.text() == "1 update OVERDUE"  # media still waits
    dialog = window.journey_commands.log_update()
    dialog.summary.setPlainText("Briefing, two hours late")
    with qtbot.waitSignal(dialog.accepted, timeout=10_000):
        dialog.submit()
    settle(qtbot, controller)
    assert window.status.promises.text.text() == "Updates on time"
    assert not view.alarm.isVisible()
    assert "1 kept late" in window.status.currentMessage()


def test_dashboard_tiles_open_their_filtered_views(qtbot, controller, existing_vault):
    window = _window(qtbot, controller, "dashboard")
    now = utcnow()
    _promises(controller, now)
    vault = controller.session.vault
    decisions.log_decision(vault, data=decisions.DecisionInput(
        "Disclose today", "Story is out", ("Dana",), decided_at=now - timedelta(minutes=5),
        review_by=now - timedelta(minutes=1)))
    controller.session.reload()
    settle(qtbot, controller)
    dash = window.views["dashboard"]
    keys = [c.tile.key for c in dash.tiles.cards if c.isVisible()]
    # No one on the roster in this vault: the spokespersons tile stays hidden.
    assert keys == ["detection", "disclosure", "decisions_due", "lines_queue", "lines_due",
                    "promises", "chain"]
    queue = dash.tiles.card("lines_queue")
    assert queue.value.text() == "0" and queue.tile.state == "ok"
    qtbot.mouseClick(queue, Qt.MouseButton.LeftButton)
    settle(qtbot, controller)
    assert window.current_area() == "talking_points"
    assert window.views["talking_points"].tabs.currentIndex() == 2  # the approval queue
    window.navigate(0)
    promises = dash.tiles.card("promises")
    assert promises.value.text() == "1" and promises.tile.state == "bad"
    assert promises.word.text() == "Act now"  # never colour alone
    qtbot.mouseClick(promises, Qt.MouseButton.LeftButton)
    settle(qtbot, controller)
    view = window.views["journey"]
    assert window.current_area() == "journey" and view.tabs.currentIndex() == 1
    assert view.overdue_only.isChecked()
    assert [r.state for r in view.promises.records()] == ["overdue"]
    window.navigate(0)
    due = dash.tiles.card("decisions_due")
    assert due.value.text() == "1"
    due.setFocus()
    QTest.keyClick(due, Qt.Key.Key_Return)
    settle(qtbot, controller)
    log = window.views["decisions"]
    assert window.current_area() == "decisions" and log.filters.due.isChecked()
    assert [h.decision for h in log.model.records()] == ["Disclose today"]
    window.navigate(0)
    chain = dash.tiles.card("chain")
    assert chain.value.text() == "Not checked"
    window.actions_by_key["verify"].trigger()
    qtbot.waitUntil(lambda: chain.value.text() == "Verified", timeout=10_000)
    qtbot.mouseClick(chain, Qt.MouseButton.LeftButton)
    assert window.current_area() == "audit"


def test_status_bar_alarm_opens_the_overdue_promises(qtbot, controller, existing_vault):
    window = _window(qtbot, controller, "dashboard")
    _promises(controller, utcnow())
    settle(qtbot, controller)
    qtbot.mouseClick(window.status.promises, Qt.MouseButton.LeftButton)
    assert window.current_area() == "journey"
    assert window.views["journey"].overdue_only.isChecked()


def test_export_a_chart_to_a_chosen_file(qtbot, controller, existing_vault, tmp_path,
                                         monkeypatch):
    from ui import exporting

    window = _window(qtbot, controller)
    out = tmp_path / "map.svg"
    asked = []
    monkeypatch.setattr(exporting, "confirm_plaintext", lambda *a: asked.append(a) or False)
    window.journey_commands.export_chart("journey-map", str(out))  # "not encrypted": Cancel
    settle(qtbot, controller)
    assert asked and "journey map" in asked[0][1] and not out.exists()
    monkeypatch.setattr(exporting, "confirm_plaintext", lambda *_a: True)
    window.journey_commands.export_chart("journey-map", str(out))
    qtbot.waitUntil(out.exists, timeout=15_000)
    settle(qtbot, controller)
    assert out.read_bytes().startswith(b"<?xml") and out.stat().st_size > 10_000
    assert "not encrypted" in window.status.currentMessage()
    window.journey_commands.export_chart("cadence", str(tmp_path / "chart.gif"))
    settle(qtbot, controller)
    assert ".png, .svg or .pdf" in window.status.currentMessage()
    assert not (tmp_path / "chart.gif").exists()


def test_phases_and_groups_can_be_edited_from_the_app(qtbot, controller, existing_vault):
    window = _window(qtbot, controller)
    dialog = window.journey_commands.structure()
    dialog.add("phase", "Aftermath")
    settle(qtbot, controller)
    assert dialog.lists["phase"].count() == 6
    dialog.lists["phase"].setCurrentRow(5)
    dialog.move("phase", -1)
    settle(qtbot, controller)
    names = [dialog.lists["phase"].item(i).text() for i in range(6)]
    assert names[4] == "Aftermath"
    dialog.add("stakeholder", "customers")
    settle(qtbot, controller)
    assert "already one called" in dialog.error.text()
    assert [p.name for p in window.views["journey"].data.phases][4] == "Aftermath"
    dialog.reject()
