"""Importing the answers of a 1,000-row questionnaire (issue 13: under a second).

The data: a guideline whose one workflow step has 1,000 step-level countermeasures (each
with a title and a two-sentence text), an assessment of that step, and its department
questionnaire filled in with openpyxl (a status, an owner and a note on every row) and
written to disk. Two rows:

- read, check and preview: ``read_answers`` — the safe read of the file, unpacking and
  parsing the workbook (openpyxl, read-only mode), checking every row, comparing each with
  the assessment;
- the whole import: the same, then ``apply_answers`` (1,000 answers changed through the
  editing functions, each with its history entries) and the store's atomic save with its
  backup.

openpyxl is imported before the samples (a person's first import of a session pays about
0.1 s more for it).
"""

from __future__ import annotations

import io

from openpyxl import load_workbook

from haip_desktop.assessment.answer_import import apply_answers, read_answers
from haip_desktop.assessment.models import Assessment
from haip_desktop.assessment.questionnaire import department_questionnaire
from haip_desktop.assessment.store import save_assessment
from haip_desktop.guideline import Guideline
from haip_desktop.report.xlsx_layout import workbook_bytes
from haip_desktop.report.xlsx_questionnaire import questionnaire_workbook

# The same data as the correctness test at 1,000 rows (python -m benchmarks runs from the
# repository's root, where tests/ is importable).
from tests.answer_import_data import thousand_items

from .harness import Row, timed
from .workbench import Workbench

ROWS = 1000


def filled_questionnaire(guideline: Guideline, assessment: Assessment) -> bytes:
    """The department questionnaire with every row answered, as the respondent returns it."""
    data = workbook_bytes(
        questionnaire_workbook(department_questionnaire(assessment, guideline, ["ST-1"]))
    )
    workbook = load_workbook(io.BytesIO(data))
    ws = workbook["回答"]
    header = next(r for r in ws.iter_rows() if any(c.value == "対策ID" for c in r))
    columns = {c.value: c.column for c in header if c.value}
    for number in range(1, header[0].row):
        if ws.cell(number, 1).value == "回答者":
            ws.cell(number, 2).value = "3階東病棟 看護師長"
    statuses = ["実施済", "一部実施", "未実施", "未回答"]
    for offset in range(ROWS):
        row = header[0].row + 1 + offset
        ws.cell(row, columns["状況"]).value = statuses[offset % 4]
        ws.cell(row, columns["担当者"]).value = f"看護師 {offset % 37}"
        ws.cell(row, columns["備考"]).value = "夜勤帯を含めて周知し、月1回の病棟会で確認している。"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def measure(bench: Workbench) -> list[Row]:
    guideline, assessment = thousand_items()
    folder = bench.folder / "answers"
    folder.mkdir()
    answers = folder / "病棟の回答.xlsx"
    answers.write_bytes(filled_questionnaire(guideline, assessment))
    target = folder / "評価.haipeval"
    save_assessment(assessment, target)
    runs = bench.samples(bench.runs)

    def preview() -> None:
        result = read_answers(answers, assessment, guideline)
        assert result.can_apply and len(result.changes) > ROWS // 2

    def whole_import() -> None:
        result = read_answers(answers, assessment, guideline)
        updated, _ = apply_answers(result, assessment, importer="評価者")
        save_assessment(updated, target)

    preview()  # openpyxl imported, the file in the page cache
    size = f"{answers.stat().st_size / 1024:.0f} KB"
    return [
        Row(
            "answers_preview_1000",
            f"read, check and preview a {ROWS:,}-row questionnaire ({size})",
            timed(preview, runs),
            max_median=1.0,
            note="read_answers(): safe read, unzip, openpyxl read-only, every row checked",
        ),
        Row(
            "answers_import_1000",
            f"import its {ROWS:,} rows: preview, apply, atomic save",
            timed(whole_import, runs),
            max_median=1.0,
            note="read_answers() + apply_answers() (history per change) + save_assessment()",
        ),
    ]
