"""The first-run wizard's other road: create this laptop's vault from an encrypted archive
another laptop exported (reports.archive). The archive is checked whole before anything is
created; the person importing must be a lead of the archived vault and gets a new passphrase
here (their old one belongs to the other laptop's key file), then the usual recovery code.

Nothing heavy is imported until the import runs, on the Runner."""

from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import (
    QFileDialog, QFormLayout, QLineEdit, QProgressBar, QVBoxLayout, QWizard, QWizardPage,
)

from ui.dialogs.base import file_row, wrapped_label
from ui.widgets.feedback import FieldError
from ui.widgets.passphrase import PassphraseFields, password_field

INTRO = ("Choose the archive file and type the passphrase it was exported with. The archive "
         "is checked whole before anything is created here; a wrong passphrase or a damaged "
         "file changes nothing.")
WHO = ("You must be a war-room lead in the archived vault. Leave the name empty if you are "
       "the lead who exported it. The other operators get their access back from a lead "
       "(Team → Give access).")


def import_and_unlock(paths, *, archive: Path, passphrase: str, new_passphrase: str,
                      operator_name: str | None, kdf=None, progress=None):
    """Runs on the worker: the import, then an unlock with the new passphrase (the wizard
    hands an unlocked vault to the app, as after creating one). Returns (vault, result)."""
    from commandcenter.reports.archive import import_archive
    from commandcenter.vault import lifecycle

    result = import_archive(archive, passphrase, paths.data_dir, new_passphrase=new_passphrase,
                            operator_name=operator_name or None, kdf=kdf,
                            progress=(lambda n: progress(n, 0)) if progress else None)
    me = next(o for o in lifecycle.list_operators(paths) if o.name == result.operator)
    vault = lifecycle.unlock_with_passphrase(paths, operator_id=me.operator_id,
                                             passphrase=new_passphrase)
    return vault, result



class ImportPage(QWizardPage):
    """Archive, its passphrase, who you are, your new passphrase; committing imports."""

    def __init__(self, wizard):
        super().__init__()
        self._wizard = wizard
        self.setTitle("Import an encrypted archive")
        self.setSubTitle("Move a war room's vault to this laptop, record for record.")
        self.setCommitPage(True)
        self.setButtonText(QWizard.WizardButton.CommitButton, "Import")
        row, self.archive, self.browse = file_row("Archive file", "The .ccca file",
                                                  self._choose)
        self.archive_passphrase = password_field("Archive passphrase",
                                                 "The passphrase it was exported with")
        self.operator = QLineEdit()
        self.operator.setAccessibleName("Your name in the archived vault")
        self.operator.setPlaceholderText("Empty: the lead who exported it")
        form = QFormLayout()
        form.addRow("Archive:", row)
        form.addRow("Its passphrase:", self.archive_passphrase)
        form.addRow("Your name:", self.operator)
        self.fields = PassphraseFields(form, self, label="New passphrase")
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.setFixedHeight(8)
        self.busy.setTextVisible(False)
        self.busy.setAccessibleName("Importing")
        self.busy_label = wrapped_label("")
        self.error = FieldError(self)
        self.is_busy = False
        layout = QVBoxLayout(self)
        layout.addWidget(wrapped_label(INTRO))
        layout.addLayout(form)
        layout.addWidget(wrapped_label(WHO, "muted"))
        layout.addStretch(1)
        layout.addWidget(self.error)
        layout.addWidget(self.busy_label)
        layout.addWidget(self.busy)
        self.set_busy(False)
        for signal in (self.archive.textChanged, self.archive_passphrase.textChanged,
                       self.fields.changed):
            signal.connect(self.completeChanged)
            signal.connect(self.error.clear)

    def _choose(self) -> None:
        docs = QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation)
        path, _ = QFileDialog.getOpenFileName(self, "Choose the archive", docs,
                                              "Encrypted archives (*.ccca);;All files (*)")
        if path:
            self.archive.setText(path)

    def set_busy(self, busy: bool, text: str = "") -> None:
        self.is_busy = busy
        self.busy.setVisible(busy)
        self.busy_label.setVisible(busy)
        self.busy_label.setText(text or "Checking the archive — every part of it is "
                                        "authenticated before anything is created…")
        for widget in (self.archive, self.browse, self.archive_passphrase, self.operator):
            widget.setEnabled(not busy)
        self.fields.set_enabled(not busy)
        self.completeChanged.emit()

    def show_progress(self, records: int) -> None:
        self.busy_label.setText(f"Importing — {records:,} records written…")

    def isComplete(self) -> bool:  # noqa: N802 (Qt API)
        return (not self.is_busy and bool(self.archive.text().strip())
                and bool(self.archive_passphrase.text()) and not self.fields.problem())

    def validatePage(self) -> bool:  # noqa: N802 (Qt API)
        if self._wizard.vault is not None:
            return True
        if not self.fields.show_problem():
            self._wizard.import_archive()
        return False  # the wizard moves on when the vault exists

    def nextId(self) -> int:  # noqa: N802 (Qt API)
        return self._wizard.page_ids["recovery"]
