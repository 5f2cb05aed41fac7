"""The assessment screen on the screens hospitals have, at the text sizes staff choose (#17).

At each corner size — a 1280×720 laptop at 100%, a 1366×768 laptop at 200%, a 1920×1080
desktop at 150% — the window keeps its size, every tab can be reached, and in each part the
list and the status choices show inside the window without scrolling; names stay whole.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QApplication, QToolButton, QWidget

from haip_desktop.assessment import save_assessment
from haip_desktop.assessment.demo import make_demo_assessment
from haip_desktop.assessment.parts import PARTS
from haip_desktop.ui.assessment.answer_list import COLUMN_DUE, COLUMN_STATUS, COLUMN_TITLE
from haip_desktop.ui.assessment.locations import TABS, part_location
from haip_desktop.ui.widgets.tree_rows import child_items, top_level_items

# width, height, text size; whether the header is one line and the list above the form
CORNERS = [
    (1280, 720, 100, False, False),
    (1366, 768, 200, True, True),
    (1920, 1080, 150, False, False),
]
MIN_TITLE_CHARS = 8  # a countermeasure's name never gets a column narrower than this


@pytest.fixture(params=["市立ひがし野病院"])
def demo_page(request, window, parts, guideline, tmp_path):  # type: ignore[no-untyped-def]
    """A demo hospital's assessment open (a pharmacy's where a test asks for it)."""
    assessment = make_demo_assessment(guideline, fill=0.6, seed=3, facility=request.param)
    assessment.assessors = ["高橋 美紀（看護師長）", *assessment.assessors]
    # The widest date the font can show (its 「1」 is narrower than its other digits).
    answers = [*assessment.answers.values()]
    answers += [a for by_tool in assessment.tool_answers.values() for a in by_tool.values()]
    for answer in answers:
        if answer.status.is_gap:
            answer.target_date = dt.date(2028, 8, 28)
    path = tmp_path / "ひがし野.haipeval"
    save_assessment(assessment, path)
    assert parts.assessment.open_path(path)
    yield window.page("assessment")
    window.set_zoom(100)  # the text size is the application's, shared by later tests


def _at(qtbot, window, width: int, height: int, zoom: int) -> None:  # type: ignore[no-untyped-def]
    window.resize(width, height)
    line = QApplication.font().pointSizeF()
    window.set_zoom(zoom)
    qtbot.waitUntil(lambda: abs(QApplication.font().pointSizeF() - line * zoom / 100) < 0.1)
    _settle(qtbot)


def _settle(qtbot) -> None:  # type: ignore[no-untyped-def]
    for _ in range(3):  # layouts that follow a font change, then the fitting they schedule
        QApplication.processEvents()
        qtbot.wait(10)


def _rect_in(widget: QWidget, ancestor: QWidget) -> QRect:
    return QRect(widget.mapTo(ancestor, QPoint(0, 0)), widget.size())


def _shows_whole(widget: QWidget, window: QWidget) -> bool:
    """Visible, and not cut by the window's edges (nor by its status bar)."""
    client = QRect(0, 0, window.width(), window.statusBar().geometry().top())
    return widget.isVisible() and client.contains(_rect_in(widget, window))


def _visible_rows(tree) -> int:  # type: ignore[no-untyped-def]
    viewport = tree.viewport().rect()
    rows = [r for g in top_level_items(tree) for r in [g, *child_items(g)]]
    return sum(1 for r in rows if viewport.contains(tree.visualItemRect(r)))


