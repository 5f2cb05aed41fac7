"""Send the report's PDF to a printer: each page rendered as an image at the printer's resolution.

QtPdf cannot replay a PDF as vector drawing commands, so every page is rendered by PDFium at
the printer's resolution (capped, see MAX_RENDER_DPI) and drawn onto the paper. The page
range, "current page", copies and collation chosen in the print dialog are honoured; when the
printer driver makes copies itself (QPrinter.supportsMultipleCopies), each page goes once.

Whether a print queue took the job cannot be learnt from Qt (on Linux it hands the job to
CUPS and ignores the answer; a queue that rejects jobs stays idle). So the queue's state is
asked (QPrinterInfo) before and after sending: a printer that is gone gets nothing; a queue
stopped or in error is told as such; a queue at work right after took the job; a queue idle
right after may have refused it, and the window says that it could not be confirmed. Nothing
is ever told as printed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum

from PySide6.QtCore import QRect, QRectF, QSize, QSizeF, Qt
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument, QPdfDocumentRenderOptions
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

# A4 at 600 dpi is 4960 × 7016 pixels (≈140 MB as 32-bit image): sharp on office laser
# printers; a printer reporting more (PDF writers report 1200) gets 600-dpi images.
MAX_RENDER_DPI = 600

# Pixels per band (about 1/14 of an A4 page at 600 dpi): each render call stays short.
BAND_PIXELS = 2_500_000

PageProgress = Callable[[int, int], bool]  # (sheets done, sheets total) -> keep going?


class QueueState(Enum):
    """A print queue as QPrinterInfo sees it."""

    READY = "待機中"
    BUSY = "印刷中"
    STOPPED = "停止中またはエラー"
    MISSING = "見つかりません"

    @property
    def label(self) -> str:
        return self.value


class PrinterUnavailableError(OSError):
    """The printer is gone (removed or renamed since the print dialog): nothing was sent."""


class JobRefusedError(OSError):
    """The printer (driver or spooler) ended the job in error: it was not sent whole."""


@dataclass(frozen=True)
class PrintOutcome:
    """What was sent and what the queue said before and after (None: written to a file)."""

    sheets: int
    queue: str | None
    before: QueueState | None
    after: QueueState | None

    @property
    def doubtful(self) -> bool:
        """The job went to a queue that was or became stopped or in error."""
        return QueueState.STOPPED in (self.before, self.after)


def queue_name(printer: QPrinter) -> str | None:
    """The print queue a job goes to; None when it is written to a file (PDF)."""
    if printer.outputFormat() != QPrinter.OutputFormat.NativeFormat or printer.outputFileName():
        return None
    return printer.printerName()


def queue_state(name: str) -> QueueState:
    """The queue's state as the system reports it through Qt."""
    info = QPrinterInfo.printerInfo(name)
    if info.isNull():
        return QueueState.MISSING
    state = info.state()
    if state == QPrinter.PrinterState.Idle:
        return QueueState.READY
    if state == QPrinter.PrinterState.Active:
        return QueueState.BUSY
    return QueueState.STOPPED  # Aborted or Error: a stopped (paused) queue reports Error


