"""Pydantic validation errors told in Japanese: which field (by its label) and what is wrong."""

from __future__ import annotations

import json
from typing import Any

from .models import (
    SCHEMA_VERSION,
    Actor,
    Approval,
    Deployment,
    FacilityKind,
    PatientData,
    Status,
)

_ENUMS = {
    "status": Status,
    "kind": FacilityKind,
    "actor": Actor,
    "deployment": Deployment,
    "patient_data": PatientData,
    "approval": Approval,
}

_FIELD_LABELS = {
    "schema_version": "ファイル形式の版",
    "app_version": "アプリの版",
    "guideline": "ガイドライン情報",
    "edition": "版",
    "data_version": "データ版",
    "facility": "施設情報",
    "name": "名称",
    "kind": "種別",
    "beds": "病床数",
    "department": "部署",
    "assessors": "評価者",
    "assessment_date": "評価日",
    "scope": "評価の対象範囲",
    "all": "すべてを対象",
    "use_cases": "ユースケース",
    "steps": "業務ステップ",
    "products": "評価対象のAI製品",
    "tools": "生成AIツール台帳",
    "vendor": "提供元",
    "deployment": "設置形態",
    "patient_data": "患者を特定できる情報の入力",
    "approval": "承認状況",
    "answers": "回答",
    "status": "状況",
    "na_reason": "該当なしの理由",
    "actor": "実施主体",
    "confirmed_on": "確認日",
    "target_date": "目標日",
    "owner": "担当者",
    "note": "メモ",
    "evidence": "根拠資料",
    "needs_review": "要再確認",
    "carried_over": "前回からの引継ぎ",
    "archived": "アーカイブ",
    "history": "変更履歴",
    "at": "日時",
    "who": "変更した人",
    "os_user": "OS のユーザー",
    "item": "項目",
    "field": "欄",
    "old": "変更前",
    "new": "変更後",
    "created_at": "作成日時",
    "updated_at": "更新日時",
    "id": "ID",
}

_ERROR_TEXT = {
    "missing": "必要な項目がありません",
    "extra_forbidden": "知らない項目です（新しい版のアプリで作られたか、手で編集されたファイルかもしれません）",
    "string_type": "文字列である必要があります",
    "string_too_short": "空にはできません",
    "int_type": "整数である必要があります",
    "int_parsing": "整数である必要があります",
    "int_from_float": "整数である必要があります",
    "bool_type": "true または false である必要があります",
    "bool_parsing": "true または false である必要があります",
    "date_type": "日付（YYYY-MM-DD）である必要があります",
    "date_parsing": "日付（YYYY-MM-DD）である必要があります",
    "date_from_datetime_parsing": "日付（YYYY-MM-DD）である必要があります",
    "date_from_datetime_inexact": "日付（YYYY-MM-DD）である必要があります",
    "datetime_type": "日時（YYYY-MM-DDTHH:MM:SS）である必要があります",
    "datetime_parsing": "日時（YYYY-MM-DDTHH:MM:SS）である必要があります",
    "datetime_from_date_parsing": "日時（YYYY-MM-DDTHH:MM:SS）である必要があります",
    "dict_type": "{ } で囲んだ項目の集まりである必要があります",
    "model_type": "{ } で囲んだ項目の集まりである必要があります",
    "model_attributes_type": "{ } で囲んだ項目の集まりである必要があります",
    "list_type": "[ ] で囲んだ一覧である必要があります",
    "greater_than_equal": "値が小さすぎます（0 以上）",
}


def describe_location(loc: tuple[Any, ...]) -> str:
    parts: list[str] = []
    parent: Any = None
    for part in loc:
        if isinstance(part, int):
            parts.append(f"{part + 1} 件目")
        elif parent == "answers":
            parts.append(f"対策 {part}")  # a countermeasure id
        else:
            parts.append(_FIELD_LABELS.get(part, str(part)))
        parent = part
    return " › ".join(parts) if parts else "ファイル全体"


def describe_problem(error: dict[str, Any]) -> str:
    kind = error["type"]
    value = error.get("input")
    if kind == "enum":
        field = error["loc"][-1] if error["loc"] else ""
        enum = _ENUMS.get(field)
        if enum is not None:
            allowed = "、".join(f"{m.value}（{m.label}）" for m in enum)
        else:
            allowed = str(error.get("ctx", {}).get("expected", ""))
        return f"{show_value(value)} は使えない値です。使える値: {allowed}"
    if kind == "value_error" and error["loc"] == ("schema_version",):
        return f"このアプリの形式（第{SCHEMA_VERSION}版）ではありません: {show_value(value)}"
    text = _ERROR_TEXT.get(kind)
    if text is None:
        return f"値が正しくありません（{error.get('msg', kind)}）: {show_value(value)}"
    if kind in ("missing",) or isinstance(value, dict):
        return text
    return f"{text}（いまの値: {show_value(value)}）"


def show_value(value: Any) -> str:
    shown = json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else f'"{value}"'
    return shown if len(shown) <= 40 else shown[:37] + "…"
