"""Shift handover wizard (Incident → Shift handover…, Ctrl+Shift+O):

1. what the incoming shift takes over — built on the worker from the vault's state since the
   last signed handover (sections and counts);
2. the outgoing operator's notes and their sign-off;
3. the incoming operator chooses themselves and types their own passphrase — checked on the
   worker (Argon2id takes about half a second); a wrong one is said plainly and nothing is
   recorded; right, and both signatures are stored and sealed in one transaction;
4. done: the code, and "Save PDF…" (asked first: the PDF is not encrypted).

The wizard never touches the vault itself: every step is a service call through the session.
"""

from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QFormLayout, QHBoxLayout, QLabel, QPlainTextEdit, QProgressBar,
    QPushButton, QTextBrowser, QVBoxLayout, QWizard, QWizardPage,
)

from ui import resources
from ui.widgets.feedback import FieldError
from ui.widgets.passphrase import password_field
from ui.widgets.pill import Pill
from ui.workers import user_message

MAX_NOTES = 4000


def _label(text: str = "", name: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    if name:
        label.setObjectName(name)
    return label


def _busy_bar(name: str) -> QProgressBar:
    bar = QProgressBar()
    bar.setRange(0, 0)
    bar.setTextVisible(False)
    bar.setFixedHeight(8)
    bar.setAccessibleName(name)
    return bar


class ContentPage(QWizardPage):
    def __init__(self, wizard: "HandoverWizard"):
        super().__init__()
        self._wizard = wizard
        self.setTitle("What the incoming shift takes over")
        self.setSubTitle("Read it through together. Everything below is computed from the "
                         "vault now; nothing is recorded until both of you sign.")
        self.busy = _busy_bar("Reading the vault")
        self.busy_label = _label("Reading the vault…", "muted")
        self.view = QTextBrowser()
        self.view.setObjectName("handoverContent")
        self.view.setAccessibleName("Handover content")
        self.view.setOpenLinks(False)
        self.error = FieldError(self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.busy_label)
        layout.addWidget(self.busy)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.error)

    def show_handover(self, h) -> None:
        from ui.views import handover_html

        self.busy.hide()
        self.busy_label.hide()
        self.setSubTitle(f"{h.incident} · handover {h.number}. Nothing is recorded until "
                         "both of you sign.")
        self.view.setHtml(handover_html.page(h))
        self.completeChanged.emit()

    def show_error(self, message: str) -> None:
        self.busy.hide()
        self.busy_label.hide()
        self.view.hide()
        self.error.show_error(message)
        self.completeChanged.emit()

    def isComplete(self) -> bool:  # noqa: N802 (Qt API)
        return self._wizard.handover is not None


class OutgoingPage(QWizardPage):
    def __init__(self, wizard: "HandoverWizard"):
        super().__init__()
        self._wizard = wizard
        self.setTitle("Your notes and sign-off")
        self.setSubTitle("What the incoming operator should know that the lists do not say.")
        self.notes = QPlainTextEdit()
        self.notes.setAccessibleName("Notes for the incoming operator")
        self.notes.setPlaceholderText("e.g. Issuers expect our call at 09:00; forensics "
                                      "report due mid-morning.")
        self.notes.setTabChangesFocus(True)
        self.count = _label("", "muted")
        self.sign = QCheckBox()
        self.sign.setAccessibleName("Sign off as the outgoing operator")
        self.error = FieldError(self)
        layout = QVBoxLayout(self)
        layout.addWidget(_label("Notes (printed with the handover and sealed with it):"))
        layout.addWidget(self.notes, 1)
        layout.addWidget(self.count)
        layout.addSpacing(8)
        layout.addWidget(self.sign)
        layout.addWidget(self.error)
        self.notes.textChanged.connect(self._counted)
        self.sign.toggled.connect(self.completeChanged)
        self._counted()

    def initializePage(self) -> None:  # noqa: N802 (Qt API)
        h, actor = self._wizard.handover, self._wizard.session.actor
        self.sign.setText(f"I, {actor.name}, hand over the war room as shown on the "
                          f"previous page (handover {h.number}), with these notes.")

    def _counted(self) -> None:
        n = len(self.notes.toPlainText())
        self.count.setText(f"{n:,} of {MAX_NOTES:,} characters")
        self.error.show_error("The notes are too long; shorten them." if n > MAX_NOTES
                              else "")
        self.completeChanged.emit()

    def isComplete(self) -> bool:  # noqa: N802 (Qt API)
        return self.sign.isChecked() and len(self.notes.toPlainText()) <= MAX_NOTES

    def validatePage(self) -> bool:  # noqa: N802 (Qt API)
        self._wizard.outgoing_signed_at = datetime.now(UTC)
        return True


