"""Filling a questionnaire the way a respondent's spreadsheet would, with openpyxl (issue 13).

    data = fill(questionnaire_bytes, {"C-5": {"状況": "実施済", "備考": "周知した"}})

Cells are addressed by the item's 対策ID and the column's heading; ``edit(ws, rows, columns)``
changes anything else (a row added, an id rewritten). The result is the workbook's bytes.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

Edit = Callable[[Worksheet, dict[str, int], dict[str, int]], None]


def layout(ws: Worksheet) -> tuple[int, dict[str, int], dict[str, int]]:
    """(heading row, column by heading, row by 対策ID) of the answer sheet."""
    header = next(r for r in ws.iter_rows() if any(c.value == "対策ID" for c in r))
    columns = {str(c.value): c.column for c in header if c.value}
    header_row = header[0].row
    rows = {
        str(ws.cell(r, columns["対策ID"]).value): r
        for r in range(header_row + 1, ws.max_row + 1)
        if ws.cell(r, columns["対策ID"]).value
    }
    return header_row, columns, rows


def fill(
    source: bytes | Path,
    answers: Mapping[str, Mapping[str, Any]] | None = None,
    *,
    respondent: str | None = "3階東病棟 看護師長 山田",
    answered_on: dt.date | None = dt.date(2026, 12, 10),
    edit: Edit | None = None,
) -> bytes:
    data = source.read_bytes() if isinstance(source, Path) else source
    workbook = load_workbook(io.BytesIO(data))
    ws = workbook["回答"]
    header_row, columns, rows = layout(ws)
    for number in range(1, header_row):
        label = ws.cell(number, 1).value
        if label == "回答者" and respondent is not None:
            ws.cell(number, 2).value = respondent
        elif label == "回答日" and answered_on is not None:
            ws.cell(number, 2).value = answered_on
    for cm_id, values in (answers or {}).items():
        for heading, value in values.items():
            ws.cell(rows[cm_id], columns[heading]).value = value
    if edit is not None:
        edit(ws, rows, columns)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# -- what a respondent can do wrong ------------------------------------------------------------


def _set(heading: str, value: object, which: int = 0) -> Callable[[str, str], Edit]:
    """An edit that puts ``value`` into the column ``heading`` of the first (0) or second (1)
    item's row."""

    def edit_for(first: str, second: str) -> Edit:
        def edit(ws: Worksheet, rows: dict[str, int], columns: dict[str, int]) -> None:
            ws.cell(rows[(first, second)[which]], columns[heading]).value = value

        return edit

    return edit_for


def _below(heading: str, value: object) -> Callable[[str, str], Edit]:
    def edit_for(first: str, second: str) -> Edit:
        def edit(ws: Worksheet, rows: dict[str, int], columns: dict[str, int]) -> None:
            ws.cell(max(rows.values()) + 1, columns[heading]).value = value

        return edit

    return edit_for


@dataclass(frozen=True)
class BadRow:
    edit: Callable[[str, str], Edit]  # (first item's id, second item's id) -> the edit
    column: str  # the column the problem names
    says: str  # what its message says
    where: str = "first"  # the row named: the first item's, the second's, or "below" the table

    def row(self, rows: dict[str, int], first: str, second: str) -> int:
        return {"first": rows[first], "second": rows[second], "below": max(rows.values()) + 1}[
            self.where
        ]


# Every kind of bad row, for a questionnaire with at least two items; the second is answered
# correctly by the tests, so that a refused file would otherwise change something.
BAD_ROWS: dict[str, BadRow] = {
    "status not in the list": BadRow(
        _set("状況", "済み"), "状況", "「済み」は選べる状況ではありません"
    ),
    "a date that is not one": BadRow(
        _set("確認日", "来週"), "確認日", "「来週」は日付として読めません"
    ),
    "an impossible date": BadRow(_set("目標日", "2026/2/30"), "目標日", "日付として読めません"),
    "a date out of range": BadRow(
        _set("目標日", dt.date(1900, 1, 1)), "目標日", "範囲（2000〜2100 年）の外"
    ),
    "該当なし without a reason": BadRow(
        _set("状況", "該当なし"), "該当なしの理由", "該当しない理由が必要"
    ),
    "a formula": BadRow(_set("備考", "=1+1"), "備考", "数式は使えません"),
    "an unknown id": BadRow(
        _set("対策ID", "C-99"), "対策ID", "「C-99」は、この質問票で尋ねた対策ではありません"
    ),
    "the same item twice": BadRow(
        lambda first, second: _set("対策ID", first, which=1)(first, second),
        "対策ID",
        "同じ対策の行がもう1つあります",
        where="second",
    ),
    "a row added without an id": BadRow(
        _below("備考", "追記"), "対策ID", "対策IDがありません", where="below"
    ),
}


# -- a file damaged on its way back ------------------------------------------------------------


def damaged(data: bytes, how: str) -> bytes:
    """The workbook with its answer sheet's XML damaged: "cut" (its second half lost) or
    "date cell" (the 回答者 cell marked as a date, t="d", holding text)."""
    ws = load_workbook(io.BytesIO(data))["回答"]
    respondent = next(f"B{r}" for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == "回答者")
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                if how == "cut":
                    content = content[: len(content) // 2]
                else:
                    start = content.index(f'<c r="{respondent}"'.encode())
                    end = content.index(b">", start) + 1
                    if content[end - 2 : end] != b"/>":
                        end = content.index(b"</c>", start) + len(b"</c>")
                    cell = f'<c r="{respondent}" t="d"><v>not-a-date</v></c>'.encode()
                    content = content[:start] + cell + content[end:]
            target.writestr(info, content)
    return out.getvalue()
