"""Creating an assessment, answering with the keyboard, saving, closing: as a person would."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt

from haip_desktop.assessment import Facility, FacilityKind, Scope, Status, load_assessment
from haip_desktop.assessment.parts import PARTS, Part
from haip_desktop.assessment.scope import default_scope, items_in_scope
from haip_desktop.ui.assessment.answer_list import COLUMN_STATUS, ID_ROLE, TOOL_ROLE

from ..conftest import type_text, when_shown


def shown_items(page) -> set[tuple[str, str]]:  # type: ignore[no-untyped-def]
    """(countermeasure id, tool id or "") of every item row in the three parts' lists."""
    return {
        (row.data(0, ID_ROLE), row.data(0, TOOL_ROLE))
        for view in page.part_views.values()
        for row in view.list.item_rows()
    }


def in_scope(assessment, guideline) -> set[tuple[str, str]]:  # type: ignore[no-untyped-def]
    return {(i.countermeasure_id, i.tool_id or "") for i in items_in_scope(assessment, guideline)}


def test_new_assessment_through_the_dialog(qtbot, window, controller, guideline, parts):
    seen: dict[str, str] = {}

    def fill_in(dialog) -> None:  # type: ignore[no-untyped-def]
        # Accepting without a facility name is refused, with a visible reason.
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
        seen["refusal"] = dialog.message.text() if dialog.message.isVisible() else ""
        type_text(dialog.facility_name, "みなと病院")
        dialog.facility_kind.setCurrentIndex(dialog.facility_kind.findText("病院"))
        type_text(dialog.assessors, "佐藤 健一、高橋 美紀")
        type_text(dialog.products, "文書作成AI")
        seen["note"] = dialog.scope_note.text()
        item = dialog.scope_editor.use_case_items["UC-03"]
        item.setCheckState(0, Qt.CheckState.Checked)
        seen["count"] = dialog.scope_editor.count_label.text()
        seen["parts"] = dialog.scope_editor.part_counts()
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    when_shown(lambda: parts.assessment.new_dialog, fill_in)
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)

    assert seen["refusal"] == "施設名を入力してください。"
    assessment = controller.assessment
    assert assessment is not None
    assert assessment.facility.name == "みなと病院"
    assert assessment.assessors == ["佐藤 健一", "高橋 美紀"]
    assert assessment.products == ["文書作成AI"]
    assert assessment.scope.use_cases == ["UC-03"]
    # The steps of a hospital's work come with the kind of facility; the person added UC-03.
    assert assessment.scope.steps == default_scope(guideline, FacilityKind.HOSPITAL).steps
    assert seen["note"].startswith("「病院」の業務で生成AIを使う業務ステップを選んであります")
    items = items_in_scope(assessment, guideline)
    counts = {part: sum(1 for i in items if i.part is part) for part in PARTS}
    assert seen["parts"] == counts and counts[Part.TOOL] == 0  # no tools registered yet
    assert (
        seen["count"]
        .replace("\u00a0", " ")
        .startswith(
            f"評価する項目: 施設の体制 {counts[Part.FACILITY]} 件・AIツール 0 件・"
            f"現場の手順 {counts[Part.STEP]} 件"
        )
    )
    # The window shows the answers, the title says the document is not saved yet.
    assert window.current_location.page == "assessment"
    assert window.windowTitle().startswith("無題（みなと病院）*")
    page = window.page("assessment")
    assert shown_items(page) == in_scope(assessment, guideline)
    assert page.tabs.currentWidget() is page.part_views[Part.FACILITY]


