"""Everything a section needs while it is laid out: data, options, styles and text helpers."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property

from reportlab.platypus import Paragraph

from ..assessment.models import Assessment
from ..assessment.scoring import Tally
from ..guideline import Countermeasure, Guideline
from . import cells, dates, fonts, text
from .document import outlined
from .kinsoku import GLUE, keep_whole
from .options import ReportOptions
from .report_content import ReportContent
from .styles import MUTED_HEX, Styles, styles
from .wrap_once import WrapOnceParagraph

CODE_SIZE = 6.5  # ids beside a name: small, grey, never alone


def esc(value: str) -> str:
    """Text shown literally inside our own markup (user text, guideline text)."""
    return text.markup(value, fonts.is_drawable)


def code_markup(code: str) -> str:
    """Markup of an id to print small beside the name it belongs to (never broken)."""
    return f'<font size="{CODE_SIZE}" color="{MUTED_HEX}">{esc(code)}</font>'


def named(name: str, code: str) -> str:
    """Markup: the name, then its id small beside it; the id never starts a line alone
    (the name's last character goes with it). Every report prints ids this way."""
    return f"{esc(name)}{GLUE} {GLUE}{code_markup(code)}" if code else esc(name)


@dataclass
class ReportContext:
    assessment: Assessment
    guideline: Guideline
    options: ReportOptions
    content: ReportContent
    styles: Styles

    @classmethod
    def create(
        cls,
        assessment: Assessment,
        guideline: Guideline,
        options: ReportOptions,
        content: ReportContent,
    ) -> ReportContext:
        return cls(assessment, guideline, options, content, styles())

    @cached_property
    def _uniform_marks(self) -> tuple[bool, bool]:
        """(every countermeasure in scope is own elaboration, every one is unverified)."""
        provenances = [self.guideline.provenance_of(cm) for cm in self.content.in_scope]
        if not provenances:
            return False, False
        return (
            all(p.is_own_elaboration for p in provenances),
            all(not p.verified for p in provenances),
        )

    def provenance_tags(self, cm: Countermeasure) -> list[str]:
        """「本アプリ独自」「原文未照合」 for a table row, left out where they hold for every
        countermeasure in the report (then shared_provenance_note() says it once)."""
        all_own, all_unverified = self._uniform_marks
        provenance = self.guideline.provenance_of(cm)
        tags = []
        if provenance.is_own_elaboration and not all_own:
            tags.append("本アプリ独自")
        if not provenance.verified and not all_unverified:
            tags.append("原文未照合")
        return tags

    def shared_provenance_note(self) -> str:
        all_own, all_unverified = self._uniform_marks
        if all_own and all_unverified:
            return "この報告書の対策はすべて本アプリ独自の整理で、ガイドライン原文と未照合です。"
        if all_own:
            return "この報告書の対策はすべて本アプリ独自の整理です。"
        if all_unverified:
            return "この報告書の対策はすべてガイドライン原文と未照合です。"
        return ""

    @property
    def today(self) -> dt.date:
        return self.options.date

    def esc(self, value: str) -> str:
        """Text shown literally inside our own markup (user text, guideline text)."""
        return esc(value)

    def para(self, value: str, style: str = "cell") -> Paragraph:
        """A Paragraph showing `value` literally."""
        return WrapOnceParagraph(self.esc(value), getattr(self.styles, style))

    def markup(self, markup: str, style: str = "body") -> Paragraph:
        """A Paragraph of markup written by this package (its variable parts via esc())."""
        return WrapOnceParagraph(markup, getattr(self.styles, style))

    def heading(self, markup: str, style: str, title: str, level: int = 0) -> Paragraph:
        """A heading with an outline entry (bookmark) ``title`` at ``level``."""
        return outlined(self.markup(markup, style), title, level)

    def person(self, value: str, style: str = "cell") -> Paragraph:
        """Names of people (「看護師長 高橋」): broken only between words, never inside one."""
        return WrapOnceParagraph(keep_whole(self.esc(value)), getattr(self.styles, style))

    def cell(
        self, value: str, style: str, width: float, *, person: bool = False
    ) -> str | Paragraph:
        """``value`` shown literally in a column ``width`` wide: a plain string when it is one
        line that fits (the table draws it in ``style``: cells.plain_cells()), else a
        paragraph that wraps (``person``: a name, broken only between words)."""
        paragraph_style = getattr(self.styles, style)
        plain = cells.one_line(value, paragraph_style, width)
        if plain is not None:
            return plain
        return self.person(value, style) if person else self.para(value, style)

    def header(self, titles: list[str], widths: list[float]) -> list[str | Paragraph]:
        """A table's header row (table_style() draws its plain strings as header_cell)."""
        return [self.cell(t, "header_cell", w) for t, w in zip(titles, widths, strict=True)]

    def named(self, name: str, code: str) -> str:
        """Markup: the name, then its id small beside it (see named())."""
        return named(name, code)

    def date(self, day: dt.date | None, *, short: bool = True) -> str:
        return dates.format_date(day, self.options.era, short=short)


def percent(share: float) -> str:
    """'66.7%': one decimal, never rounded up to 100.0% or down to 0.0% when not exact."""
    value = share * 100
    shown = f"{value:.1f}"
    if shown == "100.0" and share < 1:
        shown = "99.9"
    elif shown == "0.0" and share > 0:
        shown = "0.1"
    return f"{shown}%"


def gap_count(t: Tally) -> int:
    return t.partial + t.not_done
