"""Journey-map and timeline commands shared by the menu and the views' buttons: the cell
editor, logging an update, promising one, phases and groups, timeline events, and chart
export to a file the user chooses (drawn for print on the worker thread)."""

from pathlib import Path

from PySide6.QtCore import QObject, QStandardPaths, Qt, Signal
from PySide6.QtWidgets import QFileDialog

from ui.session import VaultSession
from ui.workers import user_message

FILTERS = {"PNG image (*.png)": ".png", "SVG drawing (*.svg)": ".svg",
           "PDF document (*.pdf)": ".pdf"}


def with_suffix(path: str, chosen_filter: str) -> Path:
    """The suffix the user typed, or the one of the file type they picked."""
    out = Path(path)
    if out.suffix.lower() not in FILTERS.values():
        out = out.with_name(out.name + FILTERS.get(chosen_filter, ".png"))
    return out


class JourneyCommands(QObject):
    notice = Signal(str)
    failure = Signal(str)

    def __init__(self, session: VaultSession, window):
        super().__init__(window)
        self.session, self.window = session, window

    def _data(self):
        """The journey as last read (the map view's, or the timeline's)."""
        views = self.window.views
        return views["journey"].data or views["timeline"].data

    def _open(self, dialog, done_text):
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.notice.emit(done_text(dialog)))
        dialog.open()
        return dialog

    def _ready(self, need_map: bool = True):
        data = self._data()
        if not self.session.is_open or data is None:
            return None
        if need_map and not (data.phases and data.stakeholders):
            self.failure.emit("Set up the journey map first (Journey map, Set up the map).")
            return None
        return data

    def edit_cell(self):
        from ui.dialogs.journey_cell import CellDialog

        data = self._ready()
        chosen = self.window.views["journey"].pane.selected() if data else None
        if chosen is None:
            return None
        phase, group = chosen
        return self._open(CellDialog(self.session, data=data, phase=phase, group=group,
                                     parent=self.window),
                          lambda d: f"Saved the cell {group.name} × {phase.name}.")

    def log_update(self):
        from ui.dialogs.journey_acts import LogUpdateDialog

        if (data := self._ready()) is None:
            return None
        return self._open(LogUpdateDialog(self.session, data=data, parent=self.window),
                          _update_text)

    def promise(self):
        from ui.dialogs.journey_acts import PromiseDialog

        if (data := self._ready()) is None:
            return None
        return self._open(PromiseDialog(self.session, data=data, parent=self.window),
                          lambda d: "Promise recorded: it shows as overdue if no update "
                                    "comes by then.")

    def add_event(self):
        from ui.dialogs.journey_acts import EventDialog

        if (data := self._ready(need_map=False)) is None:
            return None
        return self._open(EventDialog(self.session, data=data, parent=self.window),
                          lambda d: "Event added to the timeline.")

    def structure(self):
        from ui.dialogs.journey_structure import StructureDialog

        if (data := self._ready(need_map=False)) is None:
            return None
        dialog = StructureDialog(self.session, data=data, parent=self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def set_up(self) -> None:
        from commandcenter.services import journey

        self.session.call(journey.ensure_defaults, label="set up journey map",
                          on_error=lambda exc: self.failure.emit(user_message(exc)))

    def export_chart(self, chart: str | None = None, path: str | None = None, *,
                     confirm: bool = True) -> None:
        """Ask where (unless `path` is given) and say the file is not encrypted, then draw
        and write on the worker."""
        from commandcenter.charts.build import write_report
        from ui import exporting

        if not self.session.is_open:
            return
        chart = chart or self._current_chart()
        if path is None:
            docs = QStandardPaths.writableLocation(
                QStandardPaths.StandardLocation.DocumentsLocation)
            path, chosen = QFileDialog.getSaveFileName(
                self.window, f"Export the {chart.replace('-', ' ')} chart",
                str(Path(docs) / f"{chart}.png"), ";;".join(FILTERS))
            if not path:
                return
            path = str(with_suffix(path, chosen))
        if confirm and not exporting.confirm_plaintext(
                self.window, f"the {chart.replace('-', ' ')} chart (the stakeholders, phases "
                "and what was said to them)", path):
            return
        if not self.session.is_open:  # locked while the question was open
            return
        self.session.call(write_report, chart=chart, out=Path(path), reload=False,
                          label="export chart",
                          on_error=lambda exc: self.failure.emit(user_message(exc)),
                          on_done=lambda out: self.notice.emit(
                              f"Chart saved to {out} — it is not encrypted."))

    def _current_chart(self) -> str:
        if self.window.current_area() == "timeline":
            return "timeline"
        return self.window.views["journey"].chart()


def _update_text(dialog) -> str:
    result = dialog.result_value
    kept = f"kept {result.kept} promise{'s' * (result.kept != 1)}" if result.kept else ""
    late = f"{result.late} kept late" if result.late else ""
    said = ", ".join(x for x in (kept, late) if x)
    return "Update logged" + (f" — {said}." if said else ".")