def test_answering_with_the_keyboard_alone(qtbot, window, opened, page):
    answers = page.answer_view.list
    answers.setFocus()
    first = answers.current_countermeasure()
    assert first
    qtbot.keyClick(answers, Qt.Key.Key_1)
    assert opened.assessment.answer(first).status is Status.DONE
    assert answers.currentItem().text(COLUMN_STATUS) == "実施済"

    qtbot.keyClick(answers, Qt.Key.Key_F8)  # next unanswered
    second = answers.current_countermeasure()
    assert second and second != first
    assert page.answer_view.editor.countermeasure.id == second
    qtbot.keyClick(answers, Qt.Key.Key_3)
    assert opened.assessment.answer(second).status is Status.NOT_DONE

    qtbot.keyClick(answers, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    third = answers.current_countermeasure()
    assert third not in ("", first, second)

    # Every change is in the history: who, which item, old → new.
    entries = [(h.item, h.field, h.old, h.new, h.who) for h in opened.assessment.history]
    assert (first, "status", "unanswered", "done", "山田 花子") in entries
    assert (second, "status", "unanswered", "not_done", "山田 花子") in entries
    assert page.progress_label.text().startswith("回答 2 / ")


def test_status_keys_with_alt_while_typing_in_the_form(qtbot, window, opened, page):
    editor = page.answer_view.editor
    cm_id = editor.countermeasure.id
    editor.owner.setFocus()
    type_text(editor.owner, "情報システム課")
    qtbot.keyClick(editor.owner, Qt.Key.Key_2, Qt.KeyboardModifier.AltModifier)
    answer = opened.assessment.answer(cm_id)
    assert answer.status is Status.PARTIAL
    assert answer.owner == "情報システム課"


def test_not_applicable_needs_a_reason(qtbot, window, opened, page):
    answers = page.answer_view.list
    editor = page.answer_view.editor
    answers.setFocus()
    cm_id = answers.current_countermeasure()
    qtbot.keyClick(answers, Qt.Key.Key_4)

    # Refused: a visible message, the reason field has the focus, nothing recorded.
    assert editor.message.isVisible()
    assert "理由" in editor.message.text()
    assert editor.na_reason.isVisible() and editor.na_reason.hasFocus()
    assert opened.assessment.answer(cm_id).status is Status.UNANSWERED
    assert "status" not in {h.field for h in opened.assessment.history if h.item == cm_id}

    type_text(editor.na_reason, "当院では使わない")
    answer = opened.assessment.answer(cm_id)
    assert answer.status is Status.NOT_APPLICABLE
    assert answer.na_reason == "当院では使わない"
    assert not editor.message.isVisible()


def test_save_with_ctrl_s_writes_answers_and_history(qtbot, window, opened, page, tmp_path):
    target = tmp_path / "評価.haipeval"
    opened.ask_save_path = lambda: target  # what the person picks in the file dialog
    answers = page.answer_view.list
    answers.setFocus()
    cm_id = answers.current_countermeasure()
    qtbot.keyClick(answers, Qt.Key.Key_3)
    editor = page.answer_view.editor
    type_text(editor.target_date.edit, "2027-03-31")
    qtbot.keyClick(editor.target_date.edit, Qt.Key.Key_Tab)
    assert window.windowTitle().startswith("無題（テスト病院）*")

    qtbot.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)

    assert target.exists()
    document = json.loads(target.read_text(encoding="utf-8"))
    assert document["answers"][cm_id]["status"] == "not_done"
    assert document["answers"][cm_id]["target_date"] == "2027-03-31"
    assert any(
        h["item"] == cm_id and h["field"] == "status" and h["new"] == "not_done"
        for h in document["history"]
    )
    assert load_assessment(target).answer(cm_id).status is Status.NOT_DONE
    assert window.windowTitle().startswith("評価.haipeval — ")
    assert "*" not in window.windowTitle()
    # The next change marks it unsaved again; Ctrl+S saves in place without asking.
    opened.ask_save_path = lambda: (_ for _ in ()).throw(AssertionError("asked again"))
    answers.setFocus()
    qtbot.keyClick(answers, Qt.Key.Key_1)
    assert window.windowTitle().startswith("評価.haipeval*")
    qtbot.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert load_assessment(target).answer(cm_id).status is Status.DONE
    assert "*" not in window.windowTitle()


def test_closing_with_unsaved_changes_asks(qtbot, window, opened, page, prompts, parts):
    answers = page.answer_view.list
    answers.setFocus()
    qtbot.keyClick(answers, Qt.Key.Key_1)

    prompts.replies = ["cancel"]
    parts.assessment.close_action.trigger()
    assert prompts.questions[-1][0] == "保存されていない変更"
    assert "テスト病院" in prompts.questions[-1][1]
    assert opened.assessment is not None  # still open

    prompts.replies = ["cancel"]
    window.close()
    assert window.isVisible()  # the window stays too

    prompts.replies = ["discard"]
    parts.assessment.close_action.trigger()
    assert opened.assessment is None
    assert page.currentWidget() is page.start_panel
    assert window.windowTitle() == "自己評価 — HAIP 生成AI利用ガイドライン"


