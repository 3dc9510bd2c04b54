"""Run something right after a widget has painted for the first time.

Used to start background work (keychain detection, warming up the database layer) only once
the first window is on screen, so heavy imports never delay or precede the first paint, and
by `--measure-startup` to take its measurement.
"""

from typing import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget


class _PaintWatch(QObject):
    def __init__(self, widget: QWidget, callback: Callable[[], None]):
        super().__init__(widget)
        self._callback = callback
        self._done = False
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        if not self._done and event.type() == QEvent.Type.Paint:
            self._done = True
            watched.removeEventFilter(self)
            # After this paint event has been handled and flushed, not inside it.
            QTimer.singleShot(0, self._callback)
        return False


def after_first_paint(widget: QWidget, callback: Callable[[], None]) -> None:
    """Call `callback` once, on the GUI thread, after `widget` first paints. Call it before
    `show()`; for a widget already visible the callback runs on the next event-loop turn."""
    if widget.isVisible():
        QTimer.singleShot(0, callback)
        return
    _PaintWatch(widget, callback)


class _NextPaint(QObject):
    """One callback after the widget's next paint, or after `fallback_ms` if none comes."""

    def __init__(self, widget: QWidget, callback: Callable[[], None], fallback_ms: int):
        super().__init__(widget)
        self._callback = callback
        self._done = False
        widget.installEventFilter(self)
        QTimer.singleShot(fallback_ms, self, self._fire)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        if not self._done and event.type() == QEvent.Type.Paint:
            QTimer.singleShot(0, self, self._fire)  # after this paint, not inside it
        return False

    def _fire(self) -> None:
        if self._done:
            return
        self._done = True
        self.parent().removeEventFilter(self)
        self.deleteLater()
        self._callback()


def after_next_paint(widget: QWidget, callback: Callable[[], None],
                     fallback_ms: int = 150) -> None:
    """Call `callback` once, on the GUI thread, after `widget`'s next paint — e.g. start a
    second, slower read only once the first one's rows are on screen, so the worker's pure
    Python does not hold the interpreter lock while the GUI thread paints them. A widget
    not on screen (or one with nothing to repaint) does not wait longer than `fallback_ms`;
    a hidden one not at all."""
    if not widget.isVisible():
        QTimer.singleShot(0, callback)
        return
    _NextPaint(widget, callback, fallback_ms)
