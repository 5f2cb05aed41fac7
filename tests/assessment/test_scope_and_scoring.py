"""Scope from the tool register, the three parts, and the numbers the report shows, worked
out by hand on the small guideline of conftest.py."""

from __future__ import annotations

import datetime as dt

import pytest

from haip_desktop.assessment import AITool, Answer, Approval, Scope, Status
from haip_desktop.assessment.parts import Part
from haip_desktop.assessment.scope import (
    archived_answer_ids,
    countermeasures_by_step,
    countermeasures_in_scope,
    items_in_scope,
    steps_in_scope,
    use_cases_in_scope,
)
from haip_desktop.assessment.scoring import (
    coverage_by_part,
    coverage_by_risk_category,
    coverage_by_side,
    coverage_by_step,
    coverage_by_tool,
    coverage_by_use_case,
    gap_list,
    overall,
)


def _ids(items) -> list[str]:
    return [i.id for i in items]


def _keys(items) -> list[tuple[str, str | None]]:
    return [i.key for i in items]


def test_a_tool_at_a_step_brings_that_steps_items_in_three_parts(
    small_guideline, make_assessment
) -> None:
    a = make_assessment(
        tools=[AITool(id="T-1", name="文書AI", steps=["ST-1"], approval=Approval.APPROVED)]
    )
    assert steps_in_scope(a, small_guideline) == ["ST-1"]
    assert _ids(use_cases_in_scope(a, small_guideline)) == ["UC-01"]
    items = items_in_scope(a, small_guideline)
    assert _keys(items) == [
        ("C-1", None),  # 施設の体制 of UC-01
        ("C-2", None),
        ("C-7", "T-1"),  # the tool's item: UC-01 is the use case at its step
        ("C-5", None),  # 現場の手順 at ST-1
        ("C-6", None),
    ]
    assert [i.part for i in items] == [Part.FACILITY] * 2 + [Part.TOOL] + [Part.STEP] * 2
    assert _ids(countermeasures_in_scope(a, small_guideline)) == ["C-1", "C-2", "C-5", "C-6", "C-7"]


def test_each_tool_answers_the_items_of_the_use_cases_at_its_steps(
    small_guideline, make_assessment
) -> None:
    a = make_assessment(
        tools=[
            AITool(id="T-1", name="文書AI", steps=["ST-1"]),
            AITool(id="T-2", name="チャット", steps=["ST-2"]),
            AITool(id="T-3", name="台帳だけのツール"),  # no steps: the use cases in scope
        ]
    )
    tool_items = [i.key for i in items_in_scope(a, small_guideline) if i.part is Part.TOOL]
    assert tool_items == [
        ("C-7", "T-1"),
        ("C-3", "T-2"),
        ("C-3", "T-3"),
        ("C-7", "T-3"),
    ]
    # A tool-level countermeasure answered for several tools is still one countermeasure.
    assert _ids(countermeasures_in_scope(a, small_guideline)).count("C-3") == 1


def test_a_prohibited_tool_brings_nothing_and_answers_nothing(
    small_guideline, make_assessment
) -> None:
    a = make_assessment(
        tools=[
            AITool(id="T-1", name="文書AI", steps=["ST-1"], approval=Approval.PLANNED),
            AITool(id="T-2", name="無料チャット", steps=["ST-2"], approval=Approval.PROHIBITED),
        ]
    )
    items = items_in_scope(a, small_guideline)
    assert "T-2" not in {i.tool_id for i in items}
    assert _ids(countermeasures_in_scope(a, small_guideline)) == ["C-1", "C-2", "C-5", "C-6", "C-7"]
    assert list(coverage_by_tool(a, small_guideline)) == ["T-1"]


def test_scope_all_and_direct_choices(small_guideline, make_assessment) -> None:
    everything = make_assessment(scope=Scope(all=True))
    assert _ids(countermeasures_in_scope(everything, small_guideline)) == [
        f"C-{n}" for n in range(1, 8) if n not in (3, 7)
    ]  # no tool in the register: nothing is answered for a tool
    direct = make_assessment(scope=Scope(use_cases=["UC-03"], steps=["ST-2"]))
    # UC-03 chosen, ST-2 brings UC-02 and its step item C-6; no step of UC-03 is in scope.
    assert _keys(items_in_scope(direct, small_guideline)) == [
        ("C-2", None),
        ("C-4", None),
        ("C-6", None),
    ]
    assert countermeasures_by_step(direct, small_guideline) == {
        "ST-2": [small_guideline.countermeasure("C-6")]
    }


def test_unknown_ids_are_listed_as_archived(small_guideline, make_assessment) -> None:
    a = make_assessment(answers={"C-1": Answer(), "C-OLD-7": Answer(status=Status.DONE)})
    assert archived_answer_ids(a, small_guideline) == ["C-OLD-7"]


