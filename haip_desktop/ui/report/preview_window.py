"""The report's print preview: the real PDF shown with QtPdf, then print, save or export.

What is shown is exactly the PDF that 印刷… sends (page by page, as images at the printer's
resolution) and that PDFとして保存… writes (byte for byte).
"""

from __future__ import annotations

import io
import logging
import re
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QEvent,
    QIODevice,
    QMargins,
    QObject,
    QPointF,
    Qt,
    Signal,
)
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QFileDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QSizePolicy,
    QSpinBox,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from ...assessment.models import Assessment
from ...files import atomic_write_bytes
from ...guideline import Guideline
from ...oserrors import describe_os_error
from ...report import Layout, MissingGlyph, write_csv
from ...report.dates import format_date
from ..widgets.actions import make_action
from .job_progress import show_progress
from .jobs import PrintJob, RenderedReport, describe_print_failure
from .printing import PrintOutcome, QueueState, new_a4_printer

log = logging.getLogger(__name__)

ZOOM_STEPS = (0.25, 0.33, 0.5, 0.67, 0.75, 0.9, 1.0, 1.1, 1.25, 1.5, 1.75, 2.0, 2.5, 3.0, 4.0)
MAX_GLYPHS_LISTED = 12
_UNSAFE_IN_FILE_NAMES = re.compile(r'[<>:"/\\|?*\x00-\x1f]+')


def safe_file_name(text: str) -> str:
    """A file name that Windows accepts: no reserved characters, no trailing dots or spaces."""
    name = _UNSAFE_IN_FILE_NAMES.sub("_", text).strip(" .")
    return name[:120] or "report"


