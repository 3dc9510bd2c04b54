"""Timeline: the situation's dated events with the metrics read from them (time since
detection, detection → disclosure, whether the story broke before our disclosure), the
swim-lane chart (events, media, disclosures, decisions, promises) and the list of events,
newest first."""

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from ui.charts.canvas import ChartCanvas
from ui.qtmodels.journey import EventTableModel, event_rows
from ui.session import VaultSession
from ui.views import common
from ui.views.follow import follow_snapshots
from ui.widgets import timefmt
from ui.widgets.feedback import FieldError
from ui.widgets.pill import Pill
from ui.widgets.search_box import SearchBox

NO_INCIDENT = "No active incident — the timeline belongs to the active incident."
EMPTY = "No events yet — Ctrl+E adds one (detected, confirmed, disclosed, media report, …)."
NO_MATCH = "No event matches the search."


def load_timeline(vault):
    """The worker's part of the chart and the metrics: the journey with all its events
    (tens of thousands are read and counted off the GUI thread)."""
    from commandcenter.services import journey

    data = journey.load(vault)
    data.metrics  # noqa: B018 — computed (and kept) here, not when the pills are set
    return data


def load_events(vault, *, after=None, search: str = ""):
    """A page of the list (newest first), of the events matching `search` if any words are
    typed, and whether there is more."""
    from commandcenter.services.journey.timeline import events_page

    page = events_page(vault, after=after, search=search)
    return event_rows(page), page.more


