"""The Runner: results and errors arrive on the GUI thread, progress too; a locked session's
pending jobs are dropped; foreign error messages never reach the user."""

import threading

import pytest

from commandcenter.vault.errors import WrongPassphrase
from ui.workers import Runner, user_message


@pytest.fixture
def runner(qtbot):
    r = Runner()
    yield r
    r.shutdown()


def test_result_and_progress_arrive_on_the_gui_thread(qtbot, runner):
    gui = threading.get_ident()
    seen = {}

    def work(progress):
        seen["worker"] = threading.get_ident()
        for i in range(1, 4):
            progress(i, 3)
        return 42

    steps = []
    runner.run(work, on_done=lambda v: seen.update(value=v, done_on=threading.get_ident()),
               on_progress=lambda d, t: steps.append((d, t, threading.get_ident() == gui)))
    assert not runner.idle
    assert runner.wait(5_000)
    assert seen["value"] == 42 and seen["done_on"] == gui and seen["worker"] != gui
    assert steps == [(1, 3, True), (2, 3, True), (3, 3, True)]


def test_errors_go_to_on_error(qtbot, runner):
    errors = []
    runner.run(lambda: (_ for _ in ()).throw(WrongPassphrase()), on_error=errors.append)
    runner.wait(5_000)
    assert isinstance(errors[0], WrongPassphrase)


def test_foreign_errors_are_named_by_type_only():
    assert user_message(WrongPassphrase()) == "Wrong passphrase. Check it and try again."
    text = user_message(RuntimeError("SELECT secret FROM vault WHERE x='Dana'"))
    assert "SELECT" not in text and "RuntimeError" in text


def test_discarded_jobs_never_deliver(qtbot, runner):
    gate = threading.Event()
    delivered = []
    runner.run(lambda: gate.wait(5), on_done=delivered.append, label="in flight")
    runner.run(lambda: "queued", on_done=delivered.append, label="queued")
    runner.discard_pending()
    assert runner.pending_labels() == ["in flight"]  # the queued one is gone already
    gate.set()
    assert runner.wait(5_000)
    assert delivered == [] and runner.idle


def test_progress_requires_a_progress_parameter(runner):
    with pytest.raises(TypeError):
        runner.run(lambda: None, on_progress=lambda d, t: None)
