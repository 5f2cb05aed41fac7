"""年度比較: two assessments of one facility, what improved, regressed, is new or gone.

Both are read against one guideline data version (the current one), so countermeasures are
matched by id. A status moves up the ladder 未回答・未実施 → 一部実施 → 実施済 (improved) or down
it (regressed); a move to or from 該当なし is a change of applicability, counted apart.
A countermeasure in scope only in the newer assessment is new; only in the older, removed.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from enum import StrEnum

from ..guideline import Guideline
from .history import aware
from .models import Assessment, Status
from .scope import countermeasures_in_scope, steps_touched, use_cases_in_scope
from .scoring import Tally, coverage_by_step, coverage_by_use_case, overall


class Change(StrEnum):
    IMPROVED = "improved"
    REGRESSED = "regressed"
    UNCHANGED = "unchanged"
    APPLICABILITY = "applicability"
    NEW = "new"
    REMOVED = "removed"

    @property
    def label(self) -> str:
        return CHANGE_LABELS[self]


CHANGE_LABELS: dict[Change, str] = {
    Change.IMPROVED: "改善",
    Change.REGRESSED: "後退",
    Change.UNCHANGED: "変化なし",
    Change.APPLICABILITY: "該当の判断が変化",
    Change.NEW: "新たに対象",
    Change.REMOVED: "対象外に",
}

_RANK = {Status.UNANSWERED: 0, Status.NOT_DONE: 0, Status.PARTIAL: 1, Status.DONE: 2}


def classify(old: Status, new: Status) -> Change:
    if old is new:
        return Change.UNCHANGED
    if Status.NOT_APPLICABLE in (old, new):
        return Change.APPLICABILITY
    if _RANK[new] > _RANK[old]:
        return Change.IMPROVED
    if _RANK[new] < _RANK[old]:
        return Change.REGRESSED
    return Change.UNCHANGED  # 未回答 ↔ 未実施: neither is in place


@dataclass(frozen=True)
class ItemComparison:
    countermeasure_id: str
    title: str
    old: Status | None  # None: not in the older assessment's scope
    new: Status | None  # None: not in the newer assessment's scope
    change: Change


@dataclass(frozen=True)
class GroupComparison:
    """One use case or step: the counts of each change and the tallies before and after."""

    counts: Counter[Change]
    old: Tally | None
    new: Tally | None

    @property
    def coverage_change(self) -> float | None:
        if self.old is None or self.new is None:
            return None
        return self.new.coverage - self.old.coverage


@dataclass
class Comparison:
    older: Assessment
    newer: Assessment
    data_version: str
    items: list[ItemComparison]
    overall_old: Tally
    overall_new: Tally
    by_use_case: dict[str, GroupComparison] = field(default_factory=dict)
    by_step: dict[str, GroupComparison] = field(default_factory=dict)

    def of(self, change: Change) -> list[ItemComparison]:
        return [i for i in self.items if i.change is change]

    def counts(self) -> Counter[Change]:
        return Counter(i.change for i in self.items)

    @property
    def same_facility(self) -> bool:
        a, b = self.older.facility, self.newer.facility
        return a.name.strip() == b.name.strip() and a.kind is b.kind

    def warnings(self) -> list[str]:
        """What people must know before reading the comparison, in Japanese."""
        notes = []
        if not self.same_facility:
            notes.append(
                f"施設が異なります（{self.older.facility.name} と {self.newer.facility.name}）。"
                "同じ施設の評価どうしを比べているか確かめてください。"
            )
        versions = {self.older.guideline.data_version, self.newer.guideline.data_version}
        if len(versions) > 1 or self.data_version not in versions:
            notes.append(
                "ガイドラインデータの版が異なる評価です（"
                f"{self.older.guideline.data_version} と {self.newer.guideline.data_version}）。"
                f"どちらもデータ版 {self.data_version} の対策の id で突き合わせています。"
            )
        return notes


def compare_assessments(a: Assessment, b: Assessment, guideline: Guideline) -> Comparison:
    """Compare two assessments; the earlier assessment date is taken as the older one."""

    def when(x: Assessment) -> tuple[dt.date, dt.datetime]:
        return x.assessment_date, aware(x.updated_at)

    older, newer = (a, b) if when(a) <= when(b) else (b, a)
    old_scope = {cm.id for cm in countermeasures_in_scope(older, guideline)}
    new_scope = {cm.id for cm in countermeasures_in_scope(newer, guideline)}

    items: list[ItemComparison] = []
    for cm in guideline.countermeasures:
        in_old, in_new = cm.id in old_scope, cm.id in new_scope
        if not (in_old or in_new):
            continue
        old_status = older.answer(cm.id).status if in_old else None
        new_status = newer.answer(cm.id).status if in_new else None
        if old_status is None:
            change = Change.NEW
        elif new_status is None:
            change = Change.REMOVED
        else:
            change = classify(old_status, new_status)
        items.append(ItemComparison(cm.id, cm.title, old_status, new_status, change))
    by_id = {i.countermeasure_id: i for i in items}

    def counts_for(cm_ids: list[str]) -> Counter[Change]:
        return Counter(by_id[c].change for c in cm_ids if c in by_id)

    old_uc, new_uc = coverage_by_use_case(older, guideline), coverage_by_use_case(newer, guideline)
    use_cases = {uc.id for uc in use_cases_in_scope(older, guideline)} | {
        uc.id for uc in use_cases_in_scope(newer, guideline)
    }
    by_use_case = {
        uc.id: GroupComparison(
            counts_for([cm.id for cm in guideline.countermeasures_for_use_case(uc.id)]),
            old_uc.get(uc.id),
            new_uc.get(uc.id),
        )
        for uc in guideline.use_cases
        if uc.id in use_cases
    }
    old_st, new_st = coverage_by_step(older, guideline), coverage_by_step(newer, guideline)
    steps = set(steps_touched(older, guideline)) | set(steps_touched(newer, guideline))
    by_step = {}
    for step in guideline.steps:
        if step.id not in steps:
            continue
        counts = counts_for([cm.id for cm in guideline.countermeasures_for_step(step.id)])
        if counts:
            by_step[step.id] = GroupComparison(counts, old_st.get(step.id), new_st.get(step.id))

    return Comparison(
        older=older,
        newer=newer,
        data_version=guideline.data_version,
        items=items,
        overall_old=overall(older, guideline),
        overall_new=overall(newer, guideline),
        by_use_case=by_use_case,
        by_step=by_step,
    )


def years_label(comparison: Comparison) -> str:
    """'2025-04-01 → 2026-04-01' for headings."""
    return f"{_iso(comparison.older.assessment_date)} → {_iso(comparison.newer.assessment_date)}"


def _iso(day: dt.date) -> str:
    return day.isoformat()
