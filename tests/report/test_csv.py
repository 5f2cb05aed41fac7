"""The CSV's bytes: what Excel on Japanese Windows and LibreOffice need."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import pytest

from haip_desktop.assessment.models import Answer, Scope, Status
from haip_desktop.assessment.scope import items_in_scope
from haip_desktop.assessment.scoring import overall
from haip_desktop.report import write_csv
from haip_desktop.report.csv_export import HEADER, header_block
from haip_desktop.report.source_statement import source_figures, source_statement


def _all_rows(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def _rows(data: bytes) -> list[list[str]]:
    """The table: its header row and the rows under it (after the header block)."""
    rows = _all_rows(data)
    return rows[rows.index(HEADER) :]


def test_bom_crlf_and_japanese_header(tmp_path, half_assessment, small_guideline) -> None:
    path = tmp_path / "out.csv"
    count = write_csv(half_assessment, small_guideline, path)
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    block = len(header_block(half_assessment, small_guideline, dt.date.today())) + 1
    assert data.count(b"\r\n") == block + count + 1  # no line breaks inside these fields
    assert data.endswith(b"\r\n")
    assert b"\n" not in data.replace(b"\r\n", b"")
    header = data[3:].split(b"\r\n")[block].decode("utf-8")
    assert header.split(",") == HEADER
    assert header.startswith("区分,対象,職種,対策ID,対策名,対策の内容,立場")


def test_the_header_block_says_what_the_items_rest_on(half_assessment, small_guideline) -> None:
    """Above the table: facility, dates, and the same sentence as the PDF's cover, with the
    figures of the data; an empty line, then the table's header."""
    half_assessment.committee_comment = "契約の確認を急ぐこと"
    buffer = io.BytesIO()
    write_csv(half_assessment, small_guideline, buffer, dt.date(2026, 12, 10))
    rows = _all_rows(buffer.getvalue())
    block = dict(row for row in rows[: rows.index([])])
    assert rows[rows.index([]) + 1] == HEADER
    assert block["施設名"] == half_assessment.facility.name
    assert block["評価日"] == half_assessment.assessment_date.isoformat()
    assert block["出力日"] == "2026-12-10"
    assert block["総評・所見"] == "契約の確認を急ぐこと"
    figures = source_figures(half_assessment, small_guideline)
    statement = block["項目の出典"]
    assert statement == source_statement(half_assessment, small_guideline)
    assert f"評価対象の項目 {figures.items} 件" in statement
    assert f"照合済みは {figures.verified} 件（未照合 {figures.unverified} 件）" in statement
    assert f"本アプリ独自の整理による項目は {figures.own} 件" in statement


ID = HEADER.index("対策ID")


def test_one_row_per_item_in_scope(assessment_factory, small_guideline) -> None:
    assessment = assessment_factory(small_guideline, fill=0.5, scope=Scope(use_cases=["UC-03"]))
    buffer = io.BytesIO()
    count = write_csv(assessment, small_guideline, buffer)
    rows = _rows(buffer.getvalue())
    items = items_in_scope(assessment, small_guideline)
    assert 0 < count == len(items) < len(small_guideline.countermeasures) * 2
    assert [(r[ID], r[1]) for r in rows[1:] if r[0] != "業務ステップ"] == [
        (i.countermeasure_id, i.tool.name if i.tool else "")
        for i in items
        if i.tool or i.part.value == "facility"
    ]
    status = [r[HEADER.index("状況")] for r in rows[1:]]
    assert status == [i.answer_in(assessment).status.label for i in items]
    assert "未回答" in status


def test_each_row_says_its_part_and_what_it_is_for(assessment_factory, small_guideline) -> None:
    """区分 and 対象: a tool-level countermeasure has a row per tool naming the tool; a step
    action is one row naming its steps in scope and the roles that act there."""
    assessment = assessment_factory(
        small_guideline, fill=1.0, scope=Scope(steps=["ST-OUT-02", "ST-OUT-03"])
    )
    buffer = io.BytesIO()
    write_csv(assessment, small_guideline, buffer)
    header, *rows = _rows(buffer.getvalue())
    parts = [r[0] for r in rows]
    assert parts == sorted(parts, key=["施設全体", "AIツール", "業務ステップ"].index)
    assert set(parts) == {"施設全体", "AIツール", "業務ステップ"}
    tool_rows = [r for r in rows if r[0] == "AIツール"]
    names = {t.name for t in assessment.tools}
    assert {r[1] for r in tool_rows} == names  # both tools (T-1 at ST-IN-05, T-2 at ST-OUT-03)
    first_tool_cm = tool_rows[0][ID]
    assert sorted(r[1] for r in tool_rows if r[ID] == first_tool_cm) == sorted(names)
    by_id = {r[ID]: r for r in rows if r[0] == "業務ステップ"}
    # C-STEP-022 is done at 問診 and 診察 (both in scope): one row naming both steps
    assert by_id["C-STEP-022"][1] == "外来診療 › 問診、外来診療 › 診察"
    roles = small_guideline.countermeasure("C-STEP-022").roles
    assert roles and by_id["C-STEP-022"][2] == "、".join(r.value for r in roles)
    # C-STEP-012 is done at 受付 and 問診; only 問診 is in scope
    assert by_id["C-STEP-012"][1] == "外来診療 › 問診"
    assert all(r[1] == "" and r[2] == "" for r in rows if r[0] == "施設全体")


