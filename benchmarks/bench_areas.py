"""Every area's list, search and charts on the war-room vault (issue 9, benchmarks/gen).

    .venv/bin/python benchmarks/bench_areas.py

One process, Qt offscreen, each area's real view on an unlocked copy of the generated
vault, data read through the session's Runner as in the app:

- first paint: the call that loads the view's data → data arrived on the GUI thread → the
  list's next paint event handled (an event filter on its viewport; if none comes within
  NO_PAINT_S, nothing visible changed and the time is to the data shown), median of RUNS —
  target <= 100 ms. The timeline and the roster show their list before the rest of their
  data (the chart's 30,000 events, 2,000 people's line states): their first paint is the
  list's, and the time until the rest is shown is reported beside it
- scroll step: one page down (the scroll bar's page step) → painted, over SCROLL_STEPS
  pages from the top (the audit trail fetches older entries as it nears the end) — <= 20 ms
- filter change: each of the view's filters set and reset → rows shown and painted — <= 100 ms
- full-text search p95 over 200 queries in each area, as its list runs it — <= 10 ms
- journey map and timeline charts on the active incident's data: show_data → the picture
  drawn on the chart thread is shown (the first in the process includes matplotlib's import,
  which the app also leaves to the first chart) <= 1.5 s; redraw after an edit <= 100 ms;
  beside each, the longest the GUI thread went without serving its event loop meanwhile
  (a 5 ms timer), which is what a person would feel.

Areas without a filter or a search say so in the table (no invented ones).
"""

import os
import random
import statistics
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from benchmarks.common import Row, generated_vault, table, temp_dir  # noqa: E402

RUNS = 7
SCROLL_STEPS = 30
SEARCHES = 200
MS = 1000
NO_PAINT_S = 0.25  # no paint this long after the data arrived: nothing visible changed


def p95(values: list[float]) -> float:
    return sorted(values)[max(0, int(len(values) * 0.95) - 1)]


@dataclass
class Area:
    name: str
    make: Callable  # (session) -> view
    request: Callable  # (view, snapshot) -> None: the call that loads the data
    list_of: Callable  # (view) -> QTableView
    filters: list[Callable] = field(default_factory=list)  # (view) -> None, each one change
    prepare: Callable = lambda view: None  # before the first request (tab, role)
    # An area that shows its list before the rest of its data (the timeline's chart, the
    # roster's line states): its first paint is when the list is shown; the rest is timed
    # beside it.
    shown: Callable | None = None  # (view) -> the list's first rows are in


def _areas() -> list[Area]:
    from ui.snapshot import AUDIT_PAGE
    from ui.views.audit import AuditView
    from ui.views.decisions import DecisionLogView
    from ui.views.spokespersons import SpokespersonsView
    from ui.views.talking_points import TalkingPointsView
    from ui.views.timeline import TimelineView

    def decision_filters():
        f = lambda v: v.filters  # noqa: E731
        return [lambda v: f(v).status.setCurrentIndex(1), lambda v: f(v).status.setCurrentIndex(3),
                lambda v: f(v).status.setCurrentIndex(0), lambda v: f(v).due.setChecked(True),
                lambda v: f(v).due.setChecked(False), lambda v: f(v).incomplete.setChecked(True),
                lambda v: f(v).incomplete.setChecked(False), lambda v: f(v).tag.setCurrentIndex(1),
                lambda v: f(v).tag.setCurrentIndex(0)]

    def lines_prepare(v):
        v.apply_role("lead")
        v.tabs.setCurrentIndex(1)

    def audit_request(v, snap):
        """The audit list's own read (its first page; in the app it arrives with the
        dashboard snapshot, whose cost is part of unlock → dashboard ready)."""
        from commandcenter.services import audit

        v.session.call(audit.recent_entries, limit=AUDIT_PAGE, reload=False,
                       on_done=lambda entries: v.model.set_page(entries, snap.audit_total))

    return [
        Area("decision log", DecisionLogView, lambda v, s: v.reload_list(), lambda v: v.table,
             decision_filters(), prepare=lambda v: v.show_snapshot(v.session.snapshot)),
        Area("talking points (all lines)", TalkingPointsView, lambda v, s: v.reload_list(),
             lambda v: v.lines.table,
             [lambda v: v.audience.setCurrentIndex(1), lambda v: v.audience.setCurrentIndex(3),
              lambda v: v.audience.setCurrentIndex(0), lambda v: v.status.setCurrentIndex(2),
              lambda v: v.status.setCurrentIndex(0)], prepare=lines_prepare),
        Area("spokespersons (roster)", SpokespersonsView, lambda v, s: v.reload(),
             lambda v: v.table,
             [lambda v: v.audience.setCurrentIndex(1), lambda v: v.audience.setCurrentIndex(2),
              lambda v: v.audience.setCurrentIndex(0), lambda v: v.on_duty_only.setChecked(True),
              lambda v: v.on_duty_only.setChecked(False)],
             shown=lambda v: v.model.rowCount() > 0),
        Area("timeline (events + chart)", TimelineView, lambda v, s: v.show_snapshot(s),
             lambda v: v.table, shown=lambda v: v.model.rowCount() > 0),
        Area("audit trail", AuditView, audit_request, lambda v: v.table),
    ]


