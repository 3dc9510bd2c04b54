"""Journey-map chart figures (issue 7), for an 8 × 6 map (8 stakeholder groups, 6 phases).

    .venv/bin/python benchmarks/bench_journey.py [--runs 7]

- first chart after the map is opened, matplotlib import included: a fresh process builds the
  app's ChartCanvas on screen with the map's data already read (as the view has it when the
  worker's read arrives), then times show_data → the picture drawn on the chart thread and
  shown; median of --runs processes. Floor (same run, interleaved): a fresh process that
  imports matplotlib and draws an empty figure into an image — the cost no chart can avoid.
  Target <= 1.5 s.
- redraw after an edit: one cell's sentiment changes, show_data → shown (the heat map
  repaints only changed cells); median of 25 per process. Floor: a round trip to the chart
  thread with nothing drawn. The full redraw is reported beside it. Target <= 100 ms.
- beside it, the same with matplotlib already imported (a chart drawn earlier).
- the first window paints before matplotlib is imported: `python -m ui.app --measure-startup`
  on a fresh vault lists the modules loaded at first paint."""

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(HERE))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from common import Row, make_vault, table, temp_dir  # noqa: E402

GROUPS, PHASES = 8, 6


def map_data():
    """An 8 × 6 JourneyData in memory: every cell filled, a few empty or stale, one overdue
    promise, a timeline — the shape the view draws."""
    from datetime import UTC, datetime, timedelta

    from commandcenter.models import JourneyCell, JourneyPhase, StakeholderGroup
    from commandcenter.models import TimelineEvent, UpdatePromise
    from commandcenter.services.journey.query import JourneyData

    now = datetime.now(UTC)
    common = {"origin_vault_id": "bench", "incident_id": "inc"}
    phases = [JourneyPhase(id=f"p{n}", name=f"Phase {n + 1}", position=n, **common)
              for n in range(PHASES)]
    groups = [StakeholderGroup(id=f"g{n}", key=f"group_{n}", name=f"Stakeholder group {n + 1}",
                               position=n, **common) for n in range(GROUPS)]
    cells = {}
    for r, g in enumerate(groups):
        for c, p in enumerate(phases):
            if (r + c) % 7 == 3:
                continue  # an empty cell now and then
            cells[(p.id, g.id)] = JourneyCell(
                phase_id=p.id, stakeholder_id=g.id, context="What they need to know",
                channel="Email", sentiment=(r + c) % 5 - 2,
                updated_at=now - timedelta(hours=72 if (r * c) % 5 == 1 else 1), **common)
    events = [TimelineEvent(at=now - timedelta(days=PHASES - n), kind="other", title="x",
                            phase_id=p.id, **common) for n, p in enumerate(phases)]
    promise = UpdatePromise(stakeholder_id="g3", promised_at=now - timedelta(days=1),
                            due_at=now - timedelta(hours=2), **common)
    return JourneyData(now, object(), phases, groups, cells, events, [], [promise])


WARM_MODULES = ("matplotlib.figure", "matplotlib.backends.backend_agg", "matplotlib.colors",
                "matplotlib.patches", "matplotlib.dates")


def _until_drawn(app) -> None:
    from ui.charts.picture import charts_idle

    while not charts_idle():
        app.processEvents()
        time.sleep(0.0005)


