"""Which window is showing, and the moves between them: first run → main window,
unlock → main window, lock / auto-lock / switch operator → unlock, quit.

The main window is made ahead, one step per event-loop turn, while the first window waits
for a passphrase (ui/prebuild.py), and shown at the first unlock.
"""

import logging
import time
from typing import TYPE_CHECKING, Callable

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from commandcenter.vault.paths import VaultPaths
from ui import clipboard, gc_policy
from ui.autolock import CHECK_INTERVAL_MS, IdleWatcher
from ui.firstpaint import after_first_paint
from ui.prebuild import WindowPrebuild
from ui.session import VaultSession
from ui.workers import Runner, share_the_interpreter

if TYPE_CHECKING:
    from ui.dialogs.first_run import FirstRunWizard
    from ui.dialogs.unlock import UnlockDialog

log = logging.getLogger(__name__)


class AppController(QObject):
    finished = Signal()  # the app should quit now

    def __init__(self, paths: VaultPaths, *, kdf=None, clock: Callable[[], float] = time.time,
                 check_interval_ms: int = CHECK_INTERVAL_MS, parent: QObject | None = None):
        super().__init__(parent)
        gc_policy.tune()
        share_the_interpreter()
        self.paths, self.kdf = paths, kdf
        self.runner = Runner(self)
        self.session = VaultSession(self.runner, self)
        self.idle = IdleWatcher(self, clock=clock, interval_ms=check_interval_ms)
        self.collector = gc_policy.IdleCollector(self.idle, self.runner, self,
                                                 release=self._release_pages)
        self.trimmer = gc_policy.HeapTrimmer(self.runner, self)
        self.window = None  # ui.main_window.MainWindow, shown at the first unlock
        self.prebuild = WindowPrebuild(self._main_window_frame, self)
        self.wizard: "FirstRunWizard | None" = None
        self.unlock_dialog: "UnlockDialog | None" = None
        self.reset_prompt: QMessageBox | None = None
        self._last_operator: str | None = None
        self._quitting = False
        self._connect_callbacks()

    def _release_pages(self) -> None:
        """When nobody is using the app: the vault's decrypted page caches (the first reads
        after decrypt what they need again, a few ms)."""
        if self.session.is_open:
            self.session.vault.release_memory()

    def _connect_callbacks(self) -> None:
        self.idle.timed_out.connect(self.auto_lock)
        self.session.snapshot_ready.connect(self._apply_settings)

    # --- the first window ---------------------------------------------------------------

    def start(self, *, on_first_paint: Callable[[], None] | None = None) -> QWidget:
        """Show the first window and return it: the wizard when there is no vault at all,
        else the unlock dialog (which also explains a half-present vault). Once it has
        painted, the database layer is imported in the background so unlocking is quick."""
        if self.paths.db.exists() or self.paths.keyfile.exists():
            window = self._make_unlock(try_keychain=True)
        else:
            window = self._make_wizard()
        after_first_paint(window, on_first_paint or self.warm_up)
        self._present(window)
        return window

    def warm_up(self) -> None:
        if not self._quitting:
            self.runner.run(_import_database_layer, label="warm up",
                            on_done=lambda _none: self._quitting or self.prebuild.start())

    def show_wizard(self) -> "FirstRunWizard":
        return self._present(self._make_wizard())

    def show_unlock(self, *, try_keychain: bool, note: str = "",
                    preselect: str | None = None) -> "UnlockDialog":
        return self._present(self._make_unlock(try_keychain=try_keychain, note=note,
                                               preselect=preselect))

    def _make_wizard(self) -> "FirstRunWizard":
        # Each first window imports only its own module: the other is not needed to paint.
        from ui.dialogs.first_run import FirstRunWizard

        self.wizard = FirstRunWizard(self.paths, self.runner, kdf=self.kdf)
        self.wizard.created.connect(self._opened)
        self.wizard.rejected.connect(self._dialog_rejected)
        return self.wizard

    def _make_unlock(self, *, try_keychain: bool, note: str = "",
                     preselect: str | None = None) -> "UnlockDialog":
        from ui.dialogs.unlock import UnlockDialog

        self._drop(self.unlock_dialog)
        dialog = UnlockDialog(self.paths, self.runner, try_keychain=try_keychain,
                              preselect=preselect, note=note)
        dialog.unlocked.connect(self._opened)
        dialog.rejected.connect(self._dialog_rejected)
        self.unlock_dialog = dialog
        return dialog

    @staticmethod
    def _present(window):
        window.show()
        _bring_to_front(window)
        return window

    def _dialog_rejected(self) -> None:
        if self.session.is_open:  # a dialog closed after it had already opened the vault
            return
        self.quit()

    # --- unlocked -----------------------------------------------------------------------

    def _opened(self, vault) -> None:
        self._last_operator = vault.actor.id
        if self.window is None:
            self.window = self.prebuild.window()
            gc_policy.freeze()  # the app's modules and widgets (no vault data yet): never scanned
        self.session.open(vault)
        self.window.navigate(0)
        self.window.show()
        _bring_to_front(self.window)
        self.idle.start()
        self.collector.start()
        for dialog in (self.wizard, self.unlock_dialog):
            self._drop(dialog)
        self.wizard = self.unlock_dialog = None
        for note in vault.notices:  # e.g. a newer key file was put back from the backups
            self.window.show_notice(note)
        if vault.key_store == "recovery code":
            QTimer.singleShot(0, self.offer_passphrase_reset)

    def _main_window_frame(self):
        from ui.main_window import MainWindow  # after the first paint, on purpose

        window = MainWindow(self.session, in_steps=True)
        window.lock_requested.connect(self.lock)
        window.switch_requested.connect(self.switch_operator)
        window.quit_requested.connect(self.quit)
        return window

    def _apply_settings(self, snap) -> None:
        self.idle.timeout_s = max(1, snap.auto_lock_minutes) * 60

    def offer_passphrase_reset(self) -> None:
        """After a recovery-code unlock the operator's passphrase is presumably lost."""
        if not self.session.is_open or self.window is None:
            return
        box = QMessageBox(QMessageBox.Icon.Question, "Set a new passphrase",
                          "You opened the vault with the recovery code. Set a new passphrase "
                          f"for {self.session.actor.name} now?",
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                          self.window)

        def answered(button) -> None:
            if box.standardButton(button) == QMessageBox.StandardButton.Yes and self.window:
                self.window.commands.change_passphrase(reset=True)

        box.buttonClicked.connect(answered)
        self.reset_prompt = box
        box.open()

    # --- locking ------------------------------------------------------------------------

    def lock(self, note: str = "Locked.", *, preselect: str | None = "last") -> None:
        """Clear every view, forget the key, clear our clipboard text, ask to unlock again."""
        if not self.session.is_open:
            return
        self.idle.stop()
        if self.window is not None:
            self.window.clear()
            self.window.hide()
        self.session.close()
        self.collector.stop()
        gc_policy.collect("locked")  # cycles holding vault content go now, not later
        clipboard.clear_if_ours()
        log.info("locked: %s", note)
        self.show_unlock(try_keychain=False, note=note,
                         preselect=self._last_operator if preselect == "last" else preselect)

    def auto_lock(self) -> None:
        minutes = round(self.idle.timeout_s / 60)
        self.lock(f"Locked after {minutes} min without activity.")

    def switch_operator(self) -> None:
        self.lock("Locked. Choose who is acting now and unlock.", preselect=None)

    # --- quitting -----------------------------------------------------------------------

    def quit(self) -> None:
        """Lock, stop the worker, close every window; idempotent."""
        if self._quitting:
            return
        self._quitting = True
        self.idle.stop()
        if self.window is not None:
            self.window.clear()
        self.session.close()
        clipboard.clear_if_ours()
        self.runner.shutdown()
        for widget in (self.window, self.prebuild.stop(), self.wizard, self.unlock_dialog):
            self._drop(widget)
        self.window = self.wizard = self.unlock_dialog = None
        self.finished.emit()

    @staticmethod
    def _drop(widget: QWidget | None) -> None:
        """Hide and delete a window (hiding emits no `rejected`, so nothing quits)."""
        if widget is None:
            return
        widget.hide()
        widget.deleteLater()


def _bring_to_front(window: QWidget) -> None:
    if QGuiApplication.platformName() != "offscreen":  # it cannot raise, and says so
        window.raise_()
        window.activateWindow()


def _import_database_layer() -> None:
    """Runs on the worker while the user reads or types: the first unlock then does not
    wait for SQLAlchemy and SQLModel to import (Alembic only loads if the vault must be
    migrated: vault/schema.py). Only the headless core: the main window's modules define
    Qt classes and are imported on the GUI thread (ui/prebuild.py), after this, so the two
    threads never import the same module at once."""
    import commandcenter.services.dashboard  # noqa: F401 — the first snapshot's tiles
    import commandcenter.services.status  # noqa: F401
    import commandcenter.vault.lifecycle  # noqa: F401
    # What the window and the areas import when the vault opens (roles, first reads):
    # compiling them then held the interpreter lock the window needs.
    import commandcenter.services.briefing  # noqa: F401
    import commandcenter.services.decisions  # noqa: F401
    import commandcenter.services.journey  # noqa: F401
    import commandcenter.services.roster  # noqa: F401
    import commandcenter.services.talking_points  # noqa: F401
    from commandcenter.vault import keychain

    keychain.detect()  # keyring's backends load now, not in the first snapshot (~80 ms)
