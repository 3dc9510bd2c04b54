"""The briefing pack: what a board member, an incoming lead or a new shift reads first, as
one PDF through the one PDF path (reports.pdf).

In the shape of an incident briefing: the situation (what happened, current objectives,
actions under way, organisation and who is on duty), then the decisions in force, the
current lines by audience, Q&A, the do-not-say list, the update promises and their state,
and the journey heat map and timeline figures (drawn in memory with Agg, never to a file).

Sources chosen for the situation: *current objectives* are the expected outcomes logged on
the decisions in force (the decision log is where the war room says what it is trying to
achieve); *actions under way* are the open actions of those decisions plus the planned
actions of the journey map's current phase. A section with nothing to say prints "None
recorded" rather than vanishing, so a reader can tell "nothing" from "left out".

The footer stamp's content hash covers the words of the pack and what the heat map shows
(sentiment and cell states), not the pixels of the figures or the moment it was printed:
the same situation printed twice carries the same stamp, and any change to it another.
"""

import json
import time
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from commandcenter.models.fact import FACT_STATUSES
from commandcenter.models.operator import Role
from commandcenter.reports import output, pdf
from commandcenter.reports.briefing_pack_blocks import (
    at, audience_names, none_if_empty, table, utc,
)
from commandcenter.reports.briefing_pack_data import LIMIT, PackData, gather
from commandcenter.reports.briefing_pack_lines import current_lines, do_not_say, questions
from commandcenter.services import audit
from commandcenter.services.journey.timeline import KIND_LABELS as EVENT_LABELS
from commandcenter.services.journey.timeline import duration_text
from commandcenter.vault.unlocked import UnlockedVault

TITLE = "Briefing pack"
STEPS = 4  # progress: read, figures, PDF, written
PROMISE_WORDS = {"overdue": "OVERDUE", "due_soon": "due within 1 h", "open": "not yet due",
                 "kept": "kept", "late": "kept late", "cancelled": "withdrawn"}
DUTY_WORDS = {"on_air": "ON AIR", "on_duty": "on duty"}
FACT_WORDS = {"likely": "Likely", "unconfirmed": "Unconfirmed"}
FIGURE_SIZE = (10.4, 5.6)  # inches: the width of a landscape A4 page inside its margins
FIGURE_WIDTH_MM = 265


# --- 1. situation ---------------------------------------------------------------------------

def _what_happened(p: PackData) -> list[pdf.Block]:
    inc, m = p.incident, p.journey.metrics
    broke = ("Yes — the story was out before our disclosure" if m.story_broke_first
             else "No" if m.disclosed_at else "")
    out: list[pdf.Block] = [pdf.Heading("What happened", 2), pdf.Fields((
        ("Incident", f"{inc.code} — {inc.title}"),
        ("Severity", inc.severity.capitalize()), ("Status", inc.status.capitalize()),
        ("Opened", utc(inc.opened_at)), ("Current phase", p.phase or "—"),
        ("Detected", utc(m.detected_at)),
        ("Disclosed", utc(m.disclosed_at) if m.disclosed_at else "Not disclosed yet"),
        ("Detection → disclosure",
         duration_text(m.detection_to_disclosure) if m.disclosed_at else ""),
        ("Story broke first", broke),
    )), pdf.Paragraph(inc.summary.strip() or "No summary recorded.")]
    out += _facts(p)
    out.append(pdf.Heading("Key events", 3))
    events = _key_events(p.journey.events)
    out += none_if_empty(table(
        ("When (UTC)", "What", "Event"),
        [(at(e.at), EVENT_LABELS.get(e.kind, e.kind), e.title) for e in events],
        (2.4, 2.2, 7.4), "", "", limit=len(events)))
    if len(events) < len(p.journey.events):
        out.append(pdf.Paragraph(
            f"The first event of each kind and the {RECENT_EVENTS} most recent, of "
            f"{len(p.journey.events):,} events; the timeline (figure 8) shows them all.",
            muted=True))
    return out


