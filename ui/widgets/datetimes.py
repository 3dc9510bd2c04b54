"""Date-time fields for aware UTC datetimes: shown in local time, read back as UTC."""

from datetime import UTC, datetime

from PySide6.QtCore import QDateTime
from PySide6.QtWidgets import QCheckBox, QDateTimeEdit, QHBoxLayout, QWidget

FORMAT = "yyyy-MM-dd HH:mm"


def to_qt(value: datetime) -> QDateTime:
    return QDateTime.fromSecsSinceEpoch(int(value.timestamp()))


def from_qt(value: QDateTime) -> datetime:
    return datetime.fromtimestamp(value.toSecsSinceEpoch(), UTC)


class DateTimeField(QWidget):
    """A local date-time editor; `optional` adds a check box (unchecked: no time)."""

    def __init__(self, name: str, *, optional: bool = False, parent=None):
        super().__init__(parent)
        self.edit = QDateTimeEdit()
        self.edit.setDisplayFormat(FORMAT)
        self.edit.setCalendarPopup(True)
        self.edit.setAccessibleName(name)
        self.edit.setDateTime(QDateTime.currentDateTime())
        self.check = QCheckBox("Set") if optional else None
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        if self.check is not None:
            self.check.setAccessibleName(f"Set {name.lower()}")
            self.check.toggled.connect(self.edit.setEnabled)
            self.edit.setEnabled(False)
            row.addWidget(self.check)
        row.addWidget(self.edit, 1)

    def value(self) -> datetime | None:
        if self.check is not None and not self.check.isChecked():
            return None
        return from_qt(self.edit.dateTime())

    def set_value(self, value: datetime | None) -> None:
        if self.check is not None:
            self.check.setChecked(value is not None)
        if value is not None:
            self.edit.setDateTime(to_qt(value))
