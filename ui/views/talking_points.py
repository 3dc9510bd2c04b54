"""Talking points: three tabs over the active incident's lines.

- Current line: the board (everyone; the only tab a spokesperson sees).
- All lines: the latest version of every line, filtered by audience and status, with the
  selected version's words and the editor's actions (draft, submit, new version, history).
- Approval queue: versions waiting for an approver, with Approve and Reject.

Every read and write goes through the session (the Runner's worker thread); a result that
arrives after a newer request was made is dropped (`_requests`)."""

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox, QHBoxLayout, QStackedWidget, QTabWidget, QTextBrowser, QVBoxLayout, QWidget,
)

from commandcenter.models.talking_point import AUDIENCE_LABELS, AUDIENCES
from ui.qtmodels.talking_points import STATUS, STATUS_COLUMN, WIDTHS, LineTableModel
from ui.session import VaultSession
from ui.views import common
from ui.views.follow import follow_snapshots
from ui.views.line_board import LineBoard
from ui.views.line_preview import version_html
from ui.widgets.feedback import FieldError
from ui.widgets.search_box import SearchBox
from ui.widgets.status_delegate import StatusDelegate

EMPTY_LIST = "No talking points yet — New line… (Ctrl+Shift+T) or From template… to start."
EMPTY_QUEUE = "Nothing waiting for approval."
NO_MATCH = "No line matches the search and filters."
NO_INCIDENT = "No active incident — talking points belong to the active incident."
FLAG_FILTERS = ("needs review", "expiring soon", "expired", "review due")


class LineTable(QWidget):
    """A table of LineRows beside the selected version's words and some buttons."""

    def __init__(self, name: str, empty: str, buttons: list, parent=None):
        super().__init__(parent)
        self.empty_text = empty
        self.model = LineTableModel(self)
        self.table = common.table(self.model, name, stretch=1, widths=WIDTHS)
        self.table.setItemDelegateForColumn(STATUS_COLUMN, StatusDelegate(self.table))
        self.empty = common.muted(empty)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.empty)
        self.preview = QTextBrowser()
        self.preview.setAccessibleName(f"{name}: selected version")
        self.preview.setMinimumWidth(300)
        self.actions = QHBoxLayout()  # the buttons, above the list (they act on its row)
        self.actions.addStretch(1)
        for b in buttons:
            self.actions.addWidget(b)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addLayout(self.actions)
        layout.addWidget(common.split(self.stack, self.preview, (640, 400)), 1)

    def show_rows(self, rows, keep: str | None) -> None:
        self.model.set_rows(rows)
        self._shown(keep)

    def filter(self, audience: str | None, status: str | None) -> None:
        """Show the rows already read that match (no read from the vault)."""
        keep = self.selected()
        if self.model.set_filter(audience, status):
            self._shown(keep.version_id if keep else None)

    def search(self, versions: frozenset[str] | None) -> None:
        """Show the rows already read whose version a search found (None: every row)."""
        keep = self.selected()
        if self.model.set_search(versions):
            self._shown(keep.version_id if keep else None)

    def _shown(self, keep: str | None) -> None:
        shown = self.model.rowCount() > 0
        # Rows were read but none passes: say so, not "no talking points yet".
        self.empty.setText(NO_MATCH if self.model.read_count() else self.empty_text)
        self.stack.setCurrentWidget(self.table if shown else self.empty)
        row = self.model.row_of(lambda r: r.version_id == keep) if keep else -1
        if shown:
            self.table.selectRow(max(row, 0))
        else:
            self.preview.clear()

    def selected(self):
        return common.selected_record(self.table)


