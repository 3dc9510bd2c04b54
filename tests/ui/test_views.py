"""The audit trail view (verify with progress, receipt export, fetching older pages), backup
from the File menu, the status bar, and the navigation rail."""

from pathlib import Path

from PySide6.QtCore import Qt

from commandcenter.services import settings
from tests.ui.conftest import open_area, settle, start_unlock, unlock
from ui.snapshot import AUDIT_PAGE


def _window(qtbot, controller):
    start_unlock(qtbot, controller)
    return unlock(qtbot, controller)


def test_rail_lists_only_the_areas_that_exist(qtbot, controller, existing_vault):
    window = _window(qtbot, controller)
    labels = [window.rail.item(i).text() for i in range(window.rail.count())]
    assert labels == ["Dashboard", "Decision log", "Talking points", "Spokespersons",
                      "Journey map", "Timeline", "Incidents", "Team", "Audit trail"]
    assert window.rail.objectName() == "navRail"
    for n, (key, _label, _icon) in enumerate(window.AREAS, start=1):
        assert window.actions_by_key[f"go_{key}"].shortcut().toString() == f"Ctrl+{n}"
        window.actions_by_key[f"go_{key}"].trigger()
        assert window.current_area() == key and window.rail.currentRow() == n - 1


def test_verify_reports_progress_and_updates_every_indicator(qtbot, controller,
                                                             existing_vault):
    window = _window(qtbot, controller)
    assert window.status.chain.text.text() == "Chain unchecked"
    progress = []
    window.commands.verify_progress.connect(lambda d, t: progress.append((d, t)))
    window.actions_by_key["verify"].trigger()
    qtbot.waitUntil(lambda: controller.session.chain.state == "verified", timeout=10_000)
    settle(qtbot, controller)
    assert progress and progress[-1][0] == progress[-1][1]
    assert window.status.chain.text.text() == "Chain verified"
    assert window.views["audit"].chain.text() == "Chain verified"
    assert window.views["audit"].chain.state == "ok"
    assert window.views["dashboard"].chain.text() == "Chain verified"


def test_receipt_export_writes_the_chain_head(qtbot, controller, existing_vault, tmp_path):
    window = _window(qtbot, controller)
    out = tmp_path / "receipt.txt"
    window.commands.export_receipt(str(out))
    qtbot.waitUntil(out.exists, timeout=10_000)
    settle(qtbot, controller)
    text = out.read_text()
    assert text.startswith("Crisis Command Center audit receipt")
    assert existing_vault["vault_id"] in text


def test_backup_now_writes_a_backup_and_the_status_bar_says_so(qtbot, controller,
                                                               existing_vault, tmp_path):
    window = _window(qtbot, controller)
    assert window.status.backup.text.text() == "No backup yet"
    out = tmp_path / "backup.db"
    window.commands.backup_now(str(out))
    qtbot.waitUntil(lambda: controller.session.snapshot.last_backup_at is not None,
                    timeout=15_000)
    settle(qtbot, controller)
    assert out.exists()
    assert window.status.backup.text.text() == "Backup just now"
    assert "(just now)" in window.views["dashboard"].last_backup.text()


def test_audit_trail_fetches_older_entries_on_demand(qtbot, controller, existing_vault):
    window = _window(qtbot, controller)
    vault = controller.session.vault

    def many(vault_):
        for minutes in range(AUDIT_PAGE + 20):
            settings.set_setting(vault_, key="auto_lock_minutes", value=1 + minutes % 200)

    controller.session.call(many)
    settle(qtbot, controller, timeout=60_000)
    model = open_area(qtbot, controller, window, "audit").model
    assert model.rowCount() == AUDIT_PAGE and model.total > AUDIT_PAGE
    assert model.record(0).seq == model.total  # newest first
    assert model.canFetchMore()
    model.fetchMore()
    settle(qtbot, controller)
    assert model.rowCount() == model.total
    assert [e.seq for e in model.records()] == list(range(model.total, 0, -1))
    assert vault.actor.id


def test_team_view_shows_me_and_my_keychain_choice(qtbot, controller, existing_vault):
    window = _window(qtbot, controller)
    team = open_area(qtbot, controller, window, "team")
    assert team.model.rowCount() == 1
    assert team.d_name.text() == "Dana Lead  (you)"
    assert not team.revoke_button.isEnabled()  # nobody revokes themselves
    assert "Keychain: off" in team.keychain_text.text()  # the test keychain is available
    assert team.keychain_button.text() == "Use the keychain…"


def test_status_bar_shows_the_vault_path_elided_with_the_full_one_on_hover(
        qtbot, controller, existing_vault, vault_paths):
    window = _window(qtbot, controller)
    item = window.status.path
    assert item.toolTip() == str(vault_paths.data_dir)
    assert item.isVisible()
    assert window.status.key_store.text.text() == "Passphrase"
    assert window.status.lock.accessibleName() == "Lock state: Unlocked"
    assert Path(str(vault_paths.data_dir)).name in item.text.text() or "…" in item.text.text()
    assert window.views["incidents"].table.verticalHeader().defaultSectionSize() == 28
    assert window.views["incidents"].table.horizontalHeader().sectionResizeMode(0) \
        != window.views["incidents"].table.horizontalHeader().ResizeMode.ResizeToContents
    assert window.rail.item(0).data(Qt.ItemDataRole.UserRole) == "dashboard"
