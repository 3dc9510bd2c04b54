"""First-run wizard: it creates the vault in the background, shows the recovery code once,
and finishes only after the last group of the code has been typed back."""

import re

from PySide6.QtWidgets import QWizard

from commandcenter.vault import keychain, lifecycle
from commandcenter.vault.keyfile import KeyFile
from tests.conftest import PASSPHRASE
from tests.ui.conftest import settle, start_wizard

CODE_RE = re.compile(r"^([A-Z2-9]{5}-){5}[A-Z2-9]{5}$")


def _to_passphrase_page(qtbot, controller, name="Dana Whitfield"):
    wizard = start_wizard(qtbot, controller)  # keychain detection ran after the first paint
    assert wizard.currentPage() is wizard.welcome_page
    wizard.next()
    assert wizard.currentPage() is wizard.operator_page
    assert not wizard.operator_page.isComplete()  # no name yet
    wizard.operator_page.name.setText(name)
    assert wizard.operator_page.role.currentData() == "lead"
    assert not wizard.operator_page.role.isEnabled()  # the first operator is always a lead
    wizard.next()
    assert wizard.currentPage() is wizard.passphrase_page
    return wizard


def _create(qtbot, controller, wizard, passphrase=PASSPHRASE):
    page = wizard.passphrase_page
    page.fields.passphrase.setText(passphrase)
    page.fields.confirm.setText(passphrase)
    assert page.isComplete()
    wizard.next()  # the commit button: validatePage starts the worker
    assert page.busy.isVisible()
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.recovery_page, timeout=15_000)
    settle(qtbot, controller)


def test_wizard_creates_the_vault_and_requires_the_recovery_code_back(qtbot, controller,
                                                                       vault_paths):
    wizard = _to_passphrase_page(qtbot, controller)
    assert not vault_paths.exists()
    _create(qtbot, controller, wizard)
    assert vault_paths.exists()

    page = wizard.recovery_page
    code = page.code_label.text()
    assert CODE_RE.match(code)
    assert not page.isComplete()
    page.written.setChecked(True)
    page.confirm.setText("AAAAA" if page.last_group() != "AAAAA" else "BBBBB")
    assert not page.isComplete()
    assert page.confirm_state.isVisible() and "not the last group" in page.confirm_state.text()
    page.confirm.setText(code.rsplit("-", 1)[1].lower())  # case does not matter
    assert page.isComplete()
    assert not page.confirm_state.isVisible()

    wizard.accept()
    qtbot.waitUntil(lambda: controller.window is not None and controller.window.isVisible())
    settle(qtbot, controller)
    assert controller.session.actor.name == "Dana Whitfield"
    assert controller.session.actor.role == "lead"
    operator_id = controller.session.actor.id
    controller.lock()
    # The code shown is the real one: it opens the vault.
    vault = lifecycle.unlock_with_recovery_code(vault_paths, operator_id=operator_id,
                                                recovery_code=code)
    vault.lock()


def test_wizard_finish_stays_disabled_until_confirmed(qtbot, controller):
    wizard = _to_passphrase_page(qtbot, controller)
    _create(qtbot, controller, wizard)
    page = wizard.recovery_page
    finish = wizard.button(QWizard.WizardButton.FinishButton)
    page.confirm.setText(page.last_group())
    assert not page.confirm.isEnabled()  # "I have written it down" comes first
    assert not page.isComplete() and not finish.isEnabled()
    wizard.accept()  # even a programmatic Finish is refused
    assert controller.window is None
    assert wizard.isVisible()
    page.written.setChecked(True)
    page.confirm.setText(page.last_group())
    assert finish.isEnabled()
    finish.click()
    qtbot.waitUntil(lambda: controller.window is not None and controller.window.isVisible())
    assert not wizard.isVisible()


def test_weak_or_mismatched_passphrase_blocks_creation(qtbot, controller, vault_paths):
    wizard = _to_passphrase_page(qtbot, controller)
    fields = wizard.passphrase_page.fields
    fields.passphrase.setText("short")
    fields.confirm.setText("short")
    assert not wizard.passphrase_page.isComplete()
    assert fields.meter.word.text() == "Too short"
    fields.passphrase.setText("tin kettle orbit marmalade")
    fields.confirm.setText("tin kettle orbit marmalad")
    assert not wizard.passphrase_page.isComplete()
    assert fields.meter.word.text() == "Strong"
    wizard.next()
    assert wizard.currentPage() is wizard.passphrase_page
    assert not vault_paths.exists()


def test_keychain_opt_in_stores_the_key(qtbot, controller, vault_paths, memory_keychain):
    wizard = _to_passphrase_page(qtbot, controller)
    box = wizard.passphrase_page.use_keychain
    assert box.isVisible() and "Test keychain" in box.text()
    box.setChecked(True)
    _create(qtbot, controller, wizard)
    slot = KeyFile.load(vault_paths.keyfile).operator_slots()[0]
    assert slot.keychain_backend
    assert memory_keychain.store  # the slot key went into the (in-memory) keychain


def test_no_keychain_says_so(qtbot, controller, monkeypatch):
    monkeypatch.setattr(keychain, "detect", lambda: None)
    wizard = _to_passphrase_page(qtbot, controller)
    page = wizard.passphrase_page
    assert not page.use_keychain.isVisible()
    assert page.keychain_note.text().startswith("No keychain on this computer")
