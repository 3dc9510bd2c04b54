"""Vault settings (leads): how long the vault may sit idle before it locks itself."""

from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel

from ui.dialogs.base import ServiceDialog
from ui.session import VaultSession

AUTO_LOCK_CHOICES = (1, 2, 3, 5, 10, 15, 20, 30, 45, 60, 90, 120, 180, 240)


class SettingsDialog(ServiceDialog):
    def __init__(self, session: VaultSession, *, auto_lock_minutes: int, parent=None):
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
        form = QFormLayout()
        form.addRow("Auto-lock after:", self.auto_lock)
        widgets = [form, note]
        if not session.is_lead:
            self.auto_lock.setEnabled(False)
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
        from commandcenter.services import settings

        self.run(settings.set_setting, "save settings", key="auto_lock_minutes",
                 value=int(self.auto_lock.currentData()))


def _label(minutes: int) -> str:
    if minutes % 60 == 0:
        hours = minutes // 60
        return f"{hours} hour{'s' * (hours != 1)}"
    return f"{minutes} minute{'s' * (minutes != 1)}"
