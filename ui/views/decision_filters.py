"""The decision log's search box and filters; `filters()` reads them as a services Filters,
`changed` fires (debounced for typing) whenever one changes."""

from datetime import UTC, datetime, time

from PySide6.QtCore import QDate, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QDateEdit, QHBoxLayout, QLineEdit, QVBoxLayout, QWidget,
)

from ui.widgets.search_box import SEARCH_HELP, TYPING_PAUSE_MS

STATUSES = (("Any status", None), ("In force", "in_force"), ("Superseded", "superseded"),
            ("Rescinded", "rescinded"))


def _date_edit(name: str) -> QDateEdit:
    edit = QDateEdit()
    edit.setAccessibleName(name)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    edit.setMinimumDate(QDate(2000, 1, 1))
    edit.setSpecialValueText(f"{name}: any")  # shown at the minimum date
    edit.setDate(edit.minimumDate())
    return edit


class DecisionFilters(QWidget):
    changed = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.search = QLineEdit()
        self.search.setObjectName("decisionSearch")
        self.search.setAccessibleName("Search decisions")
        self.search.setPlaceholderText("Search decisions (Ctrl+F)")
        self.search.setToolTip(SEARCH_HELP)
        self.search.setClearButtonEnabled(True)
        self.status = QComboBox()
        self.status.setAccessibleName("Status filter")
        for label, value in STATUSES:
            self.status.addItem(label, value)
        self.tag = QComboBox()
        self.tag.setAccessibleName("Tag filter")
        self.maker = QComboBox()
        self.maker.setAccessibleName("Decision maker filter")
        self.since = _date_edit("From")
        self.until = _date_edit("To")
        self.due = QCheckBox("Review due")
        self.incomplete = QCheckBox("Incomplete")
        self.set_choices([], [])
        rows = QVBoxLayout(self)
        rows.setContentsMargins(0, 0, 0, 0)
        rows.setSpacing(6)
        first, self.second_row = QHBoxLayout(), QHBoxLayout()
        first.setSpacing(8)
        self.second_row.setSpacing(8)
        first.addWidget(self.search, 3)
        for widget in (self.status, self.tag, self.maker):
            first.addWidget(widget, 1)
        for widget in (self.since, self.until, self.due, self.incomplete):
            self.second_row.addWidget(widget)
        self.second_row.addStretch(1)  # the view adds its counts after this
        rows.addLayout(first)
        rows.addLayout(self.second_row)
        self._timer = QTimer(self, singleShot=True, interval=TYPING_PAUSE_MS)
        self._timer.timeout.connect(self.changed)
        self.search.textChanged.connect(lambda _t: self._timer.start())
        for combo in (self.status, self.tag, self.maker):
            combo.currentIndexChanged.connect(lambda _i: self.changed.emit())
        for edit in (self.since, self.until):
            edit.dateChanged.connect(lambda _d: self.changed.emit())
        for box in (self.due, self.incomplete):
            box.toggled.connect(lambda _b: self.changed.emit())

    def set_choices(self, tags: list[str], makers: list[str]) -> None:
        for combo, first, values in ((self.tag, "Any tag", tags),
                                     (self.maker, "Any decision maker", makers)):
            current = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(first, None)
            for value in values:
                combo.addItem(value, value)
            index = combo.findData(current) if current else 0
            combo.setCurrentIndex(max(index, 0))
            combo.blockSignals(False)

    def filters(self):
        from commandcenter.services.decisions import Filters

        return Filters(text=self.search.text(), status=self.status.currentData(),
                       tag=self.tag.currentData(), maker=self.maker.currentData(),
                       since=self._day(self.since, time.min), until=self._day(self.until,
                                                                              time.max),
                       due=self.due.isChecked(), incomplete=self.incomplete.isChecked())

    @staticmethod
    def _day(edit: QDateEdit, at: time):
        if edit.date() == edit.minimumDate():
            return None
        local = datetime.combine(edit.date().toPython(), at).astimezone()
        return local.astimezone(UTC)

    def reset(self) -> None:
        for widget in self.findChildren(QWidget):
            widget.blockSignals(True)
        self.search.clear()
        for combo in (self.status, self.tag, self.maker):
            combo.setCurrentIndex(0)
        for edit in (self.since, self.until):
            edit.setDate(edit.minimumDate())
        self.due.setChecked(False)
        self.incomplete.setChecked(False)
        for widget in self.findChildren(QWidget):
            widget.blockSignals(False)
