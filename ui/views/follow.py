"""Which snapshots reach a view: every one while the view is on screen; while it is a hidden
page of the main window, only the newest, handed over when the page is next shown.

A snapshot follows every change, and each view answers one by reading its own data on the
worker (the roster's 2,000 people, the timeline's 30,000 events, 1,200 talking points…).
Views nobody is looking at reading all of that at every unlock and after every change
made the dashboard wait for the worker and kept every area's data in memory (issue 9). An
area therefore reads its data when someone opens it, and again after changes only while
it is open. A view made on its own (tests, tools) follows every snapshot, as before.
"""

from typing import Callable

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QWidget


class SnapshotFollower(QObject):
    """Owned by its view. `defer_when_hidden` is set by the main window for its pages."""

    def __init__(self, view: QWidget, session, apply: Callable[[object], None]):
        super().__init__(view)
        self._view, self._apply = view, apply
        self.defer_when_hidden = False
        self._pending = None  # the newest snapshot not yet handed to the hidden view
        session.snapshot_ready.connect(self._offer)
        session.closed.connect(self._forget)  # nothing read from the vault outlives a lock
        view.installEventFilter(self)

    @property
    def pending(self) -> bool:
        return self._pending is not None

    def _offer(self, snap) -> None:
        if self.defer_when_hidden and not self._view.isVisible():
            self._pending = snap
            return
        self._pending = None
        self._apply(snap)

    def _forget(self) -> None:
        self._pending = None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        if event.type() == QEvent.Type.Show and self._pending is not None:
            snap, self._pending = self._pending, None
            self._apply(snap)
        return False


def follow_snapshots(view: QWidget, session, apply: Callable[[object], None]
                     ) -> SnapshotFollower:
    return SnapshotFollower(view, session, apply)
