"""Auto-lock after idle, by the wall clock so a laptop's sleep counts as idle time.

An application-wide event filter notes the time of the last input event; a timer compares
`clock() - last_activity` with the timeout every few seconds. A monotonic clock would stop
during suspend on some platforms, which would let a laptop closed for an hour open unlocked;
`time.time()` does not. `clock` is injectable so tests can use a fake one.
"""

import time
from typing import Callable

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication

INPUT_EVENTS = frozenset({
    QEvent.Type.KeyPress, QEvent.Type.KeyRelease, QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseButtonRelease, QEvent.Type.MouseButtonDblClick, QEvent.Type.MouseMove,
    QEvent.Type.Wheel, QEvent.Type.TouchBegin, QEvent.Type.TouchUpdate,
    QEvent.Type.TabletPress, QEvent.Type.Shortcut,
})
DEFAULT_TIMEOUT_S = 5 * 60
CHECK_INTERVAL_MS = 5_000


class IdleWatcher(QObject):
    """Emits `timed_out` once when no input arrived for `timeout_s`; `start()` re-arms it."""

    timed_out = Signal()

    def __init__(self, parent: QObject | None = None, *, clock: Callable[[], float] = time.time,
                 timeout_s: float = DEFAULT_TIMEOUT_S, interval_ms: int = CHECK_INTERVAL_MS):
        super().__init__(parent)
        self.clock = clock
        self.timeout_s = timeout_s
        self.last_activity = clock()
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.check)
        self._installed = False

    @property
    def active(self) -> bool:
        return self._timer.isActive()

    def start(self, timeout_s: float | None = None) -> None:
        if timeout_s is not None:
            self.timeout_s = timeout_s
        self.last_activity = self.clock()
        if not self._installed:
            QApplication.instance().installEventFilter(self)
            self._installed = True
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()
        if self._installed:
            QApplication.instance().removeEventFilter(self)
            self._installed = False

    def touch(self) -> None:
        self.last_activity = self.clock()

    def idle_seconds(self) -> float:
        return self.clock() - self.last_activity

    def check(self) -> None:
        if self.active and self.idle_seconds() >= self.timeout_s:
            self.stop()
            self.timed_out.emit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        if event.type() in INPUT_EVENTS:
            self.last_activity = self.clock()
        return False