class PaintWatch:
    """When a widget last got a paint event (an event filter, one per widget)."""

    _watches: dict = {}

    @classmethod
    def on(cls, widget) -> "PaintWatch":
        if id(widget) not in cls._watches:
            cls._watches[id(widget)] = cls(widget)
        return cls._watches[id(widget)]

    def __init__(self, widget):
        from PySide6.QtCore import QEvent, QObject

        watch = self
        self.last = 0.0  # perf_counter() of the last paint event

        class Filter(QObject):
            def eventFilter(self, obj, event):  # noqa: N802 (Qt API)
                if event.type() == QEvent.Type.Paint:
                    watch.last = time.perf_counter()
                return False

        self.filter = Filter(widget)
        widget.installEventFilter(self.filter)


class Harness:
    """The Qt application, a Runner and a session on the unlocked vault."""

    def __init__(self, vault):
        from PySide6.QtWidgets import QApplication

        from ui import gc_policy, theme
        from ui.session import VaultSession
        from ui.snapshot import take
        from ui.workers import Runner

        self.app = QApplication.instance() or QApplication([])
        gc_policy.tune()  # the collector's thresholds as the app sets them (ui.controller)
        theme.apply(self.app, dark=False)
        self.runner = Runner()
        self.session = VaultSession(self.runner)
        self.session.vault = vault
        self.session.snapshot = take(vault, detect_keychain=False)
        self.idle_at = 0.0  # when the Runner last became idle: a result was delivered
        self.unpainted = 0  # changes after which the list had nothing to repaint
        self.complete = 0.0  # request → every job of it delivered (areas with `shown`)
        self.runner.busy_changed.connect(
            lambda busy: busy or setattr(self, "idle_at", time.perf_counter()))

    def settle(self) -> None:
        """Every job done and delivered, and none started by what the deliveries did (the
        roster reads its line states once its rows have painted)."""
        from ui.settled import settled

        while True:
            while not self.runner.idle:
                self.runner.wait(10)
            self.app.processEvents()
            if settled(self.runner):
                return

    def until_painted(self, widget, trigger, shown: Callable[[], bool] | None = None) -> float:
        """trigger() → every job it started delivered → a paint event of `widget` handled
        after that (the one Qt schedules for the change; a forced repaint if Qt schedules
        none within a second, e.g. nothing visible changed)."""
        watch = PaintWatch.on(widget)
        start = time.perf_counter()
        self.idle_at = start
        trigger()
        if shown is None:
            self.settle()
            ready = max(start, self.idle_at)  # the last job's result was delivered
        else:
            while not shown():  # the list's rows are in; the rest of the data may follow
                self.app.processEvents()
                time.sleep(0.0005)
            ready = time.perf_counter()
        deadline = time.perf_counter() + NO_PAINT_S
        while watch.last < ready and time.perf_counter() < deadline:
            self.app.processEvents()
        if watch.last < ready:  # nothing on screen changed: done when the data was shown
            self.unpainted += 1
            took = ready - start
        else:
            took = time.perf_counter() - start
        if shown is not None:  # the rest of the area's data: timed, and out of the way
            self.settle()
            self.complete = max(start, self.idle_at) - start
        return took

    def until_drawn(self, canvas, data) -> tuple[float, float]:
        """A chart: show_data → its picture drawn on the chart thread and shown; and the
        longest gap between two ticks of a 5 ms timer on the GUI thread meanwhile."""
        from PySide6.QtCore import QTimer

        from ui.charts.picture import charts_idle

        ticks = [time.perf_counter()]
        timer = QTimer(interval=5)
        timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
        timer.start()
        start = time.perf_counter()
        canvas.show_data(data)
        while not charts_idle():
            self.app.processEvents()
            time.sleep(0.0005)
        took = time.perf_counter() - start
        timer.stop()
        ticks.append(time.perf_counter())
        return took, max(b - a for a, b in zip(ticks, ticks[1:]))

    def close(self) -> None:
        self.runner.shutdown()
        self.session.vault = None


