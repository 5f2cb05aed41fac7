"""前回の評価から新規作成: carried answers, and those due for re-confirmation."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QTimer

from haip_desktop.assessment import save_assessment
from haip_desktop.assessment.baseline import due_for_reconfirmation, new_from_previous
from haip_desktop.assessment.demo import make_demo_assessment
from haip_desktop.ui.comparisons.baseline_dialog import BaselineDialog


def _previous(guideline, tmp_path):  # type: ignore[no-untyped-def]
    previous = make_demo_assessment(
        guideline, fill=0.8, seed=4, facility="東病院", as_of=dt.date(2025, 4, 1)
    )
    path = tmp_path / "東病院_2025.json"
    save_assessment(previous, path)
    return previous, path


def test_lists_answers_due_for_the_chosen_period(qtbot, guideline, tmp_path):
    previous, path = _previous(guideline, tmp_path)
    dialog = BaselineDialog(guideline)
    qtbot.addWidget(dialog)
    assert dialog.set_previous(path)
    day = dt.date(2026, 4, 1)
    dialog.date_field.set_date(day)
    dialog.period.setCurrentIndex(dialog.period.findData(365))
    dialog.refresh()
    expected = due_for_reconfirmation(
        new_from_previous(previous, guideline, assessment_date=day), 365, today=day
    )
    assert expected
    assert dialog.due_list.topLevelItemCount() == len(expected)
    assert f"{len(expected)} 件" in dialog.due_label.text()

    dialog.period.setCurrentIndex(dialog.period.findData(1095))
    assert dialog.due_list.topLevelItemCount() < len(expected)


def test_menu_starts_a_new_unsaved_assessment_from_the_previous_file(
    qtbot,
    window,
    actions,
    guideline,
    tmp_path,
    file_dialogs,
    parts,
):
    previous, path = _previous(guideline, tmp_path)
    file_dialogs.open_files.append(path)

    shown: list[str] = []

    def fill_in() -> None:
        dialog = getattr(actions, "baseline_dialog", None)
        if dialog is None or not dialog.isVisible():
            QTimer.singleShot(5, fill_in)
            return
        shown.append(dialog.facts.text())
        dialog.date_field.set_date(dt.date(2026, 4, 1))
        dialog.assessors.setText("佐藤 一郎")
        dialog.create_button.click()

    QTimer.singleShot(0, fill_in)
    assert actions.baseline_action.isEnabled()
    actions.baseline_action.trigger()

    controller = parts.assessment.controller
    created = controller.assessment
    assert created is not None and controller.path is None and controller.dirty
    assert created.assessment_date == dt.date(2026, 4, 1)
    assert created.assessors == ["佐藤 一郎"]
    assert created.facility.name == "東病院"
    carried = [a for a in previous.answers.values() if a.has_content()]
    carried_for_tools = [
        a for answers in previous.tool_answers.values() for a in answers.values() if a.has_content()
    ]
    assert carried_for_tools  # the demo answers tool items too
    assert f"回答済み: {len(carried) + len(carried_for_tools)} 件" in shown[0]
    assert sum(1 for a in created.answers.values() if a.carried_over) == len(carried)
