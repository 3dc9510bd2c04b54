"""kill -9 during imports, exports and approvals (issue 10): after each kill the vault
reopens sound (pages, audit chain, decision log), every acknowledged unit is there, and
nothing is half-written — an approval is there with its promises and audit entry or not at
all, a roster import has every row or none, an export or import folder holds finished files
only, and the next import removes a killed import's staging folder.

The child is tests/fixtures/fault_child.py; the harness and the soak's tally are in
tests/fixtures/faults.py. The suite kills each scenario a few times; `make soak` many more.
"""

import json
import os
import random

import pytest

from commandcenter.reports.archive import container
from commandcenter.reports.archive.export import export_archive
from commandcenter.reports.archive.importer import import_archive
from commandcenter.reports.archive.placement import STAGING_MARK
from commandcenter.reports.json_export import export_json
from commandcenter.services import incidents, journey, operators
from commandcenter.vault import backup as backups
from commandcenter.vault.paths import PARTIAL_RE, VaultPaths
from tests.conftest import FAST_KDF
from tests.fixtures import faults
from tests.fixtures.fault_child import ARCHIVE_PASSPHRASE

pytestmark = [pytest.mark.fault,
              pytest.mark.skipif(os.name != "posix", reason="SIGKILL is POSIX")]

SEED = int.from_bytes(os.urandom(4), "big")
KILLS = 1  # per scenario in the suite; the soak multiplies it (SOAK_RUNS)


@pytest.fixture
def closed_vault(new_vault, vault_paths):
    vault, _ = new_vault
    incidents.create_incident(vault, data=incidents.IncidentInput("INC-1", "Card breach"))
    journey.ensure_defaults(vault)  # an approved line then promises updates to its groups
    operator_id = vault.actor.id
    vault.lock()
    return operator_id


def _kill_loop(scenario, vault_paths, operator_id, check, *, extra="", max_acks=3, seed=SEED):
    rng = random.Random(seed)
    with faults.tally(f"kill -9: {scenario}") as t:
        for run in range(faults.runs(KILLS)):
            killed = faults.run_and_kill(scenario, vault_paths.data_dir, operator_id,
                                         f"R{run}", rng=rng, max_acks=max_acks, extra=extra)
            t.runs, t.faults = t.runs + 1, t.faults + 1
            where = f"{scenario} run {run} (seed {seed})"
            vault = faults.unlock(vault_paths, operator_id)
            try:
                faults.check_sound(vault, where)
                check(vault, killed, t, where)
            finally:
                vault.lock()


def test_kill_during_decision_appends(closed_vault, vault_paths):
    def check(vault, killed, t, where):
        faults.missing(killed.acked, faults.present_decisions(vault), t, where)

    _kill_loop("decision", vault_paths, closed_vault, check, max_acks=6)


def test_kill_during_approval_leaves_all_of_it_or_nothing(closed_vault, vault_paths):
    def check(vault, killed, t, where):
        state = faults.approvals(vault)
        faults.missing(killed.acked, {v for v, s in state.items() if s[0] == "approved"}, t,
                       where)
        for version, (status, sealed, promises) in state.items():
            if status == "approved":  # its audit entry and its two promises, in one commit
                assert (sealed, promises) == (1, 2), f"{where}: {version} half approved"
            else:
                assert (sealed, promises) == (0, 0), f"{where}: {version} half approved"

    _kill_loop("approve", vault_paths, closed_vault, check)


def test_kill_during_roster_import_leaves_every_row_or_none(closed_vault, vault_paths):
    def check(vault, killed, t, where):
        batches = faults.roster_batches(vault)
        faults.missing(killed.acked, set(batches), t, where)
        assert set(batches.values()) <= {40}, f"{where}: a half-imported roster {batches}"

    _kill_loop("roster-import", vault_paths, closed_vault, check)


def test_kill_during_handover_leaves_it_signed_by_both_or_not_at_all(closed_vault,
                                                                     vault_paths):
    """Each unit builds and signs a handover: the row and both signatures (outgoing and
    incoming, each sealed in the chain) are one commit; numbers stay gapless."""
    vault = faults.unlock(vault_paths, closed_vault)
    try:
        incoming = operators.add_operator(vault, name="Marcus Approver", role="approver",
                                          passphrase="incoming pass 1")
    finally:
        vault.lock()

    def check(vault, killed, t, where):
        signed = faults.handovers(vault)
        faults.missing(killed.acked, set(signed), t, where)
        assert {seals for seals, _n in signed.values()} <= {2}, f"{where}: half signed"
        numbers = sorted(n for _s, n in signed.values())
        assert numbers == list(range(1, len(numbers) + 1)), f"{where}: gap {numbers}"

    _kill_loop("handover", vault_paths, closed_vault, check,
               extra=f"{incoming.id}|incoming pass 1")


def _only(folder, name, where):
    """The export folder holds the finished file (or nothing): no partial, no temp file."""
    left = faults.files_in(folder)
    assert left <= {name}, f"{where}: left behind {sorted(left - {name})}"
    return (folder / name) if left else None


