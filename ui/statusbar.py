"""The status bar, always visible: lock state, acting operator, key store, vault path, last
backup, decision reviews due, overdue update promises (the alarm) and chain status — each
with an icon or word, never colour alone. Colours are the theme's roles."""

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QHBoxLayout, QLabel, QStatusBar, QWidget

from ui import resources, theme
from ui.qtmodels.columns import ROLE_LABELS
from ui.session import ChainState, VaultSession
from ui.widgets import timefmt

PATH_WIDTH = 96


class _Item(QWidget):
    """An icon and a text, with an accessible name that reads the same."""

    clicked = Signal()

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802 (Qt API)
        if event.button() == Qt.MouseButton.LeftButton:
            self.clicked.emit()
        super().mouseReleaseEvent(event)

    def __init__(self, name: str, icon: str = ""):
        super().__init__()
        self.name = name
        self.icon = QLabel()
        self.icon.setObjectName("statusIcon")  # unpadded: the bar must fit 1280 px
        self.text = QLabel()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(3, 0, 3, 0)  # eight items must fit a 1280 px window
        layout.setSpacing(4)
        layout.addWidget(self.icon)
        layout.addWidget(self.text)
        self.set_icon(icon)

    def set_icon(self, icon: str) -> None:
        self.icon.setVisible(bool(icon))
        if icon:
            self.icon.setPixmap(resources.pixmap(icon, 16))

    def set(self, text: str, tooltip: str = "", *, colour: str = "") -> None:
        self.text.setText(text)
        self.text.setStyleSheet(f"color: {colour}; font-weight: 600;" if colour else "")
        self.setToolTip(tooltip or text)
        self.setAccessibleName(f"{self.name}: {text}")


