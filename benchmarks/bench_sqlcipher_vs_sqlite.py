"""SQLCipher (the vault's raw-key connection) against plain SQLite (stdlib sqlite3) on the
same workload with the same pragmas: 5,000 inserts in transactions of 100, then 5,000
indexed point lookups in random order on a new connection (cold page cache, so page
decryption is in the measurement). Fresh files each run; runs interleaved; medians of 9,
the ratio the median of each run's own ratio.

Each row's key is an id as the app makes them (models.base.new_id: a time-ordered UUID v7).

Variants: "app pragmas" (exactly what the vault sets, on both sides: HMAC-SHA256 page
authentication, engine.CIPHER_SETTINGS, and the 16 MiB page cache of CONNECTION_PRAGMAS),
"random UUID v4 keys" (the ids the app made before), and SQLCipher 4's default HMAC-SHA512,
which the vault used before and which this benchmark showed to cost about a third more on
inserts. Turning page HMACs off is not tried: it would remove the tamper detection the vault
relies on.

Where the gap comes from: SQLCipher encrypts and authenticates every page a transaction
dirties (AES-256 and HMAC-SHA256 of 4 KiB, some microseconds a page). Random keys touch many
index pages per commit, so a 5,000-row load in 50 transactions re-encrypts the same pages
many times: 1.55x with UUID v4 keys on a quiet machine (2026-12-01), 1.15x with the app's
time-ordered ids, which append to the end of the index."""

import random
import sqlite3
import uuid
from pathlib import Path

from common import Row, median, temp_dir, timed

RUNS = 9
ROWS = 5_000
BATCH = 100
TARGET = 1.3
PAYLOAD = "x" * 200


def _app_id() -> str:
    from commandcenter.models.base import new_id

    return new_id().replace("-", "")


def _uuid4() -> str:
    return uuid.uuid4().hex


# name -> (SQLCipher-only pragmas applied right after the key, pragmas for both sides, ids)
VARIANTS = {
    "app pragmas": ([], [], _app_id),
    "random UUID v4 keys": ([], [], _uuid4),
    "HMAC-SHA512, SQLCipher's default": (["PRAGMA cipher_hmac_algorithm = HMAC_SHA512"], [],
                                         _app_id),
}


def _plain(path: Path):
    from commandcenter.vault.engine import CONNECTION_PRAGMAS

    conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    for pragma in CONNECTION_PRAGMAS:
        conn.execute(pragma)
    return conn


def _cipher(key: bytes, cipher_pragmas: list[str]):
    """The vault's own connection (connect_raw: key first), then the app's pragmas."""
    from commandcenter.vault import engine as vault_engine

    def connect(path: Path):
        conn = vault_engine.connect_raw(path, key)
        for pragma in [*cipher_pragmas, *vault_engine.CONNECTION_PRAGMAS]:
            conn.execute(pragma)
        return conn
    return connect


def _insert(connect, path: Path, extra: list[str], codes: list[str]) -> float:
    conn = connect(path)
    for pragma in extra:
        conn.execute(pragma)
    conn.execute("CREATE TABLE item (id INTEGER PRIMARY KEY, code TEXT NOT NULL UNIQUE, "
                 "payload TEXT NOT NULL)")

    def work():
        for start in range(0, ROWS, BATCH):
            conn.execute("BEGIN IMMEDIATE")
            conn.executemany("INSERT INTO item (code, payload) VALUES (?, ?)",
                             [(c, PAYLOAD) for c in codes[start:start + BATCH]])
            conn.execute("COMMIT")
    try:
        return timed(work)
    finally:
        conn.close()


def _lookup(connect, path: Path, extra: list[str], order: list[str]) -> float:
    conn = connect(path)
    for pragma in extra:
        conn.execute(pragma)

    def work():
        for code in order:
            row = conn.execute("SELECT id, payload FROM item WHERE code = ?", (code,)).fetchone()
            assert row is not None
    try:
        return timed(work)
    finally:
        conn.close()


def _variant(tmp: Path, name: str, cipher_pragmas: list[str], extra: list[str], make_id,
             key: bytes) -> list[Row]:
    engines = {"sqlcipher": _cipher(key, cipher_pragmas), "sqlite": _plain}
    times = {(e, w): [] for e in engines for w in ("insert", "lookup")}
    rng = random.Random(7)
    for run in range(RUNS):
        codes = [make_id().replace("-", "") for _ in range(ROWS)]
        order = codes[:]
        rng.shuffle(order)
        for engine, connect in engines.items():  # interleaved: same conditions for both
            path = tmp / f"{name.replace(' ', '_')}-{engine}-{run}.db"
            times[(engine, "insert")].append(_insert(connect, path, extra, codes))
            times[(engine, "lookup")].append(_lookup(connect, path, extra, order))
    rows = []
    for work, label in (("insert", f"{ROWS:,} inserts, {BATCH}/txn"),
                        ("lookup", f"{ROWS:,} point lookups")):
        ciphers, plains = times[("sqlcipher", work)], times[("sqlite", work)]
        # Each run's own ratio (its two sides ran one after the other), then their median:
        # the machine's speed drifts from minute to minute, and a ratio of two medians
        # carries that drift in (as bench_query_mix does).
        ratios = [c / p for c, p in zip(ciphers, plains)]
        ratio = median(ratios)
        rows.append(Row(f"sqlcipher vs sqlite: {label} [{name}]", median(ciphers), "s",
                        f"<= {TARGET}x", ratio <= TARGET, floor=median(plains),
                        ratio=ratio, runs=ciphers,
                        note=f"runs' ratios {min(ratios):.2f}–{max(ratios):.2f}; ratio of "
                             f"the medians {median(ciphers) / median(plains):.2f}"))
    return rows


def run() -> list[Row]:
    import secrets

    key = secrets.token_bytes(32)
    rows: list[Row] = []
    with temp_dir("cipher") as tmp:
        for name, (cipher_pragmas, extra, make_id) in VARIANTS.items():
            rows += _variant(Path(tmp), name, cipher_pragmas, extra, make_id, key)
    pragmas = "journal_mode=WAL, synchronous=FULL, foreign_keys, temp_store=MEMORY, " \
              "secure_delete, busy_timeout"
    rows[0].note += (f"; both sides: {pragmas}, 16 MiB page cache; keys: the app's time-ordered "
                    "ids; SQLCipher raw key (no KDF per connection), 4 KiB pages, HMAC-SHA256 "
                    "(engine.CIPHER_SETTINGS)")
    return rows


if __name__ == "__main__":
    from common import table

    print(table(run()))
