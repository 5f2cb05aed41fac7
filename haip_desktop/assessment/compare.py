"""年度比較: two assessments of one facility, what improved, regressed, is new or gone.

Both are read against one guideline data version (the current one) and compared item by item
(scope.items_in_scope): a countermeasure by its id, and for the AIツール part by its id and
the tool's id in the register (carried over from year to year with the register). Both
files may be of either schema (the store migrates the older one on reading). A status moves
up the ladder 未回答・未実施 → 一部実施 → 実施済 (improved) or down it (regressed); a move to or
from 該当なし is a change of applicability, counted apart. An item in scope only in the newer
assessment is new; only in the older, removed.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TypeVar

from ..guideline import Guideline
from .history import aware
from .models import Assessment, Status
from .parts import PARTS, AssessmentItem, Part
from .scope import answering_tools, items_in_scope, steps_in_scope, use_cases_in_scope
from .scoring import (
    Tally,
    coverage_by_part,
    coverage_by_step,
    coverage_by_tool,
    coverage_by_use_case,
    overall,
    status_of,
)

_Key = TypeVar("_Key")  # what a group is: a part, a tool id, a use case id, a step id


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
    part: Part = Part.FACILITY
    tool_id: str | None = None  # the AIツール part: the tool answered for
    tool_name: str = ""  # its name in the newer register (the older one if gone)


@dataclass(frozen=True)
class GroupComparison:
    """One part, tool, use case or step: the counts of each change and the tallies before and
    after."""

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
    by_part: dict[Part, GroupComparison] = field(default_factory=dict)
    by_tool: dict[str, GroupComparison] = field(default_factory=dict)
    by_use_case: dict[str, GroupComparison] = field(default_factory=dict)
    by_step: dict[str, GroupComparison] = field(default_factory=dict)
    tool_names: dict[str, str] = field(default_factory=dict)  # tool id -> name (newer first)

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
    old_items = {i.key: i for i in items_in_scope(older, guideline)}
    new_items = {i.key: i for i in items_in_scope(newer, guideline)}
    tool_names = {t.id: t.name for t in older.tools} | {t.id: t.name for t in newer.tools}
    # Items in the order of the parts, then as scope lists them; one only in the older last.
    ordered = list(new_items) + [key for key in old_items if key not in new_items]
    ordered.sort(key=lambda key: PARTS.index((new_items.get(key) or old_items[key]).part))

    items: list[ItemComparison] = []
    for key in ordered:
        item = new_items.get(key) or old_items[key]
        old_status = status_of(older, item) if key in old_items else None
        new_status = status_of(newer, item) if key in new_items else None
        if old_status is None:
            change = Change.NEW
        elif new_status is None:
            change = Change.REMOVED
        else:
            change = classify(old_status, new_status)
        cm = item.countermeasure
        items.append(
            ItemComparison(
                cm.id,
                cm.title,
                old_status,
                new_status,
                change,
                item.part,
                item.tool_id,
                tool_names.get(item.tool_id, "") if item.tool_id else "",
            )
        )
    by_key = {(i.countermeasure_id, i.tool_id): i for i in items}

    def counts_for(selected: list[AssessmentItem]) -> Counter[Change]:
        return Counter(by_key[i.key].change for i in selected if i.key in by_key)

    every = list(new_items.values()) + [i for k, i in old_items.items() if k not in new_items]

    def group(
        old: Mapping[_Key, Tally],
        new: Mapping[_Key, Tally],
        keys: list[_Key],
        belongs: Callable[[AssessmentItem, _Key], bool],
    ) -> dict[_Key, GroupComparison]:
        return {
            key: GroupComparison(
                counts_for([i for i in every if belongs(i, key)]), old.get(key), new.get(key)
            )
            for key in keys
        }

    by_part = group(
        coverage_by_part(older, guideline),
        coverage_by_part(newer, guideline),
        list(PARTS),
        lambda i, part: i.part is part,
    )
    tools = [t.id for t in answering_tools(newer)]
    tools += [t.id for t in answering_tools(older) if t.id not in tools]
    by_tool = group(
        coverage_by_tool(older, guideline),
        coverage_by_tool(newer, guideline),
        tools,
        lambda i, tool_id: i.tool_id == tool_id,
    )
    use_cases = {uc.id for uc in use_cases_in_scope(older, guideline)} | {
        uc.id for uc in use_cases_in_scope(newer, guideline)
    }
    by_use_case = group(
        coverage_by_use_case(older, guideline),
        coverage_by_use_case(newer, guideline),
        [uc.id for uc in guideline.use_cases if uc.id in use_cases],
        lambda i, uc_id: uc_id in i.countermeasure.use_cases,
    )
    steps = set(steps_in_scope(older, guideline)) | set(steps_in_scope(newer, guideline))
    by_step = group(
        coverage_by_step(older, guideline),
        coverage_by_step(newer, guideline),
        [s.id for s in guideline.steps if s.id in steps],
        lambda i, step_id: i.part is Part.STEP and step_id in i.countermeasure.steps,
    )
    return Comparison(
        older=older,
        newer=newer,
        data_version=guideline.data_version,
        items=items,
        overall_old=overall(older, guideline),
        overall_new=overall(newer, guideline),
        by_part=by_part,
        by_tool=by_tool,
        by_use_case=by_use_case,
        by_step={k: v for k, v in by_step.items() if v.counts},
        tool_names=tool_names,
    )


def years_label(comparison: Comparison) -> str:
    """'2025-04-01 → 2026-04-01' for headings."""
    return f"{_iso(comparison.older.assessment_date)} → {_iso(comparison.newer.assessment_date)}"


def _iso(day: dt.date) -> str:
    return day.isoformat()
