"""The swim-lane timeline: one lane each for situation events, media reports, our
disclosures (and notifications), decisions, update promises (kept, late, overdue, open) and
any lane another area provides; phases as shaded bands, "now" as a dashed line, and the
detection → disclosure metrics in the subtitle.

On screen (a figure marked `_ccc_live`, ui/charts/picture.py) the markers and the "now"
line are drawn over a saved picture of everything else, so a redraw after an edit (an event
added, a promise kept, the clock moved on) repaints only the marks when nothing else
changed: the axis, lanes, phases, subtitle and legend (`redraw`). Exports and the briefing
pack draw everything at once.
"""

from dataclasses import dataclass, field

from commandcenter.charts import palette as pal
from commandcenter.charts import swimlane_marks as sm
from commandcenter.charts.render import apply_text_style, new_figure
from commandcenter.services.journey.timeline import duration_text, metrics_of

LANE_OF_KIND = sm.LANE_OF_KIND
PROMISE_MARK = {"kept": ("o", True), "late": ("X", True), "overdue": ("X", True),
                "due_soon": ("o", False), "open": ("o", False)}
PROMISE_WORDS = {"kept": "kept", "late": "kept late", "overdue": "overdue",
                 "due_soon": "due within 1 h", "open": "not yet due"}


def lanes(data) -> list[str]:
    return ["Events", "Media", "Disclosures", "Decisions", *data.lanes, "Promises"]


def subtitle(data, metrics=None) -> str:
    m = metrics or data.metrics
    parts = []
    if m.detected_at:
        parts.append(f"detection → disclosure: {duration_text(m.detection_to_disclosure)}"
                     if m.disclosed_at else "not disclosed yet")
    if m.story_broke_first:
        parts.append(f"story broke {duration_text(m.media_lead)} before our disclosure"
                     if m.media_lead else "story broke before our disclosure")
    return " · ".join(parts)


@dataclass
class _Live:
    """An on-screen figure's marks and the picture of everything behind them."""

    key: tuple
    ax: object
    y: dict
    resolution: float
    artists: dict = field(default_factory=dict)  # gid -> the artist drawn over the picture
    background: object = None  # the canvas region saved after a full drawing


def draw(fig, data, style: pal.Style = pal.PRINT) -> None:
    points = sm.points_of(fig, data.events)
    fig.clear()
    fig._ccc_timeline = None
    fig.set_facecolor(style.background)
    names = lanes(data)
    width, height = fig.get_size_inches()
    left = min(0.3, 1.0 / width)  # margins in inches: the layout holds at any canvas size
    bottom, top_margin = min(0.4, 1.15 / height), min(0.3, 0.62 / height)
    ax = fig.add_axes([left, bottom, max(0.1, 0.985 - left), max(0.1, 1 - bottom - top_margin)])
    apply_text_style(ax, style)
    y = {name: len(names) - 1 - n for n, name in enumerate(names)}  # first lane on top
    span = sm.span(data, points)
    if span is None:
        fig.text(0.5, 0.5, "No timeline events yet", ha="center", color=style.muted)
        ax.set_visible(False)
        return
    top = len(names) + 0.3  # a strip above the first lane for the phase names
    _phase_bands(ax, data, points, span, style, top=top)
    resolution = _resolution(ax, span)
    marks = sm.marks(data, points, y, resolution)
    artists = _marks(ax, marks, style, top)
    _axes(ax, names, span, style, top)
    fig.text(left, 1 - 0.1 / height, "Situation timeline", color=style.text,
             fontsize=style.font_size + 3,
             fontweight="bold", va="top")
    fig.text(left, 1 - 0.36 / height, _subtitle(data, points), color=style.muted,
             fontsize=style.font_size,
             va="top", gid="subtitle")
    _legend(fig, style)
    if getattr(fig, "_ccc_live", False):
        _go_live(fig, _Live(_key(fig, data, points, marks, style), ax, y, resolution,
                            artists))


def redraw(fig, data, style: pal.Style = pal.PRINT) -> list | None:
    """After an edit, on screen: when only the marks changed, paint them over the saved
    picture and return the box to show; else None (the caller draws it all)."""
    live = getattr(fig, "_ccc_timeline", None)
    if live is None or live.background is None:
        return None
    if set(lanes(data)) != set(live.y):  # (the marks are placed by lane)
        return None
    points = sm.points_of(fig, data.events)
    marks = sm.marks(data, points, live.y, live.resolution)
    if _key(fig, data, points, marks, style) != live.key:
        return None
    fig.canvas.restore_region(live.background)
    _move(live, marks)
    for artist in live.artists.values():
        live.ax.draw_artist(artist)
    return [fig.bbox]


def _key(fig, data, points, marks, style) -> tuple:
    """What the picture behind the marks shows: if any of it changed, draw it all."""
    starts = points.phase_starts()
    return (tuple(round(v, 3) for v in fig.get_size_inches()), fig.dpi, style,
            tuple(lanes(data)), sm.span(data, points), _subtitle(data, points),
            tuple((p.name, starts.get(p.id)) for p in data.phases),
            tuple(marks.offsets), bool(marks.late))


def _subtitle(data, points) -> str:
    """The subtitle from the events' numbers (the same metrics, without a pass over tens of
    thousands of ORM rows when the data has not worked them out yet)."""
    return subtitle(data, metrics_of(points.first_of_kind()))