RECENT_EVENTS = 20


def _key_events(events) -> list:
    """All the events when there are few; else the milestones (the first event of each
    kind: detected, confirmed, disclosed, first media report …) and the latest ones, in
    time order."""
    if len(events) <= LIMIT:
        return list(events)
    ordered = sorted(events, key=lambda e: e.at)
    first: dict[str, object] = {}
    for e in ordered:
        first.setdefault(e.kind, e)
    keep = {id(e): e for e in [*first.values(), *ordered[-RECENT_EVENTS:]]}
    return sorted(keep.values(), key=lambda e: e.at)


def _facts(p: PackData) -> list[pdf.Block]:
    by_status = {s: [f for f in p.facts if f.status == s] for s in FACT_STATUSES}
    out: list[pdf.Block] = [pdf.Heading("What we know (confirmed facts)", 3)]
    where = "a line's message house lists the facts it relies on"
    out += none_if_empty(table(
        ("Fact", "Source", "Established (UTC)"),
        [(f.statement, f.source, at(f.established_at)) for f in by_status["confirmed"]],
        (7, 3.4, 2.2), "confirmed facts", where))
    open_ = by_status["likely"] + by_status["unconfirmed"]
    out.append(pdf.Heading("Not confirmed yet", 3))
    out += none_if_empty(table(
        ("Status", "Statement", "Source"),
        [(FACT_WORDS[f.status], f.statement, f.source) for f in open_],
        (1.6, 7, 3.4), "facts not confirmed yet", where))
    if by_status["retracted"]:  # what was once believed and must not be repeated
        out.append(pdf.Heading("Retracted — no longer true", 3))
        out += table(("Statement", "Source"),
                      [(f.statement, f.source) for f in by_status["retracted"]], (8, 4),
                      "retracted facts", where)
    return out


def _objectives(p: PackData) -> list[pdf.Block]:
    out: list[pdf.Block] = [
        pdf.Heading("Current objectives", 2),
        pdf.Paragraph("The outcomes the decisions in force are expected to bring, as logged.",
                      muted=True)]
    out += none_if_empty(
        [pdf.Table(("Entry", "Decision", "Expected outcome"), tuple(p.objectives),
                   widths=(1.9, 5, 5))] if p.objectives else [],
        "None recorded — no decision in force has an expected outcome logged.")
    if len(p.objectives) == LIMIT and p.in_force > LIMIT:
        out.append(pdf.Paragraph(f"The {LIMIT} most recent decisions in force that logged an "
                                 "expected outcome; the decision log holds them all.",
                                 muted=True))
    return out


def _actions(p: PackData) -> list[pdf.Block]:
    items = sorted(p.actions, key=lambda a: (a.due is None, a.due or p.now))

    def due(a) -> str:
        late = a.due is not None and a.due < p.now
        return at(a.due) + (" OVERDUE" if late else "")

    out: list[pdf.Block] = [pdf.Heading("Actions under way", 2)]
    return out + none_if_empty(table(
        ("Action", "Owner", "Due (UTC)", "From"),
        [(a.action, a.owner or "—", due(a), a.source) for a in items], (6, 2.4, 3, 2.2),
        "open actions, the soonest due first", "the decision log and the journey map hold "
        "them all"))


