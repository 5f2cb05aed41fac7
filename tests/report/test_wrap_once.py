"""Table cells break their lines once per width, and the report reads exactly as before."""

from __future__ import annotations

import pytest
from reportlab.platypus import Paragraph

from haip_desktop.report import fonts, render_context
from haip_desktop.report.styles import styles
from haip_desktop.report.wrap_once import WrapOnceParagraph

NOTE = "退院サマリの下書きは主治医が内容を確かめてから確定する運用とし、" * 6


@pytest.fixture
def breaks(monkeypatch: pytest.MonkeyPatch) -> list[list[float]]:
    """The widths at which lines were broken, one entry per (costly) line breaking."""
    seen: list[list[float]] = []
    original = Paragraph.breakLinesCJK

    def counting(self, widths):  # type: ignore[no-untyped-def]
        seen.append(list(widths))
        return original(self, widths)

    monkeypatch.setattr(Paragraph, "breakLinesCJK", counting)
    return seen


def test_lines_are_broken_once_per_width(breaks: list[list[float]]) -> None:
    fonts.ensure_registered()
    paragraph = WrapOnceParagraph(NOTE, styles().cell)
    plain = Paragraph(NOTE, styles().cell)

    first = paragraph.wrap(200, 800)
    assert paragraph.wrap(200, 300) == first  # the height asked for does not matter
    assert len(breaks) == 1
    assert plain.wrap(200, 800) == first  # same size as reportlab's own Paragraph

    narrower = paragraph.wrap(120, 800)
    assert narrower[1] > first[1]  # more lines when narrower, broken anew
    assert len(breaks) == 3
    assert paragraph.wrap(200, 800) == first  # back to the first width: broken again, same
    assert [line for line in paragraph.blPara.lines] == [line for line in plain.blPara.lines]


def test_too_narrow_is_not_remembered(breaks: list[list[float]]) -> None:
    fonts.ensure_registered()
    paragraph = WrapOnceParagraph(NOTE, styles().cell)
    assert paragraph.wrap(0, 800)[0] == 0  # reportlab's "cannot fit here"
    assert paragraph.wrap(200, 800)[1] > 0
    assert len(breaks) == 1


def test_report_text_and_pages_unchanged(
    render, small_guideline, full_assessment, monkeypatch: pytest.MonkeyPatch
) -> None:
    long_notes = full_assessment.model_copy(deep=True)
    for answer in long_notes.answers.values():
        answer.note = NOTE[:200]
    result, _, pages = render(long_notes, small_guideline)
    monkeypatch.setattr(render_context, "WrapOnceParagraph", Paragraph)
    plain_result, _, plain_pages = render(long_notes, small_guideline)
    assert result.page_count == plain_result.page_count > 5
    assert pages == plain_pages