def test_fields_with_commas_quotes_and_newlines_are_quoted(full_assessment, small_guideline):
    cm = small_guideline.countermeasures[0]
    full_assessment.answers[cm.id] = Answer(
        status=Status.PARTIAL,
        owner="佐藤, 鈴木",
        note='「要確認」と "注意"\n2行目',
        evidence="規程,第5条",
    )
    buffer = io.BytesIO()
    write_csv(full_assessment, small_guideline, buffer)
    data = buffer.getvalue().decode("utf-8-sig")
    assert '"佐藤, 鈴木"' in data
    assert '"「要確認」と ""注意""\n2行目"' in data
    assert '"規程,第5条"' in data
    row = next(r for r in _rows(buffer.getvalue()) if r[ID] == cm.id)
    assert row[HEADER.index("備考")] == '「要確認」と "注意"\n2行目'
    assert row[HEADER.index("担当者")] == "佐藤, 鈴木"
    assert row[HEADER.index("状況")] == "一部実施"


def test_text_that_looks_like_a_formula_stays_text(full_assessment, small_guideline) -> None:
    cm = small_guideline.countermeasures[0]
    full_assessment.answers[cm.id] = Answer(status=Status.DONE, note='=HYPERLINK("x")')
    buffer = io.BytesIO()
    write_csv(full_assessment, small_guideline, buffer)
    row = next(r for r in _rows(buffer.getvalue()) if r[ID] == cm.id)
    assert row[HEADER.index("備考")] == '\'=HYPERLINK("x")'


def test_dates_are_iso_for_spreadsheets(full_assessment, small_guideline) -> None:
    buffer = io.BytesIO()
    write_csv(full_assessment, small_guideline, buffer)
    rows = _rows(buffer.getvalue())
    cm_id = rows[1][ID]
    confirmed = full_assessment.answer(cm_id).confirmed_on
    assert rows[1][HEADER.index("確認日")] == confirmed.isoformat()


def test_group_csv_keeps_formula_like_names_as_text(tmp_path, guideline) -> None:
    from haip_desktop.assessment import save_assessment
    from haip_desktop.assessment.demo import make_demo_assessment
    from haip_desktop.assessment.group import load_group
    from haip_desktop.report.group_report import write_group_csv

    name = '=HYPERLINK("http://evil","x")'
    assessment = make_demo_assessment(guideline, fill=0.5, seed=1, facility=name, scope_all=True)
    source = tmp_path / "@x.json"
    save_assessment(assessment, source)
    buffer = io.BytesIO()
    assert write_group_csv(load_group([source], guideline), guideline, buffer) == 1
    data = buffer.getvalue()
    assert data.startswith(b"\xef\xbb\xbf") and data.endswith(b"\r\n")
    header, row = _all_rows(data)
    assert row[0] == "'" + name
    assert row[header.index("ファイル")] == "'@x.json"
    assert row[header.index("評価対象の項目数")] == str(overall(assessment, guideline).total)
    assert float(row[header.index("回答率(%)")]) > 0  # numbers stay numbers


def test_the_app_has_one_csv_writer() -> None:
    package = Path(__file__).resolve().parents[2] / "haip_desktop"
    writers = sorted(
        path.relative_to(package).as_posix()
        for path in package.rglob("*.py")
        if "csv.writer(" in path.read_text(encoding="utf-8")
        or "utf-8-sig" in path.read_text(encoding="utf-8")
    )
    assert writers == ["report/csv_export.py"]


@pytest.mark.parametrize("start", ["＝", "＋", "－", "＠", "=", "+", "-", "@"])
def test_full_width_formula_starts_are_kept_as_text_too(start: str) -> None:
    """Issue 14: Japanese Excel reads a cell starting with a full-width ＝ as a formula."""
    from haip_desktop.report.csv_export import cell_text

    assert cell_text(f"{start}SUM(A1:A9)") == f"'{start}SUM(A1:A9)"
    assert cell_text(f"A{start}1") == f"A{start}1"
