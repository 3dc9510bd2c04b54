"""The briefing pack's sections on the current line: the lines by audience (3), questions
and answers (4) and what must not be said (5), each current version once with the
audiences it is current for."""

from commandcenter.models.talking_point import AUDIENCE_LABELS, AUDIENCES
from commandcenter.reports import pdf
from commandcenter.reports.briefing_pack_blocks import (
    NONE, at, audience_names, capped, label, none_if_empty, table, utc,
)
from commandcenter.reports.briefing_pack_data import LIMIT, PackData


def _unique(p: PackData, kinds: tuple[str, ...]) -> list[tuple[object, list[str]]]:
    """Each current version of these kinds once, with the audiences it is current for."""
    seen: dict[str, tuple[object, list[str]]] = {}
    for audience in AUDIENCES:
        for v in p.board.lines.get(audience, ()):
            if v.kind in kinds:
                seen.setdefault(v.id, (v, []))[1].append(audience)
    return list(seen.values())


def current_lines(p: PackData) -> list[pdf.Block]:
    out: list[pdf.Block] = [pdf.Heading("3. Current lines by audience")]
    summary = tuple((AUDIENCE_LABELS[a], _names(p.board.lines[a]))
                    for a in AUDIENCES if p.board.lines.get(a))
    out += none_if_empty([pdf.Table(("Audience", "Current approved lines"), summary,
                                     widths=(1, 4))] if summary else [],
                          "None recorded — no line is approved and current.")
    lines, note = capped(_unique(p, ("holding_statement", "key_message", "bridging_line")),
                          "current lines", "the Talking points board shows them all")
    for v, audiences in lines:
        out.append(pdf.Heading(label(v), 3))
        out.append(pdf.Paragraph(_line_meta(v, audiences), muted=True))
        out.append(pdf.Paragraph(v.text))
    out += note
    if p.board.due:
        out.append(pdf.Heading("Lines needing attention", 3))
        out += table(("Line", "Needs", "When (UTC)"),
                      [(d.title, d.what, at(d.when)) for d in p.board.due], (5, 2, 2.2),
                      "lines needing attention", "the Talking points board shows them all")
    return out


LINE_NAMES = 12


def _names(versions) -> str:
    """The lines current for one audience, by name; a long list ends in "and N more"."""
    names = [label(v) for v in versions[:LINE_NAMES]]
    more = len(versions) - LINE_NAMES
    return "; ".join(names) + (f"; and {more:,} more" if more > 0 else "")


def _line_meta(v, audiences) -> str:
    parts = [f"For {audience_names(audiences)}", f"version {v.version}",
             f"approved {utc(v.approved_at)}" if v.approved_at else "",
             f"next update due {utc(v.next_update_due)}" if v.next_update_due else "",
             f"expires {utc(v.expires_at)}" if v.expires_at else ""]
    return " · ".join(x for x in parts if x)


def questions(p: PackData) -> list[pdf.Block]:
    out: list[pdf.Block] = [pdf.Heading("4. Questions and answers")]
    pairs, note = capped(_unique(p, ("qa",)), "questions and answers",
                          "the Talking points board shows them all")
    for v, audiences in pairs:
        question, _, answer = v.text.partition("\nA: ")
        out.append(pdf.Heading(question.removeprefix("Q: "), 3))
        out.append(pdf.Paragraph(answer or v.text))
        out.append(pdf.Paragraph(f"{v.title} · for {audience_names(audiences)}", muted=True))
    return out + note + ([] if pairs else [pdf.Paragraph(NONE, muted=True)])


def do_not_say(p: PackData) -> list[pdf.Block]:
    # More room than other lists: what must not be said is what a reader most needs.
    items, note = capped(_unique(p, ("do_not_say",)), "do-not-say lines",
                          "the Talking points board shows them all", limit=3 * LIMIT)
    return [pdf.Heading("5. Do not say")] + none_if_empty([
        pdf.Paragraph(f"✗ {v.title} ({audience_names(audiences)}): {v.text}")
        for v, audiences in items]) + note