class StatusBar(QStatusBar):
    promises_clicked = Signal()

    def __init__(self, session: VaultSession, parent=None):
        super().__init__(parent)
        self.session = session
        self.setSizeGripEnabled(False)
        self.lock = _Item("Lock state", "lock")
        self.operator = _Item("Acting operator", "operators")
        self.key_store = _Item("Key store", "key")
        self.path = _Item("Vault")
        self.backup = _Item("Last backup", "backup")
        self.chain = _Item("Audit chain", "audit")
        self.reviews = _Item("Decision reviews", "decision-log")
        self.lines_due = _Item("Talking points due", "talking-points")
        self.promises = _Item("Update promises", "journey-map")
        self.promises.setCursor(Qt.CursorShape.PointingHandCursor)
        # All permanent (right-hand side), so a passing message on the left never hides them.
        for item in (self.lock, self.operator, self.key_store, self.path, self.backup,
                     self.reviews, self.lines_due, self.promises, self.chain):
            self.addPermanentWidget(item)
        self._snapshot = None
        self._connect_callbacks()
        self.show_locked()

    def _connect_callbacks(self) -> None:
        self.session.snapshot_ready.connect(self.show_snapshot)
        self.session.chain_changed.connect(self.show_chain)
        self.session.opened.connect(self.show_unlocked)
        self.session.closed.connect(self.show_locked)
        self.session.message.connect(lambda text: self.showMessage(text, 10_000))
        self.promises.clicked.connect(self.promises_clicked)

    def show_locked(self) -> None:
        self._snapshot = None
        self.lock.set_icon("lock")
        self.lock.set("Locked", "The vault is locked; nothing from it is on screen.")
        for item in (self.operator, self.key_store, self.path, self.backup, self.chain,
                     self.reviews, self.lines_due, self.promises):
            item.set("")
            item.setVisible(False)

    def show_unlocked(self) -> None:
        vault = self.session.vault
        if vault is None:
            return
        self.lock.set_icon("unlock")
        self.lock.set("Unlocked", "Ctrl+L locks now; the vault also locks when idle.")
        actor = vault.actor
        role = ROLE_LABELS.get(actor.role, actor.role)
        # The role's last word ("lead", "approver"): nine items must fit a 1280 px window.
        self.operator.set(f"{actor.name}, {role.split()[-1].lower()}",
                          f"Acting operator: {actor.name} ({role}), recorded on every change")
        self.key_store.set(_cap(vault.key_store), "How this session opened the vault's key")
        full = str(vault.paths.data_dir)
        elided = QFontMetrics(self.font()).elidedText(full, Qt.TextElideMode.ElideMiddle,
                                                      PATH_WIDTH)
        self.path.set(elided, full)
        self.path.setAccessibleName(f"Vault: {full}")
        for item in (self.operator, self.key_store, self.path, self.backup, self.chain):
            item.setVisible(True)
        self.backup.set("Last backup: …")
        self.show_chain(self.session.chain)

    def show_snapshot(self, snap) -> None:
        self._snapshot = snap
        self.key_store.set(_cap(snap.status.key_store), "How this session opened the vault's key")
        if snap.last_backup_at:
            self.backup.set(f"Backup {timefmt.ago(snap.last_backup_at)}",
                            f"Last backup {timefmt.local_with_zone(snap.last_backup_at)} "
                            f"({timefmt.utc(snap.last_backup_at)})\n"
                            f"{snap.status.last_backup_path}")
        else:
            self.backup.set("No backup yet", "Ctrl+B backs up now", colour=theme.colour("warn"))
        self.show_reviews(snap.decision_counts)
        self.show_lines_due(snap.lines_due, snap.active_incident_id is not None)
        self.show_promises(snap.journey)

    def show_reviews(self, counts) -> None:
        """Decisions whose review time has passed (hidden for those who cannot read the
        log, and when there is no log yet)."""
        self.reviews.setVisible(bool(counts and counts.total))
        if not counts or not counts.total:
            return
        if counts.due:
            self.reviews.set(f"{counts.due} review{'s' if counts.due != 1 else ''} due",
                             "Decisions whose review-by time has passed (Decision log)",
                             colour=theme.colour("bad"))
        else:
            self.reviews.set("No reviews due", "No decision is past its review-by time")

    def show_lines_due(self, due, shown: bool) -> None:
        """Talking points someone must act on: expired, expiring soon, review due, update
        overdue, needs review (the word says it; red when any is overdue)."""
        self.lines_due.setVisible(shown)
        if not shown:
            return
        if not due:
            self.lines_due.set("No lines due", "No talking point is expired, expiring or "
                               "flagged for review")
            return
        tip = "\n".join(f"{d.what.capitalize()}: {d.title}" for d in due[:12])
        state = "bad" if any(d.state == "bad" for d in due) else "warn"
        self.lines_due.set(f"{len(due)} line{'s' if len(due) != 1 else ''} due",
                           f"Talking points (Ctrl+Shift+B):\n{tip}", colour=theme.colour(state))

    def show_promises(self, summary) -> None:
        """The overdue-promise alarm: red with a count when a promised update to a
        stakeholder is past due, amber when one falls due within the hour."""
        self.promises.setVisible(bool(summary and summary.has_incident))
        if not summary or not summary.has_incident:
            return
        tip = "Update promises to stakeholders (click: Journey map, overdue promises)"
        if summary.overdue:
            n = summary.overdue
            self.promises.set_icon("warning")
            self.promises.set(f"{n} update{'s' if n != 1 else ''} OVERDUE", tip,
                              colour=theme.colour("bad"))
        elif summary.due_soon:
            self.promises.set_icon("journey-map")
            self.promises.set(f"{summary.due_soon} update due within 1 h", tip,
                              colour=theme.colour("warn"))
        else:
            self.promises.set_icon("journey-map")
            self.promises.set("Updates on time", tip)

    def show_chain(self, chain: ChainState) -> None:
        if not self.session.is_open:
            return
        colour = {"verified": theme.colour("ok"),
                  "broken": theme.colour("bad")}.get(chain.state, "")
        self.chain.set_icon(chain.icon)
        self.chain.set(chain.word, chain.message, colour=colour)


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]
