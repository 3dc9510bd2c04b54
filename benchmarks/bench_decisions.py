"""Decision-log figures on the generated vault of 100,000 entries (issue 4; the vault is
issue 9's, benchmarks/gen: 60 % of the entries in the active incident, one in ten an
amendment).

    .venv/bin/python benchmarks/bench_decisions.py [--entries 100000]

- append one entry (log_decision: validation, numbering, hash, FTS, head, audit seal,
  commit with synchronous=FULL), p95 of 400 — target <= 5 ms; floor, interleaved with it:
  a one-row commit of stdlib sqlite3 in WAL mode with synchronous=FULL on the same disk
- verify the chain of 10,000 entries (a separate 10,000-entry vault), median of 5 — <= 1 s
- search p95 over 200 queries (words drawn from the generated vocabulary) — <= 10 ms
- first paint of the log view: data requested -> first page in the model, painted — <= 100 ms
- filter change: status/due/incomplete/tag filters, request -> rows shown — <= 100 ms
"""

import argparse
import os
import random
import statistics
import sys
import time
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from benchmarks.common import Row, generated_vault, table, temp_dir  # noqa: E402
from benchmarks.gen import Scale  # noqa: E402
from benchmarks.gen.rows import WORDS  # noqa: E402

# The 10,000-entry vault whose chain is verified: the same shape, a tenth of the size.
TEN_THOUSAND = Scale().scaled(0.1)

def p95(values: list[float]) -> float:
    return sorted(values)[int(len(values) * 0.95) - 1]


def bench_append(vault) -> list[float]:
    from commandcenter.services import decisions as d

    runs = []
    for i in range(200):
        data = d.DecisionInput(f"Appended {i}", "Benchmark", ("Dana",))
        start = time.perf_counter()
        d.log_decision(vault, data=data)
        runs.append(time.perf_counter() - start)
    return runs


def bench_commit_floor(root: Path) -> list[float]:
    """The floor under an append: one small row committed by stdlib sqlite3 in WAL mode with
    synchronous=FULL, in the same folder (same disk). Its flush is the disk's, not the app's."""
    import sqlite3

    root.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(root / "floor.db", isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT)")
    runs = []
    for i in range(200):
        start = time.perf_counter()
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("INSERT INTO t (body) VALUES (?)", (f"Appended {i} " * 20,))
        conn.execute("COMMIT")
        runs.append(time.perf_counter() - start)
    conn.close()
    return runs


def bench_verify(root: Path) -> list[float]:
    from commandcenter.services import decisions as d

    vault, _, _ = generated_vault(root, TEN_THOUSAND)
    runs = []
    for _ in range(5):
        with vault.read() as session:
            start = time.perf_counter()
            report = d.verify_log(session)
            runs.append(time.perf_counter() - start)
        assert report.ok and report.count == 10_000, report.message
    vault.lock()
    return runs


def bench_search(vault) -> list[float]:
    from commandcenter.services import decisions as d

    rnd = random.Random(7)
    queries = [rnd.choice(WORDS) if i % 3 else f"{rnd.choice(WORDS)} {rnd.choice(WORDS)}"
               for i in range(200)]
    runs = []
    for q in queries:
        start = time.perf_counter()
        page = d.page(vault, filters=d.Filters(text=q))
        runs.append(time.perf_counter() - start)
        assert not page.message
    return runs


def bench_view(vault) -> tuple[list[float], list[float]]:
    """First paint and filter changes of the real view, through the session and Runner."""
    from PySide6.QtWidgets import QApplication

    from commandcenter.services import decisions as d
    from ui.session import VaultSession
    from ui.snapshot import take
    from ui.views.decisions import DecisionLogView
    from ui.workers import Runner

    app = QApplication.instance() or QApplication([])
    runner = Runner()
    session = VaultSession(runner)
    session.vault = vault
    view = DecisionLogView(session)
    view.resize(1080, 700)
    view.show()
    snap = take(vault, detect_keychain=False)

    def until_painted(trigger) -> float:
        start = time.perf_counter()
        trigger()
        while not runner.idle:
            runner.wait(10)
        view.repaint()
        app.processEvents()
        return time.perf_counter() - start

    first = []
    for _ in range(7):
        view.model.clear()
        first.append(until_painted(lambda: view.reload_list()))
    view.show_snapshot(snap)
    runner.wait()
    changes = []
    f = view.filters
    steps = [lambda: f.status.setCurrentIndex(1), lambda: f.status.setCurrentIndex(3),
             lambda: f.status.setCurrentIndex(0), lambda: f.due.setChecked(True),
             lambda: f.due.setChecked(False), lambda: f.incomplete.setChecked(True),
             lambda: f.incomplete.setChecked(False), lambda: f.tag.setCurrentIndex(1),
             lambda: f.tag.setCurrentIndex(0)]
    for step in steps * 2:
        changes.append(until_painted(step))
    assert view.model.rowCount() == d.PAGE
    view.close()
    runner.shutdown()
    session.vault = None
    return first, changes


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--entries", type=int, default=100_000)
    args = parser.parse_args()
    with temp_dir("decisions") as tmp:
        vault, _, manifest = generated_vault(Path(tmp) / "big",
                                             replace(Scale(), decision_entries=args.entries))
        made = manifest["seconds"]
        append, floor = [], []
        for _ in range(2):  # interleaved, so a busy disk slows both sides alike
            append += bench_append(vault)
            floor += bench_commit_floor(Path(tmp) / f"floor{len(floor)}")
        search = bench_search(vault)
        first, changes = bench_view(vault)
        vault.lock()
        verify = bench_verify(Path(tmp) / "ten")
    ms = 1000
    rows = [
        Row("append one entry (p95)", p95(append) * ms, "ms", "<= 5 ms", p95(append) <= .005,
            floor=p95(floor) * ms, ratio=p95(append) / p95(floor),
            note=f"median {statistics.median(append) * ms:.2f} ms, {len(append)} appends on "
                 f"{args.entries:,} entries; floor: one-row commit of bare SQLite, WAL + "
                 f"synchronous=FULL, same disk (median {statistics.median(floor) * ms:.2f} ms)"),
        Row("verify 10,000-entry chain (median)", statistics.median(verify), "s", "<= 1 s",
            statistics.median(verify) <= 1.0),
        Row("search (p95)", p95(search) * ms, "ms", "<= 10 ms", p95(search) <= .010,
            note=f"median {statistics.median(search) * ms:.2f} ms, 200 queries"),
        Row("first paint of the log view (median)", statistics.median(first) * ms, "ms",
            "<= 100 ms", statistics.median(first) <= .1,
            note=f"max {max(first) * ms:.1f} ms"),
        Row("filter change (p95)", p95(changes) * ms, "ms", "<= 100 ms", p95(changes) <= .1,
            note=f"median {statistics.median(changes) * ms:.1f} ms"),
    ]
    print(f"{args.entries:,} entries (generated once in {made:.1f} s, then cached)")
    print(table(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
