"""Progress and coverage, computed the way the report explains them in plain words.

Everything is counted over the assessment's items (scope.items_in_scope): a facility- or
step-level countermeasure is one item, a tool-level one is one item for each tool.

- 回答率 = 回答済みの項目数 ÷ 対象の項目数 (未回答 is not answered; 該当なし is answered).
- 実施率 = (実施済 + 一部実施 × 0.5) ÷ (対象の項目数 − 該当なし). 未回答 counts as not done.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from ..guideline import Countermeasure, Guideline, Severity
from .models import Answer, Assessment, Status
from .parts import PARTS, AssessmentItem, Part
from .scope import answering_tools, items_in_scope, steps_in_scope, use_cases_in_scope

FORMULAS: dict[str, str] = {
    "items": "評価の項目: 施設の体制と現場の手順の対策は1件として、AIツールの対策はツールごとに1件として数えます（利用禁止のツールには回答しません）。",
    "progress": "回答率 ＝ 回答済みの項目の数 ÷ 評価対象の項目の数（該当なしは回答済みに含め、未回答は含めません）。",
    "coverage": "実施率 ＝ （実施済の数 ＋ 一部実施の数 × 0.5） ÷ （評価対象の項目の数 − 該当なしの数）。未回答は未実施と同じく 0 として数えます。",
    "grouping": "区分別・AIツール別・ユースケース別・リスク区分別・業務ステップ別の値は、そのグループに関係する項目だけで同じ式を計算したものです。複数のグループに関係する項目は、それぞれのグループで数えます。",
}


@dataclass(frozen=True)
class Tally:
    total: int = 0
    done: int = 0
    partial: int = 0
    not_done: int = 0
    not_applicable: int = 0
    unanswered: int = 0

    @property
    def answered(self) -> int:
        return self.total - self.unanswered

    @property
    def applicable(self) -> int:
        return self.total - self.not_applicable

    @property
    def progress(self) -> float:
        """Share answered, 0..1 (1 when there is nothing to answer)."""
        return self.answered / self.total if self.total else 1.0

    @property
    def coverage(self) -> float:
        """Share in place, 0..1, partial counting half (0 when nothing is applicable)."""
        return (self.done + 0.5 * self.partial) / self.applicable if self.applicable else 0.0

    def __add__(self, other: Tally) -> Tally:
        return Tally(
            self.total + other.total,
            self.done + other.done,
            self.partial + other.partial,
            self.not_done + other.not_done,
            self.not_applicable + other.not_applicable,
            self.unanswered + other.unanswered,
        )


_FIELD_OF_STATUS = {
    Status.DONE: "done",
    Status.PARTIAL: "partial",
    Status.NOT_DONE: "not_done",
    Status.NOT_APPLICABLE: "not_applicable",
    Status.UNANSWERED: "unanswered",
}


def status_of(assessment: Assessment, item: AssessmentItem) -> Status:
    # Not item.answer_in(): that builds a blank Answer for each unanswered item, which
    # dominated counting many files (benchmarks: coverage of 200 files).
    if item.tool is None:
        answer = assessment.answers.get(item.countermeasure.id)
    else:
        answer = assessment.tool_answers.get(item.tool.id, {}).get(item.countermeasure.id)
    return answer.status if answer is not None else Status.UNANSWERED


def tally(assessment: Assessment, items: Iterable[AssessmentItem]) -> Tally:
    counts = dict.fromkeys(_FIELD_OF_STATUS.values(), 0)
    total = 0
    for item in items:
        total += 1
        counts[_FIELD_OF_STATUS[status_of(assessment, item)]] += 1
    return Tally(total=total, **counts)


def overall(assessment: Assessment, guideline: Guideline) -> Tally:
    return tally(assessment, items_in_scope(assessment, guideline))


def coverage_by_part(assessment: Assessment, guideline: Guideline) -> dict[Part, Tally]:
    """施設の体制, AIツール, 現場の手順: always all three, a part without items at zero."""
    items = items_in_scope(assessment, guideline)
    return {part: tally(assessment, (i for i in items if i.part is part)) for part in PARTS}


def coverage_by_tool(assessment: Assessment, guideline: Guideline) -> dict[str, Tally]:
    """Each tool answered for (register order; a 利用禁止 tool is left out)."""
    items = items_in_scope(assessment, guideline)
    return {
        tool.id: tally(assessment, (i for i in items if i.tool_id == tool.id))
        for tool in answering_tools(assessment)
    }


def coverage_by_use_case(assessment: Assessment, guideline: Guideline) -> dict[str, Tally]:
    items = items_in_scope(assessment, guideline)
    return {
        uc.id: tally(assessment, (i for i in items if uc.id in i.countermeasure.use_cases))
        for uc in use_cases_in_scope(assessment, guideline)
    }


def coverage_by_risk_category(assessment: Assessment, guideline: Guideline) -> dict[str, Tally]:
    items = items_in_scope(assessment, guideline)
    return {
        rc.id: tally(assessment, (i for i in items if rc.id in i.countermeasure.risk_categories))
        for rc in guideline.risk_categories
        if any(rc.id in i.countermeasure.risk_categories for i in items)
    }


def coverage_by_step(assessment: Assessment, guideline: Guideline) -> dict[str, Tally]:
    """現場の手順 at each step in scope (steps without step-level items are left out)."""
    items = [i for i in items_in_scope(assessment, guideline) if i.part is Part.STEP]
    result = {}
    for step_id in steps_in_scope(assessment, guideline):
        at_step = [i for i in items if step_id in i.countermeasure.steps]
        if at_step:
            result[step_id] = tally(assessment, at_step)
    return result


def coverage_by_side(assessment: Assessment, guideline: Guideline) -> dict[str, Tally]:
    """'user' (利用者: individual and organisation) and 'developer' (開発者) apart."""
    items = items_in_scope(assessment, guideline)
    return {
        "user": tally(assessment, (i for i in items if i.countermeasure.perspective.is_user)),
        "developer": tally(
            assessment, (i for i in items if not i.countermeasure.perspective.is_user)
        ),
    }


@dataclass(frozen=True)
class Gap:
    item: AssessmentItem
    answer: Answer
    severity: Severity | None  # the highest severity of the risks the item addresses
    overdue: bool  # its 目標日 has passed (relative to the day the list was made for)

    @property
    def countermeasure(self) -> Countermeasure:
        return self.item.countermeasure


_FAR_FUTURE = dt.date.max


def severity_of(cm: Countermeasure, guideline: Guideline) -> Severity | None:
    """The highest severity among the risks a countermeasure addresses (None: no risk listed)."""
    risks = guideline.risks_addressed_by(cm)
    return min((r.severity for r in risks), key=lambda s: s.rank) if risks else None


def is_overdue(answer: Answer, today: dt.date) -> bool:
    """Not (fully) in place and its 目標日 already past."""
    return answer.status.is_gap and answer.target_date is not None and answer.target_date < today


def gap_list(
    assessment: Assessment, guideline: Guideline, today: dt.date | None = None
) -> list[Gap]:
    """未実施 and 一部実施, most important first: highest severity of the risks addressed,
    then overdue before not yet due, then the earliest 目標日 (none last), then owner.

    `today` is the day overdue is judged against (a report passes its print date)."""
    today = today or dt.date.today()
    gaps = []
    for item in items_in_scope(assessment, guideline):
        if status_of(assessment, item).is_gap:
            answer = item.answer_in(assessment)
            gaps.append(
                Gap(
                    item,
                    answer,
                    severity_of(item.countermeasure, guideline),
                    is_overdue(answer, today),
                )
            )
    gaps.sort(
        key=lambda g: (
            g.severity.rank if g.severity is not None else len(Severity),
            not g.overdue,
            g.answer.target_date or _FAR_FUTURE,
            g.answer.owner or "\uffff",
        )
    )
    return gaps