class TalkingPointsView(QWidget):
    new_requested = Signal()
    template_requested = Signal()
    act_requested = Signal(str, object, object)  # action key, LineRow, History | None
    notice = Signal(str)

    def __init__(self, session: VaultSession, parent=None):
        super().__init__(parent)
        self.session = session
        self.history_data = None  # History of the line selected in the active tab
        self._requests = {"board": 0, "list": 0, "queue": 0, "detail": 0}
        self._channel = None
        self.new_button = common.button("New line…", icon="talking-points", primary=True,
                                        tip="Ctrl+Shift+T: draft a talking point")
        self.template_button = common.button("From template…",
                                             tip="Start from the prepared library")
        layout = common.page_layout(self, "Talking points", self.template_button,
                                    self.new_button)
        self.board = LineBoard()
        self._build_lists()
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Talking points")
        self.tabs.addTab(self.board, "Current line")
        self.tabs.addTab(self.all_tab, "All lines")
        self.tabs.addTab(self.queue, "Approval queue")
        layout.addWidget(self.tabs, 1)
        self.error = FieldError(self)
        layout.addWidget(self.error)
        self._connect_callbacks()
        self.clear()

    def _build_lists(self) -> None:
        def b(key: str, text: str, tip: str = "", primary: bool = False):
            btn = common.button(text, tip=tip, primary=primary)
            btn.clicked.connect(lambda: self.act_on_selected(key))
            self.buttons[key] = btn
            return btn

        self.buttons = {}
        self.audience = QComboBox()
        self.audience.setAccessibleName("Audience filter")
        self.audience.addItem("Every audience", None)
        for key in AUDIENCES:
            self.audience.addItem(AUDIENCE_LABELS[key], key)
        self.status = QComboBox()
        self.status.setAccessibleName("Status filter")
        self.status.addItem("Any status", None)
        for key, (word, _state) in STATUS.items():
            self.status.addItem(word, key)
        for flag in FLAG_FILTERS:
            self.status.addItem(f"Flag: {flag}", flag)
        self.lines = LineTable("All lines", EMPTY_LIST, [
            b("edit", "Edit draft…"), b("submit", "Submit for approval"),
            b("new_version", "New version…"), b("history", "History…"),
            b("retire", "Retire…")])
        self.all_tab = QWidget()
        box = QVBoxLayout(self.all_tab)
        box.setContentsMargins(0, 8, 0, 0)
        self.search = SearchBox("lines")
        self.lines.actions.insertWidget(0, self.status)
        self.lines.actions.insertWidget(0, self.audience)
        self.lines.actions.insertWidget(0, self.search)
        box.addWidget(self.lines, 1)
        self.queue = LineTable("Approval queue", EMPTY_QUEUE, [
            b("approve", "Approve…", primary=True), b("reject", "Reject…"),
            b("queue_history", "History…")])

    def _connect_callbacks(self) -> None:
        self.new_button.clicked.connect(self.new_requested)
        self.template_button.clicked.connect(self.template_requested)
        self.board.copied.connect(self.notice)
        self.board.channel_changed.connect(self._channel_changed)
        self.audience.currentIndexChanged.connect(lambda _i: self._filter_changed())
        self.status.currentIndexChanged.connect(lambda _i: self._filter_changed())
        self.search.changed.connect(self._search_changed)
        for table in (self.lines, self.queue):
            table.table.selectionModel().selectionChanged.connect(
                lambda *_a, t=table: self._selection_changed(t))
        self.tabs.currentChanged.connect(lambda _i: self._selection_changed(self.active_table()))
        self.snapshots = follow_snapshots(self, self.session, self.show_snapshot)

    # --- content ------------------------------------------------------------------------

    def clear(self) -> None:
        self.board.clear()
        self.search.reset()
        self.lines.model.set_search(None)
        for table in (self.lines, self.queue):
            table.model.clear()
            table.preview.clear()
            table.stack.setCurrentWidget(table.empty)
        self.history_data = None
        self.error.clear()

    def apply_role(self, role: str | None) -> None:
        """Spokespersons see the current line only; approvers get the queue's buttons."""
        from commandcenter.services import talking_points as tp

        reader = tp.can_read_all(role)
        for index in (1, 2):
            self.tabs.setTabVisible(index, reader)
        editor, approver = role in tp.EDITORS, role in tp.APPROVERS
        self.new_button.setVisible(editor)
        self.template_button.setVisible(editor)
        for key in ("edit", "submit", "new_version"):
            self.buttons[key].setEnabled(editor)
        for key in ("approve", "reject", "retire"):
            self.buttons[key].setEnabled(approver)
        if not reader:
            self.tabs.setCurrentIndex(0)

    def show_tab(self, index: int) -> None:
        """Open a tab, or the board when this operator may not see that one."""
        self.tabs.setCurrentIndex(index if self.tabs.isTabVisible(index) else 0)

    def show_snapshot(self, snap) -> None:
        if snap.active_incident_id is None:
            self.clear()
            self.board.page.setPlainText(NO_INCIDENT)
            return
        self.reload_board()
        if snap.line_reader:
            self.reload_list()
            self.reload_queue()

    def _next(self, key: str) -> int:
        self._requests[key] += 1
        return self._requests[key]

    def reload_board(self) -> None:
        from commandcenter.services import talking_points as tp

        request = self._next("board")
        self.session.call(tp.board, channel=self._channel, reload=False, label="current line",
                          on_error=self._failed,
                          on_done=lambda b: request == self._requests["board"]
                          and self.board.show_board(b))

    def _channel_changed(self, channel) -> None:
        self._channel = channel
        self.reload_board()

    def reload_list(self) -> None:
        """Read every line's latest version; the audience and status filters pick among
        them on the GUI thread (`_filter_changed`), without another read."""
        from commandcenter.services import talking_points as tp

        request = self._next("list")
        keep = self.lines.selected()
        self.session.call(tp.list_lines, reload=False, label="line list",
                          on_error=self._failed,
                          on_done=lambda rows: request == self._requests["list"]
                          and self.lines.show_rows(rows, keep.version_id if keep else None))
        if self.search.words():  # new versions may match, or no longer
            self._search_changed(self.search.words())

    def _filter_changed(self) -> None:
        self.lines.filter(self.audience.currentData(), self.status.currentData())

    def _search_changed(self, words: str) -> None:
        """Ask the vault's index which versions match; the list keeps the rows it read
        whose version is among them (no new read of the list itself)."""
        from commandcenter.services import talking_points as tp

        latest = self.search.ticket()
        self.error.clear()
        if not words:
            self.lines.search(None)
            return
        self.session.call(tp.matching_versions, search=words, reload=False,
                          label="line search", on_error=self._failed,
                          on_done=lambda ids: latest()
                          and self.lines.search(ids))

    def reload_queue(self) -> None:
        from commandcenter.services import talking_points as tp

        request = self._next("queue")
        keep = self.queue.selected()
        self.session.call(tp.approval_queue, reload=False, label="approval queue",
                          on_error=self._failed,
                          on_done=lambda rows: request == self._requests["queue"]
                          and self._show_queue(rows, keep))

    def _show_queue(self, rows, keep) -> None:
        self.queue.show_rows(rows, keep.version_id if keep else None)
        self.tabs.setTabText(2, f"Approval queue ({len(rows)})" if rows else "Approval queue")

    # --- selection ----------------------------------------------------------------------

    def active_table(self) -> LineTable | None:
        return {1: self.lines, 2: self.queue}.get(self.tabs.currentIndex())

    def selected_row(self):
        table = self.active_table()
        return table.selected() if table else None

    def _selection_changed(self, table: LineTable | None) -> None:
        from commandcenter.services import talking_points as tp

        row = table.selected() if table else None
        if row is None:
            return
        request = self._next("detail")
        self.session.call(tp.history, point_id=row.point_id, reload=False,
                          label="line detail", on_error=self._failed,
                          on_done=lambda h: request == self._requests["detail"]
                          and self._show_detail(table, row, h))

    def _show_detail(self, table: LineTable, row, history) -> None:
        self.history_data = history
        version = next((v for v in history.versions if v.id == row.version_id), None)
        if version is not None:
            table.preview.setHtml(version_html(history, version))

    def act_on_selected(self, key: str) -> None:
        row = self.selected_row()
        if row is None:
            self.notice.emit("Select a line first.")
            return
        history = self.history_data if self.history_data is not None and \
            self.history_data.point.id == row.point_id else None
        self.act_requested.emit(key, row, history)

    def _failed(self, exc: BaseException) -> None:
        from ui.workers import user_message

        self.error.show_error(user_message(exc))
