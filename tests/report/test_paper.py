"""Readable on paper: no page holding one lone table row or line, ids never broken and never
alone, names of people and 「第12条」 kept whole, the order of the improvement plan, and the
summary's first page read title first."""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
import subprocess

import pytest
from reportlab.platypus import Paragraph

from haip_desktop.assessment.models import Answer, Status
from haip_desktop.assessment.scoring import gap_list
from haip_desktop.report import ReportOptions, Section, render_pdf
from haip_desktop.report.document import ReportDocument
from haip_desktop.report.kinsoku import keep_whole, next_line_start
from haip_desktop.report.styles import styles
from haip_desktop.report.tables import MIN_ROWS, ReportTable

from .conftest import flat


def _lines(paragraph: Paragraph) -> list[str]:
    para = paragraph.blPara
    if para.kind == 1:
        return ["".join(frag.text for frag in line.words) for line in para.lines]
    return ["".join(line[1]) for line in para.lines]


def _wrapped(markup: str, width: float) -> list[str]:
    paragraph = Paragraph(markup, styles().cell)
    paragraph.wrap(width, 10_000)
    return _lines(paragraph)


@pytest.mark.parametrize(
    ("text", "whole"),
    [
        ("入力禁止情報の一覧を定める C-LAWPMD-41", "C-LAWPMD-41"),
        ("院内の生成AI利用規程第12条に定める手順", "第12条"),
        ("目標日 2026/12/16 まで", "2026/12/16"),
        ("研修は令和8年度に150件実施", "150件"),
    ],
)
def test_ids_dates_and_numbered_terms_are_never_broken(text: str, whole: str) -> None:
    for width in range(80, 200, 3):  # from the width of the longest run
        lines = _wrapped(text, width)
        assert "".join(lines).replace(" ", "") == text.replace(" ", "")
        assert any(whole in line for line in lines), (width, lines)


def test_a_person_is_broken_only_between_words() -> None:
    for width in range(40, 120, 2):
        lines = _wrapped(keep_whole("看護師長 高橋 美紀"), width)
        assert "".join(lines).replace(" ", "") == "看護師長高橋美紀", (width, lines)
        for word in ("看護師長", "高橋", "美紀"):
            assert any(word in line for line in lines), (width, lines)


def test_keep_whole_leaves_markup_and_entities_alone() -> None:
    marked = keep_whole("佐藤 &amp; 鈴木<br/>田中")
    assert "&amp;" in marked and "<br/>" in marked
    assert "".join(_wrapped(marked, 200)) == "佐藤 & 鈴木田中"


@pytest.mark.parametrize(
    ("text", "end", "expected"),
    [
        ("規程第12条", 4, 2),  # 「1」 does not fit: 「第12条」 moves down whole
        ("IDはC-IP-01", 7, 3),  # inside the id: the id moves down whole
        ("C-LAWPMD-41", 5, 4),  # an id longer than the line is cut where it fills
    ],
)
def test_next_line_start_keeps_runs_whole(text: str, end: int, expected: int) -> None:
    assert next_line_start(text, 0, end) == expected


# -- pages ------------------------------------------------------------------------------------


@pytest.fixture
def placed(monkeypatch):  # type: ignore[no-untyped-def]
    """Every ReportTable drawn, with its page, and the ids of those that are parts of a split."""
    drawn: list[tuple[int, ReportTable]] = []
    parts: set[int] = set()
    after, split = ReportDocument.afterFlowable, ReportTable.split

    def record(self, flowable):  # type: ignore[no-untyped-def]
        if isinstance(flowable, ReportTable):
            drawn.append((self.page, flowable))
        after(self, flowable)

    def split_and_note(self, width, height):  # type: ignore[no-untyped-def]
        result = split(self, width, height)
        parts.update(id(part) for part in result)
        return result

    monkeypatch.setattr(ReportDocument, "afterFlowable", record)
    monkeypatch.setattr(ReportTable, "split", split_and_note)
    return drawn, parts


def _many_gaps(assessment_factory, small_guideline, seed: int):  # type: ignore[no-untyped-def]
    """Gaps with notes of many lengths, so that tables break at many places."""
    assessment = assessment_factory(small_guideline, fill=1.0, seed=seed)
    for index, cm in enumerate(small_guideline.countermeasures):
        if index % 3:
            assessment.answers[cm.id] = Answer(
                status=Status.NOT_DONE,
                owner="看護部 鈴木",
                note="確認中の事項。" * (1 + (index * seed) % 9),
                target_date=dt.date(2026, 12, 1),
            )
    return assessment


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
def test_no_page_holds_a_single_row_of_a_broken_table(
    placed, assessment_factory, small_guideline, seed: int
) -> None:
    drawn, parts = placed
    assessment = _many_gaps(assessment_factory, small_guideline, seed)
    out = io.BytesIO()
    result = render_pdf(assessment, small_guideline, out, ReportOptions(include_notes=seed % 2))
    assert result.page_count > 5
    broken = [(page, table) for page, table in drawn if id(table) in parts]
    assert broken, "nothing was split: the test proves nothing"
    for page, table in broken:
        rows = len(table._cellvalues) - table.header_rows
        assert rows >= MIN_ROWS, (page, rows)


