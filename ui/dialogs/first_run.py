"""First-run wizard: what the vault is → the first operator → passphrase (and keychain) →
the vault is created in the background → the recovery code, shown once and confirmed.

Nothing heavy is imported here: keychain detection and vault creation run on the Runner
after the wizard has painted, so the first window appears before the database layer loads.
"""

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QMessageBox,
    QProgressBar, QPushButton, QRadioButton, QVBoxLayout, QWizard, QWizardPage,
)

from commandcenter import APP_NAME
from commandcenter.vault.paths import VaultPaths
from ui import clipboard, resources
from ui.dialogs.archive_import import ImportPage
from ui.dialogs.base import wrapped_label
from ui.firstpaint import after_first_paint
from ui.widgets.feedback import FieldError
from ui.widgets.passphrase import PassphraseFields
from ui.widgets.pill import Pill
from ui.workers import Runner, user_message

WELCOME = (
    "The vault is one encrypted file on this laptop that holds the war room's records: "
    "incidents, decisions, the approved lines and the team. Each operator opens it with their "
    "own passphrase, every change is sealed into a tamper-evident audit trail, and nothing ever "
    "leaves this computer over a network."
)
LEAD_NOTE = (
    "The first operator is always the war-room lead: only a lead can add the rest of the team, "
    "revoke access and change vault settings. You can add other leads later."
)



class WelcomePage(QWizardPage):
    """What the vault is, where it lives, and the two roads: a new vault, or one imported
    from an encrypted archive another laptop exported."""

    def __init__(self, paths: VaultPaths, wizard: "FirstRunWizard"):
        super().__init__()
        self._wizard = wizard
        self.setTitle(f"Welcome to {APP_NAME}")
        self.setSubTitle("Let us set up the encrypted vault for your war room.")
        self.new = QRadioButton("Set up a new vault")
        self.new.setChecked(True)
        self.imported = QRadioButton("Import an encrypted archive from another laptop")
        layout = QVBoxLayout(self)
        layout.addWidget(wrapped_label(WELCOME))
        layout.addSpacing(12)
        layout.addWidget(self.new)
        layout.addWidget(self.imported)
        layout.addSpacing(12)
        where = wrapped_label(f"It will be kept in:\n{paths.data_dir}", "muted")
        where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(where)
        layout.addStretch(1)

    def nextId(self) -> int:  # noqa: N802 (Qt API)
        return self._wizard.page_ids["import" if self.imported.isChecked() else "operator"]


class OperatorPage(QWizardPage):
    def __init__(self):
        super().__init__()
        self.setTitle("Who are you?")
        self.setSubTitle("Your name is recorded on every change you make in the vault.")
        self.name = QLineEdit()
        self.name.setAccessibleName("Your name")
        self.name.setPlaceholderText("e.g. Dana Whitfield")
        self.name.setMaxLength(120)
        self.role = QComboBox()
        self.role.addItem("War-room lead", "lead")
        self.role.setEnabled(False)
        self.role.setAccessibleName("Role")
        self.name_error = FieldError(self)
        form = QFormLayout(self)
        form.addRow("Name:", self.name)
        form.addRow("", self.name_error)
        form.addRow("Role:", self.role)
        form.addRow("", wrapped_label(LEAD_NOTE, "muted"))
        self.name.textChanged.connect(self.completeChanged)
        self.name.textChanged.connect(self.name_error.clear)

    def isComplete(self) -> bool:  # noqa: N802 (Qt API)
        return bool(self.name.text().strip())

    def operator_name(self) -> str:
        return self.name.text().strip()


