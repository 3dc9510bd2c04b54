"""Vault-wide commands used by menus and buttons alike: backup, receipt, verify, and the
dialogs that are not tied to one list. Each runs its service call through the session."""

from pathlib import Path

from PySide6.QtCore import QObject, QStandardPaths, Qt, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from commandcenter import APP_NAME, __version__
from ui.session import VaultSession
from ui.workers import user_message


def _documents() -> str:
    return QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)


def write_receipt(vault, *, out: Path) -> Path:
    """Runs on the worker: the receipt text from the service, written where the user chose."""
    from commandcenter.services import audit

    out = Path(out)
    out.write_text(audit.receipt(vault), encoding="utf-8")
    return out


def backup_to(vault, *, out: Path):
    from commandcenter.vault import backup

    return backup.backup(vault, Path(out))


class VaultCommands(QObject):
    verify_progress = Signal(int, int)
    notice = Signal(str)  # a one-line result for the status bar
    failure = Signal(str)

    def __init__(self, session: VaultSession, window: QWidget):
        super().__init__(window)
        self.session, self.window = session, window

    def _failed(self, exc: BaseException) -> None:
        self.failure.emit(user_message(exc))

    # --- file ---------------------------------------------------------------------------

    def backup_now(self, path: str | None = None) -> None:
        if not self.session.is_open:
            return
        if path is None:
            default = str(Path(_documents()) / "crisis-vault-backup.db")
            path, _ = QFileDialog.getSaveFileName(self.window, "Back up the vault to", default,
                                                  "Vault backups (*.db)")
        if not path or not self.session.is_open:  # cancelled, or locked meanwhile
            return
        self.notice.emit("Backing up…")
        self.session.call(backup_to, out=Path(path), on_error=self._failed,
                          on_done=lambda rec: self.notice.emit(
                              f"Backup written and verified: {Path(rec.path).name}"),
                          label="backup")

    def export_receipt(self, path: str | None = None) -> None:
        if not self.session.is_open:
            return
        if path is None:
            default = str(Path(_documents()) / "audit-receipt.txt")
            path, _ = QFileDialog.getSaveFileName(self.window, "Save the audit receipt", default,
                                                  "Text files (*.txt)")
        if not path or not self.session.is_open:
            return
        self.session.call(write_receipt, out=Path(path), reload=False, on_error=self._failed,
                          on_done=lambda out: self.notice.emit(
                              f"Receipt saved to {out} — keep it outside the vault."),
                          label="export receipt")

    def export_archive(self):
        """Every record, encrypted under a passphrase chosen in the dialog (lead only)."""
        from ui.dialogs.archive_export import ArchiveExportDialog, exported_notice

        if not self.session.is_open:
            return None
        return self._open(ArchiveExportDialog(self.session, parent=self.window),
                          lambda d: self.notice.emit(exported_notice(d.summary)))

    # --- vault --------------------------------------------------------------------------

    def verify(self) -> None:
        if self.session.is_open:
            self.notice.emit("Verifying the vault and its audit chain…")
            self.session.verify(on_progress=self.verify_progress.emit,
                                on_done=lambda chain: self.notice.emit(chain.message))

    def _open(self, dialog, on_accept=None):
        """Window-modal but not a nested event loop, so a lock can close it cleanly."""
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        if on_accept is not None:
            dialog.accepted.connect(lambda: on_accept(dialog))
        dialog.open()
        return dialog

    def settings(self):
        from ui.dialogs.settings import SettingsDialog

        snap = self.session.snapshot
        minutes = snap.auto_lock_minutes if snap else 5
        approvals = snap.approvals_required if snap else 1
        contact = snap.war_room_contact if snap else ""
        return self._open(SettingsDialog(self.session, auto_lock_minutes=minutes,
                                         approvals_required=approvals,
                                         war_room_contact=contact, parent=self.window),
                          lambda d: self.notice.emit("Settings saved."))

    def change_passphrase(self, *, reset: bool = False):
        from ui.dialogs.operators import ChangePassphraseDialog

        return self._open(ChangePassphraseDialog(self.session, reset=reset, parent=self.window),
                          lambda d: self.notice.emit("Your passphrase was changed."))

    def add_operator(self):
        from ui.dialogs.operators import AddOperatorDialog

        return self._open(AddOperatorDialog(self.session, parent=self.window),
                          lambda d: self.notice.emit(
                              f"{d.result_value.name} can now unlock the vault."))

    def give_access(self, operator):
        from ui.dialogs.operators import GiveAccessDialog

        return self._open(GiveAccessDialog(self.session, operator, parent=self.window),
                          lambda d: self.notice.emit(
                              f"{operator.name} can now unlock the vault on this laptop."))

    def keychain_opt_in(self, label: str):
        from ui.dialogs.operators import KeychainOptInDialog

        return self._open(KeychainOptInDialog(self.session, label, parent=self.window),
                          lambda d: self.notice.emit(f"Your key is now kept in the {label}."))

    def new_incident(self):
        from ui.dialogs.new_incident import NewIncidentDialog

        return self._open(NewIncidentDialog(self.session, parent=self.window),
                          lambda d: self.notice.emit(f"Incident {d.created.code} opened."))

    # --- help ---------------------------------------------------------------------------

    def about(self) -> None:
        QMessageBox.about(self.window, f"About {APP_NAME}", about_text(self.session))


def about_text(session: VaultSession) -> str:
    where = str(session.vault.paths.data_dir) if session.vault is not None else "—"
    return (f"<h3>{APP_NAME} {__version__}</h3>"
            "<p>An offline, encrypted desktop app for a company's crisis war room. "
            "It never opens a network connection.</p>"
            f"<p><b>Your data lives in:</b><br>{where}</p>"
            "<p>Backups go where you choose (File ▸ Backup now) and automatically to the "
            "<code>backups</code> folder beside the vault before any migration.</p>")