def test_show_in_guideline_and_back(qtbot, window, opened, page):
    answers = page.answer_view.list
    qtbot.keyClick(answers, Qt.Key.Key_Down)
    cm_id = answers.current_countermeasure()
    qtbot.keyClick(answers, Qt.Key.Key_L, Qt.KeyboardModifier.AltModifier)  # ガイドラインで見る
    # A button's Alt+letter presses it visibly first (animateClick), then acts.
    qtbot.waitUntil(lambda: window.current_location.page == "countermeasure")
    assert window.current_location.item == cm_id

    qtbot.keyClick(window, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert window.current_location.page == "assessment"
    assert window.pages.currentWidget() is page
    assert answers.current_countermeasure() == cm_id


def test_tool_register_widens_the_scope(qtbot, window, opened, page, guideline):
    before = len(items_in_scope(opened.assessment, guideline))
    page.tabs.setCurrentWidget(page.tool_view)
    tools = page.tool_view
    qtbot.mouseClick(tools.add_button, Qt.MouseButton.LeftButton)
    tools.name.selectAll()
    type_text(tools.name, "薬歴AI")
    qtbot.keyClick(tools.name, Qt.Key.Key_Return)
    pharmacy_step = next(f for f in guideline.flows if f.id == "WF-PH").steps[4].id
    for i in range(tools.steps.count()):
        if tools.steps.item(i).data(Qt.ItemDataRole.UserRole) == pharmacy_step:
            tools.steps.item(i).setCheckState(Qt.CheckState.Checked)
    tool = opened.assessment.tools[0]
    assert tool.name == "薬歴AI" and tool.steps == [pharmacy_step]
    after = len(items_in_scope(opened.assessment, guideline))
    assert after > before
    assert shown_items(page) == in_scope(opened.assessment, guideline)
    # The tool's items are in the AIツール part, each answered for this tool.
    tool_rows = page.part_views[Part.TOOL].list.item_rows()
    assert tool_rows and {r.data(0, TOOL_ROLE) for r in tool_rows} == {tool.id}
    assert tools.table.item(0, 0).text() == "薬歴AI"


def _open_with_steps(window, parts, controller, guideline, steps):  # type: ignore[no-untyped-def]
    """A new assessment of these steps, against a guideline with step actions."""
    window.set_guideline(guideline)
    controller.create(
        Facility(name="テスト病院", kind=FacilityKind.HOSPITAL),
        assessors=["山田 花子"],
        scope=Scope(steps=steps),
    )
    parts.assessment.show_answers()


def test_grouping_by_step_and_showing_only_unanswered(
    qtbot, window, parts, controller, page, stepped_guideline
):
    steps = ["ST-OUT-02", "ST-IN-04", "ST-IN-08"]
    _open_with_steps(window, parts, controller, stepped_guideline, steps)
    view = page.part_views[Part.STEP]
    page.tabs.setCurrentWidget(view)
    titles = [g.text(0) for g in view.list.group_rows()]
    step_titles = [t for t in titles if " › " in t]
    assert len(step_titles) == len(steps) == len(titles)  # each step in scope, nothing else

    view.list.setFocus()
    done = view.list.current_countermeasure()
    qtbot.keyClick(view.list, Qt.Key.Key_1)
    view.show_filter.setCurrentIndex(view.show_filter.findData("unanswered"))
    shown = {i.data(0, ID_ROLE) for i in view.list.item_rows()}
    assert done not in shown and shown


def test_answers_to_unknown_ids_are_listed_not_dropped(qtbot, window, opened, page):
    from haip_desktop.assessment import Answer

    opened.assessment.answers["C-GONE-99"] = Answer(status=Status.DONE, archived=True)
    view = page.part_views[Part.FACILITY]
    view.reload()
    archived = view.list.group_rows()[-1]
    assert archived.text(0) == "ガイドラインにない対策への回答（保管）"
    assert archived.child(0).data(0, ID_ROLE) == "C-GONE-99"
    assert archived.child(0).text(COLUMN_STATUS) == "実施済"
    # Next unanswered never lands on it.
    for _ in range(len(view.list.item_rows())):
        assert view.list.next_unanswered()
        assert view.list.current_countermeasure() != "C-GONE-99"


def test_autosave_runs_every_30_seconds(opened):
    assert opened.autosave_timer.isActive()
    assert opened.autosave_timer.interval() == 30_000


def test_keys_work_from_inside_the_form(qtbot, window, opened, page, tmp_path):
    view = page.answer_view
    editor = view.editor
    first = editor.countermeasure.id
    type_text(editor.note, "研修は済み")
    qtbot.keyClick(editor.note, Qt.Key.Key_F8)
    assert view.list.current_countermeasure() != first
    assert view.list.hasFocus()
    second = view.list.current_countermeasure()
    qtbot.keyClick(view.list, Qt.Key.Key_Return)  # into the form
    assert editor.status_group.checkedButton().hasFocus()
    qtbot.keyClick(editor.status_group.checkedButton(), Qt.Key.Key_Escape)
    assert view.list.hasFocus() and view.list.current_countermeasure() == second
    type_text(editor.note, "メモ")
    qtbot.keyClick(editor.note, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert view.list.current_countermeasure() not in (first, second)
    assert opened.assessment.answer(second).note == "メモ"  # no stray line break


def test_a_date_still_being_typed_is_saved(qtbot, window, opened, page, tmp_path):
    target = tmp_path / "評価.haipeval"
    editor = page.answer_view.editor
    cm_id = editor.countermeasure.id
    editor.confirmed_on.edit.setFocus()
    qtbot.keyClicks(editor.confirmed_on.edit, "2026/4/1")
    assert editor.confirmed_on.edit.hasFocus()
    assert opened.save_as(target)
    assert load_assessment(target).answer(cm_id).confirmed_on.isoformat() == "2026-04-01"
    assert editor.confirmed_on.edit.text() == "2026-04-01"


def test_a_year_typed_wrong_is_refused_with_a_message(qtbot, window, opened, page):
    editor = page.answer_view.editor
    item = editor.item
    editor.target_date.edit.setFocus()
    qtbot.keyClicks(editor.target_date.edit, "2926/3/31")
    qtbot.keyClick(editor.target_date.edit, Qt.Key.Key_Return)
    assert editor.message.isVisible()
    assert "目標日の 2926-03-31 は日付の範囲（2000〜2100 年）の外です" in editor.message.text()
    assert item.answer_in(opened.assessment).target_date is None  # nothing stored
    editor.target_date.edit.clear()
    qtbot.keyClicks(editor.target_date.edit, "2026/3/31")
    qtbot.keyClick(editor.target_date.edit, Qt.Key.Key_Return)
    assert item.answer_in(opened.assessment).target_date.isoformat() == "2026-03-31"
    assert not editor.message.isVisible()


def test_workflow_view_shows_progress_of_the_steps_in_scope(
    qtbot, window, parts, controller, page, stepped_guideline
):
    from haip_desktop.ui.shell.navigation import Location

    step_id = "ST-IN-04"
    _open_with_steps(window, parts, controller, stepped_guideline, [step_id])
    before = window.assessment_context.step_progress(step_id)
    assert before is not None and before.answered == 0
    cm_id = stepped_guideline.countermeasures_for_step(step_id)[0].id
    window.navigate(Location("assessment", cm_id))
    assert page.tabs.currentWidget() is page.part_views[Part.STEP]
    page.answer_view.list.setFocus()
    qtbot.keyClick(page.answer_view.list, Qt.Key.Key_1)
    assert window.assessment_context.step_progress(step_id).answered == 1
    window.navigate(Location("workflow"))
    box = window.page("workflow").box(step_id)
    assert box.progress_text() == f"回答 1/{before.total}"


def test_changing_the_setup_later(qtbot, window, opened, page, guideline):
    page.tabs.setCurrentWidget(page.overview_view)
    assert "テスト病院" in page.overview_view.fields["facility"].text()

    def widen(dialog) -> None:  # type: ignore[no-untyped-def]
        assert dialog.facility_name.text() == "テスト病院"
        dialog.facility_name.clear()
        type_text(dialog.facility_name, "テスト病院 本館")
        dialog.scope_editor.all_box.setChecked(True)
        dialog.ok_button.click()

    when_shown(lambda: getattr(page, "setup_dialog", None), widen)
    qtbot.mouseClick(page.overview_view.edit_button, Qt.MouseButton.LeftButton)

    assessment = opened.assessment
    assert assessment.facility.name == "テスト病院 本館" and assessment.scope.all
    assert "テスト病院 本館" in page.overview_view.fields["facility"].text()
    assert shown_items(page) == in_scope(assessment, guideline)
    facility_rows = {r.data(0, ID_ROLE) for r in page.part_views[Part.FACILITY].list.item_rows()}
    assert facility_rows == {cm.id for cm in guideline.facility_countermeasures()}
    fields = {(h.field, h.new) for h in assessment.history}
    assert ("facility.name", "テスト病院 本館") in fields and ("scope.all", "true") in fields


def test_perspective_filter_narrows_the_list(window, opened, page, guideline):
    opened.add_tool("文書作成AI", steps=["ST-IN-08"])  # developer items are answered per tool
    view = page.part_views[Part.TOOL]
    page.tabs.setCurrentWidget(view)
    everything = {i.data(0, ID_ROLE) for i in view.list.item_rows()}
    window.filters.set_perspective("developer")
    shown = {i.data(0, ID_ROLE) for i in view.list.item_rows()}
    assert shown and shown < everything
    assert all(not guideline.countermeasure(cm_id).perspective.is_user for cm_id in shown)
    assert view.perspective_note.text() == "立場の絞り込み: 開発者の対策だけ"
    # The facility's own items are the users' side: none is left under 開発者 (the list is
    # empty, not replaced by the notice of a part without items).
    facility = page.part_views[Part.FACILITY]
    assert not facility.list.item_rows() and not facility.is_empty
    window.filters.set_perspective("all")
    assert {i.data(0, ID_ROLE) for i in view.list.item_rows()} == everything


def test_finding_a_countermeasure_by_words(qtbot, window, opened, page, guideline):
    view = page.answer_view
    type_text(view.text_filter, "研修")
    shown = {i.data(0, ID_ROLE) for i in view.list.item_rows()}
    assert shown
    for cm_id in shown:
        cm = guideline.countermeasure(cm_id)
        assert "研修" in cm.title + cm.text
    view.text_filter.clear()
    type_text(view.text_filter, "ｃ－ｌｅａｋ")  # full-width, lower case
    shown = {i.data(0, ID_ROLE) for i in view.list.item_rows()}
    assert shown and all(cm_id.startswith("C-LEAK") for cm_id in shown)
    qtbot.keyClick(view.text_filter, Qt.Key.Key_Return)
    assert view.list.hasFocus()


def test_arrow_keys_pass_through_not_applicable(qtbot, window, opened, page):
    editor = page.answer_view.editor
    cm_id = editor.countermeasure.id
    unanswered = editor.status_buttons[Status.UNANSWERED]
    unanswered.setFocus()
    qtbot.keyClick(unanswered, Qt.Key.Key_Left)
    not_applicable = editor.status_buttons[Status.NOT_APPLICABLE]
    assert not_applicable.isChecked() and not_applicable.hasFocus()
    assert editor.message.isVisible()  # asks for the reason, but leaves the focus here
    assert opened.assessment.answer(cm_id).status is Status.UNANSWERED
    qtbot.keyClick(not_applicable, Qt.Key.Key_Right)
    assert unanswered.isChecked()
    assert not editor.message.isVisible()
    assert opened.assessment.answer(cm_id).status is Status.UNANSWERED


def test_the_person_editing_is_named_in_the_history(qtbot, window, opened, page):
    page.who.setFocus()
    page.who.lineEdit().selectAll()
    type_text(page.who.lineEdit(), "佐藤 一郎")
    answers = page.answer_view.list
    answers.setFocus()
    cm_id = answers.current_countermeasure()
    qtbot.keyClick(answers, Qt.Key.Key_3)
    last = opened.assessment.history[-1]
    assert (last.item, last.field, last.who) == (cm_id, "status", "佐藤 一郎")
    assert last.os_user  # the computer's user name is kept beside it


def test_history_shows_labels_and_values_in_japanese(qtbot, window, opened, page, guideline):
    """評価の概要 → 変更の履歴 names fields and values as people know them, never file keys."""
    import re

    from haip_desktop.assessment import FacilityKind
    from haip_desktop.assessment.models import Deployment

    # The facility kind and the scope, through 評価の設定を変更.
    page.tabs.setCurrentWidget(page.overview_view)

    def change(dialog) -> None:  # type: ignore[no-untyped-def]
        dialog.facility_kind.setCurrentIndex(dialog.facility_kind.findData(FacilityKind.CLINIC))
        dialog.scope_editor.use_case_items["UC-02"].setCheckState(0, Qt.CheckState.Checked)
        dialog.ok_button.click()

    when_shown(lambda: getattr(page, "setup_dialog", None), change)
    qtbot.mouseClick(page.overview_view.edit_button, Qt.MouseButton.LeftButton)
    # A tool's deployment, in the register.
    page.tabs.setCurrentWidget(page.tool_view)
    tools = page.tool_view
    qtbot.mouseClick(tools.add_button, Qt.MouseButton.LeftButton)
    qtbot.keyClick(tools.name, Qt.Key.Key_Return)
    tools.deployment.setCurrentIndex(tools.deployment.findData(Deployment.CLOUD))

    page.tabs.setCurrentWidget(page.overview_view)
    table = page.overview_view.history
    rows = [
        [table.item(r, c).text() for c in range(table.columnCount())]
        for r in range(table.rowCount())
    ]
    by_field = {row[3]: row for row in rows}
    assert by_field["施設の種別"][4] == "病院 → 診療所"
    assert by_field["施設の種別"][2] == "評価全体"
    uc1, uc2 = (guideline.get(uc).name for uc in ("UC-01", "UC-02"))
    assert by_field["評価範囲のユースケース"][4] == f"{uc1} → {uc1}、{uc2}"
    assert by_field["設置形態"][4] == "不明 → クラウド"
    assert by_field["設置形態"][2] == "AIツール 新しいツール"
    # No file keys or stored values anywhere in what the table says.
    keys = re.compile(r"\b(facility|scope|deployment|hospital|clinic|unknown|cloud|UC-0\d)\b")
    for row in rows:
        for text in row[2:]:
            assert not keys.search(text), text


def test_the_history_names_the_tool_of_a_tools_answer(window, opened, page, guideline):
    tool = opened.add_tool("文書作成AI", steps=["ST-IN-08"])
    cm_id = guideline.tool_countermeasures_for_step("ST-IN-08")[0].id
    opened.set_answer(cm_id, tool_id=tool.id, status=Status.DONE)
    assert opened.assessment.answer(cm_id, tool.id).status is Status.DONE
    page.tabs.setCurrentWidget(page.overview_view)
    newest = page.overview_view.history.item(0, 2).text()
    assert newest.startswith(cm_id) and newest.endswith("（AIツール 文書作成AI）")


def test_removing_a_tool_says_how_many_of_its_answers_go_with_it(
    qtbot, window, opened, page, prompts, guideline
):
    """There is no undo: the question names the answers that the removal deletes."""
    page.tabs.setCurrentWidget(page.tool_view)
    tools = page.tool_view
    tool = opened.add_tool("文書作成AI")
    tools._fill_table(select=tool.id)
    first, second = (cm.id for cm in guideline.tool_countermeasures()[:2])
    opened.set_answer(first, tool_id=tool.id, status=Status.DONE)
    opened.set_answer(second, tool_id=tool.id, note="契約書で確認中")  # a note alone counts

    prompts.replies = ["cancel"]
    qtbot.mouseClick(tools.remove_button, Qt.MouseButton.LeftButton)
    title, text, _keys = prompts.questions[-1]
    assert title == "ツールの削除" and "「文書作成AI」を台帳から削除しますか？" in text
    assert "このツールについての回答 2 件も削除されます" in text
    assert "回答は消えません" not in text
    assert [t.name for t in opened.assessment.tools] == ["文書作成AI"]  # cancelled: kept

    prompts.replies = ["remove"]
    qtbot.mouseClick(tools.remove_button, Qt.MouseButton.LeftButton)
    assert opened.assessment.tools == [] and tool.id not in opened.assessment.tool_answers
