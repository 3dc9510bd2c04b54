"""Small dialogs of the journey area: log an update to a stakeholder group (which keeps its
open promises), promise an update by a time, add a timeline event. Each runs one service
call; a refusal is shown in the dialog and nothing changes."""

from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QLineEdit

from ui.dialogs.base import ServiceDialog
from ui.dialogs.quick_log import text_box
from ui.widgets import timefmt
from ui.widgets.datetimes import DateTimeField


def group_combo(data, selected: str | None = None) -> QComboBox:
    combo = QComboBox()
    combo.setAccessibleName("Stakeholder group")
    for group in data.stakeholders:
        combo.addItem(group.name, group.id)
    if selected:
        combo.setCurrentIndex(max(0, combo.findData(selected)))
    return combo


class LogUpdateDialog(ServiceDialog):
    def __init__(self, session, *, data, stakeholder_id: str | None = None, parent=None):
        super().__init__(session, "Log an update to a stakeholder", "Log update", parent)
        self.data = data
        self.group = group_combo(data, stakeholder_id or _first_overdue(data))
        self.at = DateTimeField("Given at")
        self.channel = QLineEdit()
        self.channel.setAccessibleName("Channel")
        self.channel.setPlaceholderText("Website, email, briefing, call…")
        self.summary = text_box("Summary", "What the update told them")
        self.next_due = DateTimeField("Next update due", optional=True)
        self.keeps = QLabel()
        self.keeps.setObjectName("muted")
        self.keeps.setWordWrap(True)
        form = QFormLayout()
        form.addRow("Stakeholder:", self.group)
        form.addRow("Given at:", self.at)
        form.addRow("Channel:", self.channel)
        form.addRow("Summary:", self.summary)
        form.addRow("Next update due:", self.next_due)
        self.group.currentIndexChanged.connect(self._show_keeps)
        self._show_keeps()
        self.finish_layout(form, self.keeps)

    def _show_keeps(self) -> None:
        """Say which promises this update keeps (open ones for the group)."""
        gid = self.group.currentData()
        open_ = [p for p in self.data.promises
                 if p.stakeholder_id == gid and p.status == "open"]
        if not open_:
            self.keeps.setText("No open promise to this group.")
            return
        lines = [f"due {timefmt.local(p.due_at)}"
                 + (" — OVERDUE" if self.data.promise_state(p) == "overdue" else "")
                 for p in open_]
        self.keeps.setText("Keeps the open promise(s): " + "; ".join(lines))

    def submit(self) -> None:
        from commandcenter.services import journey as j

        self.run(j.log_update, "log update", stakeholder=self.group.currentData(),
                 summary=self.summary.toPlainText(), channel=self.channel.text(),
                 at=self.at.value(), next_update_due=self.next_due.value())


def _first_overdue(data) -> str | None:
    overdue = data.overdue()
    return overdue[0].stakeholder_id if overdue else None


class PromiseDialog(ServiceDialog):
    def __init__(self, session, *, data, stakeholder_id: str | None = None, parent=None):
        super().__init__(session, "Promise an update", "Record promise", parent)
        self.group = group_combo(data, stakeholder_id)
        self.due = DateTimeField("Update due by")
        self.note = QLineEdit()
        self.note.setAccessibleName("Note")
        self.note.setPlaceholderText("e.g. daily website update at 18:00 Eastern")
        form = QFormLayout()
        form.addRow("Stakeholder:", self.group)
        form.addRow("Update due by:", self.due)
        form.addRow("Note:", self.note)
        self.finish_layout(form)

    def submit(self) -> None:
        from commandcenter.services import journey as j

        self.run(j.promise_from, "record promise", source="manual",
                 stakeholder=self.group.currentData(), due=self.due.value(),
                 note=self.note.text())


class EventDialog(ServiceDialog):
    def __init__(self, session, *, data, parent=None):
        from commandcenter.services.journey.timeline import KIND_LABELS

        super().__init__(session, "Add a timeline event", "Add event", parent)
        self.at = DateTimeField("When")
        self.kind = QComboBox()
        self.kind.setAccessibleName("Kind")
        for key, label in KIND_LABELS.items():
            self.kind.addItem(label, key)
        self.kind.setCurrentIndex(self.kind.findData("other"))
        self.title = QLineEdit()
        self.title.setAccessibleName("What happened")
        self.source = QLineEdit()
        self.source.setAccessibleName("Source")
        self.source.setPlaceholderText("Who or what says so")
        self.phase = QComboBox()
        self.phase.setAccessibleName("Phase")
        self.phase.addItem("—", None)
        for phase in data.phases:
            self.phase.addItem(phase.name, phase.id)
        if data.phases:
            self.phase.setCurrentIndex(data.current_phase + 1)
        form = QFormLayout()
        form.addRow("When:", self.at)
        form.addRow("Kind:", self.kind)
        form.addRow("What happened:", self.title)
        form.addRow("Source:", self.source)
        form.addRow("Phase:", self.phase)
        self.finish_layout(form)

    def submit(self) -> None:
        from commandcenter.services import journey as j

        self.run(j.add_event, "add timeline event", data=j.EventInput(
            self.at.value(), self.kind.currentData(), self.title.text(), self.source.text(),
            self.phase.currentData()))
