"""The main window is made ahead while the unlock dialog waits (ui/prebuild.py), and a hidden
area reads its data only when it is opened, then follows changes only while it is shown
(ui/views/follow.py)."""

import shiboken6

from commandcenter.services import incidents
from tests.conftest import PASSPHRASE
from tests.ui.conftest import open_area, settle, start_unlock, unlock


def _labels(controller) -> list[str]:
    """Record the label of every job the session runs from now on."""
    seen: list[str] = []
    run = controller.runner.run

    def recording(fn, **kwargs):
        seen.append(kwargs.get("label", ""))
        return run(fn, **kwargs)

    controller.runner.run = recording
    return seen


def test_the_main_window_is_made_while_the_passphrase_is_typed(qtbot, controller,
                                                                existing_vault):
    start_unlock(qtbot, controller)
    qtbot.waitUntil(lambda: controller.prebuild.done, timeout=15_000)
    assert controller.window is None  # made, not shown: nothing of the vault in it
    made = controller.prebuild.window()
    assert not made.isVisible()
    assert all(model.rowCount() == 0 for model in made.models())
    assert unlock(qtbot, controller) is made and made.isVisible()


def test_a_window_made_ahead_but_never_opened_goes_when_quitting(qtbot, controller,
                                                                 existing_vault):
    start_unlock(qtbot, controller)
    qtbot.waitUntil(lambda: controller.prebuild.done, timeout=15_000)
    made = controller.prebuild._window
    controller.quit()
    qtbot.waitUntil(lambda: not shiboken6.isValid(made), timeout=5_000)


def test_unlocking_before_the_window_is_made_finishes_it_at_once(qtbot, controller,
                                                                  existing_vault):
    dialog = controller.start()
    qtbot.waitUntil(lambda: dialog.started, timeout=10_000)
    dialog.secret.setText(PASSPHRASE)  # typed at once: the window may still be in the making
    dialog.submit()
    qtbot.waitUntil(lambda: controller.session.snapshot is not None, timeout=15_000)
    settle(qtbot, controller)
    assert controller.window.isVisible() and controller.window.current_area() == "dashboard"


def test_a_hidden_area_reads_when_opened_and_follows_changes_only_while_shown(
        qtbot, controller, existing_vault):
    start_unlock(qtbot, controller)
    window = unlock(qtbot, controller)
    view = window.views["incidents"]
    assert view.snapshots.pending and view.model.rowCount() == 0  # not opened yet
    seen = _labels(controller)
    controller.session.call(incidents.create_incident,
                            data=incidents.IncidentInput("INC-1", "Card breach"))
    settle(qtbot, controller)
    # Only the snapshot was read after the change: no hidden area read its lists.
    assert "decision list" not in seen and "line list" not in seen
    assert "timeline list" not in seen and "roster" not in " ".join(seen)
    assert window.views["dashboard"].incident_title.text() == "INC-1 — Card breach"

    assert open_area(qtbot, controller, window, "incidents").model.rowCount() == 1
    assert not view.snapshots.pending
    controller.session.call(incidents.create_incident,
                            data=incidents.IncidentInput("INC-2", "Second"))
    settle(qtbot, controller)
    assert view.model.rowCount() == 2  # shown: it follows every change
    assert window.views["dashboard"].snapshots.pending  # hidden now: it waits


def test_a_lock_forgets_what_hidden_areas_were_waiting_for(qtbot, controller,
                                                          existing_vault):
    start_unlock(qtbot, controller)
    window = unlock(qtbot, controller)
    assert window.views["timeline"].snapshots.pending
    controller.lock()
    assert not any(view.snapshots.pending for view in window.views.values())
    window.navigate(window._area_index("timeline"))  # nothing to hand over, nothing read
    assert window.views["timeline"].data is None
