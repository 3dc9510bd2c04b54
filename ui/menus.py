"""The menu bar: every action of the window, each with its shortcut where it has one."""

from dataclasses import dataclass
from typing import Callable

from PySide6.QtGui import QAction, QKeySequence

from ui import resources


@dataclass(frozen=True)
class Spec:
    key: str
    text: str
    shortcut: str | QKeySequence.StandardKey | None = None
    icon: str = ""
    lead_only: bool = False
    tip: str = ""
    decision_log: bool = False  # hidden for operators who may not read the log
    line_rule: str = ""  # talking points: line_edit | line_approve | line_read (by role)
    journey_write: bool = False  # disabled for operators who may only read the map


def _action(window, spec: Spec, slot: Callable[[], None]) -> QAction:
    action = QAction(spec.text, window)
    action.setObjectName(f"action_{spec.key}")
    if spec.shortcut:
        action.setShortcut(QKeySequence(spec.shortcut))
    if spec.icon:
        action.setIcon(resources.icon(spec.icon))
    action.setStatusTip(spec.tip or spec.text.rstrip("…"))
    action.setProperty("lead_only", spec.lead_only)
    action.setProperty("decision_log", spec.decision_log)
    action.setProperty("line_rule", spec.line_rule)
    action.setProperty("journey_write", spec.journey_write)
    action.triggered.connect(lambda _checked=False: slot())
    window.addAction(action)  # shortcuts work even while the menu bar is hidden
    return action


def build_menus(window) -> dict[str, QAction]:
    """Menus of `window` (a MainWindow); returns its actions by key."""
    cmd, views = window.commands, window.views
    actions: dict[str, QAction] = {}
    bar = window.menuBar()

    def menu(title: str, entries: list[tuple[Spec, Callable[[], None]] | None]) -> None:
        m = bar.addMenu(title)
        for entry in entries:
            if entry is None:
                m.addSeparator()
                continue
            spec, slot = entry
            actions[spec.key] = _action(window, spec, slot)
            m.addAction(actions[spec.key])

    menu("&File", [
        (Spec("backup", "&Backup now…", "Ctrl+B", "backup"), cmd.backup_now),
        (Spec("receipt", "Export audit &receipt…", None, "audit"), cmd.export_receipt),
        (Spec("export_archive", "Export encrypted &archive…", lead_only=True,
              tip="Every record of the vault in one encrypted file, for another laptop"),
         cmd.export_archive),
        None,
        (Spec("lock", "&Lock", "Ctrl+L", "lock", tip="Lock the vault now"),
         window.lock_requested.emit),
        (Spec("switch", "&Switch operator…", None, "operators"), window.switch_requested.emit),
        None,
        (Spec("quit", "&Quit", "Ctrl+Q"), window.quit_requested.emit),
    ])
    log, dcmd = views["decisions"], window.decision_commands

    def on_shown(key: str):
        return lambda: dcmd.act(key, log.detail_data)

    def find() -> None:
        window.navigate([k for k, _l, _i in window.AREAS].index("decisions"))
        log.filters.search.setFocus()
        log.filters.search.selectAll()

    def export_inquiry() -> None:
        # The date range the list's filter shows, if any: "export what I am looking at".
        shown = log.filters.filters()
        dcmd.export_inquiry(since=shown.since, until=shown.until)

    menu("&Decision", [
        (Spec("quick_log", "&Quick log…", "Ctrl+Shift+L", "decision-log", decision_log=True),
         dcmd.quick_log),
        (Spec("new_decision", "&New decision…", "Ctrl+N", decision_log=True), dcmd.new_decision),
        (Spec("find_decision", "&Find in the log", "Ctrl+F", decision_log=True), find),
        None,
        (Spec("amend_decision", "&Amend…", decision_log=True), on_shown("amend")),
        (Spec("supersede_decision", "&Supersede…", decision_log=True), on_shown("supersede")),
        (Spec("rescind_decision", "&Rescind…", decision_log=True), on_shown("rescind")),
        (Spec("review_decision", "Record &review outcome…", decision_log=True),
         on_shown("review")),
        (Spec("action_done", "Mark action &done…", decision_log=True), on_shown("action_done")),
        None,
        (Spec("verify_log", "&Verify the log", decision_log=True), log.verify),
        (Spec("log_receipt", "Export log r&eceipt…", decision_log=True), dcmd.export_receipt),
        (Spec("inquiry_export", "Export for an &inquiry (PDF, CSV)…", decision_log=True),
         export_inquiry),
    ])
    _lines_menu(window, menu)
    jcmd = window.journey_commands

    def go(area: str):
        return lambda: window.open_filtered(area)

    menu("&Journey", [
        (Spec("log_update", "Log an &update to a stakeholder…", "Ctrl+U", "journey-map",
              journey_write=True), jcmd.log_update),
        (Spec("promise_update", "&Promise an update…", journey_write=True), jcmd.promise),
        (Spec("edit_cell", "&Edit the selected cell…", journey_write=True),
         lambda: (go("journey")(), jcmd.edit_cell())),
        (Spec("journey_structure", "P&hases and stakeholder groups…", journey_write=True),
         jcmd.structure),
        None,
        (Spec("add_event", "Add a timeline &event…", "Ctrl+E", "timeline", journey_write=True),
         jcmd.add_event),
        (Spec("export_chart", "E&xport the chart shown…", "Ctrl+Shift+E"),
         jcmd.export_chart),
        None,
        (Spec("overdue_promises", "Show &overdue promises"),
         lambda: window.open_filtered("journey", "overdue")),
    ])
    _reports_menu(window, menu)
    menu("&Incident", [
        (Spec("new_incident", "&New incident…", "Ctrl+Shift+N", "incidents"), cmd.new_incident),
        (Spec("set_active", "Set &active"), views["incidents"].activate_selected),
        (Spec("close_incident", "&Close incident…", lead_only=True),
         views["incidents"].close_selected),
        None,
        (Spec("handover", "Shift &handover…", "Ctrl+Shift+O", decision_log=True,
              tip="Hand the war room over to the next shift; both operators sign"),
         lambda: _handover(window)),
    ])
    rcmd, bcmd = window.roster_commands, window.briefing_commands
    menu("&Spokespersons", [
        (Spec("add_spokesperson", "&Add spokesperson…", None, "spokespersons"), rcmd.add),
        (Spec("import_roster", "&Import roster (CSV or vCard)…"), rcmd.import_csv),
        (Spec("export_roster", "&Export roster as CSV…"), rcmd.export_csv),
        None,
        (Spec("assign_line", "A&ssign a line…"), bcmd.assign),
        (Spec("unassign_line", "&Unassign a line…"), bcmd.unassign),
        (Spec("view_as", "&View as spokesperson…", "Ctrl+Shift+P", "spokespersons"),
         bcmd.view_as),
        (Spec("briefing_card", "Print &briefing card (PDF)…"),
         bcmd.briefing_card),
    ])
    menu("&Team", [
        (Spec("add_operator", "&Add operator…", None, "operators", lead_only=True),
         cmd.add_operator),
        (Spec("revoke", "&Revoke operator…", lead_only=True), views["team"].revoke_selected),
        None,
        (Spec("keychain", "Use the &keychain for me…", None, "key"),
         views["team"].toggle_keychain),
    ])
    menu("&Vault", [
        (Spec("verify", "&Verify vault and chain", "Ctrl+Shift+V", "shield-check"), cmd.verify),
        (Spec("change_passphrase", "&Change my passphrase…", None, "key"),
         cmd.change_passphrase),
        None,
        (Spec("settings", "&Settings…", None, "settings", lead_only=True), cmd.settings),
    ])
    view_entries = [(Spec(f"go_{key}", label, f"Ctrl+{n}"), lambda i=n - 1: window.navigate(i))
                    for n, (key, label, _icon) in enumerate(window.AREAS, start=1)]
    menu("&View", view_entries)
    menu("&Help", [(Spec("about", "&About…"), cmd.about)])
    return actions