class IncomingPage(QWizardPage):
    """The incoming operator's own passphrase; committing signs on the worker."""

    def __init__(self, wizard: "HandoverWizard"):
        super().__init__()
        self._wizard = wizard
        self.setTitle("The incoming operator signs")
        self.setSubTitle("Choose your name and type your own passphrase: it proves that you "
                         "have taken over.")
        self.setCommitPage(True)
        self.setButtonText(QWizard.WizardButton.CommitButton, "Sign and take over")
        self.who = QComboBox()
        self.who.setAccessibleName("Incoming operator")
        self.passphrase = password_field("Incoming operator's passphrase",
                                         "Your passphrase")
        self.none_note = _label("", "muted")
        self.error = FieldError(self)
        self.busy = _busy_bar("Checking the passphrase")
        self.busy_label = _label("Checking the passphrase and sealing both signatures…",
                                 "muted")
        self.is_busy = False
        self.note = _label("", "muted")
        form = QFormLayout()
        form.addRow("Incoming operator:", self.who)
        form.addRow("Passphrase:", self.passphrase)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.none_note)
        layout.addSpacing(8)
        layout.addWidget(self.note)
        layout.addStretch(1)
        layout.addWidget(self.busy_label)
        layout.addWidget(self.busy)
        self.passphrase.textChanged.connect(self.error.clear)
        self.passphrase.textChanged.connect(self.completeChanged)
        self.who.currentIndexChanged.connect(self.error.clear)
        self.set_busy(False)

    def initializePage(self) -> None:  # noqa: N802 (Qt API)
        actor = self._wizard.session.actor
        self.note.setText(f"Handing over: {actor.name}. The passphrase is "
                          "checked against your own key slot on this computer; it is not "
                          "stored. Signing records both signatures in the audit chain.")
        self._wizard.load_candidates()

    def set_candidates(self, people) -> None:
        self.who.clear()
        from commandcenter.models.operator import Role

        for op in people:
            self.who.addItem(f"{op.name} — {Role(op.role).label}", op.id)
        if not people:
            self.none_note.setText("Nobody else in this vault can take over. A handover is "
                                   "between two people: a lead adds the incoming operator "
                                   "first (Team → Add operator…).")
        self.none_note.setVisible(not people)
        self.who.setEnabled(bool(people))
        self.passphrase.setEnabled(bool(people))
        if people:
            self.passphrase.setFocus()
        self.completeChanged.emit()

    def set_busy(self, busy: bool) -> None:
        self.is_busy = busy
        self.busy.setVisible(busy)
        self.busy_label.setVisible(busy)
        self.who.setEnabled(not busy and self.who.count() > 0)
        self.passphrase.setEnabled(not busy and self.who.count() > 0)
        self.completeChanged.emit()

    def isComplete(self) -> bool:  # noqa: N802 (Qt API)
        return (not self.is_busy and self.who.currentData() is not None
                and bool(self.passphrase.text()))

    def validatePage(self) -> bool:  # noqa: N802 (Qt API)
        if self._wizard.signed is not None:
            return True
        self._wizard.sign_off(self.who.currentData(), self.passphrase.text())
        return False  # the wizard moves on when the handover is sealed


class DonePage(QWizardPage):
    def __init__(self, wizard: "HandoverWizard"):
        super().__init__()
        self._wizard = wizard
        self.setTitle("Handover signed")
        self.state = Pill("Signed", "ok")
        self.summary = _label()
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.save = QPushButton("Save PDF…")
        self.save.setAccessibleName("Save the handover as PDF")
        self.saved = _label("", "muted")
        self.error = FieldError(self)
        row = QHBoxLayout()
        row.addWidget(self.state)
        row.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.summary)
        layout.addSpacing(12)
        layout.addLayout(buttons)
        layout.addWidget(self.saved)
        layout.addWidget(self.error)
        layout.addStretch(1)
        self.save.clicked.connect(lambda: self._wizard.save_pdf())

    def initializePage(self) -> None:  # noqa: N802 (Qt API)
        from ui.widgets import timefmt

        h = self._wizard.signed
        s = h.signed
        self.setSubTitle(f"{h.incident} · handover {h.number}")
        self.summary.setText(
            f"{s.outgoing} handed over to {s.incoming} at "
            f"{timefmt.local_with_zone(s.incoming_at)}. Both signatures are sealed in the "
            f"audit chain; the next handover starts from here.\n\nCode {h.code} — the same "
            f"code is printed on every page of the PDF.\n\n{s.incoming}: the app still acts "
            f"as {s.outgoing}; use File → Switch operator… to work under your own name.")
        self.save.setFocus()


