"""What every export from the UI does before writing: the user picks where (a save dialog),
and is told plainly that the file will not be encrypted (DESIGN: exports happen only when
the user asks, to where they choose)."""

from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget


def choose_path(parent: QWidget, title: str, file_name: str, filters: str) -> str:
    """A path from the save dialog, starting in Documents; "" when cancelled."""
    docs = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    path, _ = QFileDialog.getSaveFileName(parent, title, str(Path(docs) / file_name), filters)
    return path


def confirm_plaintext(parent: QWidget, what: str, path: str) -> bool:
    """Ask before writing vault content outside the vault, unencrypted."""
    box = QMessageBox(QMessageBox.Icon.Warning, "Write an unencrypted copy?",
                      f"This writes {what} to\n{path}\n\nThe file is not encrypted: anyone who "
                      "gets it can read it. Keep it on an encrypted disk and delete it when it "
                      "has served its purpose.",
                      QMessageBox.StandardButton.Cancel, parent)
    write = box.addButton("Write the file", QMessageBox.ButtonRole.AcceptRole)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    box.exec()
    return box.clickedButton() is write
