"""When the cycle collector runs (ui/gc_policy.py): rarely on its own, fully when the
user is idle and nothing runs, and at once when the vault locks."""

import gc
import platform
import sys

import pytest
from PySide6.QtCore import QObject, Signal

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


# --- giving freed memory back (ui/heap.py) -----------------------------------------------------

needs_malloc_trim = pytest.mark.skipif(
    not sys.platform.startswith("linux") or platform.libc_ver()[0] != "glibc",
    reason="malloc_trim is glibc's")


def _rss_anon_kib() -> int:
    for line in open("/proc/self/status"):
        if line.startswith("RssAnon:"):
            return int(line.split()[1])
    raise AssertionError("no RssAnon in /proc/self/status")


@needs_malloc_trim
def test_freed_heap_pages_go_back_to_the_system():
    from ui import heap

    heap.release_freed()
    # 40 MB of 4 KB blocks (glibc's heap, not mmap), then one live block above them, so
    # glibc's own trimming from the heap's top cannot give any of it back.
    blocks = [bytes(4096) for _ in range(10_000)]
    keep = bytes(4096)
    before = _rss_anon_kib()
    del blocks
    assert heap.release_freed() is True
    assert before - _rss_anon_kib() > 20_000, "fewer than 20 of the 40 MB freed went back"
    del keep


def test_a_full_collection_also_gives_freed_memory_back(monkeypatch):
    from ui import heap

    trims = []
    monkeypatch.setattr(heap, "release_freed", lambda: trims.append(1))
    gc_policy.collect("test")
    assert trims == [1]


class FakeBusyRunner(QObject):
    busy_changed = Signal(bool)


def test_trims_once_a_moment_after_the_last_job_and_not_while_jobs_run(qtbot):
    trims = []

    class Counting(gc_policy.HeapTrimmer):  # (a controller of an earlier test may trim too)
        def _trim(self):
            trims.append(1)

    runner = FakeBusyRunner()
    trimmer = Counting(runner)
    runner.busy_changed.emit(True)
    runner.busy_changed.emit(False)
    runner.busy_changed.emit(True)  # the next job started at once: not yet
    qtbot.wait(gc_policy.TRIM_AFTER_MS * 2)
    assert trims == []
    runner.busy_changed.emit(False)
    qtbot.waitUntil(lambda: trims == [1], timeout=2_000)
    qtbot.wait(gc_policy.TRIM_AFTER_MS * 2)
    assert trims == [1]  # once per drain
    assert trimmer is not None


def test_an_idle_spell_releases_what_it_is_given_before_collecting(monkeypatch):
    order = []
    monkeypatch.setattr(gc_policy, "collect", lambda reason: order.append(reason))
    idle, runner = FakeIdle(), FakeRunner()
    collector = gc_policy.IdleCollector(idle, runner, release=lambda: order.append("pages"))
    collector.check()
    assert order == []  # someone is typing: their searches keep a warm cache
    idle.idle_for = gc_policy.IDLE_S + 1
    collector.check()
    collector.check()
    assert order == ["pages", "idle"]  # once per idle spell, the pages first


def test_an_idle_app_holds_no_page_cache(qtbot, controller, existing_vault, monkeypatch):
    """The controller hands the open vault's release to its idle collector."""
    from tests.ui.conftest import start_unlock, unlock

    released = []
    start_unlock(qtbot, controller)
    unlock(qtbot, controller)
    vault = controller.session.vault
    monkeypatch.setattr(vault, "release_memory", lambda: released.append(vault))
    controller._release_pages()
    assert released == [vault]
    controller.lock()
    controller._release_pages()  # locked: nothing to release, nothing raised
    assert released == [vault]


@needs_malloc_trim
def test_released_page_caches_go_back_to_the_system(vault):
    """A read fills the pooled connection's page cache (16 MiB of decrypted pages); once
    released (as an idle spell does), the trimmed heap is that much smaller, and the vault
    still reads."""
    from sqlalchemy import text

    from ui import heap

    with vault.write() as session:
        session.connection().exec_driver_sql("CREATE TABLE scratch (b BLOB)")
        session.connection().exec_driver_sql(
            "INSERT INTO scratch (b) SELECT randomblob(3500) FROM "
            "(WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 5000) "
            "SELECT i FROM n)")
    vault.engine.dispose()  # a cold cache, then one connection reads 17 MB of pages
    with vault.read() as session:
        assert session.execute(text("SELECT sum(length(b)) FROM scratch")).scalar_one() > 0
    heap.release_freed()
    filled = _rss_anon_kib()
    vault.release_memory()
    heap.release_freed()
    assert filled - _rss_anon_kib() > 8_000, "under 8 of the cache's 16 MiB went back"
    with vault.read() as session:  # the next read decrypts again
        assert session.execute(text("SELECT count(*) FROM scratch")).scalar_one() == 5000


def test_releasing_a_locked_vaults_pages_does_nothing(vault):
    vault.lock()
    vault.release_memory()
