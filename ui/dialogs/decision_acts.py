"""Small entries that act on a decision: rescind it, record a review outcome, mark one of
its actions done. Each is a new sealed entry; errors are shown in the dialog."""

from PySide6.QtWidgets import QComboBox, QFormLayout, QLineEdit

from ui.dialogs.base import ServiceDialog
from ui.dialogs.quick_log import text_box
from ui.widgets.datetimes import DateTimeField


class RescindDialog(ServiceDialog):
    def __init__(self, session, detail, parent=None):
        super().__init__(session, f"Rescind {detail.head.label}", "Rescind decision", parent)
        self.detail = detail
        self.reason = text_box("Reason", "Why the decision no longer stands")
        form = QFormLayout()
        form.addRow("Decision:", QLineEdit(detail.head.decision, readOnly=True))
        form.addRow("Reason:", self.reason)
        self.finish_layout(form)

    def submit(self) -> None:
        from commandcenter.services import decisions

        self.run(decisions.rescind, "rescind decision", decision_id=self.detail.head.decision_id,
                 reason=self.reason.toPlainText())


class ReviewDialog(ServiceDialog):
    def __init__(self, session, detail, parent=None):
        super().__init__(session, f"Review {detail.head.label}", "Record review", parent)
        self.detail = detail
        self.outcome = text_box("Review outcome", "Still right? Changed? What next?")
        self.next_review = DateTimeField("Next review", optional=True)
        form = QFormLayout()
        form.addRow("Outcome:", self.outcome)
        form.addRow("Next review:", self.next_review)
        self.finish_layout(form)

    def submit(self) -> None:
        from commandcenter.services import decisions

        self.run(decisions.record_review, "record review",
                 decision_id=self.detail.head.decision_id, outcome=self.outcome.toPlainText(),
                 next_review_by=self.next_review.value())


class ActionDoneDialog(ServiceDialog):
    def __init__(self, session, detail, parent=None):
        super().__init__(session, f"Action done — {detail.head.label}", "Mark done", parent)
        self.detail = detail
        self.action = QComboBox()
        self.action.setAccessibleName("Action")
        for i, act in enumerate(detail.state.fields["actions"]):
            if i not in detail.state.done:
                self.action.addItem(f"{act['action']} ({act.get('owner') or 'no owner'})", i)
        self.note = QLineEdit()
        self.note.setAccessibleName("Note")
        form = QFormLayout()
        form.addRow("Action:", self.action)
        form.addRow("Note:", self.note)
        self.finish_layout(form)

    def submit(self) -> None:
        from commandcenter.services import decisions

        index = self.action.currentData()
        if index is None:
            self.error.show_error("Every action of this decision is already done.")
            return
        self.run(decisions.mark_action_done, "action done",
                 decision_id=self.detail.head.decision_id, action_index=index,
                 note=self.note.text())