def _organisation(p: PackData) -> list[pdf.Block]:
    by_role: dict[str, list[str]] = {}
    for op in p.operators:
        by_role.setdefault(op.role, []).append(op.name)
    labels = {r.value: r.label for r in Role}
    roles = tuple((labels.get(r, r), ", ".join(names))
                  for r, names in sorted(by_role.items(), key=lambda kv: _role_order(kv[0])))
    out: list[pdf.Block] = [pdf.Heading("Organisation and who is on duty", 2),
                            pdf.Heading("War room", 3)]
    out += none_if_empty([pdf.Table(("Role", "Operators"), roles, widths=(1, 3))]
                          if roles else [])
    # "Now" is the generation time in the subtitle and footer: not in the words, which the
    # stamp covers (the same situation a minute later carries the same stamp).
    out.append(pdf.Heading("Spokespersons on duty now", 3))
    on_air_first = sorted(p.on_duty, key=lambda s: s.availability != "on_air")
    out += none_if_empty(table(
        ("Name", "Role", "Now", "Speaks to", "Until (UTC)", "Backup"),
        [(s.name, s.role_title, DUTY_WORDS.get(s.availability, s.availability),
          audience_names(s.audiences), at(s.until), s.backup or "—") for s in on_air_first],
        (2.4, 3, 1.4, 3, 2.4, 2.2), "spokespersons on duty, those on air first",
        "the Spokespersons area lists them all"), "Nobody on the roster is on duty now.")
    if p.off_duty:
        names, more = p.off_duty[:OFF_DUTY_NAMES], len(p.off_duty) - OFF_DUTY_NAMES
        tail = f" and {more:,} more" if more > 0 else ""
        out.append(pdf.Paragraph("Off duty: " + ", ".join(names) + tail + ".", muted=True))
    return out


OFF_DUTY_NAMES = 30


def _role_order(role: str) -> int:
    order = [r.value for r in Role]
    return order.index(role) if role in order else len(order)


# --- 2.–6. decisions, lines, Q&A, do-not-say, promises ------------------------------------

def _decisions(p: PackData) -> list[pdf.Block]:
    rows = tuple((x.head.label, at(x.head.decided_at), x.state.fields["decision"],
                  "; ".join(x.state.fields["decision_makers"]), at(x.state.review_by))
                 for x in p.decisions)
    out = [pdf.Heading("2. Decisions in force")] + none_if_empty(
        [pdf.Table(("Entry", "Decided (UTC)", "Decision", "Decision makers",
                    "Review by (UTC)"), rows, widths=(1.9, 2.2, 6, 2.4, 2.2))] if rows else [])
    if p.in_force > len(rows):
        out.append(pdf.Paragraph(
            f"Showing the {len(rows)} most recent of {p.in_force:,} decisions in force; the "
            "decision log and the inquiry record hold them all.", muted=True))
    return out


def _promises(p: PackData) -> list[pdf.Block]:
    j = p.journey
    states = [(pr, j.promise_state(pr)) for pr in j.promises]
    waiting = sorted(((pr, s) for pr, s in states if s in ("overdue", "due_soon", "open")),
                     key=lambda ps: ps[0].due_at)  # the most overdue first
    out: list[pdf.Block] = [pdf.Heading("6. Update promises"),
                            pdf.Heading("Promises still to keep", 3)]
    out += none_if_empty(table(
        ("Stakeholder group", "Update due (UTC)", "State", "Note"),
        [(j.stakeholder_name(pr.stakeholder_id), at(pr.due_at), PROMISE_WORDS[s],
          pr.note or "") for pr, s in waiting], (3, 2.6, 2, 4.4),
        "promises still to keep, the soonest due first", "the Journey map lists them all"),
        "None recorded — no update is promised.")
    rows = tuple((j.stakeholder_name(c.stakeholder_id), str(c.promised), str(c.kept),
                  str(c.late), str(c.overdue), str(c.pending))
                 for c in j.cadence() if c.promised)
    out.append(pdf.Heading("Promised and delivered, by group", 3))
    return out + none_if_empty([pdf.Table(
        ("Stakeholder group", "Promised", "Kept", "Kept late", "Overdue", "Not yet due"), rows,
        widths=(3.4, 1.4, 1.2, 1.4, 1.4, 1.6))] if rows else [])


# --- 7. figures -----------------------------------------------------------------------------