class HandoverWizard(QWizard):
    def __init__(self, session, parent=None):
        super().__init__(parent)
        self.session = session
        self.handover = None  # the pending handover as shown (services.handover.Handover)
        self.signed = None  # the same, as stored and sealed
        self.outgoing_signed_at: datetime | None = None
        self.setWindowTitle("Shift handover")
        self.setObjectName("handoverWizard")
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        self.content_page, self.outgoing_page = ContentPage(self), OutgoingPage(self)
        self.incoming_page, self.done_page = IncomingPage(self), DonePage(self)
        for page in (self.content_page, self.outgoing_page, self.incoming_page,
                     self.done_page):
            self.addPage(page)
        self.setPixmap(QWizard.WizardPixmap.LogoPixmap, resources.app_icon().pixmap(48, 48))
        self.resize(820, 640)
        # Locking must not leave vault content on screen, even mid-signature.
        session.closed.connect(self._vault_locked)
        self._build()

    def _vault_locked(self) -> None:
        QWizard.reject(self)

    def done(self, result: int) -> None:
        """However it closes, nothing read from the vault stays in its widgets."""
        self.content_page.view.clear()
        self.outgoing_page.notes.clear()
        self.incoming_page.passphrase.clear()
        self.handover = self.signed = None
        super().done(result)

    # --- background work (service calls through the session) -----------------------------

    def _build(self) -> None:
        from commandcenter.services import handover

        self.session.call(handover.build, reload=False, label="build handover",
                          on_done=self._built,
                          on_error=lambda exc: self.content_page.show_error(user_message(exc)))

    def _built(self, h) -> None:
        self.handover = h
        self.content_page.show_handover(h)

    def load_candidates(self) -> None:
        from commandcenter.services import handover

        self.session.call(handover.candidates, reload=False, label="handover candidates",
                          on_done=self.incoming_page.set_candidates,
                          on_error=lambda exc: self.incoming_page.error.show_error(
                              user_message(exc)))

    def sign_off(self, incoming_id: str, passphrase: str) -> None:
        from commandcenter.services import handover

        page = self.incoming_page
        page.set_busy(True)
        self.button(QWizard.WizardButton.BackButton).setEnabled(False)
        self.session.call(handover.sign_off, handover=self.handover, incoming_id=incoming_id,
                          incoming_passphrase=passphrase,
                          notes=self.outgoing_page.notes.toPlainText(),
                          outgoing_signed_at=self.outgoing_signed_at,
                          label="sign handover", on_done=self._signed,
                          on_error=self._sign_failed)

    def _signed(self, row) -> None:
        from commandcenter.services import handover

        self.signed = handover.signed(row)
        self.incoming_page.passphrase.clear()
        self.incoming_page.set_busy(False)
        self.next()

    def _sign_failed(self, exc: BaseException) -> None:
        page = self.incoming_page
        page.set_busy(False)
        page.passphrase.clear()
        page.passphrase.setFocus()
        self.button(QWizard.WizardButton.BackButton).setEnabled(True)
        page.error.show_error(user_message(exc))

    def save_pdf(self, path: str | None = None, *, confirm: bool = True) -> None:
        from ui import exporting

        h = self.signed
        if h is None:
            return
        if path is None:
            path = exporting.choose_path(self, "Save the handover",
                                         f"handover-{h.number}.pdf", "PDF files (*.pdf)")
        if not path or confirm and not exporting.confirm_plaintext(
                self, f"handover {h.number} (open items, the log since the last handover, "
                      "notes)", path):
            return
        page = self.done_page
        page.error.clear()
        self.session.call(write_pdf, out=Path(path), handover=h, reload=False,
                          label="handover PDF",
                          on_done=lambda r: page.saved.setText(
                              f"Saved to {r['file']} (code {r['code']}). It is not "
                              "encrypted."),
                          on_error=lambda exc: page.error.show_error(user_message(exc)))

    def reject(self) -> None:
        if self.session.is_open and "sign handover" in self.session.runner.pending_labels():
            return  # signing: let it finish rather than leave the user unsure
        super().reject()


def write_pdf(vault, *, out: Path, handover):
    from commandcenter.reports import handover as report

    return report.export_handover(vault, out, handover=handover)


def open_for(window) -> HandoverWizard | None:
    """Open the wizard over the main window (one at a time)."""
    if not window.session.is_open:
        return None
    for existing in window.findChildren(HandoverWizard):
        if existing.isVisible():
            existing.raise_()
            return existing
    wizard = HandoverWizard(window.session, window)
    wizard.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    wizard.show()
    return wizard
