"""The journey heat map: stakeholder groups (rows) × phases (columns), each cell coloured by
sentiment (−2..+2) and labelled with its value; empty cells hatched and named, stale cells
outlined with a dotted line, and an overdue promise marked with a triangle in the current
phase — plus "(n overdue)" beside the group's name, so nothing depends on colour alone.

Redrawing after an edit must stay under 100 ms, and drawing ~100 texts takes longer than
that on a busy laptop. So the figure is built once per shape (groups, phases, size, style);
an edit updates only the artists that show values, and when only cells changed, `redraw`
paints just those cells over the last full render and returns their boxes for the canvas to
blit. Every artist has a `gid` ("label:<phase>:<group>", "empty:…", "stale:…",
"overdue:<group>", "group:<key>", "phase:<name>") that tests read.
"""

from dataclasses import dataclass, field

from commandcenter.charts import palette as pal
from commandcenter.charts.render import apply_text_style, new_figure

MINUS = "\u2212"
WIDE = 9.5  # inches: narrower figures put the legend on two rows


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


@dataclass
class _Artists:
    """What an edit changes, kept on the figure between draws."""

    key: tuple
    ax: object = None
    mesh: object = None
    numbers: dict = field(default_factory=dict)  # (r, c) -> Text
    words: dict = field(default_factory=dict)
    empty: dict = field(default_factory=dict)  # (r, c) -> Rectangle
    empty_words: dict = field(default_factory=dict)
    stale: dict = field(default_factory=dict)
    overdue: dict = field(default_factory=dict)  # r -> Line2D (moved to the current phase)
    groups: list = field(default_factory=list)  # row label Texts
    phases: list = field(default_factory=list)  # column header Texts
    covers: dict = field(default_factory=dict)  # (r, c) -> Rectangle, drawn only by redraw
    shown: dict = field(default_factory=dict)  # what each cell / the labels last showed
    style: object = None
    where: list = field(default_factory=list)  # [r][c] -> "<phase>:<group key>" for gids
    rendered: bool = False  # a full render of this build is in the canvas's buffer
    cid: int | None = None  # its draw_event connection (dropped when rebuilt)


def draw(fig, data, style: pal.Style = pal.PRINT) -> None:
    """Draw the map onto `fig`: built on the first call (or when the shape changed), only
    updated after that."""
    if not data.phases or not data.stakeholders:
        fig.clear()
        fig.set_facecolor(style.background)
        fig.text(0.5, 0.5, "No journey map yet", ha="center", color=style.muted)
        fig._ccc_heatmap = None  # (a cleared figure's canvas keeps no callback of ours)
        return
    state = _state(fig, data, style)
    if state is None:
        old = getattr(fig, "_ccc_heatmap", None)
        if old is not None and old.cid is not None:
            fig.canvas.mpl_disconnect(old.cid)
        state = _build(fig, data, style, _key(fig, data, style))
        fig._ccc_heatmap = state
    _update(state, data, style)


def redraw(fig, data, style: pal.Style = pal.PRINT) -> list | None:
    """After an edit: when only cells changed since the last full render, paint those cells
    into the canvas's buffer and return their display boxes (the caller blits them); else
    update the figure and return None (the caller draws it all)."""
    state = _state(fig, data, style)
    if state is None or not state.rendered:
        draw(fig, data, style)
        return None
    changed, labels_changed = _update(state, data, style)
    if labels_changed:
        return None
    return [_paint(state, r, c) for r, c in changed]


def _key(fig, data, style) -> tuple:
    return (tuple(p.id for p in data.phases), tuple(s.id for s in data.stakeholders),
            tuple(p.name for p in data.phases), tuple(s.name for s in data.stakeholders),
            tuple(round(v, 2) for v in fig.get_size_inches()), style)


def _state(fig, data, style) -> _Artists | None:
    """The artists of the last build if they still fit this data and figure."""
    state = getattr(fig, "_ccc_heatmap", None)
    if state is None or state.key != _key(fig, data, style) or state.ax not in fig.axes:
        return None
    return state


# Artists only some cells need are made when a cell first needs them (a map of 48 cells
# would otherwise build ~200 patches and texts nobody sees). add_artist, not add_patch:
# the limits are fixed, so nothing needs the autoscaling add_patch computes.