def measure_area(h: Harness, area: Area) -> list[Row]:
    from PySide6.QtWidgets import QAbstractSlider

    h.unpainted = 0
    view = area.make(h.session)
    view.resize(1080, 760)
    view.show()
    area.prepare(view)
    h.settle()
    table_view = area.list_of(view)
    port = table_view.viewport()
    firsts, completes = [], []
    shown = (lambda: area.shown(view)) if area.shown else None
    for _ in range(RUNS):
        table_view.model().clear() if hasattr(table_view.model(), "clear") else None
        h.app.processEvents()
        firsts.append(h.until_painted(port, lambda: area.request(view, h.session.snapshot),
                                      shown))
        completes.append(h.complete)
    rows_shown = table_view.model().rowCount()
    bar = table_view.verticalScrollBar()
    scrolls = []
    while len(scrolls) < SCROLL_STEPS and bar.value() < bar.maximum():  # not past the end
        scrolls.append(h.until_painted(port, lambda: bar.triggerAction(
            QAbstractSlider.SliderAction.SliderPageStepAdd)))
    changes = [h.until_painted(port, lambda f=f: f(view)) for f in area.filters * 2]
    view.close()
    view.deleteLater()
    h.app.processEvents()
    first, scroll = statistics.median(firsts), statistics.median(scrolls)
    out = [
        Row(f"{area.name}: first paint (median)", first * MS, "ms", "<= 100 ms", first <= .1,
            runs=[x * MS for x in firsts],
            note=f"{rows_shown:,} rows in the model after the first page; max "
                 f"{max(firsts) * MS:.0f} ms" + (
                     f"; the list shown first, the rest of the area's data (chart, line "
                     f"states) after {statistics.median(completes) * MS:.0f} ms"
                     if area.shown else "")),
        Row(f"{area.name}: scroll step (median)", scroll * MS, "ms", "<= 20 ms", scroll <= .02,
            runs=[x * MS for x in scrolls],
            note=f"{len(scrolls)} pages down; p95 {p95(scrolls) * MS:.1f} ms, max "
                 f"{max(scrolls) * MS:.1f} ms"),
    ]
    if changes:
        out.append(Row(f"{area.name}: filter change (p95)", p95(changes) * MS, "ms",
                       "<= 100 ms", p95(changes) <= .1, runs=[x * MS for x in changes],
                       note=f"{len(changes)} changes; median "
                            f"{statistics.median(changes) * MS:.1f} ms; {h.unpainted} of the "
                            "area's measures needed no repaint (timed to the data shown)"))
    else:
        out.append(Row(f"{area.name}: filter change", None, "ms", "<= 100 ms", None,
                       note="this area has no filter"))
    return out


def _queries(rnd: random.Random, pool, n: int = SEARCHES) -> list[str]:
    """One or two words from `pool` (two in every three queries: the typical narrowing)."""
    return [rnd.choice(pool) if i % 3 == 0 else f"{rnd.choice(pool)} {rnd.choice(pool)}"
            for i in range(n)]


def _search_row(name: str, search: Callable[[str], int], queries: list[str],
                what: str) -> Row:
    """p95 of `search(query)` (which returns how many it found) over the queries."""
    runs, hits = [], []
    for q in queries:
        start = time.perf_counter()
        hits.append(search(q))
        runs.append(time.perf_counter() - start)
    value = p95(runs)
    return Row(f"{name}: full-text search (p95)", value * MS, "ms", "<= 10 ms",
               value <= .010, runs=[x * MS for x in runs],
               note=f"{len(queries)} queries of {what}; median "
                    f"{statistics.median(runs) * MS:.2f} ms; hits median "
                    f"{statistics.median(hits):,.0f}, max {max(hits):,}")


