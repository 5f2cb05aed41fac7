"""The progress tab shows the core's numbers; the gap list is ordered by due date or owner."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt

from haip_desktop.assessment import save_assessment
from haip_desktop.assessment.demo import make_demo_assessment
from haip_desktop.assessment.scoring import (
    FORMULAS,
    coverage_by_risk_category,
    coverage_by_side,
    coverage_by_step,
    coverage_by_use_case,
    gap_list,
    overall,
)


def _open_demo(window, guideline, tmp_path, parts):  # type: ignore[no-untyped-def]
    path = tmp_path / "demo.json"
    save_assessment(make_demo_assessment(guideline, fill=0.5, seed=7), path)
    assert parts.assessment.open_path(path)
    return window.page("assessment")


def _rows(table) -> list[list[str]]:  # type: ignore[no-untyped-def]
    return [
        [table.item(r, c).text() for c in range(table.columnCount())]
        for r in range(table.rowCount())
    ]


def _expected(name: str, tally) -> list[str]:  # type: ignore[no-untyped-def]
    return [
        name,
        str(tally.total),
        str(tally.answered),
        f"{round(tally.progress * 100)}%",
        f"{round(tally.coverage * 100)}%",
        str(tally.done),
        str(tally.partial),
        str(tally.not_done),
        str(tally.not_applicable),
        str(tally.unanswered),
    ]


def test_progress_numbers_match_scoring(window, controller, guideline, tmp_path, parts):
    page = _open_demo(window, guideline, tmp_path, parts)
    page.tabs.setCurrentWidget(page.progress_view)
    view = page.progress_view
    assessment = controller.assessment
    total = overall(assessment, guideline)

    assert view.answered_label.text() == (
        f"回答 {total.answered} / {total.total} 件（{round(total.progress * 100)}%）"
    )
    assert view.coverage_label.text() == f"実施率 {round(total.coverage * 100)}%"
    assert 0 < total.answered < total.total
    for formula in FORMULAS.values():
        assert formula in view.formulas.text()

    by_use_case = coverage_by_use_case(assessment, guideline)
    assert _rows(view.tables["use_case"]) == [
        _expected(f"{guideline.use_case(k).number}. {guideline.use_case(k).name}", t)
        for k, t in by_use_case.items()
    ]
    assert _rows(view.tables["risk_category"]) == [
        _expected(guideline.risk_category(k).name, t)
        for k, t in coverage_by_risk_category(assessment, guideline).items()
    ]
    assert len(_rows(view.tables["step"])) == len(coverage_by_step(assessment, guideline))
    side = coverage_by_side(assessment, guideline)
    assert _rows(view.tables["side"]) == [
        _expected("利用者（個人・組織）", side["user"]),
        _expected("開発者", side["developer"]),
    ]


def test_progress_follows_an_answer(qtbot, window, controller, guideline, tmp_path, parts):
    page = _open_demo(window, guideline, tmp_path, parts)
    answers = page.answer_view.list
    answers.setFocus()
    page.answer_view.next_unanswered()
    qtbot.keyClick(answers, Qt.Key.Key_1)
    page.tabs.setCurrentWidget(page.progress_view)
    total = overall(controller.assessment, guideline)
    assert page.progress_view.answered_label.text().startswith(f"回答 {total.answered} / ")
    assert page.progress_label.text().startswith(f"回答 {total.answered} / {total.total}")


def test_gap_list_most_important_first_then_by_due_date_or_owner(
    qtbot, window, controller, guideline, tmp_path, parts
):
    page = _open_demo(window, guideline, tmp_path, parts)
    page.tabs.setCurrentWidget(page.gap_view)
    view = page.gap_view
    gaps = gap_list(controller.assessment, guideline)
    assert view.table.rowCount() == len(gaps) > 3
    assert view.summary.text().startswith(f"未実施・一部実施: {len(gaps)} 件")

    # First as gap_list orders them (the report's order): severity, overdue, 目標日.
    assert view.sort_choice.currentText() == "重大度の高い順"
    assert view.row_ids() == [g.countermeasure.id for g in gaps]
    severities = [view.table.item(r, 0).text() for r in range(view.table.rowCount())]
    assert severities == [g.severity.label if g.severity else "—" for g in gaps]
    assert len(set(severities)) > 1 and severities[0] == "高"

    view.sort_choice.setCurrentIndex(view.sort_choice.findText("目標日の近い順"))
    dates = [view.table.item(r, 1).text() for r in range(view.table.rowCount())]
    real = [d for d in dates if d != "未設定"]
    assert real == sorted(real)
    assert dates[: len(real)] == real  # those without a date come last

    view.sort_choice.setCurrentIndex(view.sort_choice.findText("担当者ごと"))
    owners = [view.table.item(r, 2).text() for r in range(view.table.rowCount())]
    named = [o for o in owners if o != "未設定"]
    assert named == sorted(named)
    by_owner = sorted(
        gaps,
        key=lambda g: (
            g.answer.owner or "\uffff",
            g.answer.target_date or dt.date.max,
            g.countermeasure.id,
        ),
    )
    assert view.row_ids() == [g.countermeasure.id for g in by_owner]

    # Enter on a row opens that answer.
    view.table.setFocus()
    view.table.selectRow(2)
    chosen = view.row_ids()[2]
    qtbot.keyClick(view.table, Qt.Key.Key_Return)
    assert page.tabs.currentWidget() is page.answer_view
    assert page.answer_view.editor.countermeasure.id == chosen
    assert window.current_location.item == chosen


def test_gap_list_marks_target_dates_already_past(
    qtbot, window, controller, guideline, tmp_path, parts
):
    page = _open_demo(window, guideline, tmp_path, parts)
    view = page.gap_view
    gaps = gap_list(controller.assessment, guideline)
    dates = sorted(g.answer.target_date for g in gaps if g.answer.target_date is not None)
    middle = dates[len(dates) // 3]
    view.show_assessment(controller.assessment, guideline, today=middle)
    gaps = gap_list(controller.assessment, guideline, today=middle)  # the rows, in order
    assert any(g.overdue for g in gaps) and not all(g.overdue for g in gaps)
    for row, gap in enumerate(gaps):
        text = view.table.item(row, 1).text()
        assert text.endswith("（期限超過）") is gap.overdue, (row, text)
        if gap.answer.target_date is not None:
            assert text.startswith(gap.answer.target_date.isoformat())


def test_tables_and_fields_grow_with_the_text_size(
    qtbot, window, controller, guideline, tmp_path, parts
):
    page = _open_demo(window, guideline, tmp_path, parts)
    page.tabs.setCurrentWidget(page.progress_view)
    table = page.progress_view.tables["use_case"]
    date_edit = page.answer_view.editor.confirmed_on.edit
    height, width = table.height(), date_edit.minimumWidth()
    window.set_zoom(200)
    try:
        qtbot.waitUntil(lambda: table.height() > 1.5 * height)
        assert date_edit.minimumWidth() > 1.5 * width
        # Every row still shows whole: the table is as tall as its rows.
        rows = sum(table.rowHeight(r) for r in range(table.rowCount()))
        assert table.height() >= rows + table.horizontalHeader().height()
    finally:
        window.set_zoom(100)  # the text size is the application's, shared by later tests


def test_the_coverage_bar_and_the_answer_list_use_the_shared_status_colours(qtbot, guideline):
    """Issue 14: one table of status colours for the PDF and the window."""
    from PySide6.QtGui import QColor

    from haip_desktop.assessment.models import Status
    from haip_desktop.assessment.status_colours import STATUS_FILL, STATUS_TINT
    from haip_desktop.ui.assessment.answer_list import STATUS_COLOURS
    from haip_desktop.ui.assessment.progress_view import ProgressView

    view = ProgressView()
    qtbot.addWidget(view)
    view.resize(900, 700)
    view.show_assessment(make_demo_assessment(guideline, fill=0.9, seed=7), guideline)
    view.show()
    qtbot.waitExposed(view)
    bar = view.coverage_bar
    picture = bar.grab().toImage()
    inside = picture.pixelColor(picture.width() // 10, picture.height() // 2)
    assert inside.name().upper() == QColor(STATUS_FILL[Status.DONE]).name().upper()
    assert dict(STATUS_COLOURS) == dict(STATUS_TINT)
