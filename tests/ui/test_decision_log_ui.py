"""The decision log in the app: the full form and quick log with the keyboard, the detail
with its chain, amending, filtering and search messages, the chain badge, the status-bar
count, the spokesperson rule, and a model that serves 100,000 entries a page at a time."""

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from commandcenter.models.base import utcnow
from commandcenter.services import decisions as d
from commandcenter.services import incidents, operators
from tests.conftest import PASSPHRASE
from tests.ui.conftest import find_dialog, settle, start_unlock, unlock


def _log_window(qtbot, controller, with_incident: bool = True):
    start_unlock(qtbot, controller)
    window = unlock(qtbot, controller)
    if with_incident:
        controller.session.call(incidents.create_incident,
                                data=incidents.IncidentInput("INC-1", "Card breach"))
        settle(qtbot, controller)
    window.navigate(1)
    settle(qtbot, controller)
    return window, window.views["decisions"]


def test_quick_log_with_the_keyboard_only(qtbot, controller, existing_vault):
    window, view = _log_window(qtbot, controller)
    assert view.list_stack.currentWidget() is view.empty
    assert "Ctrl+Shift+L" in view.empty.text() and "Ctrl+N" in view.empty.text()
    QTest.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.ShiftModifier)
    dialog = find_dialog(qtbot, window, "Quick log")
    QTest.keyClicks(dialog.focusWidget(), "Disclose today")
    QTest.keyClick(dialog.focusWidget(), Qt.Key.Key_Tab)
    QTest.keyClicks(dialog.focusWidget(), "Customers first")
    QTest.keyClick(dialog.focusWidget(), Qt.Key.Key_Tab)
    QTest.keyClicks(dialog.focusWidget(), "Dana Lead")
    with qtbot.waitSignal(dialog.accepted, timeout=10_000):
        QTest.keyClick(dialog.focusWidget(), Qt.Key.Key_Return,
                       Qt.KeyboardModifier.ControlModifier)
    settle(qtbot, controller)
    assert view.model.rowCount() == 1
    head = view.model.record(0)
    assert head.decision == "Disclose today" and head.incomplete
    assert view.model.index(0, 5).data() == "Incomplete"
    assert view.model.index(0, 4).data() == "In force"
    qtbot.waitUntil(lambda: view.badge.text().startswith("verified · 1 entries"),
                    timeout=10_000)


def test_quick_log_shows_a_late_entry_error_next_to_the_field(qtbot, controller,
                                                              existing_vault):
    window, view = _log_window(qtbot, controller)
    dialog = window.decision_commands.quick_log()
    dialog.decision.setPlainText("Brief card brands")
    dialog.rationale.setPlainText("Issuers must know")
    dialog.makers.setText("Marcus")
    dialog.minutes_ago.setValue(40)
    dialog.submit()
    qtbot.waitUntil(lambda: dialog.errors["late_reason"].isVisible(), timeout=10_000)
    settle(qtbot, controller)
    assert "reason for the late entry" in dialog.errors["late_reason"].text()
    assert d.counts(controller.session.vault).total == 0
    dialog.late_reason.setText("Call ran long")
    with qtbot.waitSignal(dialog.accepted, timeout=10_000):
        dialog.submit()


def test_full_form_detail_amend_and_chain(qtbot, controller, existing_vault):
    window, view = _log_window(qtbot, controller)
    QTest.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    form = find_dialog(qtbot, window, "Log a decision")
    form.decision.setPlainText("Retain Ashgrove Forensics")
    form.rationale.setPlainText("Independent investigator")
    form.makers.setText("Priya Raman, Dana Lead")
    form.information.add_row(["Processor alert", "Northbank"])
    form.options.add_row(["In-house", "partly", "yes", "no", False, ""])
    form.options.add_row(["Ashgrove", "yes", "yes", "yes", True, ""])
    form.actions.add_row(["Sign letter", "Marcus", "not a date"])
    form.submit()
    assert "YYYY-MM-DD HH:MM" in form.errors["actions"].text()  # shown before any call
    form.actions.set_rows([["Sign letter", "Marcus", ""]])
    form.tags.setText("investigation, Security")
    with qtbot.waitSignal(form.accepted, timeout=10_000):
        form.submit()
    settle(qtbot, controller)
    assert view.model.rowCount() == 1
    qtbot.waitUntil(lambda: view.detail_data is not None, timeout=10_000)
    detail = view.detail_data
    assert detail.state.fields["decision_makers"] == ["Priya Raman", "Dana Lead"]
    assert detail.state.fields["tags"] == ["investigation", "security"]
    assert [o["chosen"] for o in detail.state.fields["options"]] == [False, True]

    amend = window.decision_commands.act("amend", detail)
    assert amend.decision.toPlainText() == "Retain Ashgrove Forensics"
    amend.risk.setPlainText("Evidence spoilage")
    amend.note.setText("from notes")
    with qtbot.waitSignal(amend.accepted, timeout=10_000):
        amend.submit()
    settle(qtbot, controller)
    qtbot.waitUntil(lambda: view.detail_data.state.entries == 2, timeout=10_000)
    settle(qtbot, controller)
    assert "amended 1×" in view.model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole)
    chain = [view.detail.chain_layout.itemAt(i).widget().text()
             for i in range(1, view.detail.chain_layout.count())]
    assert chain[0].startswith("WR1-0001  Logged") and chain[1].startswith("WR1-0002  Amended")
    assert "changed risk — from notes" in chain[1]
    qtbot.waitUntil(lambda: view.badge.text().startswith("verified · 2 entries"),
                    timeout=10_000)
    assert view.badge.state == "ok"


