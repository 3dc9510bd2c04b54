"""Promised vs delivered updates per stakeholder group: one stacked bar each — kept on
time, kept late, overdue, not yet due — with "delivered of promised" written at its end.
Hatches tell the states apart in greyscale print."""

from commandcenter.charts import palette as pal
from commandcenter.charts.render import apply_text_style, new_figure

SEGMENTS = (("kept", "kept on time", ""), ("late", "kept late", "//"),
            ("overdue", "overdue", "xx"), ("pending", "not yet due", ""))


def rows(data) -> list[tuple[str, object]]:
    """(group name, Cadence) in map order."""
    return [(s.name, c) for s, c in zip(data.stakeholders, data.cadence())]


def draw(fig, data, style: pal.Style = pal.PRINT) -> None:
    fig.clear()
    fig.set_facecolor(style.background)
    items = rows(data)
    if not items:
        fig.text(0.5, 0.5, "No stakeholder groups yet", ha="center", color=style.muted)
        return
    longest = max(len(name) for name, _ in items)
    left = min(0.4, (0.075 * longest + 0.3) / fig.get_size_inches()[0])
    height = fig.get_size_inches()[1]
    bottom, top = min(0.4, 0.95 / height), min(0.3, 0.5 / height)  # inches: room for legend
    ax = fig.add_axes([left, bottom, max(0.1, 0.92 - left), max(0.1, 1 - bottom - top)])
    apply_text_style(ax, style)
    y = list(range(len(items)))[::-1]  # first group on top
    starts = [0] * len(items)
    for key, label, hatch in SEGMENTS:
        widths = [getattr(c, key) for _, c in items]
        colour = pal.STATE["open"] if key == "pending" else pal.STATE[key]
        filled = key != "pending"
        ax.barh(y, widths, left=starts, height=0.62, label=label, hatch=hatch or None,
                color=colour if filled else style.background, edgecolor=colour,
                linewidth=1.2, gid=f"cadence:{key}")
        starts = [s + w for s, w in zip(starts, widths)]
    for yy, (_, c), end in zip(y, items, starts):
        ax.text(end + 0.1, yy, f"{c.delivered} of {c.promised} delivered"
                + (f", {c.overdue} overdue" if c.overdue else ""), va="center",
                color=pal.STATE["overdue"] if c.overdue else style.text,
                fontsize=style.font_size - 0.5, fontweight="bold" if c.overdue else "normal")
    ax.set_yticks(y)
    ax.set_yticklabels([name for name, _ in items])
    ax.set_xlim(0, max(max(starts), 1) * 1.45 + 0.5)
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.set_xlabel("update promises", color=style.muted, fontsize=style.font_size - 1)
    ax.grid(axis="x", color=style.grid, linewidth=0.6)
    ax.set_axisbelow(True)
    ax.tick_params(length=0)
    fig.text(left, 1 - 0.12 / height, "Update cadence: promised vs delivered", color=style.text,
             fontsize=style.font_size + 3, fontweight="bold", va="top")
    legend = fig.legend(loc="lower center", ncol=4, frameon=False, bbox_to_anchor=(0.5, 0.0),
                        fontsize=style.font_size - 0.5)
    for text in legend.get_texts():
        text.set_color(style.text)


def figure(data, style: pal.Style = pal.PRINT, size: tuple[float, float] = (10, 5.2)):
    fig = new_figure(*size, style)
    draw(fig, data, style)
    return fig
