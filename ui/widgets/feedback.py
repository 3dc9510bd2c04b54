"""Inline error messages shown next to the field they are about: an icon, the word-carrying
message in red, hidden when there is nothing to say. Never a dialog, never a traceback."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from ui import resources


class FieldError(QWidget):
    """Sits under (or beside) a field; `show_error("…")` / `clear()`."""

    def __init__(self, parent: QWidget | None = None, *, kind: str = "error"):
        super().__init__(parent)
        self._icon = QLabel(self)
        self._icon.setPixmap(resources.pixmap("error" if kind == "error" else "warning", 16))
        self._icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        self._text = QLabel(self)
        self._text.setWordWrap(True)
        self._text.setObjectName("fieldError")
        self._text.setProperty("kind", kind)  # coloured by the style sheet (theme roles)
        self._text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 2, 0, 2)
        layout.setSpacing(6)
        layout.addWidget(self._icon)
        layout.addWidget(self._text, 1)
        self._message = ""
        self.setVisible(False)

    def show_error(self, message: str) -> None:
        self._message = message
        self._text.setText(message)
        self.setAccessibleName(f"Error: {message}")
        self.setVisible(bool(message))

    def clear(self) -> None:
        self._message = ""
        self._text.clear()
        self.setVisible(False)

    def text(self) -> str:
        return self._message
