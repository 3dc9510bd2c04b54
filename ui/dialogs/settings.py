"""Vault settings (leads): how long the vault may sit idle before it locks itself, how
many approvers must approve a talking point version (four eyes: never its author), and the
war-room contact every spokesperson sees in spokesperson mode and on their briefing card."""

from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QLineEdit, QSpinBox

from ui.dialogs.base import ServiceDialog
from ui.session import VaultSession

AUTO_LOCK_CHOICES = (1, 2, 3, 5, 10, 15, 20, 30, 45, 60, 90, 120, 180, 240)


class SettingsDialog(ServiceDialog):
    def __init__(self, session: VaultSession, *, auto_lock_minutes: int,
                 approvals_required: int = 1, war_room_contact: str = "", parent=None):
        super().__init__(session, "Vault settings", "Save", parent)
        self.auto_lock = QComboBox()
        self.auto_lock.setAccessibleName("Auto-lock after idle")
        choices = sorted(set(AUTO_LOCK_CHOICES) | {auto_lock_minutes})  # keep an odd value
        for minutes in choices:
            self.auto_lock.addItem(_label(minutes), minutes)
        self.auto_lock.setCurrentIndex(self.auto_lock.findData(auto_lock_minutes))
        note = QLabel("The vault locks itself after this long without keyboard or mouse "
                      "activity, measured by the wall clock, so time asleep counts too.")
        note.setWordWrap(True)
        note.setObjectName("muted")
        self.approvals = QSpinBox()
        self.approvals.setRange(1, 5)
        self.approvals.setValue(approvals_required)
        self.approvals.setAccessibleName("Approvals required for a talking point")
        self.war_room = QLineEdit(war_room_contact)
        self.war_room.setMaxLength(300)
        self.war_room.setPlaceholderText("Name, role · phone · e-mail")
        self.war_room.setAccessibleName("War-room contact for spokespersons")
        self.war_room.setMinimumWidth(360)
        form = QFormLayout()
        form.addRow("Auto-lock after:", self.auto_lock)
        form.addRow("Talking-point approvals:", self.approvals)
        form.addRow("War-room contact:", self.war_room)
        widgets = [form, note]
        if not session.is_lead:
            self.auto_lock.setEnabled(False)
            self.approvals.setEnabled(False)
            self.war_room.setEnabled(False)
            self.ok.setEnabled(False)
            lead_note = QLabel("Only a war-room lead can change vault settings.")
            lead_note.setWordWrap(True)
            widgets.append(lead_note)
        self.finish_layout(*widgets)

    def set_minutes(self, minutes: int) -> None:
        index = self.auto_lock.findData(minutes)
        if index < 0:
            self.auto_lock.addItem(_label(minutes), minutes)
            index = self.auto_lock.count() - 1
        self.auto_lock.setCurrentIndex(index)

    def submit(self) -> None:
        self.run(save_settings, "save settings", auto_lock_minutes=int(
            self.auto_lock.currentData()), approvals_required=self.approvals.value(),
            war_room_contact=self.war_room.text().strip())


def save_settings(vault, *, auto_lock_minutes: int, approvals_required: int,
                  war_room_contact: str | None = None) -> None:
    """Values come from bounded controls; only what changed is written (and audited)."""
    from commandcenter.services import settings

    values = [("auto_lock_minutes", auto_lock_minutes),
              ("approvals_required", approvals_required)]
    if war_room_contact is not None:
        values.append(("war_room_contact", war_room_contact))
    for key, value in values:
        if settings.get_setting(vault, key) != value:
            settings.set_setting(vault, key=key, value=value)


def _label(minutes: int) -> str:
    if minutes % 60 == 0:
        hours = minutes // 60
        return f"{hours} hour{'s' * (hours != 1)}"
    return f"{minutes} minute{'s' * (minutes != 1)}"
