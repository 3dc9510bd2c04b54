"""Unlocking: a wrong passphrase or key is refused quickly, clearly, and changes no file;
changing a passphrase does not re-encrypt; a revoked operator's old key file opens nothing.

About `-shm`: it is SQLite's shared-memory WAL index, rebuilt by any reader (even read-only)
from the WAL. It holds page numbers and checksums, never content, so it is not compared;
the database and the WAL — which hold the data — must stay byte-identical.
"""

import secrets
import shutil
import time

import pytest

from commandcenter.services import incidents, operators
from commandcenter.vault import crypto, lifecycle, slots
from commandcenter.vault import engine as vault_engine
from commandcenter.vault.errors import (
    KeyFileMismatch, UnknownOperator, VaultError, WrongPassphrase,
)
from commandcenter.vault.keyfile import KeyFile
from commandcenter.vault.paths import VaultPaths
from tests.conftest import FAST_KDF, PASSPHRASE
from tests.fixtures.vaulttools import sha256, table_rows, vault_rows


def _add_incidents(vault, n: int, prefix: str = "INC") -> None:
    for i in range(n):
        incidents.create_incident(vault, data=incidents.IncidentInput(
            f"{prefix}-{i:03d}", f"Incident {i}", "Summary " * 200))


def _copy_open_vault(src: VaultPaths, dest: VaultPaths) -> None:
    """Copy the files of an open vault between commits: what a crash would leave, with the
    latest pages still in the WAL."""
    dest.data_dir.mkdir(parents=True)
    for f in (src.db, src.wal, src.shm, src.keyfile):
        shutil.copy2(f, dest.data_dir / f.name)


def _hashes(paths: VaultPaths) -> dict:
    return {"db": sha256(paths.db), "wal": sha256(paths.wal)}


@pytest.mark.slow
def test_wrong_passphrase_fast_clear_and_changes_no_file(tmp_path):
    params = crypto.calibrate_kdf()  # the design's cost: ~0.5 s on this machine
    src = VaultPaths.at(tmp_path / "live")
    vault, _ = lifecycle.create_vault(src, operator_name="Dana", passphrase=PASSPHRASE,
                                      kdf=params)
    try:
        _add_incidents(vault, 20)
        rows = vault_rows(vault)
        copy = VaultPaths.at(tmp_path / "copy")
        _copy_open_vault(src, copy)
        operator_id = vault.actor.id

        for paths in (src, copy):  # the live vault (open here) and one with a hot WAL
            before = _hashes(paths)
            assert before["wal"] is not None and paths.wal.stat().st_size > 0
            start = time.perf_counter()
            with pytest.raises(WrongPassphrase) as err:
                lifecycle.unlock_with_passphrase(paths, operator_id=operator_id,
                                                 passphrase="wrong horse battery")
            elapsed = time.perf_counter() - start
            assert elapsed < 1.0, f"wrong passphrase took {elapsed:.2f} s"
            assert "passphrase" in str(err.value).lower()
            assert _hashes(paths) == before

        reopened = lifecycle.unlock_with_passphrase(copy, operator_id=operator_id,
                                                    passphrase=PASSPHRASE)
        try:
            assert vault_rows(reopened) == rows
        finally:
            reopened.lock()
    finally:
        vault.lock()