class ReportPreviewWindow(QMainWindow):
    """One report, previewed. `change_options_requested`: the person wants other options."""

    change_options_requested = Signal()

    def __init__(
        self,
        report: RenderedReport,
        assessment: Assessment,
        guideline: Guideline,
        save_dir: Path | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("reportPreviewWindow")
        self.assessment = assessment
        self.guideline = guideline
        self.save_dir = save_dir or Path.home()
        self.report: RenderedReport | None = None
        self.print_job: PrintJob | None = None
        self._buffer: QBuffer | None = None

        self.document = QPdfDocument(self)
        self.view = QPdfView(self)
        self.view.setObjectName("reportPdfView")
        self.view.setAccessibleName(self.tr("報告書のページ"))
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setPageSpacing(12)
        self.view.setDocumentMargins(QMargins(12, 12, 12, 12))
        self.view.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.navigator = self.view.pageNavigator()

        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.glyph_banner = QLabel(central)
        self.glyph_banner.setObjectName("glyphWarningBanner")
        self.glyph_banner.setWordWrap(True)
        self.glyph_banner.setTextFormat(Qt.TextFormat.PlainText)
        self.glyph_banner.setStyleSheet(
            "QLabel#glyphWarningBanner { background: #fff4ce; color: #4a3b00;"
            " border-bottom: 1px solid #e0c36c; padding: 6px 10px; }"
        )
        self.glyph_banner.hide()
        layout.addWidget(self.glyph_banner)
        layout.addWidget(self.view, 1)
        self.setCentralWidget(central)

        self._build_actions()
        self._build_toolbar()
        self.page_status = QLabel(self)
        self.page_status.setObjectName("pageStatus")
        self.statusBar().addPermanentWidget(self.page_status)

        self.navigator.currentPageChanged.connect(self._update_page_controls)
        self.view.zoomFactorChanged.connect(self._update_zoom_label)
        self.view.zoomModeChanged.connect(self._update_zoom_label)
        # Fitting the page to a new size changes the zoom: follow the view's own viewport (the
        # window's resize comes before the view's, which left 「9%」 from the first layout).
        self.view.viewport().installEventFilter(self)
        self.set_report(report)
        self._fit_to_screen()
        self.view.setFocus()  # PageUp / PageDown / arrows scroll the pages at once

    def _fit_to_screen(self) -> None:
        """About A4-shaped, as tall as the screen allows (ward PCs often have 1366 × 768), and
        wide enough for its toolbars at the text size in use, as far as the screen allows
        (beyond that a toolbar keeps the rest behind its » button)."""
        screen = (self.parentWidget() or self).screen().availableGeometry()
        toolbars = max(bar.sizeHint().width() for bar in (self.toolbar, self.page_toolbar))
        width = min(max(980, toolbars), screen.width())
        self.resize(width, min(1000, int(screen.height() * 0.9)))

    # -- building -------------------------------------------------------------------------

    def _action(
        self, text: str, slot: Callable[[], object], shortcuts: list[QKeySequence], tip: str = ""
    ) -> QAction:
        tip = tip or text.replace("(&", "(").replace("&", "")
        action = make_action(self, text, slot, shortcuts, tip)
        # The tooltip names the keys, too.
        shortcut_text = " / ".join(
            s.toString(QKeySequence.SequenceFormat.NativeText) for s in action.shortcuts()
        )
        if shortcut_text:
            action.setToolTip(f"{tip} ({shortcut_text})")
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        key = QKeySequence
        self.print_action = self._action(
            self.tr("印刷…"),
            self.print_report,
            [key(QKeySequence.StandardKey.Print)],
            self.tr("プリンターで印刷する"),
        )
        self.save_pdf_action = self._action(
            self.tr("PDFとして保存…"),
            self.save_pdf,
            [key(QKeySequence.StandardKey.Save)],
            self.tr("この報告書を PDF ファイルとして保存する"),
        )
        self.export_csv_action = self._action(
            self.tr("CSVを書き出す…"),
            self.export_csv,
            [key("Ctrl+E")],
            self.tr("対策ごとの評価結果を Excel などで開ける CSV ファイルにする"),
        )
        self.options_action = self._action(
            self.tr("設定を変更…"),
            self.change_options_requested.emit,
            [key("Ctrl+R")],
            self.tr("載せる節や並べ方を変えて作り直す"),
        )
        self.close_action = self._action(
            self.tr("閉じる"),
            self.close,
            [key(Qt.Key.Key_Escape), key(QKeySequence.StandardKey.Close)],
            self.tr("プレビューを閉じる"),
        )
        self.first_page_action = self._action(
            self.tr("|◀ 最初"),
            lambda: self.go_to_page(0),
            [key("Ctrl+Home")],
            self.tr("最初のページ"),
        )
        self.previous_page_action = self._action(
            self.tr("◀ 前へ"),
            lambda: self.go_to_page(self.current_page() - 1),
            [key("Ctrl+PgUp"), key("Alt+Left")],
            self.tr("前のページ"),
        )
        self.next_page_action = self._action(
            self.tr("次へ ▶"),
            lambda: self.go_to_page(self.current_page() + 1),
            [key("Ctrl+PgDown"), key("Alt+Right")],
            self.tr("次のページ"),
        )
        self.last_page_action = self._action(
            self.tr("最後 ▶|"),
            lambda: self.go_to_page(self.document.pageCount() - 1),
            [key("Ctrl+End")],
            self.tr("最後のページ"),
        )
        self.go_to_page_action = self._action(
            self.tr("ページを指定"),
            self._focus_page_box,
            [key("Ctrl+G")],
            self.tr("ページ番号を入力して移動する"),
        )
        self.zoom_out_action = self._action(
            self.tr("縮小"),
            lambda: self.step_zoom(-1),
            [key("Ctrl+-"), key(QKeySequence.StandardKey.ZoomOut)],
        )
        self.zoom_in_action = self._action(
            self.tr("拡大"),
            lambda: self.step_zoom(+1),
            [key("Ctrl++"), key("Ctrl+="), key(QKeySequence.StandardKey.ZoomIn)],
        )
        self.fit_width_action = self._action(
            self.tr("幅に合わせる"),
            lambda: self.set_zoom_mode(QPdfView.ZoomMode.FitToWidth),
            [key("Ctrl+0")],
        )
        self.fit_page_action = self._action(
            self.tr("ページ全体"),
            lambda: self.set_zoom_mode(QPdfView.ZoomMode.FitInView),
            [key("Ctrl+9")],
            self.tr("1ページ全体が見える大きさにする"),
        )

    def _new_toolbar(self, title: str, name: str) -> QToolBar:
        toolbar = QToolBar(title, self)
        toolbar.setObjectName(name)
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, toolbar)
        return toolbar

    def _build_toolbar(self) -> None:
        # First row: what to do with the report. Second row: moving around in it.
        toolbar = self._new_toolbar(self.tr("報告書の操作"), "reportPreviewToolbar")
        for action in (self.print_action, self.save_pdf_action, self.export_csv_action):
            toolbar.addAction(action)
        toolbar.addSeparator()
        toolbar.addAction(self.options_action)
        spacer = QWidget(toolbar)
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        toolbar.addWidget(spacer)
        toolbar.addAction(self.close_action)
        self.toolbar = toolbar
        self.addToolBarBreak(Qt.ToolBarArea.TopToolBarArea)

        pages = self._new_toolbar(self.tr("ページと表示倍率"), "reportPageToolbar")
        pages.addAction(self.first_page_action)
        pages.addAction(self.previous_page_action)
        self.page_box = QSpinBox(pages)
        self.page_box.setObjectName("pageNumberBox")
        self.page_box.setAccessibleName(self.tr("ページ番号"))
        self.page_box.setKeyboardTracking(False)
        self.page_box.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.page_box.valueChanged.connect(lambda value: self.go_to_page(value - 1))
        pages.addWidget(self.page_box)
        self.page_total_label = QLabel(pages)
        self.page_total_label.setObjectName("pageTotalLabel")
        pages.addWidget(self.page_total_label)
        pages.addAction(self.next_page_action)
        pages.addAction(self.last_page_action)
        pages.addSeparator()
        pages.addAction(self.zoom_out_action)
        self.zoom_label = QLabel(pages)
        self.zoom_label.setObjectName("zoomLabel")
        self.zoom_label.setAccessibleName(self.tr("表示倍率"))
        self.zoom_label.setMinimumWidth(self.zoom_label.fontMetrics().horizontalAdvance("0000%"))
        self.zoom_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        pages.addWidget(self.zoom_label)
        pages.addAction(self.zoom_in_action)
        pages.addSeparator()
        for action in (self.fit_width_action, self.fit_page_action):
            action.setCheckable(True)
            pages.addAction(action)
        self.page_toolbar = pages
        for bar in (toolbar, pages):
            for action in bar.actions():
                widget = bar.widgetForAction(action)
                if widget is not None and action.text():
                    widget.setAccessibleName(action.text().replace("…", ""))

    # -- the report -----------------------------------------------------------------------

    def set_report(self, report: RenderedReport) -> None:
        """Show this PDF (a new report replaces the old one in the same window)."""
        old_buffer = self._buffer
        buffer = QBuffer(self)
        buffer.setData(QByteArray(report.pdf))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document.load(buffer)  # QtPdf reads a QBuffer at once
        self._buffer = buffer
        if old_buffer is not None:
            old_buffer.close()
            old_buffer.deleteLater()
        self.report = report
        facility = self.assessment.facility.name
        kind = self.tr("要約版") if report.options.layout is Layout.SUMMARY else self.tr("完全版")
        self.setWindowTitle(
            self.tr("報告書のプレビュー（%1）— %2").replace("%1", kind).replace("%2", facility)
        )
        count = self.document.pageCount()
        self.page_box.blockSignals(True)
        self.page_box.setRange(1, max(1, count))
        self.page_box.blockSignals(False)
        self.page_total_label.setText(self.tr(" / %1 ページ ").replace("%1", str(count)))
        self._show_glyph_banner(report.missing_glyphs)
        self.go_to_page(0)
        self._update_page_controls()
        self._update_zoom_label()
        self.statusBar().showMessage(
            self.tr("%1・%2ページ").replace("%1", kind).replace("%2", str(count)), 5000
        )

    def _show_glyph_banner(self, missing: list[MissingGlyph]) -> None:
        if not missing:
            self.glyph_banner.hide()
            return
        places = "、".join(m.describe() for m in missing[:3])
        if len(missing) > 3:
            places += self.tr(" ほか %1 か所").replace("%1", str(len(missing) - 3))
        self.glyph_banner.setText(
            self.tr("注意: 報告書のフォントにない文字は「〓」と印刷されます — %1").replace(
                "%1", places
            )
        )
        self.glyph_banner.setToolTip(self.missing_glyph_message())
        self.glyph_banner.show()

    def missing_glyph_message(self) -> str:
        """The warning shown before printing: which characters, and where they are."""
        assert self.report is not None
        missing = self.report.missing_glyphs
        lines = [f"・{m.describe()}" for m in missing[:MAX_GLYPHS_LISTED]]
        if len(missing) > MAX_GLYPHS_LISTED:
            lines.append(
                self.tr("・ほか %1 か所").replace("%1", str(len(missing) - MAX_GLYPHS_LISTED))
            )
        return (
            self.tr("次の文字は報告書のフォントにないため、印刷すると「〓」になります。")
            + "\n\n"
            + "\n".join(lines)
            + "\n\n"
            + self.tr(
                "評価の画面で常用の字体に置き換えて作り直すか、印刷した後に手書きで補ってください。"
            )
        )

    def warn_missing_glyphs(self) -> None:
        """Tell the person, before anything is printed, which characters will not print."""
        if self.report is not None and self.report.missing_glyphs:
            QMessageBox.warning(
                self, self.tr("印刷できない文字があります"), self.missing_glyph_message()
            )

    # -- pages and zoom -------------------------------------------------------------------

    def current_page(self) -> int:
        return self.navigator.currentPage()

    def go_to_page(self, page: int) -> None:
        count = self.document.pageCount()
        if count == 0:
            return
        page = min(max(page, 0), count - 1)
        if page == self.current_page() and count > 1:
            # QPdfView scrolls only when the current page changes; after a zoom change the
            # page being read may no longer be in view, so step off it and back.
            self.navigator.jump(1 if page == 0 else page - 1, QPointF())
        self.navigator.jump(page, QPointF(), self.navigator.currentZoom())
        self._update_page_controls()

    def _focus_page_box(self) -> None:
        self.page_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.page_box.selectAll()

    def _update_page_controls(self, *_: object) -> None:
        count = self.document.pageCount()
        page = self.current_page()
        self.page_box.blockSignals(True)
        self.page_box.setValue(page + 1)
        self.page_box.blockSignals(False)
        self.previous_page_action.setEnabled(page > 0)
        self.first_page_action.setEnabled(page > 0)
        self.next_page_action.setEnabled(page < count - 1)
        self.last_page_action.setEnabled(page < count - 1)
        self.page_status.setText(
            self.tr("%1 / %2 ページ").replace("%1", str(page + 1)).replace("%2", str(count))
        )

    def effective_zoom(self) -> float:
        """The zoom factor in use, also when the view fits the page to its width or height."""
        mode = self.view.zoomMode()
        if mode == QPdfView.ZoomMode.Custom or self.document.pageCount() == 0:
            return self.view.zoomFactor()
        page = self.document.pagePointSize(max(self.current_page(), 0))
        dpi = self.view.logicalDpiX() / 72.0
        viewport = self.view.viewport().size()
        margins = self.view.documentMargins()
        width = (viewport.width() - margins.left() - margins.right()) / (page.width() * dpi)
        if mode == QPdfView.ZoomMode.FitToWidth:
            return width
        height = (viewport.height() - margins.top() - margins.bottom()) / (page.height() * dpi)
        return min(width, height)

    def set_zoom_mode(self, mode: QPdfView.ZoomMode) -> None:
        self._keep_page(lambda: self.view.setZoomMode(mode))

    def step_zoom(self, direction: int) -> None:
        current = self.effective_zoom()
        if direction > 0:
            candidates = [z for z in ZOOM_STEPS if z > current + 0.01]
            target = candidates[0] if candidates else ZOOM_STEPS[-1]
        else:
            candidates = [z for z in ZOOM_STEPS if z < current - 0.01]
            target = candidates[-1] if candidates else ZOOM_STEPS[0]

        def change() -> None:
            self.view.setZoomMode(QPdfView.ZoomMode.Custom)
            self.view.setZoomFactor(target)

        self._keep_page(change)

    def _keep_page(self, change: Callable[[], None]) -> None:
        """Change the zoom and stay on the page being read (the view would keep the scroll
        position in proportion, which lands on another page)."""
        page = self.current_page()
        change()
        self.go_to_page(page)
        self._update_zoom_label()

    def _update_zoom_label(self, *_: object) -> None:
        mode = self.view.zoomMode()
        self.fit_width_action.setChecked(mode == QPdfView.ZoomMode.FitToWidth)
        self.fit_page_action.setChecked(mode == QPdfView.ZoomMode.FitInView)
        self.zoom_label.setText(f"{round(self.effective_zoom() * 100)}%")

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if (
            event.type() == QEvent.Type.Resize
            and watched is self.view.viewport()
            and self.view.zoomMode() != QPdfView.ZoomMode.Custom
        ):
            self._update_zoom_label()
        return super().eventFilter(watched, event)

    # -- print, save, export ------------------------------------------------------------------

    def _default_name(self, suffix: str) -> str:
        assert self.report is not None
        date = format_date(self.assessment.assessment_date, "western", short=True)
        kind = (
            self.tr("生成AI対策 評価報告書（要約）")
            if self.report.options.layout is Layout.SUMMARY
            else self.tr("生成AI対策 評価報告書")
        )
        name = f"{kind}_{self.assessment.facility.name}_{date.replace('/', '-')}"
        return safe_file_name(name) + suffix

    def _ask_save_path(self, title: str, suffix: str, file_filter: str) -> Path | None:
        proposal = str(self.save_dir / self._default_name(suffix))
        chosen, _ = QFileDialog.getSaveFileName(self, title, proposal, file_filter)
        if not chosen:
            return None
        path = Path(chosen)
        if path.suffix.lower() != suffix:
            path = path.with_name(path.name + suffix)
        self.save_dir = path.parent
        return path

    def _write_file(self, path: Path, data: bytes, what: str) -> bool:
        """Write through the one atomic writer; on failure tell the person what, where and
        what to do, in Japanese."""
        try:
            atomic_write_bytes(path, data)
        except OSError as exc:
            log.error("Could not save %s to %s: %s", what, path, exc)
            QMessageBox.critical(
                self,
                self.tr("保存できませんでした"),
                self.tr(
                    "「%1」に保存できませんでした（%2）。\n\n"
                    "保存先のフォルダーに書き込めるか、同じ名前のファイルがほかのアプリ"
                    "（Excel など）で開かれていないかを確かめて、もう一度保存するか、"
                    "別の場所を選んでください。"
                )
                .replace("%1", str(path))
                .replace("%2", describe_os_error(exc)),
            )
            return False
        log.info("Saved %s to %s", what, path)
        self.statusBar().showMessage(self.tr("保存しました: %1").replace("%1", str(path)), 8000)
        return True

    def save_pdf(self) -> Path | None:
        """PDFとして保存…: the bytes the report core wrote, unchanged."""
        if self.report is None:
            return None
        path = self._ask_save_path(
            self.tr("報告書を PDF として保存"), ".pdf", self.tr("PDF ファイル (*.pdf)")
        )
        if path is None or not self._write_file(path, self.report.pdf, "report PDF"):
            return None
        return path

    def export_csv(self) -> Path | None:
        """CSVを書き出す…: one row per countermeasure in scope (the core's CSV, as is)."""
        path = self._ask_save_path(
            self.tr("評価結果を CSV で書き出す"), ".csv", self.tr("CSV ファイル (*.csv)")
        )
        if path is None:
            return None
        buffer = io.BytesIO()
        today = self.report.options.date if self.report is not None else None  # the print date
        try:
            write_csv(self.assessment, self.guideline, buffer, today)
        except Exception as exc:  # noqa: BLE001 - the person must hear about it
            log.exception("CSV export failed")
            QMessageBox.critical(
                self,
                self.tr("CSV を書き出せませんでした"),
                self.tr(
                    "評価結果を CSV にできませんでした（%1）。"
                    "アプリを再起動しても直らない場合は、システム管理者に連絡してください。"
                ).replace("%1", f"{type(exc).__name__}: {exc}"),
            )
            return None
        if not self._write_file(path, buffer.getvalue(), "assessment CSV"):
            return None
        return path

    def print_report(self) -> PrintJob | None:
        """印刷…: the system print dialog, then the chosen pages are printed in the background."""
        count = self.document.pageCount()
        if count == 0 or self.report is None or self.print_job is not None:
            return None
        printer = new_a4_printer(self._default_name(""))  # the print job's name
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(self.tr("報告書を印刷"))
        dialog.setMinMax(1, count)
        option = QAbstractPrintDialog.PrintDialogOption
        dialog.setOption(option.PrintPageRange, True)
        dialog.setOption(option.PrintCurrentPage, True)
        dialog.setOption(option.PrintCollateCopies, True)
        dialog.setOption(option.PrintToFile, True)
        dialog.setOption(option.PrintSelection, False)
        if dialog.exec() != QPrintDialog.DialogCode.Accepted:
            return None
        return self.print_to(printer)

    def print_to(self, printer: QPrinter) -> PrintJob | None:
        """Print on a printer already set up (by the print dialog), with progress and 中止."""
        if self.report is None or self.print_job is not None:
            return None
        job = PrintJob(self.report.pdf, printer, self.current_page(), self)
        show_progress(job, self, self.tr("印刷しています…"), self.tr("印刷"))
        job.succeeded.connect(lambda outcome: self._printed(job, outcome))
        job.failed.connect(lambda exc: self._print_failed(job, describe_print_failure(exc)))
        job.cancelled.connect(
            lambda: self.statusBar().showMessage(self.tr("印刷を中止しました。"), 8000)
        )
        job.ended.connect(self._print_ended)
        self.print_job = job
        self.print_action.setEnabled(False)
        job.start()
        return job

    def _printer_name(self, printer: QPrinter) -> str:
        return printer.printerName() or printer.outputFileName()

    def _printed(self, job: PrintJob, outcome: PrintOutcome) -> None:
        """Say what happened as far as it is known: written to a file, sent to a queue (with
        its state), or sent to a queue that is stopped or in error (a warning)."""
        sheets, name = str(outcome.sheets), outcome.queue or self._printer_name(job.printer)
        log.info(
            "Sent %d sheets to %s (queue before: %s, after: %s)",
            outcome.sheets,
            name,
            outcome.before,
            outcome.after,
        )
        if outcome.queue is None:
            message = self.tr("%1 ページを %2 に書き出しました。")
            self.statusBar().showMessage(message.replace("%1", sheets).replace("%2", name), 8000)
            return
        if outcome.doubtful:
            self.statusBar().showMessage(
                self.tr("%1 ページをプリンター「%2」に送りましたが、プリンターは停止中です。")
                .replace("%1", sheets)
                .replace("%2", name)
            )
            QMessageBox.warning(
                self,
                self.tr("印刷されないおそれがあります"),
                self.tr(
                    "%1 ページをプリンター「%2」の待ち行列に送りましたが、プリンターは停止しているか"
                    "エラーの状態です（送る前: %3、送った後: %4）。\n\n"
                    "プリンターが再開されるまで印刷されないか、印刷されないことがあります。"
                    "プリンターの電源・用紙・接続と待ち行列を確かめてください。"
                    "すぐに必要な場合は「PDFとして保存…」で保存し、別の PC から印刷できます。"
                )
                .replace("%1", sheets)
                .replace("%2", name)
                .replace("%3", self._state_label(outcome.before))
                .replace("%4", self._state_label(outcome.after)),
            )
            return
        if outcome.after is QueueState.BUSY:  # the queue is at work: it took the job
            message = self.tr("%1 ページをプリンター「%2」に送りました（プリンター: %3）。")
        else:  # idle right after: a queue that refuses jobs looks just like this
            message = self.tr(
                "%1 ページをプリンター「%2」に渡しました（受け付けられたかは不明、"
                "プリンター: %3）。出てこないときは待ち行列を確認してください。"
            )
        self.statusBar().showMessage(
            message.replace("%1", sheets)
            .replace("%2", name)
            .replace("%3", self._state_label(outcome.after)),
            30000,
        )

    def _state_label(self, state: QueueState | None) -> str:
        return self.tr(state.label) if state is not None else self.tr("不明")

    def _print_failed(self, job: PrintJob, detail: str) -> None:
        log.error("Printing failed: %s", detail)
        QMessageBox.critical(
            self,
            self.tr("印刷できませんでした"),
            self.tr(
                "プリンター「%1」に送れませんでした（%2）。"
                "プリンターの電源と接続を確かめてから、もう一度印刷してください。"
                "すぐに必要な場合は「PDFとして保存…」で保存し、別の PC から印刷できます。"
            )
            .replace("%1", self._printer_name(job.printer))
            .replace("%2", detail),
        )

    def _print_ended(self) -> None:
        if self.print_job is not None:
            self.print_job.deleteLater()
        self.print_job = None
        self.print_action.setEnabled(True)
