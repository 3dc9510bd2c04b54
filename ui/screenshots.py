"""Render every screen of the app shell to PNG files, to look at them as a user would.

    python -m ui.screenshots OUTDIR

Builds throw-away vaults in a temporary folder (the demo scenario when available) with cheap
key derivation, drives the real windows offscreen, and saves one PNG per screen.
"""

import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable

DEMO_PASSPHRASE = "demo"


def _wait(condition: Callable[[], bool], timeout: float = 30.0) -> None:
    from PySide6.QtWidgets import QApplication

    end = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > end:
            raise TimeoutError("the screen did not reach the expected state")
        QApplication.processEvents()
        time.sleep(0.01)


def _settle(controller) -> None:
    from PySide6.QtWidgets import QApplication

    from ui.settled import settled

    _wait(lambda: settled(controller.runner))
    # A resized chart draws again once the resizing pauses (ui/charts/canvas.py).
    end = time.monotonic() + 0.25
    while time.monotonic() < end:
        QApplication.processEvents()
        time.sleep(0.01)
    _wait(lambda: settled(controller.runner))
    for _ in range(5):
        QApplication.processEvents()


def _save(widget, out: Path, name: str) -> Path:
    path = out / f"{name}.png"
    widget.grab().save(str(path))
    print(path)
    return path


def _seed(paths, kdf) -> None:
    try:
        from commandcenter.demo.seed import seed_demo
    except ImportError:  # an older tree without the demo: a couple of records by hand
        from commandcenter.services import incidents, operators
        from commandcenter.vault import lifecycle

        vault, _ = lifecycle.create_vault(paths, operator_name="Dana Whitfield",
                                          passphrase=DEMO_PASSPHRASE, kdf=kdf,
                                          allow_weak_passphrase=True)
        operators.add_operator(vault, name="Sam Okafor", role="editor",
                               passphrase=DEMO_PASSPHRASE, allow_weak_passphrase=True)
        incidents.create_incident(vault, data=incidents.IncidentInput(
            "INC-2026-014", "Payment card data exposed at tills", severity="critical"))
    else:
        vault = seed_demo(paths, passphrase=DEMO_PASSPHRASE, kdf=kdf)
    vault.lock()


def wizard_pages(out: Path, root: Path, kdf) -> None:
    from commandcenter.vault.paths import VaultPaths
    from ui.controller import AppController

    controller = AppController(VaultPaths.at(root / "new"), kdf=kdf)
    wizard = controller.start()
    _wait(lambda: wizard.keychain_checked)
    _save(wizard, out, "01-wizard-welcome")
    wizard.next()
    wizard.operator_page.name.setText("Dana Whitfield")
    _save(wizard, out, "02-wizard-operator")
    wizard.next()
    fields = wizard.passphrase_page.fields
    fields.passphrase.setText("harbour lantern")
    fields.confirm.setText("harbour lant")
    _save(wizard, out, "03-wizard-passphrase")
    fields.passphrase.setText("tin kettle orbit marmalade")
    fields.confirm.setText("tin kettle orbit marmalade")
    wizard.next()
    _save(wizard, out, "04-wizard-creating")
    _wait(lambda: wizard.currentPage() is wizard.recovery_page)
    _settle(controller)
    page = wizard.recovery_page
    page.written.setChecked(True)
    page.confirm.setText("ZZZZZ")
    _save(wizard, out, "05-wizard-recovery-code")
    controller.quit()


def main_screens(out: Path, root: Path, kdf) -> None:
    from commandcenter.vault.paths import VaultPaths
    from ui.controller import AppController

    paths = VaultPaths.at(root / "demo")
    _seed(paths, kdf)
    controller = AppController(paths, kdf=kdf)
    dialog = controller.start()
    _wait(lambda: dialog.started)
    _settle(controller)
    dialog.secret.setText("not it")
    dialog.submit()
    _wait(lambda: dialog.error.isVisible())
    _settle(controller)
    _save(dialog, out, "06-unlock-wrong-passphrase")
    dialog.use_recovery.setChecked(True)
    _save(dialog, out, "07-unlock-recovery-code")
    dialog.use_recovery.setChecked(False)
    dialog.secret.setText(DEMO_PASSPHRASE)
    dialog.submit()
    _wait(lambda: controller.session.snapshot is not None)
    _settle(controller)
    window = controller.window
    controller.session.verify()
    _settle(controller)
    for index, (key, _label, _icon) in enumerate(window.AREAS):
        window.navigate(index)
        _settle(controller)
        _save(window, out, f"{10 + index:02d}-{key}")
    _journey_screens(out, controller, window)
    _save(window.statusBar(), out, "20-status-bar")
    _dialogs(out, controller, window)
    talking_points(out, controller, window)
    spokespersons(out, controller, window)
    searches(out, controller, window)
    reports(out, controller, window)
    handover(out, controller, window)
    controller.lock()
    _settle(controller)
    _save(controller.unlock_dialog, out, "30-unlock-after-lock")
    _as_the_spokesperson(out, controller)
    controller.quit()


