"""The idle watcher hears input on every top-level window — the main window and a dialog
opened later — and nothing but input (ui/autolock.py)."""

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialog, QLineEdit, QMainWindow

from tests.ui.conftest import FakeClock
from ui.autolock import IdleWatcher


def test_input_on_any_window_counts_and_other_events_do_not(qtbot):
    clock = FakeClock()
    main = QMainWindow()
    qtbot.addWidget(main)
    main.show()
    watcher = IdleWatcher(clock=clock, timeout_s=60, interval_ms=20)
    watcher.start()
    try:
        clock.advance(30)
        main.resize(500, 400)
        main.repaint()  # paint and resize are not activity
        assert watcher.idle_seconds() == 30
        QTest.keyClick(main.windowHandle(), Qt.Key.Key_Shift)
        assert watcher.idle_seconds() == 0

        dialog = QDialog()  # a window made after the watcher started
        qtbot.addWidget(dialog)
        QLineEdit(dialog)
        dialog.show()
        qtbot.waitUntil(lambda: dialog.windowHandle() is not None)
        qtbot.wait(50)  # the check timer picks up windows that never took the focus
        clock.advance(45)
        QTest.keyClick(dialog.windowHandle(), Qt.Key.Key_A)  # typing in the dialog
        assert watcher.idle_seconds() == 0
    finally:
        watcher.stop()
    clock.advance(100)
    QTest.keyClick(main.windowHandle(), Qt.Key.Key_Shift)  # stopped: not listening
    assert watcher.idle_seconds() == 100
