"""The decision log's list: decision heads (services.decisions.page), newest first, loaded a
page at a time as the view scrolls (`canFetchMore`/`fetchMore`), so 100,000 entries cost
what the rows on screen cost. The loader runs the next page through the session's Runner."""

from datetime import UTC, datetime

from PySide6.QtCore import Qt

from ui.qtmodels.table import STATE_ROLE, Column, PagedTableModel
from ui.widgets import timefmt

STATUS = {"in_force": ("In force", "ok"), "superseded": ("Superseded", "neutral"),
          "rescinded": ("Rescinded", "bad")}


def is_due(head, now: datetime | None = None) -> bool:
    now = now or datetime.now(UTC)
    return head.status == "in_force" and head.review_by is not None and head.review_by <= now


def _review(head) -> str:
    """ "Due" once the review time has passed; else how long until it, in its largest unit."""
    if head.review_by is None or head.status != "in_force":
        return ""
    if is_due(head):
        return "Due"
    left = timefmt.duration((head.review_by - datetime.now(UTC)).total_seconds())
    return "in " + " ".join(left.split(" ")[:2])  # "in 7 d", "in 12 h", "in 40 min"


def _review_tip(head) -> str:
    if head.review_by is None:
        return "No review set"
    return f"Review by {timefmt.local_with_zone(head.review_by)} ({timefmt.utc(head.review_by)})" \
        f" — {timefmt.ago(head.review_by)}"


def _attention(head) -> str:
    """The most pressing thing the decision needs — a due review, then missing fields, then
    when its review comes — in one short column, so the decision's own text keeps the width
    on a 1280-pixel screen (the tooltip and the detail pane have all of it)."""
    review = _review(head)
    if review == "Due":
        return "Review due"
    if head.incomplete:
        return "Incomplete"
    return f"Review {review}" if review else ""


def _attention_tip(head) -> str:
    gaps = f"Incomplete — still needs: {head.missing}" if head.incomplete else "Complete"
    return f"{_review_tip(head)}\n{gaps}\n{head.entries} entries in its chain"


def _attention_state(head) -> str | None:
    return "bad" if is_due(head) else "warn" if head.incomplete else None


DECISION_COLUMNS = (
    Column("No.", lambda h: h.label, tooltip=lambda h: f"Entry {h.label}"
           + (f", amended {h.entries - 1}×" if h.entries > 1 else "")),
    # Day and time only: a crisis spans weeks, not years (the tooltip has it all, in UTC).
    Column("Decided", lambda h: h.decided_at.astimezone().strftime("%d %b %H:%M"),
           tooltip=lambda h: f"{timefmt.utc(h.decided_at)} — {timefmt.ago(h.decided_at)}"),
    Column("Decision", lambda h: h.decision.replace("\n", " "), tooltip=lambda h: h.decision),
    Column("Decided by", lambda h: h.decision_makers),
    Column("Status", lambda h: STATUS.get(h.status, (h.status, "neutral"))[0],
           state=lambda h: STATUS.get(h.status, ("", "neutral"))[1],
           tooltip=lambda h: f"{STATUS.get(h.status, (h.status,))[0]}"
           + (f" by {h.superseded_by}" if h.superseded_by else "")),
    Column("Attention", _attention, state=_attention_state, tooltip=_attention_tip),
)
STATUS_COLUMN = 4


class DecisionTableModel(PagedTableModel):
    def __init__(self, parent=None):
        super().__init__(DECISION_COLUMNS, lambda head: (head.decided_at, head.number), parent)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if role == STATE_ROLE and index.isValid():
            return self.columns[index.column()].state(self.record(index.row())) \
                if self.columns[index.column()].state else None
        return super().data(index, role)
