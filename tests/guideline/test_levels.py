"""Each countermeasure where it is acted on: facility, per AI tool, or at a workflow step by role.

The data targets make the workflow view discriminate: a step lists what staff do there, a
handful of items, not the whole guideline.
"""

from __future__ import annotations

import itertools
import statistics
from pathlib import Path

import pytest

from haip_desktop.guideline import GuidelineDataError, Level, Perspective, load_guideline
from haip_desktop.guideline.models import SourceKind


def _problems(folder: Path) -> list[str]:
    with pytest.raises(GuidelineDataError) as caught:
        load_guideline(folder)
    return [str(p) for p in caught.value.problems]


def _append_countermeasure(folder: Path, body: str) -> Path:
    path = folder / "zz_test_countermeasure.yaml"
    path.write_text("countermeasures:\n" + body, encoding="utf-8")
    return path


_STEP_ITEM = """\
  - id: C-TEST-01
    title: 下書きをカルテと照合して確定する
    text: >-
      看護師は下書きを観察事実と照合してから確定する。
    level: step
    perspective: user_individual
    phase: operation
    risk_categories: [RC-ACC]
{extra}    evidence: 確定記録
    implements: [C-LEAK-21]
    provenance:
      kind: app
      verified: false
"""


def _ai_steps(g):  # type: ignore[no-untyped-def]
    return [s for s in g.steps if not s.no_ai_use]


def test_every_step_with_ai_use_lists_3_to_12_step_actions(guideline):
    counts = {s.id: len(guideline.countermeasures_for_step(s.id)) for s in _ai_steps(guideline)}
    wrong = {step: n for step, n in counts.items() if not 3 <= n <= 12}
    assert not wrong, wrong


def test_steps_without_ai_use_list_no_step_actions(guideline):
    for step in guideline.steps:
        if step.no_ai_use:
            assert guideline.countermeasures_for_step(step.id) == []


def test_no_two_steps_share_the_same_set_and_the_median_overlap_is_small(guideline):
    sets = {
        s.id: frozenset(cm.id for cm in guideline.countermeasures_for_step(s.id))
        for s in _ai_steps(guideline)
    }
    same = [(a, b) for a, b in itertools.combinations(sets, 2) if sets[a] == sets[b]]
    assert not same, same
    overlaps = [
        len(sets[a] & sets[b]) / len(sets[a] | sets[b]) for a, b in itertools.combinations(sets, 2)
    ]
    assert statistics.median(overlaps) <= 0.35


def test_step_actions_name_roles_and_trace_back_to_the_guideline(guideline):
    for cm in guideline.countermeasures_at_level(Level.STEP):
        assert cm.roles, cm.id
        assert guideline.steps_of(cm), cm.id
        if cm.provenance.kind is SourceKind.APP:
            targets = guideline.implements_of(cm)
            assert targets, cm.id
            assert all(t.level is not Level.STEP for t in targets), cm.id


def test_developer_items_are_answered_per_tool(guideline):
    for cm in guideline.countermeasures:
        if cm.perspective is Perspective.DEVELOPER:
            assert cm.level is Level.TOOL, cm.id
    assert guideline.tool_countermeasures()
    assert guideline.facility_countermeasures()


def test_a_step_action_is_found_from_the_countermeasure_it_implements(guideline):
    action = guideline.countermeasures_at_level(Level.STEP)[0]
    for target in guideline.implements_of(action):
        assert action in guideline.implemented_by(target.id)


def test_step_actions_take_the_use_cases_of_their_steps_whose_risks_they_address(guideline):
    for cm in guideline.countermeasures_at_level(Level.STEP):
        at_steps = {uc.id for s in cm.steps for uc in guideline.use_cases_for_step(s)}
        assert cm.use_cases, cm.id
        assert set(cm.use_cases) <= at_steps, cm.id
        for uc in cm.use_cases:
            categories = {r.category for r in guideline.risks_for_use_case(uc)}
            assert categories & set(cm.risk_categories), (cm.id, uc)


