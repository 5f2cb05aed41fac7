"""Step detail: what staff do there by role, risks, the folded facility and tool parts, the
scenes and use cases; filtered by perspective and setting; with an assessment, its answers."""

from __future__ import annotations

import datetime as dt
import re

from PySide6.QtCore import QPoint, Qt, QUrl

from haip_desktop.assessment.models import (
    AITool,
    Answer,
    Approval,
    Assessment,
    Facility,
    GuidelineRef,
    Scope,
    Status,
)
from haip_desktop.guideline import Perspective, Role, Setting
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
    assert "この場面で現場がすること（0）" in view.toPlainText()
    assert "上の「立場」で「利用者」か「両方」を選ぶと表示されます" in view.toPlainText()


def test_a_filter_chosen_elsewhere_applies_when_going_back(qtbot, guideline_window, guideline):
    step, view = open_step(guideline_window, guideline)
    guideline_window.navigate(Location("risk_matrix"))
    guideline_window.filter_bar.perspective_buttons["developer"].click()
    guideline_window.back()
    assert guideline_window.current_location == Location("step", step.id)
    text = view.toPlainText()
    assert "この場面で現場がすること（0）" in text
    tools = [
        cm
        for cm in guideline.tool_countermeasures_for_step(step.id)
        if cm.perspective is Perspective.DEVELOPER
    ]
    assert f"この場面のAIツールに求めること（{len(tools)}件）" in text


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


# -- この場面で現場がすること: what staff do, by role ------------------------------------------


def role_sections(text: str) -> dict[str, list[str]]:
    """The lines under each role heading (「看護師（8）」) of この場面で現場がすること."""
    start = text.index("この場面で現場がすること")
    end = text.index("この場面のリスク")
    roles = {role.value for role in Role}
    sections: dict[str, list[str]] = {}
    current = None
    for line in text[start:end].splitlines():
        match = re.fullmatch(r"(.+)（(\d+)）", line.strip())
        if match and match.group(1) in roles:
            current = match.group(1)
            sections[current] = []
        elif current is not None:
            sections[current].append(line)
    return sections


def titles_in(lines: list[str], cms) -> list[str]:
    return [cm.title for cm in cms if any(line.startswith(cm.title) for line in lines)]


def test_nursing_record_starts_with_the_nurses_actions_on_the_first_screen(
    qtbot, guideline_window, guideline
):
    guideline_window.resize(1366, 768)
    step, view = open_step(guideline_window, guideline, step_name="看護記録")
    qtbot.waitUntil(lambda: view.viewport().height() < 768)
    text = view.toPlainText()
    order = [
        text.index("この場面で現場がすること"),
        text.index("この場面のリスク"),
        text.index("施設として整える前提"),
        text.index("この場面のAIツールに求めること"),
        text.index("生成AIが使われる場面（利用シーン）"),
    ]
    assert order == sorted(order)
    sections = role_sections(text)
    assert list(sections)[0] == "看護師" == step.roles[0].value
    nurse = [
        cm
        for cm in guideline.countermeasures_for_step(step.id)
        if Role.NURSE in guideline.roles_at(cm, step.id)
    ]
    assert len(nurse) >= 5
    assert sorted(titles_in(sections["看護師"], nurse)) == sorted(cm.title for cm in nurse)
    # Nothing the facility arranges is spelled out while its part is folded.
    for cm in guideline.facility_countermeasures_for_step(step.id):
        assert cm.text not in text

    # The first thing under 看護師 is an action of this very step, and it is on the first screen.
    first = next(cm for cm in nurse if sections["看護師"][0].startswith(cm.title))
    assert first.steps == [step.id]
    cursor = view.document().find(first.title)
    assert not cursor.isNull()
    rect = view.cursorRect(cursor)
    assert rect.top() >= 0 and rect.bottom() < view.viewport().height()


def test_a_shared_action_appears_only_under_the_roles_that_do_it_at_this_step(
    guideline_window, guideline
):
    step = find_step(guideline, "看護記録")
    shared = [
        cm
        for cm in guideline.countermeasures_for_step(step.id)
        if set(guideline.roles_at(cm, step.id)) < set(cm.roles)
    ]
    assert shared  # e.g. 会話にない記載を削る: 医師・看護師・薬剤師, here the nurse only
    both = [
        cm
        for cm in guideline.countermeasures_for_step(step.id)
        if len(guideline.roles_at(cm, step.id)) > 1
    ]
    assert both  # e.g. 看護補助者が入れた部分は看護師が確かめて承認する
    _, view = open_step(guideline_window, guideline, step_name="看護記録")
    sections = role_sections(view.toPlainText())
    for cm in shared + both:
        here = {role.value for role in guideline.roles_at(cm, step.id)}
        under = {role for role, lines in sections.items() if titles_in(lines, [cm])}
        assert under == here, cm.id
    for cm in shared:
        for role in set(cm.roles) - set(guideline.roles_at(cm, step.id)):
            assert role.value not in sections or not titles_in(sections[role.value], [cm])
    assert "医師" not in sections and "薬剤師" not in sections  # they do not work at 看護記録


