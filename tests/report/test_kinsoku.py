"""Japanese line breaking in the PDF: no line starts with ー, 。, 、, ）, 」 or a small kana."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader
from reportlab.lib.units import mm
from reportlab.platypus import Frame, Paragraph
from reportlab.platypus.doctemplate import PageTemplate
from reportlab.platypus.doctemplate import SimpleDocTemplate as Doc

from haip_desktop.report import fonts
from haip_desktop.report.kinsoku import NO_LINE_END, NO_LINE_START, next_line_start
from haip_desktop.report.styles import styles

VENDOR = "ヘルステック・ソリューションズ株式会社"
SENTENCE = "音声入力（クラウド版）を使い、「下書き」は主治医がちょっと確かめる。ソリューション"
TEXTS = [VENDOR, f"<b>提供</b>{VENDOR}", f"{VENDOR}（クラウド）、「音声」入力。ちょっと", SENTENCE]


def _lines(paragraph: Paragraph) -> list[str]:
    para = paragraph.blPara
    if para.kind == 1:
        return ["".join(frag.text for frag in line.words) for line in para.lines]
    return ["".join(line[1]) for line in para.lines]


def _breaks_are_allowed(lines: list[str]) -> bool:
    return all(
        not (after and after[0] in NO_LINE_START) and not (before and before[-1] in NO_LINE_END)
        for before, after in zip(lines, lines[1:], strict=False)
    )


@pytest.mark.parametrize("text", TEXTS)
def test_no_line_starts_or_ends_where_japanese_forbids(text: str) -> None:
    style = styles().cell
    plain = Paragraph(text, style)
    for width in range(30, 240):  # from three characters wide to a wide cell
        paragraph = Paragraph(text, style)
        paragraph.wrap(width, 10_000)
        lines = _lines(paragraph)
        assert _breaks_are_allowed(lines), (width, lines)
        assert "".join(lines) == "".join(frag.text for frag in plain.frags)  # nothing lost
        for line in paragraph.blPara.lines:  # nothing hangs past the edge
            extra = line.extraSpace if paragraph.blPara.kind == 1 else line[0]
            assert extra >= -0.01, (width, lines)


def test_the_vendor_name_is_not_broken_before_the_long_vowel_mark() -> None:
    # reportlab alone gives 「ク・ソリュ / ーショ」 at this width (two can't-start characters
    # in a row: 「ュ」 hangs, 「ー」 starts the next line).
    paragraph = Paragraph(f"<b>提供</b>{VENDOR}", styles().cell)
    paragraph.wrap(30, 1000)
    lines = _lines(paragraph)
    assert not any(line.startswith("ー") for line in lines), lines
    assert any(line.endswith("ソ") or line.startswith("ソ") for line in lines), lines


def test_in_the_pdf_every_line_starts_where_it_may(tmp_path) -> None:
    style = styles().body
    buffer = io.BytesIO()
    doc = Doc(buffer, leftMargin=10 * mm, rightMargin=10 * mm, topMargin=10 * mm)
    narrow = Frame(10 * mm, 10 * mm, 32 * mm, 270 * mm, leftPadding=0, rightPadding=0)
    doc.addPageTemplates([PageTemplate("narrow", [narrow])])
    doc.build([Paragraph(text, style) for text in TEXTS])
    lines = [
        line.strip()
        for page in PdfReader(io.BytesIO(buffer.getvalue())).pages
        for line in page.extract_text().splitlines()
        if line.strip()
    ]
    assert len(lines) >= 10  # the frame is narrow: every text takes several lines
    assert "".join(lines).count("ソリューション") == 4  # text extraction sees whole words
    assert [line for line in lines if line[0] in NO_LINE_START] == []
    assert [line for line in lines if line[-1] in NO_LINE_END] == []


@pytest.mark.parametrize(
    ("text", "end", "expected"),
    [
        ("ソリューション", 4, 1),  # 「ー」 does not fit; neither 「ー」 nor 「ュ」 may start a line
        ("入力。です", 3, 1),  # 「。」 would start the line: 「力。」 moves down
        ("ab（cd", 3, 2),  # 「（」 would end the line: it moves down
        ("ーーーー", 3, 3),  # nowhere allowed: one character hangs, as before
    ],
)
def test_next_line_start(text: str, end: int, expected: int) -> None:
    assert next_line_start(text, 0, end) == expected


def test_a_line_of_several_fonts_keeps_each_run_and_measures_what_it_holds() -> None:
    # The splitter builds a line's words from runs of characters and looks their widths up:
    # each word keeps its font, size and colour, and the line is as wide as its words.
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from haip_desktop.report.render_context import named

    text = f"<b>提供</b>{VENDOR}{named('音声入力の下書き', 'C-LAWPMD-41')}<br/>（クラウド）"
    paragraph = Paragraph(text, styles().cell)
    paragraph.wrap(90, 10_000)
    lines = paragraph.blPara.lines
    assert [[w.text for w in line.words] for line in lines] == [
        ["提供", "ヘルステック・ソ"],
        ["リューションズ株式会社"],
        ["音声入力の下書"],
        ["き ", "C-LAWPMD-41", ""],  # the name's last character goes with the id
        ["（クラウド）"],
    ]
    assert [w.fontName for w in lines[0].words] == [fonts.BOLD, fonts.REGULAR]
    assert [w.fontSize for w in lines[3].words] == [8.5, 6.5, 8.5]  # the id small
    for line in lines:
        drawn = sum(stringWidth(w.text, w.fontName, w.fontSize) for w in line.words)
        assert line.currentWidth == pytest.approx(drawn)
        assert line.currentWidth <= 90 + 0.01
