"""Passphrase + confirmation fields with live strength feedback (used by the first-run wizard,
Add operator and Change passphrase)."""

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import (
    QFormLayout, QHBoxLayout, QLabel, QLineEdit, QProgressBar, QVBoxLayout, QWidget,
)

from ui.widgets import strength
from ui.widgets.feedback import FieldError
from ui.widgets.pill import Pill, restyle


def password_field(accessible_name: str, placeholder: str = "") -> QLineEdit:
    field = QLineEdit()
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setAccessibleName(accessible_name)
    field.setPlaceholderText(placeholder)
    field.setMinimumWidth(280)
    return field


class StrengthMeter(QWidget):
    """A bar, a word (Weak / Fair / Good / Strong) and a hint: never colour alone."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.bar = QProgressBar(self)
        self.bar.setRange(0, 4)
        self.bar.setTextVisible(False)
        self.bar.setFixedHeight(8)
        self.bar.setObjectName("strengthBar")  # coloured by the style sheet per "state"
        self.bar.setAccessibleName("Passphrase strength")
        self.word = Pill("Too short", "neutral", self)
        self.hint = QLabel(self)
        self.hint.setObjectName("muted")
        self.hint.setWordWrap(True)
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.bar, 1)
        top.addWidget(self.word)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addLayout(top)
        layout.addWidget(self.hint)
        self.show_strength(strength.estimate(""), empty=True)

    def show_strength(self, result: strength.Strength, *, empty: bool = False) -> None:
        self.bar.setValue(result.score)
        if self.bar.property("state") != result.state:
            self.bar.setProperty("state", result.state)
            restyle(self.bar)
        self.word.set(result.label, "neutral" if empty else result.state)
        self.hint.setText(result.hint)
        self.bar.setAccessibleDescription(result.label)


class PassphraseFields(QObject):
    """Passphrase, strength, Confirm: rows added to the caller's form (so its labels line
    up with the form's other fields). `problem()` says what is wrong, or ''."""

    changed = Signal()

    def __init__(self, form: QFormLayout, parent: QWidget, *, label: str = "Passphrase",
                 avoid: tuple[str, ...] = ()):
        super().__init__(parent)
        self.avoid = avoid
        self.passphrase = password_field(label, "At least 8 characters; a few words is best")
        self.confirm = password_field(f"Confirm {label.lower()}", "Type it again")
        self.meter = StrengthMeter(parent)
        self.error = FieldError(parent)
        self.confirm_error = FieldError(parent)
        form.addRow(f"{label}:", self.passphrase)
        form.addRow("", self.meter)
        form.addRow("", self.error)
        form.addRow("Confirm:", self.confirm)
        form.addRow("", self.confirm_error)
        self._connect_callbacks()

    def _connect_callbacks(self) -> None:
        self.passphrase.textChanged.connect(self._on_edit)
        self.confirm.textChanged.connect(self._on_edit)

    def _on_edit(self) -> None:
        text = self.passphrase.text()
        self.meter.show_strength(strength.estimate(text, avoid=self.avoid), empty=not text)
        self.error.clear()
        if self.confirm.text() and not text.startswith(self.confirm.text()):
            self.confirm_error.show_error("Does not match the passphrase above.")
        else:
            self.confirm_error.clear()
        self.changed.emit()

    def value(self) -> str:
        return self.passphrase.text()

    def problem(self) -> str:
        """'' when the two fields hold the same passphrase of an acceptable length."""
        text = self.passphrase.text()
        if len(text) < strength.MIN_LENGTH:
            return f"The passphrase needs at least {strength.MIN_LENGTH} characters."
        if self.confirm.text() != text:
            return "The two passphrases differ."
        return ""

    def show_problem(self) -> bool:
        """Show what is wrong next to the right field; True when there was something."""
        message = self.problem()
        if not message:
            return False
        if "differ" in message:
            self.confirm_error.show_error(message)
            self.confirm.setFocus()
        else:
            self.error.show_error(message)
            self.passphrase.setFocus()
        return True

    def show_error(self, message: str) -> None:
        self.error.show_error(message)
        self.passphrase.setFocus()

    def set_enabled(self, enabled: bool) -> None:
        self.passphrase.setEnabled(enabled)
        self.confirm.setEnabled(enabled)

    def clear(self) -> None:
        self.passphrase.clear()
        self.confirm.clear()
        self.error.clear()
        self.confirm_error.clear()
