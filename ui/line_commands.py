"""Talking-point commands shared by the menu and the view's buttons: the editor, the
template library, submit, approve / reject, retire and the history. Each runs its service
call through the session; results come back as a notice or a failure line."""

from datetime import datetime

from PySide6.QtCore import QObject, Qt, Signal

from ui.session import VaultSession
from ui.workers import user_message


class LineCommands(QObject):
    notice = Signal(str)
    failure = Signal(str)

    def __init__(self, session: VaultSession, window):
        super().__init__(window)
        self.session, self.window = session, window

    def _open(self, dialog, done_text):
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.notice.emit(done_text(dialog)))
        dialog.open()
        return dialog

    def new_line(self):
        from ui.dialogs.message_house import MessageHouseDialog

        if not self.session.is_open:
            return None
        return self._open(MessageHouseDialog(self.session, parent=self.window),
                          lambda d: f"Draft saved (v{d.saved.version}); submit it for "
                                    "approval when it is ready.")

    def from_template(self):
        from commandcenter.services.talking_points import library
        from ui.dialogs.line_acts import TemplateDialog

        if not self.session.is_open:
            return None
        known = {"date": datetime.now().strftime("%d %B %Y").lstrip("0")}
        return self._open(TemplateDialog(self.session, library.templates(), known,
                                         parent=self.window),
                          lambda d: "Draft created from the template; fill what is left, "
                                    "then submit.")

    def act(self, key: str, row, history=None):
        """edit | submit | new_version | history | queue_history | approve | reject | retire"""
        from ui.dialogs import line_acts

        if row is None or not self.session.is_open:
            return None
        if key in ("edit", "new_version", "history", "queue_history") and history is None:
            self._with_history(key, row)
            return None
        if key in ("edit", "new_version"):
            return self._editor(key, row, history)
        if key in ("history", "queue_history"):
            return self.show_history(history)
        if key == "submit":
            return self.submit(row)
        if key in ("approve", "reject"):
            return self._open(line_acts.ReviewDialog(self.session, row, mode=key,
                                                     parent=self.window),
                              lambda d: f"{'Approval' if key == 'approve' else 'Rejection'} "
                                        f"of “{row.title}” v{row.version} recorded.")
        if key == "retire":
            return self._open(line_acts.RetireDialog(self.session, row, parent=self.window),
                              lambda d: f"“{row.title}” retired.")
        return None

    def _with_history(self, key: str, row) -> None:
        from commandcenter.services import talking_points as tp

        self.session.call(tp.history, point_id=row.point_id, reload=False, label="history",
                          on_error=lambda exc: self.failure.emit(user_message(exc)),
                          on_done=lambda h: self.act(key, row, h))

    def _editor(self, key: str, row, history):
        from ui.dialogs.message_house import MessageHouseDialog

        if key == "edit" and row.status != "draft":
            self.failure.emit("Only a draft can be edited: use New version… to change a "
                              "submitted line.")
            return None
        dialog = MessageHouseDialog(self.session, mode=key, row=row, history=history,
                                    parent=self.window)
        return self._open(dialog, lambda d: f"Draft saved (v{d.saved.version}).")

    def submit(self, row):
        from commandcenter.services import talking_points as tp

        return self.session.call(
            tp.submit, version_id=row.version_id, label="submit line",
            on_error=lambda exc: self.failure.emit(user_message(exc)),
            on_done=lambda s: self.notice.emit(f"“{row.title}” v{s.version} submitted: its "
                                               "words are now frozen until reviewed."))

    def show_history(self, history):
        from ui.dialogs.line_history import LineHistoryDialog

        dialog = LineHistoryDialog(history, parent=self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog
