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
    """One callback after the widget's next paint, or after `fallback_ms` if none comes;
    never, if the widget goes first (it is no longer waited for after `fallback_ms`)."""

    def __init__(self, widget: QWidget, callback: Callable[[], None], fallback_ms: int):
        super().__init__(widget)
        self._callback = callback
        self._done = _Waiting()
        widget.installEventFilter(self)
        QTimer.singleShot(fallback_ms, self, self._fire)  # cancelled if the widget goes...
        done = self._done
        QTimer.singleShot(fallback_ms + 10, lambda: done.end())  # ...then not waited for

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        if not self._done.ended and event.type() == QEvent.Type.Paint:
            QTimer.singleShot(0, self, self._fire)  # after this paint, not inside it
        return False

    def _fire(self) -> None:
        if self._done.ended:
            return
        self._done.end()
        self.parent().removeEventFilter(self)
        self.deleteLater()
        self._callback()


_waiting = 0  # callbacks of after_next_paint not run (nor dropped) yet


class _Waiting:
    """One callback waited for, counted in `_waiting` until it runs or is dropped."""

    def __init__(self):
        global _waiting
        _waiting += 1
        self.ended = False

    def end(self, *_args) -> None:
        global _waiting
        if not self.ended:
            self.ended = True
            _waiting -= 1


def after_next_paint(widget: QWidget, callback: Callable[[], None],
                     fallback_ms: int = 150) -> None:
    """Call `callback` once, on the GUI thread, after `widget`'s next paint — e.g. start a
    second, slower read only once the first one's rows are on screen, so the worker's pure
    Python does not hold the interpreter lock while the GUI thread paints them. A widget
    not on screen (or one with nothing to repaint) does not wait longer than `fallback_ms`;
    a hidden one not at all."""
    if not widget.isVisible():
        waiting = _Waiting()
        QTimer.singleShot(0, lambda: (waiting.end(), callback()))
        return
    _NextPaint(widget, callback, fallback_ms)


def nothing_waiting() -> bool:
    """No after_next_paint callback is still to run: what tests and benchmarks wait for,
    beside the Runner's jobs, before they look (a delivery may start more work after the
    next paint)."""
    return _waiting == 0
