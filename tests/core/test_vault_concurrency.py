"""Eight threads at once: each gets its own keyed connection with every pragma set, and
concurrent writers all commit with a gapless, verifying audit chain."""

import threading

from sqlmodel import func, select

from commandcenter.models import AuditEntry
from commandcenter.services import audit

THREADS = 8
EXPECTED_PRAGMAS = {"journal_mode": "wal", "synchronous": 2, "foreign_keys": 1,
                    "temp_store": 2, "secure_delete": 1}


def _run_threads(target) -> list:
    """Run `target(i)` on 8 threads; return their results, re-raising the first error."""
    results: list = [None] * THREADS
    errors: list = []

    def run(i):
        try:
            results[i] = target(i)
        except BaseException as exc:  # noqa: BLE001  (re-raised on the test's thread)
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    if errors:
        raise errors[0]
    return results


def test_eight_threads_each_hold_a_keyed_connection_with_the_pragmas(vault):
    barrier = threading.Barrier(THREADS, timeout=30)

    def check(_):
        with vault.engine.connect() as conn:
            raw = conn.connection.dbapi_connection
            barrier.wait()  # all eight connections are checked out at the same moment
            found = {name: raw.execute(f"PRAGMA {name}").fetchone()[0]
                     for name in EXPECTED_PRAGMAS}
            # Keyed: the schema is readable on this very connection.
            tables = raw.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
            barrier.wait()  # nobody returns theirs before everyone has looked
            return id(raw), found, tables

    results = _run_threads(check)
    assert len({conn_id for conn_id, _, _ in results}) == THREADS
    for _, found, tables in results:
        assert found == EXPECTED_PRAGMAS
        assert tables > 5


def test_eight_concurrent_writers_keep_a_gapless_chain(vault):
    per_thread = 15
    with vault.read() as session:
        start = session.exec(select(func.count()).select_from(AuditEntry)).one()
    barrier = threading.Barrier(THREADS, timeout=30)

    def write(i):
        barrier.wait()
        written = []
        for n in range(per_thread):
            with vault.write() as session:
                written.append(audit.record(vault, session, "test.note", "test", None,
                                            {"thread": i, "n": n}).seq)
        return written

    results = _run_threads(write)
    seqs = sorted(s for written in results for s in written)
    assert len(seqs) == THREADS * per_thread
    assert seqs == list(range(start + 1, start + 1 + THREADS * per_thread))
    with vault.read() as session:
        report = audit.verify_chain(session)
    assert report.ok and report.count == start + THREADS * per_thread
