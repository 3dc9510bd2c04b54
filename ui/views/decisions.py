"""Decision log: the list (newest first, paged as it scrolls), search and filters, the chain
badge, and the selected decision's detail with its amendment/supersession chain.

All reads and writes go through the session (the Runner's worker thread). The list asks for
its first page whenever the snapshot or a filter changes; a page that arrives for filters
that have changed since is dropped (`generation`)."""

import time

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QStackedWidget, QWidget

from ui.qtmodels.decisions import DecisionTableModel
from ui.session import VaultSession
from ui.views import common
from ui.views.follow import follow_snapshots
from ui.views.decision_detail import DecisionDetail
from ui.views.decision_filters import DecisionFilters
from ui.widgets.feedback import FieldError
from ui.widgets.pill import Pill
from ui.widgets.status_delegate import StatusDelegate

EMPTY = "No decisions logged yet — Ctrl+Shift+L to quick-log one, Ctrl+N for the full form."
NO_MATCH = "No decision matches the search and filters."
NO_INCIDENT = "No active incident — decisions are logged against the active incident."
AUTO_VERIFY_MAX = 5000  # larger logs are verified on request (Verify), not after each change


class DecisionLogView(QWidget):
    quick_log_requested = Signal()
    new_requested = Signal()
    act_requested = Signal(str, object)  # action key, Detail
    receipt_requested = Signal()

    def __init__(self, session: VaultSession, parent=None):
        super().__init__(parent)
        self.session = session
        self.model = DecisionTableModel(self)
        self.model.loader = self._load_more
        self.detail_data = None
        self.last_paint_ms: float | None = None  # request → rows shown (benchmarks)
        self._verified_head = ""
        self._requests = 0  # list requests made; only the latest one's page is shown
        self.quick_button = common.button("Quick log", icon="decision-log", primary=True,
                                          tip="Ctrl+Shift+L: decision, rationale, decision "
                                              "maker — in seconds")
        self.new_button = common.button("New decision…", tip="Ctrl+N: the full form")
        self._badge_widgets()
        layout = common.page_layout(self, "Decision log", self.badge, self.verify_button,
                                    self.receipt_button, self.new_button, self.quick_button)
        self.filters = DecisionFilters()
        self.search_error = FieldError(self, kind="warning")
        layout.addWidget(self.filters)
        self.filters.second_row.addWidget(self.counts)
        layout.addWidget(self.search_error)
        self.table = common.table(self.model, "Decision log", stretch=2,
                                  widths=self._column_widths())
        self.table.setItemDelegateForColumn(4, StatusDelegate(self.table))
        self.empty = common.muted(EMPTY)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.list_stack = QStackedWidget()
        self.list_stack.addWidget(self.table)
        self.list_stack.addWidget(self.empty)
        self.detail = DecisionDetail()
        layout.addWidget(common.split(self.list_stack, self.detail, (750, 290)), 1)
        self.message = common.muted()
        self.error = FieldError(self)
        layout.addWidget(self.message)
        layout.addWidget(self.error)
        self._connect_callbacks()
        self.clear()

    def _column_widths(self) -> tuple[int, ...]:
        """Widths from the font, for the longest text each fixed column shows."""
        fm, pad = self.fontMetrics(), 26
        fit = [fm.horizontalAdvance(t) + pad for t in
               ("WR1-0000", "24 Nov 19:00", "", "Dana Whitfield", "", "Review in 12 h")]
        fit[3] = max(fit[3], fm.horizontalAdvance("Decided by") + pad)
        fit[2] = 160
        fit[4] = fm.horizontalAdvance("Superseded") + 28  # a pill, with its margins
        return tuple(fit)

    def _badge_widgets(self) -> None:
        """The chain badge ("verified · 15 entries · head 7d3d16ef") and its two actions."""
        self.badge = Pill()
        self.badge.setObjectName("chainBadge")
        self.counts = common.muted(wrap=False)
        self.verify_button = common.button("Verify", icon="shield-check",
                                           tip="Verify the decision log's hash chain")
        self.receipt_button = common.button("Receipt…", icon="audit",
                                            tip="Save the log's head hash to keep outside "
                                                "the vault")

    def _connect_callbacks(self) -> None:
        self.quick_button.clicked.connect(self.quick_log_requested)
        self.new_button.clicked.connect(self.new_requested)
        self.filters.changed.connect(self.reload_list)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.detail.action_requested.connect(
            lambda key: self.detail_data and self.act_requested.emit(key, self.detail_data))
        self.verify_button.clicked.connect(self.verify)
        self.receipt_button.clicked.connect(self.receipt_requested)
        self.snapshots = follow_snapshots(self, self.session, self.show_snapshot)

    # --- content ------------------------------------------------------------------------

    def clear(self) -> None:
        self.model.clear()
        self.filters.reset()
        self.filters.set_choices([], [])
        self.detail_data = None
        self.detail.show_detail(None)
        self.search_error.clear()
        self.message.clear()
        self.error.clear()
        self.badge.set("", "neutral")
        self.counts.clear()
        self._verified_head = ""
        self.list_stack.setCurrentWidget(self.empty)

    def show_snapshot(self, snap) -> None:
        counts = snap.decision_counts
        if counts is None or snap.active_incident_id is None:
            self.model.clear()
            self.empty.setText(NO_INCIDENT if counts is not None else "")
            self.list_stack.setCurrentWidget(self.empty)
            return
        self.counts.setText(f"{counts.total} decisions · {counts.in_force} in force · "
                            f"{counts.due} review due · {counts.incomplete} incomplete")
        self._show_badge(counts)
        self.reload_list()
        self._load_choices()

    def reload_list(self) -> None:
        from commandcenter.services import decisions

        self._requests += 1
        request = self._requests
        started = time.perf_counter()
        self.session.call(decisions.page, filters=self.filters.filters(), reload=False,
                          label="decision list", on_error=self._failed,
                          on_done=lambda page: self._first_page(page, request, started))

    def _first_page(self, page, request: int, started: float) -> None:
        if request != self._requests:
            return  # filters changed since: a newer request is on its way
        keep = self.detail_data.head.decision_id if self.detail_data else None
        self.search_error.show_error(page.message) if page.message else self.search_error.clear()
        self.model.set_page(page.rows, page.more)
        filtered = self.filters.filters() != type(self.filters.filters())()
        self.empty.setText(NO_MATCH if filtered else EMPTY)
        self.list_stack.setCurrentWidget(self.table if page.rows else self.empty)
        row = self.model.row_of(lambda h: h.decision_id == keep) if keep else -1
        self.table.selectRow(max(row, 0)) if page.rows else self._show(None)
        self.last_paint_ms = (time.perf_counter() - started) * 1000

    def _load_more(self, after) -> None:
        from commandcenter.services import decisions

        generation = self.model.generation
        self.session.call(decisions.page, filters=self.filters.filters(), after=after,
                          reload=False, label="more decisions", on_error=self._failed,
                          on_done=lambda p: self.model.append_page(p.rows, p.more, generation))

    def _load_choices(self) -> None:
        from commandcenter.services import decisions

        self.session.call(decisions.options_in_use, reload=False, label="filter choices",
                          on_done=lambda pair: self.filters.set_choices(*pair))

    # --- selection and detail -----------------------------------------------------------

    def selected(self):
        return common.selected_record(self.table)

    def _selection_changed(self) -> None:
        from commandcenter.services import decisions

        head = self.selected()
        if head is None:
            return
        self.session.call(decisions.detail, decision_id=head.decision_id, reload=False,
                          label="decision detail", on_done=self._show, on_error=self._failed)

    def _show(self, detail) -> None:
        self.detail_data = detail
        self.detail.show_detail(detail)

    # --- the chain badge ----------------------------------------------------------------

    def _show_badge(self, counts) -> None:
        facts = f"{counts.entries} entries · head {counts.head[:8]}"
        if counts.entries and counts.head == self._verified_head:
            self.badge.set(f"verified · {facts}", "ok")
        elif counts.entries and counts.entries <= AUTO_VERIFY_MAX:
            self.badge.set(f"checking · {facts}", "neutral")
            self.verify()
        elif counts.entries:
            self.badge.set(f"not checked · {facts}", "neutral", "Verify checks every entry")
        else:
            self.badge.set("empty log", "neutral")

    def verify(self) -> None:
        from commandcenter.services import decisions

        def check(vault):
            with vault.read() as session:
                return decisions.verify_log(session)

        self.session.call(check, reload=False, label="verify decision log",
                          on_done=self._verified, on_error=self._failed)

    def _verified(self, report) -> None:
        self._verified_head = report.head if report.ok else ""
        word = "verified" if report.ok else "BROKEN"
        self.badge.set(f"{word} · {report.count} entries · head {report.head[:8]}",
                       "ok" if report.ok else "bad", report.message)

    # --- messages -----------------------------------------------------------------------

    def say(self, text: str) -> None:
        self.error.clear()
        self.message.setText(text)

    def _failed(self, exc: BaseException) -> None:
        from ui.workers import user_message

        self.message.clear()
        self.error.show_error(user_message(exc))


