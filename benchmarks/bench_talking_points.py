"""Talking-point figures on 20,000 versions across 10 audiences (issue 5).

    .venv/bin/python benchmarks/bench_talking_points.py [--versions 20000]

The vault is generated straight into the tables in one transaction (setup, not measured):
2,000 lines of every kind, 10 versions each (older ones superseded, the latest approved,
some with a newer version in review, some flagged, some expired), each line for 1–3 of the
10 audiences.

- compute the current line for all audiences (current_line.compute over every version),
  median of 30 — target <= 50 ms; floor: one bare pass over the same versions
- the board shows data that has arrived (LineBoard.show_board: audience counts, the chosen
  audience's lines laid out and painted), median over the 10 audiences — target <= 100 ms;
  floor: the same words as plain text in the same widget
- for information: the service call (read every version, then compute), median of 10
"""

import argparse
import json
import os
import random
import statistics
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from benchmarks.common import Row, make_vault, table, temp_dir  # noqa: E402

VERSIONS_PER_LINE = 10
WORDS = ("card", "store", "bank", "sorry", "hotline", "monitoring", "replace", "safe",
         "statement", "investigation", "customers", "charges", "update", "daily", "free")


def _text(rnd, n: int) -> str:
    return " ".join(rnd.choices(WORDS, k=n)).capitalize() + "."


def generate(vault, n_versions: int, seed: int = 5) -> int:
    """Insert lines and versions directly (the services' per-version checks and audit seals
    would make setup take minutes; what is measured reads the same rows)."""
    from sqlalchemy import text

    from commandcenter.models.base import new_id
    from commandcenter.models.talking_point import AUDIENCES, KINDS
    from commandcenter.services import incidents

    inc = incidents.create_incident(vault, data=incidents.IncidentInput("INC-1", "Breach"))
    rnd, now = random.Random(seed), datetime.now(UTC)
    points, versions = [], []
    for p in range(n_versions // VERSIONS_PER_LINE):
        pid = new_id()
        points.append(_point(vault, pid, inc.id, rnd.choice(KINDS),
                             rnd.sample(AUDIENCES, rnd.randint(1, 3)), now))
        latest = VERSIONS_PER_LINE - (1 if p % 5 == 0 else 0)  # every 5th: one in review
        for n in range(1, VERSIONS_PER_LINE + 1):
            status = ("superseded" if n < latest else "approved" if n == latest
                      else "in_review")
            if n == latest and p % 17 == 0:
                status = "needs_review"
            expires = now - timedelta(hours=1) if (n == latest and p % 23 == 0) else \
                now + timedelta(days=rnd.choice((1, 3, 30)))
            versions.append(_version(vault, pid, n, status, rnd, now, expires))
    with vault.write() as session:
        conn = session.connection()
        conn.execute(text(_insert("talking_point", points[0])), points)
        conn.execute(text(_insert("talking_point_version", versions[0])), versions)
    return len(versions)


def _insert(table_name: str, row: dict) -> str:
    return (f"INSERT INTO {table_name} ({', '.join(row)}) VALUES "
            f"({', '.join(':' + c for c in row)})")


def _point(vault, pid, incident_id, kind, audiences, now) -> dict:
    from commandcenter.models.base import iso

    return dict(id=pid, origin_vault_id=vault.vault_id, created_at=iso(now), created_by=None,
                updated_at=iso(now), updated_by=None, incident_id=incident_id, kind=kind,
                audiences=json.dumps(audiences), channels="[]", language="en",
                template_key="", retired_at=None)


def _version(vault, pid, n, status, rnd, now, expires) -> dict:
    from commandcenter.models.base import iso, new_id

    approved = status in ("approved", "needs_review", "superseded")
    return dict(
        id=new_id(), origin_vault_id=vault.vault_id, created_at=iso(now), created_by=None,
        updated_at=iso(now), updated_by=None, point_id=pid, version=n, status=status,
        title=_text(rnd, 4), question="", body=_text(rnd, 40), pillars="[]", we_know="",
        we_dont_know="", we_are_doing="", you_should_do="", empathy_line=_text(rnd, 8),
        next_update_due=None, valid_from=None, expires_at=iso(expires),
        review_by=iso(now + timedelta(days=2)), review_round=1, submitted_at=iso(now),
        approved_at=iso(now) if approved else None, reject_reason="", flag_reason="",
        flagged_at=None)


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
        vault, _ = make_vault(Path(tmp))
        made = generate(vault, args.versions)
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
