"""One talking point version as rich text: its words laid out as a message house (umbrella,
pillars with proof points), the know / don't know / doing / should-do block, empathy line,
times, links, reviews, and why it is flagged or was rejected. Used by the All lines and
Approval queue tabs and by the history dialog."""

import html
import json

from commandcenter.models.talking_point import KIND_LABELS
from ui import theme
from ui.qtmodels.talking_points import audiences_text, status_word
from ui.widgets import timefmt

BLOCKS = (("we_know", "What we know"), ("we_dont_know", "What we don't know yet"),
          ("we_are_doing", "What we are doing"), ("you_should_do", "What you should do"))


def _p(text: str) -> str:
    return html.escape(text).replace("\n", "<br>")


def version_html(history, version) -> str:
    point = history.point
    muted = theme.colour("muted")
    out = [f"<h3>{_p(version.title)}</h3>",
           f"<p style='color:{muted}'>{KIND_LABELS.get(point.kind, point.kind)} · "
           f"v{version.version} · {status_word(version.status)} · "
           f"{html.escape(audiences_text(json.loads(point.audiences)))}</p>"]
    out += _warnings(version)
    if version.question:
        out.append(f"<p><b>Q:</b> {_p(version.question)}</p><p><b>A:</b> {_p(version.body)}</p>")
    else:
        out.append(f"<p>{_p(version.body)}</p>")
    out += _pillars(version.pillars)
    for name, label in BLOCKS:
        if getattr(version, name):
            out.append(f"<p><b>{label}:</b> {_p(getattr(version, name))}</p>")
    if version.empathy_line:
        out.append(f"<p><i>{_p(version.empathy_line)}</i></p>")
    out += _times(version, muted)
    out += _links(history.links.get(version.id, []))
    out += _reviews(history.reviews.get(version.id, []), muted)
    return "".join(out)


def _warnings(version) -> list[str]:
    out = []
    if version.flag_reason and version.status in ("needs_review", "draft"):
        out.append(f"<p style='color:{theme.colour('warn')}'><b>Needs review:</b> "
                   f"{_p(version.flag_reason)}</p>")
    if version.reject_reason and version.status == "draft":
        out.append(f"<p style='color:{theme.colour('bad')}'><b>Rejected:</b> "
                   f"{_p(version.reject_reason)}</p>")
    return out


def _pillars(text: str) -> list[str]:
    pillars = json.loads(text or "[]")
    if not pillars:
        return []
    items = "".join(f"<li><b>{_p(p['pillar'])}</b>"
                    + ("<ul>" + "".join(f"<li>{_p(s)}</li>" for s in p.get("proof_points", ()))
                       + "</ul>" if p.get("proof_points") else "") + "</li>"
                    for p in pillars)
    return [f"<ol>{items}</ol>"]


def _times(version, muted: str) -> list[str]:
    parts = [(label, getattr(version, name)) for name, label in (
        ("next_update_due", "Next update due"), ("valid_from", "Valid from"),
        ("expires_at", "Expires"), ("review_by", "Review by"))]
    shown = [f"{label} {timefmt.local(value)}" for label, value in parts if value]
    return [f"<p style='color:{muted}'>{' · '.join(shown)}</p>"] if shown else []


def _links(links) -> list[str]:
    if not links:
        return []
    items = "".join(f"<li>{'Decision' if t == 'decision' else 'Fact'}: {_p(label)}</li>"
                    for t, _id, label in links)
    return [f"<p><b>Relies on</b></p><ul>{items}</ul>"]


def _reviews(reviews, muted: str) -> list[str]:
    if not reviews:
        return []
    rows = "".join(
        f"<li>{'Approved' if r.outcome == 'approve' else 'Rejected'} by "
        f"{html.escape(r.operator_name)} {timefmt.local(r.created_at)}"
        + (f" — “{_p(r.comment)}”" if r.comment else "") + "</li>" for r in reviews)
    return [f"<p style='color:{muted}'><b>Reviews</b></p><ul>{rows}</ul>"]