def find_step(guideline, step_name):
    return next(s for s in guideline.steps if s.name == step_name)


def link_point(view, text):
    """Where to click on a link whose text contains `text` (scrolled into view)."""
    cursor = view.document().find(text)
    assert not cursor.isNull(), text
    view.setTextCursor(cursor)
    view.ensureCursorVisible()
    rect = view.cursorRect(cursor)
    return QPoint(rect.left() - view.fontMetrics().horizontalAdvance("あ"), rect.center().y())


def test_the_folded_parts_show_their_counts_and_open_by_click_and_by_keyboard(
    qtbot, guideline_window, guideline
):
    step, view = open_step(guideline_window, guideline, step_name="看護記録")
    facility = guideline.facility_countermeasures_for_step(step.id)
    tools = guideline.tool_countermeasures_for_step(step.id)
    assert facility and tools
    text = view.toPlainText()
    assert f"▶ 施設として整える前提（{len(facility)}件）" in text
    assert f"▶ この場面のAIツールに求めること（{len(tools)}件）" in text
    assert not any(cm.text in text for cm in facility + tools)

    qtbot.mouseClick(
        view.viewport(), Qt.MouseButton.LeftButton, pos=link_point(view, "施設として整える前提")
    )
    text = view.toPlainText()
    assert f"▼ 施設として整える前提（{len(facility)}件）" in text
    assert all(cm.text in text for cm in facility)
    assert not any(cm.text in text for cm in tools)

    # The link keeps the keyboard: Enter closes it again, Tab goes on to the next part.
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Return)
    text = view.toPlainText()
    assert f"▶ 施設として整える前提（{len(facility)}件）" in text
    assert not any(cm.text in text for cm in facility)
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    qtbot.keyClick(view, Qt.Key.Key_Return)
    text = view.toPlainText()
    assert f"▼ この場面のAIツールに求めること（{len(tools)}件）" in text
    assert all(cm.text in text for cm in tools)

    # Remembered for this step only.
    nxt, _ = open_step(guideline_window, guideline, step_name="退院サマリ")
    assert "▶ この場面のAIツールに求めること" in view.toPlainText()
    guideline_window.back()
    assert "▼ この場面のAIツールに求めること" in view.toPlainText()


def test_a_link_to_a_folded_part_opens_it(guideline_window, guideline):
    step = find_step(guideline, "看護記録")
    guideline_window.navigate(Location("step", step.id, "part-facility"))
    text = guideline_window.page("step").toPlainText()
    assert "▼ 施設として整える前提" in text
    assert all(cm.text in text for cm in guideline.facility_countermeasures_for_step(step.id))


def _assessment(guideline, step, **fields):
    now = dt.datetime(2026, 1, 1, 9, 0)
    return Assessment(
        guideline=GuidelineRef(id=guideline.id, edition=guideline.edition, data_version="x"),
        facility=Facility(name="テスト病院", kind="hospital"),
        assessment_date=now.date(),
        created_at=now,
        updated_at=now,
        **fields,
    )


