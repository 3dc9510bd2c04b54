"""A key file restored from an older backup (vault.keyfile_recovery): each case opens again
by passphrase or recovery code, with a message that names the cause."""

import shutil
from pathlib import Path

import pytest

from commandcenter.services import incidents, operators
from commandcenter.vault import backup, lifecycle, rekey
from commandcenter.vault.errors import KeyFileMismatch, WrongPassphrase
from commandcenter.vault.keyfile import KeyFile
from tests.conftest import PASSPHRASE
from tests.fixtures.vaulttools import vault_rows

NEW = "a newer passphrase 1"


def _open(paths, operator_id, passphrase):
    return lifecycle.unlock_with_passphrase(paths, operator_id=operator_id,
                                            passphrase=passphrase)


def test_an_older_key_file_after_a_passphrase_change_says_so(new_vault, vault_paths, tmp_path):
    vault, code = new_vault
    me = vault.actor.id
    older = tmp_path / "vault.keys.yesterday"
    shutil.copyfile(vault_paths.keyfile, older)
    operators.change_passphrase(vault, old=PASSPHRASE, new=NEW)
    vault.lock()
    shutil.copyfile(older, vault_paths.keyfile)  # a sync tool puts yesterday's file back

    with pytest.raises(WrongPassphrase, match="older than the last one this laptop wrote"):
        _open(vault_paths, me, NEW)
    _open(vault_paths, me, PASSPHRASE).lock()  # the passphrase of that time opens it
    lifecycle.unlock_with_recovery_code(vault_paths, operator_id=me,
                                        recovery_code=code).lock()


def test_a_wrong_passphrase_with_the_current_key_file_has_no_such_hint(new_vault, vault_paths):
    vault, _ = new_vault
    me = vault.actor.id
    vault.lock()
    with pytest.raises(WrongPassphrase) as refused:
        _open(vault_paths, me, "not it at all")
    assert "older" not in str(refused.value)


def test_a_key_rotated_since_is_found_in_the_backups_and_put_back(new_vault, vault_paths):
    vault, code = new_vault
    me = vault.actor.id
    incidents.create_incident(vault, data=incidents.IncidentInput("INC-1", "Card breach"))
    before = backup.backup(vault, vault_paths.backups_dir / "monday.db")  # keys: generation 1
    rekey.rekey(vault)  # e.g. after revoking someone
    backup.backup(vault, vault_paths.backups_dir / "tuesday.db")  # its keys: generation 2
    rows = vault_rows(vault)
    vault.lock()
    shutil.copyfile(str(before.path) + ".keys", vault_paths.keyfile)  # the older file is back
    assert KeyFile.load(vault_paths.keyfile).generation == 1

    reopened = _open(vault_paths, me, PASSPHRASE)
    try:
        assert vault_rows(reopened) == rows
        assert reopened.notices and "older than the vault" in reopened.notices[0]
    finally:
        reopened.lock()
    assert KeyFile.load(vault_paths.keyfile).generation == 2
    kept = list(vault_paths.data_dir.glob("vault.keys.older-*"))
    assert len(kept) == 1 and KeyFile.load(kept[0]).generation == 1
    lifecycle.unlock_with_recovery_code(vault_paths, operator_id=me,
                                        recovery_code=code).lock()


def test_without_a_newer_copy_the_mismatch_is_named_and_nothing_changes(new_vault,
                                                                        vault_paths):
    vault, code = new_vault
    me = vault.actor.id
    before = backup.backup(vault, vault_paths.backups_dir / "monday.db")
    rekey.rekey(vault)
    vault.lock()
    shutil.copyfile(str(before.path) + ".keys", vault_paths.keyfile)
    for side in vault_paths.backups_dir.glob("*.keys"):
        if side.name != Path(before.path).name + ".keys":
            side.unlink()
    own = vault_paths.keyfile.read_bytes()
    with pytest.raises(KeyFileMismatch, match="older backup"):
        _open(vault_paths, me, PASSPHRASE)
    with pytest.raises(KeyFileMismatch):
        lifecycle.unlock_with_recovery_code(vault_paths, operator_id=me, recovery_code=code)
    assert vault_paths.keyfile.read_bytes() == own
    assert not list(vault_paths.data_dir.glob("vault.keys.older-*"))
