"""What each part's list shows: its items of the assessment, in groups.

Which items there are is the core's decision (scope.items_in_scope); here they are only put
in groups for reading:

- 施設の体制: by use case, or by risk category (an item shared by several appears in each);
- AIツール: one block per tool of the register, in register order; a 利用禁止 tool has a block
  that says it needs no answers;
- 現場の手順: by workflow step (flow › step) in scope; a step action shared by several steps
  appears under each, with the roles that do it there.

Answers the list cannot place (ids the guideline no longer knows, tools no longer in the
register) are kept in the file and listed apart, at the end of 施設の体制 and of AIツール.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ...assessment.models import AITool, Approval, Assessment
from ...assessment.parts import AssessmentItem, Part
from ...assessment.scope import (
    archived_answer_ids,
    archived_tool_answers,
    items_in_scope,
    steps_in_scope,
    use_cases_in_scope,
)
from ...guideline import Guideline

# The ways each part's list can be grouped (the first is the default).
GROUPINGS: dict[Part, tuple[str, ...]] = {
    Part.FACILITY: ("use_case", "risk_category"),
    Part.TOOL: ("tool",),
    Part.STEP: ("step",),
}


@dataclass(frozen=True)
class ItemGroup:
    key: str  # UC-…, a risk category's id, T-…, ST-…; "" for the rest
    title: str
    items: list[AssessmentItem] = field(default_factory=list)
    tool: AITool | None = None  # the tool of an AIツール block
    step: str = ""  # the step of a 現場の手順 group (its rows show the roles there)

    @property
    def needs_no_answers(self) -> bool:
        """A 利用禁止 tool: it is in the register, but nothing is answered for it."""
        return self.tool is not None and self.tool.approval is Approval.PROHIBITED


@dataclass(frozen=True)
class KeptAnswer:
    """An answer kept in the file that no item shows (listed apart, never dropped)."""

    countermeasure_id: str
    tool_id: str | None = None


def part_items(assessment: Assessment, guideline: Guideline, part: Part) -> list[AssessmentItem]:
    return [i for i in items_in_scope(assessment, guideline) if i.part is part]


def item_groups(
    assessment: Assessment, guideline: Guideline, part: Part, grouping: str = ""
) -> list[ItemGroup]:
    """The groups of one part's list, in reading order."""
    items = part_items(assessment, guideline, part)
    grouping = grouping if grouping in GROUPINGS[part] else GROUPINGS[part][0]
    if part is Part.TOOL:
        return _tool_groups(assessment, items)
    if part is Part.STEP:
        groups = _step_groups(assessment, guideline, items)
    elif grouping == "risk_category":
        groups = [
            ItemGroup(
                rc.id, rc.name, [i for i in items if rc.id in i.countermeasure.risk_categories]
            )
            for rc in guideline.risk_categories
        ]
    else:
        groups = [
            ItemGroup(
                uc.id,
                f"{uc.number}. {uc.name}",
                [i for i in items if uc.id in i.countermeasure.use_cases],
            )
            for uc in use_cases_in_scope(assessment, guideline)
        ]
    groups = [g for g in groups if g.items]
    placed = {item for g in groups for item in g.items}
    rest = [i for i in items if i not in placed]
    if rest:
        groups.append(ItemGroup("", "", rest))
    return groups


def _tool_groups(assessment: Assessment, items: list[AssessmentItem]) -> list[ItemGroup]:
    return [
        ItemGroup(tool.id, tool.name, [i for i in items if i.tool_id == tool.id], tool=tool)
        for tool in assessment.tools
    ]


def _step_groups(
    assessment: Assessment, guideline: Guideline, items: list[AssessmentItem]
) -> list[ItemGroup]:
    groups = []
    for step_id in steps_in_scope(assessment, guideline):
        at_step = [i for i in items if step_id in i.countermeasure.steps]
        groups.append(ItemGroup(step_id, step_title(guideline, step_id), at_step, step=step_id))
    return groups


def step_title(guideline: Guideline, step_id: str) -> str:
    """「入院 › 看護記録」: the flow and the step."""
    return guideline.step_path(step_id)


def kept_answers(assessment: Assessment, guideline: Guideline, part: Part) -> list[KeptAnswer]:
    """Answers of this part's kind that no item shows: to ids the guideline does not know
    (施設の体制), or tools' answers for tools or items no longer there (AIツール)."""
    if part is Part.FACILITY:
        return [KeptAnswer(cm_id) for cm_id in archived_answer_ids(assessment, guideline)]
    if part is Part.TOOL:
        return [
            KeptAnswer(cm_id, tool_id)
            for tool_id, cm_id in archived_tool_answers(assessment, guideline)
        ]
    return []
