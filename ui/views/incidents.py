"""Incidents: the list, the selected incident's details, and what can be done with it."""

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout, QMessageBox, QStackedWidget, QVBoxLayout, QWidget,
)

from ui.qtmodels.columns import SEVERITY_STATE
from ui.qtmodels.models import IncidentTableModel
from ui.session import VaultSession
from ui.views import common
from ui.views.follow import follow_snapshots
from ui.widgets import timefmt
from ui.widgets.feedback import FieldError
from ui.widgets.pill import Pill
from ui.workers import user_message

EMPTY = "No incident yet — Ctrl+Shift+N to open one."


class IncidentsView(QWidget):
    new_incident_requested = Signal()

    def __init__(self, session: VaultSession, parent=None):
        super().__init__(parent)
        self.session = session
        self.model = IncidentTableModel(self)
        self._active_id: str | None = None
        self._keep_selection: str | None = None
        self.new_button = common.button("New incident…", icon="incidents", primary=True,
                                        tip="Ctrl+Shift+N")
        layout = common.page_layout(self, "Incidents", self.new_button)
        self.table = common.table(self.model, "Incidents", stretch=1,
                                  widths=(130, 200, 90, 80, 140))
        self.empty = common.muted(EMPTY)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.list_stack = QStackedWidget()
        self.list_stack.addWidget(self.table)
        self.list_stack.addWidget(self.empty)
        layout.addWidget(common.split(self.list_stack, self._detail_pane(), (640, 400)), 1)
        self.message = common.muted()
        self.error = FieldError(self)
        layout.addWidget(self.message)
        layout.addWidget(self.error)
        self._connect_callbacks()
        self.clear()

    def _detail_pane(self) -> QWidget:
        pane, form = common.detail_form()
        self.d_title = common.heading("", 2)
        self.d_title.setWordWrap(True)
        self.d_severity, self.d_status, self.d_active = Pill(), Pill(), Pill()
        pills = QHBoxLayout()
        for pill in (self.d_severity, self.d_status, self.d_active):
            pills.addWidget(pill)
        pills.addStretch(1)
        self.d_opened = common.value_label()
        self.d_closed = common.value_label()
        self.d_summary = common.value_label()
        self.set_active = common.button("Set active", tip="Make this the incident the "
                                        "dashboard and later areas work on")
        self.close_button = common.button("Close incident…", tip="Leads only")
        buttons = QHBoxLayout()
        buttons.setSpacing(8)
        buttons.addWidget(self.set_active)
        buttons.addWidget(self.close_button)
        buttons.addStretch(1)
        form.addRow(self.d_title)
        form.addRow(pills)
        form.addRow("Opened:", self.d_opened)
        form.addRow("Closed:", self.d_closed)
        form.addRow("Summary:", self.d_summary)
        form.addRow(buttons)
        self.detail = pane
        wrapper = QWidget()
        outer = QVBoxLayout(wrapper)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(pane)
        outer.addStretch(1)
        wrapper.setMinimumWidth(320)
        return wrapper

    def _connect_callbacks(self) -> None:
        self.new_button.clicked.connect(self.new_incident_requested)
        self.table.selectionModel().selectionChanged.connect(self._show_selected)
        self.set_active.clicked.connect(self.activate_selected)
        self.close_button.clicked.connect(self.close_selected)
        self.snapshots = follow_snapshots(self, self.session, self.show_snapshot)

    # --- content ------------------------------------------------------------------------

    def clear(self) -> None:
        self.model.clear()
        self._active_id = None
        self.message.clear()
        self.error.clear()
        self.list_stack.setCurrentWidget(self.empty)
        self.empty.setText("")
        self._show_detail(None)

    def show_snapshot(self, snap) -> None:
        selected = self.selected()
        keep = self._keep_selection or (selected.id if selected else None)
        self._keep_selection = None
        self._active_id = snap.active_incident_id
        self.model.set_rows(snap.incidents)
        self.empty.setText(EMPTY)
        self.list_stack.setCurrentWidget(self.table if snap.incidents else self.empty)
        row = self.model.row_of(lambda i: i.id == keep) if keep else -1
        if row < 0 and snap.incidents:
            row = max(0, self.model.row_of(lambda i: i.id == self._active_id))
        if row >= 0:
            self.table.selectRow(row)
        else:
            self._show_detail(None)

    def selected(self):
        return common.selected_record(self.table)

    def _show_selected(self) -> None:
        self._show_detail(self.selected())

    def _show_detail(self, inc) -> None:
        self.detail.setVisible(inc is not None)
        if inc is None:
            self.d_title.clear()
            for label in (self.d_opened, self.d_closed, self.d_summary):
                label.clear()
            return
        is_active = inc.id == self._active_id
        self.d_title.setText(f"{inc.code} — {inc.title}")
        self.d_severity.set(inc.severity.capitalize(), SEVERITY_STATE.get(inc.severity,
                                                                            "neutral"))
        self.d_status.set(inc.status.capitalize(), "neutral" if inc.status == "closed"
                          else "warn")
        self.d_active.set("Active" if is_active else "Not active", "ok" if is_active
                          else "neutral")
        self.d_opened.setText(f"{timefmt.local_with_zone(inc.opened_at)} "
                              f"({timefmt.ago(inc.opened_at)})")
        self.d_opened.setToolTip(timefmt.utc(inc.opened_at))
        self.d_closed.setText(timefmt.local_with_zone(inc.closed_at) if inc.closed_at else "—")
        self.d_closed.setToolTip(timefmt.utc(inc.closed_at))
        self.d_summary.setText(inc.summary or "—")
        self.set_active.setEnabled(not is_active)
        lead = self.session.is_lead
        self.close_button.setEnabled(lead and inc.status != "closed")
        self.close_button.setToolTip("Close this incident" if lead
                                     else "Only a war-room lead can close an incident.")

    # --- actions ------------------------------------------------------------------------

    def activate_selected(self) -> None:
        from commandcenter.services import incidents

        inc = self.selected()
        if inc is None:
            return
        self._keep_selection = inc.id
        self.session.call(incidents.set_active_incident, incident_id=inc.id,
                          on_done=lambda _r: self._say(f"{inc.code} is now the active incident."),
                          on_error=self._failed, label="set active incident")

    def close_selected(self, *, confirm: bool = True) -> None:
        from commandcenter.services import incidents

        inc = self.selected()
        if inc is None or inc.status == "closed":
            return
        if confirm and QMessageBox.question(
                self, "Close incident", f"Close {inc.code} — {inc.title}?\n\nIts records stay "
                "in the vault and in the audit trail.") != QMessageBox.StandardButton.Yes:
            return
        self._keep_selection = inc.id
        self.session.call(incidents.close_incident, incident_id=inc.id,
                          on_done=lambda _r: self._say(f"{inc.code} closed."),
                          on_error=self._failed, label="close incident")

    def _say(self, text: str) -> None:
        self.error.clear()
        self.message.setText(text)

    def _failed(self, exc: BaseException) -> None:
        self.message.clear()
        self.error.show_error(user_message(exc))