def test_wrong_key_reaches_the_file_read_only_and_changes_nothing(new_vault, vault_paths,
                                                                 tmp_path):
    """A key that gets as far as the database (here: another vault's key file put in place)
    is tried read-only: refused with a clear message, database and WAL unchanged."""
    vault, _ = new_vault
    _add_incidents(vault, 10)
    rows = vault_rows(vault)
    copy = VaultPaths.at(tmp_path / "copy")
    _copy_open_vault(vault_paths, copy)
    other, _ = lifecycle.create_vault(VaultPaths.at(tmp_path / "other"), operator_name="Eve",
                                      passphrase=PASSPHRASE, kdf=FAST_KDF)
    other_keyfile, other_op = other.paths.keyfile, other.actor.id
    other.lock()
    own_keyfile = copy.keyfile.read_bytes()
    shutil.copyfile(other_keyfile, copy.keyfile)
    before = _hashes(copy)

    with pytest.raises(KeyFileMismatch) as err:
        lifecycle.unlock_with_passphrase(copy, operator_id=other_op, passphrase=PASSPHRASE)
    assert "key file" in str(err.value).lower()
    with pytest.raises(vault_engine.KeyMismatch):
        vault_engine.probe(copy.db, secrets.token_bytes(32))
    assert _hashes(copy) == before

    copy.keyfile.write_bytes(own_keyfile)
    reopened = lifecycle.unlock_with_passphrase(copy, operator_id=vault.actor.id,
                                                passphrase=PASSPHRASE)
    try:
        assert vault_rows(reopened) == rows
    finally:
        reopened.lock()


def test_change_passphrase_rewraps_without_reencrypting(new_vault, vault_paths):
    vault, _ = new_vault
    _add_incidents(vault, 3)
    operator_id, key_id = vault.actor.id, KeyFile.load(vault_paths.keyfile).key_id
    salt = vault_paths.db.read_bytes()[:16]  # SQLCipher's per-file salt: new on re-encryption
    slots.change_passphrase(vault, old=PASSPHRASE, new="a brand new passphrase")
    with pytest.raises(WrongPassphrase):
        slots.change_passphrase(vault, old="not the passphrase", new="whatever123")
    vault.lock()

    with pytest.raises(WrongPassphrase):
        lifecycle.unlock_with_passphrase(vault_paths, operator_id=operator_id,
                                         passphrase=PASSPHRASE)
    again = lifecycle.unlock_with_passphrase(vault_paths, operator_id=operator_id,
                                             passphrase="a brand new passphrase")
    try:
        assert len(incidents.list_incidents(again)) == 3
    finally:
        again.lock()
    assert KeyFile.load(vault_paths.keyfile).key_id == key_id
    assert vault_paths.db.read_bytes()[:16] == salt


def test_revoked_operator_cannot_open_even_with_an_old_key_file(new_vault, vault_paths):
    vault, _ = new_vault
    editor = operators.add_operator(vault, name="Sam Editor", role="editor",
                                    passphrase="sams passphrase")
    _add_incidents(vault, 3)
    old_keyfile = vault_paths.keyfile.read_bytes()
    old_kf = KeyFile.load(vault_paths.keyfile)
    slot = old_kf.slot_for_operator(editor.id)
    old_key = old_kf.open_sealed(slot, old_kf.unwrap_private(slot, "sams passphrase"),
                                 old_kf.generation)

    operators.revoke_operator(vault, operator_id=editor.id)
    rows = vault_rows(vault)
    lead = vault.actor.id
    vault.lock()
    new_keyfile = vault_paths.keyfile.read_bytes()

    with pytest.raises(UnknownOperator):
        lifecycle.unlock_with_passphrase(vault_paths, operator_id=editor.id,
                                         passphrase="sams passphrase")
    # The revoked operator puts back a copy of the key file from before the revocation:
    # they can unwrap the old data key, but the database was rotated away from it.
    vault_paths.keyfile.write_bytes(old_keyfile)
    with pytest.raises(VaultError):
        lifecycle.unlock_with_passphrase(vault_paths, operator_id=editor.id,
                                         passphrase="sams passphrase")
    with pytest.raises(vault_engine.KeyMismatch):
        vault_engine.probe(vault_paths.db, old_key)

    vault_paths.keyfile.write_bytes(new_keyfile)
    again = lifecycle.unlock_with_passphrase(vault_paths, operator_id=lead,
                                             passphrase=PASSPHRASE)
    try:
        assert table_rows(again.engine) == rows
        assert again.data_key != old_key
    finally:
        again.lock()
