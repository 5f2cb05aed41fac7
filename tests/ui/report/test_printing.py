"""Printing renders the PDF's pages; page range, current page, copies and collation count."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize, Qt
from PySide6.QtGui import QImage
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter

from haip_desktop.report import render_pdf
from haip_desktop.ui.report import printing
from haip_desktop.ui.report.printing import new_a4_printer, pages_to_print, print_document


@pytest.fixture
def report_pdf(demo_assessment, guideline, short_options) -> bytes:
    out = io.BytesIO()
    render_pdf(demo_assessment, guideline, out, short_options)
    return out.getvalue()


@pytest.fixture
def document(qapp, report_pdf):
    doc = QPdfDocument()
    buffer = QBuffer()
    buffer.setData(QByteArray(report_pdf))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    doc.load(buffer)
    doc._buffer = buffer  # keep the device alive as long as the document
    assert doc.pageCount() >= 3
    return doc


def pdf_printer(path, first: int = 0, last: int = 0, copies: int = 1) -> QPrinter:
    """A printer that writes a PDF file, set up as the print dialog would leave it."""
    printer = new_a4_printer("test")
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    printer.setResolution(72)  # small page images keep the test fast
    if first:
        printer.setPrintRange(QPrinter.PrintRange.PageRange)
        printer.setFromTo(first, last)
    printer.setCopyCount(copies)
    return printer


def load(path) -> QPdfDocument:
    doc = QPdfDocument()
    doc.load(str(path))
    return doc


def mean_difference(one: QImage, two: QImage) -> float:
    """Mean grey-level difference of two same-sized images, sampled (0 = the same)."""
    # Shrunk first: the two renderings may differ in anti-aliasing, not in what they show.
    small = QSize(one.width() // 4, one.height() // 4)
    smooth = Qt.TransformationMode.SmoothTransformation
    grey = QImage.Format.Format_Grayscale8
    one, two = (
        image.scaled(small, Qt.AspectRatioMode.IgnoreAspectRatio, smooth).convertToFormat(grey)
        for image in (one, two)
    )
    points = [(x, y) for x in range(one.width()) for y in range(one.height())]
    total = sum(abs(one.pixelColor(x, y).value() - two.pixelColor(x, y).value()) for x, y in points)
    return total / len(points)


def difference(a: QPdfDocument, page_a: int, b: QPdfDocument, page_b: int) -> float:
    """Mean grey-level difference of two pages rendered small (0 = the same picture)."""
    size = QSize(60, 85)

    def picture(doc: QPdfDocument, page: int) -> QImage:
        # Rendered at the printed images' own size, then shrunk the same way for both.
        image = printing.on_white(doc.render(page, QSize(595, 842)))
        smooth = Qt.TransformationMode.SmoothTransformation
        small = image.scaled(size, Qt.AspectRatioMode.IgnoreAspectRatio, smooth)
        return small.convertToFormat(QImage.Format.Format_Grayscale8)

    one, two = picture(a, page_a), picture(b, page_b)
    total = sum(
        abs(one.pixelColor(x, y).value() - two.pixelColor(x, y).value())
        for x in range(size.width())
        for y in range(size.height())
    )
    return total / (size.width() * size.height())


def test_page_range_two_to_three_prints_two_pages(document, tmp_path):
    out = tmp_path / "printed.pdf"
    assert print_document(document, pdf_printer(out, 2, 3)) == 2
    reader = PdfReader(out)
    assert len(reader.pages) == 2
    width, height = float(reader.pages[0].mediabox.width), float(reader.pages[0].mediabox.height)
    assert (round(width), round(height)) == (595, 842)  # A4 portrait, in points
    printed = load(out)
    # The first sheet looks most like page 2, the second most like page 3.
    for sheet, page in ((0, 1), (1, 2)):
        distances = [difference(printed, sheet, document, p) for p in range(document.pageCount())]
        assert distances.index(min(distances)) == page


def test_all_pages_by_default(document, tmp_path):
    out = tmp_path / "printed.pdf"
    assert print_document(document, pdf_printer(out)) == document.pageCount()
    assert len(PdfReader(out).pages) == document.pageCount()


def test_copies_collated_and_not(document, tmp_path):
    collated = pdf_printer(tmp_path / "a.pdf", 2, 3, copies=2)
    collated.setCollateCopies(True)
    assert pages_to_print(collated, document.pageCount()) == [1, 2]
    assert printing.print_sequence(collated, [1, 2]) == [1, 2, 1, 2]
    assert print_document(document, collated) == 4
    assert len(PdfReader(tmp_path / "a.pdf").pages) == 4

    stacked = pdf_printer(tmp_path / "b.pdf", 2, 3, copies=2)
    stacked.setCollateCopies(False)
    assert printing.print_sequence(stacked, [1, 2]) == [1, 1, 2, 2]


def test_current_page_and_range_beyond_the_end(document, tmp_path):
    printer = pdf_printer(tmp_path / "c.pdf")
    printer.setPrintRange(QPrinter.PrintRange.CurrentPage)
    assert pages_to_print(printer, 5, current_page=3) == [3]
    printer.setPrintRange(QPrinter.PrintRange.PageRange)
    printer.setFromTo(4, 99)
    assert pages_to_print(printer, 5) == [3, 4]


def test_pages_are_rendered_in_bands_not_blank(document):
    """Each sheet carries the page as a picture at the printer's resolution, in bands."""
    from PySide6.QtCore import QRectF

    size = printing.render_size(QRectF(0, 0, 595, 842), 72)
    assert (size.width(), size.height()) == (595, 842)
    whole = printing.on_white(document.render(0, size))
    top = printing.render_band(document, 0, size, 0, 421)
    bottom = printing.render_band(document, 0, size, 421, 421)
    assert top.size() == bottom.size() == QSize(595, 421)
    # Each band shows its own half of the page (anti-aliasing may differ slightly).
    whole_top, whole_bottom = whole.copy(0, 0, 595, 421), whole.copy(0, 421, 595, 421)
    assert mean_difference(top, whole_top) < mean_difference(top, whole_bottom) / 3
    assert mean_difference(bottom, whole_bottom) < mean_difference(bottom, whole_top) / 3
    dark = sum(
        1
        for x in range(0, whole.width(), 7)
        for y in range(0, whole.height(), 7)
        if whole.pixelColor(x, y).lightness() < 128
    )
    assert dark > 50  # text and rules, not an empty sheet
    capped = printing.render_size(QRectF(0, 0, 9921, 14031), 1200)  # A4 at 1200 dpi
    assert capped.width() == round(9921 * printing.MAX_RENDER_DPI / 1200)


