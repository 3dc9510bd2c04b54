"""Spokespersons: the roster — who is on duty now (in their time and the war room's), what
they are cleared for, how to reach them, their backup, whether they hold the current line
(current / not current / gap) — and adding, changing, retiring, importing and exporting
people, assigning lines, viewing as a spokesperson and printing their briefing card."""

import json
from dataclasses import replace
from datetime import UTC, datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QGridLayout, QHBoxLayout, QLabel, QScrollArea, QStackedWidget,
    QVBoxLayout, QWidget,
)

from ui.qtmodels.roster import (
    AVAILABILITY, LINES_COLUMN, RosterTableModel, audience_text, lines_tip, training,
)
from ui.session import VaultSession
from ui.views import common
from ui.views.follow import follow_snapshots
from ui.widgets.feedback import FieldError
from ui.widgets.pill import Pill
from ui.widgets.search_box import SearchBox
from ui.widgets.status_delegate import StatusDelegate
from ui.workers import user_message

EMPTY = "No spokespersons on the roster yet — Add spokesperson… or Import…"
NO_MATCH = "Nobody on the roster matches the search and filters."
OVERRIDES = (("", "Follow the rota"), ("on_duty", "On duty"), ("on_air", "On air"),
             ("off_duty", "Off duty"))


class _Pending:
    """A row's line state while it is being worked out (shown as "…", never as a state)."""

    word, pill_state, state, changes, gaps = "…", "neutral", "pending", (), ()


PENDING = _Pending()


def roster_rows(vault) -> list:
    """The roster, its line states still to come (on the worker; ~0.1 s for 2,000)."""
    from commandcenter.services import roster

    return roster.rows(vault, lines=PENDING)


def line_states(vault) -> dict:
    """Person id -> whether they hold the current line (on the worker; for 2,000 people
    several times the roster's own read, so it follows the rows rather than holding
    them back)."""
    from commandcenter.services import briefing

    return briefing.states(vault)


class RosterDetail(QScrollArea):
    """The selected person: contacts, clearances, rota, backup; availability control."""

    availability_chosen = Signal(str)
    line_action = Signal(str)  # assign | unassign | view_as | card

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setMinimumWidth(280)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        inner = QWidget()
        outer = QVBoxLayout(inner)
        outer.setContentsMargins(0, 0, 4, 0)
        self.title = common.heading("", 2)
        self.title.setWordWrap(True)
        self.subtitle = common.muted()
        self.state = Pill()
        self.override = QComboBox()
        self.override.setAccessibleName("Availability")
        for value, label in OVERRIDES:
            self.override.addItem(label, value)
        self.override.activated.connect(
            lambda _i: self.availability_chosen.emit(self.override.currentData()))
        row = QHBoxLayout()
        row.addWidget(self.state)
        row.addWidget(self.override)
        row.addStretch(1)
        self.lines_state = Pill()
        self.line_buttons = {
            "assign": common.button("Assign line…", tip="Give them a talking point"),
            "unassign": common.button("Unassign…", tip="Take a talking point from them"),
            "view_as": common.button("View as…", icon="spokespersons",
                                     tip="View as spokesperson: their lines only"),
            "card": common.button("Card (PDF)…", tip="Print their one-page briefing card"),
        }
        grid = QGridLayout()
        for n, (key, button) in enumerate(self.line_buttons.items()):
            button.clicked.connect(lambda _c=False, k=key: self.line_action.emit(k))
            grid.addWidget(button, n // 2, n % 2)
        self.card, self.form = common.detail_form()
        self.form.setRowWrapPolicy(self.form.RowWrapPolicy.WrapAllRows)
        self.form.setVerticalSpacing(4)
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft)
        outer.addWidget(self.title)
        outer.addWidget(self.subtitle)
        outer.addLayout(row)
        outer.addWidget(common.hug(self.lines_state))
        outer.addLayout(grid)
        outer.addWidget(self.card)
        outer.addStretch(1)
        self.setWidget(inner)
        self.show_row(None, "")

    def show_row(self, row, war_room: str) -> None:
        self.widget().setVisible(row is not None)
        while self.form.rowCount():
            self.form.removeRow(0)
        if row is None:
            return
        p = row.person
        self.title.setText(p.name)
        self.subtitle.setText(", ".join(x for x in (p.role_title, p.organisation) if x))
        word, state = AVAILABILITY[row.availability]
        self.state.set(word, state, "Set by hand" if p.override else "From the rota")
        self.override.setCurrentIndex(max(self.override.findData(p.override), 0))
        held = row.lines
        self.lines_state.setVisible(held is not None)
        if held is not None:
            self.lines_state.set(f"Lines: {held.word}", held.pill_state, lines_tip(row))
        for label, value in self._facts(row, war_room):
            if value:
                text = common.value_label(value)
                text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
                self.form.addRow(label, text)

    @staticmethod
    def _facts(row, war_room: str) -> list[tuple[str, str]]:
        from commandcenter.services.roster import shifts

        p = row.person
        local = row.local_time.strftime("%a %d %b, %H:%M ") + (row.local_time.tzname() or "")
        return [
            ("Phone:", p.phone), ("E-mail:", p.email), ("Messenger:", p.messenger),
            ("Their time:", f"{local} ({p.time_zone}) — war room: {war_room}"),
            ("Shifts (their time):", shifts.shift_text(json.loads(p.shifts)) or "No rota"),
            ("Cleared for:", audience_text(row) or "No audience yet"),
            ("Topics:", ", ".join(row.topics)), ("Languages:", ", ".join(row.languages)),
            ("Media training:", training(row)), ("Backup:", row.backup_name or "None"),
            ("Lines:", lines_tip(row)),
        ]


