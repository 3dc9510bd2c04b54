"""New incident: code, title, severity, summary. The service validates; its errors are shown
next to the field they name, and nothing is created until the input is right."""

from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QDialog, QFormLayout, QLineEdit, QPlainTextEdit,
    QVBoxLayout,
)

from ui.dialogs.base import fit, ok_cancel
from ui.session import VaultSession
from ui.widgets.feedback import FieldError
from ui.workers import user_message

SEVERITIES = (("critical", "Critical"), ("high", "High"), ("medium", "Medium"), ("low", "Low"))


class NewIncidentDialog(QDialog):
    def __init__(self, session: VaultSession, parent=None):
        super().__init__(parent)
        self.session = session
        self.created = None  # the Incident, once made
        self.setWindowTitle("New incident")
        self.code = QLineEdit()
        self.code.setPlaceholderText("e.g. INC-2026-014")
        self.code.setAccessibleName("Incident code")
        self.title = QLineEdit()
        self.title.setPlaceholderText("What happened, in a few words")
        self.title.setAccessibleName("Title")
        self.title.setMaxLength(200)
        self.severity = QComboBox()
        self.severity.setAccessibleName("Severity")
        for value, label in SEVERITIES:
            self.severity.addItem(label, value)
        self.severity.setCurrentIndex(1)
        self.summary = QPlainTextEdit()
        self.summary.setAccessibleName("Summary")
        self.summary.setPlaceholderText("What we know so far (optional)")
        self.summary.setFixedHeight(90)
        self.summary.setTabChangesFocus(True)
        self.make_active = QCheckBox("Make it the active incident")
        self.make_active.setChecked(True)
        self.errors = {name: FieldError(self) for name in ("code", "title", "severity", "other")}
        self.buttons, self.ok = ok_cancel("Create incident")
        self._layout()
        self._connect_callbacks()

    def _layout(self) -> None:
        form = QFormLayout()
        form.addRow("Code:", self.code)
        form.addRow("", self.errors["code"])
        form.addRow("Title:", self.title)
        form.addRow("", self.errors["title"])
        form.addRow("Severity:", self.severity)
        form.addRow("", self.errors["severity"])
        form.addRow("Summary:", self.summary)
        form.addRow("", self.make_active)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        layout.addLayout(form)
        layout.addWidget(self.errors["other"])
        layout.addWidget(self.buttons)
        fit(self)

    def _connect_callbacks(self) -> None:
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        self.code.textChanged.connect(lambda _t: self.errors["code"].clear())
        self.title.textChanged.connect(lambda _t: self.errors["title"].clear())

    def submit(self) -> None:
        from commandcenter.services import incidents

        data = incidents.IncidentInput(
            code=self.code.text().strip(), title=self.title.text(),
            summary=self.summary.toPlainText(), severity=self.severity.currentData())
        for error in self.errors.values():
            error.clear()
        self.ok.setEnabled(False)
        self.session.call(incidents.create_incident, data=data,
                          make_active=self.make_active.isChecked(),
                          on_done=self._done, on_error=self._failed, label="create incident")

    def _done(self, incident) -> None:
        self.created = incident
        self.ok.setEnabled(True)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.ok.setEnabled(True)
        field = getattr(exc, "field", "other")
        target = self.errors.get(field, self.errors["other"])
        target.show_error(user_message(exc))
        widget = {"code": self.code, "title": self.title, "severity": self.severity}.get(field)
        if widget is not None:
            widget.setFocus()