def test_cancel_during_printing_stops(document, tmp_path):
    out = tmp_path / "d.pdf"
    assert print_document(document, pdf_printer(out), progress=lambda done, total: False) == 0


def test_print_button_uses_the_print_dialog_choices(
    qtbot, flow, short_options, tmp_path, monkeypatch
):
    import haip_desktop.ui.report.preview_window as preview_window

    out = tmp_path / "from-dialog.pdf"
    seen: dict[str, object] = {}

    class ChoosingPrintDialog:
        """Stands in for the system dialog: the person picks pages 2–3, one copy."""

        DialogCode = QPrintDialog.DialogCode

        def __init__(self, printer, parent):
            self.printer = printer
            seen["paper"] = printer.pageLayout().pageSize().id()

        def setWindowTitle(self, title):  # noqa: N802
            seen["title"] = title

        def setMinMax(self, low, high):  # noqa: N802
            seen["range"] = (low, high)

        def setOption(self, *_):  # noqa: N802
            pass

        def exec(self):
            printer = self.printer
            printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
            printer.setOutputFileName(str(out))
            printer.setResolution(72)
            printer.setPrintRange(QPrinter.PrintRange.PageRange)
            printer.setFromTo(2, 3)
            return QPrintDialog.DialogCode.Accepted

    monkeypatch.setattr(preview_window, "QPrintDialog", ChoosingPrintDialog)
    with qtbot.waitSignal(flow.preview_shown, timeout=20_000) as shown:
        flow.generate(short_options)
    preview = shown.args[0]
    from PySide6.QtCore import Qt

    qtbot.keyClick(preview, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    job = preview.print_job
    assert job is not None and not preview.print_action.isEnabled()  # printing, in the background
    with qtbot.waitSignal(job.ended, timeout=20_000):
        pass
    assert preview.print_action.isEnabled()
    from PySide6.QtGui import QPageSize

    assert seen["paper"] == QPageSize.PageSizeId.A4
    assert seen["range"] == (1, preview.document.pageCount())
    assert len(PdfReader(out).pages) == 2
    assert f"2 ページを {out} に書き出しました" in preview.statusBar().currentMessage()


def test_print_job_runs_in_the_background_and_can_be_cancelled(qtbot, report_pdf, tmp_path):
    from haip_desktop.ui.report.jobs import PrintJob

    out = tmp_path / "background.pdf"
    job = PrintJob(report_pdf, pdf_printer(out, 1, 3))
    sheets: list[tuple[int, int]] = []
    job.progress.connect(lambda done, total: sheets.append((done, total)))
    with qtbot.waitSignal(job.succeeded, timeout=20_000) as finished:
        job.start()
    assert finished.args[0].sheets == 3
    assert sheets[-1] == (3, 3)
    assert len(PdfReader(out).pages) == 3

    cancelled = PrintJob(report_pdf, pdf_printer(tmp_path / "cancelled.pdf"))
    cancelled.cancel()  # 中止 before the first sheet is done
    with qtbot.waitSignal(cancelled.cancelled, timeout=20_000):
        cancelled.start()


@pytest.mark.qt_log_ignore(r"QPainter::begin\(\): Returned false")  # the printer refuses
def test_printer_that_cannot_be_opened_is_explained(
    qtbot, flow, short_options, tmp_path, monkeypatch
):
    from PySide6.QtWidgets import QMessageBox

    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _p, _t, text, *a: shown.append(text))
    with qtbot.waitSignal(flow.preview_shown, timeout=20_000) as preview_shown:
        flow.generate(short_options)
    preview = preview_shown.args[0]
    job = preview.print_to(pdf_printer(tmp_path / "no-such-folder" / "out.pdf"))
    with qtbot.waitSignal(job.ended, timeout=20_000):
        pass
    assert len(shown) == 1
    assert "送れませんでした" in shown[0] and "PDFとして保存" in shown[0]
    assert preview.print_action.isEnabled()


