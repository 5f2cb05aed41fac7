"""Step detail: scenes, use cases, risks and countermeasures, filtered by perspective and setting."""

from __future__ import annotations

from PySide6.QtCore import Qt, QUrl

from haip_desktop.guideline import Perspective, Setting
from haip_desktop.ui.shell.navigation import Location


def open_step(window, guideline, flow_name="入院", step_name="退院サマリ"):
    flow = next(f for f in guideline.flows if f.name == flow_name)
    step = next(s for s in flow.steps if s.name == step_name)
    window.navigate(Location("step", step.id))
    return step, window.page("step")


def test_step_detail_shows_sources_and_marks_own_elaboration(guideline_window, guideline):
    step, view = open_step(guideline_window, guideline)
    text = view.toPlainText().replace("\u2060", "")  # the badges' word joiners
    assert "生成AIが使われる場面（利用シーン）" in text
    assert "リスク（リスク区分別）" in text
    for risk in (
        r
        for uc in guideline.use_cases_for_step(step.id)
        for r in guideline.risks_for_use_case(uc.id)
    ):
        assert risk.title in text
        assert f"重大度 {risk.severity.label}" in text
    cm = guideline.countermeasures_for_step(step.id)[0]
    assert "出典: " in text
    if cm.provenance.is_own_elaboration:
        assert "独自" in text
    if not cm.provenance.verified:
        assert "原文未照合" in text


def test_developer_perspective_hides_what_staff_do_at_the_step(qtbot, guideline_window, guideline):
    step, view = open_step(guideline_window, guideline)
    actions = guideline.countermeasures_for_step(step.id)
    assert actions and all(cm.perspective is not Perspective.DEVELOPER for cm in actions)
    text = view.toPlainText()
    for cm in actions:
        assert cm.title in text

    qtbot.mouseClick(
        guideline_window.filter_bar.perspective_buttons["developer"], Qt.MouseButton.LeftButton
    )
    text = view.toPlainText()
    for cm in actions:
        assert cm.text not in text

    qtbot.mouseClick(
        guideline_window.filter_bar.perspective_buttons["user"], Qt.MouseButton.LeftButton
    )
    text = view.toPlainText()
    for cm in actions:
        assert cm.text in text


def test_setting_filter_leaves_out_use_cases_of_other_facilities(
    qtbot, guideline_window, guideline
):
    # A step with a use case that does not occur in pharmacies.
    step = next(
        s
        for s in guideline.steps
        if any(Setting.PHARMACY not in uc.settings for uc in guideline.use_cases_for_step(s.id))
    )
    guideline_window.navigate(Location("step", step.id))
    view = guideline_window.page("step")
    excluded = [
        uc for uc in guideline.use_cases_for_step(step.id) if Setting.PHARMACY not in uc.settings
    ]
    kept = [uc for uc in guideline.use_cases_for_step(step.id) if Setting.PHARMACY in uc.settings]
    for uc in excluded:
        assert uc.summary in view.toPlainText()

    qtbot.mouseClick(
        guideline_window.filter_bar.setting_buttons[Setting.PHARMACY], Qt.MouseButton.LeftButton
    )
    text = view.toPlainText()
    assert "絞り込み中" in text
    for uc in excluded:
        assert uc.summary not in text
    for uc in kept:
        assert uc.summary in text


def test_links_in_the_detail_lead_to_the_use_case(guideline_window, guideline):
    step, view = open_step(guideline_window, guideline)
    uc = guideline.use_cases_for_step(step.id)[0]
    view.anchorClicked.emit(QUrl(Location("use_case", uc.id).url()))
    assert guideline_window.current_location == Location("use_case", uc.id)
    assert uc.summary in guideline_window.page("use_case").document.toPlainText()


def test_perspective_is_chosen_with_arrow_keys(qtbot, guideline_window, guideline):
    step, view = open_step(guideline_window, guideline)
    button = guideline_window.filter_bar.perspective_buttons["all"]
    button.setFocus()
    qtbot.keyClick(button, Qt.Key.Key_Right)
    qtbot.keyClick(guideline_window.filter_bar.perspective_buttons["user"], Qt.Key.Key_Right)
    assert guideline_window.filters.current.perspective == "developer"
    assert "利用者の対策" not in view.toPlainText()


def test_a_filter_chosen_elsewhere_applies_when_going_back(qtbot, guideline_window, guideline):
    step, view = open_step(guideline_window, guideline)
    guideline_window.navigate(Location("risk_matrix"))
    guideline_window.filter_bar.perspective_buttons["developer"].click()
    guideline_window.back()
    assert guideline_window.current_location == Location("step", step.id)
    assert "利用者の対策" not in view.toPlainText()
    assert "開発者の対策" in view.toPlainText()


def test_going_back_to_a_step_shows_it_again_at_the_current_text_size(guideline_window, guideline):
    first, view = open_step(guideline_window, guideline)
    height_at_100 = view.document().size().height()
    second, _ = open_step(guideline_window, guideline, step_name="入院時アセスメント・看護計画")
    assert second.description in view.toPlainText()
    assert first.description not in view.toPlainText()

    guideline_window.back()
    assert first.description in view.toPlainText()
    assert second.description not in view.toPlainText()

    guideline_window.set_zoom(150)
    guideline_window.forward()
    guideline_window.back()
    assert first.description in view.toPlainText()
    assert view.document().size().height() > height_at_100 * 1.2
