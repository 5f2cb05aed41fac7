"""The three parts of an assessment and the items a facility answers in them.

- 施設の体制 (Part.FACILITY): facility-level countermeasures, answered once by the committee;
- AIツール (Part.TOOL): tool-level countermeasures, answered for each AI tool in the register
  that is not 利用禁止 (usually by the vendor or 情報システム);
- 現場の手順 (Part.STEP): step-level countermeasures, answered once and shown under each of
  their steps in scope.

An AssessmentItem is one thing to answer: a countermeasure, and for the tool part the tool it
is answered for. Which items an assessment has is decided in one place, scope.items_in_scope();
scoring, the gap list, editing, the reports and the comparisons all work over these items.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..guideline import Countermeasure, Level
from .models import AITool, Answer, Assessment

# The parts are the guideline's levels: Part.TOOL.part_label is 「AIツール」, its .label
# 「AIツール」 too; Part.FACILITY.part_label 「施設の体制」, .label 「施設全体」.
Part = Level
PARTS: tuple[Part, ...] = (Part.FACILITY, Part.TOOL, Part.STEP)


@dataclass(frozen=True, eq=False)
class AssessmentItem:
    """One answer to give: a countermeasure, for one tool when it is tool-level."""

    countermeasure: Countermeasure
    tool: AITool | None = None  # the tool answered for (tool part only)

    @property
    def part(self) -> Part:
        return self.countermeasure.level

    @property
    def countermeasure_id(self) -> str:
        return self.countermeasure.id

    @property
    def tool_id(self) -> str | None:
        return self.tool.id if self.tool is not None else None

    @property
    def key(self) -> tuple[str, str | None]:
        """(countermeasure id, tool id or None): what identifies the answer in the file."""
        return (self.countermeasure.id, self.tool_id)

    def answer_in(self, assessment: Assessment) -> Answer:
        return assessment.answer(self.countermeasure.id, self.tool_id)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, AssessmentItem) and other.key == self.key

    def __hash__(self) -> int:
        return hash(self.key)

    def __repr__(self) -> str:
        tool = f" @{self.tool_id}" if self.tool is not None else ""
        return f"AssessmentItem({self.countermeasure.id}{tool})"
