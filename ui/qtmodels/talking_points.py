"""Talking points as table rows (services.talking_points.LineRow): the list by audience and
status, and the approval queue. Status cells are drawn as pills (StatusDelegate), and flags
(needs review, expiring soon, expired, review due) are words, coloured by state."""

from PySide6.QtCore import Qt

from commandcenter.models.talking_point import AUDIENCE_LABELS, KIND_LABELS
from ui.qtmodels.decisions import STATE_ROLE
from ui.qtmodels.table import Column, RecordTableModel
from ui.widgets import timefmt

STATUS = {"draft": ("Draft", "neutral"), "in_review": ("In review", "warn"),
          "approved": ("Approved", "ok"), "superseded": ("Superseded", "neutral"),
          "retired": ("Retired", "neutral"), "expired": ("Expired", "bad"),
          "needs_review": ("Needs review", "warn")}


def status_word(status: str) -> str:
    return STATUS.get(status, (status, "neutral"))[0]


def audiences_text(keys) -> str:
    return ", ".join(AUDIENCE_LABELS.get(k, k) for k in keys)


def _flags(row) -> str:
    return ", ".join(word.capitalize() for word, _ in row.flags)


def _flag_state(row):
    states = [s for _, s in row.flags]
    return "bad" if "bad" in states else ("warn" if states else None)


def _flag_tip(row) -> str:
    parts = [_flags(row)] if row.flags else []
    if row.flag_reason:
        parts.append(f"Why: {row.flag_reason}")
    if row.reject_reason and row.status == "draft":
        parts.append(f"Rejected: {row.reject_reason}")
    return "\n".join(parts) or "Nothing due"


def _approvals(row) -> str:
    if row.status in ("in_review", "needs_review"):
        return f"{row.approvals} of {row.required}"
    return ""


LINE_COLUMNS = (
    Column("Kind", lambda r: KIND_LABELS.get(r.kind, r.kind)),
    Column("Title", lambda r: r.title, tooltip=lambda r: r.title),
    Column("Status", lambda r: status_word(r.status),
           state=lambda r: STATUS.get(r.status, ("", "neutral"))[1],
           tooltip=lambda r: status_word(r.status)
           + (" (rejected — see the reason)" if r.reject_reason and r.status == "draft"
              else "")),
    Column("Flags", _flags, state=_flag_state, tooltip=_flag_tip),
    Column("v", lambda r: str(r.version), align_right=True),
    Column("Audiences", lambda r: audiences_text(r.audiences),
           tooltip=lambda r: audiences_text(r.audiences)),
    Column("Approvals", _approvals),
    Column("Author", lambda r: r.author + (" (you)" if r.mine else "")),
    Column("Changed", lambda r: timefmt.ago(r.updated_at),
           tooltip=lambda r: f"{timefmt.local_with_zone(r.updated_at)} "
                             f"({timefmt.utc(r.updated_at)})"),
)
STATUS_COLUMN = 2
WIDTHS = (128, 230, 120, 118, 30, 170, 76, 130, 90)


class LineTableModel(RecordTableModel):
    """The rows read last (`set_rows`), of which those matching the audience and status
    filter (`set_filter`) and the search (`set_search`) are shown: a change picks among the
    rows already read (commandcenter's line_filter predicate) instead of reading them again."""

    def __init__(self, parent=None):
        super().__init__(LINE_COLUMNS, parent)
        self._all: list = []
        self._filter: tuple[str | None, str | None] = (None, None)
        self._versions: frozenset[str] | None = None  # None: no search

    def set_rows(self, rows) -> None:
        self._all = list(rows)
        self._show()

    def set_filter(self, audience: str | None, status: str | None) -> bool:
        """Show the rows for this audience and status (None: any); False if unchanged."""
        if (audience, status) == self._filter:
            return False
        self._filter = (audience, status)
        self._show()
        return True

    def set_search(self, versions: frozenset[str] | None) -> bool:
        """Show only the rows whose version is among `versions` (what a search found;
        None: no search); False if unchanged."""
        if versions == self._versions:
            return False
        self._versions = versions
        self._show()
        return True

    def read_count(self) -> int:
        """How many rows were read, shown or not."""
        return len(self._all)

    def _show(self) -> None:
        from commandcenter.services.talking_points.line_filter import matching

        audience, status = self._filter
        super().set_rows(matching(self._all, audience=audience, status=status,
                                  versions=self._versions))

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if role == STATE_ROLE and index.isValid():
            column = self.columns[index.column()]
            return column.state(self.record(index.row())) if column.state else None
        return super().data(index, role)
