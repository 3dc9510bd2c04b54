"""A dialog whose OK runs one service call on the Runner: success accepts, a refusal is
shown inside the dialog (next to its field where the error names one)."""

from PySide6.QtWidgets import (
    QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton,
    QVBoxLayout, QWidget,
)

from ui.session import VaultSession
from ui.widgets.feedback import FieldError
from ui.workers import user_message


DIALOG_WIDTH = 560


def wrapped_label(text: str, name: str = "", *, wrap: bool = True) -> QLabel:
    """A label of a dialog or wizard page: wrapped, with an object name for the style sheet
    ("muted" for the grey explanatory lines)."""
    label = QLabel(text)
    label.setWordWrap(wrap)
    if name:
        label.setObjectName(name)
    return label


def file_row(name: str, placeholder: str, choose) -> tuple[QWidget, QLineEdit, QPushButton]:
    """A file field with its "Choose…" button on one form row: (row, field, button)."""
    field = QLineEdit()
    field.setAccessibleName(name)
    field.setPlaceholderText(placeholder)
    button = QPushButton("Choose…")
    button.clicked.connect(choose)
    row = QWidget()
    line = QHBoxLayout(row)
    line.setContentsMargins(0, 0, 0, 0)
    line.addWidget(field, 1)
    line.addWidget(button)
    return row, field, button


def fit(dialog: QDialog, width: int = DIALOG_WIDTH) -> None:
    """A fixed, comfortable width and the height its wrapped labels need at that width
    (a top-level window does not ask its layout for height-for-width on its own)."""
    dialog.setMinimumWidth(width)
    dialog.resize(width, 0)
    layout = dialog.layout()
    if layout is not None and layout.hasHeightForWidth():
        dialog.resize(width, layout.totalHeightForWidth(width))
    else:
        dialog.adjustSize()


def ok_cancel(ok_text: str) -> tuple[QDialogButtonBox, object]:
    """The dialogs' button row: Cancel and a primary OK that says what it does."""
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                               | QDialogButtonBox.StandardButton.Cancel)
    ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
    ok.setText(ok_text)
    ok.setProperty("primary", True)
    return buttons, ok


def show_field_error(errors: dict, exc: BaseException) -> str:
    """Show a refusal next to the field it names (or under "other"); returns the field."""
    field = getattr(exc, "field", "other")
    field = field if field in errors else "other"
    errors[field].show_error(user_message(exc))
    return field


class ServiceDialog(QDialog):
    """OK runs a service call; success accepts, failure is shown in the dialog."""

    def __init__(self, session: VaultSession, title: str, ok_text: str, parent=None):
        super().__init__(parent)
        self.session = session
        self.setWindowTitle(title)
        self.buttons, self.ok = ok_cancel(ok_text)
        self.error = FieldError(self)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(20, 16, 20, 16)
        self.result_value = None

    def finish_layout(self, *widgets) -> None:
        for item in widgets:
            if isinstance(item, QFormLayout):
                self.layout_.addLayout(item)
            else:
                self.layout_.addWidget(item)
        self.layout_.addWidget(self.error)
        self.layout_.addWidget(self.buttons)
        fit(self)

    def run(self, fn, label: str, **kwargs) -> None:
        self.error.clear()
        self.ok.setEnabled(False)
        self.session.call(fn, on_done=self._done, on_error=self._failed_base, label=label,
                          **kwargs)

    def _done(self, value) -> None:
        self.ok.setEnabled(True)
        self.result_value = value
        self.accept()

    def _failed_base(self, exc: BaseException) -> None:
        self.ok.setEnabled(True)
        self.failed(exc)

    def failed(self, exc: BaseException) -> None:
        self.error.show_error(user_message(exc))

    def submit(self) -> None:  # each dialog says what OK does
        raise NotImplementedError
