"""Everything a section needs while it is laid out: data, options, styles and text helpers."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from reportlab.platypus import Paragraph

from ..assessment.models import Assessment
from ..assessment.scoring import Tally
from ..guideline import Guideline
from . import dates, fonts, text
from .content import ReportContent
from .options import ReportOptions
from .styles import Styles, styles


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

    @property
    def today(self) -> dt.date:
        return self.options.date

    def esc(self, value: str) -> str:
        """Text shown literally inside our own markup (user text, guideline text)."""
        return text.markup(value, fonts.is_drawable)

    def para(self, value: str, style: str = "cell") -> Paragraph:
        """A Paragraph showing `value` literally."""
        return Paragraph(self.esc(value), getattr(self.styles, style))

    def markup(self, markup: str, style: str = "body") -> Paragraph:
        """A Paragraph of markup written by this package (its variable parts via esc())."""
        return Paragraph(markup, getattr(self.styles, style))

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
