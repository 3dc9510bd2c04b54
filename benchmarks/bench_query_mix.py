"""SQLCipher against plain SQLite on the app's own query mix (issue 9), on the war-room
vault (benchmarks/gen).

    .venv/bin/python benchmarks/bench_query_mix.py [--runs 5]

1. Record: on an unlocked copy of the generated vault, a SQLAlchemy `before_cursor_execute`
   listener records every statement (and its parameters, as sent to the driver) while a
   scripted session calls what the views call: the dashboard snapshot, decision pages
   (filters, search), talking-point lists and board, roster with line states, journey and
   timeline, the audit trail, then writes — decisions logged and timeline events added,
   each in its own transaction as the services do.
2. Replay the recording, statement for statement (transactions included), on a fresh copy
   of the encrypted vault (the vault's own raw-key connection and pragmas) and on a fresh
   plain copy made from it with sqlcipher_export (stdlib sqlite3, the same pragmas;
   `--same-engine`: SQLCipher's own SQLite build, unkeyed, so only the encryption differs).
   Copies are made before each timed replay; sides interleaved; median of --runs.
   Reads and writes are timed separately. Target: SQLCipher <= 1.3x plain.
3. The ratio is the median of each run's own ratio (its SQLCipher replay over the plain one
   right after it): this machine's speed drifts by a third from one minute to the next,
   and a ratio of two medians taken at different moments carried that drift into it.
   Python's cyclic collector is off while a replay is timed (fetching 30,000 rows makes
   enough objects to start full collections, which land in one side's replay and not the
   other's).

The plain copy holds only generated benchmark words; it lives in a temporary folder and is
deleted with it.
"""

import argparse
import gc
import os
import shutil
import sqlite3
import statistics
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.common import Row, generated_vault, table, temp_dir  # noqa: E402

TARGET = 1.3
# Beside the app's exact pragmas (a 16 MiB page cache among them): SQLite's default 2 MiB
# cache on both sides, which shows how much of the gap is pages decrypted again after they
# fell out of a small cache.
VARIANTS = {"app pragmas": [], "SQLite's default 2 MiB cache": ["PRAGMA cache_size = -2000"]}


def record(vault) -> list[tuple[str, object, bool]]:
    """The statements a scripted session sends to the driver, in order."""
    from sqlalchemy import event

    calls: list[tuple[str, object, bool]] = []

    def listen(conn, cursor, statement, parameters, context, executemany):
        calls.append((statement, parameters, executemany))

    # COMMIT and ROLLBACK go through the DB-API's commit()/rollback(), not a cursor, and a
    # read session ends with the pool's reset on return.
    hooks = [(vault.engine, "before_cursor_execute", listen),
             (vault.engine, "commit", lambda conn: calls.append(("COMMIT", None, False))),
             (vault.engine, "rollback", lambda conn: calls.append(("ROLLBACK", None, False))),
             (vault.engine.pool, "reset",
              lambda *args: calls.append(("ROLLBACK", None, False)))]
    for target, name, fn in hooks:
        event.listen(target, name, fn)
    try:
        _session(vault)
    finally:
        for target, name, fn in hooks:
            event.remove(target, name, fn)
    return calls


def _session(vault) -> None:
    from commandcenter.services import audit, briefing, journey, roster
    from commandcenter.services import decisions as d
    from commandcenter.services import talking_points as tp
    from ui.snapshot import take

    take(vault, detect_keychain=False)
    d.page(vault, filters=d.Filters())
    d.page(vault, filters=d.Filters(status="in_force"))
    d.page(vault, filters=d.Filters(text="cardalpha"))
    d.page(vault, filters=d.Filters(text="bankdelta mediaecho"))
    tp.list_lines(vault)
    tp.list_lines(vault, audience="media")
    tp.approval_queue(vault)
    tp.board(vault)
    briefing.states(vault)
    roster.rows(vault)
    journey.load(vault)
    audit.recent_entries(vault, limit=200)
    now = datetime.now(UTC)
    for n in range(20):
        d.log_decision(vault, data=d.DecisionInput(
            f"Query-mix decision {n}", "Recorded for the benchmark", ("Bench Lead",)))
        journey.add_event(vault, data=journey.EventInput(
            now - timedelta(minutes=n), "other", f"Query-mix event {n}"))


def _plain_copy(vault, out: Path) -> None:
    """sqlcipher_export into an unencrypted database attached to the vault's connection."""
    with vault.engine.connect() as conn:
        raw = conn.connection.dbapi_connection
        raw.execute(f"ATTACH DATABASE '{out}' AS plaintext KEY ''")
        raw.execute("SELECT sqlcipher_export('plaintext')")
        raw.execute("DETACH DATABASE plaintext")


