"""Issue 8 in the app: the shift handover wizard driven from the keyboard — Ctrl+Shift+O
opens it over the window, the content is built on the worker, the outgoing operator writes
notes and signs with the space bar, a wrong incoming passphrase is refused with a clear
message and records nothing, the right one seals the handover, and "Save PDF" writes it
where the user chose (and nowhere else)."""

import os
from datetime import UTC, datetime, timedelta

import pypdf
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard

from commandcenter.models import AuditEntry, Handover
from commandcenter.services import decisions as d
from commandcenter.services import handover, incidents, operators
from commandcenter.vault import lifecycle
from tests.conftest import PASSPHRASE
from tests.ui.conftest import settle, start_unlock, unlock
from ui.dialogs.handover_wizard import HandoverWizard

MARCUS_PASS = "marcus passphrase 1"


def _prepare(controller, existing_vault) -> None:
    """An incident with a decision overdue for review, and Marcus to take over."""
    vault = lifecycle.unlock_with_passphrase(controller.paths,
                                             operator_id=existing_vault["operator_id"],
                                             passphrase=PASSPHRASE)
    incidents.create_incident(vault, data=incidents.IncidentInput("INC-1", "Card breach"))
    operators.add_operator(vault, name="Marcus Approver", role="approver",
                           passphrase=MARCUS_PASS)
    now = datetime.now(UTC)
    d.log_decision(vault, data=d.DecisionInput(
        "Reissue every affected card", "Fraud is rising", ("Dana Lead",),
        decided_at=now - timedelta(hours=3), review_by=now - timedelta(hours=1),
        late_reason="typed up from the call notes"))
    vault.lock()


def _rows(controller, model) -> int:
    from sqlmodel import func, select

    with controller.session.vault.read() as session:
        return session.exec(select(func.count()).select_from(model)).one()


def _enter(qtbot, wizard) -> None:
    """Return presses the wizard's default button (Next, the commit button, Finish)."""
    qtbot.keyClick(wizard.focusWidget() or wizard, Qt.Key.Key_Return)


def test_the_handover_wizard_end_to_end(qtbot, controller, existing_vault, tmp_path,
                                        monkeypatch):
    import tempfile

    _prepare(controller, existing_vault)
    start_unlock(qtbot, controller)
    window = unlock(qtbot, controller)
    qtbot.keyClick(window, Qt.Key.Key_O,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: any(w.isVisible() for w in window.findChildren(HandoverWizard)))
    wizard = window.findChildren(HandoverWizard)[0]
    qtbot.waitUntil(lambda: wizard.handover is not None, timeout=10_000)
    settle(qtbot, controller)

    # Page 1: the content, built on the worker.
    content = wizard.content_page.view.toPlainText()
    assert "Reissue every affected card" in content and "Act now" in content
    assert "Decisions due for review" in content
    next_ = wizard.button(QWizard.WizardButton.NextButton)
    assert next_.isEnabled()
    _enter(qtbot, wizard)
    assert wizard.currentPage() is wizard.outgoing_page

    # Page 2: notes, then the outgoing signature (Tab to the box, space to tick it).
    page = wizard.outgoing_page
    page.notes.setFocus()
    qtbot.keyClicks(page.notes, "Issuers call at 09:00.")
    assert not next_.isEnabled()  # not signed yet
    qtbot.keyClick(page.notes, Qt.Key.Key_Tab)
    assert page.sign.hasFocus()
    qtbot.keyClick(page.sign, Qt.Key.Key_Space)
    assert page.sign.isChecked() and next_.isEnabled()
    _enter(qtbot, wizard)
    assert wizard.currentPage() is wizard.incoming_page
    incoming = wizard.incoming_page
    qtbot.waitUntil(lambda: incoming.who.count() == 1)
    assert incoming.who.currentText() == "Marcus Approver — Approver"
    commit = wizard.button(QWizard.WizardButton.CommitButton)
    assert commit.text() == "Sign and take over" and not commit.isEnabled()

    # Page 3: a wrong passphrase is refused, with a clear message; nothing is recorded.
    before = (_rows(controller, Handover), _rows(controller, AuditEntry))
    incoming.passphrase.setFocus()
    qtbot.keyClicks(incoming.passphrase, "not marcus")
    _enter(qtbot, wizard)
    qtbot.waitUntil(lambda: incoming.error.isVisible(), timeout=10_000)
    settle(qtbot, controller)
    assert incoming.error.text() == ("Wrong passphrase for Marcus Approver. Check it and "
                                     "try again.")
    assert incoming.passphrase.text() == "" and wizard.currentPage() is incoming
    assert (_rows(controller, Handover), _rows(controller, AuditEntry)) == before

    # The right one: both signatures sealed, in one go.
    qtbot.keyClicks(incoming.passphrase, MARCUS_PASS)
    assert not incoming.error.isVisible()
    _enter(qtbot, wizard)
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.done_page, timeout=10_000)
    settle(qtbot, controller)
    assert _rows(controller, Handover) == 1
    (signed,) = handover.history(controller.session.vault)
    assert (signed.outgoing, signed.incoming) == ("Dana Lead", "Marcus Approver")
    assert signed.code in wizard.done_page.summary.text()
    assert "Marcus Approver" in wizard.done_page.summary.text()

    # Page 4: Save PDF… to the chosen file; nothing in the temp directory.
    temp = tmp_path / "tmp"
    temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    out = tmp_path / "handover.pdf"
    wizard.save_pdf(str(out), confirm=False)
    settle(qtbot, controller)
    assert "Saved to" in wizard.done_page.saved.text()
    text = " ".join(p.extract_text() for p in pypdf.PdfReader(out).pages)
    assert "Issuers call at 09:00." in text and f"content {signed.code}" in text
    assert os.listdir(temp) == []
    finish = wizard.button(QWizard.WizardButton.FinishButton)
    qtbot.keyClick(wizard.done_page.save, Qt.Key.Key_Tab)  # from Save PDF… to Finish
    assert finish.hasFocus()
    qtbot.keyClick(finish, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: not wizard.isVisible())


