"""The table models of the main window's lists."""

from typing import Callable

from ui.qtmodels.columns import AUDIT_COLUMNS, INCIDENT_COLUMNS, OPERATOR_COLUMNS
from ui.qtmodels.table import RecordTableModel


class IncidentTableModel(RecordTableModel):
    def __init__(self, parent=None):
        super().__init__(INCIDENT_COLUMNS, parent)


class OperatorTableModel(RecordTableModel):
    def __init__(self, parent=None):
        super().__init__(OPERATOR_COLUMNS, parent)


class AuditTableModel(RecordTableModel):
    """Newest first; older pages are fetched on demand as the view scrolls (`fetchMore`),
    through a loader the view wires to a background job."""

    def __init__(self, parent=None):
        super().__init__(AUDIT_COLUMNS, parent)
        self.total = 0
        self.loader: Callable[[int], None] | None = None  # called with the oldest seq shown
        self._loading = False

    def set_page(self, entries, total: int) -> None:
        self.total = total
        self._loading = False
        self.set_rows(entries)

    def append_page(self, entries) -> None:
        self._loading = False
        self.append_rows(entries)

    def clear(self) -> None:
        self.total = 0
        self._loading = False
        super().clear()

    def canFetchMore(self, parent=None) -> bool:  # noqa: N802 (Qt API)
        return (self.loader is not None and not self._loading
                and 0 < self.rowCount() < self.total)

    def fetchMore(self, parent=None) -> None:  # noqa: N802 (Qt API)
        if self.canFetchMore():
            self._loading = True
            self.loader(self.record(self.rowCount() - 1).seq)
