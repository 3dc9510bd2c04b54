"""kill -9 at random moments: every acknowledged commit survives and the vault checks clean;
a key rotation killed at any point leaves a vault that opens with exactly one of its two keys
and has lost no row. The children are tests/fixtures/commit_loop.py and rekey_loop.py."""

import os
import random
import time

import pytest
from sqlmodel import select

from commandcenter.models import AuditEntry
from commandcenter.services import incidents
from commandcenter.vault import crypto, integrity, lifecycle
from commandcenter.vault import engine as vault_engine
from commandcenter.vault.keyfile import KeyFile
from tests.conftest import PASSPHRASE
from tests.fixtures import faults
from tests.fixtures.vaulttools import (acks, close_child, kill_child, read_line, start_child,
                                       vault_rows)

pytestmark = [pytest.mark.slow, pytest.mark.fault,
              pytest.mark.skipif(os.name != "posix", reason="SIGKILL is POSIX")]

COMMIT_RUNS = faults.runs(20)  # `make soak` multiplies these
REKEY_KILL_RUNS = faults.runs(10)
SEED = int.from_bytes(os.urandom(4), "big")


@pytest.fixture
def closed_vault(new_vault, vault_paths):
    vault, _ = new_vault
    for i in range(10):
        incidents.create_incident(vault, data=incidents.IncidentInput(
            f"BASE-{i}", f"Before the crashes {i}", "Details " * 50))
    operator_id = vault.actor.id
    vault.lock()
    return operator_id


_read_line, _kill, _close, _acks = read_line, kill_child, close_child, acks


def _unlock(paths, operator_id):
    return lifecycle.unlock_with_passphrase(paths, operator_id=operator_id,
                                            passphrase=PASSPHRASE)


def _names(vault, mode: str) -> set[str]:
    if mode == "incidents":
        return {inc.code for inc in incidents.list_incidents(vault)}
    with vault.read() as session:
        entries = session.exec(select(AuditEntry).where(AuditEntry.action == "test.commit"))
        return {e.payload.split('"name":"', 1)[1].split('"', 1)[0] for e in entries}


def _identities(rows: dict) -> dict[str, set]:
    """Each table's row identities (first column: the id, or the audit sequence number)."""
    return {table: {r[0] for r in rs} for table, rs in rows.items()}


def test_kill_9_in_a_commit_loop_loses_no_acknowledged_commit(closed_vault, vault_paths):
    operator_id, rng = closed_vault, random.Random(SEED)
    with faults.tally("kill -9 in a commit loop") as t:
        _commit_kills(operator_id, vault_paths, rng, t)


def _commit_kills(operator_id, vault_paths, rng, t) -> None:
    total_acked = 0
    for run in range(COMMIT_RUNS):
        t.runs, t.faults = t.runs + 1, t.faults + 1
        mode = "incidents" if run % 2 == 0 else "audit"
        proc = start_child("commit_loop.py", str(vault_paths.data_dir), operator_id, mode,
                           f"R{run}", stdin_text=PASSPHRASE)
        assert _read_line(proc) == "ready"
        lines = [_read_line(proc) for _ in range(rng.randint(1, 25))]
        time.sleep(rng.uniform(0, 0.02))
        acked = _acks(lines + _kill(proc))
        total_acked += len(acked)

        vault = _unlock(vault_paths, operator_id)
        try:
            present = {n for n in _names(vault, mode) if n.startswith(f"R{run}-")}
            where = f"run {run} ({mode}, seed {SEED})"
            faults.missing(acked, present, t, where)
            assert len(present - acked) <= 1, f"{where}: commits nobody made"
            report = integrity.check(vault)
            assert report.ok, f"{where}: {report.summary()}"
        finally:
            vault.lock()
    assert total_acked >= COMMIT_RUNS


def test_hot_journal_left_by_a_killed_writer_is_rolled_back_on_unlock(closed_vault,
                                                                     vault_paths):
    """A kill inside a rollback-journal transaction leaves a hot journal that a read-only
    open cannot roll back: unlock must finish it, not call the vault damaged."""
    operator_id = closed_vault
    vault = _unlock(vault_paths, operator_id)
    key, before = vault.data_key, vault_rows(vault)
    vault.lock()
    proc = start_child("hot_journal.py", str(vault_paths.db), stdin_text=key.hex())
    proc.wait(60)
    _close(proc)
    journal = vault_paths.db.with_name(vault_paths.db.name + "-journal")
    assert proc.returncode == 0 and journal.stat().st_size > 0

    vault = _unlock(vault_paths, operator_id)
    try:
        assert vault_rows(vault) == before  # the uncommitted change is gone, nothing else
        assert integrity.check(vault).ok
        assert not journal.exists()
    finally:
        vault.lock()