def _empty(art: _Artists, r: int, c: int):
    from matplotlib.patches import Rectangle

    if (r, c) not in art.empty:
        style, where = art.style, art.where[r][c]
        art.empty[r, c] = art.ax.add_artist(Rectangle(
            (c + 0.03, r + 0.03), 0.94, 0.94, facecolor=style.background,
            edgecolor=pal.STATE["empty"], hatch="///", linewidth=0.0, gid=f"empty:{where}"))
        art.empty_words[r, c] = art.ax.text(
            c + 0.5, r + 0.5, "empty", ha="center", va="center", color=style.muted,
            fontsize=style.font_size - 1, style="italic", gid=f"empty-label:{where}")
    return art.empty[r, c], art.empty_words[r, c]


def _stale(art: _Artists, r: int, c: int):
    from matplotlib.patches import Rectangle

    if (r, c) not in art.stale:
        art.stale[r, c] = art.ax.add_artist(Rectangle(
            (c + 0.06, r + 0.06), 0.88, 0.88, fill=False, edgecolor=pal.STATE["stale"],
            linestyle=(0, (2, 2)), linewidth=2.2, gid=f"stale:{art.where[r][c]}"))
    return art.stale[r, c]


def _cover(art: _Artists, r: int, c: int):
    from matplotlib.patches import Rectangle

    if (r, c) not in art.covers:
        art.covers[r, c] = art.ax.add_artist(Rectangle(
            (c, r), 1, 1, edgecolor=art.style.background, linewidth=2, visible=False))
    return art.covers[r, c]


def _paint(art: _Artists, r: int, c: int):
    """Paint one cell over the last render (cover, then what the cell shows)."""
    cover = _cover(art, r, c)
    value = art.shown[r, c][0]
    cover.set_facecolor(pal.SENTIMENT.get(value, pal.UNASSESSED))
    cover.set_visible(True)
    art.ax.draw_artist(cover)
    cover.set_visible(False)  # a full draw shows the mesh there again
    extras = [art.empty.get((r, c)), art.empty_words.get((r, c)), art.stale.get((r, c))]
    for artist in [art.numbers[r, c], art.words[r, c], *extras]:
        if artist is not None and artist.get_visible():
            art.ax.draw_artist(artist)
    marker = art.overdue[r]
    if marker.get_visible() and int(marker.get_xdata()[0]) == c:
        art.ax.draw_artist(marker)
    return cover.get_window_extent().expanded(1.02, 1.02)

def _build(fig, data, style, key) -> _Artists:
    from matplotlib.colors import BoundaryNorm, ListedColormap

    fig.clear()
    fig.set_facecolor(style.background)
    rows, cols = len(data.stakeholders), len(data.phases)
    ax = fig.add_axes(_axes_box(fig, data, style))
    apply_text_style(ax, style)
    cmap = ListedColormap([pal.SENTIMENT[v] for v in range(-2, 3)]).with_extremes(
        bad=pal.UNASSESSED)
    norm = BoundaryNorm([-2.5, -1.5, -0.5, 0.5, 1.5, 2.5], cmap.N)
    # A mesh, not an image: 48 quads draw faster than a resampled image, and its edges in
    # the page colour are the grid between cells.
    mesh = ax.pcolormesh([[0.0] * cols] * rows, cmap=cmap, norm=norm,
                         edgecolors=style.background, linewidth=2, gid="sentiment")
    ax.set_xlim(0, cols)
    ax.set_ylim(rows, 0)  # first group on top
    ax.set_xticks([])
    ax.set_yticks([])
    for spine in ax.spines.values():
        spine.set_visible(False)
    art = _Artists(key, ax, mesh, style=style,
                   where=[[f"{p.name}:{g.key}" for p in data.phases] for g in data.stakeholders])
    small = style.font_size - 1
    for r, group in enumerate(data.stakeholders):
        for c, phase in enumerate(data.phases):
            where = f"{phase.name}:{group.key}"
            art.numbers[r, c] = ax.text(c + 0.5, r + 0.38, "", ha="center", va="center",
                                        fontsize=style.font_size + 3, fontweight="bold",
                                        gid=f"label:{where}")
            art.words[r, c] = ax.text(c + 0.5, r + 0.74, "", ha="center", va="center",
                                      fontsize=small)
        art.overdue[r] = ax.plot([0], [r], marker="^", markersize=11, linestyle="none",
                                 color=pal.STATE["overdue"], markeredgecolor="#FFFFFF",
                                 markeredgewidth=1.0, gid=f"overdue:{group.key}")[0]
        art.groups.append(ax.text(-0.06, r + 0.5, group.name, ha="right", va="center",
                                  fontsize=style.font_size, color=style.text,
                                  gid=f"group:{group.key}"))
    for c, phase in enumerate(data.phases):
        art.phases.append(ax.text(c + 0.5, -0.08, phase.name, ha="center", va="bottom",
                                  fontsize=style.font_size, color=style.text,
                                  gid=f"phase:{phase.name}"))
    _legend(fig, style)
    art.cid = fig.canvas.mpl_connect("draw_event", lambda _e: setattr(art, "rendered", True))
    return art


