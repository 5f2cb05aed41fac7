"""年度比較: improved and regressed counts of two assessments of one facility."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt

from haip_desktop.assessment import save_assessment
from haip_desktop.assessment.demo import make_demo_assessment
from haip_desktop.assessment.models import Status
from haip_desktop.assessment.scope import countermeasures_in_scope
from haip_desktop.guideline import Level


def _pair(guideline, tmp_path):  # type: ignore[no-untyped-def]
    older = make_demo_assessment(
        guideline, fill=0.5, seed=2, facility="中央病院", as_of=dt.date(2025, 4, 1)
    )
    # Answered once for the facility: facility-level countermeasures.
    in_scope = [
        cm.id for cm in countermeasures_in_scope(older, guideline) if cm.level is Level.FACILITY
    ]
    up, down = in_scope[0], in_scope[1]
    older.answers[up] = older.answer(up).model_copy(update={"status": Status.NOT_DONE})
    older.answers[down] = older.answer(down).model_copy(update={"status": Status.DONE})
    newer = older.model_copy(deep=True)
    newer.assessment_date = dt.date(2026, 4, 1)
    newer.answers[up] = newer.answer(up).model_copy(update={"status": Status.DONE})
    newer.answers[down] = newer.answer(down).model_copy(update={"status": Status.PARTIAL})
    old_path, new_path = tmp_path / "2025.json", tmp_path / "2026.json"
    save_assessment(older, old_path)
    save_assessment(newer, new_path)
    return old_path, new_path, up, down


def test_shows_improved_and_regressed_counts(
    qtbot, window, actions, guideline, tmp_path, file_dialogs
):
    old_path, new_path, up, down = _pair(guideline, tmp_path)
    actions.compare_action.trigger()
    view = actions.open_dialogs["compare"]
    # Picked the other way round: the earlier date is still the previous one.
    file_dialogs.open_files += [new_path, old_path]
    qtbot.mouseClick(view.file_buttons[0], Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(view.compared, timeout=5000):
        qtbot.mouseClick(view.file_buttons[1], Qt.MouseButton.LeftButton)

    text = view.summary.text()
    assert "改善 1 件" in text and "後退 1 件" in text
    assert "2025-04-01 → 2026-04-01" in text
    assert not view.warnings.isVisible()
    from haip_desktop.assessment import load_assessment
    from haip_desktop.assessment.scope import use_cases_in_scope

    in_scope = {u.id for u in use_cases_in_scope(load_assessment(new_path), guideline)}
    uc_id = next(u for u in guideline.countermeasure(up).use_cases if u in in_scope)
    uc = guideline.use_case(uc_id)
    row = view.group_counts(view.use_case_table, f"UC{uc.number} ")
    assert int(row["改善"]) >= 1
    groups = [view.items.topLevelItem(i).text(0) for i in range(view.items.topLevelItemCount())]
    assert groups == ["改善（1 件）", "後退（1 件）"]
    assert view.items.topLevelItem(0).child(0).text(0).startswith(up)
    assert view.items.topLevelItem(1).child(0).text(0).startswith(down)


def test_pdf(qtbot, guideline, tmp_path, file_dialogs):
    from pypdf import PdfReader

    from haip_desktop.ui.comparisons.compare_view import CompareView

    old_path, new_path, _up, _down = _pair(guideline, tmp_path)
    view = CompareView(guideline)
    qtbot.addWidget(view)
    assert view.set_path(0, old_path) and view.set_path(1, new_path)
    target = tmp_path / "年度比較.pdf"
    file_dialogs.save_files.append(target)
    qtbot.mouseClick(view.pdf_button, Qt.MouseButton.LeftButton)
    text = "".join(p.extract_text() for p in PdfReader(target).pages)
    assert "中央病院" in text and "改善" in text