def test_with_an_assessment_open_each_action_shows_its_answer_and_the_parts_their_progress(
    guideline_window, guideline
):
    from haip_desktop.assessment.parts import Part
    from haip_desktop.assessment.scope import items_in_scope

    step = find_step(guideline, "看護記録")
    actions = guideline.countermeasures_for_step(step.id)
    facility = guideline.facility_countermeasures_for_step(step.id)
    tools = guideline.tool_countermeasures_for_step(step.id)
    assessment = _assessment(
        guideline,
        step,
        scope=Scope(steps=[step.id]),
        tools=[
            AITool(id="T-1", name="記録支援AI", steps=[step.id], approval=Approval.APPROVED),
            AITool(id="T-2", name="無料チャット", steps=[step.id], approval=Approval.PROHIBITED),
            AITool(id="T-3", name="問診AI", steps=["ST-OUT-02"], approval=Approval.APPROVED),
        ],
        answers={
            actions[0].id: Answer(status=Status.DONE),
            facility[0].id: Answer(status=Status.PARTIAL),
        },
        tool_answers={"T-1": {tools[0].id: Answer(status=Status.DONE)}},
    )
    items = items_in_scope(assessment, guideline)
    facility_items = [i for i in items if i.part is Part.FACILITY and i.countermeasure in facility]
    t1_items = [i for i in items if i.tool_id == "T-1" and i.countermeasure in tools]
    assert facility_items and t1_items

    _, view = open_step(guideline_window, guideline, step_name="看護記録")
    guideline_window.assessment_context.set_assessment(assessment, "テスト病院.haipeval")
    text = view.toPlainText()
    lines = text.splitlines()
    assert "自己評価「テスト病院.haipeval」を表示しています。" in text
    assert f"この場面の手順: 回答 1/{len(actions)}" in text
    title_lines = [line for line in lines if line.startswith(actions[0].title)]
    assert title_lines and all("実施済" in line for line in title_lines)
    assert all("未回答" in line for line in lines if line.startswith(actions[1].title))
    facility_line = next(line for line in lines if "自己評価の「施設の体制」を開く" in line)
    assert facility_line.startswith(f"回答 1/{len(facility_items)}")
    assert f"記録支援AI: 回答 1/{len(t1_items)}" in text
    assert "無料チャット: 利用禁止（回答は不要）" in text
    assert "問診AI" not in text  # used elsewhere, not at this step
    html = view.toHtml()
    assert 'href="haip:assessment/part:facility"' in html
    assert 'href="haip:assessment/part:tool/T-1"' in html

    # An answer given elsewhere shows at once (the kept page is made again).
    assessment.answers[actions[1].id] = Answer(status=Status.NOT_DONE)
    guideline_window.assessment_context.notify_changed()
    assert f"この場面の手順: 回答 2/{len(actions)}" in view.toPlainText()
    assert all(
        "未実施" in line
        for line in view.toPlainText().splitlines()
        if line.startswith(actions[1].title)
    )

    guideline_window.assessment_context.set_assessment(None)
    assert "自己評価「" not in view.toPlainText()
    assert "実施済" not in view.toPlainText()


def test_the_facility_line_leads_to_the_facility_part_of_the_assessment(
    guideline_window, guideline
):
    step = find_step(guideline, "看護記録")
    assessment = _assessment(guideline, step, scope=Scope(steps=[step.id]))
    _, view = open_step(guideline_window, guideline, step_name="看護記録")
    guideline_window.assessment_context.set_assessment(assessment, "テスト病院")
    view.anchorClicked.emit(QUrl("haip:assessment/part:facility"))
    assert guideline_window.current_location.page == "assessment"


def test_a_step_out_of_the_assessments_scope_says_so(guideline_window, guideline):
    step = find_step(guideline, "看護記録")
    assessment = _assessment(guideline, step, scope=Scope(steps=["ST-PH-04"]))
    _, view = open_step(guideline_window, guideline, step_name="看護記録")
    guideline_window.assessment_context.set_assessment(assessment, "テスト薬局")
    text = view.toPlainText()
    assert "この場面の手順は、評価の範囲に入っていません。" in text
    assert "評価の範囲外" in text
    assert "AIツール台帳には、このステップで使うツールがありません。" in text


def test_the_step_pages_links_land_on_the_part_tool_and_answer_in_the_assessment(
    qtbot, window, parts, guideline, tmp_path
):
    """Through the window people use: a real assessment opened, then the step page's links."""
    from haip_desktop.assessment.demo import make_demo_assessment
    from haip_desktop.assessment.store import save_assessment

    step = find_step(guideline, "看護記録")
    assessment = make_demo_assessment(guideline, fill=0.5, seed=3)
    assessment.scope.steps = [step.id]
    assessment.tools = [
        AITool(id="T-1", name="記録支援AI", steps=[step.id], approval=Approval.APPROVED)
    ]
    path = tmp_path / "病院.haipeval"
    save_assessment(assessment, path)
    assert parts.assessment.open_path(path)
    page = window.page("assessment")

    def follow(href: str) -> None:
        window.navigate(Location("step", step.id))
        view = window.page("step")
        assert f'href="{href}"' in view.toHtml()
        view.anchorClicked.emit(QUrl(href))
        assert window.current_location.page == "assessment"

    follow("haip:assessment/part:facility")
    assert page.tabs.tabText(page.tabs.currentIndex()).startswith("施設の体制")

    follow("haip:assessment/part:tool/T-1")
    assert page.tabs.tabText(page.tabs.currentIndex()).startswith("AIツール")

    action = guideline.countermeasures_for_step(step.id)[0]
    follow(f"haip:assessment/{action.id}@{step.id}")
    assert page.tabs.tabText(page.tabs.currentIndex()).startswith("現場の手順")
    assert page.answer_view.current_countermeasure() == action.id
