"""Team: adding an operator (lead only, field errors), revoking with a key rotation behind a
progress indicator, changing my passphrase, and keychain opt-in and out."""

from commandcenter.vault import lifecycle
from commandcenter.vault.keyfile import KeyFile
from tests.conftest import PASSPHRASE
from tests.ui.conftest import find_dialog, open_area, settle, start_unlock, unlock


def _window(qtbot, controller):
    start_unlock(qtbot, controller)
    return unlock(qtbot, controller)


def _add(qtbot, controller, window, name="Sam Editor", passphrase="sam's own passphrase"):
    dialog = window.commands.add_operator()
    dialog.name.setText(name)
    dialog.fields.passphrase.setText(passphrase)
    dialog.fields.confirm.setText(passphrase)
    dialog.submit()
    settle(qtbot, controller)
    return dialog


def test_add_operator_then_a_duplicate_name_is_refused_by_the_field(qtbot, controller,
                                                                    existing_vault):
    window = _window(qtbot, controller)
    team = open_area(qtbot, controller, window, "team")
    _add(qtbot, controller, window)
    assert team.model.rowCount() == 2
    dialog = _add(qtbot, controller, window, name="sam editor")
    assert dialog.isVisible()
    assert dialog.name_error.text() == "An operator called sam editor already exists."
    assert team.model.rowCount() == 2
    dialog.reject()


def test_add_operator_checks_the_passphrase_before_any_job(qtbot, controller, existing_vault):
    window = _window(qtbot, controller)
    dialog = window.commands.add_operator()
    dialog.name.setText("Sam")
    dialog.fields.passphrase.setText("short")
    dialog.fields.confirm.setText("short")
    dialog.submit()
    assert controller.runner.idle
    assert "at least 8 characters" in dialog.fields.error.text()
    dialog.reject()


def test_revoke_rotates_the_key_behind_a_progress_dialog(qtbot, controller, existing_vault,
                                                         vault_paths):
    window = _window(qtbot, controller)
    team = open_area(qtbot, controller, window, "team")
    _add(qtbot, controller, window)
    generation = KeyFile.load(vault_paths.keyfile).generation
    team.table.selectRow(team.model.row_of(lambda o: o.name == "Sam Editor"))
    assert team.revoke_button.isEnabled()
    team.revoke_selected(confirm=False)
    assert team.revoke_progress is not None and team.revoke_progress.isVisible()
    settle(qtbot, controller, timeout=30_000)
    assert team.revoke_progress is None
    assert "revoked" in team.message.text()
    sam = next(o for o in team.model.records() if o.name == "Sam Editor")
    assert sam.status == "revoked"
    assert KeyFile.load(vault_paths.keyfile).generation == generation + 1


def test_change_my_passphrase_with_a_wrong_current_one_says_so(qtbot, controller,
                                                               existing_vault, vault_paths):
    window = _window(qtbot, controller)
    dialog = window.commands.change_passphrase()
    dialog.current.setText("not my passphrase")
    dialog.fields.passphrase.setText("a new long passphrase")
    dialog.fields.confirm.setText("a new long passphrase")
    dialog.submit()
    settle(qtbot, controller)
    assert dialog.current_error.text() == "Wrong current passphrase. Check it and try again."
    assert dialog.current.text() == ""
    dialog.current.setText(PASSPHRASE)
    with qtbot.waitSignal(dialog.accepted, timeout=10_000):
        dialog.submit()
    settle(qtbot, controller)
    vault = lifecycle.unlock_with_passphrase(vault_paths, operator_id=existing_vault[
        "operator_id"], passphrase="a new long passphrase")
    vault.lock()


def test_keychain_opt_in_and_out(qtbot, controller, existing_vault, vault_paths,
                                 memory_keychain):
    window = _window(qtbot, controller)
    team = open_area(qtbot, controller, window, "team")
    team.toggle_keychain()
    dialog = find_dialog(qtbot, window, "Use the keychain")
    dialog.passphrase.setText(PASSPHRASE)
    with qtbot.waitSignal(dialog.accepted, timeout=10_000):
        dialog.submit()
    settle(qtbot, controller)
    assert "Keychain: on" in team.keychain_text.text()
    assert team.keychain_button.text() == "Stop using the keychain"
    assert KeyFile.load(vault_paths.keyfile).operator_slots()[0].keychain_backend
    team.toggle_keychain()
    settle(qtbot, controller)
    assert "Keychain: off" in team.keychain_text.text()
    assert not memory_keychain.store
