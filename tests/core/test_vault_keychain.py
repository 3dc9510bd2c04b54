"""The keychain: opt-in unlock, clear messages when the entry or backend is gone, full recovery
by passphrase and by recovery code, no new key over an existing vault, refused backends, and
no hang when the keychain does not answer. All against the in-memory keyring of conftest."""

import threading
import time

import keyring
import keyring.backends.fail
import keyring.backends.null
import pytest
from keyring.backend import KeyringBackend
from keyring.backends.chainer import ChainerBackend

from commandcenter.services import incidents
from commandcenter.vault import keychain, lifecycle
from commandcenter.vault.errors import (
    KeychainBackendChanged, KeychainEntryMissing, KeychainUnavailable, VaultAlreadyExists,
)
from commandcenter.vault.keyfile import KeyFile
from tests.conftest import FAST_KDF, PASSPHRASE
from tests.fixtures.memkeyring import OtherMemoryKeyring
from tests.fixtures.vaulttools import sha256, vault_rows


@pytest.fixture
def keychain_vault(vault_paths):
    """A locked vault whose lead opted in to the keychain, with some rows.
    Yields (operator id, recovery code, rows)."""
    vault, code = lifecycle.create_vault(vault_paths, operator_name="Kim Lead",
                                         passphrase=PASSPHRASE, kdf=FAST_KDF,
                                         use_keychain=True)
    for i in range(5):
        incidents.create_incident(vault, data=incidents.IncidentInput(f"INC-{i}", f"T{i}"))
    rows = vault_rows(vault)
    operator_id = vault.actor.id
    vault.lock()
    yield operator_id, code, rows


def _rows_after(vault) -> dict:
    try:
        return vault_rows(vault)
    finally:
        vault.lock()


def test_opted_in_operator_unlocks_from_the_keychain(keychain_vault, vault_paths,
                                                    memory_keychain):
    operator_id, _, rows = keychain_vault
    assert len(memory_keychain.store) == 1
    assert lifecycle.list_operators(vault_paths)[0].has_keychain
    vault = lifecycle.unlock_with_keychain(vault_paths, operator_id=operator_id)
    assert "keychain" in vault.key_store
    assert _rows_after(vault) == rows


def _delete_entry(memory_keychain):
    memory_keychain.store.clear()


def _change_backend(memory_keychain):
    keyring.set_keyring(OtherMemoryKeyring())


@pytest.mark.parametrize("breakage,error,words", [
    (_delete_entry, KeychainEntryMissing, ["entry missing"]),
    (_change_backend, KeychainBackendChanged,
     ["backend changed", "Test keychain", "Other test keychain"]),
])
def test_lost_keychain_is_named_and_both_fallbacks_recover_everything(
        keychain_vault, vault_paths, memory_keychain, breakage, error, words):
    operator_id, code, rows = keychain_vault
    keyfile_before, salt = sha256(vault_paths.keyfile), vault_paths.db.read_bytes()[:16]
    key_id = KeyFile.load(vault_paths.keyfile).key_id
    breakage(memory_keychain)

    with pytest.raises(error) as err:
        lifecycle.unlock_with_keychain(vault_paths, operator_id=operator_id)
    message = str(err.value)
    for word in words + ["passphrase or recovery code"]:
        assert word.lower() in message.lower(), message
    assert sha256(vault_paths.keyfile) == keyfile_before

    by_passphrase = lifecycle.unlock_with_passphrase(vault_paths, operator_id=operator_id,
                                                     passphrase=PASSPHRASE)
    assert _rows_after(by_passphrase) == rows
    by_code = lifecycle.unlock_with_recovery_code(vault_paths, operator_id=operator_id,
                                                  recovery_code=code.lower().replace("-", " "))
    assert by_code.key_store == "recovery code"
    assert _rows_after(by_code) == rows

    # No recovery path made a new key: same key id, same key file, same database salt.
    assert KeyFile.load(vault_paths.keyfile).key_id == key_id
    assert sha256(vault_paths.keyfile) == keyfile_before
    assert vault_paths.db.read_bytes()[:16] == salt
    with pytest.raises(VaultAlreadyExists):
        lifecycle.create_vault(vault_paths, operator_name="Kim Lead", passphrase=PASSPHRASE,
                               kdf=FAST_KDF, use_keychain=True)
    assert KeyFile.load(vault_paths.keyfile).key_id == key_id


