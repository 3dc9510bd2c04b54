"""A full disk (issue 10), simulated with RLIMIT_FSIZE in the child (SIGXFSZ ignored, so a
write past the limit gets EFBIG as from a full disk): decision appends, talking-point saves,
exports and backups stop with one clear line, and after reopening every earlier commit is
there, the vault checks sound, and no partial backup or export is left that could pass for
a good one."""

import os

import pytest

from commandcenter.services import incidents
from commandcenter.vault import backup as backups
from commandcenter.vault.errors import DiskFull
from tests.conftest import PASSPHRASE
from tests.fixtures import faults
from tests.fixtures.vaulttools import acks, close_child, start_child

pytestmark = [pytest.mark.fault,
              pytest.mark.skipif(os.name != "posix", reason="RLIMIT_FSIZE is POSIX")]

MESSAGE = str(DiskFull())


@pytest.fixture
def closed_vault(new_vault):
    vault, _ = new_vault
    incidents.create_incident(vault, data=incidents.IncidentInput("INC-1", "Card breach"))
    operator_id = vault.actor.id
    vault.lock()
    return operator_id


def _fill(scenario, vault_paths, operator_id, headroom, tag, extra=""):
    """Run the scenario until the disk is "full"; returns (acked, the error line)."""
    proc = start_child("fault_child.py", scenario, str(vault_paths.data_dir), operator_id, tag,
                       str(headroom), stdin_text=PASSPHRASE, env={"CCC_FAULT_EXTRA": extra})
    out = proc.stdout.read()  # until the child exits (stderr holds a line or two at most)
    err = proc.stderr.read()
    proc.wait(60)
    close_child(proc)
    lines = out.splitlines()
    assert proc.returncode == 3, f"{scenario}: no write was refused ({proc.returncode}) {err}"
    errors = [line[len("error "):] for line in lines if line.startswith("error ")]
    assert lines[0] == "ready" and len(errors) == 1, lines
    return acks(lines), errors[0]


@pytest.mark.parametrize("scenario,present,headroom", [
    ("decision", faults.present_decisions, 160_000),
    ("talking-point", faults.present_lines, 160_000),
])
def test_a_full_disk_stops_writes_with_one_line_and_keeps_every_commit(
        closed_vault, vault_paths, scenario, present, headroom):
    with faults.tally(f"full disk: {scenario}") as t:
        for run in range(faults.runs(1)):
            acked, message = _fill(scenario, vault_paths, closed_vault, headroom, f"F{run}")
            t.runs, t.faults = t.runs + 1, t.faults + 1
            assert message == MESSAGE
            assert acked, f"{scenario}: the limit left no room for a single commit"
            vault = faults.unlock(vault_paths, closed_vault)  # the disk has room again
            try:
                where = f"{scenario} run {run}"
                faults.check_sound(vault, where)
                faults.missing(acked, present(vault), t, where)
            finally:
                vault.lock()


def test_a_full_disk_during_backup_leaves_no_backup_file(closed_vault, vault_paths):
    with faults.tally("full disk: backup") as t:
        for run in range(faults.runs(1)):
            vault = faults.unlock(vault_paths, closed_vault)
            size = vault_paths.db.stat().st_size
            vault.lock()
            # Room for the vault's own journal, not for a whole copy of it.
            acked, message = _fill("backup", vault_paths, closed_vault, -size // 3, f"B{run}")
            t.runs, t.faults = t.runs + 1, t.faults + 1
            assert acked == set()
            assert message == str(DiskFull("the backup"))
            assert faults.files_in(vault_paths.backups_dir) == set(), "a partial backup is left"
            vault = faults.unlock(vault_paths, closed_vault)
            try:
                faults.check_sound(vault, f"backup run {run}")
                assert faults.audit_count(vault, "vault.backup") == 0
                assert backups.last_backup(vault) is None
            finally:
                vault.lock()


@pytest.mark.parametrize("scenario,name", [("export-json", "all.json"),
                                           ("export-archive", "vault.ccca")])
def test_a_full_disk_during_export_leaves_no_file(closed_vault, vault_paths, tmp_path,
                                                  scenario, name):
    out = tmp_path / "exports"
    out.mkdir()
    with faults.tally(f"full disk: {scenario}") as t:
        for run in range(faults.runs(1)):
            # Less room than one export needs: the file, or its audit entry, is refused.
            acked, message = _fill(scenario, vault_paths, closed_vault, "=8192", f"E{run}",
                                   extra=str(out))
            t.runs, t.faults = t.runs + 1, t.faults + 1
            assert message in (str(DiskFull("the file")), MESSAGE), message
            assert acked == set() and faults.files_in(out) == set(), "a partial export is left"
            vault = faults.unlock(vault_paths, closed_vault)
            try:
                faults.check_sound(vault, f"{scenario} run {run}")
                assert faults.audit_count(vault, "vault.exported") == len(acked)
            finally:
                vault.lock()


def test_the_disk_message_is_one_line_the_app_shows_as_is():
    from commandcenter.vault.errors import VaultError

    for what in ("this change", "the backup", "the file"):
        error = DiskFull(what)
        assert isinstance(error, VaultError)  # ui.workers.user_message shows its text as is
        assert "\n" not in str(error) and "disk" in str(error) and "safe" in str(error)
