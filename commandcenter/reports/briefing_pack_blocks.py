"""The briefing pack's small pieces: how times, lines and audiences are written, and the
long lists cut to what a reader can take in (with a line saying how many there are)."""

from datetime import datetime

from commandcenter.models.talking_point import AUDIENCE_LABELS, KIND_LABELS
from commandcenter.reports import pdf
from commandcenter.reports.briefing_pack_data import LIMIT

NONE = "None recorded."


def utc(value: datetime | None) -> str:
    return f"{value:%Y-%m-%d %H:%M} UTC" if value else "—"


def at(value: datetime | None) -> str:
    """A time in a table whose heading says UTC (short enough for one line)."""
    return f"{value:%Y-%m-%d %H:%M}" if value else "—"


def label(v) -> str:
    """ "Holding statement: payment card breach", not the kind twice."""
    kind = KIND_LABELS.get(v.kind, v.kind)
    return v.title if v.title.lower().startswith(kind.lower()) else f"{kind}: {v.title}"


def audience_names(keys) -> str:
    return ", ".join(AUDIENCE_LABELS.get(a, a) for a in keys)


def none_if_empty(blocks: list[pdf.Block], text: str = NONE) -> list[pdf.Block]:
    return blocks or [pdf.Paragraph(text, muted=True)]


# A pack is read in minutes and printed for the room: a crisis that has run for weeks has
# tens of thousands of events and decisions, and a table of all of them is neither readable
# nor printable (nor quick). Each long list shows its first LIMIT rows, in the order that
# puts what matters now first, and says how many there are and where the rest are.


def capped(rows, what: str, where: str, limit: int = LIMIT, latest: bool = False
            ) -> tuple[tuple, list[pdf.Block]]:
    """The first `limit` rows (the last, when `latest`: rows in time order), and (when some
    are left out) a line saying so."""
    rows = tuple(rows)
    if len(rows) <= limit:
        return rows, []
    shown = rows[-limit:] if latest else rows[:limit]
    which = f"the {limit} most recent" if latest else f"{limit}"
    return shown, [pdf.Paragraph(f"Showing {which} of {len(rows):,} {what}; {where}.",
                                 muted=True)]


def table(headers, rows, widths, what: str, where: str, limit: int = LIMIT,
           latest: bool = False) -> list[pdf.Block]:
    """A table of at most `limit` rows with its "showing … of …" line; [] when empty."""
    shown, note = capped(rows, what, where, limit, latest)
    return [pdf.Table(headers, shown, widths=widths), *note] if shown else []
