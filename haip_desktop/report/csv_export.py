"""The app's one CSV writer, and the assessment as CSV (one row per item in scope).

The assessment's CSV starts with a header block (施設名, 評価日, 出力日, the guideline, what
the items rest on — report/source_statement.py, the same sentence as on the PDF's cover —
and the committee's 総評・所見), one label and value a line, then an empty line; then the
table. The table has one row per item (scope.items_in_scope), part by part: 区分 says
施設全体, AIツール or 業務ステップ; 対象 names the tool of an AIツール row (a tool-level
countermeasure has one row per tool) or the steps in scope of a 業務ステップ row (answered
once, shown under each of them), with the roles that act there in 職種.

Every CSV the app writes (this one and the group view's) goes through write_table():
UTF-8 with a byte-order mark and CRLF line endings, so Excel on Japanese Windows opens it
without garbling; fields with commas, quotes or line breaks are quoted. Text that starts
like a formula (=, +, -, @, or their full-width forms ＝＋－＠), such as a facility named
=HYPERLINK(...), gets a leading apostrophe so a spreadsheet shows it as text instead of
evaluating it (starts_like_formula: the rule the .xlsx workbooks follow too). Numbers are
passed as numbers and written as they are.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import IO

from ..assessment.models import Assessment
from ..assessment.parts import AssessmentItem, Part
from ..assessment.scope import items_in_scope, steps_in_scope
from ..files import atomic_write_bytes
from ..guideline import Guideline
from .data_version import LABEL as DATA_VERSION_LABEL
from .data_version import data_version_text
from .source_statement import source_statement
from .text import clean

HEADER = [
    "区分",
    "対象",
    "職種",
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

# Japanese Excel reads the full-width forms as the ASCII ones when a cell starts with them.
FORMULA_STARTS = ("=", "+", "-", "@", "＝", "＋", "－", "＠")

Cell = str | int | float


def starts_like_formula(text: str) -> bool:
    """Whether a spreadsheet could take this text for a formula (the one rule, for the CSV
    and the .xlsx workbooks: the CSV puts an apostrophe before it, a workbook stores it as
    text marked as such)."""
    return text.startswith(FORMULA_STARTS)


def cell_text(value: Cell) -> str:
    """A cell as written: text cleaned and kept from being read as a formula."""
    if isinstance(value, int | float):
        return str(value)
    value = clean(value)
    return "'" + value if starts_like_formula(value) else value


def table_bytes(
    header: Sequence[str],
    body: Iterable[Sequence[Cell]],
    preamble: Sequence[Sequence[Cell]] = (),
) -> bytes:
    """The CSV file's bytes: BOM, CRLF, quoting where needed, every cell through cell_text.

    ``preamble``: lines before the table (a header block), then an empty line."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    if preamble:
        writer.writerows([cell_text(c) for c in row] for row in preamble)
        writer.writerow([])
    writer.writerow([cell_text(c) for c in header])
    writer.writerows([cell_text(c) for c in row] for row in body)
    return buffer.getvalue().encode("utf-8-sig")


def write_table(
    header: Sequence[str],
    body: Sequence[Sequence[Cell]],
    target: str | Path | IO[bytes],
    preamble: Sequence[Sequence[Cell]] = (),
) -> int:
    """Write a CSV table to a path (atomically) or a binary stream; returns the row count
    (of the table, without the header block)."""
    data = table_bytes(header, body, preamble)
    if isinstance(target, str | Path):
        atomic_write_bytes(target, data)
    else:
        target.write(data)
    return len(body)


def rows(assessment: Assessment, guideline: Guideline) -> list[list[str]]:
    in_scope = set(steps_in_scope(assessment, guideline))
    result = []
    for item in items_in_scope(assessment, guideline):
        cm = item.countermeasure
        answer = item.answer_in(assessment)
        result.append(
            [
                item.part.label,
                target_of(item, guideline, in_scope),
                "、".join(role.label for role in cm.roles),
                cm.id,
                cm.title,
                cm.text,
                cm.perspective.label,
                cm.phase.label,
                "、".join(guideline.risk_category(rc).name for rc in cm.risk_categories),
                "、".join(cm.use_cases),
                answer.status.label,
                answer.na_reason,
                answer.actor.label if answer.actor else "",
                answer.owner,
                answer.confirmed_on.isoformat() if answer.confirmed_on else "",
                answer.target_date.isoformat() if answer.target_date else "",
                answer.note,
                answer.evidence,
                "要再確認" if answer.needs_review else "",
                "引継ぎ（未確認）" if answer.carried_over else "",
                guideline.provenance_of(cm).describe(),
            ]
        )
    return result


def target_of(item: AssessmentItem, guideline: Guideline, steps_in_scope: set[str]) -> str:
    """対象: the tool's name (AIツール), the steps in scope as 「入院 › 看護記録」 (業務ステップ)."""
    if item.tool is not None:
        return item.tool.name
    if item.part is Part.STEP:
        return "、".join(
            guideline.step_path(s.id)
            for s in guideline.steps_of(item.countermeasure)
            if s.id in steps_in_scope
        )
    return ""


def header_block(
    assessment: Assessment, guideline: Guideline, today: dt.date
) -> list[tuple[str, str]]:
    """(label, value) lines above the table: what the file is about and what it rests on."""
    return [
        ("施設名", assessment.facility.name),
        ("評価日", assessment.assessment_date.isoformat()),
        ("出力日", today.isoformat()),
        ("基にしたガイドライン", f"{guideline.title} 第{guideline.edition}版"),
        (DATA_VERSION_LABEL, data_version_text(assessment, guideline)),
        ("項目の出典", source_statement(assessment, guideline)),
        ("総評・所見", assessment.committee_comment),
    ]


def write_csv(
    assessment: Assessment,
    guideline: Guideline,
    path: str | Path | IO[bytes],
    today: dt.date | None = None,
) -> int:
    """The assessment's CSV (header block, then the table); returns the number of rows
    (items). ``today`` is the 出力日 of the header block (default: today)."""
    block = header_block(assessment, guideline, today or dt.date.today())
    return write_table(HEADER, rows(assessment, guideline), path, preamble=block)