def _journey_screens(out: Path, controller, window) -> None:
    """The cadence tab, and the cell with an overdue promise selected."""
    window.open_filtered("journey")
    view = window.views["journey"]
    data = view.data
    if data is None or not data.phases:
        return
    overdue = data.overdue()
    if overdue:
        row = [s.id for s in data.stakeholders].index(overdue[0].stakeholder_id)
        view.pane.select(row, data.current_phase)
    _settle(controller)
    _save(window, out, "12-journey")
    view.tabs.setCurrentIndex(1)
    _settle(controller)
    _save(window, out, "12b-journey-cadence")
    view.tabs.setCurrentIndex(0)
    for name, opener in (("27-journey-cell", window.journey_commands.edit_cell),
                         ("28-log-update", window.journey_commands.log_update),
                         ("29-timeline-event", window.journey_commands.add_event)):
        shown = opener()
        _settle(controller)
        _save(shown, out, name)
        shown.reject()
    _settle(controller)


def _as_the_spokesperson(out: Path, controller) -> None:
    """The demo spokesperson unlocks: their lines and nothing else."""
    dialog = controller.unlock_dialog
    from PySide6.QtCore import Qt

    dialog.operator.setCurrentIndex(dialog.operator.findText("Jordan Ellis",
                                                             Qt.MatchFlag.MatchStartsWith))
    dialog.secret.setText(DEMO_PASSPHRASE)
    dialog.submit()
    _wait(lambda: controller.session.is_open and controller.window is not None
          and controller.window.views["spokesperson_mode"].briefing is not None)
    _settle(controller)
    _save(controller.window, out, "52-spokesperson-operator")


def _dialogs(out: Path, controller, window) -> None:
    dialog = window.commands.new_incident()
    dialog.code.setText("bad code!")
    dialog.title.setText("Supplier portal credentials phished")
    dialog.submit()
    _wait(lambda: dialog.errors["code"].isVisible())
    _settle(controller)
    _save(dialog, out, "21-new-incident-field-error")
    dialog.reject()
    for name, opener in (("22-add-operator", window.commands.add_operator),
                         ("23-change-passphrase", window.commands.change_passphrase),
                         ("24-settings", window.commands.settings),
                         ("25-quick-log", window.decision_commands.quick_log),
                         ("26-decision-form", window.decision_commands.new_decision),
                         ("27-spokesperson-form", lambda: window.roster_commands.edit(
                             window.views["spokespersons"].rows[0].person))):
        shown = opener()
        _settle(controller)
        _save(shown, out, name)
        shown.reject()
    _settle(controller)


def _save_over(window, dialog, out: Path, name: str) -> Path:
    """A dialog drawn centred over its window: the 1280×800 screen a user sees."""
    from PySide6.QtGui import QPainter

    from ui import theme

    shot = window.grab()
    painter = QPainter(shot)
    top_left = shot.rect().center() - dialog.grab().rect().center()
    painter.drawPixmap(top_left, dialog.grab())
    painter.setPen(theme.qcolour("focus"))
    painter.drawRect(dialog.grab().rect().translated(top_left).adjusted(0, 0, -1, -1))
    painter.end()
    path = out / f"{name}.png"
    shot.save(str(path))
    print(path)
    return path


def talking_points(out: Path, controller, window) -> None:
    """The current-line board, the list, the queue, the message-house editor and a diff."""
    view = window.views["talking_points"]
    window.show_lines(0)
    _settle(controller)
    view.board.select_audience("customers")
    _save(window, out, "40-talking-points-board")
    for tab, name in ((1, "41-talking-points-all-lines"), (2, "42-talking-points-queue")):
        window.show_lines(tab)
        _settle(controller)
        _save(window, out, name)
    window.show_lines(1)
    _settle(controller)
    table = view.lines
    row = table.model.row_of(lambda r: r.kind == "key_message" and "right" in r.title)
    table.table.selectRow(max(row, 0))
    _settle(controller)
    editor = window.line_commands.act("new_version", table.selected(), view.history_data)
    _settle(controller)
    _save_over(window, editor, out, "43-message-house-editor")
    editor.reject()
    row = table.model.row_of(lambda r: r.kind == "holding_statement")
    table.table.selectRow(max(row, 0))
    _settle(controller)
    history = window.line_commands.act("history", table.selected(), view.history_data)
    _settle(controller)
    _save(history, out, "44-line-history-diff")
    history.reject()
    _settle(controller)


