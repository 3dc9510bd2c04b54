"""A second instance on the same vault (issue 10): while one app holds the vault (here a
child process that took the app lock, as ui.app.claim_vault does, and commits in a loop), a
second app is refused with a message naming the first, and so are a key rotation and a
restore (they would swap the file under it); reading alongside is safe (SQLite WAL). The
first keeps working; when it dies, even by kill -9, its lock goes with it."""

import os

import pytest

from commandcenter.services import incidents
from commandcenter.vault import instance, rekey, restore
from commandcenter.vault import backup as backups
from tests.conftest import PASSPHRASE
from tests.fixtures import faults
from tests.fixtures.vaulttools import acks, kill_child, read_line, start_child

pytestmark = [pytest.mark.fault,
              pytest.mark.skipif(os.name != "posix", reason="SIGKILL is POSIX")]


@pytest.fixture
def closed_vault(new_vault):
    vault, _ = new_vault
    operator_id = vault.actor.id
    backups.backup(vault, reason="before")
    vault.lock()
    return operator_id


def _start_app(vault_paths, operator_id, tag):
    proc = start_child("fault_child.py", "incident", str(vault_paths.data_dir), operator_id,
                       tag, stdin_text=PASSPHRASE, env={"CCC_FAULT_HOLD": "1"})
    assert read_line(proc) == "ready"
    return proc


def test_a_second_app_is_refused_and_the_first_keeps_working(closed_vault, vault_paths):
    with faults.tally("second instance") as t:
        for run in range(faults.runs(1)):
            first = _start_app(vault_paths, closed_vault, f"A{run}")
            lines = [read_line(first) for _ in range(2)]
            with pytest.raises(instance.VaultInUse, match=f"already open on this vault in "
                               f"another window \\(process {first.pid} on "):
                instance.hold(vault_paths.data_dir)
            t.runs, t.faults = t.runs + 1, t.faults + 1
            assert not instance.holds(vault_paths.data_dir)

            vault = faults.unlock(vault_paths, closed_vault)  # a CLI command beside the app
            try:
                faults.check_sound(vault, f"run {run}, while the app writes")
                with pytest.raises(instance.VaultInUse):
                    rekey.rekey(vault)
                with pytest.raises(instance.VaultInUse):
                    restore.restore(vault, backups.last_backup(vault).path)
            finally:
                vault.lock()
            lines += [read_line(first) for _ in range(2)]  # the first app keeps committing
            lines += kill_child(first)

            instance.hold(vault_paths.data_dir)  # the killed app's lock went with it
            try:
                vault = faults.unlock(vault_paths, closed_vault)
                try:
                    faults.check_sound(vault, f"run {run}")
                    names = {i.code for i in incidents.list_incidents(vault)}
                    faults.missing(acks(lines), names, t, f"run {run}")
                    rekey.rekey(vault)  # the holder itself may rotate the key
                finally:
                    vault.lock()
            finally:
                instance.release(vault_paths.data_dir)


def test_the_lock_is_per_folder_and_released(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    instance.hold(a)
    try:
        instance.hold(a)  # again in the same process: a no-op
        instance.hold(b)
        assert instance.holds(a) and instance.holds(b)
        with instance.exclusive(a):
            assert instance.holds(a)
    finally:
        instance.release(a)
        instance.release(b)
    assert not instance.holds(a)
    with instance.exclusive(a):
        assert instance.holds(a)
    assert not instance.holds(a)
    assert (a / instance.LOCK_NAME).stat().st_mode & 0o077 == 0