class PassphrasePage(QWizardPage):
    """Passphrase and keychain choice; committing creates the vault on the Runner."""

    def __init__(self, wizard: "FirstRunWizard"):
        super().__init__()
        self._wizard = wizard
        self.setTitle("Choose your passphrase")
        self.setSubTitle("It unlocks the vault for you. Nobody can recover it for you — "
                         "the recovery code on the next page is the only way back in.")
        self.setCommitPage(True)
        self.setButtonText(QWizard.WizardButton.CommitButton, "Create vault")
        form = QFormLayout()
        self.fields = PassphraseFields(form, self)
        self.keychain_note = wrapped_label("Checking for a keychain on this computer…",
                                           "muted")
        self.use_keychain = QCheckBox()
        self.use_keychain.setAccessibleName("Keep the key in the keychain")
        self.use_keychain.setVisible(False)
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.setTextVisible(False)
        self.busy.setFixedHeight(8)
        self.busy.setAccessibleName("Creating the vault")
        self.busy_label = wrapped_label(
            "Creating the vault — deriving the keys takes a few seconds…")
        self.error = FieldError(self)
        self.is_busy = False
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addSpacing(8)
        layout.addWidget(self.use_keychain)
        layout.addWidget(self.keychain_note)
        layout.addStretch(1)
        layout.addWidget(self.error)
        layout.addWidget(self.busy_label)
        layout.addWidget(self.busy)
        self.set_busy(False)
        self.fields.changed.connect(self.completeChanged)
        self.fields.changed.connect(self.error.clear)

    def initializePage(self) -> None:  # noqa: N802 (Qt API)
        self.fields.avoid = (self._wizard.operator_page.operator_name(),)

    def show_keychain(self, label: str | None) -> None:
        if label:
            self.use_keychain.setText(f"Also keep my key in the {label}, so this computer "
                                      "opens the vault for me without typing")
            self.use_keychain.setVisible(True)
            self.keychain_note.setText("Your passphrase keeps working either way. Leave this "
                                       "off on a shared computer.")
        else:
            self.use_keychain.setVisible(False)
            self.use_keychain.setChecked(False)
            self.keychain_note.setText("No keychain on this computer — you will unlock with "
                                       "your passphrase.")

    def set_busy(self, busy: bool) -> None:
        self.is_busy = busy
        self.busy.setVisible(busy)
        self.busy_label.setVisible(busy)
        self.fields.set_enabled(not busy)
        self.use_keychain.setEnabled(not busy)
        self.completeChanged.emit()

    def isComplete(self) -> bool:  # noqa: N802 (Qt API)
        return not self.is_busy and not self.fields.problem()

    def validatePage(self) -> bool:  # noqa: N802 (Qt API)
        if self._wizard.vault is not None:
            return True
        if not self.fields.show_problem():
            self._wizard.create_vault()
        return False  # the wizard moves on when the vault exists


class RecoveryPage(QWizardPage):
    def __init__(self):
        super().__init__()
        self.setTitle("Your recovery code")
        self.setSubTitle("Shown only now. It opens the vault if every passphrase is forgotten "
                         "or a keychain is lost.")
        self.code = ""
        self.code_label = QLabel()
        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        mono.setPointSize(20)
        mono.setWeight(QFont.Weight.DemiBold)
        self.code_label.setFont(mono)
        self.code_label.setObjectName("recoveryCode")
        self.code_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.code_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.code_label.setAccessibleName("Recovery code")
        self.copy = QPushButton("Copy")
        self.copy.setAccessibleName("Copy the recovery code")
        self.copied = Pill("", "neutral")
        self.copied.setVisible(False)
        self.written = QCheckBox("I have written it down and will keep it away from this "
                                 "laptop")
        self.confirm_label = QLabel("To confirm, type the last group of the code:")
        self.confirm = QLineEdit()
        self.confirm.setAccessibleName("Last group of the recovery code")
        self.confirm.setPlaceholderText("5 characters")
        self.confirm.setMaxLength(8)
        self.confirm.setMaximumWidth(160)
        self.confirm.setEnabled(False)
        self.confirm_state = FieldError(self)
        self._layout()
        self._connect_callbacks()

    def _layout(self) -> None:
        row = QHBoxLayout()
        row.addWidget(self.copy)
        row.addWidget(self.copied)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.code_label)
        layout.addLayout(row)
        layout.addSpacing(12)
        layout.addWidget(wrapped_label("Write it on paper now and keep it in a safe place. Anyone "
                                "with this code and a copy of the vault can open it."))
        layout.addSpacing(8)
        layout.addWidget(self.written)
        layout.addSpacing(4)
        layout.addWidget(self.confirm_label)
        layout.addWidget(self.confirm)
        layout.addWidget(self.confirm_state)
        layout.addStretch(1)

    def _connect_callbacks(self) -> None:
        self.copy.clicked.connect(self._copy)
        self.written.toggled.connect(self.confirm.setEnabled)
        self.written.toggled.connect(self._check)
        self.confirm.textChanged.connect(self._check)

    def set_code(self, code: str) -> None:
        self.code = code
        self.code_label.setText(code)

    def last_group(self) -> str:
        return self.code.rsplit("-", 1)[-1]

    def _copy(self) -> None:
        clipboard.copy_text(self.code)
        self.copied.set("Copied — the app clears it when it locks", "ok")
        self.copied.setVisible(True)

    def _typed(self) -> str:
        return "".join(ch for ch in self.confirm.text().upper() if ch.isalnum())

    def _check(self) -> None:
        typed = self._typed()
        if len(typed) >= 5 and typed != self.last_group():
            self.confirm_state.show_error("That is not the last group of the code above.")
        else:
            self.confirm_state.clear()
        self.completeChanged.emit()

    def isComplete(self) -> bool:  # noqa: N802 (Qt API)
        return bool(self.code) and self.written.isChecked() and self._typed() == self.last_group()

    def nextId(self) -> int:  # noqa: N802 (Qt API)
        return -1  # the last page, whichever road led here


