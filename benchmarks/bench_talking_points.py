"""Talking-point figures on 20,000 versions across 10 audiences (issue 5).

    .venv/bin/python benchmarks/bench_talking_points.py [--versions 20000]

The vault comes from the issue 9 generator (benchmarks/gen/lines.py: rows written straight
into the tables; generated once, then cached), with every version in one incident: 2,000
lines of every kind, 10 versions each (older ones superseded, the latest approved, some with
a newer version in review, some flagged, some expired), each line for 1–3 of the 10
audiences.

- compute the current line for all audiences (current_line.compute over every version),
  median of 30 — target <= 50 ms; floor: one bare pass over the same versions
- the board shows data that has arrived (LineBoard.show_board: audience counts, the chosen
  audience's lines laid out and painted), median over the 10 audiences — target <= 100 ms;
  floor: the same words as plain text in the same widget
- for information: the service call (read every version, then compute), median of 10
"""

import argparse
import os
import statistics
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from benchmarks.common import Row, generated_vault, table, temp_dir  # noqa: E402
from benchmarks.gen import Scale  # noqa: E402


def one_incident(versions: int) -> Scale:
    """Every version in one incident, as issue 5 measured; the other areas token-sized."""
    return Scale(incidents=1, decision_entries=10, line_versions=versions, spokespersons=1,
                 timeline_events=2)


def bench_compute(infos, retired) -> tuple[list[float], list[float]]:
    from commandcenter.services.talking_points import current_line

    now = datetime.now(UTC)
    runs, floor = [], []
    for _ in range(30):
        start = time.perf_counter()
        board = current_line.compute(infos, now, retired_points=retired)
        runs.append(time.perf_counter() - start)
        start = time.perf_counter()
        sum(1 for v in infos if v.status == "approved")  # the least any computation does
        floor.append(time.perf_counter() - start)
    assert len(board.lines) == 10
    return runs, floor


def bench_board(board) -> tuple[list[float], list[float], int]:
    from PySide6.QtCore import QEvent
    from PySide6.QtWidgets import QApplication

    from commandcenter.models.talking_point import AUDIENCES
    from ui.views.line_board import LineBoard

    app = QApplication.instance() or QApplication([])
    view = LineBoard()
    view.resize(1040, 640)
    view.show()
    app.processEvents()
    runs, floor = [], []
    for audience in AUDIENCES * 2:
        view.board = None
        view.audiences.clear()
        app.processEvents()
        start = time.perf_counter()
        view.show_board(board, audience)
        view.repaint()
        app.processEvents()
        runs.append(time.perf_counter() - start)
        plain = "\n\n".join(f"{v.title}\n{v.text}" for v in board.lines[audience])
        view.page.clear()
        app.processEvents()
        start = time.perf_counter()
        view.page.setPlainText(plain)
        view.repaint()
        app.processEvents()
        floor.append(time.perf_counter() - start)
    lines = round(statistics.mean(board.count(a) for a in AUDIENCES))
    view.close()
    view.deleteLater()  # gone before the interpreter tears Qt down
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    return runs, floor, lines


def bench_service(vault) -> list[float]:
    from commandcenter.services import talking_points as tp

    runs = []
    for _ in range(10):
        start = time.perf_counter()
        tp.board(vault)
        runs.append(time.perf_counter() - start)
    return runs


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--versions", type=int, default=20_000)
    args = parser.parse_args()
    from commandcenter.services import settings
    from commandcenter.services.talking_points import current_line, query

    with temp_dir("lines") as tmp:
        vault, _, manifest = generated_vault(Path(tmp), one_incident(args.versions))
        made = manifest["counts"]["line_versions"]
        incident = settings.get_setting(vault, "active_incident_id")
        infos, retired = query.version_infos(vault, incident, every=True)
        compute, compute_floor = bench_compute(infos, retired)
        board = current_line.compute(infos, datetime.now(UTC), retired_points=retired)
        render, render_floor, per_audience = bench_board(board)
        service = bench_service(vault)
        vault.lock()
    ms, med = 1000, statistics.median
    rows = [
        Row("current line, all audiences (median)", med(compute) * ms, "ms", "<= 50 ms",
            med(compute) <= .05, floor=med(compute_floor) * ms,
            ratio=med(compute) / med(compute_floor),
            note=f"{made:,} versions, 10 audiences; floor = one bare pass over the versions; "
                 f"max {max(compute) * ms:.1f} ms"),
        Row("board shown after data arrives (median)", med(render) * ms, "ms", "<= 100 ms",
            med(render) <= .1, floor=med(render_floor) * ms,
            ratio=med(render) / med(render_floor),
            note=f"~{per_audience} current lines per audience; floor = the same words as "
                 f"plain text; max {max(render) * ms:.1f} ms"),
        Row("board service call: read + compute (median)", med(service) * ms, "ms",
            "info", True, note="runs off the GUI thread (the Runner); reads only the "
                               "versions that can be current"),
    ]
    print(f"generated {made:,} versions")
    print(table(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
