"""Audit trail: the sealed entries, newest first, with verification and the receipt export."""

import json

from PySide6.QtCore import Signal
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QHBoxLayout, QPlainTextEdit, QProgressBar, QSizePolicy, QVBoxLayout, QWidget,
)

from ui.qtmodels.models import AuditTableModel
from ui.session import ChainState, VaultSession
from ui.snapshot import AUDIT_PAGE
from ui.views import common
from ui.views.follow import follow_snapshots
from ui.widgets import timefmt
from ui.widgets.feedback import FieldError
from ui.widgets.pill import Pill
from ui.widgets.search_box import SearchBox

NO_MATCH = "No entry matches the search."


class AuditView(QWidget):
    verify_requested = Signal()
    receipt_requested = Signal()

    def __init__(self, session: VaultSession, parent=None):
        super().__init__(parent)
        self.session = session
        self.model = AuditTableModel(self)
        self.model.loader = self._load_older
        self._words = ""  # the search the list shows ("" : the whole trail)
        self.verify_button = common.button("Verify chain", icon="shield-check",
                                           tip="Ctrl+Shift+V")
        self.receipt_button = common.button("Export receipt…", icon="audit",
                                            tip="Save the chain head to keep outside the vault")
        layout = common.page_layout(self, "Audit trail", self.receipt_button,
                                    self.verify_button)
        status = QHBoxLayout()
        self.chain = Pill()
        self.chain_detail = common.muted(wrap=False)
        # The verifier's message can be long (audit chain and decision log): it may be cut
        # on screen (the tooltip has it all) but must never widen the window.
        self.chain_detail.setSizePolicy(QSizePolicy.Policy.Ignored,
                                        QSizePolicy.Policy.Preferred)
        self.progress = QProgressBar()
        self.progress.setFixedWidth(200)
        self.progress.setFixedHeight(10)
        self.progress.setTextVisible(False)
        self.progress.setVisible(False)
        status.addWidget(self.chain)
        status.addWidget(self.chain_detail, 1)
        status.addWidget(self.progress)
        layout.addLayout(status)
        self.search = SearchBox("audit trail")
        self.list_note = common.muted()
        search_row = QHBoxLayout()
        search_row.addWidget(self.search)
        search_row.addWidget(self.list_note)
        search_row.addStretch(1)
        layout.addLayout(search_row)
        self.table = common.table(self.model, "Audit trail", stretch=3,
                                  widths=(50, 150, 140, 160, 140))
        layout.addWidget(common.split(self.table, self._detail_pane(), (660, 380)), 1)
        self.error = FieldError(self)
        layout.addWidget(self.error)
        self._connect_callbacks()
        self.clear()

    def _detail_pane(self) -> QWidget:
        wrapper = QWidget()
        wrapper.setMinimumWidth(320)
        outer = QVBoxLayout(wrapper)
        outer.setContentsMargins(0, 0, 0, 0)
        pane, form = common.detail_form()
        self.d_title = common.heading("", 2)
        self.d_time = common.value_label()
        self.d_operator = common.value_label()
        self.d_entity = common.value_label()
        self.d_hash = common.value_label()
        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        self.d_hash.setFont(mono)
        self.d_payload = QPlainTextEdit()
        self.d_payload.setReadOnly(True)
        self.d_payload.setFont(mono)
        self.d_payload.setAccessibleName("Entry details")
        self.d_payload.setMinimumHeight(120)
        form.addRow(self.d_title)
        form.addRow("Time:", self.d_time)
        form.addRow("Operator:", self.d_operator)
        form.addRow("Entity:", self.d_entity)
        form.addRow("Hash:", self.d_hash)
        form.addRow("Details:", self.d_payload)
        self.detail = pane
        outer.addWidget(pane)
        outer.addStretch(1)
        return wrapper

    def _connect_callbacks(self) -> None:
        self.verify_button.clicked.connect(self.verify_requested)
        self.receipt_button.clicked.connect(self.receipt_requested)
        self.table.selectionModel().selectionChanged.connect(self._show_selected)
        self.search.changed.connect(lambda _words: self._search())
        self.snapshots = follow_snapshots(self, self.session, self.show_snapshot)
        self.session.chain_changed.connect(self.show_chain)

    # --- content ------------------------------------------------------------------------

    def clear(self) -> None:
        self.search.reset()
        self._words = ""
        self.list_note.clear()
        self.error.clear()
        self.model.clear()
        self.chain.set("", "neutral")
        self.chain_detail.clear()
        self.progress.setVisible(False)
        self._show_detail(None)

    def show_snapshot(self, snap) -> None:
        if self.search.words():
            self._search()  # new entries may match: search again rather than show them all
        else:
            self._show_rows(lambda: self.model.set_page(snap.audit_entries, snap.audit_total))
        self.show_chain(self.session.chain)

    def _show_rows(self, fill) -> None:
        fill()
        if self.model.rowCount():
            self.table.selectRow(0)
        else:
            self._show_detail(None)

    def _search(self) -> None:
        """The newest AUDIT_PAGE entries matching the search box's words (the index walks
        back from the newest and stops); no words: the whole trail again."""
        from commandcenter.services import audit

        latest, words = self.search.ticket(), self.search.words()
        self.error.clear()
        if not words:
            self._words = ""
            self.list_note.clear()
            snap = self.session.snapshot  # the last one read holds the trail's newest page
            if snap is not None:
                self._show_rows(lambda: self.model.set_page(snap.audit_entries,
                                                            snap.audit_total))
            return
        self.session.call(audit.recent_entries, search=words, limit=AUDIT_PAGE,
                          reload=False, label="audit search", on_error=self._failed,
                          on_done=lambda rows: latest()
                          and self._found(rows, words))

    def _found(self, rows, words: str) -> None:
        self._words = words
        self._show_rows(lambda: self.model.set_found(rows, AUDIT_PAGE))
        self.list_note.setText(NO_MATCH if not rows else "")

    def _failed(self, exc: BaseException) -> None:
        from ui.workers import user_message

        self.error.show_error(user_message(exc))

    def show_chain(self, chain: ChainState) -> None:
        if not self.session.is_open:
            return
        self.chain.set(chain.word, chain.pill_state)
        when = f" (checked {timefmt.local(chain.checked_at)})" if chain.checked_at else ""
        self.chain_detail.setText(chain.message + when)
        self.chain_detail.setToolTip(chain.message)
        self.progress.setVisible(False)

    def show_verify_progress(self, done: int, total: int) -> None:
        self.progress.setVisible(True)
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)

    def _load_older(self, before_seq: int) -> None:
        from commandcenter.services import audit

        generation = self.model.generation
        self.session.call(audit.recent_entries, limit=AUDIT_PAGE, before_seq=before_seq,
                          search=self._words, reload=False, label="older entries",
                          on_done=lambda rows: self.model.append_page(rows, generation),
                          on_error=self._failed)

    def _show_selected(self) -> None:
        self._show_detail(common.selected_record(self.table))

    def _show_detail(self, entry) -> None:
        self.detail.setVisible(entry is not None)
        if entry is None:
            for label in (self.d_title, self.d_time, self.d_operator, self.d_entity,
                          self.d_hash):
                label.clear()
            self.d_payload.clear()
            return
        self.d_title.setText(f"#{entry.seq}  {entry.action}")
        self.d_time.setText(timefmt.local_with_zone(entry.at))
        self.d_time.setToolTip(timefmt.utc(entry.at))
        self.d_operator.setText(entry.operator_name or "—")
        self.d_entity.setText(f"{entry.entity_type} {entry.entity_id or ''}".strip())
        self.d_hash.setText(entry.hash[:32] + "…")
        self.d_hash.setToolTip(entry.hash)
        self.d_payload.setPlainText(_pretty(entry.payload))


def _pretty(payload: str) -> str:
    try:
        return json.dumps(json.loads(payload), indent=2, ensure_ascii=False)
    except ValueError:
        return payload
