"""Building the pending handover of the active incident from the vault's state.

Two kinds of section:
- what is open now and the incoming operator must act on — decisions due for review,
  approvals pending, promised updates due, lines expiring or needing attention,
  spokespersons not current. These read the same queries the dashboard's tiles read
  (services.dashboard.Context), extended to what falls due within the coming shift
  (AHEAD); an item that was already open in the previous handover is marked carried over.
- what happened in the period since the last signed handover (its `until`, or the
  incident's opening): decisions logged, facts new or changed, lines approved.

The period ends at `now` (the handover's `until`); the next handover starts there, so a
change made while this one is being read and signed is listed by the next one.
"""

import json
from datetime import datetime, timedelta

from sqlmodel import select

from commandcenter.models import (
    AuditEntry, DecisionEntry, DecisionHead, Fact, Handover as HandoverRow, Incident,
    Spokesperson, TalkingPoint, TalkingPointVersion,
)
from commandcenter.models.base import utcnow
from commandcenter.services import settings
from commandcenter.services.dashboard import Context
from commandcenter.services.errors import ValidationError
from commandcenter.services.handover.content import Handover, Item, Section
from commandcenter.services.journey.timeline import duration_text
from commandcenter.vault.unlocked import UnlockedVault

AHEAD = timedelta(hours=12)  # "due" includes what falls due during the coming shift
READERS = ("lead", "approver", "editor", "loggist")  # who hands over and takes over
ENTRY_WORDS = {"decision": "Decision logged", "supersession": "Decision (supersedes)",
               "amendment": "Amendment", "rescission": "Rescission", "review": "Review outcome",
               "action_done": "Action done"}
NOW_WORDS = {"approved": "still approved", "superseded": "since replaced by a later version",
             "needs_review": "now flagged for review", "retired": "since retired"}


def _due_state(when: datetime | None, now: datetime) -> str:
    return "bad" if when is not None and when <= now else "warn"


def _relative(when: datetime, now: datetime) -> str:
    """"3 h 10 min ago" / "in 45 min"."""
    if when <= now:
        return f"{duration_text(now - when)} ago"
    return f"in {duration_text(when - now)}"


# --- open items (the dashboard's queries) ---------------------------------------------------

def decisions_due(ctx: Context) -> Section:
    from commandcenter.services import decisions

    rows = decisions.page(ctx.vault, filters=decisions.Filters(due=True),
                          now=ctx.now + AHEAD, limit=500).rows
    items = [Item(r.decision_id, f"{r.label}  {r.decision}",
                  f"Review due {_relative(r.review_by, ctx.now)}"
                  + (f" · decided by {r.decision_makers}" if r.decision_makers else ""),
                  r.review_by, _due_state(r.review_by, ctx.now))
             for r in sorted(rows, key=lambda r: r.review_by)]
    return Section("decisions_due", "Decisions due for review", tuple(items),
                   "No decision in force is due for review in the next 12 hours.")


def approvals_pending(ctx: Context) -> Section:
    from commandcenter.services import talking_points

    items = []
    for r in talking_points.approval_queue(ctx.vault, now=ctx.now):
        flagged = r.status == "needs_review"
        detail = (f"Needs review: {r.flag_reason}" if flagged else
                  f"In review · {r.approvals} of {r.required} approval(s)"
                  + (f" · by {r.author}" if r.author else ""))
        items.append(Item(r.version_id, f"{r.title} (v{r.version})", detail, r.updated_at,
                          "warn"))
    return Section("approvals", "Talking points awaiting approval", tuple(items),
                   "Nothing waits for an approver.")


def promises_due(ctx: Context) -> Section:
    from commandcenter.services import journey

    data = journey.load(ctx.vault, now=ctx.now, with_decisions=False)
    items = []
    for p in data.promises:
        if p.status != "open" or p.due_at > ctx.now + AHEAD:
            continue
        overdue = data.promise_state(p) == "overdue"
        detail = ("Overdue " + duration_text(ctx.now - p.due_at) if overdue
                  else f"Due in {duration_text(p.due_at - ctx.now)}")
        if p.note:
            detail += f" · {p.note}"
        items.append(Item(p.id, f"Update to {data.stakeholder_name(p.stakeholder_id)}",
                          detail, p.due_at, "bad" if overdue else "warn"))
    return Section("promises", "Promised updates due", tuple(items),
                   "No promised update is overdue or due in the next 12 hours.")