def _go_live(fig, live: _Live) -> None:
    """Leave the marks out of the full drawing, then save the picture and paint them."""
    for artist in live.artists.values():
        artist.set_animated(True)

    def drawn(_event) -> None:
        live.background = fig.canvas.copy_from_bbox(fig.bbox)
        for artist in live.artists.values():
            live.ax.draw_artist(artist)

    fig.canvas.mpl_connect("draw_event", drawn)  # fig.clear() drops it with the figure's
    fig._ccc_timeline = live


def _move(live: _Live, marks: sm.Marks) -> None:
    for gid, offsets in marks.offsets.items():
        live.artists[gid].set_offsets(offsets)
    if "late" in live.artists:
        live.artists["late"].set_segments(marks.late)
    live.artists["now"].set_xdata([marks.now, marks.now])
    live.artists["now-label"].set_x(marks.now)


def _phase_bands(ax, data, points, span, style, top: float) -> None:
    first = points.phase_starts()
    starts = sorted((first[phase.id], phase.name, n) for n, phase in enumerate(data.phases)
                    if phase.id in first)
    for i, (start, name, n) in enumerate(starts):
        end = starts[i + 1][0] if i + 1 < len(starts) else span[1]
        if i % 2 == 0:
            ax.axvspan(start, end, color=style.band, zorder=0, gid=f"phase:{name}")
        # Staggered, so the names of two short phases side by side never overprint.
        ax.text(start, top - 0.08 - 0.4 * (i % 2), f" {name}", color=style.muted, va="top",
                fontsize=style.font_size - 1, fontstyle="italic", clip_on=True,
                gid=f"phase-label:{name}")


def _resolution(ax, span) -> float:
    """Half a pixel of the events' lanes, in days (matplotlib's date unit)."""
    width_px = ax.get_position().width * ax.figure.get_figwidth() * ax.figure.dpi
    return (span[1] - span[0]).total_seconds() / 86400 / max(2 * width_px, 1)


def _marks(ax, marks: sm.Marks, style, top: float) -> dict:
    """Every marker lane, the late promises' lines and "now"; gid -> artist."""
    from matplotlib.collections import LineCollection

    out = {}
    for gid, offsets in marks.offsets.items():
        xs, ys = zip(*offsets)
        out[gid] = ax.scatter(xs, ys, gid=gid, label=_label(gid, marks),
                              **_look(gid, style))
    if marks.late:
        out["late"] = ax.add_collection(LineCollection(
            marks.late, colors=pal.STATE["late"], linewidths=2, zorder=2, gid="late-by"),
            autolim=False)
    out["now"] = ax.axvline(marks.now, color=style.text, linestyle="--", linewidth=1, gid="now")
    out["now-label"] = ax.text(marks.now, top, " now", color=style.text, va="bottom",
                               fontsize=style.font_size - 1, fontweight="bold")
    return out


def _label(gid: str, marks: sm.Marks) -> str:
    if gid.startswith("promises:"):
        return f"Promise {PROMISE_WORDS[gid.split(':', 1)[1]]}"
    return marks.labels[gid]


def _look(gid: str, style) -> dict:
    kind, _, name = gid.partition(":")
    if kind == "events":
        return {"s": 70, "marker": pal.EVENT_MARKER[name], "color": pal.EVENT[name],
                "zorder": 3, "edgecolors": style.text, "linewidths": 0.5}
    if kind == "decisions":
        return {"s": 55, "marker": "d", "color": pal.DECISION, "zorder": 3}
    if kind == "lane":
        return {"s": 55, "marker": "v", "color": pal.OKABE_ITO["sky"], "zorder": 3}
    marker, filled = PROMISE_MARK[name]
    colour = pal.STATE[name]
    return {"s": 110 if name == "overdue" else 70, "marker": marker, "zorder": 4,
            "facecolors": colour if filled else "none", "edgecolors": colour,
            "linewidths": 1.6}


def _axes(ax, names, span, style, top: float) -> None:
    from matplotlib.dates import AutoDateLocator, ConciseDateFormatter

    ax.set_xlim(*span)
    ax.set_ylim(-0.6, top)
    ax.set_yticks(range(len(names)))
    ax.set_yticklabels(list(reversed(names)))
    locator = AutoDateLocator(minticks=5, maxticks=10)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(ConciseDateFormatter(locator))
    ax.set_xlabel("UTC", color=style.muted, fontsize=style.font_size - 1)
    ax.grid(axis="x", color=style.grid, linewidth=0.6)
    ax.set_axisbelow(True)
    for y_line in range(len(names)):
        ax.axhline(y_line, color=style.grid, linewidth=0.5, zorder=1)
    ax.tick_params(length=0)


def _legend(fig, style) -> None:
    ax = fig.axes[0]
    handles, labels = ax.get_legend_handles_labels()
    legend = fig.legend(handles, labels, loc="lower center", ncol=min(6, max(1, len(labels))),
                        frameon=False, fontsize=style.font_size - 0.5,
                        bbox_to_anchor=(0.54, 0.0), columnspacing=1.2, handletextpad=0.4)
    for text in legend.get_texts():
        text.set_color(style.text)


def figure(data, style: pal.Style = pal.PRINT, size: tuple[float, float] = (11, 5.6)):
    fig = new_figure(*size, style)
    draw(fig, data, style)
    return fig
