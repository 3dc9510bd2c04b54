"""Team: the operators who can unlock this vault, adding and revoking them (leads), and my
own passphrase and keychain choice."""

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QHBoxLayout, QMessageBox, QProgressDialog, QVBoxLayout, QWidget,
)

from ui.qtmodels.columns import ROLE_LABELS
from ui.qtmodels.models import OperatorTableModel
from ui.session import VaultSession
from ui.views import common
from ui.views.follow import follow_snapshots
from ui.widgets import timefmt
from ui.widgets.feedback import FieldError
from ui.widgets.pill import Pill
from ui.workers import user_message

LEADS_ONLY = "Only a war-room lead can do this."


class TeamView(QWidget):
    add_requested = Signal()
    give_access_requested = Signal(object)  # the operator (no key slot on this laptop)
    change_passphrase_requested = Signal()
    keychain_opt_in_requested = Signal(str)  # the keychain's label

    def __init__(self, session: VaultSession, parent=None):
        super().__init__(parent)
        self.session = session
        self.model = OperatorTableModel(self)
        self.snapshot = None
        self.add_button = common.button("Add operator…", icon="operators", primary=True)
        self.revoke_button = common.button("Revoke…")
        self.access_button = common.button("Give access…", icon="key")
        layout = common.page_layout(self, "Team", self.access_button, self.revoke_button,
                                    self.add_button)
        self.table = common.table(self.model, "Operators", stretch=0, widths=(240, 160, 100))
        layout.addWidget(common.split(self.table, self._side_pane(), (580, 460)), 1)
        self.message = common.muted()
        self.error = FieldError(self)
        layout.addWidget(self.message)
        layout.addWidget(self.error)
        self._connect_callbacks()
        self.clear()

    def _side_pane(self) -> QWidget:
        wrapper = QWidget()
        wrapper.setMinimumWidth(340)
        outer = QVBoxLayout(wrapper)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(12)
        pane, form = common.detail_form()
        self.d_name = common.heading("", 2)
        self.d_status = Pill()
        self.d_role = common.value_label()
        self.d_added = common.value_label()
        self.d_revoked = common.value_label()
        self.d_access = common.value_label()
        form.addRow(self.d_name)
        form.addRow("Status:", common.hug(self.d_status))
        form.addRow("Role:", self.d_role)
        form.addRow("Added:", self.d_added)
        form.addRow("Revoked:", self.d_revoked)
        form.addRow("Key slot:", self.d_access)
        self.detail = pane
        me, me_layout = common.card("My access")
        self.me_text = common.value_label()
        self.keychain_text = common.muted()
        self.change_pass = common.button("Change my passphrase…", icon="key")
        self.keychain_button = common.button("")
        row = QHBoxLayout()
        row.addWidget(self.change_pass)
        row.addWidget(self.keychain_button)
        row.addStretch(1)
        me_layout.addWidget(self.me_text)
        me_layout.addWidget(self.keychain_text)
        me_layout.addLayout(row)
        outer.addWidget(pane)
        outer.addWidget(me)
        outer.addStretch(1)
        return wrapper

    def _connect_callbacks(self) -> None:
        self.add_button.clicked.connect(self.add_requested)
        self.revoke_button.clicked.connect(lambda: self.revoke_selected())
        self.access_button.clicked.connect(
            lambda: self.selected() and self.give_access_requested.emit(self.selected()))
        self.change_pass.clicked.connect(self.change_passphrase_requested)
        self.keychain_button.clicked.connect(self.toggle_keychain)
        self.table.selectionModel().selectionChanged.connect(self._show_selected)
        self.snapshots = follow_snapshots(self, self.session, self.show_snapshot)

    # --- content ------------------------------------------------------------------------

    def clear(self) -> None:
        self.snapshot = None
        self.model.clear()
        self.message.clear()
        self.error.clear()
        self.me_text.clear()
        self.keychain_text.clear()
        self.keychain_button.setVisible(False)
        self._show_detail(None)

    def show_snapshot(self, snap) -> None:
        selected = self.selected()
        self.snapshot = snap
        self.model.set_rows(snap.operators)
        keep = selected.id if selected else (self.session.actor.id if self.session.actor
                                             else None)
        row = self.model.row_of(lambda o: o.id == keep)
        if self.model.rowCount():
            self.table.selectRow(max(row, 0))
        else:
            self._show_detail(None)
        lead = self.session.is_lead
        self.add_button.setEnabled(lead)
        self.add_button.setToolTip("Give someone a key slot" if lead else LEADS_ONLY)
        self._show_me(snap)

    def _show_me(self, snap) -> None:
        actor = self.session.actor
        self.me_text.setText(f"You are {actor.name}, {ROLE_LABELS.get(actor.role, actor.role)}."
                             f" This session was unlocked with: {snap.status.key_store}.")
        if snap.my_keychain:
            self.keychain_text.setText(f"Keychain: on — the {snap.my_keychain} keeps your key "
                                       "and opens the vault when the app starts.")
            self.keychain_button.setText("Stop using the keychain")
            self.keychain_button.setVisible(True)
        elif snap.keychain_available:
            self.keychain_text.setText(f"Keychain: off — you unlock with your passphrase. "
                                       f"This computer has the {snap.keychain_available}.")
            self.keychain_button.setText("Use the keychain…")
            self.keychain_button.setVisible(True)
        else:
            self.keychain_text.setText("No keychain on this computer — you unlock with your "
                                       "passphrase.")
            self.keychain_button.setVisible(False)

    def selected(self):
        return common.selected_record(self.table)

    def _show_selected(self) -> None:
        self._show_detail(self.selected())

    def _show_detail(self, op) -> None:
        self.detail.setVisible(op is not None)
        self.revoke_button.setEnabled(False)
        self.access_button.setVisible(False)
        if op is None:
            return
        me = self.session.actor is not None and op.id == self.session.actor.id
        self.d_name.setText(op.name + ("  (you)" if me else ""))
        active = op.status == "active"
        self.d_status.set("Active" if active else "Revoked", "ok" if active else "neutral")
        self.d_role.setText(ROLE_LABELS.get(op.role, op.role))
        self.d_added.setText(f"{timefmt.local_with_zone(op.created_at)} "
                             f"({timefmt.ago(op.created_at)})")
        self.d_added.setToolTip(timefmt.utc(op.created_at))
        self.d_revoked.setText(timefmt.local_with_zone(op.revoked_at) if op.revoked_at else "—")
        lead = self.session.is_lead
        self._show_access(op, active, lead)
        self.revoke_button.setEnabled(lead and active and not me)
        self.revoke_button.setToolTip(LEADS_ONLY if not lead else
                                      "You cannot revoke yourself." if me else
                                      "Remove their key slot and rotate the vault key")

    def _show_access(self, op, active: bool, lead: bool) -> None:
        """After an import from an archive only the importing lead can unlock: the others
        are listed without a key slot until a lead gives them access."""
        slotless = active and self.snapshot is not None and op.id in self.snapshot.without_slot
        self.d_access.setText("none on this laptop — cannot unlock until a lead gives access"
                              if slotless else "yes" if active else "—")
        self.access_button.setVisible(slotless)
        self.access_button.setEnabled(slotless and lead)
        self.access_button.setToolTip(f"Give {op.name} a passphrase to unlock with"
                                      if lead else LEADS_ONLY)

    # --- actions ------------------------------------------------------------------------

    def revoke_selected(self, *, confirm: bool = True) -> None:
        from commandcenter.services import operators

        op = self.selected()
        if op is None or op.status != "active":
            return
        if confirm and QMessageBox.question(
                self, "Revoke operator",
                f"Revoke {op.name}'s access?\n\nTheir key slot is removed and the vault key is "
                "rotated, so an old copy of the key file with their passphrase no longer opens "
                "it. Their past entries stay in the audit trail.") \
                != QMessageBox.StandardButton.Yes:
            return
        progress = QProgressDialog(f"Revoking {op.name} and rotating the vault key…", "", 0, 0,
                                   self)
        progress.setWindowTitle("Revoking")
        progress.setCancelButton(None)
        progress.setMinimumDuration(0)
        progress.setModal(True)
        progress.show()
        self.revoke_progress = progress

        def finished(text: str, error: BaseException | None = None) -> None:
            progress.close()
            progress.deleteLater()
            self.revoke_progress = None
            if error is None:
                self._say(text)
            else:
                self._fail(error)

        self.session.call(operators.revoke_operator, operator_id=op.id,
                          on_done=lambda _r: finished(f"{op.name}'s access was revoked and the "
                                                      "vault key rotated."),
                          on_error=lambda exc: finished("", exc), label="revoke operator")

    def toggle_keychain(self) -> None:
        from commandcenter.services import operators

        snap = self.snapshot
        if snap is None:
            return
        if snap.my_keychain:
            self.session.call(operators.disable_keychain,
                              on_done=lambda _r: self._say("Your key was removed from the "
                                                           "keychain."),
                              on_error=self._fail, label="disable keychain")
        elif snap.keychain_available:
            self.keychain_opt_in_requested.emit(snap.keychain_available)

    def _say(self, text: str) -> None:
        self.error.clear()
        self.message.setText(text)

    def _fail(self, exc: BaseException) -> None:
        self.message.clear()
        self.error.show_error(user_message(exc))
