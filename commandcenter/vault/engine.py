"""The SQLCipher engine: every connection keyed first, then the pragmas, on a chosen pool.

The key is applied on the raw DB-API connection inside `creator`, so it never passes through
SQLAlchemy's statement logging (echo) and never appears in the engine URL ("sqlite://").
"""

import logging
from pathlib import Path

import sqlcipher3.dbapi2 as sqlcipher
from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine
from sqlalchemy.pool import QueuePool

from commandcenter.vault.errors import VaultDamaged, WrongPassphrase

log = logging.getLogger(__name__)

BUSY_TIMEOUT_MS = 10_000

# Applied after the key on every new connection (DESIGN §3).
CONNECTION_PRAGMAS = (
    "PRAGMA journal_mode = WAL",
    "PRAGMA synchronous = FULL",
    "PRAGMA foreign_keys = ON",
    "PRAGMA temp_store = MEMORY",
    "PRAGMA secure_delete = ON",
    f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}",
    # 16 MiB of decrypted pages per connection instead of SQLite's 2 MiB: a page read from
    # the file costs an AES decryption and an HMAC check, so on a 100,000-decision vault the
    # larger cache took a third off a search. The cache fills only as pages are read, and
    # the app keeps one or two connections open (memory, never disk).
    "PRAGMA cache_size = -16384",
)


def key_pragma(data_key: bytes) -> str:
    """A raw-key PRAGMA (x'..': SQLCipher skips its per-connection KDF)."""
    return f"PRAGMA key = \"x'{data_key.hex()}'\""


# The vault's page format, set right after the key on every connection and every attached
# file. HMAC-SHA256 instead of SQLCipher 4's default HMAC-SHA512: pages stay authenticated
# (a 256-bit MAC), and SHA-256 runs in hardware on current x86 and ARM CPUs, which cut the
# encryption overhead of the app's write-heavy transactions by about a third (benchmarks/).
# Changing it is a file-format change: every vault and backup must be written with it.
CIPHER_SETTINGS = ("cipher_hmac_algorithm = HMAC_SHA256",)


def attach(conn, alias: str, path: Path, data_key: bytes) -> None:
    """ATTACH a (new or existing) vault-format file under `alias`, keyed and set up."""
    conn.execute(f"ATTACH DATABASE ? AS {alias} KEY \"x'{data_key.hex()}'\"", (str(path),))
    for setting in CIPHER_SETTINGS:
        conn.execute(f"PRAGMA {alias}.{setting}")


def connect_raw(path: Path, data_key: bytes, *, read_only: bool = False):
    """A keyed DB-API connection. `read_only` opens with mode=ro so nothing can be written."""
    if read_only:
        conn = sqlcipher.connect(f"file:{path.as_posix()}?mode=ro", uri=True,
                                 check_same_thread=False, isolation_level=None)
    else:
        conn = sqlcipher.connect(str(path), check_same_thread=False, isolation_level=None)
    # SQLCipher logs failed page HMACs to stderr by default; we report errors ourselves.
    conn.execute("PRAGMA cipher_log_level = NONE")
    conn.execute(key_pragma(data_key))
    for setting in CIPHER_SETTINGS:
        conn.execute(f"PRAGMA {setting}")
    return conn


def probe(path: Path, data_key: bytes) -> None:
    """Check a candidate key read-only: a wrong key changes no file.

    Raises WrongPassphrase-style KeyMismatch when the key does not open the file, and
    VaultDamaged when the file opens but its pages don't authenticate.
    """
    conn = None
    try:
        conn = connect_raw(path, data_key, read_only=True)
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlcipher.DatabaseError as exc:
        if "file is not a database" in str(exc) or "encrypted" in str(exc):
            raise KeyMismatch() from None
        raise VaultDamaged(_short(exc)) from None
    finally:
        if conn is not None:
            conn.close()