# -- issue 14: the print queue's state is asked before and after, and told honestly ------------


class Queue:
    """Stands in for a print queue as QPrinterInfo reports it (no CUPS needed): the states it
    will report, in order (the last one repeats)."""

    def __init__(self, monkeypatch, *states: str) -> None:
        self.states = list(states)
        monkeypatch.setattr(printing, "queue_name", lambda printer: "受付のプリンター")
        monkeypatch.setattr(printing, "queue_state", self.state)

    def state(self, name: str) -> printing.QueueState:
        assert name == "受付のプリンター"
        value = self.states.pop(0) if len(self.states) > 1 else self.states[0]
        return printing.QueueState[value]


def _print_and_wait(qtbot, flow, short_options, tmp_path, monkeypatch):  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QMessageBox

    boxes: list[tuple[str, str]] = []
    for kind in ("critical", "warning"):
        monkeypatch.setattr(
            QMessageBox,
            kind,
            lambda _p, title, text, *a, kind=kind: boxes.append((kind, f"{title}\n{text}")),
        )
    with qtbot.waitSignal(flow.preview_shown, timeout=20_000) as shown:
        flow.generate(short_options)
    preview = shown.args[0]
    out = tmp_path / "sent.pdf"
    job = preview.print_to(pdf_printer(out, 1, 2))
    if job is not None:
        with qtbot.waitSignal(job.ended, timeout=20_000):
            pass
    return preview, boxes, out


def test_a_job_sent_to_a_stopped_queue_is_not_reported_as_printed(
    qtbot, flow, short_options, tmp_path, monkeypatch
):
    Queue(monkeypatch, "STOPPED")
    preview, boxes, _ = _print_and_wait(qtbot, flow, short_options, tmp_path, monkeypatch)
    [(kind, text)] = boxes
    assert kind == "warning"
    assert "受付のプリンター" in text and "停止" in text and "印刷されない" in text
    assert "印刷に送りました" not in preview.statusBar().currentMessage()


def test_a_queue_that_stops_while_the_job_is_sent_is_told(
    qtbot, flow, short_options, tmp_path, monkeypatch
):
    Queue(monkeypatch, "READY", "STOPPED")
    _, boxes, _ = _print_and_wait(qtbot, flow, short_options, tmp_path, monkeypatch)
    [(kind, text)] = boxes
    assert kind == "warning" and "停止" in text


def test_a_printer_that_is_gone_gets_nothing_and_says_so(
    qtbot, flow, short_options, tmp_path, monkeypatch
):
    Queue(monkeypatch, "MISSING")
    preview, boxes, out = _print_and_wait(qtbot, flow, short_options, tmp_path, monkeypatch)
    [(kind, text)] = boxes
    assert kind == "critical"
    assert "受付のプリンター" in text and "見つかりません" in text
    assert not out.exists()  # nothing was sent
    assert preview.print_action.isEnabled()


def test_a_job_the_queue_took_is_told_with_the_queue_state(
    qtbot, flow, short_options, tmp_path, monkeypatch
):
    Queue(monkeypatch, "READY", "BUSY")
    preview, boxes, out = _print_and_wait(qtbot, flow, short_options, tmp_path, monkeypatch)
    assert boxes == []
    message = preview.statusBar().currentMessage()
    assert "2 ページ" in message and "受付のプリンター" in message and "印刷中" in message
    assert len(PdfReader(out).pages) == 2


def test_a_printer_writing_a_file_is_told_as_a_file(
    qtbot, flow, short_options, tmp_path, monkeypatch
):
    preview, boxes, out = _print_and_wait(qtbot, flow, short_options, tmp_path, monkeypatch)
    assert boxes == []
    assert f"2 ページを {out} に書き出しました" in preview.statusBar().currentMessage()


def test_a_queue_idle_right_after_is_not_claimed_to_have_taken_the_job(
    qtbot, flow, short_options, tmp_path, monkeypatch
):
    """A CUPS queue that rejects jobs stays idle and Qt is not told: say it is unconfirmed."""
    Queue(monkeypatch, "READY", "READY")
    preview, boxes, _ = _print_and_wait(qtbot, flow, short_options, tmp_path, monkeypatch)
    assert boxes == []
    message = preview.statusBar().currentMessage()
    assert "受け付けられたかは不明" in message and "待ち行列を確認" in message
    assert "送りました" not in message