@pytest.mark.parametrize("o_tmpfile", [True, False], ids=["o_tmpfile", "hidden-name"])
def test_kill_during_json_export_leaves_no_partial_plaintext(closed_vault, vault_paths,
                                                            tmp_path, o_tmpfile):
    out = tmp_path / "exports"
    out.mkdir()

    def check(vault, killed, t, where):
        nonlocal stale_seen
        if {p for p in faults.files_in(out) if PARTIAL_RE.match(p)}:
            # The fallback's hidden name, left by the kill: the next export removes it.
            stale_seen += 1
            export_json(vault, out / "all.json")
        done = _only(out, "all.json", where)
        if killed.acked:
            assert done is not None, f"{where}: acknowledged export missing"
        if done is not None:
            assert json.loads(done.read_bytes())["format"], where

    stale_seen = 0
    if not o_tmpfile:
        os.environ["CCC_NO_O_TMPFILE"] = "1"
    try:
        _kill_loop("export-json", vault_paths, closed_vault, check, extra=str(out))
    finally:
        os.environ.pop("CCC_NO_O_TMPFILE", None)
    print(f"export-json ({'O_TMPFILE' if o_tmpfile else 'hidden name'}): "
          f"{stale_seen} kill(s) left a hidden partial file, removed by the next export")


def test_kill_during_archive_export_leaves_a_whole_archive_or_none(closed_vault, vault_paths,
                                                                   tmp_path):
    out = tmp_path / "exports"
    out.mkdir()

    def check(vault, killed, t, where):
        done = _only(out, "vault.ccca", where)
        if killed.acked:
            assert done is not None, f"{where}: acknowledged archive missing"
        if done is not None:
            container.authenticate(container.open_archive(done, ARCHIVE_PASSPHRASE))

    _kill_loop("export-archive", vault_paths, closed_vault, check, extra=str(out))


def test_kill_during_backup_leaves_no_file_that_passes_for_a_backup(closed_vault,
                                                                   vault_paths):
    def check(vault, killed, t, where):
        folder = vault_paths.backups_dir
        faults.missing(killed.acked, {str(folder / n) for n in faults.files_in(folder)}, t,
                       where)
        for name in faults.files_in(folder):
            if name.endswith(".db"):  # a real name: a whole, verified backup
                backups.verify_backup(folder / name, vault.data_key, vault_id=vault.vault_id)
                assert (folder / (name + ".keys")).is_file(), f"{where}: {name} has no keys"
            else:  # a sidecar, or what the export was building (with SQLite's journal)
                assert name.endswith((".db.keys", backups.PARTIAL_SUFFIX,
                                      backups.PARTIAL_SUFFIX + "-journal")), f"{where}: {name}"

    _kill_loop("backup", vault_paths, closed_vault, check)


def test_a_killed_backups_partial_files_go_once_stale(vault, vault_paths):
    import time

    folder = vault_paths.backups_dir
    left = [folder / "vault-1-manual.db.partial", folder / "vault-1-manual.db.partial-journal"]
    for p in left:
        p.write_bytes(b"left by a killed backup")
    fresh = folder / "vault-2-manual.db.partial"
    fresh.write_bytes(b"being written")
    old = time.time() - backups.STALE_PARTIAL_AFTER - 60
    for p in left:
        os.utime(p, (old, old))
    made = backups.backup(vault).path
    assert faults.files_in(folder) == {fresh.name, os.path.basename(made),
                                       os.path.basename(made) + ".keys"}


def test_kill_during_archive_import_and_the_next_import_cleans_up(closed_vault, vault_paths,
                                                                  tmp_path):
    vault = faults.unlock(vault_paths, closed_vault)
    archive = tmp_path / "source.ccca"
    export_archive(vault, archive, ARCHIVE_PASSPHRASE, kdf=FAST_KDF)
    vault.lock()
    folder = tmp_path / "imports"
    folder.mkdir()
    staged = 0

    def check(_vault, killed, t, where):
        nonlocal staged
        names = faults.files_in(folder)
        stale = {n for n in names if STAGING_MARK in n}
        staged += bool(stale)
        for name in names - stale:  # a vault under its real name is whole
            imported = faults.unlock(VaultPaths.at(folder / name), closed_vault,
                                     "imported passphrase")
            try:
                faults.check_sound(imported, f"{where}: {name}")
            finally:
                imported.lock()
        faults.missing(killed.acked, names - stale, t, where)
        # The next import (here: in this process) removes what the killed one left.
        import_archive(archive, ARCHIVE_PASSPHRASE, folder / f"after-{len(names)}",
                       new_passphrase="imported passphrase", kdf=FAST_KDF)
        assert not {n for n in faults.files_in(folder) if STAGING_MARK in n}, where

    _kill_loop("import-archive", vault_paths, closed_vault, check,
               extra=f"{archive}|{folder}", max_acks=1)
    print(f"{faults.runs(KILLS)} kills during import, {staged} left a staging folder")


def test_a_partial_file_is_removed_only_when_no_writer_holds_it(tmp_path, monkeypatch):
    """The fallback road in one process: a hidden partial that a live writer holds stays;
    once the writer is gone it is removed by the next write to the folder."""
    from commandcenter.vault import paths

    monkeypatch.setattr(paths, "USE_O_TMPFILE", False)
    with paths.atomic_file(tmp_path / "a.csv") as fh:
        fh.write(b"half")
        (partial,) = [p for p in tmp_path.iterdir() if PARTIAL_RE.match(p.name)]
        assert paths.remove_stale_partials(tmp_path) == []  # its writer holds it
        assert partial.exists()
    assert faults.files_in(tmp_path) == {"a.csv"}
    stale = tmp_path / ".b.csv.ccc-0123456789ab.part"
    stale.write_bytes(b"left by a killed export")
    paths.atomic_write_bytes(tmp_path / "c.csv", b"next export")
    assert faults.files_in(tmp_path) == {"a.csv", "c.csv"}
