"""One read-only table model over a list of records (service results), configured by columns.

Rows are whatever the services return (detached SQLModel rows); each Column says how to show
one field. Nothing here touches the database: the model is filled from a Snapshot.
"""

from dataclasses import dataclass
from typing import Any, Callable, Sequence

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

Index = QModelIndex | QPersistentModelIndex
RECORD_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
STATE_ROLE = Qt.ItemDataRole.UserRole + 3  # a cell's pill state (ui.widgets.status_delegate)

# DESIGN §6: red overdue/failed/tampered, amber due/needs review, green verified/current,
# grey draft/retired. Text always carries the meaning too. Colours come from the active
# theme (light or dark), looked up when a cell is painted.
STATES = ("bad", "warn", "ok", "neutral")


def state_colour(state: str | None) -> QColor | None:
    from ui import theme

    return theme.qcolour(state) if state in STATES else None


@dataclass(frozen=True)
class Column:
    title: str
    text: Callable[[Any], str]
    tooltip: Callable[[Any], str] | None = None
    state: Callable[[Any], str | None] | None = None  # one of STATES, or None
    sort: Callable[[Any], Any] | None = None
    align_right: bool = False


class RecordTableModel(QAbstractTableModel):
    def __init__(self, columns: Sequence[Column], parent=None):
        super().__init__(parent)
        self.columns = list(columns)
        self._rows: list[Any] = []

    # --- filling ------------------------------------------------------------------------

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def append_rows(self, rows: Sequence[Any]) -> None:
        if not rows:
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(rows) - 1)
        self._rows.extend(rows)
        self.endInsertRows()

    def clear(self) -> None:
        self.set_rows([])

    def record(self, row: int) -> Any:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def records(self) -> list[Any]:
        return list(self._rows)

    def row_of(self, predicate: Callable[[Any], bool]) -> int:
        return next((i for i, r in enumerate(self._rows) if predicate(r)), -1)

    # --- Qt model API -------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008 (Qt API)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.columns[section].title
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        rec, col = self._rows[index.row()], self.columns[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return col.text(rec)
        if role == Qt.ItemDataRole.ToolTipRole and col.tooltip is not None:
            return col.tooltip(rec)
        if role == Qt.ItemDataRole.ForegroundRole and col.state is not None:
            state = col.state(rec)
            return state_colour(state)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            horizontal = (Qt.AlignmentFlag.AlignRight if col.align_right
                          else Qt.AlignmentFlag.AlignLeft)
            return int(horizontal | Qt.AlignmentFlag.AlignVCenter)
        if role == RECORD_ROLE:
            return rec
        if role == SORT_ROLE:
            return col.sort(rec) if col.sort is not None else col.text(rec)
        return None


class PagedTableModel(RecordTableModel):
    """Rows a page at a time as the view scrolls (`canFetchMore`/`fetchMore`): the
    `loader` is called with the key of the last row shown (`key_of`) and answers later with
    `append_page`. `generation` bumps on every reset, so a late page of an old list is
    dropped."""

    def __init__(self, columns: Sequence[Column], key_of: Callable[[Any], tuple], parent=None):
        super().__init__(columns, parent)
        self.key_of = key_of
        self.loader: Callable[[tuple], None] | None = None
        self._more = False
        self._loading = False
        self.generation = 0

    def set_page(self, rows, more: bool) -> None:
        self.generation += 1
        self._more, self._loading = more, False
        self.set_rows(rows)

    def append_page(self, rows, more: bool, generation: int) -> None:
        if generation != self.generation:
            return
        self._more, self._loading = more, False
        self.append_rows(rows)

    def clear(self) -> None:
        self.generation += 1
        self._more = self._loading = False
        super().clear()

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: N802, B008
        return self.loader is not None and self._more and not self._loading

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: N802, B008
        if self.canFetchMore() and self.rowCount():
            self._loading = True
            self.loader(self.key_of(self.record(self.rowCount() - 1)))
