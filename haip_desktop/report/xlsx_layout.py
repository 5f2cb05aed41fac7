"""The building blocks of every .xlsx workbook the app writes (openpyxl).

Imported only when a workbook is made (the CLI's --xlsx, the window's Excel actions), never at
start-up. What every sheet gets:

- typed cells: text is text (「00123」 stays 「00123」, the column is formatted as text so that
  what a person types there stays text too), dates are dates, numbers and shares are numbers;
- text that a spreadsheet could take for a formula (=, +, -, @ and their full-width forms,
  csv_export.starts_like_formula) is stored as a text cell marked with Excel's own "text"
  prefix, so it is never evaluated, not even after the cell is edited;
- a bold, tinted heading row, frozen, repeated at the top of every printed page;
- column widths for Japanese text (a kanji is two columns wide), long text wrapped;
- A4 landscape, fitted to the page's width, the facility and date in the page header and
  the page number in the footer.

A workbook is made in memory and written through files.atomic_write_bytes: the file on disk
is either the old one or the whole new one.
"""

from __future__ import annotations

import datetime as dt
import io
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.worksheet import Worksheet

from ..assessment.questionnaire import MAX_CELL_CHARS, STATUS_CHOICES, cell_text
from ..files import atomic_write_bytes
from .csv_export import starts_like_formula

# Shipped with Windows 10 (1809) and later, and the font of the app's PDFs; a PC without it
# shows the spreadsheet's own Japanese font instead.
FONT_NAME = "BIZ UDPゴシック"
FONT_SIZE = 10
DATE_FORMAT = "yyyy/mm/dd"
PERCENT_FORMAT = "0.0%"
TEXT_FORMAT = "@"

_THIN = Side(style="thin", color="A6A6A6")
BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
HEADING_FILL = PatternFill("solid", fgColor="D9D9D9")
# The cells a respondent fills: a light yellow that prints as a light grey.
EDITABLE_FILL = PatternFill("solid", fgColor="FFF2CC")
FONT = Font(name=FONT_NAME, size=FONT_SIZE)
BOLD = Font(name=FONT_NAME, size=FONT_SIZE, bold=True)
TITLE_FONT = Font(name=FONT_NAME, size=14, bold=True)
TOP_WRAPPED = Alignment(vertical="top", wrap_text=True)
TOP = Alignment(vertical="top")
HEADING_ALIGNMENT = Alignment(vertical="center", horizontal="center", wrap_text=True)
UNLOCKED = Protection(locked=False)

_TRUNCATED = "…（表計算ソフトのセルに入りきらないため、以下を省略）"

# Row heights, in points. Spreadsheets do not grow a row for wrapped text in a file they open
# (LibreOffice keeps the default height, the lines overlap), so each row gets the height of
# its longest wrapped cell. A column of width w holds about 1.15 w half-width characters of
# the 10-point font (measured in LibreOffice: about 1.4 w; Excel's unit is a little wider),
# so a cell never shows fewer lines than it has.
LINE_HEIGHT = 13.5
_ROW_PADDING = 3.0
_CHARACTERS_PER_WIDTH = 1.15
MAX_ROW_HEIGHT = 409.0  # the most a spreadsheet row can be


@dataclass(frozen=True)
class Column:
    """One column of a table: its heading, width (in characters of '0'), and kind."""

    heading: str
    width: float
    kind: str = "text"  # text | date | number | percent | status
    wrap: bool = False
    editable: bool = False  # a questionnaire's respondent fills it (unlocked, tinted)


def display_width(text: str) -> int:
    """Columns the text takes: East Asian wide and full-width characters count two."""
    return sum(2 if unicodedata.east_asian_width(c) in ("W", "F") else 1 for c in text)


