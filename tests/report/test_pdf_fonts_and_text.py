"""Fonts embedded, user text shown literally, and characters the font lacks reported."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys

import pytest
from pypdf import PdfReader

from haip_desktop.assessment.models import AITool, Answer, Status
from haip_desktop.report import MissingGlyph, Section, check_glyphs
from haip_desktop.report.styles import PAGE_HEIGHT, PAGE_WIDTH


def flat(text: str) -> str:
    return "".join(text.split())


def _fonts(reader: PdfReader):
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            yield font.get_object()


def test_every_font_is_the_bundled_one_and_embedded(half_report, tmp_path, small_guideline):
    from haip_desktop.report import ReportOptions, render_pdf

    for layout in ("full", "summary"):
        path = tmp_path / f"{layout}.pdf"
        render_pdf(half_report[0], small_guideline, path, ReportOptions(layout=layout))
        reader = PdfReader(path)
        fonts = list(_fonts(reader))
        assert fonts
        for font in fonts:
            assert "BIZUDPGothic" in font["/BaseFont"], font["/BaseFont"]
            assert "/FontFile2" in font["/FontDescriptor"].get_object()
        # No font anywhere in the file (not only on pages) that is not ours: no Helvetica.
        names = set(re.findall(rb"/BaseFont\s*/([^\s/<>\[\]]+)", path.read_bytes()))
        assert names and all(b"BIZUDPGothic" in n for n in names), names


@pytest.mark.skipif(shutil.which("pdffonts") is None, reason="poppler-utils not installed")
def test_pdffonts_says_embedded(tmp_path, half_report, small_guideline) -> None:
    from haip_desktop.report import render_pdf

    path = tmp_path / "r.pdf"
    render_pdf(half_report[0], small_guideline, path)
    lines = subprocess.run(
        ["pdffonts", str(path)], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    assert lines
    for line in lines:
        assert line.split()[-5] == "yes", line  # the "emb" column


MARKUP = '<b>太字</b> & <font color="red">赤</font> <a href="http://example.invalid/">link</a> &amp; <br/>'


def test_user_text_that_looks_like_markup_is_printed_literally(
    render, assessment_factory, small_guideline
) -> None:
    assessment = assessment_factory(small_guideline, fill=1.0)
    cm = small_guideline.countermeasures[0]
    assessment.answers[cm.id] = Answer(
        status=Status.NOT_DONE, note=MARKUP, owner="<i>担当</i>", evidence="A&B <x>"
    )
    assessment.facility.name = "<b>みどり台</b> & 病院"
    _, _, pages = render(assessment, small_guideline, sections={Section.COVER, Section.DETAIL})
    text = flat("".join(pages))
    assert flat(MARKUP) in text
    assert "<i>担当</i>" in text
    assert "A&B<x>" in text
    assert "<b>みどり台</b>&病院" in flat(pages[0])


def test_control_characters_do_not_break_the_report(render, assessment_factory, small_guideline):
    assessment = assessment_factory(small_guideline, fill=1.0)
    cm = small_guideline.countermeasures[0]
    assessment.answers[cm.id] = Answer(
        status=Status.DONE, note="前\x00中\x07後\x1b[31m赤\r\n次の行"
    )
    _, _, pages = render(assessment, small_guideline, sections={Section.DETAIL})
    text = flat("".join(pages))
    assert "前中後[31m赤次の行" in text


def _text_positions(reader: PdfReader):
    for page in reader.pages:
        found: list[tuple[float, float, str]] = []

        def visit(text, cm, tm, _font, _size, found=found):
            if text.strip():
                x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
                y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
                found.append((x, y, text))

        page.extract_text(visitor_text=visit)
        yield page, found


def test_very_long_unbroken_text_wraps_inside_the_page(
    render, assessment_factory, small_guideline
) -> None:
    assessment = assessment_factory(small_guideline, fill=1.0)
    cm = small_guideline.countermeasures[0]
    long = "A" * 5000
    assessment.answers[cm.id] = Answer(status=Status.NOT_DONE, note=long, owner="B" * 300)
    assessment.tools.append(AITool(id="T-9", name="C" * 400))
    result, path, pages = render(
        assessment, small_guideline, sections={Section.GAPS, Section.DETAIL, Section.TOOLS}
    )
    text = flat("".join(pages))
    assert text.count("A") >= 2 * 5000  # the gap list and the detail both show it, whole
    reader = PdfReader(path)
    for _page, positions in _text_positions(reader):
        assert positions
        for x, y, snippet in positions:
            assert 0 <= x <= PAGE_WIDTH and 0 <= y <= PAGE_HEIGHT, snippet[:20]
    assert result.page_count == len(pages)


def test_characters_the_font_lacks_are_reported_before_printing(
    assessment_factory, small_guideline
):
    assessment = assessment_factory(small_guideline, fill=0.2)
    assessment.facility.name = "𠮷野総合病院"
    assessment.assessors = ["髙橋 花子", "山﨑 太郎"]  # in the font: not reported
    cm = small_guideline.countermeasures[0]
    assessment.answers[cm.id] = Answer(status=Status.DONE, note="確認済み😀")
    missing = check_glyphs(assessment)
    assert MissingGlyph("𠮷", "施設名") in missing
    assert MissingGlyph("😀", f"対策 {cm.id} の備考") in missing
    assert all(m.char not in "髙﨑" for m in missing)
    assert MissingGlyph("𠮷", "施設名").codepoint == "U+20BB7"


def test_missing_characters_print_as_geta_and_are_warned_about(
    render, assessment_factory, small_guideline
) -> None:
    assessment = assessment_factory(small_guideline, fill=0.2)
    assessment.facility.name = "𠮷野総合病院"
    result, _, pages = render(
        assessment, small_guideline, sections={Section.COVER, Section.SOURCES}
    )
    assert [m.char for m in result.missing_glyphs] == ["𠮷"]
    assert result.warnings and "𠮷" in result.warnings[0] and "施設名" in result.warnings[0]
    assert "〓野総合病院" in pages[0]
    text = "".join(pages)
    assert "𠮷" not in text
    assert "U+20BB7" in flat(text)  # the sources appendix names it


def test_importing_the_package_does_not_import_reportlab() -> None:
    code = "import haip_desktop.report, sys; assert 'reportlab' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True)


def test_a_long_facility_name_is_shortened_in_the_running_header(
    render, assessment_factory, small_guideline
) -> None:
    assessment = assessment_factory(small_guideline, fill=0.2)
    assessment.facility.name = "社会医療法人財団" + "とても長い名前の" * 12 + "総合病院"
    _, _, pages = render(assessment, small_guideline, layout="summary")
    header = pages[1].splitlines()[0]
    assert header.startswith("生成AI利用に関する自己評価報告書｜社会医療法人財団とても長い")
    assert "…" in header
    assert "評価日" not in header.split("…")[0]
