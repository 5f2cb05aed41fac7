"""What the open assessment says about one workflow step, for the step's page.

Plain Python over the assessment core (imported only once an assessment is open): the
status of each step action, how far the step's facility prerequisites are answered, and for
each tool of the register used at the step how far its items of this step are answered.
Only items the assessment has (scope.items_in_scope) count; the rest are out of its scope.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ...assessment.models import AITool, Approval, Assessment, Status
from ...assessment.parts import AssessmentItem, Part
from ...assessment.scope import items_in_scope
from ...assessment.scoring import Tally, status_of
from ...guideline import Countermeasure, Guideline


@dataclass(frozen=True)
class ToolAtStep:
    """A tool of the register used at the step, and its answers for this step's items."""

    tool: AITool
    statuses: dict[str, Status]  # countermeasure id → status, for the tool's items here

    @property
    def prohibited(self) -> bool:
        return self.tool.approval is Approval.PROHIBITED

    @property
    def tally(self) -> Tally:
        return _tally_of(self.statuses.values())


@dataclass(frozen=True)
class StepAssessment:
    action_statuses: dict[str, Status]  # step actions the assessment has → status
    facility_statuses: dict[str, Status]  # the step's facility items it has → status
    tools: list[ToolAtStep]  # the register's tools used at this step, in register order

    @property
    def actions(self) -> Tally:
        return _tally_of(self.action_statuses.values())

    @property
    def facility(self) -> Tally:
        return _tally_of(self.facility_statuses.values())


def _tally_of(statuses: Iterable[Status]) -> Tally:
    counts = {status: 0 for status in Status}
    total = 0
    for status in statuses:
        counts[status] += 1
        total += 1
    return Tally(
        total=total,
        done=counts[Status.DONE],
        partial=counts[Status.PARTIAL],
        not_done=counts[Status.NOT_DONE],
        not_applicable=counts[Status.NOT_APPLICABLE],
        unanswered=counts[Status.UNANSWERED],
    )


def step_assessment(
    assessment: Assessment,
    items: list[AssessmentItem],
    step_id: str,
    actions: list[Countermeasure],
    facility: list[Countermeasure],
    tool_items: list[Countermeasure],
) -> StepAssessment:
    """The answers behind one step's page. `items` are the assessment's items in scope;
    `actions`, `facility` and `tool_items` the countermeasures the page shows."""
    wanted_actions = {cm.id for cm in actions}
    wanted_facility = {cm.id for cm in facility}
    wanted_tool = {cm.id for cm in tool_items}
    action_statuses: dict[str, Status] = {}
    facility_statuses: dict[str, Status] = {}
    by_tool: dict[str, dict[str, Status]] = {}
    for item in items:
        cm_id = item.countermeasure_id
        if item.part is Part.STEP and cm_id in wanted_actions:
            action_statuses[cm_id] = status_of(assessment, item)
        elif item.part is Part.FACILITY and cm_id in wanted_facility:
            facility_statuses[cm_id] = status_of(assessment, item)
        elif item.part is Part.TOOL and item.tool_id is not None and cm_id in wanted_tool:
            by_tool.setdefault(item.tool_id, {})[cm_id] = status_of(assessment, item)
    tools = [
        ToolAtStep(tool, by_tool.get(tool.id, {}))
        for tool in assessment.tools
        if step_id in tool.steps
    ]
    return StepAssessment(action_statuses, facility_statuses, tools)


def items_of(assessment: Assessment, guideline: Guideline) -> list[AssessmentItem]:
    """The assessment's items in scope (the one rule: scope.items_in_scope)."""
    return items_in_scope(assessment, guideline)
