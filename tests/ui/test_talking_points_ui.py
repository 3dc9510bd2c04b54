"""Talking points in the app: draft in the message-house editor, submit, the author's own
approval refused, approve as a second operator and see the line on the current-line board;
copy a line with one click; a word-level diff between two versions; the spokesperson's view;
the lines-due count; and nothing left on screen after a lock."""

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest

from commandcenter.services import incidents, operators
from commandcenter.services import talking_points as tp
from commandcenter.vault import lifecycle
from commandcenter.vault.unlocked import Actor
from tests.conftest import PASSPHRASE
from tests.ui.conftest import find_dialog, settle, start_unlock, unlock

TAB_BOARD, TAB_ALL, TAB_QUEUE = 0, 1, 2


def _prepare(controller, existing_vault, *roles):
    """Before the app starts: an incident and more operators; returns their ids by role."""
    vault = lifecycle.unlock_with_passphrase(controller.paths,
                                             operator_id=existing_vault["operator_id"],
                                             passphrase=PASSPHRASE)
    incidents.create_incident(vault, data=incidents.IncidentInput("INC-1", "Card breach"))
    ids = {role: operators.add_operator(vault, name=f"Pat {role.title()}", role=role,
                                        passphrase=PASSPHRASE).id for role in roles}
    vault.lock()
    return ids


def _open(qtbot, controller, operator_id=None, tab=TAB_BOARD):
    start_unlock(qtbot, controller)
    window = unlock(qtbot, controller, operator_id=operator_id)
    window.show_lines(tab)
    settle(qtbot, controller)
    return window, window.views["talking_points"]


def _approved_line(vault, approver_id, body="We are sorry. Card data was taken."):
    """A line written by the acting operator and approved by `approver_id`."""
    author = vault.actor
    saved = tp.create(vault, data=tp.LineInput("holding_statement", "Holding statement",
                                               ("customers", "media"), body))
    tp.submit(vault, version_id=saved.version_id)
    vault.actor = Actor(approver_id, "Pat Approver", "approver")
    tp.approve(vault, version_id=saved.version_id)
    vault.actor = author
    return saved


def test_draft_submit_approve_as_a_second_operator_then_on_the_board(
        qtbot, controller, existing_vault):
    ids = _prepare(controller, existing_vault, "approver")
    window, view = _open(qtbot, controller, tab=TAB_ALL)
    assert view.lines.stack.currentWidget() is view.lines.empty
    QTest.keyClick(window, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.ShiftModifier)
    editor = find_dialog(qtbot, window, "New talking point")
    editor.submit()  # nothing filled in: the message sits beside the title
    qtbot.waitUntil(lambda: editor.errors["title"].isVisible(), timeout=10_000)
    settle(qtbot, controller)
    editor.title.setText("Holding statement")
    editor.body.setPlainText("We are sorry. Card data from our stores was taken.")
    editor.empathy.setText("You trusted us.")
    editor.audiences.set_checked(["customers"])
    with qtbot.waitSignal(editor.accepted, timeout=10_000):
        editor.submit()
    settle(qtbot, controller)
    assert [r.status for r in view.lines.model.records()] == ["draft"]
    view.lines.table.selectRow(0)
    view.buttons["submit"].click()
    settle(qtbot, controller)
    qtbot.waitUntil(lambda: view.lines.model.record(0).status == "in_review", timeout=10_000)
    # The author (a lead, who may approve) is refused: four eyes.
    window.show_lines(TAB_QUEUE)
    settle(qtbot, controller)
    view.queue.table.selectRow(0)
    view.buttons["approve"].click()
    review = find_dialog(qtbot, window, "Approve — Holding statement v1")
    review.submit()
    qtbot.waitUntil(lambda: review.error.isVisible(), timeout=10_000)
    assert "four-eyes" in review.error.text()
    review.reject()
    settle(qtbot, controller)
    assert view.board.board.lines == {}

    controller.lock()
    settle(qtbot, controller)
    window, view = _open(qtbot, controller, operator_id=ids["approver"], tab=TAB_QUEUE)
    assert view.tabs.tabText(TAB_QUEUE) == "Approval queue (1)"
    view.queue.table.selectRow(0)
    settle(qtbot, controller)
    view.buttons["approve"].click()
    review = find_dialog(qtbot, window, "Approve — Holding statement v1")
    review.comment.setPlainText("Cleared by legal")
    with qtbot.waitSignal(review.accepted, timeout=10_000):
        review.submit()
    settle(qtbot, controller)
    window.show_lines(TAB_BOARD)
    board = view.board
    assert [v.title for v in board.board.lines["customers"]] == ["Holding statement"]
    board.select_audience("customers")
    assert "We are sorry. Card data from our stores was taken." in board.page.toPlainText()
    assert board.audiences.item(0).text() == "Customers  (1)"
    assert view.queue.model.rowCount() == 0