def lines_attention(ctx: Context) -> Section:
    items = [Item(f"{d.version_id}:{d.what}", d.title,
                  d.what.capitalize() + (f" · {_relative(d.when, ctx.now)}" if d.when else ""),
                  d.when, d.state)
             for d in ctx.lines.due]
    return Section("lines", "Lines expiring or needing attention", tuple(items),
                   "Every current line is in date.")


def spokespersons_not_current(ctx: Context) -> Section:
    from commandcenter.services.briefing import acks

    held = acks.states(ctx.vault, now=ctx.now)
    with ctx.vault.read() as session:
        names = {p.id: p.name for p in session.exec(select(Spokesperson))}
    items = []
    for person_id, h in held.items():
        if h.state == "not_current":
            what = "; ".join(f"{c.title}: {c.what}" for c in h.changes[:3])
            more = f" (+{len(h.changes) - 3} more)" if len(h.changes) > 3 else ""
            items.append(Item(person_id, names.get(person_id, "?"),
                              f"Not current — changed since they acknowledged: {what}{more}",
                              None, "bad"))
        elif h.state == "gap":
            items.append(Item(person_id, names.get(person_id, "?"),
                              "Gap — no current line for " + ", ".join(h.gaps), None, "warn"))
    items.sort(key=lambda i: (i.state != "bad", i.title))
    return Section("spokespersons", "Spokespersons not current", tuple(items),
                   "Every spokesperson holds the current line.")


# --- what happened in the period ------------------------------------------------------------

def decisions_logged(vault, incident_id: str, since: datetime, until: datetime) -> Section:
    from commandcenter.services.decisions import chain

    with vault.read() as session:
        entries = session.exec(select(DecisionEntry).where(
            DecisionEntry.incident_id == incident_id, DecisionEntry.logged_at > since,
            DecisionEntry.logged_at <= until).order_by(DecisionEntry.logged_at)).all()
        targets = {h.decision_id: h for h in session.exec(select(DecisionHead).where(
            DecisionHead.decision_id.in_({e.target_id for e in entries if e.target_id})))}
    items = []
    for e in entries:
        label = chain.label(e.log_book, e.number)
        head = targets.get(e.target_id)
        if e.kind in ("decision", "supersession"):
            title, detail = f"{label}  {e.decision}", ENTRY_WORDS[e.kind]
        else:
            about = f"{head.label}  {head.decision}" if head else e.target_id
            title = f"{label}  {ENTRY_WORDS.get(e.kind, e.kind)} on {about}"
            detail = e.review_outcome or e.note or ", ".join(
                n.replace("_", " ") for n in json.loads(e.changed or "[]"))
        if e.decision_makers and e.kind in ("decision", "supersession"):
            detail += " · by " + "; ".join(json.loads(e.decision_makers))
        items.append(Item(e.id, title, detail, e.logged_at, "neutral"))
    return Section("decisions_logged", "Decision log entries since the last handover",
                   tuple(items), "Nothing was logged in this period.", open_items=False)


def facts_changed(vault, incident_id: str, since: datetime, until: datetime) -> Section:
    with vault.read() as session:
        facts = {f.id: f for f in session.exec(select(Fact).where(
            Fact.incident_id == incident_id))}
        changes = session.exec(select(AuditEntry).where(
            AuditEntry.action == "fact.status", AuditEntry.at > since, AuditEntry.at <= until)
            .order_by(AuditEntry.seq)).all()
    items = [Item(f.id, f.statement, f"New · {f.status}" + (f" · {f.source}" if f.source
                                                            else ""),
                  f.created_at, "neutral")
             for f in sorted(facts.values(), key=lambda f: f.created_at)
             if since < f.created_at <= until]
    for entry in changes:
        fact = facts.get(entry.entity_id)
        if fact is None:  # another incident's fact
            continue
        payload = json.loads(entry.payload)
        note = f" · {payload['note']}" if payload.get("note") else ""
        state = "warn" if payload.get("new") in ("unconfirmed", "retracted") else "neutral"
        items.append(Item(fact.id, fact.statement,
                          f"Changed · {payload.get('old')} → {payload.get('new')}{note}",
                          entry.at, state))
    return Section("facts", "Facts new or changed since the last handover", tuple(items),
                   "No fact was added or changed in this period.", open_items=False)


