"""Run a service call off the GUI thread and get its result back on the GUI thread.

In the spirit of Anki's CollectionOp/QueryOp: a view asks the Runner to run a plain function
(a service call) on a background thread; the Runner delivers success, failure and progress
to callbacks on the GUI thread by queued signal. The function never touches a widget; the
callbacks never block. One worker thread by default, so service calls never race each other
for the vault's write lock (and a lock waits only for the call in flight).

Every job is tracked until its callback has run, so tests and shutdown can wait for
`idle`, and `discard_pending()` (used when the vault locks) drops queued jobs and makes the
results of a job still in flight go nowhere.
"""

import inspect
import logging
import sys
import time
import traceback
from dataclasses import dataclass, field
from itertools import count
from typing import Any, Callable, Generic, TypeVar

from PySide6.QtCore import QElapsedTimer, QObject, QRunnable, Qt, QThreadPool, Signal, Slot
from PySide6.QtWidgets import QApplication

from commandcenter.search.query import SearchSyntaxError
from commandcenter.vault.errors import VaultError

log = logging.getLogger(__name__)
SLOW_DELIVERY_S = 0.05  # a callback longer than this is logged (labels only, no content)

T = TypeVar("T")
Progress = Callable[[int, int], None]


# How long a thread running Python keeps the interpreter lock before it must let a waiting
# thread have it (Python's default: 5 ms). The GUI thread takes the lock for every call from
# Qt into Python (each timer, each cell a table paints, each event handler) and, while a
# worker computes in Python, waits up to the interval for each: a repaint of a few hundred
# such calls froze the window for 100–160 ms during a chain check or a briefing pack
# (issue 9's session benchmark). At 1 ms the worker yields sooner; it spends a little more
# time switching only while the GUI thread wants the lock.
SWITCH_INTERVAL_S = 0.001


def share_the_interpreter() -> None:
    """Once per process, by the composition root (the controller)."""
    sys.setswitchinterval(SWITCH_INTERVAL_S)


def user_message(exc: BaseException) -> str:
    """One clear line for a person: our own errors carry one; anything else is named only
    by its type (its message may hold vault content or SQL, which stays out of view)."""
    if isinstance(exc, (VaultError, SearchSyntaxError)):  # written for the person who acted
        return str(exc)
    return f"Unexpected error ({type(exc).__name__}) — the details are in the log."


@dataclass
class Op(Generic[T]):
    """One submitted job. `cancelled` results are dropped instead of delivered."""

    id: int
    label: str
    fn: Callable[..., T]
    on_done: Callable[[T], None] | None = None
    on_error: Callable[[BaseException], None] | None = None
    on_progress: Progress | None = None
    epoch: int = 0
    cancelled: bool = False
    finished: bool = field(default=False, repr=False)


class _Bridge(QObject):
    """Lives on the GUI thread; workers emit, the Runner receives (queued)."""

    finished = Signal(int, object, object)  # op id, result, exception
    progress = Signal(int, int, int)  # op id, done, total


class _Job(QRunnable):
    def __init__(self, op: Op, bridge: _Bridge):
        super().__init__()
        self.setAutoDelete(False)  # the Runner keeps the Python object until delivery
        self._op, self._bridge = op, bridge

    def run(self) -> None:
        op = self._op
        try:
            if op.on_progress is not None:
                result = op.fn(progress=lambda done, total: self._bridge.progress.emit(
                    op.id, int(done), int(total)))
            else:
                result = op.fn()
        except BaseException as exc:  # delivered to on_error on the GUI thread
            self._bridge.finished.emit(op.id, None, exc)
        else:
            self._bridge.finished.emit(op.id, result, None)