def test_a_vault_with_one_operator_cannot_hand_over(qtbot, controller, existing_vault):
    vault = lifecycle.unlock_with_passphrase(controller.paths,
                                             operator_id=existing_vault["operator_id"],
                                             passphrase=PASSPHRASE)
    incidents.create_incident(vault, data=incidents.IncidentInput("INC-1", "Card breach"))
    vault.lock()
    start_unlock(qtbot, controller)
    window = unlock(qtbot, controller)
    window.actions_by_key["handover"].trigger()
    wizard = window.findChildren(HandoverWizard)[0]
    qtbot.waitUntil(lambda: wizard.handover is not None, timeout=10_000)
    wizard.next()
    wizard.outgoing_page.sign.setChecked(True)
    wizard.next()
    settle(qtbot, controller)
    page = wizard.incoming_page
    assert page.who.count() == 0 and page.none_note.isVisible()
    assert "Add operator" in page.none_note.text()
    assert not wizard.button(QWizard.WizardButton.CommitButton).isEnabled()
    wizard.reject()


def test_without_an_incident_the_wizard_says_so(qtbot, controller, existing_vault):
    start_unlock(qtbot, controller)
    window = unlock(qtbot, controller)
    window.actions_by_key["handover"].trigger()
    wizard = window.findChildren(HandoverWizard)[0]
    qtbot.waitUntil(lambda: wizard.content_page.error.isVisible(), timeout=10_000)
    assert "No incident is active" in wizard.content_page.error.text()
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    wizard.reject()


def test_locking_closes_the_wizard_and_clears_it(qtbot, controller, existing_vault):
    _prepare(controller, existing_vault)
    start_unlock(qtbot, controller)
    window = unlock(qtbot, controller)
    window.actions_by_key["handover"].trigger()
    wizard = window.findChildren(HandoverWizard)[0]
    qtbot.waitUntil(lambda: wizard.handover is not None, timeout=10_000)
    assert "Reissue every affected card" in wizard.content_page.view.toPlainText()
    view = wizard.content_page.view
    closed = []
    wizard.finished.connect(lambda _result: closed.append((
        view.toPlainText(), wizard.handover, wizard.isVisible())))
    controller.lock()
    settle(qtbot, controller)
    assert closed and set(closed) == {("", None, False)}  # emptied, then closed
