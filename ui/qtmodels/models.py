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
    through a loader the view wires to a background job. The rows are either the whole
    trail (`set_page`, whose total is known) or what a search found (`set_found`, whose
    total is known once a page comes back short)."""

    def __init__(self, parent=None):
        super().__init__(AUDIT_COLUMNS, parent)
        self.total = 0
        self.loader: Callable[[int], None] | None = None  # called with the oldest seq shown
        self.generation = 0  # which rows an older page was asked for (a stale one is dropped)
        self._loading = False
        self._search_page: int | None = None  # a search's page size; None: the whole trail

    def set_page(self, entries, total: int) -> None:
        self.generation += 1
        self.total = total
        self._loading = False
        self._search_page = None
        self.set_rows(entries)

    def set_found(self, entries, page: int) -> None:
        """A search's newest `page` matches: more may follow while pages come back full."""
        self.set_page(entries, len(entries) + (len(entries) == page))
        self._search_page = page

    def append_page(self, entries, generation: int | None = None) -> None:
        if generation is not None and generation != self.generation:
            return  # asked for rows no longer shown (a new search, a new snapshot)
        self._loading = False
        self.append_rows(entries)
        if self._search_page:
            self.total = self.rowCount() + (len(entries) == self._search_page)

    def clear(self) -> None:
        self.generation += 1
        self.total = 0
        self._loading = False
        self._search_page = None
        super().clear()

    def canFetchMore(self, parent=None) -> bool:  # noqa: N802 (Qt API)
        return (self.loader is not None and not self._loading
                and 0 < self.rowCount() < self.total)

    def fetchMore(self, parent=None) -> None:  # noqa: N802 (Qt API)
        if self.canFetchMore():
            self._loading = True
            self.loader(self.record(self.rowCount() - 1).seq)