class Runner(QObject):
    """Runs jobs on its own thread pool; see the module docstring."""

    busy_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None, *, threads: int = 1):
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(threads)
        self._bridge = _Bridge(self)
        self._bridge.finished.connect(self._deliver, Qt.ConnectionType.QueuedConnection)
        self._bridge.progress.connect(self._report, Qt.ConnectionType.QueuedConnection)
        self._ids = count(1)
        self._ops: dict[int, tuple[Op, _Job]] = {}
        self._epoch = 0

    # --- submitting ---------------------------------------------------------------------

    def run(self, fn: Callable[..., T], *, on_done: Callable[[T], None] | None = None,
            on_error: Callable[[BaseException], None] | None = None,
            on_progress: Progress | None = None, label: str = "") -> Op[T]:
        """Run `fn()` off the GUI thread. With `on_progress`, `fn` is called as
        `fn(progress=callback)` and may report `(done, total)` from the worker."""
        if on_progress is not None and "progress" not in _parameters(fn):
            raise TypeError(f"{label or fn!r} takes no `progress` argument")
        op = Op(next(self._ids), label or getattr(fn, "__name__", "job"), fn, on_done,
                on_error, on_progress, self._epoch)
        job = _Job(op, self._bridge)
        was_idle = not self._ops
        self._ops[op.id] = (op, job)
        self._pool.start(job)
        if was_idle:
            self.busy_changed.emit(True)
        return op

    # --- state and waiting --------------------------------------------------------------

    @property
    def idle(self) -> bool:
        """True when no job is queued, running, or waiting for its callback."""
        return not self._ops

    def pending_labels(self) -> list[str]:
        return [op.label for op, _ in self._ops.values()]

    def wait(self, timeout_ms: int = 30_000) -> bool:
        """Block until every job has run and its callback has been delivered (tests, quit).
        Processes events meanwhile, so queued deliveries arrive."""
        timer = QElapsedTimer()
        timer.start()
        while self._ops:
            self._pool.waitForDone(20)
            QApplication.processEvents()
            if 0 <= timeout_ms < timer.elapsed():
                return False
        return True

    def discard_pending(self) -> None:
        """Drop queued jobs and silence the ones in flight (their results go nowhere)."""
        self._epoch += 1
        for op_id, (op, job) in list(self._ops.items()):
            op.cancelled = True
            if self._pool.tryTake(job):  # had not started: it never will
                del self._ops[op_id]
        if not self._ops:
            self.busy_changed.emit(False)

    def shutdown(self, timeout_ms: int = 30_000) -> None:
        """Drop what has not started, let the running job finish, deliver nothing."""
        self.discard_pending()
        self._pool.waitForDone(timeout_ms)
        QApplication.processEvents()
        self._ops.clear()
        self.busy_changed.emit(False)

    # --- delivery (GUI thread) ----------------------------------------------------------

    @Slot(int, object, object)
    def _deliver(self, op_id: int, result: Any, error: Any) -> None:
        entry = self._ops.pop(op_id, None)
        if entry is None:
            return
        op = entry[0]
        op.finished = True
        started = time.perf_counter()
        try:
            if op.cancelled or op.epoch != self._epoch:
                log.debug("result of %s dropped (cancelled)", op.label)
            elif error is not None:
                self._fail(op, error)
            elif op.on_done is not None:
                op.on_done(result)
        finally:
            took = time.perf_counter() - started
            if took > SLOW_DELIVERY_S:  # the GUI thread was busy that long: say where
                log.info("showing the result of %s took %.0f ms", op.label, took * 1000)
            if not self._ops:
                self.busy_changed.emit(False)

    def _fail(self, op: Op, error: BaseException) -> None:
        if not isinstance(error, VaultError):
            # Frames only: the message of a foreign error may quote vault content or SQL.
            log.error("%s failed with %s:\n%s", op.label, type(error).__name__,
                      "".join(traceback.format_tb(error.__traceback__)))
        if op.on_error is not None:
            op.on_error(error)
        else:
            log.warning("%s failed: %s", op.label, user_message(error))

    @Slot(int, int, int)
    def _report(self, op_id: int, done: int, total: int) -> None:
        entry = self._ops.get(op_id)
        if entry and not entry[0].cancelled and entry[0].on_progress is not None:
            entry[0].on_progress(done, total)


def _parameters(fn: Callable) -> set[str]:
    try:
        return set(inspect.signature(fn).parameters)
    except (TypeError, ValueError):
        return set()
