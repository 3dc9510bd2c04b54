"""The journey-map cell editor: the 9 C's for one stakeholder group in one phase, sentiment,
pain points and planned actions (owner, due). Errors appear next to the field they name."""

from PySide6.QtWidgets import (
    QComboBox, QFormLayout, QLabel, QLineEdit, QScrollArea, QWidget,
)

from ui.dialogs.base import ServiceDialog
from ui.dialogs.decision_form import DUE_FORMAT, FormError, _parse_due
from ui.dialogs.quick_log import text_box
from ui.widgets.feedback import FieldError
from ui.widgets.rows_table import RowsTable
from ui.workers import user_message

# (field, label, placeholder, multi-line): the 9 C's read for a crisis (DESIGN §4).
NINE_CS = (
    ("community", "Community", "Which segment: e.g. cardholders who shopped in stores", False),
    ("context", "Context", "What they need to know now", True),
    ("channel", "Channel", "How we reach them: email, website, hotline, briefing…", False),
    ("cadence", "Cadence", "How often we update them, e.g. daily 18:00 ET", False),
    ("catalyst", "Catalyst", "What we ask them to do", False),
    ("credibility", "Credibility", "The action or fact that proves we are acting", False),
    ("currency", "Currency", "The remedy or value we offer: card reissue, monitoring…", False),
    ("culture", "Culture", "Tone, language, expectations", False),
)
SENTIMENTS = (("Not rated", None), ("−2 hostile", -2), ("−1 uneasy", -1), ("0 neutral", 0),
              ("+1 reassured", 1), ("+2 supportive", 2))


class CellDialog(ServiceDialog):
    def __init__(self, session, *, data, phase, group, parent=None):
        super().__init__(session, f"Journey cell — {group.name} × {phase.name}", "Save cell",
                         parent)
        self.phase, self.group = phase, group
        self.fields: dict[str, QWidget] = {}
        self.errors: dict[str, FieldError] = {}
        form = QFormLayout()
        for name, label, placeholder, multi in NINE_CS:
            widget = text_box(label, placeholder, 52) if multi else QLineEdit()
            if not multi:
                widget.setPlaceholderText(placeholder)
                widget.setAccessibleName(label)
            self._row(form, name, f"{label}:", widget)
        content = QLineEdit()
        content.setAccessibleName("Content: linked talking points")
        content.setPlaceholderText("Ids of approved talking points, separated by commas")
        self._row(form, "content", "Content:", content)
        sentiment = QComboBox()
        sentiment.setAccessibleName("Sentiment")
        for text, value in SENTIMENTS:
            sentiment.addItem(text, value)
        self._row(form, "sentiment", "Sentiment:", sentiment)
        self._row(form, "pain_points", "Pain points:",
                  text_box("Pain points", "What hurts them now", 52))
        actions = RowsTable("Actions", [("Action", "text"), ("Owner", "text"),
                                        ("Due (local)", "text")], height=96)
        actions.view.horizontalHeader().resizeSection(1, 110)
        actions.view.horizontalHeader().resizeSection(2, 130)
        actions.setToolTip("Due times are written YYYY-MM-DD HH:MM, in local time.")
        self._row(form, "actions", "Planned actions:", actions)
        self._fill(data.cell(phase.id, group.id))
        body = QWidget()
        body.setLayout(form)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        scroll.setMinimumHeight(460)
        hint = QLabel("Empty cells are shown as gaps on the map; saving marks the cell as "
                      "reviewed now. Due times: YYYY-MM-DD HH:MM, local time.")
        hint.setObjectName("muted")
        hint.setWordWrap(True)
        self.finish_layout(hint, scroll)
        self.resize(640, 640)

    def _row(self, form: QFormLayout, name: str, label: str, widget: QWidget) -> None:
        self.fields[name] = widget
        self.errors[name] = FieldError(self)
        form.addRow(label, widget)
        form.addRow("", self.errors[name])

    def _fill(self, cell) -> None:
        from commandcenter.services.journey.cells import cell_input

        values = cell_input(cell)
        for name, *_ in NINE_CS:
            self.set_text(name, getattr(values, name))
        self.fields["content"].setText(", ".join(values.content))
        combo = self.fields["sentiment"]
        combo.setCurrentIndex(max(0, combo.findData(values.sentiment)))
        self.fields["pain_points"].setPlainText(values.pain_points)
        self.fields["actions"].set_rows([
            [a.action, a.owner, a.due.astimezone().strftime(DUE_FORMAT) if a.due else ""]
            for a in values.actions])

    def set_text(self, name: str, value: str) -> None:
        widget = self.fields[name]
        widget.setPlainText(value) if hasattr(widget, "setPlainText") else widget.setText(value)

    def text(self, name: str) -> str:
        widget = self.fields[name]
        return widget.toPlainText() if hasattr(widget, "toPlainText") else widget.text()

    def cell_input(self):
        from commandcenter.services import journey as j

        actions = []
        for action, owner, due in self.fields["actions"].rows():
            actions.append(j.PlannedAction(action, owner, _parse_due(due)))
        return j.CellInput(
            content=tuple(i.strip() for i in self.fields["content"].text().split(",")),
            sentiment=self.fields["sentiment"].currentData(),
            pain_points=self.text("pain_points"), actions=tuple(actions),
            **{name: self.text(name) for name, *_ in NINE_CS})

    def submit(self) -> None:
        from commandcenter.services import journey as j

        for error in self.errors.values():
            error.clear()
        try:
            data = self.cell_input()
        except FormError as exc:
            self.errors["actions"].show_error(str(exc))
            return
        self.run(j.save_cell, "save journey cell", phase_id=self.phase.id,
                 stakeholder_id=self.group.id, data=data)

    def failed(self, exc: BaseException) -> None:
        field = getattr(exc, "field", None)
        target = self.errors.get(field) if field else None
        (target or self.error).show_error(user_message(exc))
