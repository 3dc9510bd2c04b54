"""A modal progress window for one long task run on the worker (exporting or printing a
report): the words say what is happening, the bar how far it got (a busy bar when the steps
are unknown). No Cancel: the task is short and leaves nothing half-written when it ends."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QProgressDialog, QWidget


class TaskProgress(QProgressDialog):
    def __init__(self, parent: QWidget, title: str, text: str, steps: int):
        super().__init__(text, "", 0, steps, parent)
        self.setObjectName("taskProgress")
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.setCancelButton(None)
        self.setMinimumDuration(0)  # shown at once: the GUI thread is free meanwhile
        self.setMinimumWidth(420)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setAutoClose(False)
        self.setAutoReset(False)
        self.setValue(0)
        self.show()

    def step(self, done: int, text: str = "") -> None:
        if text:
            self.setLabelText(text)
        self.setValue(done)

    def finish(self) -> None:
        self.close()
        self.deleteLater()
