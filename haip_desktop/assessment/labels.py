"""What people see of an assessment's fields and stored values, in Japanese (the one table).

The file and its history keep stable keys and values (``facility.kind``, ``hospital``,
``2025-07-01``, ``UC-01, UC-03``); everything shown to a person — the change history, the
privacy warning, validation messages — names them through this module.

Field paths are the file's keys joined by dots, with list positions and countermeasure ids
left out: ``facility.kind``, ``scope.use_cases``, ``answers.status``, ``tools.owner``,
``guideline.data_version``. History entries name answer fields bare (``status``) and tool
fields bare with the tool's id as item (``T-1``); :func:`history_field_path` maps those.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Protocol

from ..guideline.guideline import name_of
from .models import (
    Actor,
    Approval,
    Assessment,
    Deployment,
    FacilityKind,
    HistoryEntry,
    PatientData,
    Status,
)

if TYPE_CHECKING:
    from ..guideline import Guideline

FIELD_LABELS: Mapping[str, str] = {
    "schema_version": "ファイル形式の版",
    "app_version": "アプリの版",
    "id": "評価のID",
    "guideline": "ガイドライン情報",
    "guideline.id": "ガイドラインのID",
    "guideline.edition": "ガイドラインの版",
    "guideline.data_version": "ガイドラインのデータ版",
    "facility": "施設情報",
    "facility.name": "施設名",
    "facility.kind": "施設の種別",
    "facility.beds": "病床数",
    "facility.department": "部署",
    "assessors": "評価者",
    "assessment_date": "評価日",
    "scope": "評価範囲",
    "scope.all": "すべてを評価範囲にする",
    "scope.use_cases": "評価範囲のユースケース",
    "scope.steps": "評価範囲の業務ステップ",
    "products": "評価するAI製品",
    "committee_comment": "総評・所見",
    "tools": "生成AIツール台帳",
    "tools.id": "ツールのID",
    "tools.name": "ツール名",
    "tools.vendor": "提供元（ベンダー）",
    "tools.deployment": "設置形態",
    "tools.steps": "使う業務ステップ",
    "tools.patient_data": "患者を特定できる情報の入力",
    "tools.approval": "承認状況",
    "tools.owner": "責任者",
    "tools.note": "メモ",
    "answers": "回答",
    "answers.status": "状況",
    "answers.na_reason": "該当なしの理由",
    "answers.actor": "実施主体",
    "answers.confirmed_on": "確認日",
    "answers.target_date": "目標日",
    "answers.owner": "担当者",
    "answers.note": "メモ",
    "answers.evidence": "根拠資料",
    "answers.needs_review": "要再確認",
    "answers.carried_over": "前回からの引き継ぎ",
    "answers.archived": "アーカイブ",
    "tool_answers": "AIツールごとの回答",
    "history": "変更の履歴",
    "history.at": "日時",
    "history.who": "記入者",
    "history.os_user": "OS のユーザー",
    "history.item": "項目",
    "history.tool": "AIツール",
    "history.field": "欄",
    "history.old": "変更前",
    "history.new": "変更後",
    "history.note": "補足",
    "created_at": "作成日時",
    "updated_at": "更新日時",
    # Entries of the history that are about a whole thing rather than one field.
    "created": "作成",
    "tool": "AIツール",
}


class Labelled(Protocol):
    """A value stored as its string and shown to people by its Japanese label."""

    @property
    def value(self) -> str: ...
    @property
    def label(self) -> str: ...


class LabelledEnum(Protocol):
    """An enum of such values: built from a stored string, listed in order."""

    def __call__(self, value: str, /) -> Labelled: ...
    def __iter__(self) -> Iterator[Labelled]: ...


# Stored values that are members of an enum: shown by the member's ``.label``.
ENUM_FIELDS: Mapping[str, LabelledEnum] = {
    "facility.kind": FacilityKind,
    "answers.status": Status,
    "answers.actor": Actor,
    "tools.deployment": Deployment,
    "tools.patient_data": PatientData,
    "tools.approval": Approval,
}
DATE_FIELDS = frozenset({"assessment_date", "answers.confirmed_on", "answers.target_date"})
BOOL_FIELDS = frozenset(
    {"scope.all", "answers.needs_review", "answers.carried_over", "answers.archived"}
)
# Lists of guideline ids, shown by the items' names when the guideline is at hand.
ID_LIST_FIELDS = frozenset({"scope.use_cases", "scope.steps", "tools.steps"})
# Lists of names typed by people.
NAME_LIST_FIELDS = frozenset({"assessors", "products"})

WHOLE_ASSESSMENT = "評価全体"
EMPTY = "—"

_TOOL_ID = re.compile(r"T-[0-9]+")
_TOOL_FIELDS = frozenset(
    {"name", "vendor", "deployment", "steps", "patient_data", "approval", "owner", "note"}
)
_ANSWER_FIELDS = frozenset(
    key.removeprefix("answers.") for key in FIELD_LABELS if key.startswith("answers.")
)


def field_label(path: str) -> str:
    """The label of a field path (``facility.kind`` → 施設の種別); the path itself if unknown."""
    return FIELD_LABELS.get(path, path)


def is_tool_id(item: str) -> bool:
    """Whether a history or privacy item names a tool of the register (``T-1``)."""
    return bool(_TOOL_ID.fullmatch(item))


def history_field_path(field: str, item: str = "") -> str:
    """The field path of a history entry's (or a privacy finding's) field and item."""
    if is_tool_id(item) and field in _TOOL_FIELDS:
        return f"tools.{field}"
    if item and field in _ANSWER_FIELDS:
        return f"answers.{field}"
    return field


def history_field_label(field: str, item: str = "") -> str:
    """The label of a history entry's field: ``("deployment", "T-1")`` → 設置形態."""
    return field_label(history_field_path(field, item))


