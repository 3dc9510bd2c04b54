"""File → Export encrypted archive: every record of the vault in one file that opens only
with a passphrase chosen here (reports.archive). The file is encrypted, so unlike the PDF and
CSV exports there is no "this is not encrypted" question; instead the dialog says how to
hand the passphrase over. The export runs on the Runner with a progress bar."""

from pathlib import Path

from PySide6.QtWidgets import QFormLayout, QProgressBar

from ui import exporting
from ui.dialogs.base import ServiceDialog, file_row, fit, wrapped_label
from ui.widgets.passphrase import PassphraseFields

SUFFIX = ".ccca"
WHAT = ("Every record of the vault — all incidents, decisions with their amendments, every "
        "version of every line with its approvals, acknowledgements, the team, the journey map "
        "and the whole audit trail — in one encrypted file. Another laptop creates a vault from "
        "it: when the app first starts there, choose “Import an encrypted archive”.")
HANDOVER = ("Anyone with the file and this passphrase can read everything in it. Give the "
            "passphrase by another route than the file (in person or by phone), never with it.")



class ArchiveExportDialog(ServiceDialog):
    def __init__(self, session, parent=None, *, path: str = ""):
        super().__init__(session, "Export an encrypted archive", "Export archive", parent)
        row, self.path, self.browse = file_row("Archive file", "Where to write the archive",
                                               self._choose)
        self.path.setText(path)
        form = QFormLayout()
        form.addRow("File:", row)
        self.fields = PassphraseFields(form, self, label="Archive passphrase")
        self.progress = QProgressBar()
        self.progress.setAccessibleName("Export progress")
        self.progress.setVisible(False)
        self.finish_layout(wrapped_label(WHAT), form, wrapped_label(HANDOVER, "muted"),
                           self.progress)
        self.fields.changed.connect(self.error.clear)
        self.path.textChanged.connect(self.error.clear)
        self.summary: dict | None = None

    def _choose(self) -> None:
        chosen = exporting.choose_path(self, "Write the archive to", "crisis-vault" + SUFFIX,
                                       f"Encrypted archives (*{SUFFIX})")
        if chosen:
            self.path.setText(chosen if chosen.endswith(SUFFIX) else chosen + SUFFIX)

    def submit(self) -> None:
        path = self.path.text().strip()
        if not path:
            self.error.show_error("Choose where to write the archive.")
            return
        if self.fields.show_problem():
            return
        from commandcenter.reports.archive import export_archive

        self.progress.setRange(0, 0)
        self.progress.setVisible(True)
        fit(self)
        self.error.clear()
        self.ok.setEnabled(False)
        self.session.call(export_archive, out=Path(path), passphrase=self.fields.value(),
                          reload=False, on_done=self._exported, on_error=self._failed_export,
                          on_progress=self._progressed, label="archive export")

    def _progressed(self, done: int, total: int) -> None:
        if total:
            self.progress.setRange(0, total)
            self.progress.setValue(done)
            self.progress.setFormat(f"{done:,} of {total:,} records")

    def _exported(self, summary: dict) -> None:
        self.summary = summary
        self.fields.clear()
        self._done(summary)

    def _failed_export(self, exc: BaseException) -> None:
        self.progress.setVisible(False)
        self._failed_base(exc)


def exported_notice(summary: dict) -> str:
    chain = "chain verified" if summary["chain_verified"] else "CHAIN NOT VERIFIED"
    return (f"Archive written: {summary['total_rows']:,} records to "
            f"{Path(summary['file']).name} (encrypted, {chain}).")