def measure_search(vault) -> list[Row]:
    """Each area's search as its list runs it: the decision log's page of matches, the
    talking points' and the roster's matching ids (their lists keep the rows they read that
    are among them), the timeline's and the audit trail's first page of matches."""
    from benchmarks.gen.roster import FIRST, LAST
    from benchmarks.gen.rows import WORDS
    from commandcenter.services import audit, roster
    from commandcenter.services import decisions as d
    from commandcenter.services import talking_points as tp
    from commandcenter.services.journey.timeline import events_page
    from ui.snapshot import AUDIT_PAGE

    def decision_page(q):
        page = d.page(vault, filters=d.Filters(text=q))
        assert not page.message, page.message
        return len(page.rows)

    rnd = random.Random(7)
    generated = "one or two generated words"
    return [
        _search_row("decision log", decision_page, _queries(rnd, WORDS),
                    f"{generated} over the active incident (a page)"),
        _search_row("talking points", lambda q: len(tp.matching_versions(vault, q)),
                    _queries(rnd, WORDS), f"{generated}; every matching version's id"),
        _search_row("spokespersons", lambda q: len(roster.matching_ids(vault, q)),
                    _queries(rnd, FIRST + LAST), "a first name, a surname or both; every "
                    "matching person's id"),
        _search_row("timeline", lambda q: len(events_page(vault, search=q).events),
                    _queries(rnd, WORDS), f"{generated} over the active incident (a page)"),
        _search_row("audit trail", lambda q: len(audit.recent_entries(
            vault, search=q, limit=AUDIT_PAGE)), _queries(rnd, WORDS),
            f"{generated}; the newest {AUDIT_PAGE} matches"),
    ]


def measure_charts(h: Harness) -> list[Row]:
    """Journey map and timeline charts on the active incident's real data."""
    from commandcenter.services import journey
    from ui.charts.canvas import ChartCanvas

    data = journey.load(h.session.vault)
    rows = []
    for chart, edit in (("journey-map", _edit_cell), ("timeline", _add_event)):
        firsts, redraws, gaps = [], [], []
        for _ in range(3):
            canvas = ChartCanvas(chart, "")
            canvas.resize(1040, 620)
            canvas.show()
            h.app.processEvents()
            took, gap = h.until_drawn(canvas, data)
            firsts.append(took)
            gaps.append(gap)
            shown = data
            for n in range(10):
                shown = edit(shown, n)
                took, gap = h.until_drawn(canvas, shown)
                redraws.append(took)
                gaps.append(gap)
            canvas.close()
            canvas.deleteLater()
            h.app.processEvents()
        first, redraw = statistics.median(firsts), statistics.median(redraws)
        size = f"{len(data.stakeholders)}×{len(data.phases)} map" if chart == "journey-map" \
            else f"{len(data.events):,} events"
        rows += [
            Row(f"{chart} chart: first drawing (median)", first, "s", "<= 1.5 s", first <= 1.5,
                runs=firsts, note=f"{size}; drawn on the chart thread; the first of all "
                                  f"{firsts[0]:.2f} s (matplotlib's import included)"),
            Row(f"{chart} chart: redraw after an edit (median)", redraw * MS, "ms",
                "<= 100 ms", redraw <= .1, runs=[x * MS for x in redraws],
                note=f"{len(redraws)} edits; last paint: {canvas.last_paint}; max "
                     f"{max(redraws) * MS:.0f} ms; the GUI thread's longest gap while "
                     f"drawing: {max(gaps) * MS:.0f} ms"),
        ]
    return rows


def _edit_cell(data, n: int):
    """One cell's sentiment changed, as after saving the cell (the same data object, as
    bench_journey edits it)."""
    cell = list(data.cells.values())[n % len(data.cells)]
    cell.sentiment = ((cell.sentiment or 0) + 3) % 5 - 2
    return data


def _add_event(data, n: int):
    """The data after "Add event…": one more event at the end."""
    from dataclasses import replace

    last = data.events[-1]
    added = last._replace(id=f"bench-{n}", title=f"Added {n}")
    return replace(data, events=[*data.events, added])


def run(charts_only: bool = False) -> list[Row]:
    with temp_dir("areas") as tmp:
        vault, _, manifest = generated_vault(Path(tmp))
        h = Harness(vault)
        rows = []
        try:
            if not charts_only:
                for area in _areas():
                    print(f"  {area.name} …", file=sys.stderr, flush=True)
                    rows += measure_area(h, area)
                rows += measure_search(vault)
            print("  charts …", file=sys.stderr, flush=True)
            rows += measure_charts(h)
        finally:
            h.close()
            vault.lock()
    return rows


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--charts", action="store_true", help="only the two charts")
    print(table(run(parser.parse_args().charts)))