@pytest.mark.parametrize("remove", [None, "db", "keyfile"])
def test_no_new_vault_over_an_existing_one(new_vault, vault_paths, memory_keychain, remove):
    vault, _ = new_vault
    vault.lock()
    if remove:
        getattr(vault_paths, remove).unlink()
    before = {f.name: sha256(f) for f in vault_paths.data_dir.rglob("*") if f.is_file()}
    keychain_before = dict(memory_keychain.store)
    with pytest.raises(VaultAlreadyExists) as err:
        lifecycle.create_vault(vault_paths, operator_name="Mallory", passphrase=PASSPHRASE,
                               kdf=FAST_KDF, use_keychain=True)
    assert "already exists" in str(err.value)
    after = {f.name: sha256(f) for f in vault_paths.data_dir.rglob("*") if f.is_file()}
    assert after == before
    assert memory_keychain.store == keychain_before


class PlaintextKeyring(KeyringBackend):
    """Stands for any backend not on the allow-list (files, keyrings.alt, stdin prompts)."""

    priority = 5

    def get_password(self, service, username):
        return None

    def set_password(self, service, username, password):
        raise AssertionError("a refused backend must never be given a secret")

    def delete_password(self, service, username):
        pass


class RefusedChainer(ChainerBackend):
    """A chainer over fixed backends (the real one would probe the OS keychains)."""

    backends = [keyring.backends.null.Keyring(), PlaintextKeyring()]


@pytest.mark.parametrize("backend", [
    keyring.backends.null.Keyring, keyring.backends.fail.Keyring, PlaintextKeyring,
    RefusedChainer,
], ids=["null", "fail", "plaintext", "chainer-of-refused"])
def test_refused_backends_mean_passphrase_mode(keychain_vault, vault_paths, backend):
    operator_id, _, _ = keychain_vault
    keyring.set_keyring(backend())
    assert keychain.detect() is None
    with pytest.raises(KeychainUnavailable) as err:
        lifecycle.unlock_with_keychain(vault_paths, operator_id=operator_id)
    assert "passphrase" in str(err.value)


def test_allowed_backend_inside_a_chainer_is_found(memory_keychain):
    class Chainer(ChainerBackend):
        backends = [PlaintextKeyring(), memory_keychain]

    keyring.set_keyring(Chainer())
    chain = keychain.detect()
    assert chain is not None and chain.backend is memory_keychain


# --- a keychain that does not answer -------------------------------------------------------

_release = threading.Event()


@pytest.fixture
def hang(monkeypatch):
    """Short time limit; hanging calls are released at teardown so no thread lingers."""
    monkeypatch.setattr(keychain, "TIMEOUT_S", 0.2)
    _release.clear()
    yield
    _release.set()


def _wait_forever(*_):
    _release.wait(30)


class HangingPriorityKeyring(PlaintextKeyring):
    @property
    def priority(self):  # like Secret Service asking a D-Bus daemon that never answers
        _wait_forever()
        return 10


class HangingReadKeyring(PlaintextKeyring):
    hang_reads = False

    def __init__(self):
        super().__init__()
        self.store = {}

    def get_password(self, service, username):
        if self.hang_reads:
            _wait_forever()
        return self.store.get((service, username))

    def set_password(self, service, username, password):
        self.store[(service, username)] = password


def _allow(monkeypatch, cls) -> None:
    monkeypatch.setitem(keychain._extra_allowed, keychain.qualified(cls()), cls.__name__)


def _timed(fn):
    start = time.perf_counter()
    result = fn()
    return result, time.perf_counter() - start


def test_detect_returns_when_keyring_itself_hangs(hang, monkeypatch):
    monkeypatch.setattr(keyring, "get_keyring", _wait_forever)
    result, elapsed = _timed(keychain.detect)
    assert result is None and elapsed < 1.0


def test_detect_returns_when_backend_priority_hangs(hang, monkeypatch):
    _allow(monkeypatch, HangingPriorityKeyring)
    keyring.set_keyring(HangingPriorityKeyring())
    result, elapsed = _timed(keychain.detect)
    assert result is None and elapsed < 1.0


def test_unlock_returns_when_keychain_read_hangs(hang, monkeypatch, vault_paths):
    _allow(monkeypatch, HangingReadKeyring)
    backend = HangingReadKeyring()
    keyring.set_keyring(backend)
    vault, _ = lifecycle.create_vault(vault_paths, operator_name="Kim", passphrase=PASSPHRASE,
                                      kdf=FAST_KDF, use_keychain=True)
    operator_id = vault.actor.id
    vault.lock()
    backend.hang_reads = True
    chain = keychain.detect()
    assert chain is not None
    load, elapsed = _timed(lambda: _raises(lambda: chain.load("v", "s")))
    assert isinstance(load, keychain.KeychainTimeout) and elapsed < 1.0
    err, elapsed = _timed(lambda: _raises(
        lambda: lifecycle.unlock_with_keychain(vault_paths, operator_id=operator_id)))
    assert isinstance(err, KeychainUnavailable) and elapsed < 1.0
    assert "did not answer" in str(err) and "passphrase" in str(err)


def _raises(fn):
    try:
        fn()
    except Exception as exc:
        return exc
    raise AssertionError("expected an error")
