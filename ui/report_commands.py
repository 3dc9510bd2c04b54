"""The Reports menu: the briefing pack saved as PDF (where the user chooses, after saying it is
not encrypted) or printed, and printing the other PDF reports (briefing card, inquiry record)
through the same print path (ui.printing). Every report is built on the worker with progress;
the GUI thread only asks and shows."""

from pathlib import Path

from PySide6.QtCore import QObject, Signal

from ui.printing import ReportPrinter
from ui.session import VaultSession
from ui.widgets.progress import TaskProgress
from ui.workers import user_message

PACK_STEPS = {0: "Reading the situation from the vault…",
              1: "Drawing the journey heat map and the timeline…",
              2: "Laying out the pages…", 3: "Writing the file…", 4: "Done."}


def pack_bytes(vault) -> bytes:
    from commandcenter.reports import briefing_pack

    return briefing_pack.build(vault).data


def write_pack(vault, *, out: Path, progress=None) -> dict:
    from commandcenter.reports import briefing_pack

    return briefing_pack.export_pack(vault, Path(out), progress=progress)


def card_bytes(vault, *, spokesperson_id: str | None) -> bytes:
    from commandcenter.reports import briefing_card

    return briefing_card.build(vault, spokesperson_id=spokesperson_id)[0]


def inquiry_bytes(vault, *, since=None, until=None, incident: str = "") -> bytes:
    from commandcenter.reports import inquiry
    from commandcenter.services import decisions

    vault.actor.require(*decisions.READERS, action="print the decision log")
    return inquiry.build_pdf(vault, since=since, until=until, incident=incident)[0]


class ReportCommands(QObject):
    notice = Signal(str)
    failure = Signal(str)

    def __init__(self, session: VaultSession, window):
        super().__init__(window)
        self.session, self.window = session, window
        self.printer = ReportPrinter(session, window)
        self.printer.notice.connect(self.notice)
        self.printer.failure.connect(self.failure)
        self.progress: TaskProgress | None = None

    # --- the briefing pack --------------------------------------------------------------

    def briefing_pack(self, path: str | None = None, *, confirm: bool = True) -> None:
        from ui import exporting

        if not self.session.is_open:
            return
        if path is None:
            path = exporting.choose_path(self.window, "Save the briefing pack",
                                         "briefing-pack.pdf", "PDF files (*.pdf)")
        if not path:
            return
        if not path.lower().endswith(".pdf"):
            path += ".pdf"
        if confirm and not exporting.confirm_plaintext(
                self.window, "the briefing pack (situation, decisions in force, current lines, "
                "Q&A, do-not-say list, promises)", path):
            return
        if not self.session.is_open:  # locked while the dialogs were open
            return
        self.progress = TaskProgress(self.window, "Briefing pack", PACK_STEPS[0],
                                     len(PACK_STEPS) - 1)
        self.session.call(write_pack, out=Path(path), reload=False, label="briefing pack",
                          on_progress=self._step, on_done=self._saved, on_error=self._fail)

    def _step(self, done: int, _total: int) -> None:
        if self.progress is not None:
            self.progress.step(done, PACK_STEPS.get(done, ""))

    def _saved(self, summary: dict) -> None:
        self._finish()
        self.notice.emit(f"Briefing pack saved to {summary['file']} ({summary['pages']} pages, "
                         f"stamp {summary['stamp']}). It is not encrypted.")

    def _fail(self, exc: BaseException) -> None:
        self._finish()
        self.failure.emit(user_message(exc))

    def _finish(self) -> None:
        if self.progress is not None:
            self.progress.finish()
            self.progress = None

    # --- printing -----------------------------------------------------------------------

    def print_briefing_pack(self, *, ask=None, printer=None) -> None:
        self.printer.print_report(pack_bytes, title="briefing pack", ask=ask, printer=printer)

    def print_briefing_card(self, person=None, *, ask=None, printer=None) -> None:
        """A spokesperson prints their own card; anyone else the person chosen."""
        if not self.session.is_open:
            return
        own = self.session.actor.role == "spokesperson"
        if not own:
            person = person or self.window.briefing_commands.choose_person(
                "Print a briefing card")
            if person is None:
                return
        self.printer.print_report(card_bytes, title="briefing card", ask=ask, printer=printer,
                                  spokesperson_id=None if own else person.id)

    def print_inquiry(self, *, since=None, until=None, ask=None, printer=None) -> None:
        snap = self.session.snapshot
        active = snap.active_incident if snap else None
        self.printer.print_report(inquiry_bytes, title="decision log inquiry record", ask=ask,
                                  printer=printer, since=since, until=until,
                                  incident=f"{active.code} {active.title}" if active else "")
