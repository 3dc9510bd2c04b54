"""The main window: navigation rail, one view per area, menus and the status bar.

It owns no data: views fill themselves from the session's snapshots, and `clear()` (on lock)
empties every model and field so nothing read from the vault stays on screen.
"""

from typing import Iterator

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import (
    QDialog, QHBoxLayout, QListWidget, QListWidgetItem, QMainWindow, QStackedWidget, QWidget,
)

from commandcenter import APP_NAME
from ui import resources, spokesperson_mode
from ui.briefing_commands import BriefingCommands
from ui.commands import VaultCommands
from ui.decision_commands import DecisionCommands
from ui.journey_commands import JourneyCommands
from ui.line_commands import LineCommands
from ui.menus import apply_role, build_menus
from ui.report_commands import ReportCommands
from ui.roster_commands import RosterCommands
from ui.session import VaultSession
from ui.statusbar import StatusBar
from ui.views.audit import AuditView
from ui.views.dashboard import DashboardView
from ui.views.decisions import DecisionLogView
from ui.views.incidents import IncidentsView
from ui.views.journey import JourneyMapView
from ui.views.spokesperson_mode import SpokespersonModeView
from ui.views.spokespersons import SpokespersonsView
from ui.views.talking_points import TalkingPointsView
from ui.views.team import TeamView
from ui.views.timeline import TimelineView


VIEWS = (("dashboard", DashboardView), ("decisions", DecisionLogView),
         ("talking_points", TalkingPointsView), ("spokespersons", SpokespersonsView),
         ("journey", JourneyMapView), ("timeline", TimelineView),
         ("incidents", IncidentsView), ("team", TeamView), ("audit", AuditView),
         # Not an area of the rail: a spokesperson's only view, or "View as spokesperson".
         ("spokesperson_mode", SpokespersonModeView))


