"""Make the report PDF off the UI thread, with progress and cancel.

The report core (`haip_desktop.report`) is plain Python; `ReportJob` runs it in a QThread and
hands the finished PDF (as bytes, exactly what the core wrote) back to the UI thread through
queued signals, so the window keeps repainting and the progress dialog's 中止 button works.
"""

from __future__ import annotations

import io
import logging
import threading
from dataclasses import dataclass

from PySide6.QtCore import QObject, QThread, Signal, Slot

from ...assessment.models import Assessment
from ...guideline import Guideline
from ...report import MissingGlyph, ReportOptions, ReportResult, render_pdf

log = logging.getLogger(__name__)


class ReportCancelled(Exception):
    """Raised from the progress callback when the person pressed 中止."""


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


class _Renderer(QObject):
    """Lives in the worker thread; everything it touches is its own copy."""

    progress = Signal(int, int)
    done = Signal(object)  # RenderedReport
    failed = Signal(str)  # technical detail for the message and the log
    cancelled = Signal()

    def __init__(self, assessment: Assessment, guideline: Guideline, options: ReportOptions):
        super().__init__()
        self._assessment = assessment
        self._guideline = guideline
        self._options = options
        self._cancel = threading.Event()
        self._last_percent = -1
        self._last_done = 0

    def cancel(self) -> None:
        self._cancel.set()  # thread-safe: read by the progress callback

    def _on_progress(self, done: int, total: int) -> None:
        if self._cancel.is_set():
            raise ReportCancelled
        if done < total and not self._plausible(done, total):
            return
        self._last_done = done
        percent = 100 * done // total if total else 100
        if percent != self._last_percent:  # a few dozen signals, not one per paragraph
            self._last_percent = percent
            self.progress.emit(done, total)

    def _plausible(self, done: int, total: int) -> bool:
        """Whether a step is real progress: forward, and not a leap.

        The layout engine also reports its bookkeeping at each page start (which reads as
        "almost done"); a progress bar that jumped to 97 % and back would mislead.
        """
        return self._last_done <= done <= self._last_done + max(2, total // 20)

    @Slot()
    def run(self) -> None:
        try:
            buffer = io.BytesIO()
            result = render_pdf(
                self._assessment, self._guideline, buffer, self._options, self._on_progress
            )
        except ReportCancelled:
            log.info("Report generation cancelled")
            self.cancelled.emit()
            return
        except Exception as exc:  # noqa: BLE001 - reported to the person, details to the log
            log.exception("Report generation failed")
            self.failed.emit(f"{type(exc).__name__}: {exc}")
            return
        self.done.emit(RenderedReport(buffer.getvalue(), result, self._options))


class ReportJob(QObject):
    """One report being made. Signals arrive on the thread that created the job.

    Exactly one of `finished`, `failed` or `cancelled` is emitted; then `ended`.
    """

    progress = Signal(int, int)  # done, total (the core's units: paragraphs laid out)
    finished = Signal(object)  # RenderedReport
    failed = Signal(str)
    cancelled = Signal()
    ended = Signal()

    def __init__(
        self,
        assessment: Assessment,
        guideline: Guideline,
        options: ReportOptions,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        # A deep copy: the person may keep editing answers while the report is laid out.
        self._renderer = _Renderer(assessment.model_copy(deep=True), guideline, options)
        self._thread = QThread(self)
        self._thread.setObjectName("reportRenderer")
        self._renderer.moveToThread(self._thread)
        self._thread.started.connect(self._renderer.run)
        self._renderer.progress.connect(self.progress)
        self._renderer.done.connect(self._on_done)
        self._renderer.failed.connect(self._on_failed)
        self._renderer.cancelled.connect(self._on_cancelled)
        self._running = False

    @property
    def running(self) -> bool:
        return self._running

    def start(self) -> None:
        self._running = True
        self._thread.start()

    def cancel(self) -> None:
        self._renderer.cancel()

    def wait(self) -> None:
        """Block until the thread has ended (used when the application quits mid-report)."""
        self._thread.quit()
        self._thread.wait()

    def _stop_thread(self) -> None:
        self._running = False
        self._thread.quit()
        self._thread.wait()

    def _on_done(self, report: RenderedReport) -> None:
        self._stop_thread()
        self.finished.emit(report)
        self.ended.emit()

    def _on_failed(self, detail: str) -> None:
        self._stop_thread()
        self.failed.emit(detail)
        self.ended.emit()

    def _on_cancelled(self) -> None:
        self._stop_thread()
        self.cancelled.emit()
        self.ended.emit()