def item_label(
    item: str,
    assessment: Assessment | None = None,
    guideline: Guideline | None = None,
    *,
    tool: str = "",
) -> str:
    """What a history entry or a privacy finding is about, for people.

    "" → 評価全体; a tool id → 「AIツール <name>」 (its name from the register when it is
    still there); a countermeasure id → 「<id> <title>」 when the guideline knows it, followed
    by 「（AIツール <name>）」 for a tool's answer (``tool``).
    """
    if not item:
        return WHOLE_ASSESSMENT
    if is_tool_id(item):
        return tool_label(item, assessment)
    found = guideline.get(item) if guideline is not None else None
    title = name_of(found) if found is not None else ""
    label = f"{item} {title}" if title else item
    return f"{label}（{tool_label(tool, assessment)}）" if tool else label


def tool_label(tool_id: str, assessment: Assessment | None = None) -> str:
    """「AIツール <name>」: the tool's name from the register, its id when it is gone."""
    tools = assessment.tools if assessment is not None else []
    name = next((t.name for t in tools if t.id == tool_id), "")
    return f"AIツール {name or tool_id}"


def format_date(value: dt.date) -> str:
    """A date as people write it: 2025年7月1日."""
    return f"{value.year}年{value.month}月{value.day}日"


def value_text(path: str, value: str | None, guideline: Guideline | None = None) -> str:
    """A value as stored in the history (see history.show_value), in Japanese.

    Enum values by their label, dates as 2025年7月1日, true/false as はい/いいえ, lists of
    guideline ids by the items' names (when ``guideline`` is given and knows them),
    ``None`` and "" as 「—」. Values the table does not know are shown as they are.
    """
    if value is None or value == "":
        return EMPTY
    enum = ENUM_FIELDS.get(path)
    if enum is not None:
        try:
            return enum(value).label
        except ValueError:
            return value
    if path in DATE_FIELDS:
        try:
            return format_date(dt.date.fromisoformat(value))
        except ValueError:
            return value
    if path in BOOL_FIELDS:
        return {"true": "はい", "false": "いいえ"}.get(value, value)
    if path == "facility.beds":
        return f"{value} 床"
    if path in ID_LIST_FIELDS:
        return "、".join(_guideline_name(part, guideline) for part in _split_list(value))
    if path in NAME_LIST_FIELDS:
        return "、".join(_split_list(value))
    return value


def history_value_text(
    field: str, value: str | None, item: str = "", guideline: Guideline | None = None
) -> str:
    """An old or new value of a history entry, in Japanese (see :func:`value_text`)."""
    return value_text(history_field_path(field, item), value, guideline)


def history_change_text(entry: HistoryEntry, guideline: Guideline | None = None) -> str:
    """The 変更 column of the history: 「未回答 → 実施済」, with the entry's note after it."""
    if entry.old is None and entry.new is None:
        return entry.note
    old = history_value_text(entry.field, entry.old, entry.item, guideline)
    new = history_value_text(entry.field, entry.new, entry.item, guideline)
    change = f"{old} → {new}"
    return f"{change}（{entry.note}）" if entry.note else change


def _split_list(value: str) -> list[str]:
    # history.show_value joins list items with ", ".
    return [part for part in value.split(", ") if part]


def _guideline_name(item_id: str, guideline: Guideline | None) -> str:
    found = guideline.get(item_id) if guideline is not None else None
    return name_of(found) if found is not None else item_id
