"""A chart on screen: the core's `draw(fig, data, style)` on a FigureCanvasQTAgg.

matplotlib (and its Qt backend) is imported the first time a chart is shown, not when the
window is built, so the first window paints before it loads. A redraw reuses the figure and
canvas; `last_draw_ms` is what the benchmark reads. Colours come from the theme's roles.
"""

import time

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QSizePolicy, QStackedLayout, QWidget

from ui import theme


def chart_style():
    from commandcenter.charts.palette import Style

    return Style(background=theme.colour("surface"), text=theme.colour("text"),
                 muted=theme.colour("muted"), grid=theme.colour("border"),
                 band=theme.colour("header"), font_size=9.0)


class ChartCanvas(QWidget):
    """Shows one chart kind ("journey-map", "timeline", "cadence") for the data it gets."""

    clicked = Signal(float, float, bool)  # x, y in data coordinates; double click

    def __init__(self, chart: str, empty_text: str, parent=None):
        super().__init__(parent)
        self.chart = chart
        self.figure = None
        self.canvas = None
        self.data = None
        self.last_draw_ms: float | None = None
        self.last_paint = ""  # "full" or "cells" (benchmarks and tests)
        self._pending = False  # data arrived while hidden: draw when shown
        self._painting = False
        self._stack = QStackedLayout(self)
        self.empty = QLabel(empty_text)
        self.empty.setObjectName("muted")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self._stack.addWidget(self.empty)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAccessibleName(f"{chart.replace('-', ' ')} chart")

    def _ensure_canvas(self) -> None:
        if self.canvas is not None:
            return
        from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
        from matplotlib.figure import Figure

        self.figure = Figure(figsize=(8, 5), dpi=100)
        self.canvas = FigureCanvasQTAgg(self.figure)
        self.canvas.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.canvas.mpl_connect("button_press_event", self._pressed)
        # Margins are computed from the figure's size: lay the chart out again when the
        # canvas has resized the figure.
        self.canvas.mpl_connect("resize_event", self._resized)
        self._stack.addWidget(self.canvas)
        # Take the place of the empty text now, at full size, so the first drawing is made
        # for the size it is shown at (not drawn once small and again after a resize).
        self._painting = True
        self._stack.setCurrentWidget(self.canvas)
        self.canvas.resize(self.size())
        self._painting = False

    def show_data(self, data) -> None:
        """Draw `data` (a JourneyData) — the first drawing loads matplotlib. A chart that is
        not on screen (another area, another tab) draws when it is shown, so a reload never
        spends GUI time on charts nobody sees."""
        self.data = data
        if not self.isVisible():
            self._pending = True
            return
        self._paint(data)

    def showEvent(self, event) -> None:  # noqa: N802 (Qt API)
        super().showEvent(event)
        if self._pending and self.data is not None:
            self._pending = False
            self._paint(self.data)

    def _paint(self, data) -> None:
        from commandcenter.charts.build import drawer

        started = time.perf_counter()
        self._ensure_canvas()
        module = drawer(self.chart)
        shown = self._stack.currentWidget() is self.canvas
        # After an edit the heat map repaints only the cells that changed (blit); anything
        # else, or a first paint, draws the whole figure.
        boxes = module.redraw(self.figure, data, chart_style()) \
            if shown and hasattr(module, "redraw") else None
        if boxes is None:
            module.draw(self.figure, data, chart_style())
            self.canvas.draw()
        else:
            for box in boxes:
                self.canvas.blit(box)
        self.last_paint = "cells" if boxes is not None else "full"
        self._stack.setCurrentWidget(self.canvas)
        self.last_draw_ms = (time.perf_counter() - started) * 1000

    def show_empty(self, text: str | None = None) -> None:
        self._pending = False
        if text is not None:
            self.empty.setText(text)
        self._stack.setCurrentWidget(self.empty)

    def clear(self) -> None:
        """Forget the data and wipe the figure (on lock: nothing stays on screen)."""
        self.data = None
        self._pending = False
        if self.figure is not None:
            self.figure.clear()
            self.canvas.draw()
        self._stack.setCurrentWidget(self.empty)

    def _pressed(self, event) -> None:
        if event.inaxes is not None and event.xdata is not None:
            self.clicked.emit(float(event.xdata), float(event.ydata), bool(event.dblclick))

    def _resized(self, _event) -> None:
        width, height = self.figure.get_size_inches()
        if self._painting:
            return  # the drawing under way is made at this size already
        if self.data is not None and width > 1 and height > 1:  # not while collapsed
            from commandcenter.charts.build import drawer

            drawer(self.chart).draw(self.figure, self.data, chart_style())
            self.canvas.draw_idle()