class FirstRunWizard(QWizard):
    """Emits `created(vault)` when the user finishes; `rejected` if they give up first."""

    created = Signal(object)

    def __init__(self, paths: VaultPaths, runner: Runner, *, kdf=None, parent=None):
        super().__init__(parent)
        self.paths, self.runner, self.kdf = paths, runner, kdf
        self.vault = None
        self.keychain_label: str | None = None
        self.keychain_checked = False  # detection has answered (tests wait for it)
        self.setWindowTitle(f"{APP_NAME} — set up")
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        self.welcome_page = WelcomePage(paths, self)
        self.operator_page = OperatorPage()
        self.passphrase_page = PassphrasePage(self)
        self.recovery_page = RecoveryPage()
        self.import_page = ImportPage(self)
        self.imported = None  # the archive import's result, when that road was taken
        self.page_ids = {name: self.addPage(page) for name, page in (
            ("welcome", self.welcome_page), ("operator", self.operator_page),
            ("passphrase", self.passphrase_page), ("recovery", self.recovery_page),
            ("import", self.import_page))}
        self.setPixmap(QWizard.WizardPixmap.LogoPixmap, resources.app_icon().pixmap(48, 48))
        self.setWindowIcon(resources.app_icon())
        self.resize(700, 520)
        after_first_paint(self, self._detect_keychain)

    # --- background work ----------------------------------------------------------------

    def _detect_keychain(self) -> None:
        def detect():
            from commandcenter.vault import keychain

            found = keychain.detect()
            return found.label if found else None

        self.runner.run(detect, on_done=self._keychain_found,
                        on_error=lambda exc: self._keychain_found(None), label="detect keychain")

    def _keychain_found(self, label: str | None) -> None:
        self.keychain_label, self.keychain_checked = label, True
        self.passphrase_page.show_keychain(label)

    def create_vault(self) -> None:
        page = self.passphrase_page
        paths, kdf = self.paths, self.kdf
        name, passphrase = self.operator_page.operator_name(), page.fields.value()
        use_keychain = bool(self.keychain_label) and page.use_keychain.isChecked()

        def create():
            from commandcenter.vault import lifecycle

            return lifecycle.create_vault(paths, operator_name=name, passphrase=passphrase,
                                          role="lead", use_keychain=use_keychain, kdf=kdf)

        page.set_busy(True)
        self.button(QWizard.WizardButton.BackButton).setEnabled(False)
        self.runner.run(create, on_done=self._created, on_error=self._create_failed,
                        label="create vault")

    def _created(self, result) -> None:
        self.vault, code = result
        self.recovery_page.set_code(code)
        self.passphrase_page.set_busy(False)
        self.passphrase_page.fields.clear()
        self.next()

    def _create_failed(self, exc: BaseException) -> None:
        page = self.passphrase_page
        page.set_busy(False)
        self.button(QWizard.WizardButton.BackButton).setEnabled(True)
        if getattr(exc, "field", "") == "name":
            self.back()
            self.operator_page.name_error.show_error(user_message(exc))
        elif getattr(exc, "field", "") == "passphrase":
            page.fields.show_error(user_message(exc))
        else:
            page.error.show_error(user_message(exc))

    def import_archive(self) -> None:
        page = self.import_page
        job_args = dict(archive=Path(page.archive.text().strip()),
                        passphrase=page.archive_passphrase.text(),
                        new_passphrase=page.fields.value(),
                        operator_name=page.operator.text().strip() or None, kdf=self.kdf)
        paths = self.paths

        def run(progress):
            from ui.dialogs.archive_import import import_and_unlock

            return import_and_unlock(paths, progress=progress, **job_args)

        page.set_busy(True)
        self.button(QWizard.WizardButton.BackButton).setEnabled(False)
        self.runner.run(run, on_done=self._imported, on_error=self._import_failed,
                        on_progress=lambda done, _total: page.show_progress(done),
                        label="create vault")

    def _imported(self, result) -> None:
        self.vault, self.imported = result
        self.recovery_page.set_code(self.imported.recovery_code)
        self.import_page.set_busy(False)
        self.import_page.fields.clear()
        self.import_page.archive_passphrase.clear()
        self.next()

    def _import_failed(self, exc: BaseException) -> None:
        page = self.import_page
        page.set_busy(False)
        self.button(QWizard.WizardButton.BackButton).setEnabled(True)
        page.error.show_error(user_message(exc))

    # --- finishing ----------------------------------------------------------------------

    def accept(self) -> None:
        if self.vault is None or not self.recovery_page.isComplete():
            return  # Finish means "I have the code": only once it was typed back
        super().accept()
        self.created.emit(self.vault)

    def reject(self) -> None:
        if self.vault is None:
            if self.runner.pending_labels().count("create vault"):
                return  # creating: wait for it rather than leave half a set-up behind
            super().reject()
            return
        answer = QMessageBox.warning(
            self, "Recovery code not confirmed",
            "The recovery code will not be shown again. Without it, a forgotten passphrase "
            "means the vault cannot be opened.\n\nContinue without confirming it?",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No)
        if answer == QMessageBox.StandardButton.Yes:
            super().accept()
            self.created.emit(self.vault)
