"""Spokesperson mode's page as HTML (one QTextBrowser: it wraps, scrolls, selects and
copies, and a long line never squeezes a layout). Plain functions of a services.briefing
Briefing; colours come from the theme's roles, and every colour has a word beside it."""

import html
from datetime import datetime

from commandcenter.models.talking_point import AUDIENCE_LABELS, KIND_LABELS
from ui import theme
from ui.dialogs.line_history import diff_html
from ui.widgets import timefmt

WHAT = {"new version": "New version", "new line": "New line for you",
        "withdrawn": "Withdrawn — do not use it any more",
        "new do-not-say item": "New do-not-say item"}


def _e(text: str) -> str:
    return html.escape(text or "").replace("\n", "<br>")


def _tag(word: str, role: str) -> str:
    return (f"<span style='color:{theme.colour(role)}; font-weight:600'>"
            f"{_e(word)}</span>")


def _due(v, now: datetime) -> str:
    """When the line expires or is next reviewed or updated, as a countdown."""
    parts = []
    for label, when in (("expires", v.expires_at), ("review", v.review_by),
                        ("next update", v.next_update_due)):
        if when is None:
            continue
        left = (when - now).total_seconds()
        role = "bad" if left <= 0 else "warn" if left < 6 * 3600 else "neutral"
        text = (f"{label} overdue by {timefmt.duration(left)}" if left <= 0 and label != "expires"
                else f"{label} in {timefmt.duration(left)}")
        parts.append(f"<span title='{timefmt.utc(when)}'>{_tag(text, role)}</span>")
    return " · ".join(parts)


def _line(v, now: datetime) -> str:
    kind = KIND_LABELS.get(v.kind, v.kind)
    due = _due(v, now)
    return (f"<p style='margin:8px 0 2px 0'><b>{_e(v.title)}</b> "
            f"<span style='color:{theme.colour('neutral')}'>· {_e(kind)} · "
            f"v{v.version}</span>{'<br>' + due if due else ''}</p>"
            f"<p style='margin:0 0 8px 12px'>{_e(v.text)}</p>")


def _changes(b) -> str:
    if not b.changes:
        when = (f" (acknowledged {timefmt.ago(b.last_ack.at)})" if b.last_ack else "")
        return (f"<h3>{_tag('✓ Nothing changed', 'ok')} since your last "
                f"acknowledgement{_e(when)}</h3>")
    out = [f"<h3>{_tag('Changed since your last acknowledgement', 'bad')} "
           f"({len(b.changes)})</h3>"]
    for c in b.changes:
        role = "bad" if c.change.what == "withdrawn" else "warn"
        out.append(f"<p style='margin:6px 0 2px 0'>{_tag(WHAT.get(c.change.what, ''), role)}"
                   f" — <b>{_e(c.change.title)}</b></p>")
        out.append(f"<p style='margin:0 0 8px 12px'>{diff_html(c.old_text, c.new_text)}</p>")
    return "".join(out)


def by_audiences(b) -> list[tuple[str, list]]:
    """Their lines (not Q&A) grouped by the audiences they are theirs for, each line once:
    a holding statement for customers and media is one text, shown once under both."""
    groups: dict[str, list] = {}
    seen: dict[str, list[str]] = {}
    for audience, lines in b.holding.lines.items():
        for v in lines:
            if v.kind != "qa":
                seen.setdefault(v.point_id, [v]).append(AUDIENCE_LABELS.get(audience, audience))
    for v, *audiences in seen.values():
        groups.setdefault(", ".join(audiences), []).append(v)
    return list(groups.items())


def _lines(b, now: datetime) -> str:
    out = ["<h3>Your current lines</h3>"]
    for audiences, lines in by_audiences(b):
        out.append(f"<h4>For {_e(audiences)}</h4>")
        out += [_line(v, now) for v in lines]
    for gap in b.holding.gaps:
        out.append(f"<p>{_tag('Gap', 'warn')}: no current line for "
                   f"{_e(AUDIENCE_LABELS.get(gap, gap))} — call the war room before you "
                   "speak to them.</p>")
    if not b.holding.lines and not b.holding.gaps:
        out.append("<p>No line is assigned to you yet.</p>")
    return "".join(out)


def _contacts(b) -> str:
    rows = []
    if b.war_room:
        rows.append(f"<b>War room:</b> {_e(b.war_room)}")
    if b.backup:
        rows.append(f"<b>Your backup:</b> {_e(b.backup.name)}"
                    f"{', ' + _e(b.backup.role) if b.backup.role else ''} · "
                    f"{_e(b.backup.text())}")
    return "<h3>Who to call</h3><p>" + "<br>".join(rows or ["No contact set."]) + "</p>"


def page(b, now: datetime) -> str:
    qa = "".join(_line(v, now) for v in b.qa) or "<p>No Q&amp;A assigned.</p>"
    dns = "".join(f"<p style='margin:4px 0'>{_tag('✗ Do not say', 'bad')} "
                  f"<b>{_e(v.title)}</b>: {_e(v.text)}</p>" for v in b.holding.do_not_say)
    return (_changes(b) + _lines(b, now) + "<h3>Q&amp;A</h3>" + qa +
            "<h3>Do not say</h3>" + (dns or "<p>Nothing listed.</p>") + _contacts(b))
