"""From ファイル → 報告書を作成… to the preview: options dialog, PDF made off the UI thread with
progress (and 中止), a warning about characters the font lacks, then the preview window."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from ...guideline import Guideline
from ...paths import default_assessment_dir
from ...report import ReportOptions

if TYPE_CHECKING:
    from ...assessment.models import Assessment
    from .jobs import RenderedReport, ReportJob
    from .preview_window import ReportPreviewWindow
    from .report_dialog import ReportDialog

log = logging.getLogger(__name__)


class ReportFlow(QObject):
    """One window's reports. Remembers the last options while the application runs."""

    preview_shown = Signal(object)  # ReportPreviewWindow
    job_started = Signal(object)  # ReportJob

    def __init__(
        self,
        window: QWidget,
        assessment: Callable[[], Assessment | None],
        guideline: Callable[[], Guideline | None],
    ) -> None:
        super().__init__(window)
        self.window = window
        self._assessment = assessment
        self._guideline = guideline
        self.options = ReportOptions()
        self.dialog: ReportDialog | None = None
        self.job: ReportJob | None = None
        self.progress: QProgressDialog | None = None
        self.preview: ReportPreviewWindow | None = None
        self._subjects: tuple[Assessment, Guideline] | None = None

    def can_start(self) -> bool:
        return self._assessment() is not None and self._guideline() is not None

    # -- the options dialog ---------------------------------------------------------------

    def open_dialog(self, parent: QWidget | None = None) -> ReportDialog | None:
        """Show the options dialog (window-modal); 作成してプレビュー starts the report."""
        assessment = self._assessment()
        if assessment is None or self._guideline() is None:
            QMessageBox.information(
                parent or self.window,
                self.tr("報告書を作成できません"),
                self.tr(
                    "評価ファイルが開かれていません。評価を開くか新しく作ってから、もう一度選んでください。"
                ),
            )
            return None
        if self.job is not None and self.job.running:
            return None
        from .report_dialog import ReportDialog

        dialog = ReportDialog(self.options, assessment.facility.name, parent or self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.generate(dialog.options()))
        dialog.finished.connect(lambda _result: self._forget_dialog(dialog))
        self.dialog = dialog
        dialog.open()
        return dialog

    def _forget_dialog(self, dialog: ReportDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None  # it deletes itself on close

    # -- making the PDF -------------------------------------------------------------------

    def generate(self, options: ReportOptions) -> ReportJob | None:
        """Make the report in the background; the preview opens when it is ready."""
        assessment, guideline = self._assessment(), self._guideline()
        if assessment is None or guideline is None or (self.job is not None and self.job.running):
            return None
        # Imported on first use: they bring QtPdf and QtPrintSupport, which the start-up of
        # the window does not need (benchmarks: about 30 ms and 3 MB less at start).
        from .job_progress import show_progress
        from .jobs import ReportJob

        self.options = options
        if self.job is not None:
            self.job.deleteLater()  # the previous report's job (its thread has ended)
        job = ReportJob(assessment, guideline, options, self)
        # The preview exports the same state the PDF was made from, not later edits.
        self._subjects = (assessment.model_copy(deep=True), guideline)
        progress = show_progress(
            job,
            self._progress_parent(),
            self.tr("報告書を作成しています…"),
            self.tr("報告書を作成"),
        )
        job.succeeded.connect(self._on_finished)
        job.failed.connect(self._on_failed)
        job.ended.connect(self._forget_progress)
        self.progress = progress
        self.job = job
        job.start()
        self.job_started.emit(job)
        return job

    def _progress_parent(self) -> QWidget:
        if self.preview is not None and self.preview.isVisible():
            return self.preview
        return self.window

    def _forget_progress(self) -> None:
        self.progress = None

    def _on_failed(self, exc: Exception) -> None:
        from ..widgets.background import describe_failure

        QMessageBox.critical(
            self._progress_parent(),
            self.tr("報告書を作成できませんでした"),
            self.tr(
                "報告書の PDF を作る途中で問題が起きました（%1）。\n\n"
                "もう一度お試しください。続けて起きる場合は、ログファイルとともに"
                "システム管理者に連絡してください。"
            ).replace("%1", describe_failure(exc)),
        )

    def _on_finished(self, report: RenderedReport) -> None:
        assert self._subjects is not None
        assessment, guideline = self._subjects
        if self.preview is None:
            from .preview_window import ReportPreviewWindow

            preview = ReportPreviewWindow(
                report, assessment, guideline, default_assessment_dir(), self.window
            )
            preview.change_options_requested.connect(lambda: self.open_dialog(self.preview))
            self.preview = preview
        else:
            self.preview.assessment, self.preview.guideline = assessment, guideline
            self.preview.set_report(report)
        self.preview.show()
        self.preview.raise_()
        self.preview.activateWindow()
        log.info("Report ready: %d pages", report.page_count)
        self.preview_shown.emit(self.preview)
        self.preview.warn_missing_glyphs()

    def stop(self) -> None:
        """Cancel a report being made and wait for its thread."""
        if self.job is not None:
            self.job.stop()
