"""The main window, made ahead of time while the first window waits for a passphrase.

Making it takes 0.3–0.4 s of the GUI thread (importing ten views' modules, then making the
views, menus and status bar). Done when the vault opens, that was a freeze between "Unlock"
and the dashboard and a third of the unlock budget (issue 9). The window holds nothing
from the vault until it is opened, so it can be made before: here, one small step per
event-loop turn (each 5–40 ms), so typing into the unlock dialog never waits for it.

Everything runs on the GUI thread: widgets, and the Qt classes their modules define, are
never made on a worker. The steps start only after the worker has imported the database
layer, so the two threads never import the same modules at once.
"""

import importlib
import logging
import time
from typing import Callable, Iterator

from PySide6.QtCore import QObject, QTimer

log = logging.getLogger(__name__)

# The main window's modules, each imported in a turn of its own (whatever this list misses
# is imported by the last one, only in a longer turn).
MODULES = (
    "ui.session", "ui.widgets.pill", "ui.widgets.feedback", "ui.views.common",
    "ui.qtmodels.table", "ui.statusbar", "ui.menus", "ui.commands",
    "ui.views.dashboard", "ui.views.decision_filters", "ui.views.decision_detail",
    "ui.views.decisions", "ui.views.line_board", "ui.views.talking_points",
    "ui.views.spokespersons", "ui.views.journey", "ui.views.timeline", "ui.views.incidents",
    "ui.views.team", "ui.views.audit", "ui.views.spokesperson_mode",
    "ui.decision_commands", "ui.line_commands", "ui.roster_commands",
    "ui.briefing_commands", "ui.journey_commands", "ui.report_commands", "ui.main_window",
)


class WindowPrebuild(QObject):
    """`start()` once the database layer is imported; `window()` when the vault opens
    (it finishes at once whatever steps are left)."""

    def __init__(self, make_frame: Callable[[], object], parent: QObject | None = None):
        super().__init__(parent)
        self._make_frame = make_frame  # -> MainWindow(…, in_steps=True)
        self._window = None
        self._done = False
        self._handed = False  # window() has given it to its owner
        self._steps: Iterator[object] | None = None
        self._timer = QTimer(self, interval=0)
        self._timer.timeout.connect(self._step)

    @property
    def done(self) -> bool:
        return self._done

    def start(self) -> None:
        if self._steps is None and not self._done:
            self._steps = self._run()
            self._timer.start()

    def stop(self) -> "object | None":
        """Stop making it (quitting); returns a window made but never handed out."""
        self._timer.stop()
        self._steps = None
        window, self._window = (self._window, None) if not self._handed else (None, None)
        return window

    def window(self):
        """The main window, finished now if the steps have not got that far."""
        self._timer.stop()
        for _ in self._steps or self._run():
            pass
        self._steps = None
        self._handed = True
        return self._window

    def _step(self) -> None:
        try:
            next(self._steps)
        except StopIteration:
            self._timer.stop()
            self._steps = None

    def _run(self) -> Iterator[object]:
        if self._done:
            return
        started = time.perf_counter()
        for name in MODULES:
            importlib.import_module(name)
            yield name
        if self._window is None:
            self._window = self._make_frame()
            yield "frame"
        yield from self._window.assemble()
        self._done = True
        log.debug("main window made ahead in %.0f ms (spread over event-loop turns)",
                  (time.perf_counter() - started) * 1000)
