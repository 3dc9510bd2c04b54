"""Dashboard, the first screen after unlock: tiles for what needs attention at a glance
(time since detection and disclosure, decisions due for review, overdue update promises,
the audit chain — each opening the filtered view behind it), then the active incident, the
state of the vault, and who is on the team."""

from dataclasses import replace

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QFormLayout, QFrame, QGridLayout, QHBoxLayout, QLabel, QProgressBar, QScrollArea,
    QVBoxLayout, QWidget,
)

from ui.qtmodels.columns import ROLE_LABELS, SEVERITY_STATE
from ui.session import ChainState, VaultSession
from ui.views import common
from ui.views.follow import follow_snapshots
from ui.views.dashboard_tiles import TileGrid
from ui.widgets import timefmt
from ui.widgets.pill import Pill

EMPTY_INCIDENT = "No incident yet — Ctrl+Shift+N to open one."
NONE_ACTIVE = "No active incident — pick one in Incidents and choose Set active."


class DashboardView(QWidget):
    new_incident_requested = Signal()
    verify_requested = Signal()
    backup_requested = Signal()
    open_requested = Signal(str, str)  # area, filter — a tile was opened

    def __init__(self, session: VaultSession, parent=None):
        super().__init__(parent)
        self.session = session
        self.snapshot = None
        outer = common.page_layout(self, "Dashboard")
        # The cards scroll under the heading: on a 1280×800 laptop they are taller than
        # the window once every tile shows, and squeezed cards would clip their text.
        body = QWidget()
        body.setObjectName("dashboardBody")
        layout = QVBoxLayout(body)
        layout.setContentsMargins(0, 0, 6, 0)
        scroll = QScrollArea()
        scroll.setObjectName("dashboardScroll")
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(body)
        outer.addWidget(scroll, 1)
        self.tiles = TileGrid()
        self.tiles.setAccessibleName("At a glance")
        layout.addWidget(self.tiles)
        grid = QGridLayout()
        grid.setSpacing(16)
        grid.addWidget(self._incident_card(), 0, 0, 1, 2)
        grid.addWidget(self._vault_card(), 1, 0)
        grid.addWidget(self._team_card(), 1, 1)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        layout.addLayout(grid)
        layout.addStretch(1)
        self._tick = QTimer(self)
        self._tick.setInterval(30_000)  # keeps "… ago" true while the screen stays open
        self._connect_callbacks()
        self.clear()

    # --- layout -------------------------------------------------------------------------

    def _incident_card(self) -> QWidget:
        frame, layout = common.card("Active incident")
        self.incident_title = QLabel()
        self.incident_title.setObjectName("h2")
        self.incident_title.setWordWrap(True)
        self.severity = Pill()
        self.incident_status = Pill()
        row = QHBoxLayout()
        row.addWidget(self.incident_title, 1)
        row.addWidget(self.severity)
        row.addWidget(self.incident_status)
        self.opened = common.value_label()
        self.summary = common.value_label()
        self.empty = common.muted(EMPTY_INCIDENT)
        self.new_incident = common.button("New incident…", icon="incidents", primary=True,
                                          tip="Ctrl+Shift+N")
        empty_row = QHBoxLayout()
        empty_row.addWidget(self.empty, 1)
        empty_row.addWidget(self.new_incident)
        layout.addLayout(row)
        layout.addWidget(self.opened)
        layout.addWidget(self.summary)
        layout.addLayout(empty_row)
        return frame

    def _vault_card(self) -> QWidget:
        frame, layout = common.card("Vault")
        form = QFormLayout()
        form.setVerticalSpacing(8)
        self.key_store = common.value_label()
        self.last_backup = common.value_label()
        self.chain = Pill()
        self.chain_detail = common.muted()
        form.addRow("Key store:", self.key_store)
        form.addRow("Last backup:", self.last_backup)
        form.addRow("Audit chain:", common.hug(self.chain))
        layout.addLayout(form)
        layout.addWidget(self.chain_detail)
        self.verify_progress = QProgressBar()
        self.verify_progress.setVisible(False)
        self.verify_progress.setFixedHeight(10)
        self.verify_progress.setTextVisible(False)
        layout.addWidget(self.verify_progress)
        buttons = QHBoxLayout()
        self.verify = common.button("Verify chain", icon="shield-check", tip="Ctrl+Shift+V")
        self.backup = common.button("Backup now…", icon="backup", tip="Ctrl+B")
        buttons.addWidget(self.verify)
        buttons.addWidget(self.backup)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        return frame

    def _team_card(self) -> QWidget:
        frame, layout = common.card("Team")
        self.you = common.value_label()
        self.team_count = common.muted()
        self.team_list = common.value_label()
        layout.addWidget(self.you)
        layout.addWidget(self.team_count)
        layout.addWidget(self.team_list)
        layout.addStretch(1)
        return frame

    def _connect_callbacks(self) -> None:
        self.new_incident.clicked.connect(self.new_incident_requested)
        self.verify.clicked.connect(self.verify_requested)
        self.backup.clicked.connect(self.backup_requested)
        self.tiles.opened.connect(self.open_requested)
        self.snapshots = follow_snapshots(self, self.session, self.show_snapshot)
        self.session.chain_changed.connect(self.show_chain)
        self._tick.timeout.connect(self._refresh_times)

    # --- content ------------------------------------------------------------------------

    def clear(self) -> None:
        """Empty every field (on lock): nothing read from the vault stays on screen."""
        self.snapshot = None
        self._tick.stop()
        self.tiles.clear()
        for label in (self.incident_title, self.opened, self.summary, self.key_store,
                      self.last_backup, self.chain_detail, self.you, self.team_count,
                      self.team_list):
            label.clear()
            label.setToolTip("")
        for pill in (self.severity, self.incident_status):
            pill.set("", "neutral")
            pill.setVisible(False)
        self.chain.set("", "neutral")
        self.empty.setText("")
        self.new_incident.setVisible(False)
        self.verify_progress.setVisible(False)

    def show_snapshot(self, snap) -> None:
        self.snapshot = snap
        self._show_incident(snap)
        self._show_vault(snap)
        self._show_team(snap)
        self.show_chain(self.session.chain)
        self._tick.start()

    def _show_incident(self, snap) -> None:
        inc = snap.active_incident
        has = inc is not None
        for widget in (self.incident_title, self.severity, self.incident_status, self.opened,
                       self.summary):
            widget.setVisible(has)
        self.empty.setVisible(not has)
        self.new_incident.setVisible(not has)
        if not has:
            self.empty.setText(NONE_ACTIVE if snap.incidents else EMPTY_INCIDENT)
            return
        self.incident_title.setText(f"{inc.code} — {inc.title}")
        self.severity.set(inc.severity.capitalize(), SEVERITY_STATE.get(inc.severity, "neutral"),
                          "Severity")
        self.incident_status.set(inc.status.capitalize(),
                                 "neutral" if inc.status == "closed" else "warn", "Status")
        self.summary.setText(inc.summary)
        self.summary.setVisible(bool(inc.summary))
        self._refresh_times()

    def _show_vault(self, snap) -> None:
        self.key_store.setText(_key_store_text(snap.status.key_store))
        self._refresh_times()

    def _show_team(self, snap) -> None:
        actor = self.session.actor
        active = [o for o in snap.operators if o.status == "active"]
        self.you.setText(f"You: {actor.name} ({ROLE_LABELS.get(actor.role, actor.role)})"
                         if actor else "")
        revoked = len(snap.operators) - len(active)
        self.team_count.setText(f"{len(active)} active operator{'s' * (len(active) != 1)}"
                                + (f", {revoked} revoked" if revoked else ""))
        shown = active[:8]
        lines = [f"• {o.name} — {ROLE_LABELS.get(o.role, o.role)}" for o in shown]
        if len(active) > len(shown):
            lines.append(f"… and {len(active) - len(shown)} more (see Team)")
        self.team_list.setText("\n".join(lines))

    def _show_tiles(self) -> None:
        """The snapshot's tiles; the chain tile says what the last verification found."""
        chain = self.session.chain
        tiles = []
        for tile in self.snapshot.tiles:
            if tile.key == "chain":
                word = {"verified": "Verified", "broken": "BROKEN"}.get(chain.state,
                                                                       "Not checked")
                detail = (tile.detail if chain.state != "unchecked"
                          else f"{tile.value} — Ctrl+Shift+V verifies")
                tile = replace(tile, value=word, detail=detail, state=chain.pill_state)
            tiles.append(tile)
        self.tiles.show_tiles(tiles)

    def show_chain(self, chain: ChainState) -> None:
        if self.snapshot is None:
            return
        self._show_tiles()
        self.chain.set(chain.word, chain.pill_state, chain.message)
        when = f" at {timefmt.local(chain.checked_at)}" if chain.checked_at else ""
        self.chain_detail.setText(f"{chain.message}{when}" if chain.state != "unchecked" else
                                  f"{self.snapshot.audit_total} sealed entries, not verified "
                                  "since unlock — Ctrl+Shift+V checks them.")
        self.verify_progress.setVisible(False)

    def show_verify_progress(self, done: int, total: int) -> None:
        self.verify_progress.setVisible(True)
        self.verify_progress.setRange(0, max(total, 1))
        self.verify_progress.setValue(done)

    def _refresh_times(self) -> None:
        snap = self.snapshot
        if snap is None:
            return
        inc = snap.active_incident
        if inc is not None:
            self.opened.setText(f"Opened {timefmt.local_with_zone(inc.opened_at)} "
                                f"({timefmt.ago(inc.opened_at)})")
            self.opened.setToolTip(timefmt.utc(inc.opened_at))
        if snap.last_backup_at:
            self.last_backup.setText(f"{timefmt.local(snap.last_backup_at)} "
                                     f"({timefmt.ago(snap.last_backup_at)})")
            self.last_backup.setToolTip(f"{timefmt.utc(snap.last_backup_at)}\n"
                                        f"{snap.status.last_backup_path}")
        else:
            self.last_backup.setText("Never — Ctrl+B backs up now")
            self.last_backup.setToolTip("")


def _key_store_text(key_store: str) -> str:
    """ "keychain (macOS Keychain)" → "Keychain (macOS Keychain)"."""
    return key_store[:1].upper() + key_store[1:] if key_store else "—"
