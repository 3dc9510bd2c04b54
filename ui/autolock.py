"""Auto-lock after idle, by the wall clock so a laptop's sleep counts as idle time.

An event filter on each top-level window (QWindow) notes the time of the last input event;
a timer compares `clock() - last_activity` with the timeout every few seconds. Every key,
mouse, wheel, touch and tablet event reaches its QWindow before the widget it is for, so
the windows see all input and little else. An application-wide filter saw every event of
every widget — each paint, layout and show — and ran Python for each: opening the main
window sent it thousands, each waiting for the interpreter lock while a worker read the
dashboard's data (a 70–120 ms freeze, issue 9). A monotonic clock would stop
during suspend on some platforms, which would let a laptop closed for an hour open unlocked;
`time.time()` does not. `clock` is injectable so tests can use a fake one.
"""

import time
from typing import Callable

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QWindow

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
        self._windows: dict[int, QWindow] = {}  # watched, by id

    @property
    def active(self) -> bool:
        return self._timer.isActive()

    def start(self, timeout_s: float | None = None) -> None:
        if timeout_s is not None:
            self.timeout_s = timeout_s
        self.last_activity = self.clock()
        if not self._installed:
            QGuiApplication.instance().focusWindowChanged.connect(self._watch)
            self._installed = True
        self._watch_all()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()
        if self._installed:
            QGuiApplication.instance().focusWindowChanged.disconnect(self._watch)
            self._installed = False
        for window in self._windows.values():
            window.removeEventFilter(self)
        self._windows.clear()

    def _watch_all(self) -> None:
        for window in QGuiApplication.topLevelWindows():
            self._watch(window)

    def _watch(self, window: QWindow | None) -> None:
        """A window that takes the focus (a dialog just opened) is watched from then on."""
        if window is None or id(window) in self._windows:
            return
        window.installEventFilter(self)
        self._windows[id(window)] = window
        window.destroyed.connect(lambda _obj=None, key=id(window): self._windows.pop(key, None))

    def touch(self) -> None:
        self.last_activity = self.clock()

    def idle_seconds(self) -> float:
        return self.clock() - self.last_activity

    def check(self) -> None:
        self._watch_all()  # windows that never took the focus
        if self.active and self.idle_seconds() >= self.timeout_s:
            self.stop()
            self.timed_out.emit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        if event.type() in INPUT_EVENTS:
            self.last_activity = self.clock()
        return False
