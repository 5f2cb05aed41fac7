"""The assessment and the group figures as .xlsx workbooks (openpyxl, imported when written).

The assessment's workbook, one sheet each:

- 概要: the header block (header_lines: the CSV's header block — facility, dates, the
  guideline and data version, what the items rest on, the committee's comment — with the
  assessors), 回答率 and 実施率 by part, by tool and overall, and how they are counted;
- 施設の体制, one AIツール sheet per tool of the register that is answered for, 現場の手順:
  one row per item (scope.items_in_scope), as the CSV has them, with typed cells;
- 改善計画: the gap list (scoring.gap_list), most important first;
- ツール台帳: the register of generative-AI tools.

The group's workbook: the facilities' figures by part, use case, risk category and workflow
step (実施率 as numbers formatted as percentages, empty outside a facility's scope), the
countermeasures most often missing, and the files that could not be read.

Every sheet follows xlsx_layout: typed cells, text that looks like a formula stored as text,
a frozen heading row repeated on every printed page, A4 landscape fitted to the width, the
facility and date in the page header.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from openpyxl import Workbook
from openpyxl.styles import Alignment
from openpyxl.worksheet.worksheet import Worksheet

from ..assessment.group import GroupSummary
from ..assessment.models import AITool, Assessment
from ..assessment.parts import PARTS, AssessmentItem, Part
from ..assessment.scope import answering_tools, items_in_scope, steps_in_scope
from ..assessment.scoring import FORMULAS, Tally, gap_list, tally
from ..guideline import Guideline
from .csv_export import header_block, target_of
from .group_columns import coverage_columns
from .xlsx_layout import (
    BOLD,
    FONT,
    TITLE_FONT,
    Column,
    new_workbook,
    put,
    setup_page,
    sheet_title,
    write_header_block,
    write_table,
    write_workbook,
)

HeaderLine = tuple[str, str]  # (label, text); an empty label: one sentence across the sheet

# -- the header block ---------------------------------------------------------------------------


def header_lines(
    assessment: Assessment, guideline: Guideline, written_on: dt.date
) -> list[HeaderLine]:
    """The lines of the workbook's header block (sheet 概要): the CSV's header block (one
    place for what the file is about and what it rests on), with the assessors."""
    lines: list[HeaderLine] = header_block(assessment, guideline, written_on)
    if assessment.assessors:
        lines.insert(2, ("評価者", "、".join(assessment.assessors)))
    return lines


# -- the assessment ---------------------------------------------------------------------------

_ITEM_COLUMNS = [
    Column("対策ID", 11),
    Column("対策名", 22, wrap=True),
    Column("対策の内容", 38, wrap=True),
    Column("リスク区分", 14, wrap=True),
    Column("状況", 9, "status"),
    Column("該当なしの理由", 14, wrap=True),
    Column("実施主体", 9),
    Column("担当者", 11, wrap=True),
    Column("確認日", 11, "date"),
    Column("目標日", 11, "date"),
    Column("備考", 26, wrap=True),
    Column("根拠資料", 18, wrap=True),
    Column("確認が必要", 10, wrap=True),
    Column("出典", 16, wrap=True),
]
_STEP_COLUMNS = [Column("業務ステップ", 16, wrap=True), Column("職種", 10, wrap=True)]


@dataclass(frozen=True)
class WorkbookResult:
    sheets: list[str]
    rows: int  # items written on the part sheets


def _item_values(assessment: Assessment, guideline: Guideline, item: AssessmentItem) -> list[Any]:
    cm = item.countermeasure
    answer = item.answer_in(assessment)
    attention = [
        text
        for flag, text in (
            (answer.needs_review, "要再確認"),
            (answer.carried_over, "引継ぎ（未確認）"),
        )
        if flag
    ]
    return [
        cm.id,
        cm.title,
        cm.text,
        "、".join(guideline.risk_category(rc).name for rc in cm.risk_categories),
        answer.status.label,
        answer.na_reason,
        answer.actor.label if answer.actor else "",
        answer.owner,
        answer.confirmed_on,
        answer.target_date,
        answer.note,
        answer.evidence,
        "、".join(attention),
        guideline.provenance_of(cm).describe(),
    ]


def assessment_workbook(
    assessment: Assessment, guideline: Guideline, *, written_on: dt.date | None = None
) -> tuple[Workbook, WorkbookResult]:
    written_on = written_on or dt.date.today()
    workbook = new_workbook(f"生成AI利用に関する自己評価 {assessment.facility.name}")
    items = items_in_scope(assessment, guideline)
    page_left = assessment.facility.name
    page_right = f"評価日 {assessment.assessment_date.isoformat()}　作成 {written_on.isoformat()}"
    summary = workbook.active
    assert summary is not None
    summary.title = "概要"
    _summary_sheet(summary, assessment, guideline, items, written_on)
    setup_page(summary, left=page_left, right=page_right, title_row=None)

    in_scope = set(steps_in_scope(assessment, guideline))
    rows = 0

    def part_sheet(title: str, part_items: Sequence[AssessmentItem], steps: bool) -> None:
        nonlocal rows
        ws = workbook.create_sheet(sheet_title(title, workbook.sheetnames))
        columns = (_STEP_COLUMNS if steps else []) + _ITEM_COLUMNS
        body = []
        for item in part_items:
            values = _item_values(assessment, guideline, item)
            if steps:
                roles = "、".join(r.label for r in item.countermeasure.roles)
                values = [target_of(item, guideline, in_scope), roles, *values]
            body.append(values)
        _table_or_none(
            ws, columns, body, "評価の範囲に、この区分の項目はありません。", page_left, page_right
        )
        rows += len(body)

    part_sheet(Part.FACILITY.part_label, [i for i in items if i.part is Part.FACILITY], False)
    tools = answering_tools(assessment)
    for tool in tools:
        part_sheet(f"AIツール（{tool.name}）", [i for i in items if i.tool_id == tool.id], False)
    if not tools:
        part_sheet(Part.TOOL.part_label, [], False)
    part_sheet(Part.STEP.part_label, [i for i in items if i.part is Part.STEP], True)
    _gap_sheet(workbook, assessment, guideline, written_on, page_left, page_right)
    _register_sheet(workbook, assessment, guideline, items, page_left, page_right)
    return workbook, WorkbookResult(list(workbook.sheetnames), rows)


def _summary_sheet(
    ws: Worksheet,
    assessment: Assessment,
    guideline: Guideline,
    items: list[AssessmentItem],
    written_on: dt.date,
) -> None:
    put(ws, 1, 1, "生成AI利用に関する自己評価").font = TITLE_FONT
    # The text spans the nine columns of the table below (74 characters wide).
    row = write_header_block(
        ws,
        header_lines(assessment, guideline, written_on),
        first_row=3,
        text_columns=9,
        text_width=70,
    )
    columns = [
        Column("区分", 30, wrap=True),
        Column("評価対象の項目", 10, "number"),
        Column("回答済", 8, "number"),
        Column("回答率", 8, "percent"),
        Column("実施済", 8, "number"),
        Column("一部実施", 8, "number"),
        Column("未実施", 8, "number"),
        Column("該当なし", 8, "number"),
        Column("未回答", 8, "number"),
        Column("実施率", 8, "percent"),
    ]
    lines: list[tuple[str, Tally]] = [
        (part.part_label, tally(assessment, (i for i in items if i.part is part))) for part in PARTS
    ]
    tools = answering_tools(assessment)
    lines += [
        (f"AIツール: {tool.name}", tally(assessment, (i for i in items if i.tool_id == tool.id)))
        for tool in tools
    ]
    lines.append(("全体", tally(assessment, items)))
    body = [
        [
            label,
            t.total,
            t.answered,
            t.progress,
            t.done,
            t.partial,
            t.not_done,
            t.not_applicable,
            t.unanswered,
            t.coverage if t.applicable else None,
        ]
        for label, t in lines
    ]
    table_row = row + 1
    last = write_table(ws, columns, body, first_row=table_row, freeze=False, autofilter=False)
    for cell in ws[last]:
        cell.font = BOLD
    for tool_row in range(table_row + 1 + len(PARTS), table_row + 1 + len(PARTS) + len(tools)):
        ws.cell(tool_row, 1).alignment = Alignment(indent=1, vertical="top", wrap_text=True)
    row = last + 2
    for key in ("items", "progress", "coverage"):
        cell = put(ws, row, 1, FORMULAS[key])
        cell.font = FONT
        cell.alignment = Alignment(wrap_text=False)
        row += 1


def _gap_sheet(
    workbook: Workbook,
    assessment: Assessment,
    guideline: Guideline,
    written_on: dt.date,
    page_left: str,
    page_right: str,
) -> None:
    ws = workbook.create_sheet(sheet_title("改善計画", workbook.sheetnames))
    gaps = gap_list(assessment, guideline, today=written_on)
    in_scope = set(steps_in_scope(assessment, guideline))
    columns = [
        Column("重大度", 7),
        Column("期限", 8),
        Column("区分", 10),
        Column("対象", 18, wrap=True),
        Column("対策ID", 11),
        Column("対策名", 26, wrap=True),
        Column("状況", 9, "status"),
        Column("担当者", 12, wrap=True),
        Column("目標日", 11, "date"),
        Column("備考", 34, wrap=True),
    ]
    body = [
        [
            gap.severity.label if gap.severity is not None else "",
            "期限切れ" if gap.overdue else "",
            gap.item.part.label,
            target_of(gap.item, guideline, in_scope),
            gap.countermeasure.id,
            gap.countermeasure.title,
            gap.answer.status.label,
            gap.answer.owner,
            gap.answer.target_date,
            gap.answer.note,
        ]
        for gap in gaps
    ]
    _table_or_none(ws, columns, body, "未実施・一部実施の項目はありません。", page_left, page_right)


def _register_sheet(
    workbook: Workbook,
    assessment: Assessment,
    guideline: Guideline,
    items: list[AssessmentItem],
    page_left: str,
    page_right: str,
) -> None:
    ws = workbook.create_sheet(sheet_title("ツール台帳", workbook.sheetnames))
    known = {s.id for s in guideline.steps}
    columns = [
        Column("ID", 6),
        Column("ツール名", 22, wrap=True),
        Column("提供元", 16, wrap=True),
        Column("設置形態", 11),
        Column("使う業務ステップ", 30, wrap=True),
        Column("患者情報の入力", 10),
        Column("承認状況", 9),
        Column("責任者", 12, wrap=True),
        Column("メモ", 30, wrap=True),
        Column("回答済", 8, "number"),
        Column("対象の項目", 9, "number"),
    ]

    def step_names(tool: AITool) -> str:
        return "、".join(guideline.step_path(s) if s in known else s for s in tool.steps)

    body = []
    for tool in assessment.tools:
        t = tally(assessment, (i for i in items if i.tool_id == tool.id))
        body.append(
            [
                tool.id,
                tool.name,
                tool.vendor,
                tool.deployment.label,
                step_names(tool),
                tool.patient_data.label,
                tool.approval.label,
                tool.owner,
                tool.note,
                t.answered,
                t.total,
            ]
        )
    _table_or_none(
        ws, columns, body, "生成AIツール台帳に登録されたツールはありません。", page_left, page_right
    )


def _table_or_none(
    ws: Worksheet,
    columns: list[Column],
    body: list[list[Any]],
    none: str,
    page_left: str,
    page_right: str,
) -> None:
    """The sheet's table with its print setup, or the sentence ``none`` when it has no rows."""
    if body:
        write_table(ws, columns, body)
        setup_page(ws, left=page_left, right=f"{ws.title}　{page_right}", title_row=1)
    else:
        put(ws, 1, 1, none).font = FONT
        setup_page(ws, left=page_left, right=page_right, title_row=None)