def test_a_shared_step_action_is_shown_only_under_the_roles_that_work_at_that_step(guideline):
    shared = [
        cm
        for cm in guideline.countermeasures_at_level(Level.STEP)
        if len(cm.steps) > 1 and len(cm.roles) > 1
    ]
    assert shared
    narrowed = 0
    for cm in shared:
        for step in guideline.steps_of(cm):
            roles = guideline.roles_at(cm, step.id)
            assert roles and set(roles) <= set(step.roles) & set(cm.roles), (cm.id, step.id)
            narrowed += len(roles) < len(cm.roles)
    assert narrowed  # e.g. 録音前に患者へ説明する is not listed under 薬剤師 at 看護記録


def test_check_data_refuses_a_step_action_whose_roles_do_not_work_at_its_step(data_copy):
    _append_countermeasure(
        data_copy, _STEP_ITEM.format(extra="    roles: [薬局事務]\n    steps: [ST-IN-04]\n")
    )
    problems = _problems(data_copy)
    hit = [p for p in problems if "C-TEST-01" in p and "roles" in p]
    assert hit, problems
    assert "看護記録" in hit[0]


def test_check_data_refuses_a_step_action_against_risks_its_step_does_not_have(data_copy):
    text = _STEP_ITEM.format(extra="    roles: [看護師]\n    steps: [ST-IN-04]\n")
    _append_countermeasure(data_copy, text.replace("[RC-ACC]", "[RC-LAW-PMD]"))
    problems = _problems(data_copy)
    assert any("C-TEST-01" in p and "risk_categories" in p for p in problems), problems


def test_check_data_refuses_a_step_action_without_roles(data_copy):
    _append_countermeasure(data_copy, _STEP_ITEM.format(extra="    steps: [ST-IN-04]\n"))
    problems = _problems(data_copy)
    hit = [p for p in problems if "C-TEST-01" in p and "roles" in p]
    assert hit, problems
    assert hit[0].startswith("zz_test_countermeasure.yaml:")
    assert "職種" in hit[0]


def test_check_data_refuses_a_step_action_without_steps(data_copy):
    _append_countermeasure(data_copy, _STEP_ITEM.format(extra="    roles: [看護師]\n"))
    problems = _problems(data_copy)
    hit = [p for p in problems if "C-TEST-01" in p and "steps" in p]
    assert hit, problems
    assert "業務ステップ" in hit[0]


def test_check_data_refuses_a_step_action_at_a_step_without_ai_use(data_copy):
    _append_countermeasure(
        data_copy, _STEP_ITEM.format(extra="    roles: [看護師]\n    steps: [ST-OUT-07]\n")
    )
    problems = _problems(data_copy)
    assert any("C-TEST-01" in p and "ST-OUT-07" in p for p in problems), problems


def test_check_data_refuses_an_unknown_role(data_copy):
    _append_countermeasure(
        data_copy, _STEP_ITEM.format(extra="    roles: [魔法使い]\n    steps: [ST-IN-04]\n")
    )
    problems = _problems(data_copy)
    assert any("C-TEST-01" in p and "roles" in p and "使えない値" in p for p in problems)


def test_check_data_refuses_a_developer_item_answered_by_the_facility(data_copy):
    path = data_copy / "countermeasures_developer.yaml"
    text = path.read_text(encoding="utf-8")
    assert "level: tool" in text
    path.write_text(text.replace("level: tool", "level: facility", 1), encoding="utf-8")
    problems = _problems(data_copy)
    assert any("countermeasures_developer.yaml:" in p and "level" in p for p in problems)


def test_check_data_refuses_steps_on_a_facility_item(data_copy):
    path = data_copy / "countermeasures_user_organization.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("level: facility\n", "level: facility\n    steps: [ST-IN-04]\n", 1),
        encoding="utf-8",
    )
    problems = _problems(data_copy)
    assert any("steps" in p and "level: step" in p for p in problems), problems
