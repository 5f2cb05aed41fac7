"""Which countermeasures an assessment has to answer, from its scope and its tool register."""

from __future__ import annotations

from ..guideline import Countermeasure, Guideline, UseCase
from .models import Approval, Assessment


def steps_in_scope(assessment: Assessment, guideline: Guideline) -> list[str]:
    """Workflow steps chosen directly or used by a tool in the register (prohibited tools excluded)."""
    if assessment.scope.all:
        return [s.id for s in guideline.steps]
    chosen = set(assessment.scope.steps)
    for tool in assessment.tools:
        if tool.approval is not Approval.PROHIBITED:
            chosen.update(tool.steps)
    return [s.id for s in guideline.steps if s.id in chosen]


def use_cases_in_scope(assessment: Assessment, guideline: Guideline) -> list[UseCase]:
    if assessment.scope.all:
        return list(guideline.use_cases)
    chosen = set(assessment.scope.use_cases)
    for step_id in steps_in_scope(assessment, guideline):
        chosen.update(uc.id for uc in guideline.use_cases_for_step(step_id))
    return [uc for uc in guideline.use_cases if uc.id in chosen]


def steps_touched(assessment: Assessment, guideline: Guideline) -> list[str]:
    """Steps in scope plus the steps where the use cases in scope occur, in guideline order.

    A facility that chose only use cases ("we draft discharge summaries") still works at the
    steps where those use cases occur; progress by step and lists by step use these steps.
    """
    chosen = set(steps_in_scope(assessment, guideline))
    for uc in use_cases_in_scope(assessment, guideline):
        chosen.update(step.id for step in guideline.steps_for_use_case(uc.id))
    return [step.id for step in guideline.steps if step.id in chosen]


def countermeasures_by_step(
    assessment: Assessment, guideline: Guideline
) -> dict[str, list[Countermeasure]]:
    """For each step touched, its countermeasures in scope (steps left without any are left out)."""
    in_scope = {cm.id for cm in countermeasures_in_scope(assessment, guideline)}
    result: dict[str, list[Countermeasure]] = {}
    for step_id in steps_touched(assessment, guideline):
        cms = [cm for cm in guideline.countermeasures_for_step(step_id) if cm.id in in_scope]
        if cms:
            result[step_id] = cms
    return result


def countermeasures_in_scope(assessment: Assessment, guideline: Guideline) -> list[Countermeasure]:
    """Each countermeasure once, in guideline order, however many in-scope use cases share it."""
    if assessment.scope.all:
        return list(guideline.countermeasures)
    return guideline.countermeasures_for_use_cases(
        uc.id for uc in use_cases_in_scope(assessment, guideline)
    )


def archived_answer_ids(assessment: Assessment, guideline: Guideline) -> list[str]:
    """Answers to ids the guideline data does not know: kept in the file, shown as archived."""
    return [cm_id for cm_id in assessment.answers if guideline.get(cm_id) is None]
