"""The detail pane beside the heat map: pick a cell (keyboard: two lists; mouse: click the
map) and read its 9 C's, sentiment, pain points and planned actions; Edit opens the editor."""

import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from ui.views import common
from ui.widgets import timefmt
from ui.widgets.pill import Pill

STATE_PILL = {"empty": ("Empty — fill it in", "warn"), "stale": ("Stale: not reviewed in 48 h",
                                                                   "warn"),
              "ok": ("Up to date", "ok")}
LABELS = (("community", "Community"), ("context", "Context"), ("channel", "Channel"),
          ("cadence", "Cadence"), ("catalyst", "Catalyst"), ("credibility", "Credibility"),
          ("currency", "Currency"), ("culture", "Culture"), ("pain_points", "Pain points"))


class CellPane(QWidget):
    edit_requested = Signal()
    selection_changed = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.data = None
        self.group = QComboBox()
        self.group.setAccessibleName("Stakeholder group of the cell")
        self.phase = QComboBox()
        self.phase.setAccessibleName("Phase of the cell")
        self.state = Pill()
        self.body = QLabel()
        self.body.setWordWrap(True)
        self.body.setTextFormat(Qt.TextFormat.RichText)
        self.body.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.body.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(self.body)
        self.edit = common.button("Edit cell…", icon="journey-map", tip="Or double-click the "
                                  "cell on the map")
        frame, layout = common.card("Cell")
        frame.setSizePolicy(frame.sizePolicy().horizontalPolicy(),
                            frame.sizePolicy().Policy.Expanding)
        form = QFormLayout()
        form.addRow("Group:", self.group)
        form.addRow("Phase:", self.phase)
        layout.addLayout(form)
        layout.addWidget(common.hug(self.state))
        layout.addWidget(scroll, 1)
        layout.addWidget(self.edit)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(frame)
        self.group.currentIndexChanged.connect(self._changed)
        self.phase.currentIndexChanged.connect(self._changed)
        self.edit.clicked.connect(self.edit_requested)

    def show_data(self, data) -> None:
        keep = (self.group.currentData(), self.phase.currentData())
        self.data = data
        for combo, rows in ((self.group, data.stakeholders), (self.phase, data.phases)):
            combo.blockSignals(True)
            combo.clear()
            for row in rows:
                combo.addItem(row.name, row.id)
            combo.blockSignals(False)
        self.group.setCurrentIndex(max(0, self.group.findData(keep[0])))
        self.phase.setCurrentIndex(max(0, self.phase.findData(keep[1]))
                                   if keep[1] else data.current_phase)
        self._changed()

    def select(self, row: int, column: int) -> None:
        if 0 <= row < self.group.count() and 0 <= column < self.phase.count():
            self.group.setCurrentIndex(row)
            self.phase.setCurrentIndex(column)

    def selected(self):
        """(phase, group) rows of the selected cell, or None."""
        if self.data is None or self.group.currentIndex() < 0 or self.phase.currentIndex() < 0:
            return None
        return self.data.phases[self.phase.currentIndex()], \
            self.data.stakeholders[self.group.currentIndex()]

    def clear(self) -> None:
        self.data = None
        for combo in (self.group, self.phase):
            combo.blockSignals(True)
            combo.clear()
            combo.blockSignals(False)
        self.body.clear()
        self.state.set("", "neutral")
        self.edit.setEnabled(False)

    def _changed(self) -> None:
        chosen = self.selected()
        self.edit.setEnabled(chosen is not None)
        if chosen is None:
            return
        phase, group = chosen
        cell = self.data.cell(phase.id, group.id)
        text, state = STATE_PILL[self.data.cell_state(self.phase.currentIndex(), group.id)]
        self.state.set(text, state)
        self.body.setText(_describe(cell, self.data))
        self.selection_changed.emit()


def _describe(cell, data) -> str:
    from commandcenter.charts.heatmap import sentiment_text
    from commandcenter.charts.palette import SENTIMENT_WORDS
    from commandcenter.services.journey.cells import cell_input

    if cell is None:
        return "<i>Nothing here yet — Edit cell… fills in the 9 C's.</i>"
    values = cell_input(cell)
    rows = [f"<b>Sentiment:</b> {sentiment_text(values.sentiment)} "
            f"{SENTIMENT_WORDS.get(values.sentiment, 'not rated')}"]
    rows += [f"<b>{label}:</b> {html.escape(getattr(values, name))}"
             for name, label in LABELS if getattr(values, name)]
    if values.content:
        linked = ", ".join(data.content_label(i) for i in values.content)
        rows.append("<b>Content:</b> talking points " + html.escape(linked))
    for a in values.actions:
        due = f", due {timefmt.local(a.due)}" if a.due else ""
        rows.append(f"<b>Action:</b> {html.escape(a.action)} "
                    f"({html.escape(a.owner or 'no owner')}{due})")
    rows.append(f"<span>Last saved {timefmt.ago(cell.updated_at)}</span>")
    return "<br>".join(rows)
