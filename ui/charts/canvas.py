"""A chart on screen: the core's `draw(fig, data, style)`, drawn on the chart thread
(ui/charts/picture.py) and shown here as an image.

The GUI thread never runs matplotlib: a month of 30,000 events takes the chart thread a few
hundred milliseconds to draw, which on the GUI thread was a frozen window (issue 9). While
a drawing is under way the last picture stays up; when several requests pile up (data
arriving while the window is resized) only the newest is drawn. A chart that is not on
screen draws when it is shown. matplotlib itself is imported by the first drawing, on the
chart thread, so the app never holds it in memory before a chart is wanted. `last_draw_ms` (request → picture shown) and `last_paint`
are what the benchmarks and tests read.
"""

import logging
import time

from PySide6.QtCore import QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QLabel, QSizePolicy, QStackedLayout, QWidget
from shiboken6 import isValid

from ui import theme
from ui.charts import picture as pictures
from ui.charts.picture import FigureRenderer, Picture, charts_runner

log = logging.getLogger(__name__)
RESIZE_PAUSE_MS = 120  # draw again at the new size once the resizing pauses
FAILED = "The chart could not be drawn — the details are in the log."
DRAWING = "Drawing the chart…"


def chart_style():
    from commandcenter.charts.palette import Style

    return Style(background=theme.colour("surface"), text=theme.colour("text"),
                 muted=theme.colour("muted"), grid=theme.colour("border"),
                 band=theme.colour("header"), font_size=9.0)


class _PictureView(QWidget):
    """Paints the chart's last picture, stretched to the widget while a resize is drawn."""

    def __init__(self, owner: "ChartCanvas"):
        super().__init__(owner)
        self.owner = owner
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)

    def paintEvent(self, _event) -> None:  # noqa: N802 (Qt API)
        picture = self.owner.picture
        painter = QPainter(self)
        if picture is None:
            painter.fillRect(self.rect(), theme.colour("surface"))
            return
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        painter.drawImage(QRectF(self.rect()), picture.image)

    def mousePressEvent(self, event) -> None:  # noqa: N802
        self.owner._clicked_at(event.position(), double=False)

    def mouseDoubleClickEvent(self, event) -> None:  # noqa: N802
        self.owner._clicked_at(event.position(), double=True)


