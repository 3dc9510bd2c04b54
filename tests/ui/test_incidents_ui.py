"""New incident dialog and the incidents view: a field error for bad input that creates
nothing; a good one appears everywhere; set active and close (leads only)."""

from commandcenter.services import incidents
from tests.ui.conftest import open_area, settle, start_unlock, unlock


def _window(qtbot, controller):
    start_unlock(qtbot, controller)
    return unlock(qtbot, controller)


def _count(controller):
    return len(incidents.list_incidents(controller.session.vault))


def test_bad_code_is_shown_next_to_the_field_and_creates_nothing(qtbot, controller,
                                                                  existing_vault):
    window = _window(qtbot, controller)
    open_area(qtbot, controller, window, "incidents")
    dialog = window.commands.new_incident()
    assert window.actions_by_key["new_incident"].shortcut().toString() == "Ctrl+Shift+N"
    dialog.code.setText("bad code!")
    dialog.title.setText("Card data breach")
    dialog.submit()
    qtbot.waitUntil(lambda: dialog.errors["code"].isVisible(), timeout=10_000)
    settle(qtbot, controller)
    assert "The code needs 2–40 letters" in dialog.errors["code"].text()
    assert not dialog.errors["title"].isVisible()
    assert dialog.isVisible()
    assert _count(controller) == 0
    assert window.views["incidents"].model.rowCount() == 0

    dialog.code.setText("INC-2026-014")  # typing clears the message
    assert not dialog.errors["code"].isVisible()
    with qtbot.waitSignal(dialog.accepted, timeout=10_000):
        dialog.submit()
    qtbot.waitUntil(lambda: window.views["incidents"].model.rowCount() == 1, timeout=10_000)
    settle(qtbot, controller)
    assert _count(controller) == 1
    dash = open_area(qtbot, controller, window, "dashboard")
    assert dash.incident_title.text() == "INC-2026-014 — Card data breach"
    assert dash.severity.text() == "High" and dash.severity.state == "warn"
    assert dash.opened.text().endswith("(just now)") and dash.opened.toolTip().endswith("UTC")


def test_empty_title_is_shown_next_to_the_title(qtbot, controller, existing_vault):
    window = _window(qtbot, controller)
    dialog = window.commands.new_incident()
    dialog.code.setText("INC-1")
    dialog.submit()
    qtbot.waitUntil(lambda: dialog.errors["title"].isVisible(), timeout=10_000)
    settle(qtbot, controller)
    assert dialog.errors["title"].text() == "Give the incident a title."
    assert _count(controller) == 0


def test_empty_state_then_set_active_and_close(qtbot, controller, existing_vault):
    window = _window(qtbot, controller)
    assert "Ctrl+Shift+N" in window.views["dashboard"].empty.text()
    view = open_area(qtbot, controller, window, "incidents")
    assert view.list_stack.currentWidget() is view.empty
    for code in ("INC-1", "INC-2"):
        controller.session.call(incidents.create_incident,
                                data=incidents.IncidentInput(code, f"Incident {code}"))
        settle(qtbot, controller)
    assert view.model.rowCount() == 2
    row = view.model.row_of(lambda i: i.code == "INC-1")
    view.table.selectRow(row)
    assert view.set_active.isEnabled()  # INC-2 is the active one (created last)
    view.activate_selected()
    qtbot.waitUntil(lambda: controller.session.snapshot.active_incident.code == "INC-1",
                    timeout=10_000)
    settle(qtbot, controller)
    assert view.d_active.text() == "Active"
    assert view.selected().code == "INC-1"  # the selection survived the reload
    assert view.close_button.isEnabled()
    view.close_selected(confirm=False)
    qtbot.waitUntil(lambda: view.selected() is not None and view.selected().status == "closed",
                    timeout=10_000)
    settle(qtbot, controller)
    assert view.d_status.text() == "Closed" and not view.close_button.isEnabled()