def lines_approved(vault, incident_id: str, since: datetime, until: datetime) -> Section:
    from commandcenter.models.talking_point import AUDIENCE_LABELS, KIND_LABELS

    with vault.read() as session:
        rows = session.exec(select(TalkingPointVersion, TalkingPoint).join(
            TalkingPoint, TalkingPoint.id == TalkingPointVersion.point_id).where(
            TalkingPoint.incident_id == incident_id, TalkingPointVersion.approved_at > since,
            TalkingPointVersion.approved_at <= until)
            .order_by(TalkingPointVersion.approved_at)).all()
    items = [Item(v.id, f"{v.title} (v{v.version})",
                  f"{KIND_LABELS.get(p.kind, p.kind)} · " + ", ".join(
                      AUDIENCE_LABELS.get(a, a) for a in json.loads(p.audiences))
                  + f" · {NOW_WORDS.get(v.status, v.status)}",
                  v.approved_at, "warn" if v.status == "needs_review" else "neutral")
             for v, p in rows]
    return Section("lines_approved", "Talking points approved since the last handover",
                   tuple(items), "No line was approved in this period.", open_items=False)


OPEN_SECTIONS = (decisions_due, approvals_pending, promises_due, lines_attention,
                 spokespersons_not_current)
PERIOD_SECTIONS = (decisions_logged, facts_changed, lines_approved)


# --- the whole handover ---------------------------------------------------------------------

def last_signed(session, incident_id: str) -> HandoverRow | None:
    return session.exec(select(HandoverRow).where(HandoverRow.incident_id == incident_id)
                        .order_by(HandoverRow.number.desc()).limit(1)).first()


def build(vault: UnlockedVault, *, now: datetime | None = None) -> Handover:
    """The pending handover of the active incident, as of `now`."""
    vault.actor.require(*READERS, action="hand over a shift")
    now = now or utcnow()
    incident_id = settings.get_setting(vault, "active_incident_id")
    if not incident_id:
        raise ValidationError("incident", "No incident is active: open or activate one "
                              "before handing over.")
    with vault.read() as session:
        incident = session.get(Incident, incident_id)
        previous = last_signed(session, incident_id)
    since = previous.until if previous else incident.opened_at
    if now <= since:
        raise ValidationError("until", "The last handover was signed at or after this time; "
                              "check the computer's clock.")
    ctx = Context(vault, now)
    sections = [fn(ctx) for fn in OPEN_SECTIONS]
    sections += [fn(vault, incident_id, since, now) for fn in PERIOD_SECTIONS]
    sections = _mark_carried(sections, previous)
    before = (f"Handover {previous.number} ({previous.outgoing_name} to "
              f"{previous.incoming_name})" if previous else "")
    return Handover(incident_id, f"{incident.code} — {incident.title}",
                    previous.number + 1 if previous else 1, since, now, tuple(sections), before)


def _mark_carried(sections: list[Section], previous: HandoverRow | None) -> list[Section]:
    """Open items the previous handover already listed are marked, so the incoming operator
    sees at once what is new on their watch and what has been waiting longer."""
    if previous is None:
        return sections
    from dataclasses import replace

    before = {(s["key"], i["ref"]) for s in json.loads(previous.content)["sections"]
              for i in s["items"]}
    return [replace(s, items=tuple(replace(i, carried=(s.key, i.ref) in before)
                                   for i in s.items)) if s.open_items else s
            for s in sections]