def write_xlsx(
    assessment: Assessment,
    guideline: Guideline,
    target: str | Path | IO[bytes],
    *,
    written_on: dt.date | None = None,
) -> WorkbookResult:
    """Write the assessment's workbook (a path atomically)."""
    workbook, result = assessment_workbook(assessment, guideline, written_on=written_on)
    write_workbook(workbook, target)
    return result


# -- the group ----------------------------------------------------------------------------------


def group_header_lines(summary: GroupSummary, written_on: dt.date) -> list[HeaderLine]:
    lines: list[HeaderLine] = [
        ("読み込んだファイル", f"{summary.files_read} 件"),
        ("施設", f"{len(summary.facilities)} 施設"),
        ("読み込めなかったファイル", f"{len(summary.unreadable)} 件"),
        ("集計に使ったデータ版", summary.data_version),
        ("作成日", written_on.isoformat()),
    ]
    note = summary.version_note()
    if note:
        lines.append(("", note))
    return lines


_AXES = (
    ("part", "区分別"),
    ("use_case", "ユースケース別"),
    ("risk_category", "リスク区分別"),
    ("step", "業務ステップ別"),
)


def group_workbook(
    summary: GroupSummary, guideline: Guideline, *, written_on: dt.date | None = None
) -> Workbook:
    written_on = written_on or dt.date.today()
    workbook = new_workbook("グループ集計")
    page_left = "グループ集計"
    page_right = f"データ版 {summary.data_version}　作成 {written_on.isoformat()}"
    ws = workbook.active
    assert ws is not None
    ws.title = "施設"
    put(ws, 1, 1, "グループ集計").font = TITLE_FONT
    row = write_header_block(ws, group_header_lines(summary, written_on), first_row=3)
    facility_columns = [
        Column("施設名", 30, wrap=True),
        Column("種別", 8),
        Column("評価日", 11, "date"),
        Column("データ版", 12),
        Column("ファイル", 24, wrap=True),
        Column("評価対象の項目", 10, "number"),
        Column("回答率", 8, "percent"),
        Column("実施率", 8, "percent"),
    ]
    total = summary.total()
    body: list[list[Any]] = [
        [
            f.name,
            f.kind.label,
            f.assessment_date,
            f.data_version,
            f.path.name,
            f.overall.total,
            f.overall.progress,
            f.overall.coverage if f.overall.applicable else None,
        ]
        for f in summary.facilities
    ]
    body.append(
        [
            "グループ全体",
            "",
            None,
            "",
            "",
            total.total,
            total.progress,
            total.coverage if total.applicable else None,
        ]
    )
    first = row + 1
    last = write_table(ws, facility_columns, body, first_row=first, freeze=False, autofilter=False)
    for cell in ws[last]:
        cell.font = BOLD
    ws.freeze_panes = ws.cell(row=first + 1, column=1)
    setup_page(ws, left=page_left, right=page_right, title_row=first)

    columns = coverage_columns(guideline)
    for axis, title in _AXES:
        chosen = [(key, label) for a, key, label in columns if a == axis]
        sheet = workbook.create_sheet(sheet_title(f"実施率（{title}）", workbook.sheetnames))
        table_columns = [Column("施設名", 26, wrap=True)] + [
            Column(label, 9, "percent", wrap=True) for _, label in chosen
        ]
        totals = summary.totals(axis)
        rows = [
            [f.name, *(_share(getattr(f, f"by_{axis}").get(key)) for key, _ in chosen)]
            for f in summary.facilities
        ]
        rows.append(["グループ全体", *(_share(totals.get(key)) for key, _ in chosen)])
        last = write_table(sheet, table_columns, rows)
        for cell in sheet[last]:
            cell.font = BOLD
        setup_page(sheet, left=page_left, right=f"{sheet.title}　{page_right}", title_row=1)

    missing = summary.most_missing(50)
    if missing:
        sheet = workbook.create_sheet(sheet_title("多く未実施の対策", workbook.sheetnames))
        write_table(
            sheet,
            [
                Column("順位", 6, "number"),
                Column("対策ID", 12),
                Column("対策名", 40, wrap=True),
                Column("未実施・未回答の施設", 12, "number", wrap=True),
                Column("一部実施の施設", 10, "number", wrap=True),
                Column("対象の施設", 10, "number"),
            ],
            [
                [rank, m.countermeasure_id, m.title, m.missing, m.partial, m.in_scope]
                for rank, m in enumerate(missing, start=1)
            ],
        )
        setup_page(sheet, left=page_left, right=f"{sheet.title}　{page_right}", title_row=1)
    if summary.unreadable:
        sheet = workbook.create_sheet(sheet_title("読み込めなかったファイル", workbook.sheetnames))
        write_table(
            sheet,
            [Column("ファイル", 50, wrap=True), Column("理由", 70, wrap=True)],
            [[str(u.path), u.reason] for u in summary.unreadable],
        )
        setup_page(sheet, left=page_left, right=f"{sheet.title}　{page_right}", title_row=1)
    return workbook


def _share(t: Tally | None) -> float | None:
    return t.coverage if t is not None and t.applicable else None


def write_group_xlsx(
    summary: GroupSummary,
    guideline: Guideline,
    target: str | Path | IO[bytes],
    *,
    written_on: dt.date | None = None,
) -> int:
    """Write the group's workbook (a path atomically); returns the number of facilities."""
    write_workbook(group_workbook(summary, guideline, written_on=written_on), target)
    return len(summary.facilities)
