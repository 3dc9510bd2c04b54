"""The handover wizard's content page as HTML (one QTextBrowser: it wraps, scrolls, selects
and copies). Plain functions of a services.handover Handover; colours come from the theme's
roles, and every colour has a word beside it (the PDF's words: reports.handover)."""

import html

from commandcenter.reports.handover import STATE_WORDS
from ui import theme
from ui.widgets import timefmt


def _e(text: str) -> str:
    return html.escape(text or "").replace("\n", "<br>")


def _tag(word: str, role: str) -> str:
    return f"<span style='color:{theme.colour(role)}; font-weight:600'>{_e(word)}</span>"


def period(h) -> str:
    """"Since 12 Nov 20:30 (handover 1: …) until now — 18 d 9 h"."""
    start = timefmt.local_with_zone(h.since)
    after = f" — after {h.previous}" if h.previous else " — the incident's opening"
    return (f"Since {start}{after}, until {timefmt.local_with_zone(h.until)} "
            f"({timefmt.duration((h.until - h.since).total_seconds())})")


def _item(i) -> str:
    word = STATE_WORDS.get(i.state, "")
    tags = [_tag(word, i.state)] if word else []
    if i.carried:
        tags.append(_tag("carried over", "neutral"))
    when = (f" <span style='color:{theme.colour('muted')}'>· "
            f"{_e(timefmt.local_with_zone(i.when))}</span>" if i.when else "")
    lead = " ".join(tags) + " " if tags else ""
    return (f"<p style='margin:6px 0 1px 0'>{lead}<b>{_e(i.title)}</b>{when}</p>"
            f"<p style='margin:0 0 6px 14px; color:{theme.colour('muted')}'>"
            f"{_e(i.detail)}</p>")


def _section(s) -> str:
    urgent = sum(i.state == "bad" for i in s.items)
    count = (_tag(f"{urgent} act now", "bad") + " · " if urgent else "") + \
        f"{len(s.items)} item{'s' if len(s.items) != 1 else ''}"
    out = [f"<h4 style='margin:14px 0 4px 0'>{_e(s.title)} "
           f"<span style='font-weight:400'>({count})</span></h4>"]
    if not s.items:
        out.append(f"<p style='color:{theme.colour('muted')}; margin:2px 0 6px 0'>"
                   f"{_e(s.empty)}</p>")
    out += [_item(i) for i in s.items]
    return "".join(out)


def summary(h) -> str:
    """The counts, one row per section (the first thing read)."""
    rows = []
    for s in h.sections:
        urgent = sum(i.state == "bad" for i in s.items)
        flag = _tag(f"{urgent} act now", "bad") if urgent else ""
        rows.append(f"<tr><td style='padding:2px 12px 2px 0'>{_e(s.title)}</td>"
                    f"<td align='right' style='padding:2px 12px'><b>{len(s.items)}</b></td>"
                    f"<td>{flag}</td></tr>")
    return ("<table cellspacing='0' style='margin-bottom:10px'>" + "".join(rows)
            + "</table>")


def page(h) -> str:
    open_ = "".join(_section(s) for s in h.sections if s.open_items)
    done = "".join(_section(s) for s in h.sections if not s.open_items)
    return (f"<p style='margin:0 0 6px 0'>{_e(period(h))}</p>" + summary(h)
            + "<h3 style='margin:22px 0 0 0'>Open items for the incoming shift</h3>" + open_
            + "<h3 style='margin:16px 0 0 0'>What happened in this period</h3>" + done)