# --- kill -9 during a key rotation -----------------------------------------------------------

def _candidate_keys(paths, operator_id) -> dict[int, bytes]:
    """The data keys the key file holds for this operator: current and, mid-rotation, pending."""
    kf = KeyFile.load(paths.keyfile)
    slot = kf.slot_for_operator(operator_id)
    private = kf.unwrap_private(slot, PASSPHRASE)
    gens = [kf.generation] + ([kf.pending_generation] if kf.pending_generation else [])
    return {gen: kf.open_sealed(slot, private, gen) for gen in gens}


def _opens(path, key) -> bool:
    try:
        vault_engine.probe(path, key)
        return True
    except vault_engine.KeyMismatch:
        return False


def _check_after_crash(paths, operator_id, before: dict, acked: set, where: str) -> int:
    """Unlock works; exactly one of the key file's keys opens the file; nothing lost.
    Returns the generation that opens it."""
    keys = _candidate_keys(paths, operator_id)  # read from the key file as the crash left it
    vault = _unlock(paths, operator_id)  # (rolls back a hot journal the kill may have left)
    try:
        kf = KeyFile.load(paths.keyfile)
        assert kf.pending_generation is None and kf.generation in keys, where
        assert vault.data_key == keys[kf.generation], where
        assert kf.key_id == crypto.key_fingerprint(vault.data_key), where
        assert not paths.rekey_tmp.exists(), where
        after = _identities(vault_rows(vault))
        for table, ids in _identities(before).items():
            assert ids <= after[table], f"{where}: rows lost from {table}"
        assert acked <= _names(vault, "incidents"), f"{where}: acknowledged commit lost"
        report = integrity.check(vault)
        assert report.ok, f"{where}: {report.summary()}"
    finally:
        vault.lock()
    opening = [gen for gen, key in keys.items() if _opens(paths.db, key)]
    assert opening == [kf.generation], f"{where}: keys of generations {opening} open the vault"
    return kf.generation


def _rows_now(paths, operator_id) -> dict:
    vault = _unlock(paths, operator_id)
    try:
        return vault_rows(vault)
    finally:
        vault.lock()


@pytest.mark.parametrize("point,survivor", [
    ("after-pending", "old"), ("after-export", "old"), ("after-swap", "new"),
])
def test_rekey_crash_at_each_step_opens_with_exactly_one_key(closed_vault, vault_paths,
                                                             point, survivor):
    operator_id = closed_vault
    before = _rows_now(vault_paths, operator_id)
    old_gen = KeyFile.load(vault_paths.keyfile).generation
    proc = start_child("rekey_loop.py", str(vault_paths.data_dir), operator_id, "X", point,
                       stdin_text=PASSPHRASE)
    assert _read_line(proc) == "ready"
    out, err = proc.stdout.read(), proc.stderr.read()
    proc.wait(60)
    _close(proc)
    assert proc.returncode == 77, f"rekey did not stop at {point}: {out} {err}"
    assert KeyFile.load(vault_paths.keyfile).pending_generation == old_gen + 1

    gen = _check_after_crash(vault_paths, operator_id, before, set(), point)
    assert gen == (old_gen if survivor == "old" else old_gen + 1)


def test_kill_9_at_random_moments_of_key_rotations(closed_vault, vault_paths):
    operator_id, rng = closed_vault, random.Random(SEED + 1)
    before = _rows_now(vault_paths, operator_id)
    acked: set[str] = set()
    rotations = mid_rotation = 0
    with faults.tally("kill -9 during key rotation") as t:
        for run in range(REKEY_KILL_RUNS):
            proc = start_child("rekey_loop.py", str(vault_paths.data_dir), operator_id,
                               f"K{run}", stdin_text=PASSPHRASE)
            assert _read_line(proc) == "ready"
            # Each "ack" is followed at once by a rotation: kill somewhere inside one of them.
            lines = [_read_line(proc) for _ in range(rng.randint(1, 4))]
            time.sleep(rng.uniform(0, 0.04))
            lines += _kill(proc)
            t.runs, t.faults = t.runs + 1, t.faults + 1
            acked |= _acks(lines)
            rotations += len(_acks(lines, "rekeyed"))
            mid_rotation += KeyFile.load(vault_paths.keyfile).pending_generation is not None
            _check_after_crash(vault_paths, operator_id, before, acked,
                               f"run {run} (seed {SEED + 1})")
            before = _rows_now(vault_paths, operator_id)
    assert rotations > 0, "no rotation completed: the kills never ran during the loop"
    print(f"{REKEY_KILL_RUNS} kills, {mid_rotation} left a rotation half-done, "
          f"{rotations} rotations completed (seed {SEED + 1})")
