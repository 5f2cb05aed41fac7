"""Printed summaries of an assessment: a reportlab PDF and a CSV export (plain Python, no Qt).

Importing this package is cheap: reportlab is imported only when a report is made.

    result = render_pdf(assessment, guideline, "summary.pdf", ReportOptions(layout="full"))
    write_csv(assessment, guideline, "summary.csv")
    missing = check_glyphs(assessment)   # before printing: characters the font lacks
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import IO, TYPE_CHECKING

from .glyphs import check_glyphs
from .options import (
    ALL_SECTIONS,
    Era,
    GroupBy,
    Layout,
    Marking,
    MissingGlyph,
    ReportOptions,
    ReportResult,
    Section,
)

if TYPE_CHECKING:
    from ..assessment.models import Assessment
    from ..guideline import Guideline

Progress = Callable[[int, int], None]


def render_pdf(
    assessment: Assessment,
    guideline: Guideline,
    path_or_file: str | Path | IO[bytes],
    options: ReportOptions | None = None,
    progress: Progress | None = None,
) -> ReportResult:
    """Write the summary as an A4 PDF; progress(done, total) is called as it is laid out.

    A path is written atomically (the whole PDF or nothing); an exception raised by
    `progress` cancels the report. May run in a worker thread (one report at a time).
    """
    from .pdf import render_pdf as _render

    return _render(assessment, guideline, path_or_file, options or ReportOptions(), progress)


def write_csv(
    assessment: Assessment,
    guideline: Guideline,
    path: str | Path | IO[bytes],
    today: dt.date | None = None,
) -> int:
    """Write a header block (facility, dates, what the items rest on, 総評・所見), then one
    row per item in scope (UTF-8 with BOM, CRLF); returns the row count. ``today``: the
    出力日 (default: today)."""
    from .csv_export import write_csv as _write

    return _write(assessment, guideline, path, today)


__all__ = [
    "ALL_SECTIONS",
    "Era",
    "GroupBy",
    "Layout",
    "Marking",
    "MissingGlyph",
    "Progress",
    "ReportOptions",
    "ReportResult",
    "Section",
    "check_glyphs",
    "render_pdf",
    "write_csv",
]