def _update(art: _Artists, data, style) -> tuple[list, bool]:
    """Set every artist from `data`; returns (cells whose look changed, whether anything
    outside the cells changed — labels, the current phase, overdue markers)."""
    values = matrix(data)
    overdue = overdue_by_group(data)
    current = data.current_phase
    before = dict(art.shown)
    changed = []
    art.mesh.set_array([[float("nan") if v is None else v for v in row] for row in values])
    for (r, c), number in art.numbers.items():
        value = values[r][c]
        state = data.cell_state(c, data.stakeholders[r].id)
        empty = state == "empty"
        ink = pal.ON_SENTIMENT.get(value, "#1F2933")
        if empty or (r, c) in art.empty:
            for artist in _empty(art, r, c):
                artist.set_visible(empty)
        if state == "stale" or (r, c) in art.stale:
            _stale(art, r, c).set_visible(state == "stale")
        number.set_visible(not empty)
        art.words[r, c].set_visible(not empty)
        number.set_text(sentiment_text(value))
        number.set_color(ink)
        art.words[r, c].set_text("stale" if state == "stale"
                                 else pal.SENTIMENT_WORDS.get(value, "not rated"))
        art.words[r, c].set_color(ink)
        art.words[r, c].set_fontweight("bold" if state == "stale" else "normal")
        art.shown[r, c] = (value, state)
        if before.get((r, c)) != art.shown[r, c]:
            changed.append((r, c))
    for r, group in enumerate(data.stakeholders):
        count = overdue.get(group.id, 0)
        art.overdue[r].set_visible(bool(count))
        art.overdue[r].set_data([current + 0.86], [r + 0.2])
        label = art.groups[r]
        label.set_text(group_label(group, overdue))
        label.set_color(pal.STATE["overdue"] if count else style.text)
        label.set_fontweight("bold" if count else "normal")
    for c, (text, phase) in enumerate(zip(art.phases, data.phases)):
        text.set_text(phase.name + ("\n(now)" if c == current else ""))
        text.set_fontweight("bold" if c == current else "normal")
    art.shown["labels"] = (current, tuple(sorted(overdue.items())))
    return changed, before.get("labels") != art.shown["labels"]


def group_label(group, overdue: dict) -> str:
    n = overdue.get(group.id)
    return group.name + (f"  ({n} overdue)" if n else "")


def _axes_box(fig, data, style) -> list[float]:
    """Room on the left for group names (with a possible "(n overdue)") and below for the
    legend, in inches → fractions (an average character is about 0.62 em wide)."""
    width, height = fig.get_size_inches()
    longest = max(len(s.name) for s in data.stakeholders) + len("  (9 overdue)")
    left = min(0.45, (longest * 0.62 * style.font_size / 72 + 0.25) / width)
    bottom = min(0.3, (0.55 if width >= WIDE else 0.8) / height)
    top = min(0.3, 0.55 / height)  # a tiny canvas (mid-resize) still gets a valid box
    return [left, bottom, max(0.1, 0.985 - left), max(0.1, 1 - bottom - top)]


def _legend(fig, style) -> None:
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
    wide = fig.get_size_inches()[0] >= WIDE
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