class MainWindow(QMainWindow):
    # Only the areas that exist; later issues add theirs (no placeholder screens).
    AREAS = (("dashboard", "Dashboard", "dashboard"),
             ("decisions", "Decision log", "decision-log"),
             ("talking_points", "Talking points", "talking-points"),
             ("spokespersons", "Spokespersons", "spokespersons"),
             ("journey", "Journey map", "journey-map"), ("timeline", "Timeline", "timeline"),
             ("incidents", "Incidents", "incidents"),
             ("team", "Team", "operators"), ("audit", "Audit trail", "audit"))

    lock_requested = Signal()
    switch_requested = Signal()
    quit_requested = Signal()

    def __init__(self, session: VaultSession, parent=None, *, in_steps: bool = False):
        """`in_steps`: only the frame (rail, empty stack, status bar); the caller then runs
        `assemble()` one step per event-loop turn (ui/prebuild.py). Otherwise the whole
        window is made here."""
        super().__init__(parent)
        self.session = session
        self.spokesperson_only = False  # a spokesperson operator: their lines, nothing else
        self.setWindowTitle(APP_NAME)
        self.setWindowIcon(resources.app_icon())
        self.views: dict = {}
        self.rail = self._build_rail()
        self.stack = QStackedWidget()
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.rail)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self.status = StatusBar(session, self)
        self.setStatusBar(self.status)
        self.resize(1280, 800)
        if not in_steps:
            for _step in self.assemble():
                pass

    def assemble(self) -> Iterator[str]:
        """Make each view in its page of the stack (made in place, a view is styled once,
        not again when moved into the window), yielding after each, then the commands,
        menus and wiring."""
        for key, cls in VIEWS:  # the stack's order: the rail's areas, then spokesperson mode
            if key in self.views:
                continue
            view = cls(self.session, self.stack)
            view.snapshots.defer_when_hidden = True  # a hidden area reads when opened
            self.stack.addWidget(view)
            self.views[key] = view
            yield key
        self.commands = VaultCommands(self.session, self)
        self.decision_commands = DecisionCommands(self.session, self)
        self.journey_commands = JourneyCommands(self.session, self)
        self.line_commands = LineCommands(self.session, self)
        self.roster_commands = RosterCommands(self.session, self)
        self.briefing_commands = BriefingCommands(self.session, self)
        self.report_commands = ReportCommands(self.session, self)
        self.actions_by_key = build_menus(self)
        self._connect_callbacks()
        self.navigate(0)

    def _build_rail(self) -> QListWidget:
        rail = QListWidget()
        rail.setObjectName("navRail")
        rail.setAccessibleName("Navigation")
        rail.setIconSize(QSize(22, 22))
        rail.setFixedWidth(200)
        rail.setUniformItemSizes(True)
        rail.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        for n, (key, label, icon) in enumerate(self.AREAS, start=1):
            item = QListWidgetItem(resources.icon(icon, light=True), label)
            item.setToolTip(f"{label} (Ctrl+{n})")
            item.setData(Qt.ItemDataRole.UserRole, key)
            item.setSizeHint(QSize(180, 44))
            rail.addItem(item)
        return rail

    def _connect_callbacks(self) -> None:
        self.rail.currentRowChanged.connect(self.stack.setCurrentIndex)
        # Leaving spokesperson mode by the rail: stop reading that person's lines.
        self.rail.currentRowChanged.connect(
            lambda row: row >= 0 and self.views["spokesperson_mode"].clear())
        dash, incidents = self.views["dashboard"], self.views["incidents"]
        team, audit = self.views["team"], self.views["audit"]
        dash.new_incident_requested.connect(self.commands.new_incident)
        dash.verify_requested.connect(self.commands.verify)
        dash.backup_requested.connect(self.commands.backup_now)
        incidents.new_incident_requested.connect(self.commands.new_incident)
        team.add_requested.connect(self.commands.add_operator)
        team.give_access_requested.connect(self.commands.give_access)
        team.change_passphrase_requested.connect(self.commands.change_passphrase)
        team.keychain_opt_in_requested.connect(self.commands.keychain_opt_in)
        audit.verify_requested.connect(self.commands.verify)
        audit.receipt_requested.connect(self.commands.export_receipt)
        self.commands.verify_progress.connect(dash.show_verify_progress)
        self.commands.verify_progress.connect(audit.show_verify_progress)
        self.commands.notice.connect(lambda text: self.status.showMessage(text, 10_000))
        self.commands.failure.connect(self._show_failure)
        log, dcmd = self.views["decisions"], self.decision_commands
        log.quick_log_requested.connect(dcmd.quick_log)
        log.new_requested.connect(dcmd.new_decision)
        log.act_requested.connect(dcmd.act)
        log.receipt_requested.connect(dcmd.export_receipt)
        dcmd.notice.connect(lambda text: self.status.showMessage(text, 10_000))
        dcmd.failure.connect(self._show_failure)
        lines, lcmd = self.views["talking_points"], self.line_commands
        lines.new_requested.connect(lcmd.new_line)
        lines.template_requested.connect(lcmd.from_template)
        lines.act_requested.connect(lcmd.act)
        for source in (lines, lcmd):
            source.notice.connect(lambda text: self.status.showMessage(text, 10_000))
        lcmd.failure.connect(self._show_failure)
        people, rcmd = self.views["spokespersons"], self.roster_commands
        people.add_requested.connect(rcmd.add)
        people.edit_requested.connect(rcmd.edit)
        people.import_requested.connect(rcmd.import_csv)
        people.export_requested.connect(rcmd.export_csv)
        bcmd, mode = self.briefing_commands, self.views["spokesperson_mode"]
        people.assign_requested.connect(bcmd.assign)
        people.unassign_requested.connect(bcmd.unassign)
        people.view_as_requested.connect(bcmd.view_as)
        people.card_requested.connect(bcmd.briefing_card)
        mode.leave_requested.connect(lambda: self.navigate(self._area_index("spokespersons")))
        for source in (rcmd, bcmd, mode):
            notice = source.acknowledged if source is mode else source.notice
            notice.connect(lambda text: self.status.showMessage(text, 10_000))
        for source in (rcmd, bcmd, self.report_commands):
            source.failure.connect(self._show_failure)
        self.report_commands.notice.connect(lambda text: self.status.showMessage(text, 10_000))
        self._connect_journey()
        dash.open_requested.connect(self.open_filtered)
        self.session.opened.connect(self._session_opened)
        self.session.snapshot_ready.connect(self._snapshot)

    def _connect_journey(self) -> None:
        jv, tv, jcmd = self.views["journey"], self.views["timeline"], self.journey_commands
        jv.edit_cell_requested.connect(jcmd.edit_cell)
        jv.log_update_requested.connect(jcmd.log_update)
        jv.promise_requested.connect(jcmd.promise)
        jv.structure_requested.connect(jcmd.structure)
        jv.set_up_requested.connect(jcmd.set_up)
        jv.export_requested.connect(jcmd.export_chart)
        tv.add_event_requested.connect(jcmd.add_event)
        tv.export_requested.connect(jcmd.export_chart)
        jcmd.notice.connect(lambda text: self.status.showMessage(text, 10_000))
        jcmd.failure.connect(self._show_failure)
        self.status.promises_clicked.connect(lambda: self.open_filtered("journey", "overdue"))

    # --- navigation ---------------------------------------------------------------------

    def current_area(self) -> str:
        index = self.stack.currentIndex()
        return self.AREAS[index][0] if index < len(self.AREAS) else "spokesperson_mode"

    def _area_index(self, key: str) -> int:
        return [k for k, _l, _i in self.AREAS].index(key)

    def show_spokesperson_mode(self, person_id: str | None = None) -> None:
        """One person's lines; `person_id` None: the acting spokesperson's own."""
        mode = self.views["spokesperson_mode"]
        self.rail.blockSignals(True)
        self.rail.clearSelection()
        self.rail.setCurrentRow(-1)
        self.rail.blockSignals(False)
        self.stack.setCurrentWidget(mode)
        mode.show_person(person_id)

    def open_filtered(self, area: str, filter_name: str = "") -> None:
        """Open `area` showing what a dashboard tile or the status bar points at."""
        keys = [key for key, _l, _i in self.AREAS]
        if area not in keys:
            return
        if area == "decisions" and filter_name == "due":
            filters = self.views["decisions"].filters
            filters.reset()
            filters.due.setChecked(True)
        elif area == "journey":
            self.views["journey"].show_filter(filter_name)
        elif area == "talking_points":
            lines = self.views["talking_points"]
            lines.show_tab(2 if filter_name == "queue" else 1 if filter_name == "due" else 0)
        self.navigate(keys.index(area))

    # --- session ------------------------------------------------------------------------

    def _session_opened(self) -> None:
        spokesperson_mode.reset(self)
        apply_role(self.actions_by_key, lead=self.session.is_lead)
        self._apply_decision_access()
        self._apply_line_access()
        actor = self.session.actor
        self.setWindowTitle(f"{APP_NAME} — {actor.name}" if actor else APP_NAME)
        if actor is not None and actor.role == "spokesperson":
            spokesperson_mode.restrict(self)
            self.show_spokesperson_mode(None)
        elif self.current_area() == "spokesperson_mode":
            self.navigate(0)

    def _apply_decision_access(self) -> None:
        """Spokespersons never see the decision log (its rationale is not theirs to read):
        the area, its menu and its shortcuts are hidden for them."""
        from commandcenter.services.decisions import can_read

        actor = self.session.actor
        allowed = actor is not None and can_read(actor.role)
        row = [key for key, _l, _i in self.AREAS].index("decisions")
        self.rail.setRowHidden(row, not allowed)
        for action in self.actions_by_key.values():
            if action.property("decision_log"):
                action.setEnabled(allowed)
                action.setVisible(allowed)
        from commandcenter.services.journey import WRITERS

        writer = actor is not None and actor.role in WRITERS
        for action in self.actions_by_key.values():  # spokespersons read the map only
            if action.property("journey_write"):
                action.setEnabled(writer)
        if not allowed and self.current_area() == "decisions":
            self.navigate(0)

    def _apply_line_access(self) -> None:
        """Spokespersons read the current line only; editors draft; approvers approve."""
        from commandcenter.services import talking_points as tp

        role = self.session.actor.role if self.session.actor else None
        self.views["talking_points"].apply_role(role)
        rules = {"line_edit": role in tp.EDITORS, "line_approve": role in tp.APPROVERS,
                 "line_read": tp.can_read_all(role)}
        for action in self.actions_by_key.values():
            rule = action.property("line_rule")
            if rule:
                action.setEnabled(rules[rule])
                action.setVisible(rules[rule])

    def show_lines(self, tab: int = 0) -> None:
        self.navigate([key for key, _l, _i in self.AREAS].index("talking_points"))
        self.views["talking_points"].show_tab(tab)

    def navigate(self, index: int) -> None:
        if self.rail.isRowHidden(index) or self.spokesperson_only:
            return
        self.views["spokesperson_mode"].clear()  # leaving it: stop reading their lines
        self.rail.setCurrentRow(index)
        self.stack.setCurrentIndex(index)

    def _snapshot(self, snap) -> None:
        keychain = self.actions_by_key["keychain"]
        keychain.setText("Stop using the &keychain for me" if snap.my_keychain
                         else "Use the &keychain for me…")
        keychain.setEnabled(bool(snap.my_keychain or snap.keychain_available))

    def _show_failure(self, text: str) -> None:
        self.status.showMessage(f"Failed: {text}", 20_000)

    def show_notice(self, text: str) -> None:
        """Something about the vault the person must read (not a passing status line):
        a window-modal box that does not block the event loop, closed by a lock."""
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(QMessageBox.Icon.Information, "About this vault", text,
                          QMessageBox.StandardButton.Ok, self)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        self.status.showMessage(text, 30_000)

    def close_dialogs(self) -> None:
        """Close any dialog open over the window (a lock must not leave one showing)."""
        for dialog in self.findChildren(QDialog):
            if dialog.isVisible():
                dialog.reject()
                dialog.close()

    def clear(self) -> None:
        """Empty every view, model and message (on lock)."""
        self.close_dialogs()
        for view in self.views.values():
            view.clear()
        self.status.clearMessage()
        self.setWindowTitle(APP_NAME)

    def closeEvent(self, event) -> None:  # noqa: N802 (Qt API)
        """Closing the window quits the app (the controller locks the vault first)."""
        event.accept()
        self.quit_requested.emit()

    def models(self) -> list:
        """Every table model of the window (tests check they are empty after a lock)."""
        lines = self.views["talking_points"]
        return [self.views["decisions"].model, lines.lines.model, lines.queue.model,
                self.views["journey"].promises, self.views["timeline"].model,
                self.views["incidents"].model,
                self.views["team"].model, self.views["audit"].model]