def lines_needed(text: str, width: float) -> int:
    """How many lines a wrapped cell of this width needs for the text."""
    per_line = max(1.0, (width - 1) * _CHARACTERS_PER_WIDTH)
    return sum(max(1, -(-display_width(part) // int(per_line))) for part in text.split("\n"))


def row_height(lines: int) -> float:
    return min(MAX_ROW_HEIGHT, lines * LINE_HEIGHT + _ROW_PADDING)


def text_value(value: str) -> str:
    """Text for a cell: as questionnaire.cell_text, cut where a cell ends (32,767)."""
    text = cell_text(value)
    if len(text) > MAX_CELL_CHARS:
        text = text[: MAX_CELL_CHARS - len(_TRUNCATED)] + _TRUNCATED
    return text


def put(ws: Worksheet, row: int, column: int, value: Any, kind: str = "text") -> Any:
    """Write one typed cell; returns the cell."""
    cell = ws.cell(row=row, column=column)
    if value is None or value == "":
        cell.value = None
        if kind in ("text", "status"):
            cell.number_format = TEXT_FORMAT
        elif kind == "date":
            cell.number_format = DATE_FORMAT
        return cell
    if kind == "date" or isinstance(value, dt.date):
        cell.value = value
        cell.number_format = DATE_FORMAT
    elif kind == "percent":
        cell.value = float(value)
        cell.number_format = PERCENT_FORMAT
    elif kind == "number" and isinstance(value, int | float):
        cell.value = value
    else:
        text = text_value(str(value))
        cell.value = text
        cell.number_format = TEXT_FORMAT
        if starts_like_formula(text):
            # openpyxl takes a leading "=" for a formula: make it a text cell again, and
            # mark it the way Excel marks text typed after an apostrophe.
            cell.data_type = "s"
            cell.quotePrefix = True
    return cell


def header_text(text: str) -> str:
    """Text for a page header or footer, where "&" starts a code."""
    return cell_text(text).replace("\n", " ").replace("&", "&&")


def setup_page(
    ws: Worksheet, *, left: str, right: str, title_row: int | None, landscape: bool = True
) -> None:
    """A4, fitted to the page's width, the heading row on every page, header and footer."""
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0  # as many pages down as it takes
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_margins = PageMargins(left=0.4, right=0.4, top=0.7, bottom=0.6, header=0.3, footer=0.3)
    if title_row is not None:
        ws.print_title_rows = f"{title_row}:{title_row}"
    # Header and footer fonts are given by codes: the app's font at 9 points.
    font = f'&"{FONT_NAME},Regular"&9'
    ws.oddHeader.left.text = font + header_text(left)
    ws.oddHeader.right.text = font + header_text(right)
    ws.oddFooter.center.text = font + "&P / &N ページ"
    ws.oddFooter.right.text = font + header_text(ws.title)


def write_table(
    ws: Worksheet,
    columns: Sequence[Column],
    rows: Iterable[Sequence[Any]],
    *,
    first_row: int = 1,
    freeze: bool = True,
    autofilter: bool = True,
) -> int:
    """The heading row at ``first_row`` and a row per item below; returns the last row used.

    The heading row is frozen and repeated on every printed page (setup_page with
    title_row=first_row); a status column gets the drop-down of the five statuses.
    """
    for index, column in enumerate(columns, start=1):
        cell = put(ws, first_row, index, column.heading)
        cell.font = BOLD
        cell.fill = HEADING_FILL
        cell.border = BORDER
        cell.alignment = HEADING_ALIGNMENT
        ws.column_dimensions[get_column_letter(index)].width = column.width
    heading_lines = max(lines_needed(c.heading, c.width) for c in columns)
    ws.row_dimensions[first_row].height = row_height(heading_lines)
    last = first_row
    for last, values in enumerate(rows, start=first_row + 1):  # noqa: B007 - last is used
        lines = 1
        for index, (column, value) in enumerate(zip(columns, values, strict=True), start=1):
            cell = put(ws, last, index, value, column.kind)
            cell.font = FONT
            cell.border = BORDER
            cell.alignment = TOP_WRAPPED if column.wrap else TOP
            if column.wrap and isinstance(cell.value, str):
                lines = max(lines, lines_needed(cell.value, column.width))
            if column.editable:
                cell.fill = EDITABLE_FILL
                cell.protection = UNLOCKED
        if lines > 1:
            ws.row_dimensions[last].height = row_height(lines)
    if freeze:
        ws.freeze_panes = ws.cell(row=first_row + 1, column=1)
    if autofilter and last > first_row:
        ws.auto_filter.ref = f"A{first_row}:{get_column_letter(len(columns))}{last}"
    for index, column in enumerate(columns, start=1):
        if column.kind == "status" and last > first_row:
            add_status_choices(ws, f"{get_column_letter(index)}{first_row + 1}", last, index)
    return last


def add_status_choices(ws: Worksheet, top_left: str, last_row: int, column: int) -> None:
    """A drop-down of the five statuses on one column, from ``top_left`` to ``last_row``."""
    letter = get_column_letter(column)
    validation = DataValidation(
        type="list",
        formula1='"' + ",".join(STATUS_CHOICES) + '"',
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="状況",
        error="状況は一覧から選んでください（" + "・".join(STATUS_CHOICES) + "）。",
        showInputMessage=True,
        promptTitle="状況",
        prompt="一覧から選んでください。",
    )
    ws.add_data_validation(validation)
    validation.add(f"{top_left}:{letter}{last_row}")


def add_date_check(ws: Worksheet, cells: str) -> None:
    """Dates only (2000–2100) in a range of cells, with a message in Japanese."""
    validation = DataValidation(
        type="date",
        operator="between",
        formula1="DATE(2000,1,1)",
        formula2="DATE(2100,12,31)",
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="日付",
        error="日付を 2026/12/01 のように入力してください。",
    )
    ws.add_data_validation(validation)
    validation.add(cells)


def write_header_block(
    ws: Worksheet,
    lines: Sequence[tuple[str, str]],
    *,
    first_row: int,
    text_columns: int = 1,
    text_width: float = 0,
) -> int:
    """Lines of (label, text) at the top of a sheet; a line with an empty label is one
    sentence across the sheet. A text wider than ``text_width`` (characters) is wrapped in
    cells merged over ``text_columns`` columns, so a long sentence or a committee's comment
    prints whole. Returns the first row after the block."""
    row = first_row
    for label, text in lines:
        if label:
            put(ws, row, 1, label).font = BOLD
            cell = put(ws, row, 2, text)
            cell.font = FONT
            if text_columns > 1 and text_width and display_width(text) > text_width:
                ws.merge_cells(
                    start_row=row, start_column=2, end_row=row, end_column=1 + text_columns
                )
                cell.alignment = Alignment(wrap_text=True, vertical="top")
                ws.row_dimensions[row].height = row_height(lines_needed(text, text_width))
        else:
            cell = put(ws, row, 1, text)
            cell.font = FONT
            cell.alignment = Alignment(wrap_text=False, vertical="top")
        row += 1
    return row


def sheet_title(text: str, taken: Iterable[str]) -> str:
    """A sheet name of at most 31 characters without []:*?/\\, unlike the names taken."""
    name = "".join(c for c in cell_text(text) if c not in "[]:*?/\\").strip("'") or "シート"
    used = {t.casefold() for t in taken}
    candidate = name[:31]
    number = 2
    while candidate.casefold() in used:
        suffix = f"（{number}）"
        candidate = name[: 31 - len(suffix)] + suffix
        number += 1
    return candidate


def new_workbook(title: str) -> Workbook:
    workbook = Workbook()
    workbook.properties.creator = "HAIP Desktop"
    workbook.properties.title = cell_text(title)
    return workbook


def workbook_bytes(workbook: Workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def write_workbook(workbook: Workbook, target: str | Path | IO[bytes]) -> None:
    """Save to a path (atomically: the old file or the whole new one) or a binary stream."""
    data = workbook_bytes(workbook)
    if isinstance(target, str | Path):
        atomic_write_bytes(target, data)
    else:
        target.write(data)
