"""What an assessment has to answer, from its scope and its tool register (the one place).

The scope is what the facility really does:
- steps in scope: the steps chosen, plus the steps where the register's tools are used
  (a 利用禁止 tool brings nothing); ``scope.all`` takes every step;
- use cases in scope: those chosen, plus the use cases of the scenes at the steps in scope;
- 施設の体制: the facility-level countermeasures of the use cases in scope;
- 現場の手順: the step-level countermeasures of the steps in scope, each once;
- AIツール: for each tool that is not 利用禁止, the tool-level countermeasures whose use cases
  meet those of the scenes at the tool's steps; a tool without such steps gets those of the
  use cases in scope.

A new assessment's scope follows the kind of facility (default_scope): a pharmacy gets the
pharmacy's steps, a clinic the outpatient and regional ones, never the ward's.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..guideline import Countermeasure, Guideline, Level, Setting, UseCase
from .models import AITool, Approval, Assessment, FacilityKind, Scope
from .parts import AssessmentItem, Part

SETTING_OF_KIND: dict[FacilityKind, Setting] = {
    FacilityKind.HOSPITAL: Setting.HOSPITAL,
    FacilityKind.CLINIC: Setting.CLINIC,
    FacilityKind.PHARMACY: Setting.PHARMACY,
}


def steps_for_setting(guideline: Guideline, setting: Setting) -> list[str]:
    """Steps with generative-AI use in this kind of facility's work: the step's flow is done
    there and every use case of its scenes occurs there (so a clinic gets no ward steps and
    no pharmacy steps, a pharmacy no referral letters)."""
    steps = []
    for step in guideline.steps:
        use_cases = guideline.use_cases_for_step(step.id)
        if (
            use_cases
            and setting in guideline.flow_of_step(step.id).settings
            and all(setting in uc.settings for uc in use_cases)
        ):
            steps.append(step.id)
    return steps


def default_scope(guideline: Guideline, kind: FacilityKind) -> Scope:
    """The scope a new assessment starts with: the steps of this kind of facility
    (nothing for その他, which chooses its own)."""
    setting = SETTING_OF_KIND.get(kind)
    return Scope(steps=steps_for_setting(guideline, setting) if setting is not None else [])


def answering_tools(assessment: Assessment) -> list[AITool]:
    """The tools of the register that are answered for: every one but the 利用禁止."""
    return [t for t in assessment.tools if t.approval is not Approval.PROHIBITED]


def steps_in_scope(assessment: Assessment, guideline: Guideline) -> list[str]:
    """Workflow steps chosen directly or used by a tool in the register (prohibited tools
    excluded), in guideline order."""
    if assessment.scope.all:
        return [s.id for s in guideline.steps]
    chosen = set(assessment.scope.steps)
    for tool in answering_tools(assessment):
        chosen.update(tool.steps)
    return [s.id for s in guideline.steps if s.id in chosen]


def use_cases_in_scope(assessment: Assessment, guideline: Guideline) -> list[UseCase]:
    if assessment.scope.all:
        return list(guideline.use_cases)
    chosen = set(assessment.scope.use_cases)
    for step_id in steps_in_scope(assessment, guideline):
        chosen.update(uc.id for uc in guideline.use_cases_for_step(step_id))
    return [uc for uc in guideline.use_cases if uc.id in chosen]


def items_in_scope(assessment: Assessment, guideline: Guideline) -> list[AssessmentItem]:
    """Everything to answer: 施設の体制, then each tool's items (register order), then
    現場の手順; countermeasures in guideline order within each."""
    use_cases = {uc.id for uc in use_cases_in_scope(assessment, guideline)}
    steps = set(steps_in_scope(assessment, guideline))
    everything = assessment.scope.all
    facility = [
        AssessmentItem(cm)
        for cm in guideline.countermeasures_at_level(Level.FACILITY)
        if everything or use_cases.intersection(cm.use_cases)
    ]
    tools = [
        AssessmentItem(cm, tool)
        for tool in answering_tools(assessment)
        for cm in tool_countermeasures_for(tool, guideline, use_cases)
    ]
    step_items = [
        AssessmentItem(cm)
        for cm in guideline.countermeasures_at_level(Level.STEP)
        if everything or steps.intersection(cm.steps)
    ]
    return facility + tools + step_items


def tool_countermeasures_for(
    tool: AITool, guideline: Guideline, use_cases_in_scope: Iterable[str]
) -> list[Countermeasure]:
    """The tool-level countermeasures that concern one tool: those of the use cases of the
    scenes at its steps, or, for a tool without such steps, of the use cases in scope."""
    known = {s.id for s in guideline.steps}
    wanted = {
        uc.id
        for step_id in tool.steps
        if step_id in known
        for uc in guideline.use_cases_for_step(step_id)
    } or set(use_cases_in_scope)
    return [cm for cm in guideline.tool_countermeasures() if wanted.intersection(cm.use_cases)]


def countermeasures_in_scope(assessment: Assessment, guideline: Guideline) -> list[Countermeasure]:
    """Each countermeasure with an item in scope once, in guideline order (a tool-level one
    answered for several tools is listed once)."""
    wanted = {item.countermeasure_id for item in items_in_scope(assessment, guideline)}
    return [cm for cm in guideline.countermeasures if cm.id in wanted]


def countermeasures_by_step(
    assessment: Assessment, guideline: Guideline
) -> dict[str, list[Countermeasure]]:
    """For each step in scope, its step-level countermeasures (what staff do there); steps
    without any are left out."""
    result: dict[str, list[Countermeasure]] = {}
    for step_id in steps_in_scope(assessment, guideline):
        cms = guideline.countermeasures_for_step(step_id)
        if cms:
            result[step_id] = list(cms)
    return result


def items_of_part(items: Iterable[AssessmentItem], part: Part) -> list[AssessmentItem]:
    return [item for item in items if item.part is part]


def archived_answer_ids(assessment: Assessment, guideline: Guideline) -> list[str]:
    """Answers to ids the guideline data does not know: kept in the file, shown as archived."""
    return [cm_id for cm_id in assessment.answers if guideline.get(cm_id) is None]


def archived_tool_answers(assessment: Assessment, guideline: Guideline) -> list[tuple[str, str]]:
    """Tools' answers that no item shows: (tool id, countermeasure id) for a tool no longer in
    the register or a countermeasure that is unknown or no longer tool-level. Kept in the
    file, never dropped."""
    tools = {t.id for t in assessment.tools}
    tool_level = {cm.id for cm in guideline.tool_countermeasures()}
    return [
        (tool_id, cm_id)
        for tool_id, answers in assessment.tool_answers.items()
        for cm_id in answers
        if tool_id not in tools or cm_id not in tool_level
    ]
