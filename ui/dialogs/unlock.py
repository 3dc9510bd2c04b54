"""The unlock dialog: pick the operator, then the keychain (silently, when that operator keeps
the key there and the app has just started), a passphrase, or the recovery code.

Operators come from the key file (names and roles are readable there, like an OS login
screen), so this dialog paints without the database layer loaded. Unlocking runs on the
Runner; failures are shown next to the field, in red with an icon, and never as a traceback.
"""

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QDialog, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QProgressBar,
    QPushButton, QVBoxLayout,
)

from commandcenter import APP_NAME
from commandcenter.vault.paths import VaultPaths
from ui import resources
from ui.dialogs.base import fit
from ui.firstpaint import after_first_paint
from ui.widgets.feedback import FieldError
from ui.widgets.pill import restyle
from ui.workers import Runner, user_message

if TYPE_CHECKING:
    from commandcenter.vault.keyfile import Slot


class UnlockDialog(QDialog):
    """Emits `unlocked(vault)` and accepts on success; rejected means the user quit."""

    unlocked = Signal(object)

    def __init__(self, paths: VaultPaths, runner: Runner, *, try_keychain: bool = True,
                 preselect: str | None = None, note: str = "", parent=None):
        super().__init__(parent)
        self.paths, self.runner = paths, runner
        self.try_keychain = try_keychain
        self._keychain_failed: set[str] = set()
        self._busy = False
        self.started = False  # the first paint happened and the keychain was tried (or not)
        self.setWindowTitle(f"{APP_NAME} — unlock")
        self.setWindowIcon(resources.app_icon())
        self._build(note)
        self._slots = self._load_slots()
        self._fill_operators(preselect)
        self._connect_callbacks()
        self._update_key_store()
        fit(self, 540)
        after_first_paint(self, self._auto_keychain)

    # --- layout -------------------------------------------------------------------------

    def _build(self, note: str) -> None:
        title = QLabel("Unlock the vault")
        title.setObjectName("h1")
        where = QLabel(str(self.paths.data_dir))
        where.setObjectName("muted")
        where.setToolTip(str(self.paths.data_dir))
        self.note = QLabel(note)
        self.note.setWordWrap(True)
        self.note.setVisible(bool(note))
        self.operator = QComboBox()
        self.operator.setAccessibleName("Operator")
        self.key_store = QLabel()
        self.key_store.setAccessibleName("Key store")
        self.secret_label = QLabel("Passphrase:")
        # Wide enough for either wording, so switching to the recovery code clips nothing.
        self.secret_label.setMinimumWidth(
            self.secret_label.fontMetrics().horizontalAdvance("Recovery code:") + 4)
        self.secret_label.setAlignment(Qt.AlignmentFlag.AlignRight
                                       | Qt.AlignmentFlag.AlignVCenter)
        self.secret = QLineEdit()
        self.secret.setEchoMode(QLineEdit.EchoMode.Password)
        self.secret.setAccessibleName("Passphrase")
        self.secret.setMinimumWidth(300)
        self.secret_label.setBuddy(self.secret)
        self.error = FieldError(self)
        self.use_recovery = QCheckBox("Use the recovery code instead")
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.setTextVisible(False)
        self.busy.setFixedHeight(8)
        self.busy.setVisible(False)
        self.busy_label = QLabel()
        self.busy_label.setVisible(False)
        self.quit_button = QPushButton("Quit")
        self.unlock_button = QPushButton(resources.icon("unlock", light=True), "Unlock")
        self.unlock_button.setProperty("primary", True)
        self.unlock_button.setDefault(True)
        self._arrange(title, where)

    def _arrange(self, title: QLabel, where: QLabel) -> None:
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        form.addRow("Operator:", self.operator)
        form.addRow("Key store:", self.key_store)
        form.addRow(self.secret_label, self.secret)
        form.addRow("", self.error)
        form.addRow("", self.use_recovery)
        buttons = QHBoxLayout()
        buttons.addWidget(self.quit_button)
        buttons.addStretch(1)
        buttons.addWidget(self.unlock_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(10)
        layout.addWidget(title)
        layout.addWidget(where)
        layout.addWidget(self.note)
        layout.addSpacing(6)
        layout.addLayout(form)
        layout.addWidget(self.busy_label)
        layout.addWidget(self.busy)
        layout.addSpacing(6)
        layout.addLayout(buttons)
        self.setTabOrder(self.operator, self.secret)
        self.setTabOrder(self.secret, self.use_recovery)
        self.setTabOrder(self.use_recovery, self.unlock_button)
        self.setTabOrder(self.unlock_button, self.quit_button)

    def _connect_callbacks(self) -> None:
        self.operator.currentIndexChanged.connect(self._operator_changed)
        self.use_recovery.toggled.connect(self._mode_changed)
        self.secret.textEdited.connect(self._clear_error)
        self.unlock_button.clicked.connect(self.submit)
        self.quit_button.clicked.connect(self.reject)

    # --- operators ----------------------------------------------------------------------

    def _load_slots(self) -> dict:
        # Imported here so the first-run wizard (no key file yet) does not load cryptography.
        from commandcenter.vault.keyfile import KeyFile

        try:
            kf = KeyFile.load(self.paths.keyfile)
        except Exception as exc:  # damaged or missing key file: say so, offer nothing
            self._show_error(user_message(exc))
            self._set_inputs_enabled(False)
            return {}
        return {s.operator_id: s for s in kf.operator_slots()}

    def _fill_operators(self, preselect: str | None) -> None:
        for slot in sorted(self._slots.values(), key=lambda s: s.operator_name.casefold()):
            self.operator.addItem(f"{slot.operator_name} — {slot.role}", slot.operator_id)
        if preselect is None and self.try_keychain:
            # At start-up, prefer someone this computer can open silently.
            preselect = next((s.operator_id for s in self._slots.values()
                              if s.keychain_backend), None)
        index = self.operator.findData(preselect) if preselect else -1
        if index >= 0:
            self.operator.setCurrentIndex(index)

    def selected_slot(self) -> "Slot | None":
        return self._slots.get(self.operator.currentData())

    def _keychain_usable(self, slot: "Slot | None") -> bool:
        return bool(slot and slot.keychain_backend and self.try_keychain
                    and slot.operator_id not in self._keychain_failed)

    # --- state --------------------------------------------------------------------------

    def _operator_changed(self) -> None:
        self._clear_error()
        self.secret.clear()
        self._update_key_store()
        if self.isVisible():
            self._auto_keychain()

    def _mode_changed(self, recovery: bool) -> None:
        self.secret_label.setText("Recovery code:" if recovery else "Passphrase:")
        self.secret.setAccessibleName("Recovery code" if recovery else "Passphrase")
        self.secret.setEchoMode(QLineEdit.EchoMode.Normal if recovery
                                else QLineEdit.EchoMode.Password)
        self.secret.setPlaceholderText("XXXXX-XXXXX-XXXXX-XXXXX-XXXXX-XXXXX" if recovery else "")
        self.secret.clear()
        self._clear_error()
        self._update_key_store()
        self.secret.setFocus()

    def key_store_text(self) -> str:
        slot = self.selected_slot()
        if self.use_recovery.isChecked():
            return "Recovery code"
        if self._keychain_usable(slot):
            from commandcenter.vault.keychain import label_for  # only a keychain user needs it

            return f"Keychain ({label_for(slot.keychain_backend)})"
        if slot and slot.keychain_backend and not self.try_keychain:
            return "Passphrase (after a lock the keychain is not used)"
        return "Passphrase"

    def _update_key_store(self) -> None:
        text = self.key_store_text()
        self.key_store.setText(text)
        self.key_store.setToolTip("How this unlock will open the vault's key.")

    def _set_inputs_enabled(self, enabled: bool) -> None:
        for widget in (self.operator, self.secret, self.use_recovery, self.unlock_button):
            widget.setEnabled(enabled)

    def _set_busy(self, busy: bool, text: str = "") -> None:
        self._busy = busy
        self.busy.setVisible(busy)
        self.busy_label.setText(text)
        self.busy_label.setVisible(busy)
        self._set_inputs_enabled(not busy)
        if not busy:
            self.secret.setFocus()

    def _show_error(self, message: str) -> None:
        self.error.show_error(message)
        self.secret.setProperty("invalid", True)
        restyle(self.secret)

    def _clear_error(self) -> None:
        self.error.clear()
        if self.secret.property("invalid"):
            self.secret.setProperty("invalid", False)
            restyle(self.secret)

    # --- unlocking ----------------------------------------------------------------------

    def _auto_keychain(self) -> None:
        self.started = True
        slot = self.selected_slot()
        if self._busy or not self._keychain_usable(slot) or self.use_recovery.isChecked():
            self.secret.setFocus()
            return
        paths, operator_id = self.paths, slot.operator_id

        def unlock():
            from commandcenter.vault import lifecycle

            return lifecycle.unlock_with_keychain(paths, operator_id=operator_id)

        def failed(exc: BaseException) -> None:
            self._keychain_failed.add(operator_id)
            self._failed(exc)
            self._update_key_store()

        from commandcenter.vault.keychain import label_for

        self._set_busy(True, f"Opening with the {label_for(slot.keychain_backend)}…")
        self.runner.run(unlock, on_done=self._succeeded, on_error=failed,
                        label="unlock with keychain")

    def submit(self) -> None:
        if self._busy:
            return
        slot, secret = self.selected_slot(), self.secret.text()
        recovery = self.use_recovery.isChecked()
        if slot is None:
            self._show_error("Choose who you are first.")
            return
        if not secret:
            self._show_error("Enter the recovery code." if recovery
                             else "Enter your passphrase.")
            self.secret.setFocus()
            return
        paths, operator_id = self.paths, slot.operator_id

        def unlock():
            from commandcenter.vault import lifecycle

            if recovery:
                return lifecycle.unlock_with_recovery_code(paths, operator_id=operator_id,
                                                           recovery_code=secret)
            return lifecycle.unlock_with_passphrase(paths, operator_id=operator_id,
                                                    passphrase=secret)

        self._clear_error()
        self._set_busy(True, "Unlocking — checking the key…")
        self.runner.run(unlock, on_done=self._succeeded, on_error=self._failed,
                        label="unlock")

    def _succeeded(self, vault) -> None:
        self._set_busy(False)
        self.secret.clear()
        self.accept()
        self.unlocked.emit(vault)

    def _failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        self.secret.clear()
        self._show_error(user_message(exc))
        self.secret.setFocus()

    def reject(self) -> None:
        if not self._busy:  # an unlock in flight finishes first (it cannot be interrupted)
            super().reject()
