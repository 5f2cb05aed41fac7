"""The start page: flows as diagrams of steps; a click or Enter opens a step."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt

from haip_desktop.assessment.models import Answer, Assessment, Facility, GuidelineRef, Scope, Status
from haip_desktop.guideline import Setting
from haip_desktop.ui.shell.navigation import Location


def workflow(window):
    return window.page("workflow")


def find_step(guideline, flow_name, step_name):
    flow = next(f for f in guideline.flows if f.name == flow_name)
    return next(s for s in flow.steps if s.name == step_name)


def test_window_shows_every_flow_with_its_steps_in_order(guideline_window, guideline):
    view = workflow(guideline_window)
    assert guideline_window.pages.currentWidget() is view
    shown = {s.flow.name: [b.step.name for b in s.diagram.boxes] for s in view.visible_sections()}
    assert shown == {f.name: [s.name for s in f.steps] for f in guideline.flows}
    assert {"外来", "入院", "薬局"} <= set(shown)


def test_step_box_shows_counts_of_scenes_use_cases_and_countermeasures(guideline_window, guideline):
    step = find_step(guideline, "入院", "退院サマリ")
    box = workflow(guideline_window).box(step.id)
    name = box.accessibleName()
    assert name.startswith("退院サマリ")
    assert f"利用シーン {len(guideline.scenes_for_step(step.id))}" in name
    assert f"ユースケース {len(guideline.use_cases_for_step(step.id))}" in name
    assert f"対策 {len(guideline.countermeasures_for_step(step.id))}" in name


def test_clicking_a_step_opens_its_detail(qtbot, guideline_window, guideline):
    step = find_step(guideline, "入院", "退院サマリ")
    box = workflow(guideline_window).box(step.id)
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton)
    assert guideline_window.current_location == Location("step", step.id)
    text = guideline_window.page("step").toPlainText()
    assert "退院サマリ" in text
    for scene in guideline.scenes_for_step(step.id):
        assert scene.name in text
    for uc in guideline.use_cases_for_step(step.id):
        assert uc.name in text
    for cm in guideline.countermeasures_for_step(step.id):
        assert cm.title in text


def test_enter_on_a_focused_step_opens_it_and_arrows_move_between_steps(qtbot, guideline_window):
    view = workflow(guideline_window)
    first, second = view.sections[0].diagram.boxes[:2]
    first.setFocus()
    qtbot.keyClick(first, Qt.Key.Key_Right)
    assert view.focusWidget() is second or second.hasFocus()
    qtbot.keyClick(second, Qt.Key.Key_Return)
    assert guideline_window.current_location == Location("step", second.step.id)


def test_setting_filter_hides_flows_of_other_facilities(qtbot, guideline_window, guideline):
    view = workflow(guideline_window)
    qtbot.mouseClick(
        guideline_window.filter_bar.setting_buttons[Setting.PHARMACY], Qt.MouseButton.LeftButton
    )
    shown = {s.flow.name for s in view.visible_sections()}
    assert shown == {f.name for f in guideline.flows if Setting.PHARMACY in f.settings}
    assert "入院" not in shown and "薬局" in shown
    assert "業務フローを表示していません" in view.hidden_note.text()


def test_progress_is_drawn_when_an_assessment_is_open(guideline_window, guideline):
    step = find_step(guideline, "入院", "退院サマリ")
    cms = guideline.countermeasures_for_step(step.id)
    now = dt.datetime(2026, 1, 1, 9, 0)
    assessment = Assessment(
        guideline=GuidelineRef(id=guideline.id, edition=guideline.edition, data_version="x"),
        facility=Facility(name="テスト病院", kind="hospital"),
        assessment_date=now.date(),
        scope=Scope(all=True),
        answers={cms[0].id: Answer(status=Status.DONE), cms[1].id: Answer(status=Status.NOT_DONE)},
        created_at=now,
        updated_at=now,
    )
    box = workflow(guideline_window).box(step.id)
    assert box.progress is None
    guideline_window.assessment_context.set_assessment(assessment, "テスト病院")
    assert f"回答 2/{len(cms)}" in box.accessibleName()
    assessment.answers[cms[2].id] = Answer(status=Status.PARTIAL)
    guideline_window.assessment_context.notify_changed()
    assert f"回答 3/{len(cms)}" in box.accessibleName()
    guideline_window.assessment_context.set_assessment(None)
    assert "回答" not in box.accessibleName()


def test_step_names_break_only_between_words(guideline_window, guideline):
    from haip_desktop.ui.widgets.text_wrap import break_units

    view = workflow(guideline_window)
    for box in view.boxes():
        lines = box.title_lines(box.width())
        assert "".join(lines) == box.step.name
        ends, position = set(), 0
        for unit in break_units(box.step.name):
            position += len(unit)
            ends.add(position)
        position = 0
        for line in lines[:-1]:
            position += len(line)
            assert position in ends, (box.step.name, lines)
        # All lines fit in the box above the counts.
        assert box.title_height(box.width()) < box.height()
    shown = {
        box.step.name: box.title_lines(box.width())
        for box in view.boxes()
        if box.step.name
        in ("入院時アセスメント・看護計画", "処方監査・疑義照会", "服薬フォローアップ・問い合わせ")
    }
    assert len(shown) == 3
    words = ("アセスメント", "疑義照会", "フォローアップ")
    for lines in shown.values():
        assert any(word in line for line in lines for word in words), lines


def _activate(qtbot, window):
    from PySide6.QtWidgets import QApplication

    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)


def test_the_diagrams_are_one_tab_stop_and_arrows_move_inside(qtbot, guideline_window):
    from PySide6.QtWidgets import QApplication

    from haip_desktop.ui.guideline.step_box import StepBox

    _activate(qtbot, guideline_window)
    view = workflow(guideline_window)
    boxes = view.boxes()
    first = view.sections[0].diagram.boxes[0]
    first.setFocus()
    qtbot.keyClick(first, Qt.Key.Key_Right)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Right)
    third = view.sections[0].diagram.boxes[2]
    assert QApplication.focusWidget() is third
    qtbot.keyClick(third, Qt.Key.Key_Down)
    below = view.sections[1].diagram.boxes[2]
    assert QApplication.focusWidget() is below

    # Going round the whole window with Tab visits exactly one step box: the last one used.
    seen: list[StepBox] = []
    for _ in range(80):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        if isinstance(QApplication.focusWidget(), StepBox):
            seen.append(QApplication.focusWidget())
            break
    assert seen == [below]
    assert len(boxes) > 30
    qtbot.keyClick(below, Qt.Key.Key_Tab)
    assert not isinstance(QApplication.focusWidget(), StepBox)
    qtbot.keyClick(
        QApplication.focusWidget(), Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier
    )
    assert QApplication.focusWidget() is below
    qtbot.keyClick(below, Qt.Key.Key_Return)
    assert guideline_window.current_location == Location("step", below.step.id)


def test_hidden_flows_do_not_keep_the_tab_stop(qtbot, guideline_window, guideline):
    view = workflow(guideline_window)
    inpatient = next(s for s in view.sections if s.flow.name == "入院")
    view.set_tab_stop(inpatient.diagram.boxes[1])
    qtbot.mouseClick(
        guideline_window.filter_bar.setting_buttons[Setting.PHARMACY], Qt.MouseButton.LeftButton
    )
    stop = view.tab_stop()
    assert stop is not None and stop.isVisibleTo(view)


def test_step_boxes_grow_with_the_text_size_and_shrink_back(qtbot, guideline_window):
    view = workflow(guideline_window)
    box = view.boxes()[0]

    def settled_size():
        qtbot.wait(1)  # let the layouts run
        return box.size()

    at_100 = settled_size()
    guideline_window.set_zoom(200)
    at_200 = settled_size()
    assert at_200.width() > at_100.width() * 1.6
    assert at_200.height() > at_100.height() * 1.6
    metrics_line = box.fontMetrics().lineSpacing()
    assert at_200.height() >= metrics_line * 5  # name and three count lines fit

    guideline_window.set_zoom(100)
    assert settled_size() == at_100
