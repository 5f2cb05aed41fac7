"""The PDF as a file: bookmarks for every section and part, metadata that says which report
it is, and the handling mark on every page."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from pypdf import PdfReader

from haip_desktop.report import Marking, ReportOptions, render_pdf

from .conftest import flat


def _outline(reader: PdfReader) -> list[tuple[int, str, int]]:
    """(level, title, page number from 1) of every bookmark, in order."""
    found: list[tuple[int, str, int]] = []

    def walk(entries, level: int) -> None:  # type: ignore[no-untyped-def]
        for entry in entries:
            if isinstance(entry, list):
                walk(entry, level + 1)
            else:
                found.append((level, entry.title, reader.get_destination_page_number(entry) + 1))

    walk(reader.outline, 0)
    return found


def _read(assessment, guideline, **options) -> PdfReader:  # type: ignore[no-untyped-def]
    options.setdefault("print_date", dt.date(2026, 11, 25))
    buffer = io.BytesIO()
    render_pdf(assessment, guideline, buffer, ReportOptions(**options))
    return PdfReader(io.BytesIO(buffer.getvalue()))


def test_the_full_report_has_a_bookmark_for_every_section_part_and_group(
    half_assessment, small_guideline
) -> None:
    reader = _read(half_assessment, small_guideline)
    outline = _outline(reader)
    titles = [title for _, title, _ in outline]
    top = [title for level, title, _ in outline if level == 0]
    assert top == [
        "表紙",
        "1. 概要",
        "2. 改善計画（未実施・一部実施の対策）",
        "3. 対策ごとの評価結果（業務ステップ別）",
        "付録A. 該当なしとした対策（適用宣言）",
        "付録B. 生成AIツール台帳",
        "付録C. 数値の計算方法",
        "付録D. 出典",
    ]
    for part in ("3.1 施設の体制", "3.2 AIツール", "3.3 現場の手順"):
        assert (1, part) in [(level, title) for level, title, _ in outline]
    for tool in half_assessment.tools:  # each tool's block of results, under 3.2
        assert any(level == 2 and title.startswith(tool.name) for level, title, _ in outline)
    assert "区分別" in titles and "業務ステップ別（現場の手順）" in titles
    # each bookmark opens the page where its heading is printed
    pages = [page.extract_text() for page in reader.pages]
    for _, title, number in outline:
        if title != "表紙":
            assert flat(title) in flat(pages[number - 1]), (title, number)
    assert [number for _, _, number in outline] == sorted(number for _, _, number in outline)


def test_the_summary_has_bookmarks_too(half_assessment, small_guideline) -> None:
    reader = _read(half_assessment, small_guideline, layout="summary")
    assert [(title[:3], page) for _, title, page in _outline(reader)] == [
        ("要約:", 1),
        ("要約:", 2),
    ]


def test_each_kind_of_report_says_what_it_is_in_its_metadata(
    half_assessment, small_guideline
) -> None:
    facility = half_assessment.facility.name
    full = _read(half_assessment, small_guideline).metadata
    summary = _read(half_assessment, small_guideline, layout="summary").metadata
    assert full.title == f"生成AI利用に関する自己評価報告書（完全版）｜{facility}"
    assert summary.title == f"生成AI利用に関する自己評価報告書（要約版）｜{facility}"
    for meta in (full, summary):
        assert meta.author == facility
        assert small_guideline.title in meta.subject and "2026年11月25日" in meta.subject
        assert "HAIP" in meta["/Keywords"] and facility in meta["/Keywords"]
        assert meta.creator == "HAIP Desktop"


def test_group_diff_and_comparison_pdfs_have_their_own_titles(guideline, tmp_path) -> None:
    from haip_desktop.assessment.compare import compare_assessments
    from haip_desktop.assessment.demo import make_demo_assessment
    from haip_desktop.assessment.group import load_group
    from haip_desktop.assessment.store import save_assessment
    from haip_desktop.guideline.diff import diff_guidelines
    from haip_desktop.report.comparison_pdf import render_comparison_pdf
    from haip_desktop.report.group_report import render_group_pdf
    from haip_desktop.report.guideline_diff_pdf import render_diff_pdf

    older = make_demo_assessment(guideline, fill=0.4, seed=1, as_of=dt.date(2025, 11, 1))
    newer = make_demo_assessment(guideline, fill=0.7, seed=1, as_of=dt.date(2026, 11, 1))
    folder = tmp_path / "緑風会"
    folder.mkdir()
    save_assessment(newer, folder / "a.haipeval")

    group, diff, comparison = (tmp_path / name for name in ("g.pdf", "d.pdf", "c.pdf"))
    render_group_pdf(
        load_group(folder, guideline), guideline, group, name="緑風会", today=dt.date(2026, 12, 1)
    )
    render_diff_pdf(diff_guidelines(guideline, guideline), diff)
    render_comparison_pdf(compare_assessments(older, newer, guideline), guideline, comparison)

    meta = {path.stem: PdfReader(path).metadata for path in (group, diff, comparison)}
    assert meta["g"].title == "グループ集計｜緑風会（2026年12月1日）"
    assert meta["g"].author == "HAIP Desktop" and "1 施設" in meta["g"].subject
    assert meta["d"].title.startswith("ガイドラインデータの変更点｜データ版 ")
    assert meta["c"].title.startswith(f"年度比較｜{newer.facility.name}（2025-11-01 → 2026-11-01")
    assert meta["c"].author == newer.facility.name
    titles = {m.title for m in meta.values()}
    assert len(titles) == 3
    for m in meta.values():
        assert m.subject and m["/Keywords"].startswith("HAIP")
    first = PdfReader(group).pages[0].extract_text()
    assert "緑風会" in first and "2026年12月1日" in first
    for path in (group, diff, comparison):
        assert _outline(PdfReader(path)), path.name


@pytest.mark.parametrize("marking", [Marking.INTERNAL, Marking.CONFIDENTIAL, Marking.BOTH])
def test_the_handling_mark_is_in_every_page_header(
    half_assessment, small_guideline, marking: Marking
) -> None:
    reader = _read(half_assessment, small_guideline, marking=marking)
    assert len(reader.pages) > 5
    for page in reader.pages:
        assert marking.label in page.extract_text()
    assert marking.label in reader.metadata["/Keywords"]


def test_no_mark_unless_chosen(half_assessment, small_guideline) -> None:
    reader = _read(half_assessment, small_guideline, layout="summary")
    assert not any("院内限り" in p.extract_text() for p in reader.pages)
