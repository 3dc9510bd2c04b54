"""Small dialogs for one act on a talking point version: approve (optional comment),
reject (a reason is required), retire (why), and instantiating a prepared template with its
placeholders filled. Each runs one service call; a refusal is shown inside the dialog."""

from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QLineEdit

from ui.dialogs.base import ServiceDialog
from ui.dialogs.quick_log import text_box


class ReviewDialog(ServiceDialog):
    """mode "approve" or "reject" on the version of `row`."""

    def __init__(self, session, row, *, mode: str, parent=None):
        title = ("Approve" if mode == "approve" else "Reject") + f" — {row.title} v{row.version}"
        super().__init__(session, title, "Approve" if mode == "approve" else "Reject", parent)
        self.row, self.mode = row, mode
        hint = ("Your approval is recorded with your name, the time and this comment, and "
                "sealed in the audit trail." if mode == "approve" else
                "The version goes back to its author as a draft, with your reason.")
        note = QLabel(hint)
        note.setWordWrap(True)
        self.comment = text_box("Comment" if mode == "approve" else "Reason",
                                "Optional comment" if mode == "approve" else
                                "Why it cannot go out as written", 80)
        self.finish_layout(note, self.comment)

    def submit(self) -> None:
        from commandcenter.services import talking_points as tp

        text = self.comment.toPlainText()
        if self.mode == "approve":
            self.run(tp.approve, "approve line", version_id=self.row.version_id, comment=text)
        else:
            self.run(tp.reject, "reject line", version_id=self.row.version_id, reason=text)


class RetireDialog(ServiceDialog):
    def __init__(self, session, row, parent=None):
        super().__init__(session, f"Retire — {row.title}", "Retire", parent)
        self.row = row
        note = QLabel("A retired line leaves the current line for every audience; its "
                      "versions stay in the history.")
        note.setWordWrap(True)
        self.reason = QLineEdit()
        self.reason.setAccessibleName("Reason")
        form = QFormLayout()
        form.addRow("Reason", self.reason)
        self.finish_layout(note, form)

    def submit(self) -> None:
        from commandcenter.services import talking_points as tp

        self.run(tp.retire, "retire line", point_id=self.row.point_id,
                 reason=self.reason.text())


class TemplateDialog(ServiceDialog):
    """Pick a prepared statement and fill its placeholders (known ones come pre-filled)."""

    def __init__(self, session, templates, known: dict, parent=None):
        super().__init__(session, "New line from template", "Create draft", parent)
        self.templates, self.known = templates, known
        self.choice = QComboBox()
        self.choice.setAccessibleName("Template")
        for t in templates:
            self.choice.addItem(t.title, t.key)
        self.form = QFormLayout()
        self.form.addRow("Template", self.choice)
        self.fields: dict[str, QLineEdit] = {}
        self.note = QLabel("Placeholders left empty stay in the text, and block approval "
                           "until they are filled.")
        self.note.setWordWrap(True)
        self.finish_layout(self.form, self.note)
        self.choice.currentIndexChanged.connect(lambda _i: self._show_fields())
        self._show_fields()

    def template(self):
        return self.templates[self.choice.currentIndex()]

    def _show_fields(self) -> None:
        while self.form.rowCount() > 1:
            self.form.removeRow(1)
        self.fields = {}
        for name in self.template().placeholders():
            edit = QLineEdit(self.known.get(name, ""))
            edit.setAccessibleName(name)
            self.fields[name] = edit
            self.form.addRow("{" + name + "}", edit)

    def submit(self) -> None:
        from commandcenter.services.talking_points import library

        self.run(library.instantiate, "line from template", key=self.template().key,
                 values={k: e.text() for k, e in self.fields.items()})
