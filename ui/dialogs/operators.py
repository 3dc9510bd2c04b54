"""Dialogs about people and their keys: Add operator, Change (or reset) my passphrase, and
the passphrase prompt for keychain opt-in. Each runs its service call on the Runner and
shows a refusal next to the field it is about."""

from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QLineEdit

from ui.qtmodels.columns import ROLE_LABELS
from ui.dialogs.base import ServiceDialog
from ui.session import VaultSession
from ui.widgets.feedback import FieldError
from ui.widgets.passphrase import PassphraseFields, password_field
from ui.workers import user_message


class AddOperatorDialog(ServiceDialog):
    def __init__(self, session: VaultSession, parent=None):
        super().__init__(session, "Add operator", "Add operator", parent)
        self.name = QLineEdit()
        self.name.setAccessibleName("Name")
        self.name.setMaxLength(120)
        self.name_error = FieldError(self)
        self.role = QComboBox()
        self.role.setAccessibleName("Role")
        for value, label in ROLE_LABELS.items():
            self.role.addItem(label, value)
        self.role.setCurrentIndex(self.role.findData("editor"))
        self.role_error = FieldError(self)
        form = QFormLayout()
        intro = QLabel("The new operator unlocks with this passphrase on this laptop and "
                       "should change it at once (Vault ▸ Change my passphrase).")
        intro.setWordWrap(True)
        intro.setObjectName("muted")
        form.addRow("Name:", self.name)
        form.addRow("", self.name_error)
        form.addRow("Role:", self.role)
        form.addRow("", self.role_error)
        self.fields = PassphraseFields(form, self, label="Initial passphrase")
        self.finish_layout(intro, form)
        self.name.textEdited.connect(lambda _t: self.name_error.clear())

    def submit(self) -> None:
        from commandcenter.services import operators

        if not self.name.text().strip():
            self.name_error.show_error("Enter the operator's name.")
            self.name.setFocus()
            return
        if self.fields.show_problem():
            return
        self.run(operators.add_operator, "add operator", name=self.name.text(),
                 role=self.role.currentData(), passphrase=self.fields.value())

    def failed(self, exc: BaseException) -> None:
        field = getattr(exc, "field", "")
        if field == "name":
            self.name_error.show_error(user_message(exc))
            self.name.setFocus()
        elif field == "role":
            self.role_error.show_error(user_message(exc))
        elif field == "passphrase":
            self.fields.show_error(user_message(exc))
        else:
            super().failed(exc)


class GiveAccessDialog(ServiceDialog):
    """A lead gives an operator who has no key slot on this laptop (a vault imported from an
    archive) a passphrase to unlock with; their record and history stay as they were."""

    def __init__(self, session: VaultSession, operator, parent=None):
        super().__init__(session, f"Give {operator.name} access", "Give access", parent)
        self.operator = operator
        intro = QLabel(f"{operator.name} is in this vault's records but has no key slot on "
                       "this laptop, so they cannot unlock it. Set a passphrase for them; they "
                       "should change it at once (Team ▸ Change my passphrase).")
        intro.setWordWrap(True)
        intro.setObjectName("muted")
        form = QFormLayout()
        self.fields = PassphraseFields(form, self, label="Initial passphrase",
                                       avoid=(operator.name,))
        self.finish_layout(intro, form)

    def submit(self) -> None:
        from commandcenter.services import operators

        if self.fields.show_problem():
            return
        self.run(operators.issue_slot, "issue key slot", operator_id=self.operator.id,
                 passphrase=self.fields.value())

    def failed(self, exc: BaseException) -> None:
        if getattr(exc, "field", "") == "passphrase":
            self.fields.show_error(user_message(exc))
        else:
            super().failed(exc)


class ChangePassphraseDialog(ServiceDialog):
    """`reset=True` after a recovery-code unlock: no current passphrase is asked, the slot
    gets a new key pair (slots.reset_passphrase_with_recovery)."""

    def __init__(self, session: VaultSession, *, reset: bool = False, parent=None):
        title = "Set a new passphrase" if reset else "Change my passphrase"
        super().__init__(session, title, "Set passphrase" if reset else "Change passphrase",
                         parent)
        self.reset = reset
        actor = session.actor
        self.current = password_field("Current passphrase")
        self.current_error = FieldError(self)
        intro = QLabel(f"For {actor.name}. Only your key slot changes; the vault is not "
                       "re-encrypted and nobody else is affected." if actor else "")
        intro.setWordWrap(True)
        intro.setObjectName("muted")
        form = QFormLayout()
        if not reset:
            form.addRow("Current passphrase:", self.current)
            form.addRow("", self.current_error)
        self.fields = PassphraseFields(form, self, label="New passphrase",
                                       avoid=(actor.name,) if actor else ())
        if reset:
            self.current.setParent(self)
            self.current.hide()
        self.finish_layout(intro, form)
        self.current.textEdited.connect(lambda _t: self.current_error.clear())

    def submit(self) -> None:
        from commandcenter.services import operators

        if not self.reset and not self.current.text():
            self.current_error.show_error("Enter your current passphrase.")
            self.current.setFocus()
            return
        if self.fields.show_problem():
            return
        if self.reset:
            self.run(operators.reset_passphrase_with_recovery, "reset passphrase",
                     new=self.fields.value())
        else:
            self.run(operators.change_passphrase, "change passphrase",
                     old=self.current.text(), new=self.fields.value())

    def failed(self, exc: BaseException) -> None:
        field = getattr(exc, "field", "")
        if field == "new_passphrase":
            self.fields.show_error(user_message(exc))
        elif "current passphrase" in str(exc):
            self.current.clear()
            self.current_error.show_error(user_message(exc))
            self.current.setFocus()
        else:
            super().failed(exc)


class KeychainOptInDialog(ServiceDialog):
    """Keychain opt-in needs the passphrase once, to unwrap the key the keychain will keep."""

    def __init__(self, session: VaultSession, keychain_label: str, parent=None):
        super().__init__(session, "Use the keychain", "Keep my key in the keychain", parent)
        self.passphrase = password_field("Your passphrase")
        intro = QLabel(f"The {keychain_label} will keep your key, so this computer opens the "
                       "vault for you when the app starts. Your passphrase keeps working. "
                       "Leave this off on a computer others use.")
        intro.setWordWrap(True)
        form = QFormLayout()
        form.addRow("Your passphrase:", self.passphrase)
        self.finish_layout(intro, form)

    def submit(self) -> None:
        from commandcenter.services import operators

        if not self.passphrase.text():
            self.error.show_error("Enter your passphrase.")
            return
        self.run(operators.enable_keychain, "enable keychain", passphrase=self.passphrase.text())

    def failed(self, exc: BaseException) -> None:
        self.passphrase.clear()
        self.passphrase.setFocus()
        super().failed(exc)
