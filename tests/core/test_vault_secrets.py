"""The data key never appears: not in any log record at DEBUG (SQLAlchemy's statement echo
included), not in error messages or their tracebacks, not in the engine's URL or repr, not in
the vault's repr. The capture here has no redaction filter: the key must never reach logging."""

import base64
import logging
import secrets
import traceback
from pathlib import Path

import pytest
from sqlalchemy import text

from commandcenter.services import incidents, operators, settings
from commandcenter.vault import backup as vault_backup
from commandcenter.vault import engine as vault_engine
from commandcenter.vault import integrity, lifecycle, rekey, restore
from commandcenter.vault.errors import BackupInvalid, VaultError
from tests.conftest import FAST_KDF, PASSPHRASE
from tests.fixtures.vaulttools import flip_byte


class Capture(logging.Handler):
    def __init__(self):
        super().__init__(logging.DEBUG)
        self.lines: list[str] = []
        self.setFormatter(logging.Formatter("%(name)s %(levelname)s %(message)s"))

    def emit(self, record):
        self.lines.append(self.format(record))


@pytest.fixture
def debug_logs():
    """Root and SQLAlchemy loggers at DEBUG, captured whole (exception text included)."""
    capture = Capture()
    root = logging.getLogger()
    names = ["sqlalchemy.engine", "sqlalchemy.pool", "alembic"]
    old = (root.level, {n: logging.getLogger(n).level for n in names})
    root.addHandler(capture)
    root.setLevel(logging.DEBUG)
    for n in names:
        logging.getLogger(n).setLevel(logging.DEBUG)
    yield capture
    root.removeHandler(capture)
    root.setLevel(old[0])
    for n, level in old[1].items():
        logging.getLogger(n).setLevel(level)


def forms(key: bytes) -> list[str]:
    """Every way the key could be written out."""
    return [key.hex(), key.hex().upper(), key.decode("latin-1"),
            base64.b64encode(key).decode(), repr(key)[2:-1]]


def assert_absent(haystack: str, keys: list[bytes], where: str) -> None:
    for key in keys:
        for form in forms(key):
            assert form not in haystack, f"key material found in {where}"


def _error_texts(exc: BaseException) -> str:
    return "\n".join([str(exc), repr(exc), *traceback.format_exception(exc)])


def test_key_never_logged_through_the_vault_lifecycle(vault_paths, tmp_path, debug_logs,
                                                      capsys):
    vault, code = lifecycle.create_vault(vault_paths, operator_name="Dana",
                                         passphrase=PASSPHRASE, kdf=FAST_KDF)
    keys = [vault.data_key]
    incidents.create_incident(vault, data=incidents.IncidentInput("INC-1", "A title"))
    settings.set_setting(vault, key="auto_lock_minutes", value=7)
    operators.add_operator(vault, name="Sam", role="editor", passphrase="sams passphrase")
    rec = vault_backup.backup(vault)
    integrity.check(vault)
    restore.restore(vault, rec.path)
    rekey.rekey(vault)
    keys.append(vault.data_key)
    operator_id = vault.actor.id
    vault.lock()
    again = lifecycle.unlock_with_passphrase(vault_paths, operator_id=operator_id,
                                             passphrase=PASSPHRASE)
    again.lock()

    # SQLAlchemy's own echo (it adds a stdout handler) on a vault engine.
    echoed = vault_engine.create_vault_engine(vault_paths.db, keys[-1], echo=True)
    try:
        with echoed.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM incident")).scalar() == 1
    finally:
        echoed.dispose()

    logged = "\n".join(debug_logs.lines)
    assert "SELECT count(*) FROM incident" in logged  # the capture really saw SQL at DEBUG
    assert len(debug_logs.lines) > 50
    out = capsys.readouterr()
    assert "SELECT count(*) FROM incident" in out.out
    for where, haystack in (("logs", logged), ("stdout", out.out), ("stderr", out.err)):
        assert_absent(haystack, keys, where)
        for secret in (PASSPHRASE, "sams passphrase", code):
            assert secret not in haystack, f"a passphrase or recovery code in {where}"


def _unlock_error(paths, operator_id) -> VaultError:
    with pytest.raises(VaultError) as err:
        lifecycle.unlock_with_passphrase(paths, operator_id=operator_id, passphrase=PASSPHRASE)
    return err.value


def test_key_never_in_error_messages_or_tracebacks(new_vault, vault_paths, tmp_path):
    vault, _ = new_vault
    key = vault.data_key
    incidents.create_incident(vault, data=incidents.IncidentInput("INC-1", "A title"))
    rec = vault_backup.backup(vault)
    wrong = secrets.token_bytes(32)
    errors: list[BaseException] = []

    with pytest.raises(vault_engine.KeyMismatch) as err:  # wrong key on the file
        vault_engine.probe(vault_paths.db, wrong)
    errors.append(err.value)
    bad_backup = tmp_path / "bad.db"
    bad_backup.write_bytes(Path(rec.path).read_bytes())
    flip_byte(bad_backup, bad_backup.stat().st_size // 2)
    with pytest.raises(BackupInvalid) as err:  # damaged backup
        restore.restore(vault, bad_backup)
    errors.append(err.value)
    with pytest.raises(BackupInvalid) as err:  # backup checked with the wrong key
        vault_backup.verify_backup(rec.path, wrong)
    errors.append(err.value)

    operator_id = vault.actor.id
    vault.lock()
    original = vault_paths.db.read_bytes()
    flip_byte(vault_paths.db, 100)  # damaged first page
    errors.append(_unlock_error(vault_paths, operator_id))
    vault_paths.db.write_bytes(original)
    flip_byte(vault_paths.db, len(original) // 2)  # damaged middle page
    try:
        opened = lifecycle.unlock_with_passphrase(vault_paths, operator_id=operator_id,
                                                  passphrase=PASSPHRASE)
        errors.append(Exception(integrity.check(opened).summary()))
        opened.lock()
    except VaultError as exc:
        errors.append(exc)

    assert len(errors) == 5
    for exc in errors:
        assert_absent(_error_texts(exc), [key, wrong], f"{type(exc).__name__}")


def test_key_never_in_engine_url_or_reprs(vault):
    key = vault.data_key
    engine = vault.engine
    texts = [str(engine.url), repr(engine.url), repr(engine),
             engine.url.render_as_string(hide_password=False), repr(vault), str(vault)]
    with engine.connect() as conn:
        texts += [repr(conn), repr(conn.connection), repr(conn.connection.dbapi_connection)]
    echoed = vault_engine.create_vault_engine(vault.paths.db, key, echo=True)
    texts += [str(echoed.url), repr(echoed)]
    echoed.dispose()
    assert str(engine.url) == "sqlite://"
    assert_absent("\n".join(texts), [key], "engine/vault text")
    vault.lock()
    assert_absent(repr(vault), [key], "locked vault repr")
