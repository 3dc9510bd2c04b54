"""The dashboard's tiles: what a war room needs at a glance, each pointing at the filtered
view behind it. A tile is computed by a provider from a shared context (so providers that
read the same things read them once); the UI draws whatever tiles come back, in order.

Adding a tile is one line in TILES (a provider returning a Tile, or None to stay hidden)."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from functools import cached_property

from commandcenter.models.base import utcnow
from commandcenter.services.journey.timeline import duration_text


@dataclass(frozen=True)
class Tile:
    key: str
    title: str
    value: str  # the big figure: "19 d 4 h", "3"
    detail: str = ""  # one line under it
    state: str = "neutral"  # ok | warn | bad | neutral (pill colours; a word says it too)
    target: str = ""  # the area it opens: "timeline", "decisions", "journey", "audit"
    filter: str = ""  # what that area shows first: "due", "overdue", …


class Context:
    """What the providers share for one snapshot (read lazily, at most once)."""

    def __init__(self, vault, now: datetime):
        self.vault, self.now = vault, now

    @cached_property
    def journey(self):
        from commandcenter.services import journey

        return journey.summary(self.vault, now=self.now)

    @cached_property
    def lines(self):
        """The current-line board (due items included) of the active incident."""
        from commandcenter.services import talking_points

        return talking_points.board(self.vault, now=self.now)

    @cached_property
    def decisions(self):
        from commandcenter.services import decisions

        return decisions.counts(self.vault, now=self.now)


def since_detection(ctx: Context) -> Tile | None:
    m = ctx.journey.metrics
    if not ctx.journey.has_incident:
        return None
    if m.detected_at is None:
        return Tile("detection", "Since detection", "—", "No detection on the timeline yet",
                    target="timeline")
    to_disclose = (f"Disclosed {duration_text(m.detection_to_disclosure)} after detection"
                   if m.disclosed_at else "Not disclosed yet")
    return Tile("detection", "Since detection", duration_text(m.since_detection(ctx.now)),
                to_disclose, "neutral" if m.disclosed_at else "warn", "timeline")


def since_disclosure(ctx: Context) -> Tile | None:
    m = ctx.journey.metrics
    if not ctx.journey.has_incident:
        return None
    if m.disclosed_at is None:
        state = "bad" if m.story_broke_first else "warn"
        detail = "The story is out before our disclosure" if m.story_broke_first \
            else "We have not disclosed"
        return Tile("disclosure", "Since disclosure", "Not disclosed", detail, state, "timeline")
    detail = (f"Story broke {duration_text(m.media_lead)} before our disclosure"
              if m.story_broke_first else "We disclosed before any media report")
    return Tile("disclosure", "Since disclosure", duration_text(m.since_disclosure(ctx.now)),
                detail, "warn" if m.story_broke_first else "ok", "timeline")


def decisions_due(ctx: Context) -> Tile | None:
    from commandcenter.services.decisions import can_read

    if not can_read(ctx.vault.actor.role) or not ctx.decisions.total:
        return None
    due = ctx.decisions.due
    return Tile("decisions_due", "Decisions due for review", str(due),
                f"of {ctx.decisions.in_force} in force" if due else "No review is overdue",
                "bad" if due else "ok", "decisions", "due")


def overdue_promises(ctx: Context) -> Tile | None:
    s = ctx.journey
    if not s.has_incident:
        return None
    if s.overdue:
        detail = "Log the update, or withdraw the promise with a reason"
    elif s.next_due:
        detail = f"Next due in {duration_text(s.next_due - ctx.now)}"
    else:
        detail = "No update promised"
    state = "bad" if s.overdue else ("warn" if s.due_soon else "ok")
    return Tile("promises", "Overdue update promises", str(s.overdue), detail, state,
                "journey", "overdue")


def lines_awaiting_approval(ctx: Context) -> Tile | None:
    from commandcenter.services import talking_points

    if ctx.vault.actor.role not in talking_points.APPROVERS + talking_points.EDITORS:
        return None
    queue = talking_points.approval_queue(ctx.vault, now=ctx.now)
    flagged = sum(r.status == "needs_review" for r in queue)
    detail = (f"{flagged} flagged: a decision or fact they rely on changed" if flagged
              else "Versions in review" if queue else "Nothing waits for an approver")
    return Tile("lines_queue", "Talking points awaiting approval", str(len(queue)), detail,
                "warn" if queue else "ok", "talking_points", "queue")


def lines_due(ctx: Context) -> Tile | None:
    """Lines someone must act on: needs review, expired, expiring soon, review or update
    overdue (the current-line computation's due items)."""
    if not ctx.journey.has_incident:
        return None
    due = ctx.lines.due
    words = sorted({d.what for d in due})
    return Tile("lines_due", "Lines needing attention", str(len(due)),
                ", ".join(words).capitalize() if due else "Every current line is in date",
                "bad" if any(d.state == "bad" for d in due) else ("warn" if due else "ok"),
                "talking_points", "due")


def spokespersons_not_current(ctx: Context) -> Tile | None:
    """Spokespersons whose lines changed since they last acknowledged (and gaps)."""
    from commandcenter.services.briefing import acks

    if not ctx.journey.has_incident or ctx.vault.actor.role == "spokesperson":
        return None
    held = acks.states(ctx.vault, now=ctx.now)
    if not held:
        return None
    behind = sum(h.state == "not_current" for h in held.values())
    gaps = sum(h.state == "gap" for h in held.values())
    detail = (f"{gaps} with a gap in their lines" if gaps else
              "Everyone holds the current line" if not behind else
              "Their lines changed since they acknowledged")
    return Tile("spokespersons", "Spokespersons not current", str(behind), detail,
                "bad" if behind else ("warn" if gaps else "ok"), "spokespersons")


def chain_status(ctx: Context) -> Tile:
    """The UI overlays the result of its last verification (verified / broken)."""
    from commandcenter.services import audit

    with ctx.vault.read() as session:
        seq, head = audit.chain_head(session)
    return Tile("chain", "Audit chain", f"{seq:,} entries", f"head {head[:12]}", "neutral",
                "audit")


Provider = Callable[[Context], Tile | None]
TILES: list[Provider] = [
    since_detection,
    since_disclosure,
    decisions_due,
    lines_awaiting_approval,
    lines_due,
    spokespersons_not_current,
    overdue_promises,
    chain_status,
]


def tiles(vault, *, now: datetime | None = None, ctx: Context | None = None) -> list[Tile]:
    """Every tile that applies, in TILES order (a provider returns None to stay hidden)."""
    ctx = ctx or Context(vault, now or utcnow())
    return [tile for provider in TILES if (tile := provider(ctx)) is not None]