def _reports_menu(window, menu) -> None:
    rep, log = window.report_commands, window.views["decisions"]

    def print_inquiry() -> None:  # the date range the log's list shows, as its export does
        shown = log.filters.filters()
        rep.print_inquiry(since=shown.since, until=shown.until)

    menu("&Reports", [
        (Spec("briefing_pack", "&Briefing pack (PDF)…", "Ctrl+Shift+R", decision_log=True,
              tip="Save the situation, decisions, lines, promises and figures as one PDF"),
         rep.briefing_pack),
        (Spec("print_briefing_pack", "&Print briefing pack…", "Ctrl+P", decision_log=True),
         rep.print_briefing_pack),
        None,
        (Spec("print_briefing_card", "Print a briefing &card…"), rep.print_briefing_card),
        (Spec("print_inquiry", "Print the decision log for an &inquiry…", decision_log=True),
         print_inquiry),
    ])


def _handover(window) -> None:
    from ui.dialogs import handover_wizard  # lazy: the wizard loads the report code

    handover_wizard.open_for(window)


def _lines_menu(window, menu) -> None:
    view, lcmd = window.views["talking_points"], window.line_commands

    def on_selected(key: str, tab: int):
        def run() -> None:
            if view.tabs.currentIndex() != tab:
                window.show_lines(tab)
            view.act_on_selected(key)
        return run

    menu("&Lines", [
        (Spec("new_line", "&New line…", "Ctrl+Shift+T", "talking-points",
              line_rule="line_edit"), lcmd.new_line),
        (Spec("line_template", "New line from &template…", line_rule="line_edit"),
         lcmd.from_template),
        None,
        (Spec("line_board", "&Current line", "Ctrl+Shift+B"), lambda: window.show_lines(0)),
        (Spec("line_queue", "&Approval queue", "Ctrl+Shift+A", line_rule="line_read"),
         lambda: window.show_lines(2)),
        None,
        (Spec("line_edit", "&Edit draft…", line_rule="line_edit"), on_selected("edit", 1)),
        (Spec("line_submit", "&Submit for approval", line_rule="line_edit"),
         on_selected("submit", 1)),
        (Spec("line_new_version", "New &version…", line_rule="line_edit"),
         on_selected("new_version", 1)),
        (Spec("line_history", "&History and differences…", "Ctrl+Shift+H",
              line_rule="line_read"), on_selected("history", 1)),
        None,
        (Spec("line_approve", "A&pprove…", line_rule="line_approve"),
         on_selected("approve", 2)),
        (Spec("line_reject", "&Reject…", line_rule="line_approve"), on_selected("reject", 2)),
        (Spec("line_retire", "Re&tire line…", line_rule="line_approve"),
         on_selected("retire", 1)),
    ])


def apply_role(actions: dict[str, QAction], *, lead: bool) -> None:
    for action in actions.values():
        if action.property("lead_only"):
            action.setEnabled(lead)
            action.setToolTip("" if lead else "Only a war-room lead can do this.")
