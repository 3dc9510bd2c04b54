"""The charts, tested on the figure's data (artists, colours, labels), not pixels; exports
are valid PNG/SVG/PDF files of non-trivial size; `commandcenter report` writes them."""

from datetime import UTC, datetime, timedelta

import pytest
from matplotlib.colors import to_hex
from numpy.ma import getmaskarray

from commandcenter.charts import build, cadence, heatmap, palette, render, swimlanes
from commandcenter.cli import main
from commandcenter.services import decisions, incidents
from commandcenter.services import journey as j
from commandcenter.vault.errors import VaultError
from tests.conftest import PASSPHRASE

T0 = datetime(2026, 6, 1, 8, 0, tzinfo=UTC)
NOW = T0 + timedelta(days=4)


@pytest.fixture
def story(vault):
    """Customers −2 in Disclosure, employees +1 in Response (stale by NOW), media's
    Detection cell empty; one overdue promise (card issuers), one kept, one kept late."""
    incidents.create_incident(vault, data=incidents.IncidentInput("INC-1", "Breach",
                                                                  opened_at=T0))
    j.ensure_defaults(vault)
    data = j.load(vault, now=NOW)
    ph = {p.name: p.id for p in data.phases}
    sh = {s.key: s.id for s in data.stakeholders}
    j.save_cell(vault, phase_id=ph["Disclosure"], stakeholder_id=sh["customers"],
                data=j.CellInput(context="What happened", sentiment=-2), saved_at=NOW)
    j.save_cell(vault, phase_id=ph["Response"], stakeholder_id=sh["employees"],
                data=j.CellInput(context="Scripts", sentiment=1), saved_at=T0)
    for at, kind, phase in ((T0, "detected", "Detection"),
                            (T0 + timedelta(hours=40), "media_report", "Disclosure"),
                            (T0 + timedelta(hours=42), "disclosed", "Disclosure"),
                            (T0 + timedelta(hours=60), "remedy_launched", "Response")):
        j.add_event(vault, data=j.EventInput(at, kind, kind, "src", ph[phase]))
    promised = T0 + timedelta(hours=42)
    for key, hours in (("customers", 24), ("media", 6), ("card_issuers", 30)):
        j.promise_from(vault, source="manual", stakeholder=key, promised_at=promised,
                       due=promised + timedelta(hours=hours))
    j.log_update(vault, stakeholder="customers", summary="Daily", at=promised +
                 timedelta(hours=20), now=NOW)
    j.log_update(vault, stakeholder="media", summary="Briefing", at=promised +
                 timedelta(hours=8), now=NOW)
    decisions.log_decision(vault, data=decisions.DecisionInput(
        "Disclose", "Trust", ("Dana",), decided_at=T0 + timedelta(hours=30),
        late_reason="seed"), logged_at=T0 + timedelta(hours=31))
    return j.load(vault, now=NOW)


def _by_gid(fig, prefix: str, visible_only: bool = False) -> list:
    return [a for ax in fig.axes for a in ax.findobj()
            if (a.get_gid() or "").startswith(prefix) and (a.get_visible() or not visible_only)]


def _texts(fig, prefix: str) -> dict:
    return {t.get_gid(): t.get_text() for t in _by_gid(fig, prefix)}


def test_heat_map_maps_sentiment_states_and_overdue(story):
    fig = heatmap.figure(story)
    (mesh,) = _by_gid(fig, "sentiment")
    grid = mesh.get_array()
    assert grid.shape == (7, 5)
    assert grid[0][1] == -2 and grid[1][2] == 1 and getmaskarray(grid)[0][0]  # empty: not rated
    assert to_hex(mesh.cmap(mesh.norm(-2))) == palette.SENTIMENT[-2].lower()
    assert to_hex(mesh.cmap(mesh.norm(2))) == palette.SENTIMENT[2].lower()
    assert to_hex(mesh.cmap(float("nan"))) == palette.UNASSESSED.lower()
    phases = _texts(fig, "phase:")
    current = story.phases[story.current_phase].name
    assert phases["phase:Detection"].startswith("Detection")
    assert phases[f"phase:{current}"].endswith("(now)")
    groups = _texts(fig, "group:")
    assert groups["group:card_issuers"] == "Card issuers and banks  (1 overdue)"
    assert groups["group:customers"] == "Customers"
    overdue = _by_gid(fig, "overdue:", visible_only=True)
    assert [a.get_gid() for a in overdue] == ["overdue:card_issuers"]
    assert overdue[0].get_xdata()[0] == pytest.approx(story.current_phase + 0.86)
    assert len(_by_gid(fig, "empty:", visible_only=True)) == 7 * 5 - 2
    stale = _by_gid(fig, "stale:", visible_only=True)
    assert [a.get_gid() for a in stale] == ["stale:Response:employees"]
    labels = _texts(fig, "label:")
    assert labels["label:Disclosure:customers"] == "\u22122"
    assert _texts(fig, "empty-label:")["empty-label:Detection:media"] == "empty"
    legend = [t.get_text() for t in fig.legends[0].get_texts()]
    assert "update overdue" in legend and "empty" in legend and "\u22122 hostile" in legend


