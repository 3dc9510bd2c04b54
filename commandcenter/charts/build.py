"""One entry point per chart name, for the CLI report and the UI's export."""

from pathlib import Path

from commandcenter.charts import CHARTS
from commandcenter.charts.palette import PRINT, Style
from commandcenter.vault.errors import VaultError


def drawer(name: str):
    """The `draw(fig, data, style)` function of a chart."""
    from commandcenter.charts import cadence, heatmap, swimlanes

    try:
        return {"journey-map": heatmap, "timeline": swimlanes, "cadence": cadence}[name]
    except KeyError:
        raise VaultError(f"No chart called {name!r}; choose one of {', '.join(CHARTS)}.") \
            from None


def figure(name: str, data, style: Style = PRINT):
    return drawer(name).figure(data, style)


def write_report(vault, *, chart: str, out: Path, now=None) -> Path:
    """Render `chart` for the active incident and write it to `out` (PNG/SVG/PDF by suffix).
    The file is checked for a format before anything is read from the vault."""
    from commandcenter.charts import render
    from commandcenter.services import audit, journey

    render.format_for(out)
    module = drawer(chart)
    data = journey.load(vault, now=now)
    if data.incident is None:
        raise VaultError("No active incident: open or choose one first.")
    path = render.export(module.figure(data), Path(out))
    with vault.write() as session:  # a copy of vault content left the vault: say so
        audit.record(vault, session, "chart.exported", "incident", data.incident.id,
                     {"chart": chart, "file": Path(out).name})
    return path
