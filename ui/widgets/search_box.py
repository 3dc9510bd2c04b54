"""The search box every list with full-text search uses: the same words rules everywhere
(commandcenter.search.query), a clear button, and `changed(text)` once typing pauses, so a
search runs per pause and not per key. `ticket()` tells a view whether the answer it gets
back is still for the latest search (a slower, older one is dropped)."""

from typing import Callable

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QLineEdit

SEARCH_HELP = ('Search every field: words (all must match), "a phrase", prefix*, '
               "-exclude, a OR b")
TYPING_PAUSE_MS = 250


class SearchBox(QLineEdit):
    changed = Signal(str)

    def __init__(self, what: str, parent=None):
        """`what`: what is searched, for the placeholder and screen readers ("lines")."""
        super().__init__(parent)
        self.setObjectName("areaSearch")
        self.setAccessibleName(f"Search {what}")
        self.setPlaceholderText(f"Search {what}")
        self.setToolTip(SEARCH_HELP)
        self.setClearButtonEnabled(True)
        self.setMinimumWidth(220)
        self._asked = 0  # searches asked for; an answer is for the latest or dropped
        self._timer = QTimer(self, singleShot=True, interval=TYPING_PAUSE_MS)
        self._timer.timeout.connect(lambda: self.changed.emit(self.words()))
        self.textChanged.connect(lambda _t: self._timer.start())

    def words(self) -> str:
        return self.text().strip()

    def ticket(self) -> Callable[[], bool]:
        """A search about to be asked for: call it with the answer to know whether this is
        still the latest search (none asked since, no reset)."""
        self._asked += 1
        asked = self._asked
        return lambda: asked == self._asked

    def reset(self) -> None:
        """Empty, without announcing a change (the view is being cleared anyway); an answer
        still on its way is for what was cleared."""
        self.blockSignals(True)
        self.clear()
        self.blockSignals(False)
        self._timer.stop()
        self._asked += 1