@pytest.fixture
def scored(make_assessment):
    """T-1 at ST-1 and ST-2 → UC-01, UC-02.

    施設の体制: C-1 done, C-2 partial. AIツール (T-1): C-3 not done, C-7 unanswered.
    現場の手順: C-5 done, C-6 not done. C-4 answered but out of scope.
    """
    return make_assessment(
        tools=[AITool(id="T-1", name="文書AI", steps=["ST-1", "ST-2"], approval=Approval.APPROVED)],
        answers={
            "C-1": Answer(status=Status.DONE),
            "C-2": Answer(status=Status.PARTIAL, target_date=dt.date(2027, 6, 1), owner="総務課"),
            "C-4": Answer(status=Status.DONE),
            "C-5": Answer(status=Status.DONE),
            "C-6": Answer(status=Status.NOT_DONE, owner="医局"),
            # Answered once for the facility before C-3 was a tool item: not the tool's answer.
            "C-3": Answer(status=Status.DONE),
        },
        tool_answers={
            "T-1": {
                "C-3": Answer(
                    status=Status.NOT_DONE, target_date=dt.date(2027, 4, 15), owner="情報システム課"
                )
            }
        },
    )


def test_overall_numbers_match_the_hand_computation(small_guideline, scored) -> None:
    t = overall(scored, small_guideline)
    assert (t.total, t.done, t.partial, t.not_done, t.unanswered) == (6, 2, 1, 2, 1)
    assert t.progress == pytest.approx(5 / 6)
    assert t.coverage == pytest.approx((2 + 0.5) / 6)


def test_each_part_has_its_own_progress(small_guideline, scored) -> None:
    parts = coverage_by_part(scored, small_guideline)
    assert list(parts) == [Part.FACILITY, Part.TOOL, Part.STEP]
    facility, tool, step = parts.values()
    assert (facility.total, facility.coverage) == (2, pytest.approx(0.75))
    assert (tool.total, tool.answered, tool.coverage) == (2, 1, 0.0)
    assert (step.total, step.coverage) == (2, pytest.approx(0.5))
    assert coverage_by_tool(scored, small_guideline)["T-1"] == tool


def test_grouped_numbers_match_the_hand_computation(small_guideline, scored) -> None:
    by_uc = coverage_by_use_case(scored, small_guideline)
    # UC-01: C-1 done, C-2 partial, C-7@T-1 unanswered, C-5 done, C-6 not done
    assert by_uc["UC-01"].coverage == pytest.approx((2 + 0.5) / 5)
    # UC-02: C-2 partial, C-3@T-1 not done, C-6 not done
    assert by_uc["UC-02"].coverage == pytest.approx(0.5 / 3)
    by_rc = coverage_by_risk_category(scored, small_guideline)
    assert by_rc["RC-A"].coverage == pytest.approx((2 + 0.5) / 5)  # C-1, C-2, C-7, C-5, C-6
    assert by_rc["RC-B"].coverage == pytest.approx(0.5 / 3)  # C-2, C-3, C-6
    by_side = coverage_by_side(scored, small_guideline)
    assert by_side["developer"].total == 2 and by_side["developer"].coverage == 0.0


def test_progress_by_step_counts_only_what_staff_do_at_the_step(small_guideline, scored) -> None:
    by_step = coverage_by_step(scored, small_guideline)
    assert list(by_step) == ["ST-1", "ST-2"]
    assert (by_step["ST-1"].total, by_step["ST-1"].done) == (2, 1)  # C-5, C-6
    assert (by_step["ST-2"].total, by_step["ST-2"].done) == (1, 0)  # C-6


def test_not_applicable_leaves_the_denominator_and_unanswered_counts_as_not_done(
    small_guideline, scored
) -> None:
    scored.tool_answers["T-1"]["C-3"] = Answer(status=Status.NOT_APPLICABLE, na_reason="開発しない")
    scored.answers.pop("C-2")
    t = overall(scored, small_guideline)
    assert (t.answered, t.total) == (4, 6)
    assert t.coverage == pytest.approx(2 / 5)  # C-1, C-5 done out of six less one 該当なし


def test_gap_list_puts_the_most_severe_first_then_overdue_then_target_date(
    small_guideline, scored
) -> None:
    # C-2 and C-6 address R-1 (重大度 高); C-3 only R-2 (低), though its 目標日 comes first.
    gaps = gap_list(scored, small_guideline, today=dt.date(2027, 5, 1))
    assert [g.item.key for g in gaps] == [("C-2", None), ("C-6", None), ("C-3", "T-1")]
    assert [g.severity.label if g.severity else None for g in gaps] == ["高", "高", "低"]
    assert [g.overdue for g in gaps] == [False, False, True]  # C-3 was due on 2027-04-15
    assert gaps[-1].answer.owner == "情報システム課"
    assert gaps[-1].item.tool.name == "文書AI"

    later = gap_list(scored, small_guideline, today=dt.date(2027, 7, 1))
    assert [g.overdue for g in later] == [True, False, True]  # C-6 has no 目標日
