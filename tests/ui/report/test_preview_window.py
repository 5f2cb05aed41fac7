"""From the dialog to the preview of the real PDF; saving it, exporting the CSV."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox

from haip_desktop.report import render_pdf, write_csv


def page_texts(data: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]


@pytest.fixture
def preview(qtbot, flow, short_options):
    """The preview after choosing 作成してプレビュー in the dialog."""
    flow.options = short_options
    dialog = flow.open_dialog()
    assert dialog is not None and dialog.isVisible()
    with qtbot.waitSignal(flow.preview_shown, timeout=20_000) as shown:
        qtbot.mouseClick(dialog.preview_button, Qt.MouseButton.LeftButton)
    window = shown.args[0]
    qtbot.waitExposed(window)
    return window


def test_preview_shows_every_page_of_the_pdf(preview):
    pages = len(PdfReader(io.BytesIO(preview.report.pdf)).pages)
    assert pages >= 3
    assert preview.document.pageCount() == pages == preview.report.page_count
    assert preview.page_total_label.text().strip() == f"/ {pages} ページ"
    assert preview.page_status.text() == f"1 / {pages} ページ"
    assert "報告書のプレビュー（完全版）" in preview.windowTitle()
    assert not preview.glyph_banner.isVisible()


def test_page_navigation_with_the_keyboard(qtbot, preview):
    pages = preview.document.pageCount()
    qtbot.keyClick(preview, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert preview.current_page() == 1
    assert preview.page_status.text() == f"2 / {pages} ページ"
    assert preview.page_box.value() == 2
    qtbot.keyClick(preview, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    assert preview.page_status.text() == f"{pages} / {pages} ページ"
    assert not preview.next_page_action.isEnabled()
    qtbot.keyClick(preview, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
    assert preview.current_page() == 0
    assert not preview.previous_page_action.isEnabled()


def test_typing_a_page_number_goes_there(qtbot, preview):
    qtbot.keyClick(preview, Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier)
    assert preview.page_box.hasFocus()
    qtbot.keyClicks(preview.page_box, "3")
    qtbot.keyClick(preview.page_box, Qt.Key.Key_Return)
    assert preview.current_page() == 2


def test_zoom_in_and_out_stays_on_the_page(qtbot, preview):
    assert preview.fit_width_action.isChecked()
    assert preview.zoom_label.text().endswith("%")
    preview.go_to_page(2)
    qtbot.keyClick(preview, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    smaller = preview.view.zoomFactor()
    assert not preview.fit_width_action.isChecked()
    assert preview.zoom_label.text() == f"{round(smaller * 100)}%"
    qtbot.keyClick(preview, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert preview.view.zoomFactor() > smaller
    qtbot.keyClick(preview, Qt.Key.Key_9, Qt.KeyboardModifier.ControlModifier)
    assert preview.fit_page_action.isChecked()
    assert preview.current_page() == 2  # still reading page 3
    assert preview.page_status.text().startswith("3 / ")
    scrolled = preview.view.verticalScrollBar().value()
    preview.go_to_page(0)
    preview.go_to_page(2)
    assert preview.view.verticalScrollBar().value() == scrolled  # page 3 is the one in view


def test_save_as_pdf_writes_the_reports_pdf(
    qtbot, preview, tmp_path, monkeypatch, demo_assessment, guideline, short_options
):
    target = tmp_path / "報告書"
    asked: list[str] = []

    def ask(_parent, _title, proposal, _filter):
        asked.append(proposal)
        return str(target), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", ask)
    qtbot.keyClick(preview, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    saved = tmp_path / "報告書.pdf"  # the extension is added when the name lacks it
    assert saved.read_bytes() == preview.report.pdf
    assert demo_assessment.facility.name in asked[0] and asked[0].endswith(".pdf")
    # The same content as the report core writes for these options (cf. the command line).
    core = io.BytesIO()
    render_pdf(demo_assessment, guideline, core, short_options)
    assert page_texts(saved.read_bytes()) == page_texts(core.getvalue())
    assert str(saved) in preview.statusBar().currentMessage()


def test_export_csv_writes_the_cores_csv(
    qtbot, preview, tmp_path, monkeypatch, demo_assessment, guideline, short_options
):
    target = tmp_path / "評価結果.csv"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_: (str(target), ""))
    qtbot.keyClick(preview, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    expected = io.BytesIO()
    write_csv(demo_assessment, guideline, expected, short_options.date)  # 出力日: the print date
    assert target.read_bytes() == expected.getvalue()
    assert target.read_bytes().startswith(b"\xef\xbb\xbf")


def test_cancelled_save_writes_nothing(qtbot, preview, tmp_path, monkeypatch):
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_: ("", ""))
    assert preview.save_pdf() is None
    assert list(tmp_path.iterdir()) == []


def test_save_failure_says_where_and_what_to_do(qtbot, preview, tmp_path, monkeypatch):
    target = tmp_path / "no-such-folder" / "報告書.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_: (str(target), ""))
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _p, _t, text, *a: shown.append(text))
    assert preview.save_pdf() is None
    assert len(shown) == 1
    assert str(target) in shown[0] and "別の場所" in shown[0]


def test_missing_glyph_warning_names_characters_and_places(qtbot, flow, short_options, monkeypatch):
    flow.context.assessment.facility.name = "𠮷田クリニック"
    warnings: list[tuple[str, str]] = []
    monkeypatch.setattr(
        QMessageBox, "warning", lambda _p, title, text, *a: warnings.append((title, text))
    )
    with qtbot.waitSignal(flow.preview_shown, timeout=20_000) as shown:
        flow.generate(short_options)
    assert len(warnings) == 1
    title, text = warnings[0]
    assert "印刷できない文字" in title
    assert "𠮷" in text and "施設名" in text and "U+20BB7" in text
    window = shown.args[0]
    assert window.glyph_banner.isVisible()
    assert "𠮷" in window.glyph_banner.text()


def test_change_options_makes_a_new_report_in_the_same_window(qtbot, flow, preview):
    assert preview.document.pageCount() > 2
    dialog = flow.open_dialog(preview)
    radio = dialog.summary_radio
    qtbot.mouseClick(radio, Qt.MouseButton.LeftButton, pos=QPoint(8, radio.height() // 2))
    with qtbot.waitSignal(flow.preview_shown, timeout=20_000) as shown:
        qtbot.mouseClick(dialog.preview_button, Qt.MouseButton.LeftButton)
    assert shown.args[0] is preview
    assert preview.document.pageCount() == 2
    assert "要約版" in preview.windowTitle()


def test_escape_closes_the_preview(qtbot, preview):
    qtbot.keyClick(preview, Qt.Key.Key_Escape)
    assert not preview.isVisible()


def test_a_long_legal_name_saves_and_a_failure_is_told_in_japanese(
    qtbot, preview, tmp_path, monkeypatch
):
    """Issue 14: the preview writes through the one atomic writer (a 255-byte name saves;
    Qt's QSaveFile added a suffix that made it too long) and names the OS error in Japanese."""
    longest = tmp_path / ("報" * 82 + ".pdf")  # 246 + 4 = 250 bytes
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_: (str(longest), ""))
    assert preview.save_pdf() == longest
    assert longest.read_bytes() == preview.report.pdf
    assert [p.name for p in tmp_path.iterdir()] == [longest.name]

    target = tmp_path / "no-such-folder" / "報告書.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_: (str(target), ""))
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _p, _t, text, *a: shown.append(text))
    assert preview.save_pdf() is None
    assert "ファイルまたはフォルダが見つかりません" in shown[0]
