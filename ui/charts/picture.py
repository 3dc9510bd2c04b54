"""The chart thread's side of a chart on screen: one matplotlib Figure on an Agg canvas per
chart, drawn off the GUI thread into an image the GUI thread only has to paint.

A Figure is not thread-safe, so each `FigureRenderer` is touched by the chart thread alone
(every call reaches it through `charts_runner()`, a Runner with one thread); what comes
back is a `Picture`: a QImage (reentrant, safe to hand across threads) and frozen copies of
the axes' transforms, for turning a click into data coordinates on the GUI thread.
"""

import time
from dataclasses import dataclass

from PySide6.QtGui import QImage

from ui.workers import Runner

_runner: Runner | None = None
_waiting: set = set()  # canvases whose redrawing at a new size waits for the resize to pause


def charts_runner() -> Runner:
    """The one thread every chart draws on (created on first use, on the GUI thread)."""
    global _runner
    if _runner is None:
        from PySide6.QtWidgets import QApplication

        _runner = Runner(QApplication.instance(), threads=1)
    return _runner


def charts_idle() -> bool:
    """No chart is being drawn, waiting to be shown or to be drawn at a new size (tests,
    benchmarks, screenshots)."""
    return (_runner is None or _runner.idle) and not _waiting


def waiting(canvas, yes: bool) -> None:
    """`canvas` will draw again shortly (yes) or has nothing more to draw (no)."""
    if yes:
        _waiting.add(canvas)
    else:
        _waiting.discard(canvas)


@dataclass(frozen=True)
class Axes:
    """Where one axes lies in the picture (display pixels, origin bottom left) and the
    transform from those pixels to its data coordinates."""

    extent: tuple[float, float, float, float]  # x0, y0, x1, y1
    to_data: object  # matplotlib Transform, frozen

    def data_at(self, x: float, y: float) -> tuple[float, float] | None:
        x0, y0, x1, y1 = self.extent
        if not (x0 <= x <= x1 and y0 <= y <= y1):
            return None
        dx, dy = self.to_data.transform((x, y))
        return float(dx), float(dy)


@dataclass(frozen=True)
class Picture:
    image: QImage  # physical pixels; its devicePixelRatio says how many per logical one
    axes: tuple[Axes, ...]
    paint: str  # "full" (the whole figure drawn) or "cells" (only the cells an edit changed)
    draw_ms: float  # time on the chart thread


def image_of(figure, ratio: float = 1.0) -> QImage:
    """What an Agg figure last drew, as a QImage of its own (the Agg buffer is drawn over in
    place by the next drawing, so the pixels are copied)."""
    import numpy as np

    pixels = np.asarray(figure.canvas.buffer_rgba())
    height, width = pixels.shape[0], pixels.shape[1]
    # An image that owns its memory, filled by copying: a QImage made over a Python
    # buffer hands that buffer back from whichever thread frees the image.
    image = QImage(width, height, QImage.Format.Format_RGBA8888)
    rows = np.frombuffer(image.bits(), dtype=np.uint8).reshape(height, image.bytesPerLine())
    rows[:, :width * 4] = pixels.reshape(height, width * 4)
    image.setDevicePixelRatio(ratio)
    return image


class FigureRenderer:
    """One chart's Figure, drawn again for new data or a new size. Chart thread only."""

    def __init__(self, chart: str):
        self.chart = chart
        self.figure = None
        self._shape: tuple | None = None  # (width px, height px, pixel ratio) last drawn

    def render(self, data, style, width: int, height: int, ratio: float) -> Picture:
        from commandcenter.charts.build import drawer

        started = time.perf_counter()
        module = drawer(self.chart)
        shape = (width, height, ratio)
        self._fit(style, shape)
        # After an edit the heat map paints only the cells that changed, the timeline only
        # its marks; a first drawing, another size or a change behind them draws it all.
        boxes = None
        if shape == self._shape and hasattr(module, "redraw"):
            boxes = module.redraw(self.figure, data, style)
        if boxes is None:
            module.draw(self.figure, data, style)
            self.figure.canvas.draw()
        self._shape = shape
        return Picture(self._image(ratio), self._axes(), "full" if boxes is None else "cells",
                       (time.perf_counter() - started) * 1000)

    def clear(self) -> None:
        """Forget what was drawn (the vault locked): the figure, its artists and pixels."""
        self.figure = None
        self._shape = None

    def _fit(self, style, shape: tuple) -> None:
        from commandcenter.charts.render import new_figure

        width, height, ratio = shape
        dpi = 100 * ratio
        if self.figure is None:
            self.figure = new_figure(width / dpi, height / dpi, style, dpi=dpi)
            self.figure._ccc_live = True  # a chart may keep a picture to redraw over
        elif shape != self._shape:
            self.figure.set_dpi(dpi)
            self.figure.set_size_inches(width / dpi, height / dpi)

    def _image(self, ratio: float) -> QImage:
        return image_of(self.figure, ratio)

    def _axes(self) -> tuple[Axes, ...]:
        return tuple(Axes(tuple(ax.bbox.extents), ax.transData.inverted().frozen())
                     for ax in self.figure.axes if ax.get_visible())