def new_a4_printer(document_name: str) -> QPrinter:
    """A printer set to A4 portrait, full page (the PDF already has its own margins)."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    printer.setPageOrientation(QPageLayout.Orientation.Portrait)
    printer.setFullPage(True)
    printer.setDocName(document_name)
    return printer


def pages_to_print(printer: QPrinter, page_count: int, current_page: int = 0) -> list[int]:
    """The 0-based pages chosen in the print dialog, in order, each once."""
    if page_count <= 0:
        return []
    match printer.printRange():
        case QPrinter.PrintRange.PageRange:
            first = max(1, printer.fromPage() or 1)
            last = min(page_count, printer.toPage() or page_count)
            return list(range(first - 1, last))
        case QPrinter.PrintRange.CurrentPage:
            return [min(max(current_page, 0), page_count - 1)]
        case _:
            return list(range(page_count))


def print_sequence(printer: QPrinter, pages: list[int]) -> list[int]:
    """The pages in the order they go to the printer, with copies and collation applied."""
    copies = 1 if printer.supportsMultipleCopies() else max(1, printer.copyCount())
    if copies == 1:
        return list(pages)
    if printer.collateCopies():
        return [page for _ in range(copies) for page in pages]  # 1 2 3, 1 2 3
    return [page for page in pages for _ in range(copies)]  # 1 1, 2 2, 3 3


def _target_rect(printer: QPrinter, page_points: QSizeF) -> QRectF:
    """Where the PDF page goes on the paper, in device pixels: as large as fits, centred."""
    paper = printer.paperRect(QPrinter.Unit.DevicePixel)
    if printer.fullPage():
        area = QRectF(0, 0, paper.width(), paper.height())
    else:  # painter origin is the printable area's corner
        area = QRectF(printer.pageRect(QPrinter.Unit.DevicePixel))
        area.moveTo(0, 0)
    if page_points.isEmpty():
        return area
    scale = min(area.width() / page_points.width(), area.height() / page_points.height())
    width, height = page_points.width() * scale, page_points.height() * scale
    return QRectF(
        area.x() + (area.width() - width) / 2,
        area.y() + (area.height() - height) / 2,
        width,
        height,
    )


def render_size(target: QRectF, printer_dpi: int) -> QSize:
    """Pixels of the page image for a target rectangle (device pixels), at most MAX_RENDER_DPI."""
    factor = min(1.0, MAX_RENDER_DPI / printer_dpi) if printer_dpi > 0 else 1.0
    return QSize(max(1, round(target.width() * factor)), max(1, round(target.height() * factor)))


def render_band(document: QPdfDocument, page: int, size: QSize, top: int, rows: int) -> QImage:
    """Rows [top, top + rows) of the page rendered at `size`, on white."""
    options = QPdfDocumentRenderOptions()
    options.setScaledSize(size)
    options.setScaledClipRect(QRect(0, top, size.width(), rows))
    return on_white(document.render(page, QSize(size.width(), rows), options))


def draw_page(
    painter: QPainter,
    document: QPdfDocument,
    page: int,
    target: QRectF,
    printer_dpi: int,
    grayscale: bool = False,
) -> None:
    """Draw the page into `target` as a stack of horizontal bands.

    Rendering and sending a whole page at 600 dpi takes one long call each (a quarter of a
    second and more) during which the binding holds Python's lock and the window cannot
    repaint; bands keep every call short, and the printer gets the same picture.
    """
    size = render_size(target, printer_dpi)
    factor_y = target.height() / size.height()
    band_rows = max(1, BAND_PIXELS // size.width())
    for top in range(0, size.height(), band_rows):
        rows = min(band_rows, size.height() - top)
        band = render_band(document, page, size, top, rows)
        if grayscale:
            band = band.convertToFormat(QImage.Format.Format_Grayscale8)
        y0 = target.y() + round(top * factor_y)
        y1 = target.y() + round((top + rows) * factor_y)
        painter.drawImage(QRectF(target.x(), y0, target.width(), y1 - y0), band)


def on_white(image: QImage) -> QImage:
    """The image over white paper: PDFium leaves the page background transparent, which
    some printer drivers (and a grey-scale conversion) would turn black."""
    paper = QImage(image.size(), QImage.Format.Format_RGB32)
    paper.fill(Qt.GlobalColor.white)
    painter = QPainter(paper)
    painter.drawImage(0, 0, image)
    painter.end()
    return paper


def send_to_printer(
    document: QPdfDocument,
    printer: QPrinter,
    current_page: int = 0,
    progress: PageProgress | None = None,
) -> PrintOutcome:
    """Print the chosen pages, asking the queue's state before and after (see the module).

    Raises PrinterUnavailableError (nothing sent) when the queue is gone, JobRefusedError
    when the job ended in error.
    """
    queue = queue_name(printer)
    before = queue_state(queue) if queue is not None else None
    if before is QueueState.MISSING:
        raise PrinterUnavailableError(f"プリンター「{queue}」が見つかりません")
    sheets = print_document(document, printer, current_page, progress)
    if sheets and printer.printerState() in (
        QPrinter.PrinterState.Error,
        QPrinter.PrinterState.Aborted,
    ):
        raise JobRefusedError("プリンターが印刷を受け付けませんでした")
    after = queue_state(queue) if queue is not None and sheets else None
    return PrintOutcome(sheets, queue, before, after)


def print_document(
    document: QPdfDocument,
    printer: QPrinter,
    current_page: int = 0,
    progress: PageProgress | None = None,
) -> int:
    """Print the chosen pages; returns the number of sheets sent (0 if nothing or cancelled).

    `progress(done, total)` is called after each sheet; returning False aborts the job.
    """
    sequence = print_sequence(printer, pages_to_print(printer, document.pageCount(), current_page))
    if not sequence:
        return 0
    grayscale = printer.colorMode() == QPrinter.ColorMode.GrayScale
    painter = QPainter()
    if not painter.begin(printer):
        raise OSError("the printer could not be opened")
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    sent = 0
    try:
        for index, page in enumerate(sequence):
            if index > 0 and not printer.newPage():
                raise OSError("the printer refused a new page")
            target = _target_rect(printer, document.pagePointSize(page))
            draw_page(painter, document, page, target, printer.resolution(), grayscale)
            sent += 1
            if progress is not None and not progress(sent, len(sequence)):
                printer.abort()
                return 0
    finally:
        painter.end()
    return sent
