"""Logging: a private rotating file with UTC timestamps; secrets masked by the handlers'
filter; and the data key never reaching any log at DEBUG, SQLAlchemy echo included."""

import logging
import re
import secrets
import stat
import time
from datetime import UTC, datetime

import pytest
from sqlalchemy import create_engine as sa_create_engine

from commandcenter import logsetup
from commandcenter.services import incidents
from commandcenter.vault import backup, lifecycle, restore
from commandcenter.vault import engine as vault_engine
from commandcenter.vault.rekey import rekey
from tests.conftest import FAST_KDF, PASSPHRASE

LINE_RE = re.compile(r"^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3})Z (\w+) +([\w.]+): (.*)$")


@pytest.fixture
def log_dir(tmp_path):
    d = tmp_path / "logs"
    level = logging.getLogger().level
    yield d
    logsetup.remove_handlers()
    logging.getLogger().setLevel(level)


def _read(log_dir) -> str:
    for handler in logging.getLogger().handlers:
        handler.flush()
    return logsetup.log_file(log_dir).read_text(encoding="utf-8")


class ListHandler(logging.Handler):
    """Everything that reaches logging, formatted, with NO redaction."""

    def __init__(self):
        super().__init__(logging.DEBUG)
        self.lines: list[str] = []

    def emit(self, record):
        self.lines.append(logging.Formatter("%(name)s %(message)s").format(record))


def test_private_file_and_folder_with_utc_timestamps(log_dir, monkeypatch):
    monkeypatch.setenv("TZ", "Asia/Kathmandu")  # UTC+05:45: a local time would show
    time.tzset()
    try:
        logsetup.configure_logging(log_dir)
        logging.getLogger("commandcenter.test").info("hello %s", "world")
        text = _read(log_dir)
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()
    assert stat.S_IMODE(log_dir.stat().st_mode) == 0o700
    assert stat.S_IMODE(logsetup.log_file(log_dir).stat().st_mode) == 0o600
    match = LINE_RE.match(text.splitlines()[-1])
    assert match and match.group(4) == "hello world" and match.group(2) == "INFO"
    stamp = datetime.strptime(match.group(1), "%Y-%m-%dT%H:%M:%S.%f").replace(tzinfo=UTC)
    assert abs((datetime.now(UTC) - stamp).total_seconds()) < 60


def test_rotated_files_stay_private(log_dir, monkeypatch):
    monkeypatch.setattr(logsetup, "MAX_BYTES", 400)
    logsetup.configure_logging(log_dir)
    for n in range(40):
        logging.getLogger("commandcenter.test").info("line %03d %s", n, "x" * 40)
    rotated = sorted(log_dir.iterdir())
    assert len(rotated) > 1
    for f in rotated:
        assert stat.S_IMODE(f.stat().st_mode) == 0o600, f.name


def test_reconfiguring_replaces_our_handlers(log_dir):
    logsetup.configure_logging(log_dir)
    logsetup.configure_logging(log_dir)
    ours = [h for h in logging.getLogger().handlers if getattr(h, "_ccc_handler", False)]
    assert len(ours) == 1


def test_registered_secrets_are_masked_everywhere_in_a_record(log_dir):
    key = secrets.token_bytes(32)
    phrase = "my very secret passphrase"
    logsetup.register_secret(key)
    logsetup.register_secret(phrase)
    logsetup.configure_logging(log_dir)
    log = logging.getLogger("commandcenter.test")
    log.warning("upper %s lower %s", key.hex().upper(), key.hex())
    try:
        raise ValueError(f"failed with {phrase}")
    except ValueError:
        log.exception("boom %s", "here")
    log.info("stack", stack_info=True, extra={})
    text = _read(log_dir)
    assert key.hex() not in text.lower()
    assert phrase not in text
    assert text.count(logsetup.REDACTED) >= 3
    assert "ValueError: failed with [redacted]" in text


def test_unregistered_hex_after_key_is_masked_but_other_hashes_stay(log_dir):
    logsetup.configure_logging(log_dir)
    stray, chain_hash = secrets.token_hex(32), secrets.token_hex(32)
    log = logging.getLogger("commandcenter.test")
    log.info("PRAGMA key = \"x'%s'\"", stray)
    log.info("audit chain head %s", chain_hash)
    text = _read(log_dir)
    assert stray not in text
    assert chain_hash in text  # not over-eager: hashes are useful in the log


def test_short_secrets_do_not_mask_ordinary_words(log_dir):
    logsetup.register_secret("demo")
    logsetup.configure_logging(log_dir)
    logging.getLogger("commandcenter.test").info("demo vault created")
    assert "demo vault created" in _read(log_dir)


