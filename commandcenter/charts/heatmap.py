"""The journey heat map: stakeholder groups (rows) × phases (columns), each cell coloured by
sentiment (−2..+2) and labelled with its value; empty cells hatched and named, stale cells
outlined with a dotted line, and an overdue promise marked with a triangle in the current
phase — plus "(n overdue)" beside the group's name, so nothing depends on colour alone."""

from commandcenter.charts import palette as pal
from commandcenter.charts.render import apply_text_style, new_figure

MINUS = "\u2212"


def sentiment_text(value: int | None) -> str:
    if value is None:
        return "?"
    return f"+{value}" if value > 0 else (f"{MINUS}{-value}" if value < 0 else "0")


def matrix(data) -> list[list[int | None]]:
    """Sentiment by [stakeholder][phase] (None: empty or not rated)."""
    return [[getattr(data.cell(p.id, s.id), "sentiment", None) for p in data.phases]
            for s in data.stakeholders]


def overdue_by_group(data) -> dict[str, int]:
    counts: dict[str, int] = {}
    for p in data.overdue():
        counts[p.stakeholder_id] = counts.get(p.stakeholder_id, 0) + 1
    return counts


def draw(fig, data, style: pal.Style = pal.PRINT) -> None:
    """Draw the map onto `fig` (cleared first): used for the first paint and every redraw."""
    from matplotlib.colors import BoundaryNorm, ListedColormap

    fig.clear()
    fig.set_facecolor(style.background)
    if not data.phases or not data.stakeholders:
        fig.text(0.5, 0.5, "No journey map yet", ha="center", color=style.muted)
        return
    overdue = overdue_by_group(data)
    ax = fig.add_axes(_axes_box(fig, data, overdue, style))
    apply_text_style(ax, style)
    values = matrix(data)
    cmap = ListedColormap([pal.SENTIMENT[v] for v in range(-2, 3)]).with_extremes(
        bad=pal.UNASSESSED)
    norm = BoundaryNorm([-2.5, -1.5, -0.5, 0.5, 1.5, 2.5], cmap.N)
    grid = [[float("nan") if v is None else v for v in row] for row in values]
    ax.imshow(grid, cmap=cmap, norm=norm, aspect="auto", interpolation="nearest")
    current = data.current_phase
    for r, group in enumerate(data.stakeholders):
        for c, phase in enumerate(data.phases):
            _cell(ax, data, r, c, values[r][c], style)
        if overdue.get(group.id):
            _overdue_mark(ax, r, current, group.key)
    _labels(ax, data, overdue, current, style)
    _legend(fig, ax, style)


def _group_label(group, overdue: dict) -> str:
    n = overdue.get(group.id)
    return group.name + (f"  ({n} overdue)" if n else "")


def _axes_box(fig, data, overdue: dict, style) -> list[float]:
    """Room on the left for group names and below for the legend, in inches → fractions
    (an average character is about 0.55 em wide)."""
    width, height = fig.get_size_inches()
    longest = max(len(_group_label(s, overdue)) for s in data.stakeholders)
    left = min(0.45, (longest * 0.62 * style.font_size / 72 + 0.25) / width)
    bottom = min(0.3, (0.55 if width >= 9.5 else 0.8) / height)  # narrow: legend in 2 rows
    top = min(0.3, 0.55 / height)  # a tiny canvas (mid-resize) still gets a valid box
    return [left, bottom, max(0.1, 0.985 - left), max(0.1, 1 - bottom - top)]


def _cell(ax, data, r: int, c: int, value, style) -> None:
    from matplotlib.patches import Rectangle

    phase, group = data.phases[c], data.stakeholders[r]
    state = data.cell_state(c, group.id)
    where = f"{phase.name}:{group.key}"
    ax.add_patch(Rectangle((c - 0.5, r - 0.5), 1, 1, fill=False, edgecolor=style.background,
                           linewidth=2, gid=f"grid:{where}"))
    if state == "empty":
        ax.add_patch(Rectangle((c - 0.5, r - 0.5), 1, 1, facecolor=style.background,
                               edgecolor=pal.STATE["empty"], hatch="///", linewidth=0.0,
                               alpha=0.9, gid=f"empty:{where}"))
        ax.text(c, r, "empty", ha="center", va="center", color=style.muted,
                fontsize=style.font_size - 0.5, style="italic", gid=f"label:{where}")
        return
    ink = pal.ON_SENTIMENT.get(value, style.text) if value is not None else "#1F2933"
    words = pal.SENTIMENT_WORDS.get(value, "not rated")
    ax.text(c, r - 0.12, sentiment_text(value), ha="center", va="center", color=ink,
            fontsize=style.font_size + 3, fontweight="bold", gid=f"label:{where}")
    ax.text(c, r + 0.24, "stale" if state == "stale" else words, ha="center", va="center",
            color=ink, fontsize=style.font_size - 1,
            fontweight="bold" if state == "stale" else "normal")
    if state == "stale":
        ax.add_patch(Rectangle((c - 0.44, r - 0.44), 0.88, 0.88, fill=False,
                               edgecolor=pal.STATE["stale"], linestyle=(0, (2, 2)),
                               linewidth=2.2, gid=f"stale:{where}"))


def _overdue_mark(ax, r: int, c: int, key: str) -> None:
    ax.plot([c + 0.36], [r - 0.3], marker="^", markersize=11, color=pal.STATE["overdue"],
            markeredgecolor="#FFFFFF", markeredgewidth=1.0, linestyle="none",
            gid=f"overdue:{key}")


def _labels(ax, data, overdue: dict, current: int, style) -> None:
    ax.set_xticks(range(len(data.phases)))
    ax.set_xticklabels([p.name + ("\n(now)" if n == current else "")
                        for n, p in enumerate(data.phases)])
    ax.xaxis.tick_top()
    ax.get_xticklabels()[current].set_fontweight("bold")
    ax.set_yticks(range(len(data.stakeholders)))
    ax.set_yticklabels([_group_label(s, overdue) for s in data.stakeholders])
    for label, group in zip(ax.get_yticklabels(), data.stakeholders):
        if overdue.get(group.id):
            label.set_color(pal.STATE["overdue"])
            label.set_fontweight("bold")
    ax.tick_params(length=0)
    for spine in ax.spines.values():
        spine.set_visible(False)


def _legend(fig, ax, style) -> None:
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    handles = [Patch(facecolor=pal.SENTIMENT[v], edgecolor=style.grid,
                     label=f"{sentiment_text(v)} {pal.SENTIMENT_WORDS[v]}")
               for v in range(-2, 3)]
    handles += [Patch(facecolor=style.background, edgecolor=pal.STATE["empty"], hatch="///",
                      label="empty"),
                Patch(facecolor=style.background, edgecolor=pal.STATE["stale"],
                      linestyle=(0, (2, 2)), linewidth=2, label="stale (48 h)"),
                Line2D([], [], marker="^", color=pal.STATE["overdue"], linestyle="none",
                       markersize=9, label="update overdue")]
    wide = fig.get_size_inches()[0] >= 9.5
    legend = fig.legend(handles=handles, loc="lower center",
                        ncol=len(handles) if wide else (len(handles) + 1) // 2,
                        frameon=False, fontsize=style.font_size - 0.5,
                        bbox_to_anchor=(0.5, 0.01), handlelength=1.4, columnspacing=1.0)
    for text in legend.get_texts():
        text.set_color(style.text)


def figure(data, style: pal.Style = pal.PRINT, size: tuple[float, float] = (11, 6.2)):
    fig = new_figure(*size, style)
    draw(fig, data, style)
    return fig
