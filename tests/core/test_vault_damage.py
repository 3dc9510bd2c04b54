"""A single flipped byte anywhere in the database file is reported as "damaged or tampered" —
on unlock, or by the integrity check — and never escapes as a crash or traceback."""

import random

import pytest

from commandcenter.services import incidents
from commandcenter.vault import integrity, lifecycle
from commandcenter.vault.errors import VaultDamaged, VaultError
from tests.conftest import PASSPHRASE
from tests.fixtures.vaulttools import flip_byte

PAGE = 4096  # SQLCipher 4's page size


@pytest.fixture
def closed_vault(new_vault, vault_paths):
    """A locked vault with several pages of data, its WAL folded into the database file."""
    vault, _ = new_vault
    for i in range(40):
        incidents.create_incident(vault, data=incidents.IncidentInput(
            f"INC-{i:03d}", f"Incident {i}", "Details " * 300))
    operator_id = vault.actor.id
    vault.lock()  # disposing the engine closes the last connection: checkpoint, WAL removed
    assert not vault_paths.wal.exists()
    return operator_id, vault_paths.db.read_bytes()


def _outcome(paths, operator_id) -> str:
    """What the user is told after one flipped byte: the error message, or the integrity
    check's summary. Any other exception fails the test."""
    try:
        vault = lifecycle.unlock_with_passphrase(paths, operator_id=operator_id,
                                                 passphrase=PASSPHRASE)
    except VaultError as exc:
        return str(exc)
    try:
        report = integrity.check(vault)
        assert not report.ok, "a flipped byte went unnoticed"
        return report.summary()
    finally:
        vault.lock()


def _offsets(size: int) -> dict[str, int]:
    pages = size // PAGE
    rng = random.Random(size)
    named = {
        "page 1 salt": 5,
        "page 1 header": 20,
        "page 1 body": 1000,
        "page 1 end (HMAC)": PAGE - 10,
        "page 2": PAGE + 100,
        "middle page": (pages // 2) * PAGE + 2000,
        "last page": size - 100,
        "last byte": size - 1,
    }
    for n in range(6):  # and a few anywhere, reproducibly
        named[f"random {n}"] = rng.randrange(PAGE, size)
    return named


def test_every_flipped_byte_is_reported_as_damaged(closed_vault, vault_paths):
    operator_id, original = closed_vault
    assert len(original) // PAGE > 20
    for where, offset in _offsets(len(original)).items():
        flip_byte(vault_paths.db, offset)
        try:
            message = _outcome(vault_paths, operator_id)
        finally:
            vault_paths.db.write_bytes(original)
            vault_paths.wal.unlink(missing_ok=True)
            vault_paths.shm.unlink(missing_ok=True)
        assert "damaged or tampered" in message, f"{where} (offset {offset}): {message}"
        assert "Traceback" not in message and "\n" not in message


def test_page_one_damage_is_not_called_a_wrong_key(closed_vault, vault_paths):
    """The key file's seal proves the key is right, so a page 1 that fails to authenticate
    while the other pages pass is damage, not a key problem."""
    operator_id, original = closed_vault
    for offset in (16, 100, PAGE - 1):
        flip_byte(vault_paths.db, offset)
        with pytest.raises(VaultDamaged) as err:
            lifecycle.unlock_with_passphrase(vault_paths, operator_id=operator_id,
                                             passphrase=PASSPHRASE)
        vault_paths.db.write_bytes(original)
        assert str(err.value).startswith("Vault file damaged or tampered — restore from backup")


def test_the_undamaged_vault_passes_the_same_checks(closed_vault, vault_paths):
    """Control: without a flip, unlock works and the integrity check is clean."""
    operator_id, _ = closed_vault
    vault = lifecycle.unlock_with_passphrase(vault_paths, operator_id=operator_id,
                                             passphrase=PASSPHRASE)
    try:
        report = integrity.check(vault)
        assert report.ok, report.summary()
        assert len(incidents.list_incidents(vault)) == 40
    finally:
        vault.lock()
