"""Long report work off the UI thread, with progress and cancel: making the PDF, printing it.

The report core (`haip_desktop.report`) is plain Python; `ReportJob` runs it in a QThread and
hands the finished PDF (as bytes, exactly what the core wrote) back to the UI thread through
queued signals, so the window keeps repainting and the progress dialog's 中止 button works.
`PrintJob` does the same for printing: rendering a page at printer resolution and sending it
takes a second or two per sheet (Qt allows painting on a QPrinter outside the UI thread).
"""

from __future__ import annotations

import io
import logging
import threading
from dataclasses import dataclass

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QObject, QThread, Signal, Slot
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication

from ...assessment.models import Assessment
from ...guideline import Guideline
from ...report import MissingGlyph, ReportOptions, ReportResult, render_pdf
from .printing import JobRefusedError, PrinterUnavailableError, PrintOutcome, send_to_printer

log = logging.getLogger(__name__)


class JobCancelled(Exception):
    """Raised inside a job when the person pressed 中止."""


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


class _Runner(QObject):
    """Lives in the worker thread and does one piece of work there."""

    progress = Signal(int, int)
    done = Signal(object)
    failed = Signal(str)  # technical detail for the message and the log
    cancelled = Signal()

    def __init__(self) -> None:
        super().__init__()
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()  # thread-safe: read by the work as it goes

    @property
    def cancel_requested(self) -> bool:
        return self._cancel.is_set()

    def describe(self, exc: Exception) -> str:
        """The detail of a failure for the message (technical unless known)."""
        return f"{type(exc).__name__}: {exc}"

    def work(self) -> object:
        """The work itself, run in the worker thread; raise JobCancelled to stop."""
        raise NotImplementedError

    @Slot()
    def run(self) -> None:
        try:
            result = self.work()
        except JobCancelled:
            log.info("%s cancelled", type(self).__name__)
            self.cancelled.emit()
            return
        except Exception as exc:  # noqa: BLE001 - reported to the person, details to the log
            log.exception("%s failed", type(self).__name__)
            self.failed.emit(self.describe(exc))
            return
        self.done.emit(result)


class BackgroundJob(QObject):
    """A runner in its own QThread. Signals arrive on the thread that created the job.

    Exactly one of `finished`, `failed` or `cancelled` is emitted; then `ended`.
    """

    progress = Signal(int, int)  # done, total
    finished = Signal(object)
    failed = Signal(str)
    cancelled = Signal()
    ended = Signal()

    def __init__(self, runner: _Runner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._thread = QThread(self)
        self._thread.setObjectName(type(runner).__name__)
        runner.moveToThread(self._thread)
        self._thread.started.connect(runner.run)
        runner.progress.connect(self.progress)
        runner.done.connect(self._on_done)
        runner.failed.connect(self._on_failed)
        runner.cancelled.connect(self._on_cancelled)
        self._running = False
        app = QApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.stop)

    @property
    def running(self) -> bool:
        return self._running

    def start(self) -> None:
        self._running = True
        self._thread.start()

    def cancel(self) -> None:
        self._runner.cancel()

    def stop(self) -> None:
        """Cancel and wait for the thread (the application is quitting)."""
        if self._running:
            self._runner.cancel()
        self._thread.quit()
        self._thread.wait()

    def _stop_thread(self) -> None:
        self._running = False
        self._thread.quit()
        self._thread.wait()

    def _on_done(self, result: object) -> None:
        self._stop_thread()
        self.finished.emit(result)
        self.ended.emit()

    def _on_failed(self, detail: str) -> None:
        self._stop_thread()
        self.failed.emit(detail)
        self.ended.emit()

    def _on_cancelled(self) -> None:
        self._stop_thread()
        self.cancelled.emit()
        self.ended.emit()


# -- making the PDF -----------------------------------------------------------------------


class _ReportRenderer(_Runner):
    def __init__(self, assessment: Assessment, guideline: Guideline, options: ReportOptions):
        super().__init__()
        self._assessment = assessment
        self._guideline = guideline
        self._options = options
        self._last_percent = -1

    def _on_progress(self, done: int, total: int) -> None:
        if self.cancel_requested:
            raise JobCancelled
        percent = 100 * done // total if total else 100
        if percent > self._last_percent:  # a few dozen signals, not one per paragraph
            self._last_percent = percent
            self.progress.emit(done, total)

    def work(self) -> RenderedReport:
        buffer = io.BytesIO()
        result = render_pdf(
            self._assessment, self._guideline, buffer, self._options, self._on_progress
        )
        return RenderedReport(buffer.getvalue(), result, self._options)


class ReportJob(BackgroundJob):
    """Make the report PDF; `finished` carries a RenderedReport."""

    def __init__(
        self,
        assessment: Assessment,
        guideline: Guideline,
        options: ReportOptions,
        parent: QObject | None = None,
    ) -> None:
        # A deep copy: the person may keep editing answers while the report is laid out.
        renderer = _ReportRenderer(assessment.model_copy(deep=True), guideline, options)
        super().__init__(renderer, parent)


# -- printing -----------------------------------------------------------------------------


class _PrintRunner(_Runner):
    def __init__(self, pdf: bytes, printer: QPrinter, current_page: int) -> None:
        super().__init__()
        self._pdf = pdf
        self._printer = printer
        self._current_page = current_page

    def describe(self, exc: Exception) -> str:
        if isinstance(exc, PrinterUnavailableError | JobRefusedError):
            return str(exc)  # already said in Japanese
        return super().describe(exc)

    def _on_sheet(self, done: int, total: int) -> bool:
        self.progress.emit(done, total)
        return not self.cancel_requested

    def work(self) -> PrintOutcome:
        # The thread's own document: nothing is shared with the preview but the PDF bytes.
        buffer = QBuffer()
        buffer.setData(QByteArray(self._pdf))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        document = QPdfDocument()
        document.load(buffer)
        if document.pageCount() == 0:
            raise OSError("the report PDF could not be read for printing")
        try:
            outcome = send_to_printer(document, self._printer, self._current_page, self._on_sheet)
        finally:
            document.close()
            buffer.close()
        if self.cancel_requested:
            raise JobCancelled
        return outcome


class PrintJob(BackgroundJob):
    """Print the PDF on a printer set up by the print dialog; `finished` carries a
    PrintOutcome. The printer must not be touched by the UI thread until `ended`."""

    def __init__(
        self, pdf: bytes, printer: QPrinter, current_page: int = 0, parent: QObject | None = None
    ) -> None:
        super().__init__(_PrintRunner(pdf, printer, current_page), parent)
        self.printer = printer
