"""Unlock dialog: passphrase success and failure, the keychain path (silent, and the
message when its entry is missing), and the recovery code with the offer of a new passphrase."""

import shiboken6
from PySide6.QtWidgets import QMessageBox

from commandcenter.vault import lifecycle, slots
from tests.conftest import FAST_KDF, PASSPHRASE
from tests.ui.conftest import find_dialog, open_area, settle, start_unlock, unlock


def test_unlock_with_passphrase_opens_the_main_window(qtbot, controller, existing_vault):
    dialog = start_unlock(qtbot, controller)
    assert dialog.operator.currentText() == "Dana Lead — lead"
    assert dialog.key_store.text() == "Passphrase"
    window = unlock(qtbot, controller)
    assert window.isVisible()
    assert controller.unlock_dialog is None and not shiboken6.isValid(dialog)  # gone
    assert controller.session.is_open
    assert window.status.operator.text.text() == "Dana Lead, lead"
    assert window.status.lock.text.text() == "Unlocked"
    assert open_area(qtbot, controller, window, "team").model.rowCount() == 1
    # vault.created, operator.added
    assert open_area(qtbot, controller, window, "audit").model.rowCount() >= 2


def test_wrong_passphrase_says_so_and_opens_nothing(qtbot, controller, existing_vault,
                                                    vault_paths):
    before = vault_paths.db.read_bytes()
    dialog = start_unlock(qtbot, controller)
    dialog.secret.setText("not the passphrase")
    dialog.submit()
    qtbot.waitUntil(lambda: dialog.error.isVisible(), timeout=10_000)
    settle(qtbot, controller)
    assert dialog.error.text() == "Wrong passphrase. Check it and try again."
    assert dialog.secret.text() == ""  # cleared for the next try
    assert dialog.focusWidget() is dialog.secret
    assert "Traceback" not in dialog.error.text()
    assert controller.window is None and not controller.session.is_open
    assert dialog.isVisible()
    assert vault_paths.db.read_bytes() == before
    # and the right one still works afterwards
    unlock(qtbot, controller)
    assert controller.session.is_open


def test_empty_passphrase_is_caught_without_a_job(qtbot, controller, existing_vault):
    dialog = start_unlock(qtbot, controller)
    dialog.submit()
    assert dialog.error.text() == "Enter your passphrase."
    assert controller.runner.idle


def _keychain_vault(vault_paths):
    vault, _code = lifecycle.create_vault(vault_paths, operator_name="Kim Keychain",
                                          passphrase=PASSPHRASE, kdf=FAST_KDF,
                                          use_keychain=True)
    vault.lock()


def test_keychain_unlocks_silently_at_start(qtbot, controller, vault_paths):
    _keychain_vault(vault_paths)
    dialog = controller.start()
    assert dialog.key_store.text() == "Keychain (Test keychain)"
    qtbot.waitUntil(lambda: controller.session.is_open, timeout=10_000)
    settle(qtbot, controller)
    assert controller.session.vault.key_store == "keychain (Test keychain)"
    assert controller.window.status.key_store.text.text() == "Keychain (Test keychain)"


def test_missing_keychain_entry_falls_back_to_the_passphrase(qtbot, controller, vault_paths,
                                                             memory_keychain):
    _keychain_vault(vault_paths)
    memory_keychain.store.clear()
    dialog = start_unlock(qtbot, controller)
    assert not controller.session.is_open
    assert dialog.error.text() == ("Keychain entry missing — use your passphrase or "
                                   "recovery code.")
    assert dialog.key_store.text() == "Passphrase"
    assert dialog.secret.isEnabled() and dialog.focusWidget() is dialog.secret
    unlock(qtbot, controller)
    assert controller.session.vault.key_store == "passphrase"


def test_after_a_lock_the_keychain_is_not_used_silently(qtbot, controller, vault_paths):
    _keychain_vault(vault_paths)
    controller.start()
    qtbot.waitUntil(lambda: controller.session.is_open, timeout=10_000)
    settle(qtbot, controller)
    controller.lock()
    dialog = controller.unlock_dialog
    qtbot.waitUntil(lambda: dialog.started, timeout=10_000)
    settle(qtbot, controller)
    assert not controller.session.is_open  # Lock means lock: the passphrase is needed
    assert dialog.key_store.text().startswith("Passphrase")


def test_recovery_code_unlock_offers_a_new_passphrase(qtbot, controller, existing_vault,
                                                      vault_paths):
    dialog = start_unlock(qtbot, controller)
    dialog.use_recovery.setChecked(True)
    assert dialog.key_store.text() == "Recovery code"
    assert dialog.secret_label.text() == "Recovery code:"
    window = unlock(qtbot, controller, existing_vault["recovery_code"].lower())
    assert controller.session.vault.key_store == "recovery code"
    qtbot.waitUntil(lambda: controller.reset_prompt is not None
                    and controller.reset_prompt.isVisible())
    controller.reset_prompt.button(QMessageBox.StandardButton.Yes).click()
    reset = find_dialog(qtbot, window, "Set a new passphrase")
    assert not reset.current.isVisible()  # no current passphrase is asked after recovery
    reset.fields.passphrase.setText("a brand new passphrase")
    reset.fields.confirm.setText("a brand new passphrase")
    with qtbot.waitSignal(reset.accepted, timeout=10_000):
        reset.submit()
    settle(qtbot, controller)
    controller.quit()
    vault = lifecycle.unlock_with_passphrase(vault_paths, operator_id=existing_vault[
        "operator_id"], passphrase="a brand new passphrase")
    vault.lock()


def test_switching_to_another_operator(qtbot, controller, existing_vault, vault_paths):
    vault = lifecycle.unlock_with_passphrase(vault_paths, operator_id=existing_vault[
        "operator_id"], passphrase=PASSPHRASE)
    sam = slots.add_operator(vault, name="Sam Editor", role="editor",
                             passphrase="sam's own passphrase")
    vault.lock()
    start_unlock(qtbot, controller)
    window = unlock(qtbot, controller)
    assert window.actions_by_key["add_operator"].isEnabled()  # Dana is a lead
    window.actions_by_key["switch"].trigger()
    assert not controller.session.is_open and not window.isVisible()
    dialog = controller.unlock_dialog
    assert dialog.isVisible() and "Choose who is acting" in dialog.note.text()
    unlock(qtbot, controller, "sam's own passphrase", operator_id=sam.id)
    assert controller.session.actor.name == "Sam Editor"
    assert window.status.operator.text.text() == "Sam Editor, editor"
    assert not window.actions_by_key["add_operator"].isEnabled()  # editors cannot
    assert not open_area(qtbot, controller, window, "team").add_button.isEnabled()