def test_an_edit_repaints_only_the_changed_cell(story, vault):
    fig = heatmap.figure(story)
    assert heatmap.redraw(fig, story) is None  # never rendered yet: a full draw is needed
    fig.canvas.draw()
    cell = story.cells[(story.phases[1].id, story.stakeholders[0].id)]
    j.save_cell(vault, phase_id=cell.phase_id, stakeholder_id=cell.stakeholder_id,
                data=j.CellInput(context="Better now", sentiment=1), saved_at=NOW)
    boxes = heatmap.redraw(fig, j.load(vault, now=NOW))
    assert len(boxes) == 1 and boxes[0].width > 10
    assert _by_gid(fig, "sentiment")[0].get_array()[0][1] == 1
    assert _texts(fig, "label:")["label:Disclosure:customers"] == "+1"
    assert len(fig.axes) == 1  # updated, not stacked
    # An update that keeps the overdue promise changes a row label: a full draw.
    j.log_update(vault, stakeholder="card_issuers", summary="Call summary", at=NOW, now=NOW)
    assert heatmap.redraw(fig, j.load(vault, now=NOW)) is None
    assert _texts(fig, "group:")["group:card_issuers"] == "Card issuers and banks"


def test_swim_lanes_place_events_decisions_and_promises(story):
    fig = swimlanes.figure(story)
    ax = fig.axes[0]
    lanes = [t.get_text() for t in ax.get_yticklabels()]
    assert lanes == ["Promises", "Approvals", "Decisions", "Disclosures", "Media", "Events"]
    y = {name: n for n, name in enumerate(lanes)}
    (media,) = _by_gid(fig, "events:media_report")
    assert media.get_offsets()[0][1] == y["Media"]
    (kept,) = _by_gid(fig, "promises:kept")
    (late,) = _by_gid(fig, "promises:late")
    (overdue,) = _by_gid(fig, "promises:overdue")
    assert len(kept.get_offsets()) == len(late.get_offsets()) == len(overdue.get_offsets()) == 1
    assert to_hex(overdue.get_facecolors()[0]) == palette.STATE["overdue"].lower()
    assert to_hex(kept.get_facecolors()[0]) == palette.STATE["kept"].lower()
    assert overdue.get_offsets()[0][1] == y["Promises"]
    (dec,) = _by_gid(fig, "decisions")
    assert dec.get_offsets()[0][1] == y["Decisions"]
    subtitle = _text(fig, "subtitle")
    assert "detection → disclosure: 1 d 18 h" in subtitle
    assert "story broke 2 h 0 min before our disclosure" in subtitle
    assert _by_gid(fig, "now")
    (late_by,) = _by_gid(fig, "late-by")  # from the deadline to the update that kept it
    assert late_by.get_segments()[0][0][0] == late.get_offsets()[0][0]


def test_on_screen_a_new_event_repaints_only_the_marks(story):
    """A live figure (the app's) keeps a picture of everything but the marks: an event
    added inside the axis is painted over it; what the export draws from scratch looks the
    same; a change behind the marks (a new lane) draws it all again."""
    import numpy as np
    from dataclasses import replace

    from commandcenter.charts.render import new_figure

    fig = new_figure(10, 5, palette.PRINT)
    fig._ccc_live = True
    assert swimlanes.redraw(fig, story) is None  # nothing drawn yet: draw it all
    swimlanes.draw(fig, story)
    fig.canvas.draw()
    first = min(story.events, key=lambda e: e.at)  # in the first phase, just after it
    last = story.events[-1]
    more = replace(story, events=[*story.events, first._replace(
        id="added", at=first.at + timedelta(minutes=30))])
    boxes = swimlanes.redraw(fig, more)
    assert boxes == [fig.bbox]
    (events,) = [a for a in _by_gid(fig, "events:") if len(a.get_offsets()) !=
                 len(_by_gid(swimlanes.figure(story, size=(10, 5)), a.get_gid())[0]
                     .get_offsets())]
    fresh = new_figure(10, 5, palette.PRINT)
    swimlanes.draw(fresh, more)
    fresh.canvas.draw()
    live = np.asarray(fig.canvas.buffer_rgba())
    assert np.abs(live.astype(int) - np.asarray(fresh.canvas.buffer_rgba())).max() < 40
    assert swimlanes.redraw(fig, replace(more, lanes={**more.lanes, "Extra": [
        (last.at, "x")]})) is None


