"""Printing a report through the system's print dialog: one path for every PDF the app makes
(briefing pack, briefing card, inquiry record), taking the PDF's bytes.

PySide6-Essentials has QtPrintSupport but no QtPdf, so each page is rasterised in memory with
pypdfium2 (PDFium) and painted onto the QPrinter the dialog set up — no temporary file, no
external viewer. Pages are rendered at the printer's resolution, capped at MAX_DPI: an A4 page
at a printer's 1200 dpi would be 560 MB of pixels, at 300 dpi it is 35 MB and prints text
crisply. A landscape page (the pack's figures) is turned a quarter left to fill portrait
paper, as printers turn landscape pages.

The dialog is injectable (`ask`), so tests print to a PDF file through a QPrinter without a
dialog. Painting runs on the worker thread (QPainter may paint on a QPrinter outside the GUI
thread), page by page with progress, so the window never freezes on a long document.
"""

from typing import Callable

from PySide6.QtCore import QObject, QRectF, Signal
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QWidget

from commandcenter.vault.errors import VaultError
from ui.widgets.progress import TaskProgress
from ui.workers import user_message

MAX_DPI = 300
Ask = Callable[[QPrinter, QWidget | None, int], bool]


class PrintFailed(VaultError):
    """The printer could not be opened or written (a message for the user)."""


def page_count(data: bytes) -> int:
    import pypdfium2

    doc = pypdfium2.PdfDocument(data)
    try:
        return len(doc)
    finally:
        doc.close()


def ask_with_dialog(printer: QPrinter, parent: QWidget | None, pages: int) -> bool:
    """The system's print dialog, with the page range offered; True when accepted."""
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(f"Print {printer.docName()}")
    dialog.setMinMax(1, pages)
    dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintPageRange, True)
    return dialog.exec() == QDialog.DialogCode.Accepted


def chosen_pages(printer: QPrinter, count: int) -> range:
    """0-based indexes of the pages to print: the dialog's range, else all of them."""
    if printer.printRange() == QPrinter.PrintRange.PageRange and printer.fromPage() > 0:
        first = min(max(printer.fromPage(), 1), count)
        last = min(printer.toPage() or count, count)
        return range(first - 1, max(first, last))
    return range(count)


def render_page(page, dpi: float, turn: bool = False) -> QImage:
    """One PDFium page as a QImage (RGB) at `dpi`, turned a quarter left when `turn`."""
    bitmap = page.render(scale=dpi / 72, rotation=270 if turn else 0, rev_byteorder=True,
                         prefer_bgrx=True, draw_annots=False)
    try:
        image = QImage(bitmap.buffer, bitmap.width, bitmap.height, bitmap.stride,
                       QImage.Format.Format_RGBX8888)
        return image.copy()  # own the pixels before PDFium frees its bitmap
    finally:
        bitmap.close()


def _target(image: QImage, paper: QRectF) -> QRectF:
    """The largest rectangle of the image's shape that fits the paper, centred."""
    scale = min(paper.width() / image.width(), paper.height() / image.height())
    w, h = image.width() * scale, image.height() * scale
    return QRectF(paper.x() + (paper.width() - w) / 2, paper.y() + (paper.height() - h) / 2,
                  w, h)


def paint(printer: QPrinter, data: bytes, *, progress=None) -> int:
    """Rasterise the chosen pages of the PDF `data` onto `printer`; returns the pages sent."""
    import pypdfium2

    doc = pypdfium2.PdfDocument(data)
    painter = QPainter()
    try:
        pages = chosen_pages(printer, len(doc))
        dpi = min(printer.resolution(), MAX_DPI)
        if not painter.begin(printer):
            raise PrintFailed("The printer could not be opened; check it is connected and "
                              "try again.")
        paper = QRectF(printer.pageLayout().fullRectPixels(printer.resolution()))
        for n, index in enumerate(pages):
            if n and not printer.newPage():
                raise PrintFailed("The printer stopped accepting pages.")
            page = doc[index]
            try:
                width, height = page.get_size()
                turn = (width > height) != (paper.width() > paper.height())
                image = render_page(page, dpi, turn)
            finally:
                page.close()
            painter.drawImage(_target(image, paper), image)
            if progress:
                progress(n + 1, len(pages))
        return len(pages)
    finally:
        if painter.isActive():
            painter.end()
        doc.close()


def new_printer(title: str) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(title)
    printer.setFullPage(True)  # the PDF carries its own margins
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    printer.setPageOrientation(QPageLayout.Orientation.Portrait)
    return printer


class ReportPrinter(QObject):
    """Build a report's PDF on the worker, ask the print dialog, paint it on the worker, and
    record in the audit trail that vault content went to paper."""

    notice = Signal(str)
    failure = Signal(str)

    def __init__(self, session, parent: QWidget):
        super().__init__(parent)
        self.session, self.window = session, parent
        self.progress: TaskProgress | None = None

    def print_report(self, build: Callable[..., bytes], *, title: str, ask: Ask | None = None,
                     printer: QPrinter | None = None, **kwargs) -> None:
        """`build(vault, **kwargs)` returns the PDF bytes (it runs on the worker)."""
        if not self.session.is_open:
            return
        self.progress = TaskProgress(self.window, f"Print {title}",
                                     f"Preparing the {title} for printing…", 0)
        self.session.call(build, reload=False, label=f"print {title}", on_error=self._fail,
                          on_done=lambda data: self._ask(data, title, ask, printer), **kwargs)

    def _ask(self, data: bytes, title: str, ask: Ask | None, printer: QPrinter | None) -> None:
        self._close_progress()
        printer = printer or new_printer(title)
        printer.setDocName(title)
        pages = page_count(data)
        if not (ask or ask_with_dialog)(printer, self.window, pages) or \
                not self._file_allowed(printer, title):
            self.notice.emit(f"Printing the {title} was cancelled.")
            return
        count = len(chosen_pages(printer, pages))
        self.progress = TaskProgress(self.window, f"Print {title}",
                                     f"Sending the {title} to the printer…", count)
        self.session.runner.run(
            lambda progress: paint(printer, data, progress=progress),
            on_progress=lambda done, _total: self.progress and self.progress.setValue(done),
            on_done=lambda sent: self._printed(title, sent, printer), on_error=self._fail,
            label=f"print {title}")

    def _file_allowed(self, printer: QPrinter, title: str) -> bool:
        """"Print to file" writes an unencrypted copy: asked like any export."""
        from ui import exporting

        path = printer.outputFileName()
        return not path or exporting.confirm_plaintext(self.window, f"the {title}", path)

    def _printed(self, title: str, sent: int, printer: QPrinter) -> None:
        from commandcenter.reports import output

        self._close_progress()
        where = printer.printerName() or printer.outputFileName() or "the printer"
        self.notice.emit(f"Sent {sent} page(s) of the {title} to {where}.")
        self.session.call(output.record_printed, report=title, pages=sent, reload=False,
                          label="record printing", on_error=self._fail)

    def _fail(self, exc: BaseException) -> None:
        self._close_progress()
        self.failure.emit(user_message(exc))

    def _close_progress(self) -> None:
        if self.progress is not None:
            self.progress.finish()
            self.progress = None
