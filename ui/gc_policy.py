"""When Python's cycle collector runs, so that it does not freeze the window.

A war-room vault puts hundreds of thousands of objects in memory (tens of thousands of
events and decision rows read, their ORM state, the app's own modules). Python's collector
scans every tracked object it has not been told to ignore, and its full collections run
on whichever thread happens to allocate at the time — the GUI thread, or a worker that then
holds the interpreter lock the GUI thread waits for. The session benchmark saw full
collections of 0.2–0.4 s in the middle of a briefing pack (issue 9).

- `tune()`: full collections ten times rarer than Python's default, and small, frequent
  young and middle ones. A collection holds the interpreter lock for its whole length,
  and its length grows with the generation: with 20,000 allocations between young
  collections and ten of those per middle one, middle collections on a worker took
  30–86 ms each while the window waited; at 5,000 and five, none passed 20 ms.
- `freeze()`, once the app's modules and main window exist: every object alive then goes
  to the collector's permanent generation — code, classes and widgets that live as long as
  the app are never scanned again. Reference counting still frees objects as usual; only
  garbage in reference cycles waits for a collection.
- `IdleCollector`: that collection runs when nobody is using the app (no input for a while,
  no job under way) and right after the vault locks, so cycles holding vault content do
  not outlive the session. The vault's page caches go just before it (decrypted pages, up
  to 16 MiB per connection): they are what makes the next search or page fast while
  someone works, and plain-text vault content in memory while nobody does. (Released
  after every burst of work instead, they made the timeline's search p95 12 ms, not 6.)
- `HeapTrimmer`: a moment after the last background job of a burst is done (and after each
  full collection), the heap's free pages go back to the system (ui/heap.py): the peak of
  a burst of work is not kept resident for the rest of the session.
"""

import gc
import logging
import time
from typing import Callable

from PySide6.QtCore import QObject, QTimer

from ui import heap

log = logging.getLogger(__name__)
YOUNG = 5_000  # allocations between young collections (Python's default: 2,000)
MIDDLE_EVERY = 5  # young collections between middle ones (Python's default: 10)
OLD_EVERY = 100  # middle collections between full ones (Python's default: 10)
IDLE_S = 20  # seconds without input before a full collection is due
CHECK_MS = 30_000
TRIM_AFTER_MS = 250  # after the runner drains: a click that starts the next job comes first


def tune() -> None:
    gc.set_threshold(YOUNG, MIDDLE_EVERY, OLD_EVERY)


_frozen = False


def freeze() -> None:
    """Once per process (the app makes one main window; a test run makes many, whose
    garbage must stay collectable)."""
    global _frozen
    if not _frozen:
        _frozen = True
        gc.freeze()


def collect(reason: str) -> None:
    started = time.perf_counter()
    found = gc.collect()
    heap.release_freed()  # what the collection freed, and what was waiting for it
    log.debug("collected %d objects (%s) in %.0f ms", found, reason,
              (time.perf_counter() - started) * 1000)


class IdleCollector(QObject):
    """Runs a full collection when the user has been idle IDLE_S and no job is running,
    at most once per idle spell (after new work has been done). `release` (optional) runs
    first: what else should not be kept while nobody uses the app (the vault's page
    caches)."""

    def __init__(self, idle_watcher, runner, parent: QObject | None = None, *,
                 release: Callable[[], None] | None = None):
        super().__init__(parent)
        self.idle_watcher, self.runner = idle_watcher, runner
        self._release = release
        self._done_for = None  # the activity time the last collection followed
        self._timer = QTimer(self, interval=CHECK_MS)
        self._timer.timeout.connect(self.check)

    def start(self) -> None:
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def check(self) -> None:
        last = self.idle_watcher.last_activity
        if self.idle_watcher.idle_seconds() < IDLE_S or not self.runner.idle \
                or last == self._done_for:
            return
        self._done_for = last
        if self._release is not None:
            self._release()
        collect("idle")


class HeapTrimmer(QObject):
    """Gives freed heap memory back TRIM_AFTER_MS after the runner has no job left (about
    2 ms on the GUI thread; a job started meanwhile puts it off until that one is done)."""

    def __init__(self, runner, parent: QObject | None = None):
        super().__init__(parent)
        self._timer = QTimer(self, singleShot=True, interval=TRIM_AFTER_MS)
        self._timer.timeout.connect(self._trim)
        runner.busy_changed.connect(self._busy)

    def _trim(self) -> None:
        heap.release_freed()

    def _busy(self, busy: bool) -> None:
        if busy:
            self._timer.stop()
        else:
            self._timer.start()