def test_filters_search_message_and_status_bar(qtbot, controller, existing_vault):
    window, view = _log_window(qtbot, controller)
    vault = controller.session.vault
    now = utcnow()
    first = d.log_decision(vault, data=d.DecisionInput("Disclose on the 18th", "Trust",
                                                       ("Dana",), tags=("disclosure",)))
    d.supersede(vault, decision_id=first.id, data=d.DecisionInput(
        "Disclose today", "Story is out", ("Dana",), decided_at=now - timedelta(minutes=1),
        review_by=now))
    controller.session.reload()
    settle(qtbot, controller)
    assert view.model.rowCount() == 2
    assert window.status.reviews.text.text() == "1 review due"
    view.filters.status.setCurrentIndex(view.filters.status.findData("superseded"))
    settle(qtbot, controller)
    assert [h.decision_id for h in view.model.records()] == [first.id]
    view.filters.status.setCurrentIndex(0)
    view.filters.due.setChecked(True)
    settle(qtbot, controller)
    assert [h.decision for h in view.model.records()] == ["Disclose today"]
    assert view.model.index(0, 5).data() == "Review due"
    view.filters.due.setChecked(False)
    view.filters.search.setText('"unbalanced')
    qtbot.waitUntil(lambda: view.search_error.isVisible(), timeout=5_000)
    settle(qtbot, controller)
    assert "quotation mark" in view.search_error.text() and view.model.rowCount() == 0
    view.filters.search.setText("18th")
    qtbot.waitUntil(lambda: not view.search_error.isVisible(), timeout=5_000)
    settle(qtbot, controller)
    assert [h.decision_id for h in view.model.records()] == [first.id]
    assert view.empty.text() != view.empty.text().upper()  # a sentence, not a code


def test_the_log_is_hidden_from_a_spokesperson(qtbot, controller, existing_vault):
    from commandcenter.vault import lifecycle

    vault = lifecycle.unlock_with_passphrase(controller.paths,
                                             operator_id=existing_vault["operator_id"],
                                             passphrase=PASSPHRASE)
    jordan = operators.add_operator(vault, name="Jordan Ellis", role="spokesperson",
                                    passphrase=PASSPHRASE)
    vault.lock()
    start_unlock(qtbot, controller)
    window = unlock(qtbot, controller, operator_id=jordan.id)
    assert window.rail.isRowHidden(1)
    assert not window.actions_by_key["quick_log"].isEnabled()
    window.navigate(1)
    # Issue 6: a spokesperson operator is held in spokesperson mode, their lines only.
    assert window.current_area() == "spokesperson_mode"
    assert not window.status.reviews.isVisible()


@pytest.fixture(scope="module")
def big_log(tmp_path_factory):
    """A vault with 100,000 decisions, made once for this module (one bulk transaction)."""
    from commandcenter.vault import lifecycle
    from commandcenter.vault.paths import VaultPaths
    from tests.conftest import FAST_KDF

    paths = VaultPaths.at(tmp_path_factory.mktemp("big") / "vault")
    vault, _ = lifecycle.create_vault(paths, operator_name="Bulk Lead", passphrase=PASSPHRASE,
                                      kdf=FAST_KDF)
    incidents.create_incident(vault, data=incidents.IncidentInput("INC-1", "Breach"))
    start = utcnow() - timedelta(days=30)
    items = [d.DecisionInput(f"Decision {n}", "Because", ("Dana",),
                             decided_at=start + timedelta(seconds=n), late_reason="import")
             for n in range(100_000)]
    assert d.log_many(vault, items=items) == 100_000
    yield vault
    vault.lock()


def test_the_model_serves_100000_entries_a_page_at_a_time(qtbot, big_log):
    from ui.qtmodels.decisions import DecisionTableModel

    model = DecisionTableModel()
    model.loader = lambda after: model.append_page(*_page(big_log, after), model.generation)
    model.set_page(*_page(big_log, None))
    assert model.rowCount() == d.PAGE and model.canFetchMore()
    assert model.record(0).decision == "Decision 99999"  # newest first
    for _ in range(3):
        model.fetchMore()
    assert model.rowCount() == 4 * d.PAGE  # grows a page per fetch, never the whole log
    assert model.record(4 * d.PAGE - 1).decision == f"Decision {100_000 - 4 * d.PAGE}"
    assert d.counts(big_log).total == 100_000


def _page(vault, after):
    page = d.page(vault, after=after)
    return page.rows, page.more


def test_export_for_an_inquiry_asks_first_and_writes_where_chosen(qtbot, controller,
                                                                   existing_vault, tmp_path,
                                                                   monkeypatch):
    import pypdf

    from ui import exporting

    window, view = _log_window(qtbot, controller)
    d.log_decision(controller.session.vault,
                   data=d.DecisionInput("Retain Ashgrove", "Independent view", ("Priya",)))
    out = tmp_path / "inquiry.pdf"
    asked = []
    monkeypatch.setattr(exporting, "confirm_plaintext",
                        lambda _parent, what, path: asked.append(path) or False)
    window.decision_commands.export_inquiry(str(out))
    settle(qtbot, controller)
    assert asked == [str(out)] and not out.exists()  # declined: nothing written
    monkeypatch.setattr(exporting, "confirm_plaintext", lambda *_a: True)
    notices = []
    window.decision_commands.notice.connect(notices.append)
    window.decision_commands.export_inquiry(str(out))
    qtbot.waitUntil(lambda: any(n.startswith("Exported") for n in notices), timeout=20_000)
    text = "".join(p.extract_text() for p in pypdf.PdfReader(out).pages)
    assert "Retain Ashgrove" in text and "PASSED" in text and "INC-1" in text
    assert "not encrypted" in notices[-1] and "verified" in notices[-1]
