"""Figures without pyplot, and exporting them to the file a person chose."""

from pathlib import Path

from commandcenter.charts.palette import Style
from commandcenter.vault.errors import VaultError

FORMATS = {".png": "png", ".svg": "svg", ".pdf": "pdf"}
EXPORT_DPI = 200  # sharp in print; the screen canvas uses the screen's own


def new_figure(width: float, height: float, style: Style, dpi: int = 100):
    """A Figure on an Agg canvas (thread-safe to draw off the GUI thread, no global state)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width, height), dpi=dpi, facecolor=style.background)
    FigureCanvasAgg(fig)
    return fig


def apply_text_style(ax, style: Style) -> None:
    ax.set_facecolor(style.background)
    ax.tick_params(colors=style.text, labelsize=style.font_size)
    for spine in ax.spines.values():
        spine.set_color(style.grid)
    ax.title.set_color(style.text)


def format_for(path: Path) -> str:
    fmt = FORMATS.get(Path(path).suffix.lower())
    if fmt is None:
        raise VaultError(f"Cannot tell the format from {Path(path).name!r}: end the file "
                         "name in .png, .svg or .pdf.")
    return fmt


def figure_bytes(fig, fmt: str) -> bytes:
    import io

    buffer = io.BytesIO()  # in memory: no temporary file holds vault content
    metadata = {"Creator": "Crisis Command Center"} if fmt in ("svg", "pdf") else None
    fig.savefig(buffer, format=fmt, dpi=EXPORT_DPI, facecolor=fig.get_facecolor(),
                metadata=metadata)
    return buffer.getvalue()


def export(fig, out: Path) -> Path:
    """Write `fig` to `out`, the format from its suffix; atomic, private (0600)."""
    from commandcenter.vault.paths import atomic_write_bytes

    out = Path(out)
    fmt = format_for(out)
    if not out.parent.is_dir():
        raise FileNotFoundError(f"No folder {out.parent} to write the chart into.")
    atomic_write_bytes(out, figure_bytes(fig, fmt))
    return out
