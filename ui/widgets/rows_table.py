"""A small editable table for a form (information with sources, options, actions): a
QStandardItemModel in a QTableView with Add/Remove buttons. Judgement columns edit through
a combo box (yes / partly / no), a check column through a check box."""

from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QHBoxLayout, QHeaderView, QPushButton, QStyledItemDelegate,
    QTableView, QVBoxLayout, QWidget,
)

CHOICES = ("", "yes", "partly", "no")


class _ChoiceDelegate(QStyledItemDelegate):
    def createEditor(self, parent, option, index):  # noqa: N802 (Qt API)
        combo = QComboBox(parent)
        combo.addItems(CHOICES)
        return combo

    def setEditorData(self, editor, index):  # noqa: N802
        editor.setCurrentText(index.data() or "")

    def setModelData(self, editor, model, index):  # noqa: N802
        model.setData(index, editor.currentText())


class RowsTable(QWidget):
    """`columns`: (title, kind) with kind "text", "choice" or "check"."""

    def __init__(self, name: str, columns: list[tuple[str, str]], *, height: int = 110,
                 parent=None):
        super().__init__(parent)
        self.kinds = [kind for _, kind in columns]
        self.model = QStandardItemModel(0, len(columns), self)
        self.model.setHorizontalHeaderLabels([title for title, _ in columns])
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setAccessibleName(name)
        self.view.setFixedHeight(height)
        self.view.verticalHeader().setVisible(False)
        self.view.verticalHeader().setDefaultSectionSize(26)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.AllEditTriggers)
        self.view.setTabKeyNavigation(False)  # Tab leaves the table: the form stays keyboard-able
        header = self.view.horizontalHeader()
        fm = header.fontMetrics()
        for col, kind in enumerate(self.kinds):
            if kind == "choice":
                self.view.setItemDelegateForColumn(col, _ChoiceDelegate(self.view))
            if kind in ("choice", "check"):  # narrow, but never narrower than the heading
                label = columns[col][0]
                header.resizeSection(col, max(64, fm.horizontalAdvance(label) + 28))
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.add = QPushButton(f"Add {name.lower().rstrip('s')}")
        self.add.setAccessibleName(f"Add {name.lower()}")
        self.remove = QPushButton("Remove")
        self.remove.setAccessibleName(f"Remove selected {name.lower()}")
        self.add.clicked.connect(lambda: self.add_row())
        self.remove.clicked.connect(self._remove_selected)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add)
        buttons.addWidget(self.remove)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)
        layout.addLayout(buttons)

    def add_row(self, values: list | None = None) -> None:
        values = list(values or [""] * len(self.kinds))
        items = []
        for value, kind in zip(values, self.kinds):
            item = QStandardItem()
            if kind == "check":
                item.setCheckable(True)
                item.setEditable(False)
                item.setCheckState(Qt.CheckState.Checked if value else Qt.CheckState.Unchecked)
            else:
                item.setText(str(value or ""))
            items.append(item)
        self.model.appendRow(items)
        if values == [""] * len(self.kinds):
            self.view.setCurrentIndex(self.model.index(self.model.rowCount() - 1, 0))
            self.view.setFocus()

    def _remove_selected(self) -> None:
        rows = sorted({i.row() for i in self.view.selectionModel().selectedIndexes()},
                      reverse=True)
        for row in rows:
            self.model.removeRow(row)

    def rows(self) -> list[list]:
        """Each row's values (text, or bool for a check column); blank rows are skipped."""
        out = []
        for r in range(self.model.rowCount()):
            values = []
            for c, kind in enumerate(self.kinds):
                item = self.model.item(r, c)
                values.append(item.checkState() == Qt.CheckState.Checked if kind == "check"
                              else (item.text().strip() if item else ""))
            if any(v for v, k in zip(values, self.kinds) if k == "text"):
                out.append(values)
        return out

    def set_rows(self, rows: list[list]) -> None:
        self.model.removeRows(0, self.model.rowCount())
        for values in rows:
            self.add_row(values)