class SpokespersonsView(QWidget):
    add_requested = Signal()
    edit_requested = Signal(object)  # the Spokesperson
    import_requested = Signal()
    export_requested = Signal()
    assign_requested = Signal(object)  # the Spokesperson
    unassign_requested = Signal(object)
    view_as_requested = Signal(object)
    card_requested = Signal(object)

    def __init__(self, session: VaultSession, parent=None):
        super().__init__(parent)
        self.session = session
        self.model = RosterTableModel(self)
        self.rows: list = []
        self._reads = 0  # the roster read last asked for (a slower older one is dropped)
        self.found: frozenset[str] | None = None  # ids a search found; None: no search
        self.add_button = common.button("Add spokesperson…", icon="spokespersons", primary=True)
        self.edit_button = common.button("Change…")
        self.retire_button = common.button("Retire…")
        self.import_button = common.button("Import…")
        self.import_button.setToolTip("Spokespersons from a CSV file or contact cards (.vcf)")
        self.export_button = common.button("Export CSV…")
        layout = common.page_layout(self, "Spokespersons", self.import_button,
                                    self.export_button, self.retire_button, self.edit_button,
                                    self.add_button)
        layout.addLayout(self._filter_row())
        self.table = common.table(self.model, "Spokesperson roster", stretch=1,
                                  widths=self._column_widths())
        self.table.setItemDelegateForColumn(2, StatusDelegate(self.table))
        self.table.setItemDelegateForColumn(LINES_COLUMN, StatusDelegate(self.table))
        self.empty = common.muted(EMPTY)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.empty)
        self.detail = RosterDetail()
        layout.addWidget(common.split(self.stack, self.detail, (750, 290)), 1)
        self.error = FieldError(self)
        layout.addWidget(self.error)
        self._connect_callbacks()
        self.clear()

    def _column_widths(self) -> tuple[int, ...]:
        fm, pad = self.fontMetrics(), 26
        return (fm.horizontalAdvance("Catherine Moreau") + pad, 150,
                max(fm.horizontalAdvance("Off duty") + 36, fm.horizontalAdvance("Availability")
                    + pad + 8),
                fm.horizontalAdvance("Not current") + 36,
                fm.horizontalAdvance("Mon 20:58 AEDT") + pad,
                fm.horizontalAdvance("Lapsed · Oct 2024") + pad)

    def _filter_row(self) -> QHBoxLayout:
        from commandcenter.services.roster import AUDIENCE_NAMES

        self.audience = QComboBox()
        self.audience.setAccessibleName("Audience filter")
        self.audience.addItem("Any audience", None)
        for slug, label in AUDIENCE_NAMES.items():
            self.audience.addItem(label, slug)
        self.on_duty_only = QCheckBox("On duty or on air now")
        self.clock = QLabel()
        self.clock.setObjectName("muted")
        self.search = SearchBox("spokespersons")
        row = QHBoxLayout()
        row.addWidget(self.search)
        row.addWidget(self.audience)
        row.addWidget(self.on_duty_only)
        row.addStretch(1)
        row.addWidget(self.clock)
        return row

    def _connect_callbacks(self) -> None:
        self.add_button.clicked.connect(self.add_requested)
        self.edit_button.clicked.connect(lambda: self._edit_selected())
        self.retire_button.clicked.connect(lambda: self.retire_selected())
        self.import_button.clicked.connect(self.import_requested)
        self.export_button.clicked.connect(self.export_requested)
        self.audience.currentIndexChanged.connect(lambda _i: self._apply_filters())
        self.on_duty_only.toggled.connect(lambda _b: self._apply_filters())
        self.search.changed.connect(self._search_changed)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._show_selected())
        self.detail.availability_chosen.connect(self.set_availability)
        self.detail.line_action.connect(self._line_action)
        self.snapshots = follow_snapshots(self, self.session, lambda _snap: self.reload())

    # --- content ------------------------------------------------------------------------

    def clear(self) -> None:
        self.rows = []
        self.search.reset()
        self.found = None
        self.model.clear()
        self.detail.show_row(None, "")
        self.error.clear()
        self.clock.clear()
        self.stack.setCurrentWidget(self.empty)

    def reload(self) -> None:
        """The roster first; who holds the current line (several times the roster's own
        read) is read once the roster's rows are on screen."""
        self._reads += 1
        read = self._reads
        self.session.call(roster_rows, reload=False, label="roster",
                          on_done=lambda rows: read == self._reads and self._rows_read(rows,
                                                                                      read),
                          on_error=self._read_failed)
        if self.search.words():  # a new or changed person may match, or no longer
            self._search_changed(self.search.words())

    def _search_changed(self, words: str) -> None:
        """The vault's index says which people match; the roster keeps the rows it read
        that are among them."""
        from commandcenter.services import roster

        latest = self.search.ticket()
        self.error.clear()
        if not words:
            self._found(None)
            return
        self.session.call(roster.matching_ids, search=words, reload=False,
                          label="roster search", on_error=self._read_failed,
                          on_done=lambda ids: latest() and self._found(ids))

    def _found(self, ids: frozenset[str] | None) -> None:
        self.found = ids
        self._apply_filters()

    def _rows_read(self, rows: list, read: int) -> None:
        from ui.firstpaint import after_next_paint

        self.show_rows(rows)
        after_next_paint(self.table.viewport(), lambda: self._read_states(read))

    def _read_states(self, read: int) -> None:
        if read != self._reads:
            return  # a newer roster read is on its way, with its own line states
        self.session.call(line_states, reload=False, label="roster line states",
                          on_done=lambda held: read == self._reads and self._show_states(held),
                          on_error=self._read_failed)

    def _read_failed(self, exc: BaseException) -> None:
        self.error.show_error(user_message(exc))

    def _show_states(self, held: dict) -> None:
        self.rows = [replace(r, lines=held.get(r.person.id)) for r in self.rows]
        self._apply_filters()

    def show_rows(self, rows: list) -> None:
        self.rows = rows
        writer = self.session.actor is not None and self.session.actor.role in ("lead",
                                                                                "editor")
        for button in (self.add_button, self.import_button, self.edit_button,
                       self.retire_button, self.detail.line_buttons["assign"],
                       self.detail.line_buttons["unassign"]):
            button.setVisible(writer)
        self._apply_filters()

    def _apply_filters(self) -> None:
        keep = self.selected().person.id if self.selected() else None
        audience, live = self.audience.currentData(), self.on_duty_only.isChecked()
        found = self.found
        shown = [r for r in self.rows if (audience is None or audience in r.audiences)
                 and (not live or r.availability != "off_duty")
                 and (found is None or r.person.id in found)]
        self.model.set_rows(shown)
        on = sum(r.availability == "on_duty" for r in self.rows)
        air = sum(r.availability == "on_air" for r in self.rows)
        self.clock.setText(f"War room {self._war_room()} · {on} on duty, {air} on air, "
                           f"{len(self.rows)} on the roster")
        self.empty.setText(NO_MATCH if self.rows else EMPTY)
        self.stack.setCurrentWidget(self.table if shown else self.empty)
        row = self.model.row_of(lambda r: r.person.id == keep) if keep else -1
        if shown:
            self.table.selectRow(max(row, 0))
        else:
            self.detail.show_row(None, "")

    @staticmethod
    def _war_room() -> str:
        now = datetime.now(UTC)
        local = now.astimezone()
        if local.utcoffset() == now.utcoffset():
            return f"{now:%a %H:%M} UTC"
        return f"{local:%a %H:%M} {local.tzname()} ({now:%H:%M} UTC)"

    def selected(self):
        return common.selected_record(self.table)

    def _show_selected(self) -> None:
        row = self.selected()
        self.detail.show_row(row, self._war_room())
        for button in (self.edit_button, self.retire_button):
            button.setEnabled(row is not None)

    # --- actions ------------------------------------------------------------------------

    def _edit_selected(self) -> None:
        row = self.selected()
        if row is not None:
            self.edit_requested.emit(row.person)

    def _line_action(self, key: str) -> None:
        row = self.selected()
        if row is not None:
            {"assign": self.assign_requested, "unassign": self.unassign_requested,
             "view_as": self.view_as_requested, "card": self.card_requested}[key].emit(
                row.person)

    def set_availability(self, override: str) -> None:
        from commandcenter.services import roster

        row = self.selected()
        if row is not None and override != row.person.override:
            self.session.call(roster.set_availability, spokesperson_id=row.person.id,
                              override=override, label="availability",
                              on_error=lambda exc: self.error.show_error(user_message(exc)))

    def retire_selected(self, reason: str | None = None) -> None:
        from PySide6.QtWidgets import QInputDialog

        from commandcenter.services import roster

        row = self.selected()
        if row is None:
            return
        if reason is None:
            reason, ok = QInputDialog.getText(self, "Retire from the roster",
                                              f"Why does {row.person.name} leave the roster?")
            if not ok:
                return
        self.session.call(roster.retire, spokesperson_id=row.person.id, reason=reason,
                          label="retire spokesperson",
                          on_error=lambda exc: self.error.show_error(user_message(exc)))