def figures(p: PackData) -> list[pdf.Block]:
    """The heat map and the timeline, each on a landscape page, as PNG bytes in memory."""
    from commandcenter.charts import heatmap, render, swimlanes

    out: list[pdf.Block] = []
    for number, title, module, caption in (
            (7, "Journey heat map", heatmap,
             "Sentiment of each stakeholder group in each phase (−2 hostile … +2 "
             "supportive); hatched: not assessed; dotted outline: not reviewed for 48 h; "
             "▲: an overdue update promise."),
            (8, "Timeline", swimlanes,
             "Events, media reports, disclosures, decisions and update promises; the dashed "
             "line is the time the pack was generated.")):
        fig = module.figure(p.journey, size=FIGURE_SIZE)
        out += [pdf.PageBreak("L"), pdf.Heading(f"{number}. {title}"),
                pdf.Image(render.figure_bytes(fig, "png"), caption, FIGURE_WIDTH_MM)]
    return out


def figure_source(p: PackData) -> pdf.Paragraph:
    """What the figures show that the text does not (the heat map's cells), for the hash."""
    from commandcenter.charts.heatmap import matrix

    j = p.journey
    states = [[j.cell_state(i, s.id) for i in range(len(j.phases))] for s in j.stakeholders]
    return pdf.Paragraph(json.dumps({"phases": [x.name for x in j.phases],
                                     "groups": [x.name for x in j.stakeholders],
                                     "sentiment": matrix(j), "cells": states}))


# --- the pack -------------------------------------------------------------------------------

def text_blocks(p: PackData) -> list[pdf.Block]:
    return [pdf.Heading("1. Situation"), *_what_happened(p), *_objectives(p), *_actions(p),
            *_organisation(p), *_decisions(p), *current_lines(p), *questions(p), *do_not_say(p),
            *_promises(p)]


@dataclass
class Pack:
    data: bytes
    stamp: pdf.Stamp
    pages: int
    timings: dict = field(default_factory=dict)  # seconds: gather, figures, pdf


def build(vault: UnlockedVault, *, now: datetime | None = None, progress=None) -> Pack:
    """The pack's PDF bytes (in memory) and its stamp."""
    step = progress or (lambda done, total: None)
    clock = time.perf_counter()
    step(0, STEPS)
    p = gather(vault, now=now)
    with vault.read() as session:
        _seq, head = audit.chain_head(session)
    timings = {"gather": time.perf_counter() - clock}
    step(1, STEPS)
    clock = time.perf_counter()
    pictures = figures(p)
    timings["figures"] = time.perf_counter() - clock
    step(2, STEPS)
    clock = time.perf_counter()
    words = text_blocks(p)
    inc = p.incident
    stamp = pdf.Stamp(vault.vault_id, head,
                      pdf.content_hash(TITLE, words + [figure_source(p)]), p.now,
                      vault.actor.name, inc.code)
    subtitle = (f"{inc.code} — {inc.title} · severity {inc.severity} · the situation at "
                f"{p.now:%Y-%m-%d %H:%M} UTC · prepared by {vault.actor.name}")
    data, pages = pdf.render_counted(TITLE, words + pictures, stamp, subtitle=subtitle)
    timings["pdf"] = time.perf_counter() - clock
    step(3, STEPS)
    return Pack(data, stamp, pages, timings)


def export_pack(vault: UnlockedVault, out: Path, *, now: datetime | None = None,
                progress=None) -> dict:
    """Write the pack where the user chose (checked before anything is read); a summary."""
    out = output.check_destination(vault, out)
    pack = build(vault, now=now, progress=progress)
    output.write_export(vault, out, pack.data, action="briefing_pack.exported",
                        details={"stamp": pack.stamp.short, "pages": pack.pages})
    if progress:
        progress(STEPS, STEPS)
    return {"file": str(out), "stamp": pack.stamp.short, "pages": pack.pages,
            "bytes": len(pack.data)}
