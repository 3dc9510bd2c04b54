"""Quick log: in the heat of a call, decision, rationale and decision maker in seconds, with
the keyboard only (Tab between fields, Ctrl+Enter logs). The other fields follow later in an
amending entry; until then the list marks the entry incomplete."""

from datetime import UTC, datetime, timedelta

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCompleter, QDialog, QFormLayout, QLineEdit, QPlainTextEdit, QSpinBox,
    QVBoxLayout,
)

from ui.dialogs.base import fit, ok_cancel, show_field_error
from ui.session import VaultSession
from ui.widgets.feedback import FieldError

LATE_MINUTES = 15


def text_box(name: str, placeholder: str, height: int = 64) -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setAccessibleName(name)
    box.setPlaceholderText(placeholder)
    box.setTabChangesFocus(True)  # keyboard only: Tab leaves the box
    box.setFixedHeight(height)
    return box


def split_names(text: str) -> tuple[str, ...]:
    return tuple(n.strip() for n in text.replace(";", ",").split(",") if n.strip())


class QuickLogDialog(QDialog):
    FIELDS = ("decision", "rationale", "decision_makers", "decided_at", "late_reason")

    def __init__(self, session: VaultSession, *, names: list[str] = (), parent=None):
        super().__init__(parent)
        self.session = session
        self.logged = None
        self.setWindowTitle("Quick log")
        self.decision = text_box("Decision", "What was decided")
        self.rationale = text_box("Rationale", "Why, in a sentence")
        self.makers = QLineEdit()
        self.makers.setAccessibleName("Decision maker")
        self.makers.setPlaceholderText("Who decided (names, comma-separated)")
        completer = QCompleter(list(names), self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.makers.setCompleter(completer)
        self.minutes_ago = QSpinBox()
        self.minutes_ago.setAccessibleName("Decided minutes ago")
        self.minutes_ago.setRange(0, 7 * 24 * 60)
        self.minutes_ago.setSuffix(" min ago")
        self.late_reason = QLineEdit()
        self.late_reason.setAccessibleName("Reason for late entry")
        self.late_reason.setPlaceholderText(f"Needed when logged over {LATE_MINUTES} min later")
        self.errors = {name: FieldError(self) for name in (*self.FIELDS, "other")}
        self.buttons, self.ok = ok_cancel("Log it (Ctrl+Enter)")
        self._layout()
        self._connect_callbacks()
        self.decision.setFocus()

    def _layout(self) -> None:
        form = QFormLayout()
        for label, widget, key in (("Decision:", self.decision, "decision"),
                                   ("Rationale:", self.rationale, "rationale"),
                                   ("Decision maker:", self.makers, "decision_makers"),
                                   ("Decided:", self.minutes_ago, "decided_at"),
                                   ("Late because:", self.late_reason, "late_reason")):
            form.addRow(label, widget)
            form.addRow("", self.errors[key])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        layout.addLayout(form)
        layout.addWidget(self.errors["other"])
        layout.addWidget(self.buttons)
        self.setTabOrder(self.decision, self.rationale)
        self.setTabOrder(self.rationale, self.makers)
        self.setTabOrder(self.makers, self.minutes_ago)
        self.setTabOrder(self.minutes_ago, self.late_reason)
        fit(self)

    def _connect_callbacks(self) -> None:
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, activated=self.submit)
        self.minutes_ago.valueChanged.connect(self._late_changed)
        self._late_changed(0)

    def _late_changed(self, minutes: int) -> None:
        self.late_reason.setEnabled(minutes >= LATE_MINUTES)

    def submit(self) -> None:
        from commandcenter.services import decisions

        if not self.ok.isEnabled():
            return
        decided = datetime.now(UTC) - timedelta(minutes=self.minutes_ago.value())
        data = decisions.DecisionInput(
            decision=self.decision.toPlainText(), rationale=self.rationale.toPlainText(),
            decision_makers=split_names(self.makers.text()), decided_at=decided,
            late_reason=self.late_reason.text() if self.late_reason.isEnabled() else "")
        for error in self.errors.values():
            error.clear()
        self.ok.setEnabled(False)
        self.session.call(decisions.log_decision, data=data, on_done=self._done,
                          on_error=self._failed, label="quick log")

    def _done(self, entry) -> None:
        self.logged = entry
        self.ok.setEnabled(True)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.ok.setEnabled(True)
        field = show_field_error(self.errors, exc)
        widget = {"decision": self.decision, "rationale": self.rationale,
                  "decision_makers": self.makers, "decided_at": self.minutes_ago,
                  "late_reason": self.late_reason}.get(field)
        if widget is not None:
            widget.setFocus()
