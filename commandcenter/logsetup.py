"""Logging: one private, rotating log file with UTC timestamps, and a redaction filter.

Nothing secret should ever reach a log call in the first place (the data key is applied on the
raw DB-API connection, outside SQLAlchemy's statement logging). The filter here is defence in
depth: it masks every registered secret (the data key of each vault unlocked in this process,
passphrases and recovery codes the CLI read) and any 64-hex-digit run that follows the word
"key", in the message, its arguments, exception text and stack text.

Import-light on purpose (stdlib only): the vault imports it to register keys.
"""

import copy
import logging
import os
import re
import threading
import time
from pathlib import Path

LOG_FILE = "commandcenter.log"
MAX_BYTES = 2 * 1024 * 1024
BACKUP_COUNT = 5
REDACTED = "[redacted]"
# Shorter strings would mask ordinary words ("demo"); real secrets here are 8+ characters.
MIN_SECRET_CHARS = 8

FORMAT = "%(asctime)s.%(msecs)03dZ %(levelname)-7s %(name)s: %(message)s"
DATE_FORMAT = "%Y-%m-%dT%H:%M:%S"

# "key" then up to 16 characters on the same line (` = "x'`, `: `, ...) then 64+ hex digits.
_KEY_HEX = re.compile(r"(key[^\n]{0,16}?)[0-9a-f]{64,}", re.IGNORECASE)

_lock = threading.Lock()
_texts: set[str] = set()  # passphrases/codes a short-lived CLI process read
_text_pattern: re.Pattern | None = None
# Keys are remembered only as salted hashes of their hex form, so registering a vault's key
# does not keep it in memory after the vault locks (hex runs in a log line are hashed and
# compared instead).
_SALT = os.urandom(16)
_hex_hashes: set[bytes] = set()
_hex_lengths: set[int] = set()
_HEX_RUN = re.compile(r"[0-9a-fA-F]{16,}")
_OURS = "_ccc_handler"  # marks handlers this module installed, so reconfiguring replaces them


def _digest(hex_text: str) -> bytes:
    import hashlib  # not at import: it loads OpenSSL's _hashlib, before the first paint

    return hashlib.sha256(_SALT + hex_text.lower().encode("ascii")).digest()


def register_secret(value: str | bytes | bytearray) -> None:
    """Mask `value` in every log line from now on. Bytes (a key) are matched in their hex
    form, either case; text is matched as written."""
    global _text_pattern
    with _lock:
        if isinstance(value, (bytes, bytearray)):
            if len(value) * 2 >= 16:
                _hex_hashes.add(_digest(bytes(value).hex()))
                _hex_lengths.add(len(value) * 2)
            return
        if len(value) < MIN_SECRET_CHARS or value in _texts:
            return
        _texts.add(value)
        # Longest first, so a secret that contains another is masked whole.
        ordered = sorted(_texts, key=len, reverse=True)
        _text_pattern = re.compile("|".join(re.escape(s) for s in ordered))


def _mask_hex_run(match: re.Match) -> str:
    """Mask a registered key found anywhere inside one run of hex digits."""
    run = match.group()
    for width in sorted(_hex_lengths, reverse=True):
        for start in range(0, len(run) - width + 1):
            if _digest(run[start:start + width]) in _hex_hashes:
                rest = run[start + width:]
                return run[:start] + REDACTED + _HEX_RUN.sub(_mask_hex_run, rest)
    return run


def redact(text: str) -> str:
    pattern = _text_pattern
    if pattern is not None:
        text = pattern.sub(REDACTED, text)
    if _hex_hashes:
        text = _HEX_RUN.sub(_mask_hex_run, text)
    if "key" in text.lower():
        text = _KEY_HEX.sub(lambda m: m.group(1) + REDACTED, text)
    return text


class RedactingFilter(logging.Filter):
    """Returns a redacted copy of the record (Python 3.12+), so other handlers are unaffected
    and the message is rendered once, here, before any formatter sees it."""

    def filter(self, record: logging.LogRecord) -> logging.LogRecord:
        clean = copy.copy(record)
        try:
            message = record.getMessage()
        except Exception:  # a bad format string: log what we have rather than nothing
            message = f"{record.msg!r} {record.args!r}"
        clean.msg, clean.args = redact(message), None
        if record.exc_info and not record.exc_text:
            clean.exc_text = _formatter().formatException(record.exc_info)
        if clean.exc_text:
            clean.exc_text = redact(clean.exc_text)
        clean.exc_info = None  # exc_text now carries it, redacted
        if record.stack_info:
            clean.stack_info = redact(record.stack_info)
        return clean


def _formatter() -> logging.Formatter:
    fmt = logging.Formatter(FORMAT, DATE_FORMAT)
    fmt.converter = time.gmtime  # UTC, whatever the laptop's time zone
    return fmt


def _private_dir(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    if os.name == "posix":
        os.chmod(path, 0o700)
    return path


def _private_rotating_file(path: Path, formatter: logging.Formatter) -> logging.Handler:
    """A RotatingFileHandler whose every file (first one and each rollover) is 0600."""
    import logging.handlers  # ~15 ms with Qt loaded: only once something is logged

    class PrivateRotatingFileHandler(logging.handlers.RotatingFileHandler):
        def _open(self):
            fd = os.open(self.baseFilename, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
            if os.name == "posix":
                os.chmod(self.baseFilename, 0o600)
            return os.fdopen(fd, self.mode, encoding=self.encoding, errors=self.errors)

    handler = PrivateRotatingFileHandler(path, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT,
                                         encoding="utf-8")
    handler.setFormatter(formatter)
    return handler


class _LogFileHandler(logging.Handler):
    """The log file, opened on the first record that reaches it.

    The app configures logging before its first window paints, and most starts log nothing
    until later: deferring the rotating handler keeps its imports off that path. Filtering
    (redaction) and formatting happen here; the file handler only writes."""

    def __init__(self, path: Path):
        super().__init__()
        self.path = path
        self._file: logging.Handler | None = None

    def emit(self, record: logging.LogRecord) -> None:
        if self._file is None:
            self._file = _private_rotating_file(self.path, self.formatter or _formatter())
        self._file.emit(record)

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
        super().close()


def configure_logging(log_dir: Path | None, *, level: int = logging.INFO,
                      console: bool = False) -> None:
    """Install (or replace) our handlers on the root logger. Safe to call again, e.g. once a
    vault folder exists."""
    remove_handlers()
    root = logging.getLogger()
    handlers: list[logging.Handler] = []
    if log_dir is not None:
        log_dir = _private_dir(Path(log_dir))
        handlers.append(_LogFileHandler(log_dir / LOG_FILE))
    if console:
        handlers.append(logging.StreamHandler())
    for handler in handlers:
        handler.setFormatter(_formatter())
        handler.addFilter(RedactingFilter())
        handler.setLevel(level)
        setattr(handler, _OURS, True)
        root.addHandler(handler)
    root.setLevel(level)
    # Alembic announces its plugins and context at INFO on every unlock: noise, not events.
    logging.getLogger("alembic").setLevel(logging.DEBUG if level <= logging.DEBUG
                                          else logging.WARNING)


def remove_handlers() -> None:
    """Close and detach the handlers configure_logging installed (tests, reconfiguration)."""
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, _OURS, False):
            root.removeHandler(handler)
            handler.close()


def log_file(log_dir: Path) -> Path:
    return Path(log_dir) / LOG_FILE
