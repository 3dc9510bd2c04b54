"""Files 0600, folders 0700, whatever the umask the app was started with (POSIX only)."""

import os
import stat
from pathlib import Path

import pytest

from commandcenter.services import incidents
from commandcenter.vault import backup as vault_backup
from commandcenter.vault import lifecycle
from tests.conftest import FAST_KDF, PASSPHRASE

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX permission bits")


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def loose_umask():
    """Start as a careless shell would (022): the vault must not depend on the caller."""
    old = os.umask(0o022)
    yield
    os.umask(old)


def test_vault_files_0600_and_folders_0700(vault_paths, loose_umask):
    vault, _ = lifecycle.create_vault(vault_paths, operator_name="Dana", passphrase=PASSPHRASE,
                                      kdf=FAST_KDF)
    try:
        incidents.create_incident(vault, data=incidents.IncidentInput("INC-1", "A title"))
        rec = vault_backup.backup(vault)
        out = Path(rec.path)
        elsewhere = vault_backup.backup(vault, vault_paths.data_dir.parent / "usb" / "copy.db")
        files = [vault_paths.db, vault_paths.wal, vault_paths.shm, vault_paths.keyfile, out,
                 out.with_name(out.name + vault_backup.SIDECAR_SUFFIX), Path(elsewhere.path),
                 Path(elsewhere.path + vault_backup.SIDECAR_SUFFIX)]
        folders = [vault_paths.data_dir, vault_paths.backups_dir, vault_paths.logs_dir]
        for f in files:
            assert f.exists(), f
            assert _mode(f) == 0o600, f"{f.name} is {oct(_mode(f))}"
        for d in folders:
            assert _mode(d) == 0o700, f"{d.name}/ is {oct(_mode(d))}"
        # Nothing else in the data folder is readable by others either.
        for p in vault_paths.data_dir.rglob("*"):
            assert _mode(p) & 0o077 == 0, f"{p} is {oct(_mode(p))}"
    finally:
        vault.lock()


def test_unlock_tightens_loosened_files(new_vault, vault_paths, loose_umask):
    """Files someone chmod-ed open (or a copy restored by hand) are made private again."""
    vault, _ = new_vault
    operator_id = vault.actor.id
    vault.lock()
    for f in (vault_paths.db, vault_paths.keyfile):
        os.chmod(f, 0o644)
    again = lifecycle.unlock_with_passphrase(vault_paths, operator_id=operator_id,
                                             passphrase=PASSPHRASE)
    try:
        incidents.create_incident(again, data=incidents.IncidentInput("INC-2", "Title"))
        for f in (vault_paths.db, vault_paths.keyfile, vault_paths.wal, vault_paths.shm):
            assert _mode(f) == 0o600, f"{f.name} is {oct(_mode(f))}"
    finally:
        again.lock()
