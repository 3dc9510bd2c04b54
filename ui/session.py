"""The UI's handle on the unlocked vault: runs service calls through the Runner, reloads
what the views show after every change, and remembers the last chain check.

Views never hold the vault; they ask the session to `call` a service function, which receives
the vault as its first argument on the worker thread.
"""

from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any, Callable

from PySide6.QtCore import QObject, Signal

from ui.workers import Progress, Runner, user_message


@dataclass(frozen=True)
class ChainState:
    state: str = "unchecked"  # unchecked | verified | broken
    message: str = "Not checked since unlock"
    checked_at: datetime | None = None

    @property
    def word(self) -> str:
        return {"unchecked": "Chain unchecked", "verified": "Chain verified",
                "broken": "Chain BROKEN"}[self.state]

    @property
    def pill_state(self) -> str:
        return {"unchecked": "neutral", "verified": "ok", "broken": "bad"}[self.state]

    @property
    def icon(self) -> str:
        return {"unchecked": "audit", "verified": "shield-check",
                "broken": "shield-alert"}[self.state]


class VaultSession(QObject):
    """One per application; `open(vault)` after an unlock, `close()` when locking."""

    snapshot_ready = Signal(object)  # Snapshot
    chain_changed = Signal(object)  # ChainState
    opened = Signal()
    closed = Signal()
    message = Signal(str)  # a one-line notice for the status bar

    def __init__(self, runner: Runner, parent: QObject | None = None):
        super().__init__(parent)
        self.runner = runner
        self.vault = None
        self.chain = ChainState()
        self.snapshot = None  # ui.snapshot.Snapshot once the first has arrived
        self._keychain_label: str | None = None
        self._keychain_known = False

    # --- lifecycle ----------------------------------------------------------------------

    @property
    def is_open(self) -> bool:
        return self.vault is not None and not self.vault.is_locked

    @property
    def actor(self):
        return self.vault.actor if self.vault is not None else None

    @property
    def is_lead(self) -> bool:
        return self.actor is not None and self.actor.role == "lead"

    def open(self, vault) -> None:
        self.vault = vault
        self.chain = ChainState()
        self.snapshot = None
        self.opened.emit()
        self.chain_changed.emit(self.chain)
        self.reload()

    def close(self) -> None:
        """Forget everything read from the vault and lock it. Jobs still queued are dropped;
        the one in flight is waited for, so the engine is not disposed under it."""
        self.runner.discard_pending()
        self.runner.wait()
        vault, self.vault = self.vault, None
        self.snapshot = None
        self.chain = ChainState()
        if vault is not None:
            vault.lock()
        self.closed.emit()

    # --- running service calls ----------------------------------------------------------

    def call(self, fn: Callable[..., Any], *, on_done: Callable[[Any], None] | None = None,
             on_error: Callable[[BaseException], None] | None = None,
             on_progress: Progress | None = None, label: str = "", reload: bool = True,
             **kwargs):
        """Run `fn(vault, **kwargs)` on the worker; with `reload`, refresh every view after
        success. Errors go to `on_error`, or to the status bar as one line."""
        if not self.is_open:
            return None
        vault = self.vault
        if on_progress is not None:
            def job(progress):
                return fn(vault, progress=progress, **kwargs)
        else:
            def job():
                return fn(vault, **kwargs)

        def done(result):
            if on_done is not None:
                on_done(result)
            if reload:
                self.reload()

        def failed(exc: BaseException):
            if on_error is not None:
                on_error(exc)
            else:
                self.message.emit(user_message(exc))

        return self.runner.run(job, on_done=done, on_error=failed, on_progress=on_progress,
                               label=label or getattr(fn, "__name__", "service call"))

    def reload(self) -> None:
        """Read a fresh snapshot; views update when `snapshot_ready` fires."""
        if not self.is_open:
            return
        detect = not self._keychain_known
        from ui import snapshot as snapshot_mod  # after unlocking: not before the first paint

        self.call(snapshot_mod.take, detect_keychain=detect, on_done=self._got_snapshot,
                  label="reload", reload=False)

    def _got_snapshot(self, snap) -> None:
        if not self._keychain_known:
            self._keychain_label, self._keychain_known = snap.keychain_available, True
        elif snap.keychain_available is None:
            snap = replace(snap, keychain_available=self._keychain_label)
        self.snapshot = snap
        self.snapshot_ready.emit(snap)

    # --- the audit chain ----------------------------------------------------------------

    def verify(self, *, on_progress: Progress | None = None,
               on_done: Callable[[ChainState], None] | None = None) -> None:
        """Integrity check plus chain check on the worker; the result is kept and broadcast."""
        def check(vault, progress=None):
            from commandcenter.vault import integrity

            return integrity.check(vault, progress=progress)

        def done(report):
            state = "verified" if report.ok else "broken"
            self.chain = ChainState(state, report.summary(), datetime.now(UTC))
            self.chain_changed.emit(self.chain)
            if on_done is not None:
                on_done(self.chain)

        def failed(exc: BaseException):
            self.chain = ChainState("broken", user_message(exc), datetime.now(UTC))
            self.chain_changed.emit(self.chain)
            if on_done is not None:
                on_done(self.chain)

        self.call(check, on_done=done, on_error=failed,
                  on_progress=on_progress or (lambda done_, total: None),
                  label="verify chain", reload=False)
