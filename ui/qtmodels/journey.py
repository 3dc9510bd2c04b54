"""Lists of the journey area: update promises and timeline events, as table models. Rows
pair a record with what the list shows beside it (group or phase name, state now)."""

from dataclasses import dataclass

from ui.qtmodels.table import Column, PagedTableModel, RecordTableModel
from ui.widgets import timefmt

PROMISE_WORDS = {"kept": "Kept", "late": "Kept late", "overdue": "OVERDUE",
                 "due_soon": "Due within 1 h", "open": "Open", "cancelled": "Withdrawn"}
PROMISE_STATE = {"kept": "ok", "late": "warn", "overdue": "bad", "due_soon": "warn",
                 "open": None, "cancelled": "neutral"}


@dataclass(frozen=True)
class PromiseRow:
    promise: object
    stakeholder: str
    state: str


@dataclass(frozen=True)
class EventRow:
    event: object
    phase: str


def promise_rows(data, *, overdue_only: bool = False) -> list[PromiseRow]:
    """Overdue first, then open by due time, then the rest newest first."""
    rows = [PromiseRow(p, data.stakeholder_name(p.stakeholder_id), data.promise_state(p))
            for p in data.promises]
    if overdue_only:
        rows = [r for r in rows if r.state == "overdue"]
    rank = {"overdue": 0, "due_soon": 1, "open": 2}
    live = sorted((r for r in rows if r.state in rank),
                  key=lambda r: (rank[r.state], r.promise.due_at))
    done = sorted((r for r in rows if r.state not in rank), key=lambda r: r.promise.due_at,
                  reverse=True)
    return live + done


def event_rows(page) -> list[EventRow]:
    """A page of events (journey.timeline.events_page), newest first: the latest
    development is what a war room reads first."""
    return [EventRow(e, page.phase_names.get(e.phase_id, "")) for e in page.events]


def _source(row: PromiseRow) -> str:
    return "Talking point" if row.promise.source.startswith("talking_point:") else "By hand"


PROMISE_COLUMNS = (
    Column("Stakeholder", lambda r: r.stakeholder),
    Column("Due", lambda r: timefmt.local(r.promise.due_at),
           tooltip=lambda r: f"{timefmt.utc(r.promise.due_at)} — {timefmt.ago(r.promise.due_at)}",
           sort=lambda r: r.promise.due_at),
    Column("State", lambda r: PROMISE_WORDS[r.state], state=lambda r: PROMISE_STATE[r.state]),
    Column("Kept", lambda r: timefmt.local(r.promise.kept_at) if r.promise.kept_at else "—",
           tooltip=lambda r: timefmt.utc(r.promise.kept_at)),
    Column("Source", _source, tooltip=lambda r: r.promise.source),
    Column("Note", lambda r: r.promise.note.replace("\n", " — ")),
)


def _kind(kind: str) -> str:
    from commandcenter.services.journey.timeline import KIND_LABELS

    return KIND_LABELS.get(kind, kind)


EVENT_COLUMNS = (
    Column("When", lambda r: timefmt.local(r.event.at),
           tooltip=lambda r: f"{timefmt.utc(r.event.at)} — {timefmt.ago(r.event.at)}",
           sort=lambda r: r.event.at),
    Column("Kind", lambda r: _kind(r.event.kind),
           state=lambda r: {"media_report": "warn", "detected": "bad"}.get(r.event.kind)),
    Column("What happened", lambda r: r.event.title, tooltip=lambda r: r.event.title),
    Column("Source", lambda r: r.event.source, tooltip=lambda r: r.event.source),
    Column("Phase", lambda r: r.phase or "—"),
)


class PromiseTableModel(RecordTableModel):
    def __init__(self, parent=None):
        super().__init__(PROMISE_COLUMNS, parent)


class EventTableModel(PagedTableModel):
    def __init__(self, parent=None):
        super().__init__(EVENT_COLUMNS, lambda row: (row.event.at, row.event.id), parent)
