"""Lock (Ctrl+L) and auto-lock: every view is emptied, the vault forgets its key, our text
leaves the clipboard, and the unlock dialog comes back. Auto-lock runs on a fake wall clock."""

from datetime import UTC, datetime

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest

from commandcenter.services import incidents
from ui import clipboard
from tests.ui.conftest import open_area, settle, start_unlock, unlock


def _open_with_an_incident(qtbot, controller):
    """Every area opened once, so every view holds something from the vault (an area
    reads its data only when it is shown), then back to the dashboard."""
    start_unlock(qtbot, controller)
    window = unlock(qtbot, controller)
    open_area(qtbot, controller, window, "incidents")
    controller.session.call(incidents.create_incident, data=incidents.IncidentInput(
        "INC-2026-014", "Card data breach", "Tills skimmed", "critical",
        datetime(2026, 3, 14, 9, 0, tzinfo=UTC)))
    qtbot.waitUntil(lambda: window.views["incidents"].model.rowCount() == 1, timeout=10_000)
    settle(qtbot, controller)
    from commandcenter.services import decisions

    open_area(qtbot, controller, window, "decisions")
    controller.session.call(decisions.log_decision, data=decisions.DecisionInput(
        "Disclose today", "Customers first", ("Dana Lead",)))
    qtbot.waitUntil(lambda: window.views["decisions"].detail_data is not None, timeout=10_000)
    settle(qtbot, controller)
    from commandcenter.services import talking_points as tp

    def submitted_line(vault):  # one line, in review: in the list and in the queue
        saved = tp.create(vault, data=tp.LineInput("holding_statement", "Holding statement",
                                                   ("customers",), "We are sorry."))
        return tp.submit(vault, version_id=saved.version_id)

    controller.session.call(submitted_line)
    lines = open_area(qtbot, controller, window, "talking_points")
    qtbot.waitUntil(lambda: lines.queue.model.rowCount() == 1, timeout=10_000)
    from commandcenter.services import journey

    at = datetime(2026, 3, 14, 9, 0, tzinfo=UTC)
    open_area(qtbot, controller, window, "journey")
    controller.session.call(journey.add_event, data=journey.EventInput(at, "detected", "Alert"))
    controller.session.call(journey.promise_from, source="manual", stakeholder="customers",
                            promised_at=at, due=datetime(2026, 3, 15, 9, 0, tzinfo=UTC))
    qtbot.waitUntil(lambda: window.views["journey"].promises.rowCount() == 1, timeout=10_000)
    settle(qtbot, controller)
    for area in ("timeline", "team", "audit", "dashboard"):
        open_area(qtbot, controller, window, area)
    return window


def _assert_locked_and_empty(controller, window, vault) -> None:
    assert vault.is_locked
    assert not controller.session.is_open and controller.session.snapshot is None
    assert all(model.rowCount() == 0 for model in window.models())
    dash = window.views["dashboard"]
    assert dash.incident_title.text() == "" and dash.team_list.text() == ""
    assert dash.key_store.text() == ""
    assert window.views["incidents"].d_title.text() == ""
    assert window.views["audit"].d_payload.toPlainText() == ""
    log = window.views["decisions"]
    assert log.detail_data is None and log.detail.title.text() == ""
    assert log.badge.text() == "" and log.counts.text() == ""
    lines = window.views["talking_points"]
    assert lines.board.board is None and lines.board.page.toPlainText() == ""
    assert lines.lines.preview.toPlainText() == "" and lines.history_data is None
    journey_view = window.views["journey"]
    assert journey_view.data is None and journey_view.pane.body.text() == ""
    assert journey_view.heat.data is None and window.views["timeline"].data is None
    assert not window.status.promises.isVisible()
    assert all(not card.isVisible() for card in dash.tiles.cards)
    assert not window.isVisible()
    assert window.status.lock.text.text() == "Locked"
    assert window.status.operator.text.text() == ""
    assert controller.unlock_dialog is not None and controller.unlock_dialog.isVisible()


def test_lock_clears_every_view_and_forgets_the_key(qtbot, controller, existing_vault):
    window = _open_with_an_incident(qtbot, controller)
    vault = controller.session.vault
    assert window.views["dashboard"].incident_title.text() == "INC-2026-014 — Card data breach"
    assert all(model.rowCount() > 0 for model in window.models())
    window.views["incidents"].table.selectRow(0)
    clipboard.copy_text("copied from the vault")
    window.actions_by_key["lock"].trigger()
    _assert_locked_and_empty(controller, window, vault)
    assert QGuiApplication.clipboard().text() == ""  # what we copied is gone
    assert window.actions_by_key["lock"].shortcut().toString() == "Ctrl+L"


def test_lock_leaves_other_programs_clipboard_text_alone(qtbot, controller, existing_vault):
    start_unlock(qtbot, controller)
    unlock(qtbot, controller)
    clipboard.copy_text("ours")
    QGuiApplication.clipboard().setText("someone else's")
    controller.lock()
    assert QGuiApplication.clipboard().text() == "someone else's"


def test_unlocking_again_refills_the_views(qtbot, controller, existing_vault):
    window = _open_with_an_incident(qtbot, controller)
    controller.lock()
    unlock(qtbot, controller)
    assert window.isVisible()
    assert open_area(qtbot, controller, window, "incidents").model.rowCount() == 1
    assert window.status.lock.text.text() == "Unlocked"


def test_auto_lock_after_idle_on_the_wall_clock(qtbot, controller, clock, existing_vault):
    window = _open_with_an_incident(qtbot, controller)
    vault = controller.session.vault
    assert controller.idle.timeout_s == 5 * 60  # the vault's default setting
    clock.advance(4 * 60)
    qtbot.wait(100)  # the check timer (20 ms here) runs several times
    assert controller.session.is_open

    # Activity: the idle time starts again. Sent to the window as the platform sends input
    # (QTest's widget overload skips the QWindow, where the watcher listens).
    QTest.keyClick(window.windowHandle(), Qt.Key.Key_Shift)
    assert controller.idle.last_activity == clock.now
    clock.advance(4 * 60)
    qtbot.wait(100)
    assert controller.session.is_open  # 8 min since unlock, but only 4 since the key press

    clock.advance(61)
    qtbot.waitUntil(lambda: not controller.session.is_open, timeout=5_000)
    _assert_locked_and_empty(controller, window, vault)
    assert "5 min without activity" in controller.unlock_dialog.note.text()


def test_a_sleeping_laptop_locks_on_wake(qtbot, controller, clock, existing_vault):
    """Time asleep counts: one wall-clock jump past the timeout is enough."""
    start_unlock(qtbot, controller)
    unlock(qtbot, controller)
    clock.advance(3 * 3600)
    qtbot.waitUntil(lambda: not controller.session.is_open, timeout=5_000)


def test_auto_lock_follows_the_setting(qtbot, controller, clock, existing_vault):
    start_unlock(qtbot, controller)
    window = unlock(qtbot, controller)
    dialog = window.commands.settings()
    dialog.set_minutes(2)
    with qtbot.waitSignal(dialog.accepted, timeout=10_000):
        dialog.submit()
    qtbot.waitUntil(lambda: controller.idle.timeout_s == 120, timeout=10_000)
    clock.advance(121)
    qtbot.waitUntil(lambda: not controller.session.is_open, timeout=5_000)
    assert "2 min without activity" in controller.unlock_dialog.note.text()
