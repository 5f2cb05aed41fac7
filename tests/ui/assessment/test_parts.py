"""The three parts as people answer them: 施設の体制, AIツール (per tool), 現場の手順 (per step).

Against the bundled data plus a few known step actions (stepped_guideline): a hospital that
works at ST-OUT-02 and ST-IN-04, with one approved tool at ST-IN-08 and one prohibited one.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from haip_desktop.assessment import AITool, Facility, FacilityKind, Scope, Status
from haip_desktop.assessment.models import Approval
from haip_desktop.assessment.parts import PARTS, Part
from haip_desktop.assessment.scope import default_scope, items_in_scope
from haip_desktop.assessment.scoring import coverage_by_part
from haip_desktop.guideline import Perspective
from haip_desktop.ui.assessment.answer_list import (
    COLUMN_ROLES,
    COLUMN_STATUS,
    GROUP_ROLE,
    ID_ROLE,
    TOOL_ROLE,
)
from haip_desktop.ui.shell.navigation import Location

from ..conftest import when_shown

TOOLS = [
    AITool(
        id="T-1",
        name="文書作成AI",
        vendor="メディコード",
        steps=["ST-IN-08"],
        approval=Approval.APPROVED,
    ),
    AITool(id="T-2", name="無料チャット", steps=["ST-OUT-03"], approval=Approval.PROHIBITED),
]


@pytest.fixture
def hospital(window, parts, controller, stepped_guideline):  # type: ignore[no-untyped-def]
    window.set_guideline(stepped_guideline)
    controller.create(
        Facility(name="みなと病院", kind=FacilityKind.HOSPITAL),
        assessors=["高橋 美紀（看護師長）"],
        scope=Scope(steps=["ST-OUT-02", "ST-IN-04"]),
        tools=TOOLS,
    )
    parts.assessment.show_answers()
    return controller


def _go(window, page, item: str):  # type: ignore[no-untyped-def]
    window.navigate(Location("assessment", item))
    return page.answer_view


def test_three_tabs_each_with_its_progress(qtbot, window, hospital, page, stepped_guideline):
    assessment = hospital.assessment
    tallies = coverage_by_part(assessment, stepped_guideline)
    labels = [page.tabs.tabText(i) for i in range(3)]
    assert labels == [f"{p.part_label} 0/{tallies[p].total}" for p in PARTS]
    assert all(tallies[p].total for p in PARTS)
    assert page.tabs.tabText(3) == "改善計画"
    # Answering in a part moves that part's figure (and only that one).
    view = _go(window, page, "part:step")
    view.list.setFocus()
    qtbot.keyClick(view.list, Qt.Key.Key_1)
    assert page.tabs.tabText(2) == f"現場の手順 1/{tallies[Part.STEP].total}"
    assert page.tabs.tabText(0) == f"施設の体制 0/{tallies[Part.FACILITY].total}"
    assert "実施率" in page.tabs.tabToolTip(2)


def test_facility_part_has_only_the_facilitys_own_items(window, hospital, page, stepped_guideline):
    view = _go(window, page, "part:facility")
    rows = view.list.item_rows()
    cms = [stepped_guideline.countermeasure(r.data(0, ID_ROLE)) for r in rows]
    assert cms and all(cm.level is Part.FACILITY for cm in cms)
    assert all(cm.perspective is not Perspective.DEVELOPER for cm in cms)
    assert not any(r.data(0, TOOL_ROLE) for r in rows)
    assert view.list.isColumnHidden(COLUMN_ROLES)


def test_each_tool_answers_in_its_own_block(qtbot, window, hospital, page, stepped_guideline):
    assessment = hospital.assessment
    view = _go(window, page, "part:tool")
    groups = view.list.group_rows()
    assert [g.data(0, GROUP_ROLE) for g in groups] == ["T-1", "T-2"]
    tool_items = [i for i in items_in_scope(assessment, stepped_guideline) if i.tool_id == "T-1"]
    assert groups[0].text(0) == f"文書作成AI（メディコード・承認済）（回答 0 / {len(tool_items)}）"
    assert groups[1].text(0) == "無料チャット ― 利用禁止のため回答は不要です"
    assert groups[1].childCount() == 0

    # The first row is T-1's; answering it writes T-1's answer, never the facility's.
    view.list.setFocus()
    item = view.current_item()
    assert item is not None and item.tool_id == "T-1"
    editor = view.editor
    assert editor.where.text() == "AIツール: 文書作成AI ・ 提供元: メディコード ・ 承認済"
    qtbot.keyClick(view.list, Qt.Key.Key_3)
    cm_id = item.countermeasure_id
    assert assessment.tool_answers["T-1"][cm_id].status is Status.NOT_DONE
    assert cm_id not in assessment.answers
    last = assessment.history[-1]
    assert (last.item, last.tool, last.field, last.new) == (cm_id, "T-1", "status", "not_done")
    assert view.list.currentItem().text(COLUMN_STATUS) == "未実施"
    assert groups[0].text(0).endswith(f"（回答 1 / {len(tool_items)}）")
    # The history names the tool.
    page.show_tab("overview")
    assert page.overview_view.history.item(0, 2).text().endswith("（AIツール 文書作成AI）")


def test_without_tools_the_tool_part_says_what_to_do(qtbot, window, parts, controller, page):
    controller.create(
        Facility(name="つばさ内科", kind=FacilityKind.CLINIC), assessors=["佐藤"], tools=[]
    )
    parts.assessment.show_answers()
    view = _go(window, page, "part:tool")
    assert view.is_empty
    assert view.empty_heading.text() == "AIツール台帳にツールがまだありません"
    assert "ツールごとに" in view.empty_text.text()
    assert view.empty_button.isVisible()
    qtbot.mouseClick(view.empty_button, Qt.MouseButton.LeftButton)
    assert page.tabs.currentWidget() is page.tool_view
    assert window.current_location == Location("assessment", "", "tools")


def test_step_part_by_flow_and_step_with_roles(window, hospital, page, stepped_guideline):
    view = _go(window, page, "part:step")
    g = stepped_guideline
    groups = view.list.group_rows()
    assert [grp.data(0, GROUP_ROLE) for grp in groups] == ["ST-OUT-02", "ST-IN-04", "ST-IN-08"]
    step = g.step("ST-OUT-02")
    actions = g.countermeasures_for_step("ST-OUT-02")
    assert groups[0].text(0) == (
        f"{g.flow_of_step('ST-OUT-02').name} › {step.name}（回答 0 / {len(actions)}）"
    )
    assert not view.list.isColumnHidden(COLUMN_ROLES)
    for group in groups:
        for i in range(group.childCount()):
            row = group.child(i)
            cm = g.countermeasure(row.data(0, ID_ROLE))
            roles = [r.label for r in g.roles_at(cm, group.data(0, GROUP_ROLE))]
            assert row.text(COLUMN_ROLES).replace("\n", "") == "・".join(roles)
    # A step action of two steps in scope has a row under each; the form says where.
    shared = [r for r in view.list.item_rows() if r.data(0, ID_ROLE) == "C-ZZSTEP-03"]
    assert len(shared) == 1  # ST-REG-01 is not in scope
    view.list.setCurrentItem(shared[0])
    assert view.editor.where.text().startswith(
        f"現場の手順: 入院 › {g.step('ST-IN-08').name} ・ 職種: 医師"
    )
    # One answer for all its steps: the form says so, naming the others.
    others = [s.name for s in g.steps_of(g.countermeasure("C-ZZSTEP-03")) if s.id != "ST-IN-08"]
    assert others and view.editor.where.text().endswith(f"（{'、'.join(others)} と共通の回答）")


@pytest.mark.parametrize("part", ["facility", "tool", "step"])
def test_keyboard_answering_in_every_part(qtbot, window, hospital, page, part):
    view = _go(window, page, f"part:{part}")
    answers = view.list
    answers.setFocus()
    first = answers.current_item()
    assert first is not None and first.part.value == part
    qtbot.keyClick(answers, Qt.Key.Key_1)
    assert first.answer_in(hospital.assessment).status is Status.DONE

    qtbot.keyClick(answers, Qt.Key.Key_F8)
    second = answers.current_item()
    assert second is not None and second != first and second.part is first.part
    assert view.editor.item == second
    qtbot.keyClick(answers, Qt.Key.Key_Return)  # into the form
    assert view.editor.status_group.checkedButton().hasFocus()
    qtbot.keyClick(
        view.editor.status_group.checkedButton(), Qt.Key.Key_2, Qt.KeyboardModifier.AltModifier
    )
    assert second.answer_in(hospital.assessment).status is Status.PARTIAL
    qtbot.keyClick(view.editor.status_group.checkedButton(), Qt.Key.Key_Escape)
    assert answers.hasFocus()

    # Alt+L shows it in the guideline; Alt+← comes back to the same answer (same tool).
    where = page.current_location()
    qtbot.keyClick(answers, Qt.Key.Key_L, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: window.current_location.page == "countermeasure")
    assert window.current_location.item == second.countermeasure_id
    qtbot.keyClick(window, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert window.current_location == where
    assert page.answer_view is view and view.current_item() == second


def test_f8_at_the_end_of_a_part_moves_on(qtbot, window, hospital, page, stepped_guideline):
    assessment = hospital.assessment
    for item in items_in_scope(assessment, stepped_guideline):
        if item.part is Part.FACILITY:
            hospital.set_item_answer(item, status=Status.DONE)
    view = _go(window, page, "part:facility")
    view.list.setFocus()
    qtbot.keyClick(view.list, Qt.Key.Key_F8)
    assert page.tabs.currentWidget() is page.part_views[Part.TOOL]
    now = page.answer_view.current_item()
    assert now is not None and now.answer_in(assessment).status is Status.UNANSWERED
    assert page.answer_view.list.hasFocus()
    assert window.statusBar().currentMessage() == (
        "施設の体制の未回答はありません。AIツールの未回答へ移りました。"
    )


def test_locations_of_the_parts(window, hospital, page, stepped_guideline):
    # What the guideline's step page links to: a part, or a part at a tool or a step.
    _go(window, page, "part:facility")
    assert page.tabs.currentWidget() is page.part_views[Part.FACILITY]
    view = _go(window, page, "part:tool/T-1")
    assert view.part is Part.TOOL and view.current_item().tool_id == "T-1"
    view = _go(window, page, "part:step/ST-IN-04")
    assert view.part is Part.STEP and view.list.current_group_key() == "ST-IN-04"
    assert view.current_item().countermeasure_id == "C-ZZSTEP-01"
    assert window.current_location == Location("assessment", "part:step/ST-IN-04")
    # Moving in the list, the window keeps the place of the answer (Back returns to it).
    view.list.setCurrentItem(view.list.item_rows()[0])
    first = view.current_item()
    assert window.current_location == Location("assessment", f"{first.countermeasure_id}@ST-OUT-02")
    # One answer: a step action under a given step, a tool's answer for a given tool.
    view = _go(window, page, "C-ZZSTEP-03@ST-IN-08")
    assert view.list.current_group_key() == "ST-IN-08"
    tool_item = next(
        i for i in items_in_scope(hospital.assessment, stepped_guideline) if i.tool_id == "T-1"
    )
    view = _go(window, page, f"{tool_item.countermeasure_id}@T-1")
    assert view.current_item() == tool_item
    assert window.current_location == Location("assessment", f"{tool_item.countermeasure_id}@T-1")
    # The other tabs by anchor; a place outside the scope is said in the status bar.
    window.navigate(Location("assessment", "", "gaps"))
    assert page.tabs.currentWidget() is page.gap_view
    _go(window, page, "part:step/ST-PH-04")
    assert page.tabs.currentWidget() is page.part_views[Part.STEP]
    assert window.statusBar().currentMessage() == (
        f"「{stepped_guideline.step('ST-PH-04').name}」はこの評価の現場の手順にありません。"
    )
    # Plain "assessment" comes back to the part last shown.
    window.navigate(Location("assessment", "", "overview"))
    window.navigate(Location("assessment"))
    assert page.tabs.currentWidget() is page.part_views[Part.STEP]


def _open_dialog_and(qtbot, window, parts, act) -> None:  # type: ignore[no-untyped-def]
    when_shown(lambda: parts.assessment.new_dialog, act)
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)


def test_a_new_assessments_scope_follows_the_kind_of_facility(qtbot, window, parts, guideline):
    seen: dict[str, object] = {}

    def choose(dialog) -> None:  # type: ignore[no-untyped-def]
        kind = dialog.facility_kind
        seen["hospital"] = dialog.scope_editor.scope().steps
        kind.setCurrentIndex(kind.findData(FacilityKind.PHARMACY))
        seen["pharmacy"] = dialog.scope_editor.scope().steps
        seen["pharmacy note"] = dialog.scope_note.text()
        kind.setCurrentIndex(kind.findData(FacilityKind.CLINIC))
        seen["clinic"] = dialog.scope_editor.scope().steps
        # The person's own choice stays when the kind changes afterwards.
        dialog.scope_editor.step_items["ST-ADM-01"].setCheckState(0, Qt.CheckState.Unchecked)
        chosen = dialog.scope_editor.scope().steps
        kind.setCurrentIndex(kind.findData(FacilityKind.PHARMACY))
        seen["kept"] = dialog.scope_editor.scope().steps == chosen
        dialog.reject()

    _open_dialog_and(qtbot, window, parts, choose)
    for kind in (FacilityKind.HOSPITAL, FacilityKind.PHARMACY, FacilityKind.CLINIC):
        assert seen[kind.value] == default_scope(guideline, kind).steps
    assert any(s.startswith("ST-PH-") for s in seen["pharmacy"])  # type: ignore[union-attr]
    assert not any(s.startswith("ST-IN-") for s in seen["pharmacy"])  # type: ignore[union-attr]
    assert not any(s.startswith(("ST-PH-", "ST-IN-")) for s in seen["clinic"])  # type: ignore[union-attr]
    assert seen["pharmacy note"] == (
        "「薬局」の業務で生成AIを使う業務ステップを選んであります。実際の業務に合わせて変えられます。"
    )
    assert seen["kept"] is True


def test_a_new_hospital_assessment_keeps_developer_items_out_of_the_facility_part(
    qtbot, window, parts, controller, guideline
):
    def accept(dialog) -> None:  # type: ignore[no-untyped-def]
        dialog.facility_name.setText("さくら病院")
        dialog.ok_button.click()

    _open_dialog_and(qtbot, window, parts, accept)
    assessment = controller.assessment
    assert assessment.scope.steps == default_scope(guideline, FacilityKind.HOSPITAL).steps
    items = items_in_scope(assessment, guideline)
    facility = [i for i in items if i.part is Part.FACILITY]
    assert facility
    assert all(i.countermeasure.perspective is not Perspective.DEVELOPER for i in facility)
    assert not [i for i in items if i.part is Part.TOOL]  # answered per tool, once registered


def test_the_step_pages_links_reach_the_parts(window, hospital, page):
    """The guideline's step page links here as ``haip:assessment/part:…`` (Location.url)."""
    assert window.navigate("haip:assessment/part:facility")
    assert page.tabs.currentWidget() is page.part_views[Part.FACILITY]
    assert window.navigate("haip:assessment/part:step/ST-OUT-02")
    assert page.answer_view.list.current_group_key() == "ST-OUT-02"
    assert window.navigate("haip:assessment/part:tool/T-1")
    assert page.answer_view.current_item().tool_id == "T-1"


def test_a_tools_note_that_looks_like_patient_data_leads_to_that_tools_answer(
    qtbot, window, hospital, page, stepped_guideline, tmp_path
):
    # A second tool at the same step: the same items, answered for each tool apart.
    second = hospital.add_tool("議事録AI", steps=["ST-IN-08"], approval=Approval.APPROVED)
    items = items_in_scope(hospital.assessment, stepped_guideline)
    item = next(i for i in items if i.tool_id == second.id)
    assert any(i.tool_id == "T-1" and i.countermeasure_id == item.countermeasure_id for i in items)
    hospital.set_item_answer(item, note="患者ID 12345678 で試した")
    _go(window, page, "part:facility")

    def fix(dialog) -> None:  # type: ignore[no-untyped-def]
        dialog.table.selectRow(0)
        dialog.fix_button.click()

    when_shown(lambda: getattr(hospital, "privacy_dialog", None), fix)
    assert not hospital.save_as(tmp_path / "x.haipeval")
    assert page.answer_view.part is Part.TOOL
    assert page.answer_view.editor.item == item
    assert page.answer_view.editor.note.toPlainText() == "患者ID 12345678 で試した"
