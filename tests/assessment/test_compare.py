"""年度比較: improved, regressed, new and removed between two years of one facility."""

from __future__ import annotations

import datetime as dt

from haip_desktop.assessment.compare import Change, classify, compare_assessments
from haip_desktop.assessment.models import (
    AITool,
    Answer,
    Assessment,
    Facility,
    FacilityKind,
    GuidelineRef,
    Scope,
    Status,
)
from haip_desktop.assessment.parts import PARTS, Part
from haip_desktop.assessment.scope import tool_countermeasures_for
from haip_desktop.guideline import Level

AT = dt.datetime(2026, 4, 1, tzinfo=dt.UTC)


def make(g, day, statuses, scope, name="青葉台病院", tools=(), tool_statuses=None) -> Assessment:
    def answers(by_id: dict) -> dict:
        return {
            k: Answer(status=s, na_reason="対象外" if s is Status.NOT_APPLICABLE else "")
            for k, s in by_id.items()
        }

    return Assessment(
        guideline=GuidelineRef(id=g.id, edition=g.edition, data_version=g.data_version),
        facility=Facility(name=name, kind=FacilityKind.HOSPITAL),
        assessment_date=day,
        scope=scope,
        tools=list(tools),
        answers=answers(statuses),
        tool_answers={t: answers(by_id) for t, by_id in (tool_statuses or {}).items()},
        created_at=AT,
        updated_at=AT,
    )


def test_classify_follows_the_status_ladder():
    assert classify(Status.NOT_DONE, Status.PARTIAL) is Change.IMPROVED
    assert classify(Status.UNANSWERED, Status.DONE) is Change.IMPROVED
    assert classify(Status.DONE, Status.PARTIAL) is Change.REGRESSED
    assert classify(Status.PARTIAL, Status.UNANSWERED) is Change.REGRESSED
    assert classify(Status.NOT_DONE, Status.UNANSWERED) is Change.UNCHANGED
    assert classify(Status.DONE, Status.NOT_APPLICABLE) is Change.APPLICABILITY
    assert classify(Status.DONE, Status.DONE) is Change.UNCHANGED


def test_two_years_of_one_facility(guideline):
    uc1, uc2 = guideline.use_cases[0].id, guideline.use_cases[1].id

    def facility_items(uc: str) -> list:
        return [
            cm for cm in guideline.countermeasures_for_use_case(uc) if cm.level is Level.FACILITY
        ]

    only_uc1 = [cm.id for cm in facility_items(uc1) if uc2 not in cm.use_cases]
    only_uc2 = [cm.id for cm in facility_items(uc2) if uc1 not in cm.use_cases]
    shared = [cm.id for cm in facility_items(uc1) if uc2 in cm.use_cases]
    assert len(shared) >= 3 and only_uc1 and only_uc2
    up, down, same = shared[0], shared[1], shared[2]
    last_year = make(
        guideline,
        dt.date(2025, 4, 1),
        {up: Status.NOT_DONE, down: Status.DONE, same: Status.PARTIAL},
        Scope(use_cases=[uc1]),
    )
    this_year = make(
        guideline,
        dt.date(2026, 4, 1),
        {up: Status.DONE, down: Status.PARTIAL, same: Status.PARTIAL},
        Scope(use_cases=[uc2]),
    )
    # the order of the arguments does not matter: the earlier date is the older one
    comparison = compare_assessments(this_year, last_year, guideline)
    assert comparison.older is last_year

    assert [i.countermeasure_id for i in comparison.of(Change.IMPROVED)] == [up]
    assert [i.countermeasure_id for i in comparison.of(Change.REGRESSED)] == [down]
    assert {i.countermeasure_id for i in comparison.of(Change.NEW)} == set(only_uc2)
    assert {i.countermeasure_id for i in comparison.of(Change.REMOVED)} == set(only_uc1)
    improved = comparison.of(Change.IMPROVED)[0]
    assert (improved.old, improved.new) == (Status.NOT_DONE, Status.DONE)

    per_uc = comparison.by_use_case
    assert set(per_uc) == {uc1, uc2}
    assert per_uc[uc1].counts[Change.IMPROVED] == 1
    assert per_uc[uc1].counts[Change.REGRESSED] == 1
    assert per_uc[uc1].counts[Change.REMOVED] == len(only_uc1)
    assert per_uc[uc2].old is None and per_uc[uc2].new is not None
    assert per_uc[uc2].coverage_change is None
    assert per_uc[uc1].new is None

    assert comparison.by_step == {}  # no step chosen, no tool: no 現場の手順
    assert sum(comparison.by_part[Part.FACILITY].counts.values()) == len(comparison.items)
    assert comparison.warnings() == []


def test_tools_answers_and_step_actions_are_compared_item_by_item(stepped_guideline):
    g = stepped_guideline
    tool = AITool(id="T-1", name="看護記録AI", steps=["ST-IN-04"])
    tool_cm = tool_countermeasures_for(tool, g, [])[0].id
    scope = Scope(steps=["ST-IN-04"])
    last_year = make(
        g,
        dt.date(2025, 4, 1),
        {"C-ZZSTEP-01": Status.NOT_DONE},
        scope,
        tools=[tool],
        tool_statuses={"T-1": {tool_cm: Status.PARTIAL}},
    )
    this_year = make(
        g,
        dt.date(2026, 4, 1),
        {"C-ZZSTEP-01": Status.DONE},
        scope,
        tools=[tool, AITool(id="T-2", name="音声入力", steps=["ST-IN-04"])],
        tool_statuses={"T-1": {tool_cm: Status.DONE}, "T-2": {tool_cm: Status.NOT_DONE}},
    )
    comparison = compare_assessments(last_year, this_year, g)
    improved = {(i.countermeasure_id, i.tool_id) for i in comparison.of(Change.IMPROVED)}
    assert improved == {("C-ZZSTEP-01", None), (tool_cm, "T-1")}
    new_tool = [i for i in comparison.of(Change.NEW) if i.tool_id == "T-2"]
    assert new_tool and all(i.part is Part.TOOL for i in new_tool)
    assert new_tool[0].tool_name == "音声入力"
    assert comparison.by_tool["T-1"].counts[Change.IMPROVED] == 1
    assert comparison.by_tool["T-2"].old is None
    assert list(comparison.by_step) == ["ST-IN-04"]
    assert comparison.by_step["ST-IN-04"].counts == {Change.IMPROVED: 1}
    assert comparison.by_part[Part.STEP].coverage_change == 1.0
    parts = [i.part for i in comparison.items]
    assert parts == sorted(parts, key=PARTS.index)  # listed part by part


def test_a_file_of_the_first_schema_compares_with_its_tools_answers(guideline):
    from pathlib import Path

    from haip_desktop.assessment import load_assessment

    older = load_assessment(Path(__file__).parent / "fixtures" / "assessment_v1_demo_hospital.json")
    newer = older.model_copy(deep=True, update={"assessment_date": dt.date(2027, 11, 25)})
    comparison = compare_assessments(older, newer, guideline)
    assert {i.change for i in comparison.items} == {Change.UNCHANGED}
    assert any(i.tool_id for i in comparison.items)


def test_warns_about_a_different_facility(guideline):
    a = make(guideline, dt.date(2025, 4, 1), {}, Scope(all=True))
    b = make(guideline, dt.date(2026, 4, 1), {}, Scope(all=True), name="別の病院")
    notes = compare_assessments(a, b, guideline).warnings()
    assert len(notes) == 1 and "施設が異なります" in notes[0]
