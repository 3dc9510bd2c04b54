"""The roster in the app: adding a spokesperson through the form (a bad field is shown next to
it and nothing is saved), filtering by audience, setting someone on air, a CSV import with a
bad line that imports nothing, and an export that asks first."""

from pathlib import Path

from commandcenter.services import roster
from tests.ui.conftest import settle, start_unlock, unlock


def _roster_window(qtbot, controller):
    start_unlock(qtbot, controller)
    window = unlock(qtbot, controller)
    window.navigate([k for k, _l, _i in window.AREAS].index("spokespersons"))
    settle(qtbot, controller)
    return window, window.views["spokespersons"]


def test_add_a_spokesperson_through_the_form(qtbot, controller, existing_vault):
    window, view = _roster_window(qtbot, controller)
    assert view.stack.currentWidget() is view.empty and "Add spokesperson" in view.empty.text()
    dialog = window.roster_commands.add()
    dialog.name.setText("Maya Chen")
    dialog.email.setText("maya-at-larkmont")
    dialog.time_zone.setCurrentText("America/Chicago")
    dialog.shifts.setText("mon-fri 08:00-20:00")
    dialog.audience_boxes["media"].setChecked(True)
    dialog.submit()
    qtbot.waitUntil(lambda: dialog.errors["email"].isVisible(), timeout=10_000)
    assert "not an e-mail address" in dialog.errors["email"].text()
    assert roster.rows(controller.session.vault) == []
    dialog.email.setText("maya@larkmont.example")
    with qtbot.waitSignal(dialog.accepted, timeout=10_000):
        dialog.submit()
    settle(qtbot, controller)
    qtbot.waitUntil(lambda: view.model.rowCount() == 1, timeout=10_000)
    row = view.model.record(0)
    assert row.person.name == "Maya Chen" and row.audiences == ["media"]
    assert view.model.index(0, 1).data() == "Media"
    assert "Media" in view.detail.form.itemAt(0).widget().text() or view.detail.isVisible()


def test_filter_availability_and_on_air(qtbot, controller, existing_vault):
    window, view = _roster_window(qtbot, controller)
    vault = controller.session.vault
    roster.add(vault, data=roster.SpokespersonInput("Maya Chen", email="m@x.example",
                                                    audiences=("media",)))
    roster.add(vault, data=roster.SpokespersonInput("Tom Brennan", email="t@x.example",
                                                    audiences=("customers",)))
    controller.session.reload()
    settle(qtbot, controller)
    qtbot.waitUntil(lambda: view.model.rowCount() == 2, timeout=10_000)
    view.audience.setCurrentIndex(view.audience.findData("customers"))
    assert [r.person.name for r in view.model.records()] == ["Tom Brennan"]
    view.on_duty_only.setChecked(True)  # nobody has a rota: everyone is off duty
    assert view.model.rowCount() == 0 and view.empty.text().startswith("Nobody")
    view.on_duty_only.setChecked(False)
    view.audience.setCurrentIndex(0)
    view.table.selectRow(view.model.row_of(lambda r: r.person.name == "Maya Chen"))
    view.detail.override.setCurrentIndex(view.detail.override.findData("on_air"))
    view.detail.availability_chosen.emit("on_air")
    settle(qtbot, controller)
    qtbot.waitUntil(lambda: view.model.records()[0].availability == "on_air", timeout=10_000)
    assert view.model.records()[0].person.name == "Maya Chen"  # on air sorts first
    assert view.model.index(0, 2).data() == "On air"
    assert "1 on air" in view.clock.text()


def test_a_bad_csv_line_imports_nothing_and_is_named(qtbot, controller, existing_vault,
                                                     tmp_path, monkeypatch):
    window, view = _roster_window(qtbot, controller)
    bad = tmp_path / "roster.csv"
    bad.write_text("Name,E-mail\r\nMaya Chen,maya@x.example\r\nTom,not-an-email\r\n",
                   encoding="utf-8")
    failures = []
    window.roster_commands.failure.connect(failures.append)
    window.roster_commands.import_csv(str(bad))
    qtbot.waitUntil(lambda: bool(failures), timeout=10_000)
    assert failures[0].startswith("Line 3") and "Nothing was imported" in failures[0]
    assert roster.rows(controller.session.vault) == []

    from ui import exporting

    monkeypatch.setattr(exporting, "confirm_plaintext", lambda *_a: False)
    out = tmp_path / "out.csv"
    window.roster_commands.export_csv(str(out))
    settle(qtbot, controller)
    assert not Path(out).exists()  # declined: nothing written