def test_copy_a_line_with_one_click(qtbot, controller, existing_vault):
    ids = _prepare(controller, existing_vault, "approver")
    window, view = _open(qtbot, controller)
    saved = _approved_line(controller.session.vault, ids["approver"])
    controller.session.reload()
    settle(qtbot, controller)
    board = view.board
    board.select_audience("media")
    assert f"copy:{saved.version_id}" in board.page.toHtml()
    with qtbot.waitSignal(board.copied, timeout=5_000) as notice:
        board.page.anchorClicked.emit(QUrl(f"copy:{saved.version_id}"))
    assert QGuiApplication.clipboard().text() == "We are sorry. Card data was taken."
    assert "Copied “Holding statement” (v1)" in notice.args[0]
    qtbot.waitUntil(lambda: "Copied" in window.status.currentMessage(), timeout=5_000)
    controller.lock()  # the copied line does not outlive the session
    settle(qtbot, controller)
    assert QGuiApplication.clipboard().text() == ""


def test_history_shows_a_word_level_diff(qtbot, controller, existing_vault):
    ids = _prepare(controller, existing_vault, "approver")
    window, view = _open(qtbot, controller, tab=TAB_ALL)
    vault = controller.session.vault
    first = _approved_line(vault, ids["approver"])
    tp.new_version(vault, point_id=first.point_id, data=tp.LineInput(
        "holding_statement", "Holding statement", ("customers", "media"),
        "We are sorry. Card data and e-mail addresses were taken."))
    controller.session.reload()
    settle(qtbot, controller)
    view.lines.table.selectRow(0)
    settle(qtbot, controller)
    assert view.lines.model.record(0).version == 2
    window.actions_by_key["line_history"].trigger()
    history = find_dialog(qtbot, window, "History — Holding statement")
    settle(qtbot, controller)
    history.compare(1, 2)
    html = history.diff.toHtml()
    text = history.diff.toPlainText()
    # Only the changed words are marked (struck through / underlined, and in brackets).
    assert "Card data [-was-] {+and e-mail addresses were+} taken." in text
    assert "line-through" in html and "underline" in html
    assert history.summary.text() == "1 word removed, 4 added"
    history.compare(2, 1)
    assert "[-and e-mail addresses were-] {+was+}" in history.diff.toPlainText()


def test_a_spokesperson_sees_only_the_current_line(qtbot, controller, existing_vault):
    ids = _prepare(controller, existing_vault, "approver", "spokesperson")
    vault = lifecycle.unlock_with_passphrase(controller.paths,
                                             operator_id=existing_vault["operator_id"],
                                             passphrase=PASSPHRASE)
    _approved_line(vault, ids["approver"])
    vault.lock()
    window, view = _open(qtbot, controller, operator_id=ids["spokesperson"], tab=TAB_ALL)
    assert view.tabs.currentIndex() == TAB_BOARD
    assert not view.tabs.isTabVisible(TAB_ALL) and not view.tabs.isTabVisible(TAB_QUEUE)
    assert not view.new_button.isVisible()
    for key in ("new_line", "line_approve", "line_queue", "line_history"):
        assert not window.actions_by_key[key].isEnabled()
    # Issue 6: the board too gives way to spokesperson mode (their own lines only).
    assert not window.actions_by_key["line_board"].isVisible()
    assert window.current_area() == "spokesperson_mode"
    # The area stays behind spokesperson mode, so it reads nothing (ui/views/follow.py);
    # the list is never read for a spokesperson in any case.
    assert view.board.board is None
    assert view.lines.model.rowCount() == 0


def test_lines_due_in_the_status_bar_and_cleared_on_lock(qtbot, controller, existing_vault):
    from datetime import timedelta

    from commandcenter.models.base import utcnow

    ids = _prepare(controller, existing_vault, "approver")
    window, view = _open(qtbot, controller, tab=TAB_ALL)
    vault = controller.session.vault
    saved = tp.create(vault, data=tp.LineInput("qa", "PINs", ("customers",), "Safe.",
                                               question="Is my PIN safe?",
                                               expires_at=utcnow() + timedelta(hours=3)))
    tp.submit(vault, version_id=saved.version_id)
    vault.actor = Actor(ids["approver"], "Pat Approver", "approver")
    tp.approve(vault, version_id=saved.version_id)
    controller.session.reload()
    settle(qtbot, controller)
    assert window.status.lines_due.text.text() == "1 line due"
    assert "Expiring soon: PINs" in window.status.lines_due.toolTip()
    assert view.lines.model.index(0, 3).data() == "Expiring soon"
    assert "Expiring soon" in view.board.due.text()
    controller.lock()
    settle(qtbot, controller)
    assert all(m.rowCount() == 0 for m in window.models())
    assert view.board.board is None and view.board.page.toPlainText() == ""


def test_the_lead_sets_the_number_of_approvals(qtbot, controller, existing_vault):
    from commandcenter.services import settings

    _prepare(controller, existing_vault)
    window, _view = _open(qtbot, controller)
    dialog = window.commands.settings()
    assert dialog.approvals.value() == 1
    dialog.approvals.setValue(2)
    with qtbot.waitSignal(dialog.accepted, timeout=10_000):
        dialog.submit()
    settle(qtbot, controller)
    assert settings.get_setting(controller.session.vault, "approvals_required") == 2
    assert controller.session.snapshot.approvals_required == 2
