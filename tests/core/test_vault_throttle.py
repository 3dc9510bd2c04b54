"""Repeated wrong passphrases are slowed down (vault.throttle): three free tries, then a wait
that doubles; the right passphrase clears the count; the count survives a restart; a clock
set back never locks anyone out for longer than the longest wait."""

import time

import pytest

from commandcenter.services import operators
from commandcenter.vault import lifecycle, throttle
from commandcenter.vault.errors import TooManyAttempts, WrongPassphrase
from tests.conftest import PASSPHRASE


class Clock:
    def __init__(self):
        self.now = 2_000_000_000.0

    def __call__(self):
        return self.now


@pytest.fixture
def clock(monkeypatch):
    fake = Clock()
    monkeypatch.setattr(throttle.time, "time", fake)
    return fake


@pytest.fixture
def closed(new_vault, vault_paths):
    vault, code = new_vault
    other = operators.add_operator(vault, name="Eve Editor", role="editor",
                                   passphrase="eve pass 12")
    ids = {"lead": vault.actor.id, "eve": other.id, "code": code}
    vault.lock()
    return ids


def _try(paths, operator_id, passphrase):
    lifecycle.unlock_with_passphrase(paths, operator_id=operator_id,
                                     passphrase=passphrase).lock()


def test_three_free_tries_then_a_doubling_wait(closed, vault_paths, clock):
    for _ in range(throttle.FREE_ATTEMPTS):
        with pytest.raises(WrongPassphrase):
            _try(vault_paths, closed["lead"], "wrong passphrase")
    started = time.perf_counter()
    with pytest.raises(TooManyAttempts, match=r"wait 5 s") as refused:
        _try(vault_paths, closed["lead"], PASSPHRASE)  # even the right one waits
    assert refused.value.seconds == throttle.FIRST_WAIT
    assert time.perf_counter() - started < 0.2  # refused before any key derivation
    clock.now += throttle.FIRST_WAIT
    with pytest.raises(WrongPassphrase):
        _try(vault_paths, closed["lead"], "wrong again")
    with pytest.raises(TooManyAttempts, match=r"wait 10 s"):
        _try(vault_paths, closed["lead"], PASSPHRASE)
    clock.now += 10
    _try(vault_paths, closed["lead"], PASSPHRASE)  # the right one, after the wait
    for _ in range(throttle.FREE_ATTEMPTS):  # and the count started again
        with pytest.raises(WrongPassphrase):
            _try(vault_paths, closed["lead"], "wrong passphrase")


def test_the_count_is_per_operator_and_survives_a_restart(closed, vault_paths, clock):
    for _ in range(throttle.FREE_ATTEMPTS + 1):
        with pytest.raises((WrongPassphrase, TooManyAttempts)):
            _try(vault_paths, closed["lead"], "wrong passphrase")
    _try(vault_paths, closed["eve"], "eve pass 12")  # Eve is not held up by Dana's count
    stored = (vault_paths.data_dir / throttle.FILE_NAME).read_text()
    assert closed["lead"] in stored and PASSPHRASE not in stored
    # A new process reads the same file: still waiting.
    with pytest.raises(TooManyAttempts):
        _try(vault_paths, closed["lead"], PASSPHRASE)


def test_the_recovery_code_has_its_own_count(closed, vault_paths, clock):
    for _ in range(throttle.FREE_ATTEMPTS):
        with pytest.raises(WrongPassphrase, match="recovery code"):
            lifecycle.unlock_with_recovery_code(vault_paths, operator_id=closed["eve"],
                                                recovery_code="AAAAA-AAAAA-AAAAA-AAAAA-AAAAA-AAAAA")
    with pytest.raises(TooManyAttempts, match="recovery code"):
        lifecycle.unlock_with_recovery_code(vault_paths, operator_id=closed["lead"],
                                            recovery_code=closed["code"])
    _try(vault_paths, closed["lead"], PASSPHRASE)  # passphrases are not held up
    clock.now += throttle.FIRST_WAIT
    lifecycle.unlock_with_recovery_code(vault_paths, operator_id=closed["lead"],
                                        recovery_code=closed["code"]).lock()


def test_a_clock_set_back_never_locks_anyone_out(closed, vault_paths, clock):
    for _ in range(throttle.FREE_ATTEMPTS + 3):
        with pytest.raises((WrongPassphrase, TooManyAttempts)):
            _try(vault_paths, closed["lead"], "wrong passphrase")
        clock.now += throttle.MAX_WAIT
    clock.now -= 10 * 24 * 3600  # the laptop's clock jumps ten days back
    with pytest.raises(TooManyAttempts) as refused:  # a wait, but never a longer one
        _try(vault_paths, closed["lead"], PASSPHRASE)
    assert refused.value.seconds <= throttle.MAX_WAIT
    clock.now += throttle.MAX_WAIT
    _try(vault_paths, closed["lead"], PASSPHRASE)


def test_an_unreadable_count_never_refuses_the_right_passphrase(closed, vault_paths, clock):
    (vault_paths.data_dir / throttle.FILE_NAME).write_text("{not json")
    _try(vault_paths, closed["lead"], PASSPHRASE)


def test_waits_double_up_to_the_cap():
    waits = [throttle.wait_for(n) for n in range(12)]
    assert waits[:throttle.FREE_ATTEMPTS] == [0] * throttle.FREE_ATTEMPTS
    assert waits[3:7] == [5, 10, 20, 40] and max(waits) == throttle.MAX_WAIT
