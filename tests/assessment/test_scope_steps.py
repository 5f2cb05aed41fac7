"""Steps touched by an assessment: chosen steps, tools' steps, and the chosen use cases' steps."""

from __future__ import annotations

import datetime as dt

from haip_desktop.assessment import (
    AITool,
    Facility,
    FacilityKind,
    Scope,
    Status,
    new_assessment,
    set_answer,
)
from haip_desktop.assessment.scope import (
    countermeasures_by_step,
    countermeasures_in_scope,
    steps_in_scope,
    steps_touched,
)
from haip_desktop.assessment.scoring import coverage_by_step, tally


def _assessment(guideline, scope, tools=()):  # type: ignore[no-untyped-def]
    return new_assessment(
        guideline,
        Facility(name="テスト病院", kind=FacilityKind.HOSPITAL),
        assessment_date=dt.date(2026, 4, 1),
        scope=scope,
        tools=tools,
    )


def test_use_case_scope_touches_that_use_cases_steps(guideline):
    uc = guideline.use_cases[0]
    assessment = _assessment(guideline, Scope(use_cases=[uc.id]))
    expected = [s.id for s in guideline.steps if s in guideline.steps_for_use_case(uc.id)]
    assert expected
    assert steps_touched(assessment, guideline) == expected
    # No step was chosen, yet progress by step covers the use case's steps.
    assert steps_in_scope(assessment, guideline) == []
    assert list(coverage_by_step(assessment, guideline)) == expected
    in_scope = {cm.id for cm in countermeasures_in_scope(assessment, guideline)}
    for step_id, cms in countermeasures_by_step(assessment, guideline).items():
        assert step_id in expected
        assert cms and {cm.id for cm in cms} <= in_scope


def test_chosen_and_tool_steps_count_like_scoring(guideline):
    step = guideline.flows[0].steps[1].id
    tool_step = guideline.flows[2].steps[3].id
    tool = AITool(id="T-1", name="薬歴AI", steps=[tool_step])
    assessment = _assessment(guideline, Scope(steps=[step]), tools=[tool])
    touched = steps_touched(assessment, guideline)
    assert step in touched and tool_step in touched
    by_step = countermeasures_by_step(assessment, guideline)
    for step_id, result in coverage_by_step(assessment, guideline).items():
        assert result == tally(assessment, by_step[step_id])


def test_progress_follows_answers(guideline):
    uc = guideline.use_cases[2]
    assessment = _assessment(guideline, Scope(use_cases=[uc.id]))
    step_id, cms = next(iter(countermeasures_by_step(assessment, guideline).items()))
    set_answer(assessment, cms[0].id, who="山田", status=Status.DONE)
    result = coverage_by_step(assessment, guideline)[step_id]
    assert result == tally(assessment, cms)
    assert result.done == 1 and result.total == len(cms)
