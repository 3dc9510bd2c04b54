"""Phases and stakeholder groups of the map: add, rename, move earlier/later, retire. Each
button runs its service call at once; the lists are read again after it."""

from PySide6.QtWidgets import (
    QDialog, QDialogButtonBox, QGridLayout, QHBoxLayout, QInputDialog, QLabel, QListWidget,
    QListWidgetItem, QPushButton, QVBoxLayout,
)
from PySide6.QtCore import Qt

from ui.widgets.feedback import FieldError
from ui.workers import user_message

KINDS = (("phase", "Phases (in crisis order)"), ("stakeholder", "Stakeholder groups"))


class StructureDialog(QDialog):
    def __init__(self, session, *, data, parent=None):
        super().__init__(parent)
        self.session = session
        self.setWindowTitle("Phases and stakeholder groups")
        self.lists: dict[str, QListWidget] = {}
        grid = QGridLayout()
        for column, (kind, title) in enumerate(KINDS):
            grid.addWidget(QLabel(title), 0, column)
            listing = QListWidget()
            listing.setAccessibleName(title)
            self.lists[kind] = listing
            grid.addWidget(listing, 1, column)
            grid.addLayout(self._buttons(kind), 2, column)
        self.error = FieldError(self)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addWidget(self.error)
        layout.addWidget(close)
        self.show_data(data)
        self.resize(640, 420)

    def _buttons(self, kind: str) -> QHBoxLayout:
        row = QHBoxLayout()
        for text, slot in (("Add…", self.add), ("Rename…", self.rename),
                           ("Earlier", lambda k: self.move(k, -1)),
                           ("Later", lambda k: self.move(k, 1)), ("Retire", self.retire)):
            button = QPushButton(text)
            button.setAccessibleName(f"{text.rstrip('…')} {kind}")
            button.clicked.connect(lambda _=False, s=slot: s(kind))
            row.addWidget(button)
        return row

    def show_data(self, data) -> None:
        for kind, rows in (("phase", data.phases), ("stakeholder", data.stakeholders)):
            listing = self.lists[kind]
            keep = listing.currentRow()
            listing.clear()
            for row in rows:
                item = QListWidgetItem(row.name)
                item.setData(Qt.ItemDataRole.UserRole, row.id)
                listing.addItem(item)
            listing.setCurrentRow(min(max(keep, 0), listing.count() - 1))

    def _selected(self, kind: str) -> str | None:
        item = self.lists[kind].currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else None

    def _call(self, fn, **kwargs) -> None:
        from commandcenter.services import journey as j

        self.error.clear()

        def reread(_result):
            self.session.call(j.load, reload=False, on_done=self.show_data, label="journey")

        self.session.call(fn, on_done=reread, on_error=lambda e: self.error.show_error(
            user_message(e)), label="journey structure", **kwargs)

    def add(self, kind: str, name: str | None = None) -> None:
        from commandcenter.services.journey import structure

        if name is None:
            name, ok = QInputDialog.getText(self, "Add", f"Name of the new {kind}:")
            if not ok:
                return
        self._call(structure.add, kind=kind, name=name)

    def rename(self, kind: str, name: str | None = None) -> None:
        from commandcenter.services.journey import structure

        row_id = self._selected(kind)
        if row_id is None:
            return
        if name is None:
            current = self.lists[kind].currentItem().text()
            name, ok = QInputDialog.getText(self, "Rename", "New name:", text=current)
            if not ok:
                return
        self._call(structure.rename, kind=kind, row_id=row_id, name=name)

    def move(self, kind: str, offset: int) -> None:
        from commandcenter.services.journey import structure

        if (row_id := self._selected(kind)) is not None:
            self._call(structure.move, kind=kind, row_id=row_id, offset=offset)

    def retire(self, kind: str) -> None:
        from commandcenter.services.journey import structure

        if (row_id := self._selected(kind)) is not None:
            self._call(structure.retire, kind=kind, row_id=row_id)