def spokespersons(out: Path, controller, window) -> None:
    """The roster with someone not current selected, and that person's spokesperson view."""
    view = window.views["spokespersons"]
    window.navigate([k for k, _l, _i in window.AREAS].index("spokespersons"))
    _settle(controller)
    row = view.model.row_of(lambda r: r.lines is not None and r.lines.state == "not_current")
    view.table.selectRow(max(row, 0))
    _settle(controller)
    _save(window, out, "50-spokespersons-lines")
    window.briefing_commands.view_as(view.selected().person)
    _wait(lambda: window.views["spokesperson_mode"].briefing is not None)
    _settle(controller)
    _save(window, out, "51-spokesperson-mode")


def reports(out: Path, controller, window) -> None:
    """The Reports menu, the briefing pack's progress and the print dialog (nothing is
    written or printed: the screens are drawn, then closed)."""
    from PySide6.QtPrintSupport import QPrintDialog

    from ui import printing
    from ui.report_commands import PACK_STEPS
    from ui.widgets.progress import TaskProgress

    menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Reports")
    menu.popup(window.mapToGlobal(window.rect().topLeft()))
    _settle(controller)
    _save(menu, out, "60-reports-menu")
    menu.hide()
    progress = TaskProgress(window, "Briefing pack", PACK_STEPS[1], len(PACK_STEPS) - 1)
    progress.step(1)
    _settle(controller)
    _save_over(window, progress, out, "61-briefing-pack-progress")
    progress.finish()
    printer = printing.new_printer("briefing pack")
    dialog = QPrintDialog(printer, window)
    dialog.setWindowTitle("Print briefing pack")
    dialog.setMinMax(1, 9)
    dialog.show()
    _settle(controller)
    _save(dialog, out, "62-print-dialog")
    dialog.reject()


def handover(out: Path, controller, window) -> None:
    """The shift handover wizard: its content, a refused incoming passphrase, and done."""
    from ui.dialogs.handover_wizard import open_for

    window.navigate(0)
    wizard = open_for(window)
    _wait(lambda: wizard.handover is not None)
    _settle(controller)
    _save_over(window, wizard, out, "65-handover-content")
    wizard.next()
    wizard.outgoing_page.notes.setPlainText("Issuers expect the liaison call at 09:00.")
    wizard.outgoing_page.sign.setChecked(True)
    _save_over(window, wizard, out, "66-handover-outgoing")
    wizard.next()
    _settle(controller)
    page = wizard.incoming_page
    page.passphrase.setText("not it")
    wizard.next()
    _wait(lambda: page.error.isVisible())
    _settle(controller)
    _save_over(window, wizard, out, "67-handover-wrong-passphrase")
    page.passphrase.setText(DEMO_PASSPHRASE)
    wizard.next()
    _wait(lambda: wizard.signed is not None)
    _settle(controller)
    _save_over(window, wizard, out, "68-handover-signed")
    wizard.accept()
    _settle(controller)


# area -> what is typed in its search box (words the demo's records hold)
SEARCHES = (("talking_points", "card*"), ("spokespersons", "media"),
            ("timeline", "press OR media"), ("audit", "spokesperson"))


def searches(out: Path, controller, window) -> None:
    """Each area's list narrowed by its search box, then cleared again."""
    for key, words in SEARCHES:
        window.navigate(window._area_index(key))
        if key == "talking_points":
            window.show_lines(1)
        _settle(controller)
        box = window.views[key].search
        box.setText(words)
        _wait(lambda b=box: not b._timer.isActive())
        _settle(controller)
        _save(window, out, f"70-search-{key.replace('_', '-')}")
        box.setText("")
        _wait(lambda b=box: not b._timer.isActive())
        _settle(controller)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("usage: python -m ui.screenshots OUTDIR", file=sys.stderr)
        return 2
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    out = Path(args[0])
    out.mkdir(parents=True, exist_ok=True)
    from commandcenter.vault import crypto
    from ui.app import _make_app

    app = _make_app([])
    kdf = crypto.KdfParams(iterations=1, lanes=1)  # screenshots only: no real secret here
    with tempfile.TemporaryDirectory(prefix="ccc-screens-") as tmp:
        wizard_pages(out, Path(tmp), kdf)
        main_screens(out, Path(tmp), kdf)
    app.processEvents()
    return 0


if __name__ == "__main__":
    sys.exit(main())
