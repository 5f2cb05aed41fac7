"""The scope is what the facility does: default steps by kind of facility, chosen steps, the
tools' steps, and 現場の手順 for the steps in scope (bundled data plus a few step actions)."""

from __future__ import annotations

import datetime as dt

import pytest

from haip_desktop.assessment import (
    AITool,
    Approval,
    Facility,
    FacilityKind,
    Scope,
    Status,
    new_assessment,
    set_answer,
)
from haip_desktop.assessment.parts import Part
from haip_desktop.assessment.scope import (
    countermeasures_by_step,
    default_scope,
    items_in_scope,
    steps_in_scope,
)
from haip_desktop.assessment.scoring import coverage_by_part, coverage_by_step, tally
from haip_desktop.guideline import Perspective


def _assessment(guideline, scope=None, tools=(), kind=FacilityKind.HOSPITAL):  # type: ignore[no-untyped-def]
    return new_assessment(
        guideline,
        Facility(name="テスト施設", kind=kind),
        assessment_date=dt.date(2026, 4, 1),
        scope=scope,
        tools=tools,
    )


def _flows(guideline, step_ids) -> set[str]:  # type: ignore[no-untyped-def]
    return {guideline.flow_of_step(s).id for s in step_ids}


def test_a_pharmacy_starts_with_the_pharmacy_steps_not_the_ward(stepped_guideline):
    scope = default_scope(stepped_guideline, FacilityKind.PHARMACY)
    assert "ST-PH-04" in scope.steps and "ST-PH-05" in scope.steps
    assert "WF-IN" not in _flows(stepped_guideline, scope.steps)
    assert "WF-OUT" not in _flows(stepped_guideline, scope.steps)
    assert "ST-REG-01" not in scope.steps  # 紹介状 is written by doctors, not pharmacies


def test_a_clinic_starts_with_outpatient_and_regional_steps_not_the_pharmacy(stepped_guideline):
    scope = default_scope(stepped_guideline, FacilityKind.CLINIC)
    flows = _flows(stepped_guideline, scope.steps)
    assert {"WF-OUT", "WF-REG"} <= flows
    assert not {"WF-PH", "WF-IN"} & flows


def test_a_hospital_starts_with_its_flows(stepped_guideline):
    scope = default_scope(stepped_guideline, FacilityKind.HOSPITAL)
    assert {"WF-OUT", "WF-IN"} <= _flows(stepped_guideline, scope.steps)
    assert "WF-PH" not in _flows(stepped_guideline, scope.steps)
    assert default_scope(stepped_guideline, FacilityKind.OTHER) == Scope()


def test_a_new_assessment_takes_the_default_scope_unless_one_is_chosen(stepped_guideline):
    pharmacy = _assessment(stepped_guideline, kind=FacilityKind.PHARMACY)
    assert pharmacy.scope == default_scope(stepped_guideline, FacilityKind.PHARMACY)
    step_ids = {i.countermeasure_id for i in items_in_scope(pharmacy, stepped_guideline)}
    assert {"C-ZZSTEP-02", "C-ZZSTEP-05"} <= step_ids
    assert "C-ZZSTEP-01" not in step_ids  # 看護記録 is ward work
    chosen = _assessment(stepped_guideline, Scope(steps=["ST-IN-04"]), kind=FacilityKind.PHARMACY)
    assert chosen.scope.steps == ["ST-IN-04"]


def test_a_new_hospital_assessment_keeps_developer_items_out_of_the_facility_part(
    stepped_guideline,
):
    a = _assessment(stepped_guideline)
    items = items_in_scope(a, stepped_guideline)
    facility = [i for i in items if i.part is Part.FACILITY]
    assert facility
    assert all(i.countermeasure.perspective is not Perspective.DEVELOPER for i in facility)
    assert not [i for i in items if i.part is Part.TOOL]  # nothing until a tool is registered
    a.tools.append(AITool(id="T-1", name="文書作成AI", steps=["ST-IN-08"]))
    tool_items = [i for i in items_in_scope(a, stepped_guideline) if i.part is Part.TOOL]
    assert tool_items and {i.tool_id for i in tool_items} == {"T-1"}
    # Developer-side items, and the few the facility asks of each tool's vendor.
    assert all(i.countermeasure.perspective is not Perspective.USER_INDIVIDUAL for i in tool_items)
    assert any(i.countermeasure.perspective is Perspective.DEVELOPER for i in tool_items)


def test_choosing_only_use_cases_brings_no_step_actions(stepped_guideline):
    a = _assessment(stepped_guideline, Scope(use_cases=["UC-03"]))
    assert steps_in_scope(a, stepped_guideline) == []
    assert countermeasures_by_step(a, stepped_guideline) == {}
    assert coverage_by_part(a, stepped_guideline)[Part.STEP].total == 0
    assert coverage_by_part(a, stepped_guideline)[Part.FACILITY].total > 0


def test_chosen_and_tool_steps_count_like_scoring(stepped_guideline):
    tool = AITool(id="T-1", name="薬歴AI", steps=["ST-PH-05"])
    banned = AITool(id="T-2", name="無料AI", steps=["ST-ADM-01"], approval=Approval.PROHIBITED)
    a = _assessment(stepped_guideline, Scope(steps=["ST-IN-04"]), tools=[tool, banned])
    assert steps_in_scope(a, stepped_guideline) == ["ST-IN-04", "ST-PH-05"]
    by_step = countermeasures_by_step(a, stepped_guideline)
    assert {s: [cm.id for cm in cms] for s, cms in by_step.items()} == {
        "ST-IN-04": ["C-ZZSTEP-01"],
        "ST-PH-05": ["C-ZZSTEP-05"],
    }
    step_items = {i.countermeasure_id: i for i in items_in_scope(a, stepped_guideline)}
    for step_id, result in coverage_by_step(a, stepped_guideline).items():
        assert result == tally(a, [step_items[cm.id] for cm in by_step[step_id]])


@pytest.mark.parametrize("step_id", ["ST-IN-08", "ST-REG-01"])
def test_a_step_action_is_answered_once_and_counted_at_each_of_its_steps(
    stepped_guideline, step_id
):
    a = _assessment(stepped_guideline, Scope(steps=["ST-IN-08", "ST-REG-01"]))
    step_items = [i for i in items_in_scope(a, stepped_guideline) if i.part is Part.STEP]
    assert [i.countermeasure_id for i in step_items] == ["C-ZZSTEP-03"]
    set_answer(a, "C-ZZSTEP-03", who="山田", status=Status.DONE)
    result = coverage_by_step(a, stepped_guideline)[step_id]
    assert (result.total, result.done) == (1, 1)