def child(mode: str) -> None:
    """One measurement in this (fresh) process; prints one JSON line."""
    import importlib

    from PySide6.QtWidgets import QApplication

    app = QApplication([])
    if mode == "floor":
        started = time.perf_counter()
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure

        from ui.charts.picture import image_of

        figure = Figure(figsize=(9.8, 6.2))
        FigureCanvasAgg(figure).draw()
        image_of(figure)
        print(json.dumps({"seconds": time.perf_counter() - started}))
        return
    from ui import theme
    from ui.charts.canvas import ChartCanvas
    from ui.charts.picture import charts_runner

    theme.apply(app, dark=False)
    data = map_data()  # read by the worker before the chart is asked for
    if mode == "warm":  # matplotlib already imported (a chart was drawn earlier)
        for name in WARM_MODULES:
            importlib.import_module(name)
    canvas = ChartCanvas("journey-map", "")
    canvas.resize(980, 620)
    canvas.show()
    app.processEvents()
    before = "matplotlib" in sys.modules and mode != "warm"
    started = time.perf_counter()
    canvas.show_data(data)
    _until_drawn(app)
    first = time.perf_counter() - started
    redraws, floors, full = [], [], []
    for n in range(25):
        cell = data.cells[(data.phases[n % PHASES].id, data.stakeholders[n % GROUPS].id)] \
            if (data.phases[n % PHASES].id, data.stakeholders[n % GROUPS].id) in data.cells \
            else next(iter(data.cells.values()))
        cell.sentiment = (cell.sentiment + 3) % 5 - 2  # the edit
        t0 = time.perf_counter()
        canvas.show_data(data)
        _until_drawn(app)
        redraws.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        charts_runner().run(lambda: None)  # a round trip to the chart thread: the floor
        _until_drawn(app)
        floors.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        canvas.figure.canvas.draw()  # for reference: the whole map drawn again (idle thread)
        full.append(time.perf_counter() - t0)
    print(json.dumps({"seconds": first, "matplotlib_before": before, "paint": canvas.last_paint,
                      "redraw": redraws, "redraw_floor": floors, "full": full}))


def _spawn(mode: str) -> dict:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", CCC_THEME="light")
    out = subprocess.run([sys.executable, __file__, "--child", mode], cwd=REPO, env=env,
                         capture_output=True, text=True, timeout=120)
    line = next((x for x in out.stdout.splitlines() if x.startswith("{")), None)
    if line is None:
        raise RuntimeError(f"child {mode} failed: {out.stderr[-500:]}")
    return json.loads(line)


def _paint_before_matplotlib() -> tuple[bool, str]:
    from bench_startup import _measure

    with temp_dir("journey-startup") as tmp:
        vault, paths = make_vault(Path(tmp))
        vault.lock()
        report, _, err = _measure([sys.executable, "-m", "ui.app", "--measure-startup",
                                   "--data-dir", str(paths.data_dir)])
    if report is None:
        return False, f"no report: {err}"
    loaded = "matplotlib" in report["modules"]
    return not loaded, f"first paint at {report['first_paint_s']:.3f} s; matplotlib " \
                       f"{'ALREADY' if loaded else 'not yet'} imported"


def run(runs: int = 7) -> list[Row]:
    firsts, floors, redraws, redraw_floors, full, before = [], [], [], [], [], False
    warm = []
    for _ in range(runs):  # interleaved, so a busy moment slows both sides
        floors.append(_spawn("floor")["seconds"])
        warm.append(_spawn("warm")["seconds"])
        report = _spawn("first")
        firsts.append(report["seconds"])
        before |= report["matplotlib_before"]
        redraws += report["redraw"]
        redraw_floors += report["redraw_floor"]
        full += report["full"]
    first, floor = statistics.median(firsts), statistics.median(floors)
    redraw, redraw_floor = statistics.median(redraws), statistics.median(redraw_floors)
    paints_first, paint_note = _paint_before_matplotlib()
    return [
        Row("journey: first chart incl. matplotlib import (8×6)", first, "s", "<= 1.5 s",
            first <= 1.5, floor=floor, ratio=first / floor, runs=firsts,
            note=f"matplotlib imported before the map opened: {before}; floor = import "
                 "matplotlib + draw an empty figure into an image, fresh process"),
        Row("journey: first chart, matplotlib already imported", statistics.median(warm),
            "s", "<= 1.5 s", statistics.median(warm) <= 1.5, runs=warm,
            note="after another chart has been drawn in the session; the drawing itself"),
        Row("journey: redraw after an edit (8×6)", redraw, "s", "<= 100 ms",
            redraw <= 0.1, floor=redraw_floor, ratio=redraw / redraw_floor,
            note=f"median of {len(redraws)}; only the edited cell is repainted, on the chart "
                 f"thread; floor = a round trip to the chart thread with nothing drawn; a "
                 f"full redraw of the map takes {statistics.median(full) * 1000:.0f} ms"),
        Row("journey: first window paints before matplotlib", None, "", "yes",
            paints_first, note=paint_note),
    ]


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--child", choices=("first", "floor", "warm"))
    args = parser.parse_args()
    if args.child:
        child(args.child)
    else:
        print(table(run(args.runs)))
