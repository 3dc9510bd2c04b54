"""The swim-lane timeline: one lane each for situation events, media reports, our
disclosures (and notifications), decisions, update promises (kept, late, overdue, open) and
any lane another area provides; phases as shaded bands, "now" as a dashed line, and the
detection → disclosure metrics in the subtitle."""

from datetime import timedelta

from commandcenter.charts import palette as pal
from commandcenter.charts.render import apply_text_style, new_figure
from commandcenter.services.journey.timeline import KIND_LABELS, duration_text

LANE_OF_KIND = {"media_report": "Media", "disclosed": "Disclosures",
                "regulator_notified": "Disclosures"}
PROMISE_MARK = {"kept": ("o", True), "late": ("X", True), "overdue": ("X", True),
                "due_soon": ("o", False), "open": ("o", False)}
PROMISE_WORDS = {"kept": "kept", "late": "kept late", "overdue": "overdue",
                 "due_soon": "due within 1 h", "open": "not yet due"}


def lanes(data) -> list[str]:
    return ["Events", "Media", "Disclosures", "Decisions", *data.lanes, "Promises"]


def subtitle(data) -> str:
    m = data.metrics
    parts = []
    if m.detected_at:
        parts.append(f"detection → disclosure: {duration_text(m.detection_to_disclosure)}"
                     if m.disclosed_at else "not disclosed yet")
    if m.story_broke_first:
        parts.append(f"story broke {duration_text(m.media_lead)} before our disclosure"
                     if m.media_lead else "story broke before our disclosure")
    return " · ".join(parts)


def draw(fig, data, style: pal.Style = pal.PRINT) -> None:
    fig.clear()
    fig.set_facecolor(style.background)
    names = lanes(data)
    width, height = fig.get_size_inches()
    left = min(0.3, 1.0 / width)  # margins in inches: the layout holds at any canvas size
    bottom, top_margin = min(0.4, 1.15 / height), min(0.3, 0.62 / height)
    ax = fig.add_axes([left, bottom, max(0.1, 0.985 - left), max(0.1, 1 - bottom - top_margin)])
    apply_text_style(ax, style)
    y = {name: len(names) - 1 - n for n, name in enumerate(names)}  # first lane on top
    span = _span(data)
    if span is None:
        fig.text(0.5, 0.5, "No timeline events yet", ha="center", color=style.muted)
        ax.set_visible(False)
        return
    top = len(names) + 0.3  # a strip above the first lane for the phase names
    _phase_bands(ax, data, span, style, top=top)
    _events(ax, data, y, style)
    _decisions(ax, data, y["Decisions"])
    for title, items in data.lanes.items():
        _extra_lane(ax, title, items, y[title])
    _promises(ax, data, y["Promises"])
    ax.axvline(data.now, color=style.text, linestyle="--", linewidth=1, gid="now")
    ax.text(data.now, top, " now", color=style.text, va="bottom",
            fontsize=style.font_size - 1, fontweight="bold")
    _axes(ax, names, span, style, top)
    fig.text(left, 1 - 0.1 / height, "Situation timeline", color=style.text,
             fontsize=style.font_size + 3,
             fontweight="bold", va="top")
    fig.text(left, 1 - 0.36 / height, subtitle(data), color=style.muted,
             fontsize=style.font_size,
             va="top", gid="subtitle")
    _legend(fig, style)


def _span(data):
    times = [e.at for e in data.events] + [d.decided_at for d in data.decisions]
    times += [p.due_at for p in data.promises if p.status != "cancelled"]
    times += [at for items in data.lanes.values() for at, _label in items]
    if not times:
        return None
    start, end = min(times), max(max(times), data.now)
    pad = max((end - start) * 0.03, timedelta(hours=2))
    return start - pad, end + pad


def _phase_bands(ax, data, span, style, top: float) -> None:
    first: dict = {}  # phase id -> its first event; one pass over tens of thousands of events
    for e in data.events:
        at, phase_id = e.at, e.phase_id
        if phase_id not in first or at < first[phase_id]:
            first[phase_id] = at
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


def _events(ax, data, y: dict, style) -> None:
    from matplotlib.dates import date2num  # matplotlib loads with the first chart, not here

    times: dict[str, list] = {}  # kind -> times, in one pass over the events
    for e in data.events:
        times.setdefault(e.kind, []).append(e.at)
    resolution = _resolution(ax, data)
    for kind in KIND_LABELS:
        items = times.get(kind)
        if not items:
            continue
        lane = LANE_OF_KIND.get(kind, "Events")
        # As numbers, converted in one call (matplotlib checks datetimes one by one), and
        # one marker per half pixel: a month of 30,000 events draws the same picture.
        xs = _one_per(date2num(items), resolution)
        ax.scatter(xs, [y[lane]] * len(xs), s=70,
                   marker=pal.EVENT_MARKER[kind], color=pal.EVENT[kind], zorder=3,
                   edgecolors=style.text, linewidths=0.5, label=KIND_LABELS[kind],
                   gid=f"events:{kind}")


def _resolution(ax, data) -> float:
    """Half a pixel of the events' lanes, in days (matplotlib's date unit)."""
    span = _span(data)
    width_px = ax.get_position().width * ax.figure.get_figwidth() * ax.figure.dpi
    return (span[1] - span[0]).total_seconds() / 86400 / max(2 * width_px, 1)


def _one_per(xs, resolution: float):
    """The first of the markers that would land within `resolution` of each other."""
    import numpy as np

    if len(xs) < 1000 or resolution <= 0:  # nothing worth thinning
        return xs
    _, first = np.unique(np.floor(np.asarray(xs) / resolution), return_index=True)
    return np.asarray(xs)[np.sort(first)]


def _decisions(ax, data, lane_y: float) -> None:
    if data.decisions:
        ax.scatter([d.decided_at for d in data.decisions], [lane_y] * len(data.decisions),
                   s=55, marker="d", color=pal.DECISION, zorder=3,
                   gid="decisions", label="Decision")


def _extra_lane(ax, title: str, items, lane_y: float) -> None:
    if items:
        ax.scatter([at for at, _ in items], [lane_y] * len(items), s=55, marker="v",
                   color=pal.OKABE_ITO["sky"], zorder=3, gid=f"lane:{title}", label=title)


def _promises(ax, data, lane_y: float) -> None:
    by_state: dict[str, list] = {}
    for p in data.promises:
        by_state.setdefault(data.promise_state(p), []).append(p)
    for state, (marker, filled) in PROMISE_MARK.items():
        items = by_state.get(state, [])
        if not items:
            continue
        colour = pal.STATE[state]
        ax.scatter([p.due_at for p in items], [lane_y] * len(items),
                   s=110 if state == "overdue" else 70, marker=marker, zorder=4,
                   facecolors=colour if filled else "none", edgecolors=colour,
                   linewidths=1.6, label=f"Promise {PROMISE_WORDS[state]}",
                   gid=f"promises:{state}")
        if state == "late":  # how late: a line from the deadline to the update
            for p in items:
                ax.plot([p.due_at, p.kept_at], [lane_y, lane_y], color=colour, linewidth=2,
                        zorder=2)


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
