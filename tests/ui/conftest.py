"""Fixtures for the Qt flows: an app controller with a fake clock and cheap key derivation,
an existing vault to unlock, and helpers that wait for the worker instead of sleeping."""

import pytest
from PySide6.QtCore import QCoreApplication, QEvent

from commandcenter.vault import lifecycle
from tests.conftest import FAST_KDF, PASSPHRASE
from ui.controller import AppController


class FakeClock:
    """Wall-clock stand-in: time moves only when a test says so."""

    def __init__(self, start: float = 1_800_000_000.0):
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def controller(qtbot, vault_paths, clock):
    ctl = AppController(vault_paths, kdf=FAST_KDF, clock=clock, check_interval_ms=20)
    yield ctl
    ctl.quit()  # locks the vault, waits for the worker, hides and deletes every window
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QCoreApplication.processEvents()


@pytest.fixture
def existing_vault(vault_paths):
    """A locked vault on disk with one lead, Dana Lead (passphrase PASSPHRASE)."""
    vault, code = lifecycle.create_vault(vault_paths, operator_name="Dana Lead",
                                         passphrase=PASSPHRASE, kdf=FAST_KDF)
    info = {"operator_id": vault.actor.id, "recovery_code": code, "vault_id": vault.vault_id}
    vault.lock()
    return info


def settle(qtbot, controller, timeout: int = 15_000) -> None:
    """Wait until every background job has run and its result has been delivered, every
    chart asked for has been drawn (on the chart thread) and shown, and nothing waits for
    a paint to start more (ui.firstpaint.after_next_paint)."""
    from ui.settled import settled

    qtbot.waitUntil(lambda: settled(controller.runner), timeout=timeout)


def start_unlock(qtbot, controller):
    """Start on an existing vault; returns the unlock dialog once its first paint has run
    (and with it any silent keychain attempt)."""
    dialog = controller.start()
    qtbot.waitUntil(lambda: dialog.started, timeout=10_000)
    settle(qtbot, controller)
    return dialog


def start_wizard(qtbot, controller):
    wizard = controller.start()
    qtbot.waitUntil(lambda: wizard.keychain_checked, timeout=10_000)
    settle(qtbot, controller)
    return wizard


def unlock(qtbot, controller, passphrase: str = PASSPHRASE, operator_id: str | None = None):
    """From a showing unlock dialog to an open main window with its first snapshot."""
    dialog = controller.unlock_dialog
    if operator_id is not None:
        dialog.operator.setCurrentIndex(dialog.operator.findData(operator_id))
    dialog.secret.setText(passphrase)
    dialog.submit()
    qtbot.waitUntil(lambda: controller.session.is_open, timeout=15_000)
    qtbot.waitUntil(lambda: controller.session.snapshot is not None, timeout=15_000)
    settle(qtbot, controller)
    return controller.window


def open_area(qtbot, controller, window, key: str):
    """Open an area of the rail, as a person would, and wait for what it reads: a hidden
    area reads its data only when it is shown (ui/views/follow.py). Returns its view."""
    window.navigate(window._area_index(key))
    settle(qtbot, controller)
    return window.views[key]


def find_dialog(qtbot, window, title: str):
    """The visible dialog over `window` with this title (waits for it to appear)."""
    from PySide6.QtWidgets import QDialog

    def matching():
        return [d for d in window.findChildren(QDialog)
                if d.isVisible() and d.windowTitle() == title]

    qtbot.waitUntil(lambda: bool(matching()))
    return matching()[0]
