"""The assessment as CSV: one row per countermeasure in scope, for Excel and LibreOffice.

UTF-8 with a byte-order mark and CRLF line endings, so Excel on Japanese Windows opens it
without garbling; fields with commas, quotes or line breaks are quoted. Text a person typed
that starts like a formula (=, +, -, @) gets a leading apostrophe so a spreadsheet shows it
as text instead of evaluating it.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import IO

from ..assessment.atomic import atomic_write_bytes
from ..assessment.models import Assessment
from ..assessment.scope import countermeasures_in_scope
from ..guideline import Guideline
from .text import clean

HEADER = [
    "対策ID",
    "対策名",
    "対策の内容",
    "立場",
    "段階",
    "リスク区分",
    "ユースケース",
    "状況",
    "該当なしの理由",
    "実施主体",
    "担当者",
    "確認日",
    "目標日",
    "備考",
    "根拠資料",
    "要再確認",
    "前回から引継ぎ",
    "出典",
]

_FORMULA_STARTS = ("=", "+", "-", "@")


def user_field(value: str) -> str:
    value = clean(value)
    return "'" + value if value.startswith(_FORMULA_STARTS) else value


def rows(assessment: Assessment, guideline: Guideline) -> list[list[str]]:
    result = []
    for cm in countermeasures_in_scope(assessment, guideline):
        answer = assessment.answer(cm.id)
        result.append(
            [
                cm.id,
                cm.title,
                cm.text,
                cm.perspective.label,
                cm.phase.label,
                "、".join(guideline.risk_category(rc).name for rc in cm.risk_categories),
                "、".join(cm.use_cases),
                answer.status.label,
                user_field(answer.na_reason),
                answer.actor.label if answer.actor else "",
                user_field(answer.owner),
                answer.confirmed_on.isoformat() if answer.confirmed_on else "",
                answer.target_date.isoformat() if answer.target_date else "",
                user_field(answer.note),
                user_field(answer.evidence),
                "要再確認" if answer.needs_review else "",
                "引継ぎ（未確認）" if answer.carried_over else "",
                guideline.provenance_of(cm).describe(),
            ]
        )
    return result


def to_bytes(assessment: Assessment, guideline: Guideline) -> tuple[bytes, int]:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(HEADER)
    body = rows(assessment, guideline)
    writer.writerows(body)
    return buffer.getvalue().encode("utf-8-sig"), len(body)


def write_csv(assessment: Assessment, guideline: Guideline, path: str | Path | IO[bytes]) -> int:
    data, count = to_bytes(assessment, guideline)
    if isinstance(path, str | Path):
        atomic_write_bytes(path, data)
    else:
        path.write(data)
    return count
