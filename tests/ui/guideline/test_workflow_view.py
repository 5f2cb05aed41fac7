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


def test_step_box_shows_counts_of_scenes_use_cases_and_what_staff_do_there(
    guideline_window, guideline
):
    step = find_step(guideline, "入院", "退院サマリ")
    box = workflow(guideline_window).box(step.id)
    name = box.accessibleName()
    assert name.startswith("退院サマリ")
    assert f"利用シーン {len(guideline.scenes_for_step(step.id))}" in name
    assert f"ユースケース {len(guideline.use_cases_for_step(step.id))}" in name
    assert f"現場の手順 {len(guideline.countermeasures_for_step(step.id))}" in name
    # Every box counts the step-level items only (not the dozens of facility and tool items).
    for box in workflow(guideline_window).boxes():
        actions = guideline.countermeasures_for_step(box.step.id)
        if box.step.no_ai_use:
            assert not actions and "利用なし" in box.accessibleName()
        else:
            assert 3 <= len(actions) <= 12
            assert box.count_lines()[-1] == f"現場の手順 {len(actions)}"
            assert not box.greyed


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


def box_background(box):
    """The colour painted inside the box, beside its left edge (clear of the text)."""
    image = box.grab().toImage()
    return image.pixelColor(4, image.height() // 2).name()


def test_steps_the_pharmacy_filter_leaves_without_ai_use_are_greyed_out_but_reachable(
    qtbot, guideline_window, guideline
):
    from haip_desktop.ui.guideline.step_box import GREYED

    view = workflow(guideline_window)
    referral = find_step(guideline, "地域連携", "紹介状（診療情報提供書）作成")
    guidance = find_step(guideline, "薬局", "服薬指導")
    assert box_background(view.box(referral.id)) != GREYED
    qtbot.mouseClick(
        guideline_window.filter_bar.setting_buttons[Setting.PHARMACY], Qt.MouseButton.LeftButton
    )
    f = guideline_window.filters.current
    greyed = [b for b in view.boxes() if b.isVisibleTo(view) and b.greyed]
    assert referral.id in {b.step.id for b in greyed}
    for box in view.boxes():
        if not box.isVisibleTo(view) or box.step.no_ai_use:
            continue
        actions = f.step_actions_for_step(guideline, box.step.id)
        assert box.greyed == (not actions), box.step.name
        assert box.count_lines()[-1] == (
            "利用場面なし" if box.greyed else f"現場の手順 {len(actions)}"
        )
    box = view.box(referral.id)
    assert box.count_lines() == ["薬局では", "生成AIの", "利用場面なし"]
    assert " 0" not in box.accessibleName()
    assert "施設の絞り込み（薬局）では" in box.accessibleDescription()
    assert "開くことはできます" in box.accessibleDescription()
    assert box_background(box) == GREYED
    assert box_background(view.box(guidance.id)) != GREYED
    assert not view.box(guidance.id).greyed

    # Still reachable: by arrow key and Enter, and the page says why there is nothing.
    neighbour = view.box(find_step(guideline, "地域連携", "紹介元への返書").id)
    neighbour.setFocus()
    qtbot.keyClick(neighbour, Qt.Key.Key_Left)
    assert box.hasFocus()
    qtbot.keyClick(box, Qt.Key.Key_Return)
    assert guideline_window.current_location == Location("step", referral.id)
    text = guideline_window.page("step").toPlainText()
    assert "この場面で現場がすること（0）" in text
    assert "いまの施設の絞り込みでは、このステップに該当する現場の手順はありません。" in text

    # All settings again: the box is as before.
    guideline_window.navigate(Location("workflow"))
    qtbot.mouseClick(guideline_window.filter_bar.setting_buttons[None], Qt.MouseButton.LeftButton)
    assert not box.greyed and box_background(box) != GREYED


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
    cms = guideline.countermeasures_for_step(step.id)  # the step-level items only
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
