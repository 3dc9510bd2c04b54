"""When the cycle collector runs (ui/gc_policy.py): rarely on its own, fully when the
user is idle and nothing runs, and at once when the vault locks."""

import gc

from ui import gc_policy


class FakeIdle:
    def __init__(self):
        self.last_activity, self.idle_for = 0.0, 0.0

    def idle_seconds(self) -> float:
        return self.idle_for


class FakeRunner:
    idle = True


def test_tune_makes_full_collections_rarer_and_middle_ones_small():
    before = gc.get_threshold()  # (an app made earlier in this process may have tuned it)
    try:
        gc.set_threshold(2000, 10, 10)  # Python's defaults
        gc_policy.tune()
        assert gc.get_threshold() == (gc_policy.YOUNG, gc_policy.MIDDLE_EVERY,
                                      gc_policy.OLD_EVERY)
        assert gc_policy.OLD_EVERY > 10  # full collections: rarer than Python's default
        # A middle collection covers at most ~25,000 allocations (20,000 × 10 made them
        # 30–86 ms long on a war-room vault, the window waiting meanwhile).
        assert gc_policy.YOUNG * gc_policy.MIDDLE_EVERY <= 25_000
    finally:
        gc.set_threshold(*before)


def test_collects_once_per_idle_spell_and_never_while_busy(qtbot, monkeypatch):
    reasons = []
    monkeypatch.setattr(gc_policy, "collect", reasons.append)
    idle, runner = FakeIdle(), FakeRunner()
    collector = gc_policy.IdleCollector(idle, runner)
    collector.check()
    assert reasons == []  # someone is typing
    idle.idle_for = gc_policy.IDLE_S + 1
    runner.idle = False
    collector.check()
    assert reasons == []  # a job is running
    runner.idle = True
    collector.check()
    collector.check()
    assert reasons == ["idle"]  # once for this idle spell
    idle.last_activity = 5.0  # used again, then idle again
    collector.check()
    assert reasons == ["idle", "idle"]


def test_locking_collects(qtbot, controller, existing_vault, monkeypatch):
    from tests.ui.conftest import start_unlock, unlock

    start_unlock(qtbot, controller)
    unlock(qtbot, controller)
    reasons = []
    monkeypatch.setattr(gc_policy, "collect", reasons.append)
    controller.lock()
    assert reasons == ["locked"]