def roll_back_hot_journal(path: Path, data_key: bytes) -> bool:
    """Finish what a process killed mid-transaction in rollback-journal mode left behind.

    Rekey and restore switch the file to journal_mode=DELETE and back; a kill inside that
    switch leaves a hot `-journal`, and a read-only open then fails ("attempt to write a
    readonly database") although nothing is damaged. Rolling back copies the journal's saved
    pages back as they are (no decryption), which any next writer would do; it needs a
    writable connection, so it is done only with a key the key file's seal has proven.
    Returns True when there was a journal to roll back."""
    journal = path.with_name(path.name + "-journal")
    if not journal.exists() or journal.stat().st_size == 0:
        return False
    conn = connect_raw(path, data_key)
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlcipher.DatabaseError:  # the rollback ran first; the probe that follows judges
        pass
    finally:
        conn.close()
    return True


def key_fits_but_page_one_damaged(path: Path, data_key: bytes) -> bool:
    """After `probe` raised KeyMismatch: True when other pages authenticate with this key.

    A wrong key fails the HMAC of every page; a right key fails only the damaged ones. So
    when page 1 fails but others pass, the key is right and the file is damaged. (A flip in
    the 16-byte salt fails every page too, and stays indistinguishable from a wrong key.)
    """
    conn = None
    try:
        conn = connect_raw(path, data_key, read_only=True)
        page_size = int(conn.execute("PRAGMA cipher_page_size").fetchone()[0])
        failed = len(conn.execute("PRAGMA cipher_integrity_check").fetchall())
    except (sqlcipher.DatabaseError, TypeError, ValueError):
        return False
    finally:
        if conn is not None:
            conn.close()
    pages = -(-path.stat().st_size // page_size)
    return 0 < failed < pages


class KeyMismatch(WrongPassphrase):
    """The key does not open this database file (wrong key, or the file's first page is damaged)."""

    def __init__(self):
        super().__init__("key for this vault file")


def _short(exc: Exception) -> str:
    return str(exc).splitlines()[0][:120]


READ_ONLY_PRAGMAS = ("PRAGMA foreign_keys = ON", "PRAGMA temp_store = MEMORY",
                     f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")


def create_vault_engine(path: Path, data_key: bytes, *, pool_size: int = 5,
                        echo: bool = False, read_only: bool = False) -> Engine:
    """The one engine of an unlocked vault.

    Pool: QueuePool, on purpose. The dialect's default for file databases would key a new
    connection per checkout (NullPool) or keep one per thread forever (SingletonThreadPool);
    a bounded queue keys each connection once and shares it between the GUI thread and the
    worker thread safely (check_same_thread=False, one checkout at a time).
    """
    key = bytes(data_key)

    def creator():
        conn = connect_raw(path, key, read_only=read_only)
        try:
            for pragma in READ_ONLY_PRAGMAS if read_only else CONNECTION_PRAGMAS:
                conn.execute(pragma)
        except sqlcipher.DatabaseError as exc:
            conn.close()
            raise VaultDamaged(_short(exc)) from None
        return conn

    # LIFO: the connection used last is used next, so its page cache (decrypted pages,
    # up to 16 MiB) stays warm, and the others stay cold and small instead of each
    # filling its own copy as FIFO would rotate through them.
    engine = create_engine("sqlite://", creator=creator, module=sqlcipher, poolclass=QueuePool,
                           pool_size=pool_size, max_overflow=10, pool_pre_ping=False,
                           pool_use_lifo=True, echo=echo)
    _control_transactions(engine)
    return engine


def _control_transactions(engine: Engine) -> None:
    """Emit BEGIN ourselves: IMMEDIATE for write sessions, so two writers never both read a
    chain head and then collide; plain (deferred) BEGIN for readers, which WAL never blocks."""

    @event.listens_for(engine, "begin")
    def _begin(conn):
        if conn.get_execution_options().get("ccc_write"):
            conn.exec_driver_sql("BEGIN IMMEDIATE")
        else:
            conn.exec_driver_sql("BEGIN")
