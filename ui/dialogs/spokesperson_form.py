"""Add or change a spokesperson: contacts, languages, time zone and rota, media training,
cleared audiences and topics, backup. The service validates; a refusal is shown next to the
field it names and nothing is saved until the input is right."""

from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QCompleter, QDateEdit, QFormLayout, QGridLayout, QHBoxLayout,
    QLineEdit, QWidget,
)

from ui.dialogs.base import ServiceDialog
from ui.widgets.feedback import FieldError

FIELDS = ("name", "role_title", "organisation", "phone", "email", "messenger", "languages",
          "time_zone", "shifts", "media_trained_on", "audiences", "topics", "backup_id")


def _line(placeholder: str, name: str) -> QLineEdit:
    edit = QLineEdit()
    edit.setPlaceholderText(placeholder)
    edit.setAccessibleName(name)
    return edit


class SpokespersonDialog(ServiceDialog):
    """`person`: the Spokesperson to change, or None to add one. `others`: (id, name) of
    the people who can be the backup."""

    def __init__(self, session, *, person=None, others=(), parent=None):
        super().__init__(session, "Change spokesperson" if person else "Add spokesperson",
                         "Save" if person else "Add to roster", parent)
        self.person = person
        self.errors = {name: FieldError(self) for name in FIELDS}
        self._widgets(others)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for label, name, widget in self._rows():
            form.addRow(label, widget)
            form.addRow("", self.errors[name])
        self.finish_layout(form)
        if person is not None:
            self._fill(person)

    def _widgets(self, others) -> None:
        from commandcenter.services.roster import AUDIENCE_NAMES

        self.name = _line("Full name", "Name")
        self.role_title = _line("e.g. Head of Media Relations", "Role")
        self.organisation = _line("Company or agency", "Organisation")
        self.phone = _line("+1 614 555 0134", "Phone")
        self.email = _line("name@company.example", "E-mail")
        self.messenger = _line("Secure messenger handle, e.g. Signal: @name", "Messenger")
        self.languages = _line("en, es", "Languages")
        self.languages.setText("en")
        self.time_zone = QComboBox()
        self.time_zone.setEditable(True)
        self.time_zone.setAccessibleName("Time zone")
        self.time_zone.addItems(_zones())
        self.time_zone.setCurrentText("UTC")
        self.time_zone.completer().setFilterMode(Qt.MatchFlag.MatchContains)
        self.time_zone.completer().setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.shifts = _line("mon-fri 08:00-20:00; sat 10:00-14:00 (their local time)", "Shifts")
        self.trained = QCheckBox("Media trained on")
        self.trained_on = QDateEdit(QDate.currentDate())
        self.trained_on.setCalendarPopup(True)
        self.trained_on.setDisplayFormat("d MMM yyyy")
        self.trained_on.setAccessibleName("Media training date")
        self.trained_on.setEnabled(False)
        self.trained.toggled.connect(self.trained_on.setEnabled)
        self.audience_boxes = {slug: QCheckBox(label) for slug, label in AUDIENCE_NAMES.items()}
        self.topics = _line("remedy, hotline, investigation", "Topics")
        self.backup = QComboBox()
        self.backup.setAccessibleName("Backup spokesperson")
        self.backup.addItem("No backup", None)
        for other_id, other_name in others:
            self.backup.addItem(other_name, other_id)

    def _rows(self):
        trained = QWidget()
        row = QHBoxLayout(trained)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.trained)
        row.addWidget(self.trained_on)
        row.addStretch(1)
        audiences = QWidget()
        grid = QGridLayout(audiences)
        grid.setContentsMargins(0, 0, 0, 0)
        for n, box in enumerate(self.audience_boxes.values()):
            grid.addWidget(box, n // 2, n % 2)
        return (("Name:", "name", self.name), ("Role:", "role_title", self.role_title),
                ("Organisation:", "organisation", self.organisation),
                ("Phone:", "phone", self.phone), ("E-mail:", "email", self.email),
                ("Messenger:", "messenger", self.messenger),
                ("Languages:", "languages", self.languages),
                ("Time zone:", "time_zone", self.time_zone), ("Shifts:", "shifts", self.shifts),
                ("Training:", "media_trained_on", trained),
                ("Cleared for:", "audiences", audiences), ("Topics:", "topics", self.topics),
                ("Backup:", "backup_id", self.backup))

    def _fill(self, person) -> None:
        import json

        from commandcenter.services.roster import shifts

        self.name.setText(person.name)
        self.role_title.setText(person.role_title)
        self.organisation.setText(person.organisation)
        self.phone.setText(person.phone)
        self.email.setText(person.email)
        self.messenger.setText(person.messenger)
        self.languages.setText(", ".join(json.loads(person.languages)))
        self.time_zone.setCurrentText(person.time_zone)
        self.shifts.setText(shifts.shift_text(json.loads(person.shifts)))
        if person.media_trained_on:
            self.trained.setChecked(True)
            d = person.media_trained_on
            self.trained_on.setDate(QDate(d.year, d.month, d.day))
        for slug in json.loads(person.audiences):
            if slug in self.audience_boxes:
                self.audience_boxes[slug].setChecked(True)
        self.topics.setText(", ".join(json.loads(person.topics)))
        index = self.backup.findData(person.backup_id)
        self.backup.setCurrentIndex(max(index, 0))

    def collect(self):
        """The form as a SpokespersonInput (shift text parsed; errors raised by field)."""
        from commandcenter.services.errors import ValidationError
        from commandcenter.services.roster import SpokespersonInput, shifts

        try:
            rota = tuple(shifts.parse_shift_text(self.shifts.text()))
        except shifts.ShiftError as exc:
            raise ValidationError("shifts", str(exc)) from None
        trained = None
        if self.trained.isChecked():
            q = self.trained_on.date()
            trained = date(q.year(), q.month(), q.day())
        split = [x.strip() for x in self.languages.text().replace(";", ",").split(",")]
        return SpokespersonInput(
            self.name.text(), self.role_title.text(), self.organisation.text(),
            self.phone.text(), self.email.text(), self.messenger.text(),
            tuple(x for x in split if x), self.time_zone.currentText(), trained,
            tuple(s for s, box in self.audience_boxes.items() if box.isChecked()),
            tuple(t.strip() for t in self.topics.text().split(",") if t.strip()),
            self.backup.currentData(), self.person.override if self.person else "", rota,
            self.person.operator_id if self.person else None)

    def submit(self) -> None:
        from commandcenter.services import roster
        from commandcenter.services.errors import ValidationError

        for error in self.errors.values():
            error.clear()
        try:
            data = self.collect()
        except ValidationError as exc:
            self.failed(exc)
            return
        if self.person is None:
            self.run(roster.add, "add spokesperson", data=data)
        else:
            self.run(roster.update, "change spokesperson", spokesperson_id=self.person.id,
                     data=data)

    def failed(self, exc: BaseException) -> None:
        field = getattr(exc, "field", None)
        if field in self.errors:
            self.errors[field].show_error(str(getattr(exc, "message", exc)))
        else:
            super().failed(exc)


def _zones() -> list[str]:
    from zoneinfo import available_timezones

    return sorted(available_timezones() | {"UTC"})
