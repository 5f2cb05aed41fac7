"""Scope from the tool register, and the numbers the report shows, worked out by hand."""

from __future__ import annotations

import datetime as dt

import pytest

from haip_desktop.assessment import AITool, Answer, Approval, Scope, Status
from haip_desktop.assessment.scope import (
    archived_answer_ids,
    countermeasures_in_scope,
    steps_in_scope,
    use_cases_in_scope,
)
from haip_desktop.assessment.scoring import (
    coverage_by_risk_category,
    coverage_by_side,
    coverage_by_step,
    coverage_by_use_case,
    gap_list,
    overall,
)


def _ids(items) -> list[str]:
    return [i.id for i in items]


def test_a_tool_at_a_step_brings_that_steps_countermeasures(
    small_guideline, make_assessment
) -> None:
    a = make_assessment(
        tools=[AITool(id="T-1", name="文書AI", steps=["ST-1"], approval=Approval.APPROVED)]
    )
    assert steps_in_scope(a, small_guideline) == ["ST-1"]
    assert _ids(use_cases_in_scope(a, small_guideline)) == ["UC-01"]
    assert _ids(countermeasures_in_scope(a, small_guideline)) == ["C-1", "C-2"]


def test_a_prohibited_tool_brings_nothing(small_guideline, make_assessment) -> None:
    a = make_assessment(
        tools=[
            AITool(id="T-1", name="文書AI", steps=["ST-1"], approval=Approval.PLANNED),
            AITool(id="T-2", name="無料チャット", steps=["ST-3"], approval=Approval.PROHIBITED),
        ]
    )
    assert _ids(countermeasures_in_scope(a, small_guideline)) == ["C-1", "C-2"]


def test_scope_all_and_direct_choices(small_guideline, make_assessment) -> None:
    everything = make_assessment(scope=Scope(all=True))
    assert _ids(countermeasures_in_scope(everything, small_guideline)) == [
        "C-1",
        "C-2",
        "C-3",
        "C-4",
    ]
    direct = make_assessment(scope=Scope(use_cases=["UC-03"], steps=["ST-2"]))
    assert _ids(countermeasures_in_scope(direct, small_guideline)) == ["C-2", "C-3", "C-4"]


def test_unknown_ids_are_listed_as_archived(small_guideline, make_assessment) -> None:
    a = make_assessment(answers={"C-1": Answer(), "C-OLD-7": Answer(status=Status.DONE)})
    assert archived_answer_ids(a, small_guideline) == ["C-OLD-7"]


@pytest.fixture
def scored(make_assessment):
    """Tools at ST-1 and ST-2 → UC-01, UC-02 → C-1, C-2, C-3 in scope; C-4 answered but out."""
    return make_assessment(
        tools=[AITool(id="T-1", name="文書AI", steps=["ST-1", "ST-2"], approval=Approval.APPROVED)],
        answers={
            "C-1": Answer(status=Status.DONE),
            "C-2": Answer(status=Status.PARTIAL, target_date=dt.date(2027, 6, 1), owner="総務課"),
            "C-3": Answer(
                status=Status.NOT_DONE, target_date=dt.date(2027, 4, 15), owner="情報システム課"
            ),
            "C-4": Answer(status=Status.DONE),
        },
    )


def test_overall_numbers_match_the_hand_computation(small_guideline, scored) -> None:
    t = overall(scored, small_guideline)
    assert (t.total, t.done, t.partial, t.not_done, t.unanswered) == (3, 1, 1, 1, 0)
    assert t.progress == 1.0
    assert t.coverage == pytest.approx((1 + 0.5) / 3)


def test_grouped_numbers_match_the_hand_computation(small_guideline, scored) -> None:
    by_uc = coverage_by_use_case(scored, small_guideline)
    assert by_uc["UC-01"].coverage == pytest.approx((1 + 0.5) / 2)  # C-1 done, C-2 partial
    assert by_uc["UC-02"].coverage == pytest.approx(0.5 / 2)  # C-2 partial, C-3 not done
    by_rc = coverage_by_risk_category(scored, small_guideline)
    assert by_rc["RC-A"].coverage == pytest.approx(0.75)
    assert by_rc["RC-B"].coverage == pytest.approx(0.25)
    by_step = coverage_by_step(scored, small_guideline)
    assert (by_step["ST-1"].total, by_step["ST-2"].total) == (2, 2)
    by_side = coverage_by_side(scored, small_guideline)
    assert by_side["user"].coverage == pytest.approx(0.75)
    assert by_side["developer"].coverage == 0.0


def test_not_applicable_leaves_the_denominator_and_unanswered_counts_as_not_done(
    small_guideline, scored
) -> None:
    scored.answers["C-3"] = Answer(status=Status.NOT_APPLICABLE, na_reason="開発しない")
    scored.answers.pop("C-2")
    t = overall(scored, small_guideline)
    assert (t.answered, t.total) == (2, 3)
    assert t.progress == pytest.approx(2 / 3)
    assert t.coverage == pytest.approx(1 / 2)  # C-1 done out of C-1, C-2 (unanswered)


def test_gap_list_is_ordered_by_target_date(small_guideline, scored) -> None:
    gaps = gap_list(scored, small_guideline)
    assert [g.countermeasure.id for g in gaps] == ["C-3", "C-2"]
