"""What changed between two versions of the guideline data.

Items are matched by their stable ids: an id only in the new data was added, an id only in the
old data was removed, and an id in both whose fields differ was changed. Each changed field
keeps its old and new text and a character-level diff (difflib) so a view or a PDF can
highlight the words that changed.

Each change says where it applies, once: a countermeasure by its level (施設全体, AIツール)
and, for a step-level one, its steps; a use case or risk by its use case; a step or a scene by
its step. Changes are grouped by use case and by workflow step on these direct relations only
(using the old data for removed items and the new data for added ones), so a facility-level
countermeasure is not repeated under every step where its use cases occur.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Iterable
from dataclasses import dataclass, field, fields
from enum import Enum
from typing import Any, Literal

from .guideline import Guideline, GuidelineItem, name_of
from .models import (
    Countermeasure,
    Flow,
    Level,
    Provenance,
    Reference,
    Risk,
    RiskCategory,
    Step,
    UseCase,
    UseScene,
)

ChangeKind = Literal["added", "removed", "changed"]

KIND_LABELS: dict[str, str] = {"added": "追加", "removed": "削除", "changed": "変更"}

ITEM_TYPES: tuple[type, ...] = (
    UseCase,
    RiskCategory,
    Risk,
    Countermeasure,
    Flow,
    Step,
    UseScene,
    Reference,
)

TYPE_LABELS: dict[str, str] = {
    "UseCase": "ユースケース",
    "RiskCategory": "リスク区分",
    "Risk": "リスク",
    "Countermeasure": "対策",
    "Flow": "業務フロー",
    "Step": "業務ステップ",
    "UseScene": "利用シーン",
    "Reference": "参考資料",
}

FIELD_LABELS: dict[str, str] = {
    "number": "番号",
    "name": "名称",
    "title": "表題",
    "summary": "概要",
    "description": "説明",
    "text": "本文",
    "settings": "施設の種類",
    "actors": "主な利用者",
    "benefits": "利点",
    "use_case": "ユースケース",
    "use_cases": "ユースケース",
    "category": "リスク区分",
    "risk_categories": "リスク区分",
    "severity": "重大度",
    "severity_reason": "重大度の理由",
    "perspective": "立場",
    "phase": "段階",
    "evidence": "根拠となる記録",
    "steps": "業務ステップ",
    "step": "業務ステップ",
    "level": "回答する単位",
    "roles": "職種",
    "implements": "実践するガイドラインの対策",
    "no_ai_use": "生成AIの利用がない理由",
    "kind": "種類",
    "issuer": "発行元",
    "date": "日付",
    "url": "URL",
    "provenance": "出典",
}

# Fields whose change alters what a countermeasure asks of a facility.
COUNTERMEASURE_WORDING_FIELDS = ("title", "text")


@dataclass(frozen=True)
class Segment:
    """One piece of a character-level diff: 'equal', 'replace', 'delete' or 'insert'."""

    op: str
    old: str
    new: str


@dataclass(frozen=True)
class FieldChange:
    field: str
    old: str
    new: str
    segments: tuple[Segment, ...]

    @property
    def label(self) -> str:
        return FIELD_LABELS.get(self.field, self.field)

    def old_spans(self) -> list[tuple[str, bool]]:
        """The old text as (text, changed) pieces, for highlighting what was taken out."""
        return [(s.old, s.op != "equal") for s in self.segments if s.old]

    def new_spans(self) -> list[tuple[str, bool]]:
        """The new text as (text, changed) pieces, for highlighting what was put in."""
        return [(s.new, s.op != "equal") for s in self.segments if s.new]


@dataclass(frozen=True)
class ItemChange:
    kind: ChangeKind
    item_type: str  # class name: "Countermeasure", "UseCase", ...
    id: str
    label: str  # name or title (the new one when both exist)
    fields: tuple[FieldChange, ...] = ()
    use_cases: tuple[str, ...] = ()  # related use case ids
    steps: tuple[str, ...] = ()  # workflow step ids it applies at directly
    detail: str = ""  # the item's main text, for added and removed items
    level: Level | None = None  # a countermeasure's level (the new one when both exist)

    @property
    def type_label(self) -> str:
        return TYPE_LABELS[self.item_type]

    @property
    def kind_label(self) -> str:
        return KIND_LABELS[self.kind]

    @property
    def changed_fields(self) -> list[str]:
        return [f.field for f in self.fields]


@dataclass(frozen=True)
class VersionInfo:
    guideline_id: str
    title: str
    edition: int
    data_version: str
    data_date: dt.date

    @classmethod
    def of(cls, g: Guideline) -> VersionInfo:
        return cls(g.id, g.title, g.edition, g.data_version, g.info.data_date)


GENERAL = ""  # group key for changes not tied to a use case or step


@dataclass
class GuidelineDiff:
    old: VersionInfo
    new: VersionInfo
    changes: list[ItemChange]
    # names for group headings, from both versions (new wins)
    use_case_names: dict[str, str] = field(default_factory=dict)
    step_names: dict[str, str] = field(default_factory=dict)
    use_case_order: list[str] = field(default_factory=list)
    step_order: list[str] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not self.changes

    def of_kind(self, kind: ChangeKind) -> list[ItemChange]:
        return [c for c in self.changes if c.kind == kind]

    @property
    def added(self) -> list[ItemChange]:
        return self.of_kind("added")

    @property
    def removed(self) -> list[ItemChange]:
        return self.of_kind("removed")

    @property
    def changed(self) -> list[ItemChange]:
        return self.of_kind("changed")

    def get(self, item_id: str) -> ItemChange | None:
        return next((c for c in self.changes if c.id == item_id), None)

    def counts(self) -> dict[str, int]:
        return {kind: len(self.of_kind(kind)) for kind in ("added", "removed", "changed")}

    def where(self, change: ItemChange) -> str:
        """Where a change applies, for people: 「施設全体」「AIツール」, 「業務ステップ: 入院 ›
        看護記録、…」 for a step-level countermeasure or a step or scene, the use cases of a
        use case or risk; "" when it is about the data as a whole."""
        if change.level is not None and change.level is not Level.STEP:
            return change.level.label
        if change.steps:
            return "業務ステップ: " + "、".join(self.step_names.get(s, s) for s in change.steps)
        if change.use_cases:
            return "、".join(self.use_case_names.get(u, u) for u in change.use_cases)
        return ""

    def reworded_countermeasures(self) -> set[str]:
        """Countermeasures present in both versions whose title or text changed."""
        return {
            c.id
            for c in self.changed
            if c.item_type == "Countermeasure"
            and any(f.field in COUNTERMEASURE_WORDING_FIELDS for f in c.fields)
        }

    def by_use_case(self) -> dict[str, list[ItemChange]]:
        """Changes under each related use case (in guideline order); GENERAL for the rest."""
        return self._grouped(self.use_case_order, lambda c: c.use_cases)

    def by_step(self) -> dict[str, list[ItemChange]]:
        """Changes under each related workflow step (in flow order); GENERAL for the rest."""
        return self._grouped(self.step_order, lambda c: c.steps)

    def _grouped(self, order: list[str], keys: Any) -> dict[str, list[ItemChange]]:
        groups: dict[str, list[ItemChange]] = {key: [] for key in order}
        general: list[ItemChange] = []
        for change in self.changes:
            related = keys(change)
            if not related:
                general.append(change)
            for key in related:
                groups.setdefault(key, []).append(change)
        result = {key: items for key, items in groups.items() if items}
        if general:
            result[GENERAL] = general
        return result


def diff_guidelines(old: Guideline, new: Guideline) -> GuidelineDiff:
    old_rel, new_rel = _Relations(old), _Relations(new)
    changes: list[ItemChange] = []
    for item_type in ITEM_TYPES:
        old_items = {i.id: i for i in _items_of(old, item_type)}
        new_items = {i.id: i for i in _items_of(new, item_type)}
        ordered = list(new_items) + [i for i in old_items if i not in new_items]
        for item_id in ordered:
            before, after = old_items.get(item_id), new_items.get(item_id)
            if before is None:
                assert after is not None
                changes.append(_change("added", after, (), new_rel.of(after)))
            elif after is None:
                changes.append(_change("removed", before, (), old_rel.of(before)))
            else:
                fields = _field_changes(before, after, old, new)
                if fields:
                    ucs_a, steps_a = old_rel.of(before)
                    ucs_b, steps_b = new_rel.of(after)
                    related = (_union(ucs_b, ucs_a), _union(steps_b, steps_a))
                    changes.append(_change("changed", after, fields, related))

    use_case_names = {uc.id: f"UC{uc.number} {uc.name}" for uc in old.use_cases}
    use_case_names |= {uc.id: f"UC{uc.number} {uc.name}" for uc in new.use_cases}
    step_names = {s.id: old.step_path(s.id) for s in old.steps}
    step_names |= {s.id: new.step_path(s.id) for s in new.steps}
    return GuidelineDiff(
        old=VersionInfo.of(old),
        new=VersionInfo.of(new),
        changes=changes,
        use_case_names=use_case_names,
        step_names=step_names,
        use_case_order=_union([u.id for u in new.use_cases], [u.id for u in old.use_cases]),
        step_order=_union([s.id for s in new.steps], [s.id for s in old.steps]),
    )


def char_diff(old: str, new: str) -> tuple[Segment, ...]:
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    return tuple(
        Segment(op, old[i1:i2], new[j1:j2]) for op, i1, i2, j1, j2 in matcher.get_opcodes()
    )


# -- internals ------------------------------------------------------------------------------


def _items_of(g: Guideline, item_type: type) -> list[GuidelineItem]:
    if item_type is Step:
        return list(g.steps)
    return [i for i in g.all_items() if type(i) is item_type]


def _change(
    kind: ChangeKind,
    item: GuidelineItem,
    fields: Iterable[FieldChange],
    related: tuple[list[str], list[str]],
) -> ItemChange:
    return ItemChange(
        kind=kind,
        item_type=type(item).__name__,
        id=item.id,
        label=name_of(item),
        fields=tuple(fields),
        use_cases=tuple(related[0]),
        steps=tuple(related[1]),
        detail="" if kind == "changed" else _main_text(item),
        level=item.level if isinstance(item, Countermeasure) else None,
    )


def _main_text(item: GuidelineItem) -> str:
    for name in ("text", "summary", "description"):
        value = getattr(item, name, None)
        if isinstance(value, str):
            return value
    return ""


def _field_changes(
    before: GuidelineItem, after: GuidelineItem, old: Guideline, new: Guideline
) -> list[FieldChange]:
    result = []
    for name in (f.name for f in fields(after)):
        if name == "id":
            continue
        if name == "provenance":
            a = _provenance_text(old.provenance_of(before))
            b = _provenance_text(new.provenance_of(after))
        else:
            a, b = _text(getattr(before, name)), _text(getattr(after, name))
        if a != b:
            result.append(FieldChange(name, a, b, char_diff(a, b)))
    if isinstance(before, Step):  # a step's provenance is its flow's
        return [f for f in result if f.field != "provenance"]
    return result


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, Step):
        return value.id
    if isinstance(value, Enum):
        return str(getattr(value, "label", value.value))
    if isinstance(value, list):
        return "、".join(_text(v) for v in value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _provenance_text(p: Provenance) -> str:
    text = p.describe()
    return f"{text}（{p.note}）" if p.note else text


def _union(first: Iterable[str], second: Iterable[str]) -> list[str]:
    seen: dict[str, None] = dict.fromkeys(first)
    seen.update(dict.fromkeys(second))
    return list(seen)


class _Relations:
    """Which use cases and workflow steps an item concerns directly, in one guideline version.

    A countermeasure's steps are its own (step level) and none for the facility and tool
    levels; a use case, a risk or a flow names no step: it is not repeated under every step
    where its use cases occur.
    """

    def __init__(self, g: Guideline) -> None:
        self.g = g
        self.ucs_of_step = {s.id: [u.id for u in g.use_cases_for_step(s.id)] for s in g.steps}
        self.step_order = {s.id: i for i, s in enumerate(g.steps)}
        self.uc_order = {uc.id: i for i, uc in enumerate(g.use_cases)}

    def of(self, item: GuidelineItem) -> tuple[list[str], list[str]]:
        ucs, steps = self._raw(item)
        ucs = sorted(set(ucs), key=lambda u: self.uc_order.get(u, len(self.uc_order)))
        steps = sorted(set(steps), key=lambda s: self.step_order.get(s, len(self.step_order)))
        return ucs, steps

    def _raw(self, item: GuidelineItem) -> tuple[list[str], list[str]]:
        if isinstance(item, UseCase):
            return [item.id], []
        if isinstance(item, Risk):
            return [item.use_case], []
        if isinstance(item, Countermeasure):
            steps = list(item.steps) if item.level is Level.STEP else []
            return list(item.use_cases), steps
        if isinstance(item, UseScene):
            return list(item.use_cases), [item.step]
        if isinstance(item, Step):
            return self.ucs_of_step.get(item.id, []), [item.id]
        if isinstance(item, Flow):
            return [u for s in item.steps for u in self.ucs_of_step.get(s.id, [])], []
        return [], []
