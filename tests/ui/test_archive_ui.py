"""The encrypted archive from the app: File → Export encrypted archive (a lead), the first-run
wizard's "Import an encrypted archive" road, and Team → Give access for the operators an
imported vault has no key slot for yet."""

from pathlib import Path

import pytest
import shiboken6

from commandcenter.reports.archive import export_archive, import_archive
from commandcenter.services import decisions as d
from commandcenter.services import incidents, operators
from commandcenter.vault import lifecycle
from commandcenter.vault.paths import VaultPaths
from tests.conftest import FAST_KDF, PASSPHRASE
from tests.fixtures.vaulttools import vault_rows
from tests.ui.conftest import find_dialog, settle, start_unlock, start_wizard, unlock

ARCHIVE_PASS = "archive passphrase 1"
NEW_PASS = "my new passphrase 1"


@pytest.fixture
def archive(tmp_path):
    """An archive of a small vault: Dana Lead (lead), Eve Editor (editor), two decisions."""
    paths = VaultPaths.at(tmp_path / "source")
    vault, _ = lifecycle.create_vault(paths, operator_name="Dana Lead", passphrase=PASSPHRASE,
                                      kdf=FAST_KDF)
    try:
        incidents.create_incident(vault, data=incidents.IncidentInput("INC-9", "Card breach"))
        for text in ("Retain forensics", "Open the hotline"):
            d.log_decision(vault, data=d.DecisionInput(text, "Because", ("Dana Lead",)))
        operators.add_operator(vault, name="Eve Editor", role="editor", passphrase="eve pass 1")
        export_archive(vault, tmp_path / "war-room.ccca", ARCHIVE_PASS, kdf=FAST_KDF)
        rows = vault_rows(vault)
    finally:
        vault.lock()
    return {"file": tmp_path / "war-room.ccca", "rows": rows}


def _closed(dialog) -> bool:
    return not shiboken6.isValid(dialog) or not dialog.isVisible()  # deleted on close


def _to_import_page(qtbot, controller):
    wizard = start_wizard(qtbot, controller)
    wizard.welcome_page.imported.setChecked(True)
    wizard.next()
    assert wizard.currentPage() is wizard.import_page
    return wizard


def _fill(page, archive_file: Path, archive_pass: str) -> None:
    page.archive.setText(str(archive_file))
    page.archive_passphrase.setText(archive_pass)
    page.fields.passphrase.setText(NEW_PASS)
    page.fields.confirm.setText(NEW_PASS)


def test_the_wizard_imports_an_archive_and_a_lead_gives_the_others_access(
        qtbot, controller, vault_paths, archive):
    (vault_paths.data_dir / "logs").mkdir(parents=True)  # the app logs there from the start
    wizard = _to_import_page(qtbot, controller)
    page = wizard.import_page
    assert not page.isComplete()

    _fill(page, archive["file"], "not the passphrase")
    wizard.next()
    qtbot.waitUntil(lambda: page.error.isVisible(), timeout=15_000)
    assert "passphrase" in page.error.text()
    assert wizard.currentPage() is page and not vault_paths.exists()  # nothing created

    page.archive_passphrase.setText(ARCHIVE_PASS)
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.recovery_page, timeout=30_000)
    settle(qtbot, controller)
    recovery = wizard.recovery_page
    recovery.written.setChecked(True)
    recovery.confirm.setText(recovery.last_group())
    wizard.accept()
    qtbot.waitUntil(lambda: controller.window is not None and controller.window.isVisible())
    settle(qtbot, controller)
    assert controller.session.actor.name == "Dana Lead"
    copy = vault_rows(controller.session.vault)
    assert copy["decision_entry"] == archive["rows"]["decision_entry"]

    # Eve is in the records, but cannot unlock here until a lead gives her access.
    window = controller.window
    window.navigate([k for k, _l, _i in window.AREAS].index("team"))
    team = window.views["team"]
    eve = next(o for o in controller.session.snapshot.operators if o.name == "Eve Editor")
    team.table.selectRow(team.model.row_of(lambda o: o.id == eve.id))
    assert team.access_button.isVisible() and team.access_button.isEnabled()
    assert "cannot unlock" in team.d_access.text()
    team.access_button.click()
    dialog = find_dialog(qtbot, window, "Give Eve Editor access")
    dialog.fields.passphrase.setText("eve on this laptop")
    dialog.fields.confirm.setText("eve on this laptop")
    dialog.submit()
    qtbot.waitUntil(lambda: _closed(dialog), timeout=15_000)
    settle(qtbot, controller)
    assert not team.access_button.isVisible()
    controller.lock()
    eve_vault = lifecycle.unlock_with_passphrase(vault_paths, operator_id=eve.id,
                                                 passphrase="eve on this laptop")
    assert eve_vault.actor.role == "editor"
    eve_vault.lock()


def test_export_dialog_writes_an_archive_that_imports(qtbot, controller, existing_vault,
                                                      tmp_path):
    start_unlock(qtbot, controller)
    window = unlock(qtbot, controller)
    assert window.actions_by_key["export_archive"].isEnabled()
    notices = []
    window.commands.notice.connect(notices.append)
    dialog = window.commands.export_archive()
    out = tmp_path / "exported.ccca"
    dialog.path.setText(str(out))
    dialog.fields.passphrase.setText("short")
    dialog.fields.confirm.setText("short")
    dialog.submit()
    assert dialog.isVisible() and "at least 8" in dialog.fields.error.text()
    assert not out.exists()
    dialog.fields.passphrase.setText(ARCHIVE_PASS)
    dialog.fields.confirm.setText(ARCHIVE_PASS)
    dialog.submit()
    qtbot.waitUntil(lambda: _closed(dialog), timeout=30_000)
    settle(qtbot, controller)
    assert out.is_file()
    assert notices and notices[-1].startswith("Archive written") and "chain verified" in notices[-1]
    result = import_archive(out, ARCHIVE_PASS, tmp_path / "copy", new_passphrase=NEW_PASS,
                            kdf=FAST_KDF)
    assert result.operator == "Dana Lead" and result.audit_entries > 0


def test_only_a_lead_sees_the_archive_export(qtbot, controller, existing_vault, tmp_path):
    vault = lifecycle.unlock_with_passphrase(controller.paths,
                                             operator_id=existing_vault["operator_id"],
                                             passphrase=PASSPHRASE)
    editor = operators.add_operator(vault, name="Eve Editor", role="editor",
                                    passphrase="eve pass 12")
    vault.lock()
    start_unlock(qtbot, controller)
    window = unlock(qtbot, controller, passphrase="eve pass 12", operator_id=editor.id)
    assert not window.actions_by_key["export_archive"].isEnabled()
