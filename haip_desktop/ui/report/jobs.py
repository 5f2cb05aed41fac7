"""The report's long work, off the UI thread (widgets/background.py): making the PDF, printing it.

The report core (`haip_desktop.report`) is plain Python; `ReportJob` runs it in the background
and hands the finished PDF (as bytes, exactly what the core wrote) back to the UI thread, so
the window keeps repainting and the progress dialog's 中止 button works. `PrintJob` does the
same for printing: rendering a page at printer resolution and sending it takes a second or
two per sheet (Qt allows painting on a QPrinter outside the UI thread).
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QObject
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter

from ...assessment.models import Assessment
from ...guideline import Guideline
from ...report import MissingGlyph, ReportOptions, ReportResult, render_pdf
from ..widgets.background import BackgroundTask, TaskCancelled, TaskControl, describe_failure
from .printing import JobRefusedError, PrinterUnavailableError, PrintOutcome, send_to_printer


@dataclass(frozen=True)
class RenderedReport:
    """A finished report: the PDF bytes and what the core said about them."""

    pdf: bytes
    result: ReportResult
    options: ReportOptions

    @property
    def page_count(self) -> int:
        return self.result.page_count

    @property
    def missing_glyphs(self) -> list[MissingGlyph]:
        """Characters the font lacks, with where they are (the core's check_glyphs)."""
        return self.result.missing_glyphs


# -- making the PDF -----------------------------------------------------------------------


class ReportJob(BackgroundTask):
    """Make the report PDF; `succeeded` carries a RenderedReport."""

    def __init__(
        self,
        assessment: Assessment,
        guideline: Guideline,
        options: ReportOptions,
        parent: QObject | None = None,
    ) -> None:
        # A deep copy: the person may keep editing answers while the report is laid out.
        copy = assessment.model_copy(deep=True)

        def render(control: TaskControl) -> RenderedReport:
            last_percent = -1

            def on_progress(done: int, total: int) -> None:
                nonlocal last_percent
                control.check()
                percent = 100 * done // total if total else 100
                if percent > last_percent:  # a few dozen signals, not one per paragraph
                    last_percent = percent
                    control.progress(done, total)

            buffer = io.BytesIO()
            result = render_pdf(copy, guideline, buffer, options, on_progress)
            return RenderedReport(buffer.getvalue(), result, options)

        super().__init__(render, parent, name="ReportJob")


# -- printing -----------------------------------------------------------------------------


class PrintJob(BackgroundTask):
    """Print the PDF on a printer set up by the print dialog; `succeeded` carries a
    PrintOutcome (sheets sent, the queue's state before and after). The printer must not be
    touched by the UI thread until `ended`."""

    def __init__(
        self, pdf: bytes, printer: QPrinter, current_page: int = 0, parent: QObject | None = None
    ) -> None:
        self.printer = printer

        def print_pdf(control: TaskControl) -> PrintOutcome:
            def on_sheet(done: int, total: int) -> bool:
                control.progress(done, total)
                return not control.cancel_requested

            # The thread's own document: nothing is shared with the preview but the PDF bytes.
            buffer = QBuffer()
            buffer.setData(QByteArray(pdf))
            buffer.open(QIODevice.OpenModeFlag.ReadOnly)
            document = QPdfDocument()
            document.load(buffer)
            if document.pageCount() == 0:
                raise OSError("the report PDF could not be read for printing")
            try:
                outcome = send_to_printer(document, printer, current_page, on_sheet)
            finally:
                document.close()
                buffer.close()
            if control.cancel_requested:
                raise TaskCancelled
            return outcome

        super().__init__(print_pdf, parent, name="PrintJob")


def describe_print_failure(exc: Exception) -> str:
    """The detail of a failed print for the message: the printing module's own errors are
    already said in Japanese; anything else is technical."""
    if isinstance(exc, PrinterUnavailableError | JobRefusedError):
        return str(exc)
    return describe_failure(exc)