def _open(kind: str, path: Path, key: bytes, extra: list[str], *, same_engine=False):
    """`same_engine`: the plain copy opened with SQLCipher's own build of SQLite, unkeyed,
    instead of the stdlib's: the same SQLite version and planner on both sides, so the gap
    is the encryption alone."""
    from commandcenter.vault import engine as vault_engine

    if kind == "sqlcipher":
        conn = vault_engine.connect_raw(path, key)
    elif same_engine:
        import sqlcipher3.dbapi2 as sqlcipher

        conn = sqlcipher.connect(str(path), isolation_level=None, check_same_thread=False)
    else:
        conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    conn.isolation_level = None  # the recording carries its own BEGIN/COMMIT
    for pragma in [*vault_engine.CONNECTION_PRAGMAS, *extra]:
        conn.execute(pragma)
    return conn


def replay(conn, calls) -> tuple[float, float]:
    """(seconds in reads, seconds in writes): a transaction that writes counts as writes."""
    reads = writes = 0.0
    in_write = False
    for statement, params, many in calls:
        word = statement.lstrip().split(None, 1)[0].upper()
        if word == "BEGIN" and "IMMEDIATE" in statement.upper():
            in_write = True
        if word in ("COMMIT", "ROLLBACK") and not conn.in_transaction:
            continue  # the pool's reset after an explicit end: nothing to end
        if word == "BEGIN" and conn.in_transaction:
            conn.execute("ROLLBACK")  # a read whose end was not recorded
        start = time.perf_counter()
        if many:
            conn.executemany(statement, params)
        else:
            cur = conn.execute(statement, params or ())
            if word in ("SELECT", "WITH", "PRAGMA"):
                cur.fetchall()
        spent = time.perf_counter() - start
        if in_write or word in ("INSERT", "UPDATE", "DELETE"):
            writes += spent
        else:
            reads += spent
        if word in ("COMMIT", "ROLLBACK"):
            in_write = False
    return reads, writes


def run(runs: int = 5, *, same_engine: bool = False, cache_mib: tuple[int, ...] = ()
        ) -> list[Row]:
    """`cache_mib`: more variants, each the app's pragmas with a page cache of that size."""
    variants = dict(VARIANTS, **{f"{mib} MiB page cache": [f"PRAGMA cache_size = -{mib * 1024}"]
                                 for mib in cache_mib})
    with temp_dir("querymix") as tmp:
        root = Path(tmp)
        vault, paths, _ = generated_vault(root)
        key = vault.data_key
        # The vault as the session starts from, both ways, before recording changes it.
        vault.lock()
        pristine = root / "pristine.db"
        shutil.copy(paths.db, pristine)
        from benchmarks.gen.vault import unlock

        vault = unlock(paths)
        _plain_copy(vault, root / "plain-pristine.db")
        calls = record(vault)
        vault.lock()
        times = {(v, k, w): [] for v in variants for k in ("sqlcipher", "sqlite")
                 for w in ("reads", "writes")}
        for _ in range(runs):
            for variant, extra in variants.items():
                for kind, source in (("sqlcipher", pristine),
                                     ("sqlite", root / "plain-pristine.db")):
                    target = root / f"replay-{kind}.db"
                    for suffix in ("", "-wal", "-shm"):
                        Path(str(target) + suffix).unlink(missing_ok=True)
                    shutil.copy(source, target)
                    os.sync()  # written out before it is timed, as gen.copy_vault does
                    conn = _open(kind, target, key, extra, same_engine=same_engine)
                    gc.collect()
                    gc.disable()  # the database's time, not a collection of Python's
                    try:
                        reads, writes = replay(conn, calls)
                    finally:
                        gc.enable()
                    conn.close()
                    times[(variant, kind, "reads")].append(reads)
                    times[(variant, kind, "writes")].append(writes)
    med = statistics.median
    rows = []
    for variant in variants:
        for work in ("reads", "writes"):
            ciphers = times[(variant, "sqlcipher", work)]
            plains = times[(variant, "sqlite", work)]
            ratios = [c / p for c, p in zip(ciphers, plains)]
            rows.append(Row(f"sqlcipher vs sqlite: app query mix, {work} [{variant}]",
                            med(ciphers), "s", f"<= {TARGET}x", med(ratios) <= TARGET,
                            floor=med(plains), ratio=med(ratios), runs=ciphers,
                            note="runs' ratios " + ", ".join(f"{r:.2f}" for r in ratios)))
    rows[0].note += (f"; {len(calls):,} recorded statements replayed (dashboard snapshot, "
                     "lists, search, roster, journey, audit; then 20 decisions and 20 events "
                     "written, each in its own BEGIN IMMEDIATE … COMMIT, synchronous=FULL); "
                     "fresh copies each run; plain = sqlcipher_export, "
                     + ("SQLCipher's own SQLite, unkeyed" if same_engine else
                        f"stdlib sqlite3 {sqlite3.sqlite_version}")
                     + "; the ratio is the median of the runs' ratios")
    return rows


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--same-engine", action="store_true",
                        help="open the plain copy with SQLCipher's SQLite, unkeyed")
    parser.add_argument("--cache-mib", type=int, nargs="*", default=[],
                        help="also replay with a page cache of these sizes (MiB)")
    args = parser.parse_args()
    print(table(run(args.runs, same_engine=args.same_engine, cache_mib=tuple(args.cache_mib))))