class TimelineView(QWidget):
    add_event_requested = Signal()
    export_requested = Signal(str)

    def __init__(self, session: VaultSession, parent=None):
        super().__init__(parent)
        self.session = session
        self.data = None
        self._requests = 0  # the chart's and metrics' read last asked for
        self._list_words = ""  # the search the list shows
        self.export_button = common.button("Export chart…", tip="Ctrl+Shift+E: PNG, SVG or PDF")
        self.add_button = common.button("Add event…", icon="timeline", primary=True,
                                        tip="Ctrl+E")
        layout = common.page_layout(self, "Timeline", self.export_button, self.add_button)
        self.detected = Pill()
        self.to_disclosure = Pill()
        self.story = Pill()
        self.since_disclosure = Pill()
        metrics = QHBoxLayout()
        for pill in (self.detected, self.to_disclosure, self.story, self.since_disclosure):
            metrics.addWidget(pill)
        metrics.addStretch(1)
        layout.addLayout(metrics)
        self.chart = ChartCanvas("timeline", NO_INCIDENT)
        self.model = EventTableModel(self)
        self.model.loader = self._load_more
        self.table = common.table(self.model, "Timeline events", stretch=2,
                                  widths=(140, 140, 400, 240, 120))
        lower = QWidget()
        box = QVBoxLayout(lower)
        box.setContentsMargins(0, 0, 0, 0)
        self.search = SearchBox("events")
        self.list_note = common.muted()
        heading = QHBoxLayout()
        heading.addWidget(common.heading("Events", 2))
        heading.addWidget(self.list_note)
        heading.addStretch(1)
        heading.addWidget(self.search)
        box.addLayout(heading)
        box.addWidget(self.table, 1)
        self.chart.setMinimumHeight(300)
        split = common.split(self.chart, lower, (430, 200))
        split.setOrientation(Qt.Orientation.Vertical)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 1)
        split.setSizes([430, 200])
        layout.addWidget(split, 1)
        self.error = FieldError(self)
        layout.addWidget(self.error)
        self.snapshots = follow_snapshots(self, self.session, self.show_snapshot)
        self.add_button.clicked.connect(self.add_event_requested)
        self.export_button.clicked.connect(lambda: self.export_requested.emit("timeline"))
        self.search.changed.connect(lambda _words: self._reload_list())
        self.clear()

    def clear(self) -> None:
        self.data = None
        self.chart.clear()
        self.search.reset()  # a page still being read is for what was cleared
        self.model.clear()
        self.list_note.clear()
        self.error.clear()
        for pill in (self.detected, self.to_disclosure, self.story, self.since_disclosure):
            pill.set("", "neutral")
            pill.setVisible(False)
        self.add_button.setEnabled(False)
        self.export_button.setEnabled(False)

    def show_snapshot(self, snap) -> None:
        if snap.active_incident_id is None:
            self.clear()
            self.chart.show_empty(NO_INCIDENT)
            return
        self._requests += 1
        request = self._requests
        # The list's first page first (a few milliseconds); every event for the chart and
        # the metrics (a second of pure Python at 30,000 events) once that page is on
        # screen, so the read does not hold the interpreter lock while the rows paint.
        # The list pages on as it scrolls.
        self._reload_list(then=lambda: self._load_chart(request))

    def _load_chart(self, request: int) -> None:
        if request != self._requests:
            return  # a newer snapshot asked again
        self.session.call(load_timeline, reload=False, label="timeline",
                          on_done=lambda data: self.show_data(data, request),
                          on_error=self._failed)

    def _reload_list(self, then=None) -> None:
        """The list's first page, of the events matching the search box's words if any;
        `then` once it has painted."""
        latest, words = self.search.ticket(), self.search.words()
        self.error.clear()
        self.session.call(load_events, search=words, reload=False, label="timeline list",
                          on_done=lambda page: self._show_page(*page, latest(), words, then),
                          on_error=self._failed)

    def _show_page(self, rows, more: bool, latest: bool, words: str, then=None) -> None:
        from ui.firstpaint import after_next_paint

        if latest:  # no newer list, nor a clear, since this page was asked for
            self._list_words = words
            self.model.set_page(rows, more)
            self.list_note.setText(NO_MATCH if words and not rows else "")
        if then is not None:  # the chart follows even when a newer list replaced this one
            after_next_paint(self.table.viewport(), then)

    def _load_more(self, after) -> None:
        generation = self.model.generation
        self.session.call(load_events, after=after, search=self._list_words, reload=False,
                          label="timeline list",
                          on_done=lambda page: self.model.append_page(*page, generation),
                          on_error=self._failed)

    def _failed(self, exc: BaseException) -> None:
        from ui.workers import user_message

        self.error.show_error(user_message(exc))

    def show_data(self, data, request: int | None = None) -> None:
        from commandcenter.services.journey import WRITERS

        if request is not None and request != self._requests:
            return
        self.data = data
        actor = self.session.actor
        self.add_button.setEnabled(actor is not None and actor.role in WRITERS)
        self.export_button.setEnabled(bool(data.events))
        self._show_metrics(data)
        if data.events:
            self.chart.show_data(data)
        else:
            self.chart.show_empty(EMPTY)

    def _show_metrics(self, data) -> None:
        from commandcenter.services.journey.timeline import duration_text

        m, now = data.metrics, data.now
        shown = []
        if m.detected_at:
            shown.append((self.detected, f"Detected {timefmt.ago(m.detected_at, now)}",
                          "neutral", timefmt.utc(m.detected_at)))
            if m.disclosed_at:
                shown.append((self.to_disclosure, "Detection → disclosure "
                              f"{duration_text(m.detection_to_disclosure)}", "neutral", ""))
            else:
                shown.append((self.to_disclosure, "Not disclosed yet", "warn", ""))
        if m.story_broke_first:
            lead = f" ({duration_text(m.media_lead)} ahead)" if m.media_lead else ""
            shown.append((self.story, f"Story broke first{lead}", "bad",
                          f"A media report came before our own disclosure "
                          f"({timefmt.utc(m.first_media_at)})"))
        elif m.disclosed_at:
            shown.append((self.story, "We disclosed first", "ok", ""))
        if m.disclosed_at:
            shown.append((self.since_disclosure, f"Disclosed {timefmt.ago(m.disclosed_at, now)}",
                          "neutral", timefmt.utc(m.disclosed_at)))
        for pill in (self.detected, self.to_disclosure, self.story, self.since_disclosure):
            pill.setVisible(False)
        for pill, text, state, tip in shown:
            pill.set(text, state, tip)
            pill.setVisible(True)
