"""A questionnaire as an .xlsx workbook (assessment/questionnaire.py says what is asked).

The sheet 回答: a title, whom and what it asks, instructions in Japanese, the respondent's
name and the date of answering, then the table: the columns the respondent fills (状況 with a
drop-down, 確認日 and 目標日 as dates, 担当者, 備考, 根拠資料, 該当なしの理由) are tinted and
unlocked; everything else is locked by sheet protection without a password (anyone may lift
it, nothing is hidden from IT; it only keeps the table's shape from being changed by
accident).

The sheet 識別情報: the questionnaire's identity (questionnaire.identity_rows), hidden and
protected the same way; the workbook's structure is protected too, so that a sheet is not
added, renamed or deleted by accident. answer_import.py reads both back.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import IO

from openpyxl import Workbook
from openpyxl.styles import Alignment
from openpyxl.utils import get_column_letter
from openpyxl.workbook.protection import WorkbookProtection
from openpyxl.worksheet.worksheet import Worksheet

from ..assessment.questionnaire import (
    ANSWER_FIELDS,
    ANSWER_SHEET,
    ANSWERED_ON_LABEL,
    ID_COLUMN,
    IDENTITY_SHEET,
    RESPONDENT_LABEL,
    Questionnaire,
    QuestionnaireKind,
    QuestionnaireRow,
    identity_rows,
)
from .xlsx_layout import (
    BOLD,
    BORDER,
    EDITABLE_FILL,
    FONT,
    TITLE_FONT,
    UNLOCKED,
    Column,
    add_date_check,
    new_workbook,
    put,
    setup_page,
    write_table,
    write_workbook,
)

_ANSWER_COLUMNS = {
    "status": Column("状況", 10, "status", editable=True),
    "confirmed_on": Column("確認日", 11.5, "date", editable=True),
    "target_date": Column("目標日", 11.5, "date", editable=True),
    "owner": Column("担当者", 12, wrap=True, editable=True),
    "note": Column("備考", 28, wrap=True, editable=True),
    "evidence": Column("根拠資料", 20, wrap=True, editable=True),
    "na_reason": Column("該当なしの理由", 18, wrap=True, editable=True),
}

INSTRUCTIONS = (
    "黄色の欄に記入してください。ほかの欄と表の形は変えないでください"
    "（シートは保護していますが、パスワードはありません）。",
    "「状況」は一覧から選びます: 実施済／一部実施／未実施／該当なし／未回答。",
    "「該当なし」を選んだときは、「該当なしの理由」を必ず書いてください。",
    "日付は 2026/12/01 のように入力します。「目標日」は、まだ実施していない対策をいつまでに"
    "行う予定かです。",
    "患者さんの氏名・ID など、個人を特定できる情報は書かないでください。",
    "記入が終わったら「回答者」と「回答日」を書き、このファイルを評価の担当者へ返してください。"
    "シート・行・列を足したり消したりすると、取り込めなくなります。",
)
_ABOUT = {
    QuestionnaireKind.DEPARTMENT: "表の対策は、その業務ステップで、示した職種の職員が行うことです。"
    "部署での実際の運用をお答えください。",
    QuestionnaireKind.VENDOR: "表の対策は、このAIツールについて提供元（ベンダー）または"
    "情報システム部門が行うことです。製品と契約の実際をお答えください。",
}


def _columns(kind: QuestionnaireKind) -> list[Column]:
    if kind is QuestionnaireKind.DEPARTMENT:
        fixed = [
            Column("業務ステップ", 16, wrap=True),
            Column("職種", 10, wrap=True),
            Column(ID_COLUMN, 11),
            Column("対策名", 22, wrap=True),
            Column("対策の内容", 40, wrap=True),
        ]
    else:
        fixed = [
            Column(ID_COLUMN, 11),
            Column("対策名", 22, wrap=True),
            Column("対策の内容", 44, wrap=True),
        ]
    return fixed + [_ANSWER_COLUMNS[f.name] for f in ANSWER_FIELDS]


def _row_values(kind: QuestionnaireKind, row: QuestionnaireRow) -> list[object]:
    cm = row.item.countermeasure
    fixed: list[object] = [cm.id, cm.title, cm.text]
    if kind is QuestionnaireKind.DEPARTMENT:
        fixed = [row.steps, row.roles, *fixed]
    written = row.written
    return fixed + [
        written.status.label if f.name == "status" else getattr(written, f.name)
        for f in ANSWER_FIELDS
    ]


def questionnaire_workbook(questionnaire: Questionnaire) -> Workbook:
    workbook = new_workbook(questionnaire.title)
    ws = workbook.active
    assert ws is not None
    ws.title = ANSWER_SHEET
    kind = questionnaire.kind
    identity = questionnaire.identity
    written = identity.written_at.date().isoformat()

    put(ws, 1, 1, questionnaire.title).font = TITLE_FONT
    facts = [
        ("施設", questionnaire.facility.name),
        ("対象", questionnaire.target),
        ("作成日", written),
        ("データ版", f"{identity.data_version}（ガイドライン {identity.guideline_id}）"),
    ]
    row = 2
    for label, text in facts:
        put(ws, row, 1, label).font = BOLD
        put(ws, row, 2, text).font = FONT
        row += 1
    row += 1
    put(ws, row, 1, "記入のしかた").font = BOLD
    row += 1
    for number, sentence in enumerate((_ABOUT[kind], *INSTRUCTIONS), start=1):
        put(ws, row, 1, f"{number}. {sentence}").font = FONT
        row += 1
    row += 1
    _answer_box(ws, row, RESPONDENT_LABEL, "text")
    _answer_box(ws, row + 1, ANSWERED_ON_LABEL, "date")
    add_date_check(ws, f"B{row + 1}")
    header_row = row + 3

    columns = _columns(kind)
    last = write_table(
        ws,
        columns,
        (_row_values(kind, r) for r in questionnaire.rows),
        first_row=header_row,
        autofilter=False,  # a protected sheet's filter cannot be used
    )
    for index, column in enumerate(columns, start=1):
        if column.kind == "date" and last > header_row:
            letter = get_column_letter(index)
            add_date_check(ws, f"{letter}{header_row + 1}:{letter}{last}")
    setup_page(
        ws,
        left=f"{questionnaire.facility.name}　{questionnaire.target}",
        right=f"{questionnaire.title}　作成 {written}",
        title_row=header_row,
    )
    ws.protection.sheet = True  # no password
    ws.protection.formatColumns = False  # widths and heights may be changed
    ws.protection.formatRows = False

    identity = dataclasses.replace(identity, header_row=header_row)
    hidden = workbook.create_sheet(IDENTITY_SHEET)
    for number, values in enumerate(identity_rows(identity), start=1):
        for column_number, value in enumerate(values, start=1):
            put(hidden, number, column_number, value).font = FONT
    for letter, width in (("A", 18), ("B", 40), ("C", 22)):
        hidden.column_dimensions[letter].width = width
    hidden.sheet_state = "hidden"
    hidden.protection.sheet = True
    workbook.security = WorkbookProtection(lockStructure=True)  # no password
    return workbook


def _answer_box(ws: Worksheet, row: int, label: str, kind: str) -> None:
    """A label and the tinted, unlocked cell the respondent fills beside it."""
    put(ws, row, 1, label).font = BOLD
    cell = put(ws, row, 2, None, kind)
    cell.font = FONT
    cell.fill = EDITABLE_FILL
    cell.border = BORDER
    cell.protection = UNLOCKED
    cell.alignment = Alignment(vertical="top")
    if kind == "text":  # room for a department and a name
        ws.merge_cells(start_row=row, start_column=2, end_row=row, end_column=4)


def write_questionnaire(questionnaire: Questionnaire, target: str | Path | IO[bytes]) -> int:
    """Write the questionnaire (a path atomically); returns the number of items asked."""
    write_workbook(questionnaire_workbook(questionnaire), target)
    return len(questionnaire.rows)
