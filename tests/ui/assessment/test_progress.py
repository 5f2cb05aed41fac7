"""進捗 and 改善計画 show the core's numbers and order, organised by the three parts."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt

from haip_desktop.assessment import save_assessment
from haip_desktop.assessment.demo import make_demo_assessment
from haip_desktop.assessment.models import Approval, Status
from haip_desktop.assessment.parts import PARTS, Part
from haip_desktop.assessment.scoring import (
    FORMULAS,
    coverage_by_part,
    coverage_by_risk_category,
    coverage_by_side,
    coverage_by_step,
    coverage_by_tool,
    coverage_by_use_case,
    gap_list,
    overall,
)
from haip_desktop.ui.assessment.gap_list_view import (
    COLUMN_DUE,
    COLUMN_SEVERITY,
    KEY_ROLE,
    OWNER_ROLE,
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
    # The parts first: 施設の体制, AIツール, 現場の手順, then each tool of the register.
    assert _rows(view.tables["part"]) == [
        _expected(part.part_label, t) for part, t in coverage_by_part(assessment, guideline).items()
    ]
    by_tool = coverage_by_tool(assessment, guideline)
    tool_rows = _rows(view.tables["tool"])
    assert [row[1:] for row in tool_rows] == [_expected("", t)[1:] for t in by_tool.values()]
    names = {t.id: t.name for t in assessment.tools}
    assert all(
        row[0].startswith(names[k] + "（") for row, k in zip(tool_rows, by_tool, strict=True)
    )
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


def test_gap_list_by_part_most_important_first(
    qtbot, window, controller, guideline, tmp_path, parts
):
    page = _open_demo(window, guideline, tmp_path, parts)
    assessment = controller.assessment
    # One gap overdue (its 目標日 passed), one due later: overdue is judged against today.
    today = dt.date.today()
    gaps = gap_list(assessment, guideline)
    late, later = gaps[0].item, gaps[1].item
    controller.set_item_answer(late, target_date=today - dt.timedelta(days=10))
    controller.set_item_answer(later, target_date=today + dt.timedelta(days=10))
    page.tabs.setCurrentWidget(page.gap_view)
    view = page.gap_view
    gaps = gap_list(assessment, guideline, today=today)
    assert len(view.rows()) == len(gaps) > 3
    overdue = sum(1 for g in gaps if g.overdue)
    assert overdue >= 1
    assert view.summary.text().startswith(f"未実施・一部実施: {len(gaps)} 件")
    assert view.summary.text().endswith(f"・期限超過 {overdue} 件")

    # Groups follow the parts (a tool's gaps under the tool), each in gap_list's order.
    expected_groups: dict[tuple, list] = {}
    for part in PARTS:
        for gap in gaps:
            if gap.item.part is part:
                expected_groups.setdefault((part, gap.item.tool_id), []).append(gap)
    titles = view.group_titles()
    assert titles[0] == f"施設の体制（{len(expected_groups[(Part.FACILITY, None)])} 件）"
    tool_names = {t.id: t.name for t in assessment.tools}
    for (part, tool_id), group in expected_groups.items():
        name = part.part_label if tool_id is None else f"AIツール｜{tool_names[tool_id]}"
        assert f"{name}（{len(group)} 件）" in titles
    expected_order = [
        g.countermeasure.id + (f"@{g.item.tool_id}" if g.item.tool_id else "")
        for group in expected_groups.values()
        for g in group
    ]
    assert view.row_keys() == expected_order
    rows = {r.data(0, KEY_ROLE): r for r in view.rows()}
    for gap in gaps:
        row = rows[gap.countermeasure.id + (f"@{gap.item.tool_id}" if gap.item.tool_id else "")]
        assert row.text(COLUMN_SEVERITY) == (gap.severity.label if gap.severity else "—")
        assert row.text(COLUMN_DUE).endswith("期限超過") == gap.overdue
    late_key = late.countermeasure_id + (f"@{late.tool_id}" if late.tool_id else "")
    assert rows[late_key].text(COLUMN_DUE) == f"{(today - dt.timedelta(days=10))}\n期限超過"

    view.sort_choice.setCurrentIndex(view.sort_choice.findText("担当者ごと"))
    facility_rows = view.tree.topLevelItem(0)
    owners = [facility_rows.child(i).data(0, OWNER_ROLE) for i in range(facility_rows.childCount())]
    named = [o for o in owners if o]
    assert named == sorted(named) and owners[: len(named)] == named

    # Enter on a row opens that answer, in its part (a tool's answer for its tool).
    view.tree.setFocus()
    tool_row = next(r for r in view.rows() if "@" in r.data(0, KEY_ROLE))
    view.tree.setCurrentItem(tool_row)
    qtbot.keyClick(view.tree, Qt.Key.Key_Return)
    assert page.tabs.currentWidget() is page.part_views[Part.TOOL]
    cm_id, tool_id = tool_row.data(0, KEY_ROLE).split("@")
    editor = page.answer_view.editor
    assert (editor.item.countermeasure_id, editor.item.tool_id) == (cm_id, tool_id)
    assert window.current_location.item == f"{cm_id}@{tool_id}"


def test_prohibited_tools_are_named_not_counted(window, controller, guideline, tmp_path, parts):
    page = _open_demo(window, guideline, tmp_path, parts)
    assessment = controller.assessment
    for tool in assessment.tools:
        controller.update_tool(tool.id, approval=Approval.APPROVED)
    tool = assessment.tools[0]
    controller.update_tool(tool.id, approval=Approval.PROHIBITED)
    page.tabs.setCurrentWidget(page.progress_view)
    view = page.progress_view
    assert tool.id not in coverage_by_tool(assessment, guideline)
    assert len(_rows(view.tables["tool"])) == len(assessment.tools) - 1
    assert view.notes["tool"].text() == f"利用禁止のツール（回答は不要）: {tool.name}"


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
