"""Pydantic validation errors told in Japanese: which field (by its label) and what is wrong."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from .labels import ENUM_FIELDS, FIELD_LABELS
from .models import DUPLICATE_ID, SCHEMA_VERSION

if TYPE_CHECKING:
    from pydantic_core import ErrorDetails

Location = tuple[int | str, ...]  # where pydantic found a problem: keys and list positions

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


def describe_location(loc: Location, within: str = "") -> str:
    """A pydantic error location as people read it: 回答 › 対策 C-01 › 状況.

    ``within`` is the field path of the model that was validated when it is not the whole
    file (``"answers"`` for an Answer, ``"tools"`` for an AITool …).
    """
    parts: list[str] = []
    for index, part in enumerate(loc):
        key = _key_kind(loc, index)
        if isinstance(part, int):
            parts.append(f"{part + 1} 件目")
        elif key == "tool":
            parts.append(f"ツール {part}")
        elif key == "countermeasure":
            parts.append(f"対策 {part}")
        else:
            parts.append(FIELD_LABELS.get(field_path(loc[: index + 1], within), str(part)))
    return " › ".join(parts) if parts else "ファイル全体"


def _key_kind(loc: Location, index: int) -> str:
    """Whether loc[index] is a dict key holding an id: 'countermeasure', 'tool' or ''.

    ``answers`` is keyed by countermeasure id; ``tool_answers`` by tool id, then by
    countermeasure id.
    """
    if index >= 1 and loc[index - 1] == "answers":
        return "countermeasure"
    if index >= 1 and loc[index - 1] == "tool_answers":
        return "tool"
    if index >= 2 and loc[index - 2] == "tool_answers":
        return "countermeasure"
    return ""


def field_path(loc: Location, within: str = "") -> str:
    """The field path of a location (list positions and ids left out):
    ``("answers", "C-01", "status")`` → ``answers.status``; a tool's answer has the fields of
    any answer: ``("tool_answers", "T-1", "C-01", "status")`` → ``answers.status``."""
    names = [within] if within else []
    for index, part in enumerate(loc):
        if isinstance(part, int) or _key_kind(loc, index):
            continue
        names.append(str(part))
    if len(names) > 1 and names[0] == "tool_answers":
        names[0] = "answers"
    return ".".join(names)


def describe_problem(error: ErrorDetails, within: str = "") -> str:
    kind = error["type"]
    value = error.get("input")
    if kind == "enum":
        enum = ENUM_FIELDS.get(field_path(tuple(error["loc"]), within))
        if enum is not None:
            allowed = "、".join(f"{m.value}（{m.label}）" for m in enum)
        else:
            allowed = str(error.get("ctx", {}).get("expected", ""))
        return f"{show_value(value)} は使えない値です。使える値: {allowed}"
    if kind == DUPLICATE_ID:
        return str(error["msg"])  # already says which id, in Japanese
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