def _text(fig, gid: str) -> str:
    return next(t.get_text() for t in fig.texts if t.get_gid() == gid)


def test_cadence_bars_count_promised_and_delivered(story):
    fig = cadence.figure(story)
    ax = fig.axes[0]
    names = [t.get_text() for t in ax.get_yticklabels()]
    assert names[0] == "Customers"
    widths = {key: [b.get_width() for b in ax.containers[n]]
              for n, (key, _label, _h) in enumerate(cadence.SEGMENTS)}
    assert widths["kept"][0] == 1 and widths["late"][2] == 1 and widths["overdue"][4] == 1
    assert sum(widths["pending"]) == 0
    assert to_hex(ax.containers[2][4].get_facecolor()) == palette.STATE["overdue"].lower()
    notes = [t.get_text() for t in ax.texts]
    assert "0 of 1 delivered, 1 overdue" in notes and "1 of 1 delivered" in notes


def test_palettes_are_the_colour_blind_safe_ones():
    assert palette.SENTIMENT[-2] == "#CA0020" and palette.SENTIMENT[2] == "#0571B0"
    assert palette.STATE["overdue"] == palette.OKABE_ITO["vermillion"]
    assert len(set(palette.EVENT_MARKER.values())) == len(palette.EVENT_MARKER)


MAGIC = {".png": b"\x89PNG\r\n\x1a\n", ".pdf": b"%PDF-", ".svg": b"<?xml"}


@pytest.mark.parametrize("chart", ["journey-map", "timeline", "cadence"])
@pytest.mark.parametrize("suffix", [".png", ".svg", ".pdf"])
def test_exports_are_valid_files(story, tmp_path, chart, suffix):
    folder = tmp_path / "out"
    folder.mkdir()
    out = render.export(build.figure(chart, story), folder / f"chart{suffix}")
    data = out.read_bytes()
    assert data.startswith(MAGIC[suffix]) and len(data) > 10_000
    if suffix == ".svg":
        assert b"<svg" in data[:2000]
    assert list(folder.iterdir()) == [out]  # no temporary file left behind
    assert out.stat().st_mode & 0o077 == 0


def test_an_unknown_format_is_refused_before_anything_is_read(vault, tmp_path):
    with pytest.raises(VaultError, match=r"\.png, \.svg or \.pdf"):
        build.write_report(vault, chart="cadence", out=tmp_path / "chart.gif")
    with pytest.raises(VaultError, match="No chart called"):
        build.drawer("pie")
    assert not (tmp_path / "chart.gif").exists()


def test_cli_report_writes_each_chart(story, vault, tmp_path, capsys):
    secret = tmp_path / "pass.txt"
    secret.write_text(PASSPHRASE + "\n")
    data_dir = vault.paths.data_dir
    vault.lock()
    for chart, suffix in (("journey-map", "pdf"), ("timeline", "svg"), ("cadence", "png")):
        out = tmp_path / f"{chart}.{suffix}"
        rc = main(["--data-dir", str(data_dir), "report", chart, "--out", str(out),
                   "--passphrase-file", str(secret)])
        captured = capsys.readouterr()
        assert rc == 0, captured.err
        assert out.stat().st_size > 10_000 and "not encrypted" in captured.out
    rc = main(["--data-dir", str(data_dir), "report", "cadence", "--out",
               str(tmp_path / "x.bmp"), "--passphrase-file", str(secret)])
    assert rc == 1 and ".png, .svg or .pdf" in capsys.readouterr().err


def test_charts_load_matplotlib_lazily_and_never_qt():
    import subprocess
    import sys

    code = ("import sys; import commandcenter.charts.build as b, commandcenter.charts.heatmap, "
            "commandcenter.services.dashboard, commandcenter.services.journey; "
            "lazy = 'matplotlib' not in sys.modules; "
            "from commandcenter.charts.render import new_figure; "
            "from commandcenter.charts.palette import PRINT; new_figure(4, 3, PRINT); "
            "qt = [m for m in sys.modules if m.startswith(('PySide6', 'shiboken6', 'ui')) "
            "or m.endswith(('backend_qtagg', 'backend_qt'))]; "
            "print(lazy, qt); sys.exit(0 if lazy and not qt else 1)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
