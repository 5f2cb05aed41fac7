"""Progress and coverage, computed the way the report explains them in plain words.

- 回答率 = 回答済みの対策数 ÷ 対象の対策数 (未回答 is not answered; 該当なし is answered).
- 実施率 = (実施済 + 一部実施 × 0.5) ÷ (対象の対策数 − 該当なし). 未回答 counts as not done.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from ..guideline import Countermeasure, Guideline
from .models import Answer, Assessment, Status
from .scope import countermeasures_by_step, countermeasures_in_scope, use_cases_in_scope

FORMULAS: dict[str, str] = {
    "progress": "回答率 ＝ 回答済みの対策の数 ÷ 評価対象の対策の数（該当なしは回答済みに含め、未回答は含めません）。",
    "coverage": "実施率 ＝ （実施済の数 ＋ 一部実施の数 × 0.5） ÷ （評価対象の対策の数 − 該当なしの数）。未回答は未実施と同じく 0 として数えます。",
    "grouping": "ユースケース別・リスク区分別・業務ステップ別の値は、そのグループに関係する対策だけで同じ式を計算したものです。複数のグループに関係する対策は、それぞれのグループで数えます。",
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


def tally(assessment: Assessment, countermeasures: Iterable[Countermeasure]) -> Tally:
    counts = dict.fromkeys(_FIELD_OF_STATUS.values(), 0)
    total = 0
    answers = assessment.answers
    unanswered = _FIELD_OF_STATUS[Status.UNANSWERED]
    for cm in countermeasures:
        total += 1
        # Not assessment.answer(): that builds a blank Answer for each unanswered item,
        # which dominated counting many files (benchmarks: coverage of 200 files).
        answer = answers.get(cm.id)
        counts[_FIELD_OF_STATUS[answer.status] if answer is not None else unanswered] += 1
    return Tally(total=total, **counts)


def overall(assessment: Assessment, guideline: Guideline) -> Tally:
    return tally(assessment, countermeasures_in_scope(assessment, guideline))


def coverage_by_use_case(assessment: Assessment, guideline: Guideline) -> dict[str, Tally]:
    in_scope = {cm.id for cm in countermeasures_in_scope(assessment, guideline)}
    return {
        uc.id: tally(
            assessment,
            (cm for cm in guideline.countermeasures_for_use_case(uc.id) if cm.id in in_scope),
        )
        for uc in use_cases_in_scope(assessment, guideline)
    }


def coverage_by_risk_category(assessment: Assessment, guideline: Guideline) -> dict[str, Tally]:
    cms = countermeasures_in_scope(assessment, guideline)
    return {
        rc.id: tally(assessment, (cm for cm in cms if rc.id in cm.risk_categories))
        for rc in guideline.risk_categories
        if any(rc.id in cm.risk_categories for cm in cms)
    }


def coverage_by_step(assessment: Assessment, guideline: Guideline) -> dict[str, Tally]:
    return {
        step_id: tally(assessment, cms)
        for step_id, cms in countermeasures_by_step(assessment, guideline).items()
    }


def coverage_by_side(assessment: Assessment, guideline: Guideline) -> dict[str, Tally]:
    """'user' (利用者: individual and organisation) and 'developer' (開発者) apart."""
    cms = countermeasures_in_scope(assessment, guideline)
    return {
        "user": tally(assessment, (cm for cm in cms if cm.perspective.is_user)),
        "developer": tally(assessment, (cm for cm in cms if not cm.perspective.is_user)),
    }


@dataclass(frozen=True)
class Gap:
    countermeasure: Countermeasure
    answer: Answer


_FAR_FUTURE = dt.date.max


def gap_list(assessment: Assessment, guideline: Guideline) -> list[Gap]:
    """未実施 and 一部実施, most urgent first: earliest 目標日 (none last), then owner."""
    gaps = [
        Gap(cm, assessment.answer(cm.id))
        for cm in countermeasures_in_scope(assessment, guideline)
        if assessment.answer(cm.id).status.is_gap
    ]
    gaps.sort(key=lambda g: (g.answer.target_date or _FAR_FUTURE, g.answer.owner or "\uffff"))
    return gaps
