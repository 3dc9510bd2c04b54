"""Roster commands shared by the menu and the view's buttons: the add/change dialog, CSV
import (every row or none; the first bad line is named) and CSV export (asked first: it holds
people's contact details, unencrypted)."""

from pathlib import Path

from PySide6.QtCore import QObject, QStandardPaths, Qt, Signal
from PySide6.QtWidgets import QFileDialog

from ui.session import VaultSession
from ui.workers import user_message


def read_and_import(vault, *, path: Path, progress=None):
    from commandcenter.services import roster
    from commandcenter.vault.errors import VaultError

    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise VaultError(f"Cannot read {Path(path).name}: {exc.strerror or exc}") from None
    return roster.import_file(vault, raw, progress=progress)


def write_roster(vault, *, out: Path) -> Path:
    from commandcenter.reports import output
    from commandcenter.services import roster

    output.write_export(vault, Path(out), roster.export_csv(vault), action="roster.exported",
                        details={"format": "csv"})
    return Path(out)


class RosterCommands(QObject):
    notice = Signal(str)
    failure = Signal(str)

    def __init__(self, session: VaultSession, window):
        super().__init__(window)
        self.session, self.window = session, window

    def _others(self, exclude: str | None = None) -> list[tuple[str, str]]:
        view = self.window.views["spokespersons"]
        return [(r.person.id, r.person.name) for r in view.rows if r.person.id != exclude]

    def add(self):
        return self._dialog(None)

    def edit(self, person):
        return self._dialog(person)

    def _dialog(self, person):
        from ui.dialogs.spokesperson_form import SpokespersonDialog

        if not self.session.is_open:
            return None
        dialog = SpokespersonDialog(self.session, person=person,
                                    others=self._others(person.id if person else None),
                                    parent=self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.notice.emit(
            f"{dialog.result_value.name} {'changed' if person else 'added to the roster'}."))
        dialog.open()
        return dialog

    def import_csv(self, path: str | None = None) -> None:
        if not self.session.is_open:
            return
        if path is None:
            docs = QStandardPaths.writableLocation(
                QStandardPaths.StandardLocation.DocumentsLocation)
            path, _ = QFileDialog.getOpenFileName(self.window, "Import spokespersons", docs,
                "Rosters (*.csv *.vcf);;CSV files (*.csv);;Contact cards (*.vcf);;All files (*)")
        if not path or not self.session.is_open:
            return
        self.session.call(read_and_import, path=Path(path), label="roster import",
                          on_progress=lambda done, total: self.notice.emit(
                              f"Importing… {done} of {total} rows checked"),
                          on_error=lambda exc: self.failure.emit(user_message(exc)),
                          on_done=lambda result: self.notice.emit(
                              f"Imported {result.imported} spokesperson(s)."))

    def export_csv(self, path: str | None = None, *, confirm: bool = True) -> None:
        from ui import exporting

        if not self.session.is_open:
            return
        if path is None:
            path = exporting.choose_path(self.window, "Export the roster", "roster.csv",
                                         "CSV files (*.csv)")
        if not path:
            return
        if confirm and not exporting.confirm_plaintext(
                self.window, "the roster with everyone's contact details", path):
            return
        if not self.session.is_open:
            return
        self.session.call(write_roster, out=Path(path), reload=False, label="roster export",
                          on_error=lambda exc: self.failure.emit(user_message(exc)),
                          on_done=lambda out: self.notice.emit(
                              f"Roster exported to {out}. It is not encrypted."))
