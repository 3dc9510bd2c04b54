"""Spokesperson mode: one person's lines and nothing else (DESIGN §4, issue 6).

A spokesperson operator sees only this after unlocking; any other operator reaches it with
"View as spokesperson…". First what changed since the last acknowledgement (word-level), then
the current lines by audience, Q&A, the do-not-say list, countdowns to expiry and review,
the backup's and the war room's contact, the card code — and one action: Acknowledge.
What it shows comes from services.briefing.load, which applies the same rules itself."""

from datetime import UTC, datetime

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QTextBrowser, QWidget

from ui.session import VaultSession
from ui.views import common
from ui.views.follow import follow_snapshots
from ui.views.briefing_html import page
from ui.widgets.feedback import FieldError
from ui.widgets.pill import Pill
from ui.workers import user_message


class SpokespersonModeView(QWidget):
    acknowledged = Signal(str)  # a notice for the status bar
    leave_requested = Signal()  # "back to the war room" (operators viewing as someone)

    def __init__(self, session: VaultSession, parent=None):
        super().__init__(parent)
        self.session = session
        self.person_id: str | None = None  # None: the acting spokesperson themselves
        self.active = False  # shown: reloads follow every change; hidden: nothing is read
        self.briefing = None
        self.ack_button = common.button("Acknowledge", icon="shield-check", primary=True,
                                        tip="I have read these versions of my lines")
        self.leave_button = common.button("Back to the war room")
        layout = common.page_layout(self, "My lines", self.leave_button, self.ack_button)
        self.title = layout.itemAt(0).layout().itemAt(0).widget()
        self.state = Pill()
        self.code = QLabel()
        self.code.setAccessibleName("Card code")
        self.who = common.muted()  # wraps: a long incident title must not widen the window
        self.who.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        row = QHBoxLayout()
        row.addWidget(self.state)
        row.addWidget(self.code)
        row.addWidget(self.who, 1)
        layout.addLayout(row)
        self.text = QTextBrowser()
        self.text.setOpenLinks(False)
        self.text.setAccessibleName("Lines, changes and contacts")
        layout.addWidget(self.text, 1)
        self.error = FieldError(self)
        layout.addWidget(self.error)
        self.ack_button.clicked.connect(lambda: self.acknowledge())
        self.leave_button.clicked.connect(self.leave_requested)
        self.snapshots = follow_snapshots(self, self.session, lambda _snap: self.reload())
        self.clear()

    def show_person(self, person_id: str | None) -> None:
        """Whose lines: a roster id, or None for the acting spokesperson."""
        self.clear()
        self.person_id, self.active = person_id, True
        self.reload()

    def clear(self) -> None:
        self.briefing, self.active, self.person_id = None, False, None
        self.text.clear()
        self.error.clear()
        self.code.clear()
        self.who.clear()
        self.state.set("", "neutral")
        self.ack_button.setEnabled(False)
        actor = self.session.actor
        self.leave_button.setVisible(actor is not None and actor.role != "spokesperson")

    def reload(self) -> None:
        from commandcenter.services import briefing

        if not self.session.is_open or not self.active:
            return
        self.session.call(briefing.load, spokesperson_id=self.person_id, reload=False,
                          label="spokesperson view", on_done=self.show_briefing,
                          on_error=lambda exc: self.error.show_error(user_message(exc)))

    def show_briefing(self, b) -> None:
        self.briefing = b
        self.error.clear()
        self.title.setText(f"My lines — {b.name}" if b.is_self else f"Lines of {b.name}")
        self.state.set(b.holding.word, b.holding.pill_state,
                       "Every line as you last acknowledged it" if b.holding.state == "current"
                       else "")
        self.code.setText(f"Card code <b>{b.code}</b>")
        self.code.setToolTip("The same code is printed on the briefing card: read it back to "
                             "the war room to confirm you hold the current card.")
        self.who.setText(self._ack_text(b))
        self.text.setHtml(page(b, datetime.now(UTC)))
        self.ack_button.setEnabled(bool(b.holding.snapshot))
        self.ack_button.setText("Acknowledge" if b.is_self else "Acknowledge on their behalf")

    @staticmethod
    def _ack_text(b) -> str:
        from ui.widgets import timefmt

        if b.last_ack is None:
            return f"{b.incident} · never acknowledged"
        by = f" by {b.last_ack.operator_name} on their behalf" if b.last_ack.on_behalf else ""
        return f"{b.incident} · last acknowledged {timefmt.ago(b.last_ack.at)}{by}"

    def acknowledge(self) -> None:
        from commandcenter.services import briefing

        b = self.briefing
        if b is None:
            return
        self.session.call(briefing.acknowledge, spokesperson_id=self.person_id, code=b.code,
                          label="acknowledge",
                          on_done=lambda _row: self.acknowledged.emit(
                              f"Acknowledged {b.name}'s lines (card {b.code})."),
                          on_error=lambda exc: self.error.show_error(user_message(exc)))
