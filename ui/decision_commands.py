"""Decision-log commands shared by the menu and the view's buttons: the dialogs that log an
entry, and the log's receipt. Each dialog runs its service call through the session."""

from pathlib import Path

from PySide6.QtCore import QObject, QStandardPaths, Qt, Signal
from PySide6.QtWidgets import QFileDialog

from ui.session import VaultSession
from ui.workers import user_message


def write_log_receipt(vault, *, out: Path) -> Path:
    from commandcenter.services import decisions

    out = Path(out)
    out.write_text(decisions.receipt(vault), encoding="utf-8")
    return out


class DecisionCommands(QObject):
    notice = Signal(str)
    failure = Signal(str)

    def __init__(self, session: VaultSession, window):
        super().__init__(window)
        self.session, self.window = session, window

    def _names(self) -> list[str]:
        snap = self.session.snapshot
        return [o.name for o in snap.operators] if snap else []

    def _open(self, dialog, done_text):
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.notice.emit(done_text(dialog)))
        dialog.open()
        return dialog

    def quick_log(self):
        from ui.dialogs.quick_log import QuickLogDialog

        if not self.session.is_open:
            return None
        return self._open(QuickLogDialog(self.session, names=self._names(), parent=self.window),
                          lambda d: f"Logged {d.logged.label} (quick log: complete it later).")

    def new_decision(self):
        from ui.dialogs.decision_form import DecisionFormDialog

        if not self.session.is_open:
            return None
        return self._open(DecisionFormDialog(self.session, names=self._names(),
                                             parent=self.window),
                          lambda d: f"Logged {d.logged.label}.")

    def act(self, key: str, detail):
        """amend | supersede | rescind | review | action_done on the decision shown."""
        from ui.dialogs import decision_acts
        from ui.dialogs.decision_form import DecisionFormDialog

        if detail is None or not self.session.is_open:
            return None
        if key in ("amend", "supersede"):
            dialog = DecisionFormDialog(self.session, mode=key, detail=detail,
                                        names=self._names(), parent=self.window)
            return self._open(dialog, lambda d: f"Logged {d.logged.label} ({key}).")
        cls = {"rescind": decision_acts.RescindDialog, "review": decision_acts.ReviewDialog,
               "action_done": decision_acts.ActionDoneDialog}[key]
        return self._open(cls(self.session, detail, parent=self.window),
                          lambda d: f"Logged {d.result_value.label}.")

    def export_inquiry(self, path: str | None = None, *, since=None, until=None,
                       confirm: bool = True) -> None:
        """The log (or the date range the list shows) as PDF or CSV for an inquiry."""
        from ui import exporting

        if not self.session.is_open:
            return
        if path is None:
            path = exporting.choose_path(self.window, "Export the decision log for an inquiry",
                                         "decision-log-inquiry.pdf",
                                         "PDF (*.pdf);;CSV spreadsheet (*.csv)")
        if not path:
            return
        fmt = "csv" if path.lower().endswith(".csv") else "pdf"
        if fmt == "pdf" and not path.lower().endswith(".pdf"):
            path += ".pdf"
        if confirm and not exporting.confirm_plaintext(self.window, "the decision log", path):
            return
        if not self.session.is_open:  # locked while the dialog was open
            return
        from commandcenter.reports import inquiry

        snap = self.session.snapshot
        active = snap.active_incident if snap else None
        incident = f"{active.code} {active.title}" if active else ""
        self.session.call(inquiry.export_inquiry, out=Path(path), fmt=fmt, since=since,
                          until=until, incident=incident, reload=False,
                          on_error=lambda exc: self.failure.emit(user_message(exc)),
                          on_done=lambda s: self.notice.emit(self._exported(s)),
                          on_progress=lambda done, _total: self.notice.emit(
                              f"Exporting the decision log… {done} decisions read"),
                          label="inquiry export")

    @staticmethod
    def _exported(summary: dict) -> str:
        check = "verified" if summary["verified"] else "VERIFICATION FAILED"
        stamp = f", stamp {summary['stamp']}" if summary.get("stamp") else ""
        return (f"Exported {summary['decisions']} decision(s) to {summary['file']} "
                f"({check}{stamp}). It is not encrypted.")

    def export_receipt(self, path: str | None = None) -> None:
        if not self.session.is_open:
            return
        if path is None:
            docs = QStandardPaths.writableLocation(
                QStandardPaths.StandardLocation.DocumentsLocation)
            path, _ = QFileDialog.getSaveFileName(self.window, "Save the decision-log receipt",
                                                  str(Path(docs) / "decision-log-receipt.txt"),
                                                  "Text files (*.txt)")
        if not path or not self.session.is_open:
            return
        self.session.call(write_log_receipt, out=Path(path), reload=False,
                          on_error=lambda exc: self.failure.emit(user_message(exc)),
                          on_done=lambda out: self.notice.emit(
                              f"Receipt saved to {out} — keep it outside the vault."),
                          label="decision-log receipt")