class ChartCanvas(QWidget):
    """Shows one chart kind ("journey-map", "timeline", "cadence") for the data it gets."""

    clicked = Signal(float, float, bool)  # x, y in data coordinates; double click

    def __init__(self, chart: str, empty_text: str, parent=None):
        super().__init__(parent)
        self.chart = chart
        self.data = None
        self.picture: Picture | None = None
        self.last_draw_ms: float | None = None
        self.last_paint = ""  # "full" or "cells" (benchmarks and tests)
        self._renderer = FigureRenderer(chart)  # the chart thread's alone
        self._pending = False  # data arrived while hidden: draw when shown
        self._busy = False  # a drawing is under way on the chart thread
        self._queued = False  # and another was asked for meanwhile
        self._forgotten = 0  # results of drawings started before this count are dropped
        self._started = 0
        self._resize = QTimer(self, singleShot=True, interval=RESIZE_PAUSE_MS)
        self._resize.timeout.connect(self._resized)
        self._stack = QStackedLayout(self)
        self.empty = QLabel(empty_text)
        self.empty.setObjectName("muted")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.view = _PictureView(self)
        self._stack.addWidget(self.empty)
        self._stack.addWidget(self.view)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAccessibleName(f"{chart.replace('-', ' ')} chart")

    # --- data in ------------------------------------------------------------------------

    def show_data(self, data) -> None:
        """Draw `data` (a JourneyData) on the chart thread. A chart that is not on screen
        (another area, another tab) draws when it is shown, so a reload never spends time
        on charts nobody sees."""
        self.data = data
        if not self.isVisible():
            self._pending = True
            return
        self._request()

    def show_empty(self, text: str | None = None) -> None:
        self._pending = False
        if text is not None:
            self.empty.setText(text)
        self._stack.setCurrentWidget(self.empty)

    def clear(self) -> None:
        """Forget the data and the picture (on lock: nothing stays on screen or in the
        chart thread's figure); a drawing under way is dropped when it arrives."""
        self.data = None
        self.picture = None
        self._pending = self._queued = False
        self._resize.stop()
        pictures.waiting(self, False)
        self._forgotten = self._started
        charts_runner().run(self._renderer.clear, label=f"{self.chart} chart: clear")
        self._stack.setCurrentWidget(self.empty)

    @property
    def figure(self):
        """The chart thread's figure — for tests, read only once `charts_idle()`."""
        return self._renderer.figure

    # --- drawing ------------------------------------------------------------------------

    def _request(self) -> None:
        if self.data is None or not self.isVisible():
            return
        if self._busy:
            self._queued = True  # drawn when the one under way is back, with the newest data
            return
        if self.picture is None:  # the first drawing (matplotlib loads with it)
            self.empty.setText(DRAWING)
            self._stack.setCurrentWidget(self.empty)
        self._busy = True
        self._started += 1
        number, data, started = self._started, self.data, time.perf_counter()
        ratio = self.devicePixelRatioF()
        size = self._pixel_size()
        width, height = size.width(), size.height()
        style = chart_style()
        charts_runner().run(
            lambda: self._renderer.render(data, style, width, height, ratio),
            label=f"{self.chart} chart",
            on_done=lambda picture: self._drawn(number, picture, started),
            on_error=lambda exc: self._failed(number, exc))

    def _drawn(self, number: int, picture: Picture, started: float) -> None:
        if not isValid(self):  # the widget went (a window closed) while it was drawn
            return
        self._busy = False
        if number > self._forgotten:
            self.picture = picture
            self.last_paint = picture.paint
            self._stack.setCurrentWidget(self.view)
            self.view.update()
            self.last_draw_ms = (time.perf_counter() - started) * 1000
            if not self._queued and picture.image.size() != self._pixel_size():
                self._redraw_soon()  # resized while it was being drawn
        self._next()

    def _pixel_size(self) -> QSize:
        ratio = self.devicePixelRatioF()
        return QSize(max(1, round(self.width() * ratio)), max(1, round(self.height() * ratio)))

    def _redraw_soon(self) -> None:
        self._resize.start()
        pictures.waiting(self, True)

    def _resized(self) -> None:
        pictures.waiting(self, False)
        self._request()

    def _failed(self, number: int, exc: BaseException) -> None:
        if not isValid(self):
            return
        self._busy = False
        log.error("the %s chart could not be drawn (%s)", self.chart, type(exc).__name__)
        if number > self._forgotten:
            self.show_empty(FAILED)
        self._next()

    def _next(self) -> None:
        if self._queued:
            self._queued = False
            self._request()

    # --- Qt events ----------------------------------------------------------------------

    def showEvent(self, event) -> None:  # noqa: N802 (Qt API)
        super().showEvent(event)
        if self._pending and self.data is not None:
            self._pending = False
            self._request()

    def hideEvent(self, event) -> None:  # noqa: N802
        super().hideEvent(event)
        if self._resize.isActive():  # drawn at its new size when shown again
            self._resize.stop()
            pictures.waiting(self, False)
            self._pending = self.data is not None

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        if self.data is not None and self.isVisible():
            self._redraw_soon()  # the old picture, stretched, until the pause

    def _clicked_at(self, position, double: bool) -> None:
        picture = self.picture
        if picture is None or self.view.width() < 1 or self.view.height() < 1:
            return
        # Widget position → the picture's display pixels (matplotlib's origin: bottom left).
        image = picture.image
        x = position.x() / self.view.width() * image.width()
        y = (1 - position.y() / self.view.height()) * image.height()
        for axes in picture.axes:
            at = axes.data_at(x, y)
            if at is not None:
                self.clicked.emit(at[0], at[1], double)
                return
