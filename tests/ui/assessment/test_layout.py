"""What a person sees at a large text size: nothing cut off, lines that do not touch."""

from __future__ import annotations

from PySide6.QtCore import QRect

from haip_desktop.assessment import save_assessment
from haip_desktop.assessment.demo import make_demo_assessment
from haip_desktop.assessment.scoring import overall
from haip_desktop.ui.assessment.progress_view import percent


def _open_demo(window, guideline, tmp_path, parts):  # type: ignore[no-untyped-def]
    path = tmp_path / "さくら総合病院_2026-11-25.haipeval"
    assessment = make_demo_assessment(guideline, fill=0.6, seed=3, facility="さくら総合病院")
    assert assessment.tools, "the demo has a tool register"
    save_assessment(assessment, path)
    assert parts.assessment.open_path(path)
    window.resize(1280, 820)
    return window.page("assessment"), path


def _inside(widget, viewport) -> bool:  # type: ignore[no-untyped-def]
    """The widget shows whole inside the viewport (not cut at any edge)."""
    top_left = widget.mapTo(viewport, widget.rect().topLeft())
    return viewport.rect().contains(QRect(top_left, widget.size()))


def test_header_progress_reads_without_a_stray_space(
    window, controller, guideline, tmp_path, parts
):
    page, path = _open_demo(window, guideline, tmp_path, parts)
    total = overall(controller.assessment, guideline)
    assert page.progress_label.text() == (
        f"回答 {total.answered} / {total.total}（{percent(total.progress)}）"
        f"・実施率 {percent(total.coverage)}"
    )
    assert page.file_label.text() == f"ファイル: {path.name}"
    assert page.folder_label.text() == f"保存場所: {path.parent}"


def test_header_lines_keep_apart_at_200_percent(
    qtbot, window, controller, guideline, tmp_path, parts
):
    page, _path = _open_demo(window, guideline, tmp_path, parts)
    window.resize(1280, 1600)  # tall enough for the three-line header at 200%
    line_height = page.file_label.fontMetrics().height()
    window.set_zoom(200)
    try:
        qtbot.waitUntil(lambda: page.file_label.fontMetrics().height() > 1.5 * line_height)
        qtbot.waitUntil(lambda: page.file_label.height() >= page.file_label.fontMetrics().height())
        assert not page.header_is_one_line
        lines = [page.facility_label, page.file_label, page.folder_label]
        for label in lines:
            # As tall as its wrapped text needs: no line is squeezed.
            assert label.height() >= label.heightForWidth(label.width())
        gap = lines[0].fontMetrics().height() // 8
        for upper, lower in zip(lines, lines[1:], strict=False):
            assert lower.geometry().top() - upper.geometry().bottom() > gap
        header = page.file_label.parentWidget()
        assert header.height() - page.folder_label.geometry().bottom() > gap
    finally:
        window.set_zoom(100)  # the text size is the application's, shared by later tests


def test_tool_register_shows_everything_at_200_percent(
    qtbot,
    window,
    controller,
    guideline,
    tmp_path,
    parts,
):
    page, _path = _open_demo(window, guideline, tmp_path, parts)
    page.tabs.setCurrentWidget(page.tool_view)
    view = page.tool_view
    window.set_zoom(200)
    try:
        table = view.table
        rows = lambda: sum(table.rowHeight(r) for r in range(table.rowCount()))  # noqa: E731
        qtbot.waitUntil(
            lambda: (
                table.height() >= rows() + table.horizontalHeader().height()
                and view.form_row.direction().name == "TopToBottom"
            )
        )
        # Every column fits the width (no column hidden to the right) ...
        assert table.horizontalScrollBar().maximum() == 0
        header = table.horizontalHeader()
        assert header.sectionPosition(6) + header.sectionSize(6) <= table.viewport().width()
        # ... and each row shows its wrapped text whole.
        for row in range(table.rowCount()):
            assert table.rowHeight(row) >= table.sizeHintForRow(row)
        # Scrolled to, each field of the form shows whole (the page scrolls, nothing clips).
        viewport = view.scroll_area.viewport()
        bar = view.scroll_area.verticalScrollBar()
        fields = [
            view.name,
            view.vendor,
            view.deployment,
            view.patient_data,
            view.approval,
            view.owner,
            view.note,
            view.steps,
        ]
        for field in fields:
            top = field.mapTo(view.body, field.rect().topLeft()).y()
            bar.setValue(top + field.height() - viewport.height())
            assert _inside(field, viewport), field.objectName()
        assert view.scroll_area.verticalScrollBar().maximum() > 0  # the page scrolls, not clips
    finally:
        window.set_zoom(100)


def test_history_columns_fit_at_200_percent(qtbot, window, controller, guideline, tmp_path, parts):
    page, _path = _open_demo(window, guideline, tmp_path, parts)
    page.tabs.setCurrentWidget(page.overview_view)
    table = page.overview_view.history
    assert table.rowCount() > 10
    line = table.fontMetrics().height()
    window.set_zoom(200)
    try:
        qtbot.waitUntil(lambda: table.fontMetrics().height() > 1.5 * line)
        header = table.horizontalHeader()
        # All five columns (日時 記入者 項目 欄 変更) inside the width; nothing to scroll sideways.
        qtbot.waitUntil(
            lambda: header.sectionPosition(4) + header.sectionSize(4) <= table.viewport().width()
        )
        assert table.horizontalScrollBar().maximum() == 0
        # The history keeps room for several lines however large the text.
        assert table.viewport().height() >= 6 * table.fontMetrics().height()
    finally:
        window.set_zoom(100)