@pytest.mark.parametrize("demo_page", ["市立ひがし野病院", "かもめ調剤薬局 本町店"], indirect=True)
@pytest.mark.parametrize(("width", "height", "zoom", "one_line", "stacked"), CORNERS)
def test_the_assessment_fits_the_screen(
    qtbot, window, demo_page, width, height, zoom, one_line, stacked
):
    page = demo_page
    _at(qtbot, window, width, height, zoom)
    # The window never grows itself; what it needs fits the screen it is on.
    assert (window.width(), window.height()) == (width, height)
    needed = window.minimumSizeHint()
    assert needed.width() <= width and needed.height() <= height
    # The header: one line when short of height, else three; its key controls inside.
    assert page.header_is_one_line == one_line
    for widget in (page.progress_label, page.who):
        assert _shows_whole(widget, window), widget.objectName()
    # 記入者 shows the whole name (no 「…紀（看護師長）」).
    who = page.who
    assert who.currentText() == "高橋 美紀（看護師長）"
    edit = who.lineEdit()
    assert edit.width() >= edit.fontMetrics().horizontalAdvance(who.currentText())

    em = page.fontMetrics().horizontalAdvance("あ")
    bar = page.tabs.tabBar()
    for index, tab in enumerate(TABS):
        page.show_tab(tab)
        _settle(qtbot)
        # Every tab can be reached: when they do not all fit, the bar scrolls to it.
        assert bar.count() == len(TABS) and bar.isTabVisible(index)
        assert bar.rect().contains(bar.tabRect(index)), tab
        assert _shows_whole(bar, window)
    # Each part's tab keeps its progress: 「32/53」, or 「60%」 where that does not fit.
    for part in PARTS:
        label = bar.tabText(TABS.index(part.value))
        assert re.fullmatch(rf"{part.part_label} (\d+/\d+|\d+%)", label), label
    if sum(bar.tabRect(i).width() for i in range(bar.count())) > bar.width():
        arrows = [b for b in bar.findChildren(QToolButton) if b.isVisible()]
        assert arrows, "tabs that do not fit need their scroll buttons"

    for part in PARTS:
        window.navigate(part_location(part))
        _settle(qtbot)
        view = page.answer_view
        assert view.part is part
        # Side by side on a wide page, the list above the form on a narrow one.
        assert view.stacked == stacked
        assert _shows_whole(view.list, window)
        rows = _visible_rows(view.list)
        assert rows >= 8, f"{part}: {rows} rows"
        # The status choices show without scrolling the form.
        for button in view.editor.status_buttons.values():
            assert _shows_whole(button, window), button.objectName()
            viewport = view.editor.viewport()
            assert viewport.rect().contains(_rect_in(button, viewport)), button.objectName()
        # Names of countermeasures keep room for words (never a character a line); dates
        # and statuses show whole (no 「2027-03-…」).
        assert view.list.columnWidth(COLUMN_TITLE) >= MIN_TITLE_CHARS * em
        metrics = view.list.fontMetrics()
        for row in view.list.item_rows():
            for column in (COLUMN_STATUS, COLUMN_DUE):
                text = row.text(column)
                assert metrics.horizontalAdvance(text) + 10 <= view.list.columnWidth(column), text

    page.show_tab("gaps")
    _settle(qtbot)
    tree = page.gap_view.tree
    assert _shows_whole(page.gap_view.sort_choice, window)
    assert tree.columnWidth(0) >= MIN_TITLE_CHARS * em
    assert tree.header().length() <= tree.viewport().width()  # no column out of sight
    assert _visible_rows(tree) >= 4

    page.show_tab("progress")
    _settle(qtbot)
    assert _shows_whole(page.progress_view.answered_label, window)

    page.show_tab("overview")
    _settle(qtbot)
    overview = page.overview_view
    assert _shows_whole(overview.edit_button, window)
    assert overview.scroll_area.horizontalScrollBar().maximum() == 0
    for label in [*overview.fields.values(), *overview.part_fields.values()]:
        assert label.text()
        assert label.height() >= label.heightForWidth(label.width()), label.text()  # not squeezed
    assert (window.width(), window.height()) == (width, height)


def test_ctrl_keys_change_the_text_size_and_back(qtbot, window, demo_page):
    """The same window at 100%, 200% and back with Ctrl+0: the header and the parts'
    arrangement follow, and the window keeps its size."""
    page = demo_page
    _at(qtbot, window, 1366, 768, 100)
    view = page.answer_view
    assert not page.header_is_one_line and not view.stacked
    window.set_zoom(190)
    qtbot.keyClick(window, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.zoom_percent == 200)
    _settle(qtbot)
    assert page.header_is_one_line and view.stacked
    assert (window.width(), window.height()) == (1366, 768)
    qtbot.keyClick(window, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    _settle(qtbot)
    assert window.zoom_percent == 100
    assert not page.header_is_one_line and not view.stacked
    assert (window.width(), window.height()) == (1366, 768)


@pytest.mark.parametrize("zoom", [100, 110, 125])
def test_history_rows_are_not_cut(qtbot, window, demo_page, zoom):
    """評価の概要 → 変更の履歴: each row as tall as its tallest wrapped cell, with air below."""
    page = demo_page
    _at(qtbot, window, 1280, 720, zoom)
    page.show_tab("overview")
    _settle(qtbot)
    table = page.overview_view.history
    assert table.rowCount() > 10
    metrics = table.fontMetrics()
    for row in range(min(table.rowCount(), 40)):
        for column in range(table.columnCount()):
            text = table.item(row, column).text()
            room = QRect(0, 0, table.columnWidth(column) - 8, 100_000)
            needed = metrics.boundingRect(room, Qt.TextFlag.TextWordWrap, text).height()
            assert table.rowHeight(row) >= needed + 4, (row, column, text)
