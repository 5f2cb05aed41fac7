"""The .xlsx workbooks (issue 13): what a person finds when the file is opened in a spreadsheet
(read back with openpyxl): typed cells, formula-like text kept as text, the heading row frozen
and printed on every page, A4 landscape fitted to the width, the status drop-down; and the
questionnaire's locked and open cells and its hidden identity."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from openpyxl import load_workbook

from haip_desktop.assessment.demo import make_demo_assessment
from haip_desktop.assessment.group import load_group
from haip_desktop.assessment.models import Answer, Status
from haip_desktop.assessment.questionnaire import department_questionnaire, vendor_questionnaire
from haip_desktop.assessment.store import save_assessment
from haip_desktop.report.source_statement import source_statement
from haip_desktop.report.xlsx_export import write_group_xlsx, write_xlsx
from haip_desktop.report.xlsx_questionnaire import write_questionnaire

WRITTEN = dt.date(2026, 12, 4)
FORMULA_LIKE = ['=HYPERLINK("x")', "+81", "-1", "@SUM(A1)", "＝１＋１", "＋8", "－", "＠x"]


@pytest.fixture(scope="module")
def demo(guideline):  # type: ignore[no-untyped-def]
    assessment = make_demo_assessment(guideline, fill=0.6, seed=3)
    first = next(iter(assessment.answers))
    assessment.answers[first] = Answer(
        status=Status.PARTIAL,
        owner="00123",
        note="3/4 に確認",
        evidence=FORMULA_LIKE[0],
        target_date=dt.date(2027, 3, 31),
    )
    return assessment, first


@pytest.fixture(scope="module")
def exported(demo, guideline, tmp_path_factory):  # type: ignore[no-untyped-def]
    assessment, _ = demo
    path = tmp_path_factory.mktemp("xlsx") / "評価.xlsx"
    result = write_xlsx(assessment, guideline, path, written_on=WRITTEN)
    return load_workbook(path), result


def _table(ws):  # type: ignore[no-untyped-def]
    header = [c.value for c in ws[1]]
    return header, {row[0].value: row for row in ws.iter_rows(min_row=2)}


def test_one_sheet_per_part_and_tool_then_the_gap_list_and_the_register(
    exported, demo, guideline
) -> None:
    workbook, result = exported
    assessment, _ = demo
    tools = [t for t in assessment.tools if t.approval.value != "prohibited"]
    assert workbook.sheetnames == [
        "概要",
        "施設の体制",
        *[f"AIツール（{t.name}）"[:31] for t in tools],
        "現場の手順",
        "改善計画",
        "ツール台帳",
    ]
    assert result.sheets == workbook.sheetnames


def test_the_header_block_names_facility_dates_and_data_version(exported, demo, guideline) -> None:
    workbook, _ = exported
    assessment, _ = demo
    block = {
        row[0].value: row[1].value for row in workbook["概要"].iter_rows(min_row=3, max_row=10)
    }
    assert block["施設名"] == assessment.facility.name
    assert block["評価日"] == assessment.assessment_date.isoformat()
    assert block["ガイドラインデータの版"] == (
        f"{guideline.data_version}（評価時: {assessment.guideline.data_version}）"
    )
    assert block["出力日"] == "2026-12-04"
    # What the figures rest on, in the same words as the report's cover and the CSV.
    assert block["項目の出典"] == source_statement(assessment, guideline)
    assert "照合済み" in block["項目の出典"]


def test_cells_are_typed_and_formula_like_text_stays_text(exported, demo) -> None:
    workbook, _ = exported
    _, first = demo
    ws = next(workbook[n] for n in workbook.sheetnames if first in _table(workbook[n])[1])
    header, rows = _table(ws)
    row = {h: c for h, c in zip(header, rows[first], strict=True)}
    assert row["担当者"].value == "00123" and row["担当者"].data_type == "s"
    assert row["担当者"].number_format == "@"  # what is typed there later stays text too
    assert row["備考"].value == "3/4 に確認"
    assert row["目標日"].value == dt.datetime(2027, 3, 31) and row["目標日"].is_date
    assert row["根拠資料"].value == FORMULA_LIKE[0] and row["根拠資料"].data_type == "s"
    assert row["根拠資料"].quotePrefix
    assert row["状況"].value == "一部実施"


def test_every_table_has_a_frozen_heading_printed_on_every_page_in_a4_landscape(
    exported, demo
) -> None:
    workbook, _ = exported
    assessment, _ = demo
    for name in workbook.sheetnames[1:]:
        ws = workbook[name]
        assert ws.freeze_panes == "A2", name
        assert ws.print_title_rows == "$1:$1", name
        assert ws.page_setup.orientation == "landscape", name
        assert int(ws.page_setup.paperSize) == 9  # A4
        assert ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight == 0
        assert ws.sheet_properties.pageSetUpPr.fitToPage
        assert assessment.facility.name in ws.oddHeader.left.text
        assert f"評価日 {assessment.assessment_date.isoformat()}" in ws.oddHeader.right.text
        widths = [ws.column_dimensions[c].width for c in "ABCDEF"]
        assert all(w >= 6 for w in widths), name


def test_status_columns_have_the_five_statuses_as_a_drop_down(exported) -> None:
    workbook, _ = exported
    ws = workbook["施設の体制"]
    header, _ = _table(ws)
    letter = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[header.index("状況")]
    (validation,) = [v for v in ws.data_validations.dataValidation if v.type == "list"]
    assert validation.formula1 == '"実施済,一部実施,未実施,該当なし,未回答"'
    assert str(validation.sqref).startswith(f"{letter}2:{letter}")


def test_formula_like_names_and_notes_are_text_wherever_they_appear(guideline, tmp_path) -> None:
    assessment = make_demo_assessment(guideline, fill=0.5, seed=4)
    for text, answer in zip(FORMULA_LIKE, assessment.answers.values(), strict=False):
        answer.note = text
    assessment.facility.name = "=cmd|' /C calc'!A0 & Co."
    path = tmp_path / "f.xlsx"
    write_xlsx(assessment, guideline, path, written_on=WRITTEN)
    workbook = load_workbook(path)
    values = [
        cell
        for ws in workbook.worksheets
        for row in ws.iter_rows()
        for cell in row
        if isinstance(cell.value, str)
        and cell.value.startswith(("=", "+", "-", "@", "＝", "＋", "－", "＠"))
    ]
    assert set(FORMULA_LIKE) <= {c.value for c in values}
    assert any(c.value.startswith("=cmd|' /C calc'!A0 & Co.") for c in values)
    assert all(c.data_type == "s" and c.quotePrefix for c in values)
    # in a page header "&" starts a code: the name's own is doubled
    assert "=cmd|' /C calc'!A0 && Co." in workbook["概要"].oddHeader.left.text


def test_the_questionnaire_locks_what_the_respondent_must_not_change(guideline, tmp_path) -> None:
    assessment = make_demo_assessment(guideline, fill=0.5, seed=5)
    step = next(s for s in assessment.scope.steps)
    q = department_questionnaire(assessment, guideline, [step])
    path = tmp_path / "q.xlsx"
    assert write_questionnaire(q, path) == len(q.rows)
    workbook = load_workbook(path)
    assert workbook.sheetnames == ["回答", "識別情報"]
    ws, identity = workbook["回答"], workbook["識別情報"]
    assert ws.protection.sheet and not ws.protection.password  # anyone may lift it
    assert identity.sheet_state == "hidden" and identity.protection.sheet
    assert not identity.protection.password
    assert workbook.security.lockStructure and not workbook.security.workbookPassword
    header_row = next(r[0].row for r in ws.iter_rows() if any(c.value == "対策ID" for c in r))
    header = {c.value: c.column for c in ws[header_row]}
    first = header_row + 1
    for heading in ("状況", "確認日", "目標日", "担当者", "備考", "根拠資料", "該当なしの理由"):
        assert not ws.cell(first, header[heading]).protection.locked, heading
    for heading in ("業務ステップ", "職種", "対策ID", "対策名", "対策の内容"):
        assert ws.cell(first, header[heading]).protection.locked, heading
    assert ws.freeze_panes == f"A{first}"
    assert ws.print_title_rows == f"${header_row}:${header_row}"
    labels = [ws.cell(r, 1).value for r in range(1, header_row)]
    assert "記入のしかた" in labels and "回答者" in labels and "回答日" in labels
    respondent = labels.index("回答者") + 1
    assert not ws.cell(respondent, 2).protection.locked
    kinds = {v.type for v in ws.data_validations.dataValidation}
    assert kinds == {"list", "date"}
    keys = [identity.cell(r, 1).value for r in range(1, 6)]
    assert keys == ["形式", "形式の版", "評価のID", "施設", "種類"]
    assert identity.cell(3, 2).value == assessment.id


def test_a_vendor_questionnaire_has_no_step_or_role_columns(guideline, tmp_path) -> None:
    assessment = make_demo_assessment(guideline, fill=0.5, seed=5)
    tool = next(t for t in assessment.tools if t.approval.value != "prohibited")
    path = tmp_path / "v.xlsx"
    write_questionnaire(vendor_questionnaire(assessment, guideline, tool.id), path)
    ws = load_workbook(path)["回答"]
    header = next(
        [c.value for c in r] for r in ws.iter_rows() if any(c.value == "対策ID" for c in r)
    )
    assert header[:3] == ["対策ID", "対策名", "対策の内容"]
    assert "業務ステップ" not in header and "職種" not in header


def test_the_group_workbook_has_shares_as_numbers_and_empty_outside_a_scope(
    guideline, tmp_path
) -> None:
    folder = tmp_path / "group"
    folder.mkdir()
    for seed, name in ((1, "みなと病院"), (2, "つばさクリニック")):
        assessment = make_demo_assessment(guideline, fill=0.5, seed=seed, facility=name)
        save_assessment(assessment, folder / f"{name}.haipeval")
    summary = load_group(sorted(folder.iterdir()), guideline)
    stream = io.BytesIO()
    assert write_group_xlsx(summary, guideline, stream, written_on=WRITTEN) == 2
    workbook = load_workbook(io.BytesIO(stream.getvalue()))
    assert workbook.sheetnames[:5] == [
        "施設",
        "実施率（区分別）",
        "実施率（ユースケース別）",
        "実施率（リスク区分別）",
        "実施率（業務ステップ別）",
    ]
    parts = workbook["実施率（区分別）"]
    assert [c.value for c in parts[1]] == ["施設名", "施設の体制", "AIツール", "現場の手順"]
    names = [parts.cell(r, 1).value for r in range(2, parts.max_row + 1)]
    assert set(names[:-1]) == {"みなと病院", "つばさクリニック"} and names[-1] == "グループ全体"
    share = parts.cell(2, 2)
    assert isinstance(share.value, float) and share.number_format == "0.0%"
    steps = workbook["実施率（業務ステップ別）"]
    empty = [c for row in steps.iter_rows(min_row=2) for c in row[1:] if c.value is None]
    assert empty  # a clinic has no figure for the ward's steps
