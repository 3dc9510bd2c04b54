"""Journey map: the heat map of stakeholder groups × phases with the selected cell beside
it, and the update cadence with every promise (overdue first). Data is read on the worker
(`journey.load`) after every snapshot; charts draw on the GUI thread, a redraw in well under
100 ms for a map this size."""

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QTabWidget, QVBoxLayout, QWidget

from ui.charts.canvas import ChartCanvas
from ui.qtmodels.journey import PromiseTableModel, promise_rows
from ui.session import VaultSession
from ui.views import common
from ui.views.follow import follow_snapshots
from ui.views.journey_cell_pane import CellPane
from ui.widgets.feedback import FieldError
from ui.widgets.pill import Pill

NO_INCIDENT = "No active incident — the journey map belongs to the active incident."
NO_MAP = "No journey map yet — Set up the map adds the default phases and stakeholder groups."


class JourneyMapView(QWidget):
    edit_cell_requested = Signal()
    log_update_requested = Signal()
    promise_requested = Signal()
    structure_requested = Signal()
    export_requested = Signal(str)  # chart name
    set_up_requested = Signal()

    def __init__(self, session: VaultSession, parent=None):
        super().__init__(parent)
        self.session = session
        self.data = None
        self._requests = 0
        self.alarm = Pill()
        self.set_up = common.button("Set up the map", tip="Default phases and stakeholder groups")
        self.structure_button = common.button("Phases and groups…")
        self.export_button = common.button("Export chart…", tip="Ctrl+Shift+E: PNG, SVG or PDF")
        self.promise_button = common.button("Promise update…")
        self.update_button = common.button("Log update…", icon="journey-map", primary=True,
                                           tip="Ctrl+U: an update given keeps its promises")
        layout = common.page_layout(self, "Journey map", self.alarm, self.set_up,
                                    self.structure_button, self.export_button,
                                    self.update_button)
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Journey map views")
        self.tabs.addTab(self._map_tab(), "Heat map")
        self.tabs.addTab(self._cadence_tab(), "Cadence and promises")
        layout.addWidget(self.tabs, 1)
        self.error = FieldError(self)
        layout.addWidget(self.error)
        self._connect_callbacks()
        self.clear()

    def _map_tab(self) -> QWidget:
        self.heat = ChartCanvas("journey-map", NO_INCIDENT)
        self.pane = CellPane()
        self.pane.setMinimumWidth(280)
        return common.split(self.heat, self.pane, (800, 300))

    def _cadence_tab(self) -> QWidget:
        self.cadence = ChartCanvas("cadence", NO_INCIDENT)
        self.overdue_only = QCheckBox("Overdue only")
        self.overdue_only.setAccessibleName("Show overdue promises only")
        self.withdraw_button = common.button("Withdraw promise…",
                                             tip="A promise that no longer applies (say why)")
        self.promises = PromiseTableModel(self)
        self.table = common.table(self.promises, "Update promises", stretch=5,
                                  widths=(190, 145, 120, 145, 110))
        row = QHBoxLayout()
        row.addWidget(common.heading("Update promises", 2))
        row.addStretch(1)
        row.addWidget(self.overdue_only)
        row.addWidget(self.promise_button)
        row.addWidget(self.withdraw_button)
        lower = QWidget()
        box = QVBoxLayout(lower)
        box.setContentsMargins(0, 0, 0, 0)
        box.addLayout(row)
        box.addWidget(self.table, 1)
        self.cadence.setMinimumHeight(280)
        split = common.split(self.cadence, lower, (400, 240))
        split.setOrientation(Qt.Orientation.Vertical)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setSizes([400, 240])  # again: the first sizes were for the horizontal split
        return split

    def _connect_callbacks(self) -> None:
        self.snapshots = follow_snapshots(self, self.session, self.show_snapshot)
        self.update_button.clicked.connect(self.log_update_requested)
        self.promise_button.clicked.connect(self.promise_requested)
        self.structure_button.clicked.connect(self.structure_requested)
        self.set_up.clicked.connect(self.set_up_requested)
        self.export_button.clicked.connect(lambda: self.export_requested.emit(self.chart()))
        self.pane.edit_requested.connect(self.edit_cell_requested)
        self.heat.clicked.connect(self._map_clicked)
        self.overdue_only.toggled.connect(self._fill_promises)
        self.withdraw_button.clicked.connect(self._withdraw)

    # --- content ------------------------------------------------------------------------

    def chart(self) -> str:
        return "journey-map" if self.tabs.currentIndex() == 0 else "cadence"

    def clear(self) -> None:
        self.data = None
        self.heat.clear()
        self.cadence.clear()
        self.pane.clear()
        self.promises.clear()
        self.alarm.setVisible(False)
        self.error.clear()
        self.set_up.setVisible(False)
        for button in (self.update_button, self.promise_button, self.structure_button,
                       self.export_button, self.withdraw_button):
            button.setEnabled(False)

    def show_snapshot(self, snap) -> None:
        from commandcenter.services import journey

        if snap.active_incident_id is None:
            self.clear()
            self.heat.show_empty(NO_INCIDENT)
            self.cadence.show_empty(NO_INCIDENT)
            return
        self._requests += 1
        request = self._requests
        # The map needs the timeline's facts, not its events (the timeline view reads those).
        self.session.call(journey.load, with_events=False, reload=False,
                          label="journey map", on_done=lambda data: self.show_data(data, request),
                          on_error=self._failed)

    def show_data(self, data, request: int | None = None) -> None:
        if request is not None and request != self._requests:
            return  # a newer read is on its way
        self.data = data
        has_map = bool(data.phases and data.stakeholders)
        writer = self._can_write()
        self.set_up.setVisible(not has_map and writer)
        for button in (self.update_button, self.promise_button, self.withdraw_button):
            button.setEnabled(has_map and writer)
        self.structure_button.setEnabled(writer)
        self.export_button.setEnabled(has_map)
        if not has_map:
            for canvas in (self.heat, self.cadence):
                canvas.show_empty(NO_MAP)
            self.pane.clear()
            return
        self.heat.show_data(data)
        self.cadence.show_data(data)
        self.pane.show_data(data)
        self._fill_promises()
        self._show_alarm(data)

    def _can_write(self) -> bool:
        from commandcenter.services.journey import WRITERS

        actor = self.session.actor
        return actor is not None and actor.role in WRITERS

    def _show_alarm(self, data) -> None:
        overdue = len(data.overdue())
        self.alarm.setVisible(bool(overdue))
        if overdue:
            self.alarm.set(f"{overdue} update{'s' * (overdue != 1)} overdue", "bad",
                           "A promised update to a stakeholder group is past due")

    def _fill_promises(self) -> None:
        if self.data is not None:
            self.promises.set_rows(promise_rows(self.data,
                                                overdue_only=self.overdue_only.isChecked()))

    def show_filter(self, name: str) -> None:
        """Open on what a dashboard tile points at ("overdue": the overdue promises)."""
        if name == "overdue":
            self.tabs.setCurrentIndex(1)
            self.overdue_only.setChecked(True)

    def _map_clicked(self, x: float, y: float, double: bool) -> None:
        self.pane.select(round(y), round(x))
        if double:
            self.edit_cell_requested.emit()

    def selected_promise(self):
        record = common.selected_record(self.table)
        return record.promise if record else None

    def _withdraw(self) -> None:
        from PySide6.QtWidgets import QInputDialog

        from commandcenter.services import journey

        promise = self.selected_promise()
        if promise is None:
            self.error.show_error("Select a promise in the list first.")
            return
        reason, ok = QInputDialog.getText(self, "Withdraw promise", "Why does it no longer "
                                          "apply?")
        if ok:
            self.session.call(journey.cancel_promise, promise_id=promise.id, reason=reason,
                              label="withdraw promise", on_error=self._failed)

    def _failed(self, exc: BaseException) -> None:
        from ui.workers import user_message

        self.error.show_error(user_message(exc))