def test_no_page_holds_a_single_line(assessment_factory, small_guideline, read_pdf) -> None:
    """Every page has more than its header, its page number and one line of text."""
    for seed in (1, 2, 3):
        assessment = _many_gaps(assessment_factory, small_guideline, seed)
        out = io.BytesIO()
        render_pdf(assessment, small_guideline, out, ReportOptions(print_date=dt.date(2026, 12, 1)))
        pages = read_pdf(io.BytesIO(out.getvalue()))
        for number, text in enumerate(pages, start=1):
            lines = [line for line in text.splitlines() if line.strip()]
            body = lines[1:-1]  # without the running header and the page number
            assert len(body) >= 3, (seed, number, lines)


def test_ids_are_printed_beside_names_never_alone(render, half_assessment, small_guideline):
    _, _, pages = render(half_assessment, small_guideline)
    titles = {cm.id: cm.title for cm in small_guideline.countermeasures}
    for page in pages:
        for line in page.splitlines():
            if re.fullmatch(r"\s*C-[A-Z]+-\d+\s*", line):
                pytest.fail(f"an id alone on a line: {line!r}")
    text = flat("".join(pages))
    detail = text[text.index("3.対策ごとの評価結果") :]
    for cm_id, title in list(titles.items())[:10]:
        if cm_id in detail:
            assert flat(title) + cm_id in detail  # the name first, its id after it


def test_the_improvement_plan_has_a_severity_column_in_gap_list_order(render, guideline) -> None:
    from haip_desktop.assessment.demo import make_demo_assessment
    from haip_desktop.assessment.parts import Part

    assessment = make_demo_assessment(guideline, fill=0.8, seed=4, as_of=dt.date(2025, 6, 1))
    today = dt.date(2026, 6, 1)
    gaps = [g for g in gap_list(assessment, guideline, today=today) if g.item.part is Part.FACILITY]
    severities = {g.severity for g in gaps}
    assert len(severities) > 1 and any(g.overdue for g in gaps) and not all(g.overdue for g in gaps)
    _, _, pages = render(assessment, guideline, sections={Section.GAPS}, print_date=today)
    text = flat("".join(pages))
    facility = text[text.index("施設の体制（") : text.index("AIツール｜")]
    assert facility.startswith(f"施設の体制（{len(gaps)}件）対策重大度状況")
    positions = [facility.index(g.countermeasure.id) for g in gaps]
    assert positions == sorted(positions)  # as gap_list orders them
    first = gaps[0]
    row = facility[positions[0] :]
    assert row.startswith(f"{first.countermeasure.id}")
    assert first.severity is not None and first.severity.label in row[:80]
    overdue = next(g for g in gaps if g.overdue)
    start = facility.index(overdue.countermeasure.id)
    assert "期限超過" in facility[start : start + 160]


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs pdftotext (poppler-utils)")
def test_the_summary_reads_title_first_then_the_approval_box(
    render, half_assessment, small_guideline
) -> None:
    """Text extraction that follows the layout (pdftotext, screen readers) used to interleave
    the title block with the approval box beside it."""
    _, path, _ = render(half_assessment, small_guideline, layout="summary")
    text = subprocess.run(
        ["pdftotext", "-f", "1", "-l", "1", str(path), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    title = lines.index("生成AI利用に関する自己評価報告書")
    approval = lines.index("承認欄")
    assert title < lines.index("要約版（委員会用）") < approval
    assert lines.index(half_assessment.facility.name) < approval


def test_short_cells_are_drawn_whole_and_long_names_still_break_between_words(
    small_guideline, full_assessment
) -> None:
    from haip_desktop.report.detail import WIDTHS
    from haip_desktop.report.render_context import ReportContext
    from haip_desktop.report.report_content import gather

    options = ReportOptions()
    content = gather(full_assessment, small_guideline, options.group_by, options.date)
    ctx = ReportContext.create(full_assessment, small_guideline, options, content)
    owner_width = WIDTHS[3]
    # One line that fits its column: drawn by the table as it is (the font's 〓 for 𠮷).
    assert ctx.cell("外来 看護師長", "cell", owner_width, person=True) == "外来 看護師長"
    assert ctx.cell("𠮷田 看護師長", "cell", owner_width, person=True) == "〓田 看護師長"
    # Too long, or a line break the writer typed: a paragraph, which wraps.
    long = "医療情報部 システム担当 主任 佐々木 由美子"
    assert isinstance(ctx.cell("外来\n看護師長", "cell", owner_width, person=True), Paragraph)
    cell = ctx.cell(long, "cell", owner_width, person=True)
    assert isinstance(cell, Paragraph)
    cell.wrap(owner_width - 6, 10_000)  # the column less its padding
    lines = _lines(cell)
    assert len(lines) > 1
    assert " ".join(line.strip() for line in lines) == long  # broken at spaces only
