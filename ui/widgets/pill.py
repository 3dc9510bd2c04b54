"""A status pill: a word on a coloured background (DESIGN §6 colour language).

States: ok (green: verified/current), warn (amber: due soon/needs review), bad (red:
overdue/failed/tampered), neutral (grey: draft/retired/unchecked). The word always says what
the colour means, so colour is never the only signal.
"""

from PySide6.QtWidgets import QLabel, QWidget

STATES = ("ok", "warn", "bad", "neutral")


def restyle(widget: QWidget) -> None:
    """Re-apply the style sheet after a dynamic property changed."""
    widget.style().unpolish(widget)
    widget.style().polish(widget)
    widget.update()


class Pill(QLabel):
    def __init__(self, text: str = "", state: str = "neutral", parent: QWidget | None = None):
        super().__init__(parent)
        self.set(text, state)

    def set(self, text: str, state: str, tooltip: str = "") -> None:
        if state not in STATES:
            raise ValueError(f"unknown pill state {state!r}")
        self.setText(text)
        self.setToolTip(tooltip)
        self.setAccessibleName(text)
        if self.property("state") != state:
            self.setProperty("state", state)
            restyle(self)

    @property
    def state(self) -> str:
        return self.property("state")