def test_other_handlers_see_the_record_unchanged(log_dir):
    """The filter returns a redacted copy for its own handler (Python 3.12+), so it never
    rewrites what another handler receives — which is what lets the test below watch raw logs."""
    logsetup.register_secret("a secret only for the file")
    logsetup.configure_logging(log_dir)
    raw = ListHandler()
    root = logging.getLogger()
    root.addHandler(raw)
    try:
        logging.getLogger("commandcenter.test").info("%s", "a secret only for the file")
    finally:
        root.removeHandler(raw)
    assert raw.lines == ["commandcenter.test a secret only for the file"]
    assert "a secret only for the file" not in _read(log_dir)


def _sqlalchemy_loggers() -> dict[str, logging.Logger]:
    names = [n for n in logging.root.manager.loggerDict if n.startswith("sqlalchemy")]
    return {n: logging.getLogger(n) for n in names + ["sqlalchemy", "sqlalchemy.pool"]}


@pytest.fixture
def sqlalchemy_echo(monkeypatch):
    """Every vault engine echoes statements, result rows and pool events (echo="debug"), and
    the SQLAlchemy loggers run at DEBUG. Afterwards every SQLAlchemy logger gets back its level
    and loses the stdout handlers echo attached (they would outlive this test's capture)."""
    before = {n: (lg.level, list(lg.handlers)) for n, lg in _sqlalchemy_loggers().items()}
    # An earlier test's echo may have left its stdout handler (on that test's captured
    # stream); SQLAlchemy adds its own only to a logger without one, so start from none.
    for logger in _sqlalchemy_loggers().values():
        for handler in logger.handlers[:]:
            logger.removeHandler(handler)

    def echoing(*args, **kwargs):
        return sa_create_engine(*args, **{**kwargs, "echo": "debug", "echo_pool": "debug"})

    monkeypatch.setattr(vault_engine, "create_engine", echoing)
    for name in ("sqlalchemy", "sqlalchemy.engine", "sqlalchemy.pool"):
        logging.getLogger(name).setLevel(logging.DEBUG)
    yield
    for name, logger in _sqlalchemy_loggers().items():
        level, handlers = before.get(name, (logging.NOTSET, []))
        logger.setLevel(level)
        for handler in logger.handlers[:]:
            logger.removeHandler(handler)
        for handler in handlers:
            logger.addHandler(handler)


def test_the_key_never_reaches_any_log_at_debug_with_echo(tmp_path, log_dir, sqlalchemy_echo,
                                                          vault_paths, capsys):
    logsetup.configure_logging(log_dir, level=logging.DEBUG)
    raw = ListHandler()
    logging.getLogger().addHandler(raw)
    keys = []
    try:
        vault, _ = lifecycle.create_vault(vault_paths, operator_name="Dana Lead",
                                          passphrase=PASSPHRASE, kdf=FAST_KDF,
                                          use_keychain=True)
        keys.append(vault.data_key)
        incidents.create_incident(vault, data=incidents.IncidentInput("INC-1", "Logged"))
        saved = backup.backup(vault, tmp_path / "b.db")
        actor = vault.actor.id
        vault.lock()
        vault = lifecycle.unlock_with_passphrase(vault_paths, operator_id=actor,
                                                 passphrase=PASSPHRASE)
        rekey(vault)
        keys.append(vault.data_key)
        backup.backup(vault, tmp_path / "b2.db")
        restore.restore(vault, tmp_path / "b2.db")
        vault.lock()
        vault = lifecycle.unlock_with_keychain(vault_paths, operator_id=actor)
        keys.append(vault.data_key)
        vault.lock()
    finally:
        logging.getLogger().removeHandler(raw)
    console = capsys.readouterr()
    everything = "\n".join(raw.lines) + _read(log_dir) + console.out + console.err
    # The test watches real traffic: statements, rows and pool events were logged. (Audit
    # entries go by the DB-API cursor, vault.rawsql, which SQLAlchemy's echo never sees.)
    assert any("sqlalchemy.engine.Engine" in line and "INSERT INTO incident" in line
               for line in raw.lines)
    assert any(line.startswith("sqlalchemy.pool") for line in raw.lines)
    assert "INSERT INTO incident" in console.out  # echo's own stdout handler ran too
    assert saved.path and len(keys) == 3 and keys[0] != keys[1]
    for key in keys:
        for form in (key.hex(), key.hex().upper(), repr(key)):
            assert form not in everything
