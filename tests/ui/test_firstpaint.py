"""after_next_paint: a second read starts once the first one's rows are painted, exactly
once, and does not wait for a widget that is hidden or has nothing to repaint."""

import shiboken6
from PySide6.QtWidgets import QLabel

from ui.firstpaint import after_next_paint


def test_runs_once_after_the_next_paint(qtbot):
    label = QLabel("roster")
    qtbot.addWidget(label)
    label.show()
    qtbot.waitExposed(label)
    calls = []
    after_next_paint(label, lambda: calls.append(label.text()), fallback_ms=10_000)
    label.setText("roster, 2,000 rows")  # the rows arrive: a repaint follows
    qtbot.waitUntil(lambda: calls == ["roster, 2,000 rows"], timeout=5_000)
    label.update()
    qtbot.wait(50)
    assert calls == ["roster, 2,000 rows"]  # a later paint does not call it again


def test_a_widget_with_nothing_to_repaint_waits_only_for_the_fallback(qtbot):
    label = QLabel("roster")
    qtbot.addWidget(label)
    label.show()
    qtbot.waitExposed(label)
    qtbot.wait(20)
    calls = []
    after_next_paint(label, lambda: calls.append(1), fallback_ms=30)
    qtbot.waitUntil(lambda: calls == [1], timeout=2_000)


def test_a_hidden_widget_does_not_wait(qtbot):
    label = QLabel("roster")
    qtbot.addWidget(label)
    calls = []
    after_next_paint(label, lambda: calls.append(1), fallback_ms=10_000)
    qtbot.waitUntil(lambda: calls == [1], timeout=1_000)


def test_what_waits_for_a_paint_is_counted_until_it_runs_or_its_widget_goes(qtbot):
    from ui.firstpaint import nothing_waiting

    label = QLabel("timeline")
    label.show()
    qtbot.waitExposed(label)
    calls = []
    after_next_paint(label, lambda: calls.append(1), fallback_ms=10_000)
    assert not nothing_waiting()  # settle() waits for it: a read is about to start
    label.update()
    qtbot.waitUntil(lambda: calls == [1], timeout=5_000)
    assert nothing_waiting()
    after_next_paint(label, lambda: calls.append(2), fallback_ms=100)
    shiboken6.delete(label)  # gone before it painted again: not waited for past the fallback
    qtbot.waitUntil(nothing_waiting, timeout=2_000)
    assert calls == [1]
