"""Unlock costs: passphrase unlock with the KDF calibrated on this machine (target 0.3–1.0 s)
and opening the database with the raw key (engine + first query; target <= 5 ms).

Floors measured in the same run: one Argon2id derivation with the same parameters (the part
of a passphrase unlock that is there on purpose), and plain sqlite3 opening a file and
running the same first query."""

import sqlite3
from pathlib import Path

from common import PASSPHRASE, Row, median, temp_dir, timed

RUNS = 7


def _passphrase_unlock(tmp: Path) -> list[Row]:
    from commandcenter.vault import crypto, lifecycle

    params = crypto.calibrate_kdf()
    from common import make_vault

    vault, paths = make_vault(tmp, kdf=params.to_dict())
    operator_id = vault.actor.id
    vault.lock()
    unlocks, kdfs = [], []
    for _ in range(RUNS):
        opened = []
        unlocks.append(timed(lambda: opened.append(lifecycle.unlock_with_passphrase(
            paths, operator_id=operator_id, passphrase=PASSPHRASE))))
        opened[0].lock()
        kdfs.append(timed(lambda: crypto.derive_key(PASSPHRASE, b"\0" * 16, params)))
    value = median(unlocks)
    return [Row("unlock: passphrase (calibrated Argon2id)", value, "s", "0.3–1.0 s",
                0.3 <= value <= 1.0, floor=median(kdfs), ratio=value / median(kdfs),
                runs=unlocks,
                note=f"Argon2id {params.memory_kib // 1024} MiB, {params.iterations} passes, "
                     f"{params.lanes} lanes (calibrate_kdf); floor = one derivation")]


def _raw_key_open(tmp: Path) -> list[Row]:
    from sqlalchemy import text

    from commandcenter.vault import engine as vault_engine
    from common import make_vault

    vault, paths = make_vault(tmp / "raw")
    key = vault.data_key
    vault.lock()

    def open_and_query():
        engine = vault_engine.create_vault_engine(paths.db, key)
        with engine.connect() as conn:
            conn.execute(text("SELECT count(*) FROM sqlite_master")).scalar()
        engine.dispose()

    plain_db = tmp / "plain.db"
    conn = sqlite3.connect(plain_db)
    conn.execute("CREATE TABLE t (x)")
    conn.close()

    def plain_open_and_query():
        c = sqlite3.connect(plain_db)
        c.execute("SELECT count(*) FROM sqlite_master").fetchone()
        c.close()

    open_and_query()  # warm imports and the file cache
    opens = [timed(open_and_query) for _ in range(RUNS)]
    plain = [timed(plain_open_and_query) for _ in range(RUNS)]
    value = median(opens)
    return [Row("unlock: raw-key open (engine + first query)", value, "s", "<= 5 ms",
                value <= 0.005, floor=median(plain), ratio=value / median(plain), runs=opens,
                note="create_vault_engine (QueuePool, key + 6 pragmas per connection) then "
                     "SELECT on sqlite_master, then dispose; floor = stdlib sqlite3 "
                     "connect + same query")]


def run() -> list[Row]:
    with temp_dir("unlock") as tmp:
        return _passphrase_unlock(Path(tmp)) + _raw_key_open(Path(tmp))


if __name__ == "__main__":
    from common import table

    print(table(run()))
