"""Spokespersons and their lines, from the menu and the roster's buttons: assign and
unassign a line, view as a spokesperson, and print a briefing card (asked first: the card
is not encrypted). Choices are read on the worker, then asked for on the GUI thread."""

from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QInputDialog

from ui.session import VaultSession
from ui.workers import user_message


def write_card(vault, *, out: Path, spokesperson_id: str | None):
    from commandcenter.reports import briefing_card

    return briefing_card.export_card(vault, Path(out), spokesperson_id=spokesperson_id)


class BriefingCommands(QObject):
    notice = Signal(str)
    failure = Signal(str)

    def __init__(self, session: VaultSession, window):
        super().__init__(window)
        self.session, self.window = session, window

    def _fail(self, exc: BaseException) -> None:
        self.failure.emit(user_message(exc))

    def _selected(self):
        row = self.window.views["spokespersons"].selected()
        return row.person if row is not None else None

    def choose_person(self, title: str):
        """The roster's selected person, else one picked by name (None: cancelled)."""
        rows = self.window.views["spokespersons"].rows
        if not rows:
            self.failure.emit("Nobody is on the roster yet.")
            return None
        names = [r.person.name for r in rows]
        chosen = self._selected()
        current = names.index(chosen.name) if chosen and chosen.name in names else 0
        name, ok = QInputDialog.getItem(self.window, title, "Spokesperson:", names, current,
                                        False)
        return rows[names.index(name)].person if ok else None

    # --- view as ------------------------------------------------------------------------

    def view_as(self, person=None) -> None:
        person = person or self.choose_person("View as spokesperson")
        if person is not None:
            self.window.show_spokesperson_mode(person.id)

    # --- assign / unassign --------------------------------------------------------------

    def assign(self, person=None, point_id: str | None = None) -> None:
        from commandcenter.services import briefing

        person = person or self._selected()
        if person is None or not self.session.is_open:
            return
        if point_id is not None:
            self._assign(person, point_id)
            return
        self.session.call(briefing.assignable_lines, spokesperson_id=person.id, reload=False,
                          label="lines to assign", on_error=self._fail,
                          on_done=lambda choices: self._pick_line(person, choices))

    def _pick_line(self, person, choices) -> None:
        if not choices:
            self.failure.emit("No approved line is left to assign in the active incident.")
            return
        labels = [t if not why else f"{t}  — not cleared" for _p, t, why in choices]
        label, ok = QInputDialog.getItem(self.window, "Assign a line",
                                         f"Line for {person.name}:", labels, 0, False)
        if ok:
            self._assign(person, choices[labels.index(label)][0])

    def _assign(self, person, point_id: str) -> None:
        from commandcenter.services import briefing

        self.session.call(briefing.assign, spokesperson_id=person.id, point_id=point_id,
                          label="assign line", on_error=self._fail,
                          on_done=lambda _r: self.notice.emit(
                              f"Line assigned to {person.name}."))

    def unassign(self, person=None, point_id: str | None = None) -> None:
        from commandcenter.services import briefing

        person = person or self._selected()
        if person is None or not self.session.is_open:
            return
        if point_id is not None:
            self._unassign(person, point_id)
            return
        self.session.call(briefing.assigned_lines, spokesperson_id=person.id, reload=False,
                          label="assigned lines", on_error=self._fail,
                          on_done=lambda held: self._pick_held(person, held))

    def _pick_held(self, person, held) -> None:
        if not held:
            self.failure.emit(f"{person.name} has no line assigned.")
            return
        titles = [t for _p, t in held]
        title, ok = QInputDialog.getItem(self.window, "Unassign a line",
                                         f"Line to take from {person.name}:", titles, 0, False)
        if ok:
            self._unassign(person, held[titles.index(title)][0])

    def _unassign(self, person, point_id: str) -> None:
        from commandcenter.services import briefing

        self.session.call(briefing.unassign, spokesperson_id=person.id, point_id=point_id,
                          label="unassign line", on_error=self._fail,
                          on_done=lambda _r: self.notice.emit(
                              f"Line taken from {person.name}."))

    # --- briefing card ------------------------------------------------------------------

    def briefing_card(self, person=None, path: str | None = None, *,
                      confirm: bool = True) -> None:
        """A spokesperson prints their own card; others print the chosen person's."""
        from ui import exporting

        if not self.session.is_open:
            return
        own = self.session.actor.role == "spokesperson"
        if not own:
            person = person or self.choose_person("Print a briefing card")
            if person is None:
                return
        name = "my" if own else person.name
        if path is None:
            slug = "my" if own else person.name.lower().replace(" ", "-")
            path = exporting.choose_path(self.window, "Save the briefing card",
                                         f"briefing-card-{slug}.pdf", "PDF files (*.pdf)")
        if not path or confirm and not exporting.confirm_plaintext(
                self.window, f"{name} briefing card (lines, do-not-say list, contacts)", path):
            return
        self.session.call(write_card, out=Path(path),
                          spokesperson_id=None if own else person.id, reload=False,
                          label="briefing card", on_error=self._fail,
                          on_done=lambda r: self.notice.emit(
                              f"Briefing card saved to {r['file']} (code {r['code']}). "
                              "It is not encrypted."))
