"""Shared fixtures. Qt runs offscreen (pyproject's pytest `env`), the keychain is in memory,
and vaults use the cheapest Argon2id the design allows (64 MiB, 1 pass) to keep tests fast."""

import threading
from pathlib import Path

import keyring
import pytest

from commandcenter.vault import crypto, keychain, lifecycle
from commandcenter.vault.paths import VaultPaths
from tests.fixtures.memkeyring import OTHER_QUALNAME, QUALNAME, MemoryKeyring

FAST_KDF = crypto.KdfParams(iterations=1, lanes=1)
PASSPHRASE = "correct horse battery"


@pytest.fixture(autouse=True, scope="session")
def memory_keychain():
    """Install an in-memory keyring for the whole run; the real keychain is never touched."""
    keychain.allow_backend(QUALNAME, "Test keychain")
    keychain.allow_backend(OTHER_QUALNAME, "Other test keychain")
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend


@pytest.fixture(autouse=True)
def clean_keychain(memory_keychain):
    keyring.set_keyring(memory_keychain)
    memory_keychain.store.clear()
    yield


@pytest.fixture(autouse=True)
def no_leftover_threads():
    """Fail a test that leaves a (non-daemon) thread running, as napari does."""
    before = set(threading.enumerate())
    yield
    leftover = [t for t in threading.enumerate()
                if t not in before and t.is_alive() and not t.daemon]
    for t in leftover:
        t.join(timeout=5)
    leftover = [t for t in leftover if t.is_alive()]
    assert not leftover, f"test left threads running: {leftover}"


@pytest.fixture
def vault_paths(tmp_path) -> VaultPaths:
    return VaultPaths.at(tmp_path / "vault")


@pytest.fixture
def new_vault(vault_paths):
    """A fresh vault with one lead (passphrase PASSPHRASE). Yields (vault, recovery_code)."""
    vault, code = lifecycle.create_vault(vault_paths, operator_name="Dana Lead",
                                         passphrase=PASSPHRASE, kdf=FAST_KDF)
    yield vault, code
    vault.lock()


@pytest.fixture
def vault(new_vault):
    return new_vault[0]


@pytest.fixture
def temp_folder(tmp_path, monkeypatch) -> Path:
    """An empty folder that `tempfile` (and child processes, via TMPDIR) use for this test:
    an export must leave it empty (no plaintext copy on the way)."""
    import tempfile

    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setenv("TMPDIR", str(folder))
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder
