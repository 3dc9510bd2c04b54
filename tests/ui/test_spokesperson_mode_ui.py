"""Issue 6 in the app: add a spokesperson through the form, assign them a line from the
roster, switch to spokesperson mode (View as, then unlocking as the spokesperson operator,
who sees nothing else), and acknowledge — the roster's Lines column follows."""

from commandcenter.services import briefing, incidents, operators
from commandcenter.services import talking_points as tp
from commandcenter.vault import lifecycle
from commandcenter.vault.unlocked import Actor
from tests.conftest import PASSPHRASE
from tests.ui.conftest import settle, start_unlock, unlock


def _prepare(controller, existing_vault):
    """An incident with one approved customer line, and Jordan, a spokesperson operator."""
    vault = lifecycle.unlock_with_passphrase(controller.paths,
                                             operator_id=existing_vault["operator_id"],
                                             passphrase=PASSPHRASE)
    lead = vault.actor
    incidents.create_incident(vault, data=incidents.IncidentInput("INC-1", "Card breach"))
    editor = operators.add_operator(vault, name="Elena Editor", role="editor",
                                    passphrase=PASSPHRASE)
    approver = operators.add_operator(vault, name="Marcus Approver", role="approver",
                                      passphrase=PASSPHRASE)
    jordan = operators.add_operator(vault, name="Jordan Ellis", role="spokesperson",
                                    passphrase=PASSPHRASE)
    vault.actor = Actor(editor.id, editor.name, "editor")
    saved = tp.create(vault, data=tp.LineInput(
        kind="holding_statement", title="Holding statement", audiences=("customers",),
        body="We are sorry. Card data was taken."))
    tp.submit(vault, version_id=saved.version_id)
    vault.actor = Actor(approver.id, approver.name, "approver")
    tp.approve(vault, version_id=saved.version_id)
    vault.actor = lead
    vault.lock()
    return jordan, saved


def test_add_assign_view_as_and_acknowledge(qtbot, controller, existing_vault):
    jordan, saved = _prepare(controller, existing_vault)
    start_unlock(qtbot, controller)
    window = unlock(qtbot, controller)
    view = window.views["spokespersons"]
    window.navigate([k for k, _l, _i in window.AREAS].index("spokespersons"))
    settle(qtbot, controller)
    # Add Jordan through the form.
    dialog = window.roster_commands.add()
    dialog.name.setText("Jordan Ellis")
    dialog.email.setText("jordan@larkmont.example")
    dialog.audience_boxes["customers"].setChecked(True)
    with qtbot.waitSignal(dialog.accepted, timeout=10_000):
        dialog.submit()
    settle(qtbot, controller)
    qtbot.waitUntil(lambda: view.model.rowCount() == 1, timeout=10_000)
    # Cleared for customers, holds nothing (the line states follow the rows' first paint).
    qtbot.waitUntil(lambda: view.model.index(0, 3).data() == "Gap", timeout=10_000)
    # Assign the line from the roster's detail pane.
    person = view.model.record(0).person
    window.briefing_commands.assign(person, point_id=saved.point_id)
    settle(qtbot, controller)
    qtbot.waitUntil(lambda: view.model.index(0, 3).data() == "Not current", timeout=10_000)
    # View as Jordan: the change first, one action; the lead acknowledges on his behalf.
    window.briefing_commands.view_as(person)
    mode = window.views["spokesperson_mode"]
    qtbot.waitUntil(lambda: mode.briefing is not None, timeout=10_000)
    assert window.current_area() == "spokesperson_mode"
    page = mode.text.toPlainText()
    assert page.index("Changed since your last acknowledgement") < page.index(
        "Your current lines")
    assert "We are sorry. Card data was taken." in page
    assert mode.ack_button.text() == "Acknowledge on their behalf"
    mode.ack_button.click()
    settle(qtbot, controller)
    qtbot.waitUntil(lambda: mode.briefing is not None and not mode.briefing.changes,
                    timeout=10_000)
    assert "Nothing changed" in mode.text.toPlainText()
    assert mode.briefing.last_ack.on_behalf
    mode.leave_button.click()
    settle(qtbot, controller)
    assert window.current_area() == "spokespersons"
    qtbot.waitUntil(lambda: view.model.index(0, 3).data() == "Current", timeout=10_000)


def test_a_spokesperson_operator_sees_only_their_lines_and_acknowledges(
        qtbot, controller, existing_vault):
    jordan, saved = _prepare(controller, existing_vault)
    vault = lifecycle.unlock_with_passphrase(controller.paths,
                                             operator_id=existing_vault["operator_id"],
                                             passphrase=PASSPHRASE)
    from commandcenter.services import roster

    me = roster.add(vault, data=roster.SpokespersonInput(
        "Jordan Ellis", email="j@x.example", audiences=("customers",), operator_id=jordan.id))
    briefing.assign(vault, spokesperson_id=me.id, point_id=saved.point_id)
    vault.lock()
    start_unlock(qtbot, controller)
    window = unlock(qtbot, controller, operator_id=jordan.id)
    mode = window.views["spokesperson_mode"]
    qtbot.waitUntil(lambda: mode.briefing is not None, timeout=10_000)
    assert window.current_area() == "spokesperson_mode" and window.spokesperson_only
    assert window.rail.isHidden()
    assert not mode.leave_button.isVisible() and mode.ack_button.text() == "Acknowledge"
    visible = {k for k, a in window.actions_by_key.items() if a.isVisible()}
    assert "new_line" not in visible and "view_as" not in visible and "lock" in visible
    window.navigate(0)  # no way out to another area
    assert window.current_area() == "spokesperson_mode"
    code = mode.briefing.code
    assert code in mode.code.text()
    mode.ack_button.click()
    settle(qtbot, controller)
    qtbot.waitUntil(lambda: mode.briefing is not None and not mode.briefing.changes,
                    timeout=10_000)
    assert not mode.briefing.last_ack.on_behalf
    assert mode.briefing.holding.state == "current"
