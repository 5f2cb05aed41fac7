"""The workflow steps an assessment touches, for listing and drawing progress step by step.

`scoring.coverage_by_step` counts the steps in scope (chosen directly or through the tool
register). A facility that chose only use cases ("we draft discharge summaries") still works
at the steps where those use cases occur; these functions include those steps too, so the
answer list can be grouped by step and the workflow view can show how far each step is
answered. The counting itself is `scoring.tally`, the same as everywhere.
"""

from __future__ import annotations

from ..guideline import Countermeasure, Guideline
from .models import Assessment
from .scope import countermeasures_in_scope, steps_in_scope, use_cases_in_scope
from .scoring import Tally, tally


def steps_touched(assessment: Assessment, guideline: Guideline) -> list[str]:
    """Steps in scope plus the steps of the use cases in scope, in guideline order."""
    chosen = set(steps_in_scope(assessment, guideline))
    for uc in use_cases_in_scope(assessment, guideline):
        chosen.update(step.id for step in guideline.steps_for_use_case(uc.id))
    return [step.id for step in guideline.steps if step.id in chosen]


def countermeasures_by_step(
    assessment: Assessment, guideline: Guideline
) -> dict[str, list[Countermeasure]]:
    """For each step touched, its countermeasures that are in scope (steps without any left out)."""
    in_scope = {cm.id for cm in countermeasures_in_scope(assessment, guideline)}
    result: dict[str, list[Countermeasure]] = {}
    for step_id in steps_touched(assessment, guideline):
        cms = [cm for cm in guideline.countermeasures_for_step(step_id) if cm.id in in_scope]
        if cms:
            result[step_id] = cms
    return result


def progress_by_step(assessment: Assessment, guideline: Guideline) -> dict[str, Tally]:
    return {
        step_id: tally(assessment, cms)
        for step_id, cms in countermeasures_by_step(assessment, guideline).items()
    }
