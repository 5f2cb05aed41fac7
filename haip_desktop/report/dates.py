"""Dates as a Japanese reader expects them: 西暦 (2026年11月25日) or 和暦 (令和8年11月25日)."""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from .options import Era


class JapaneseEra(NamedTuple):
    name: str
    letter: str  # the initial used in short forms (R8.11.25)
    start: dt.date  # first day of the era's first year (元年)


# Newest first. Dates before 明治 are given in 西暦 (the calendar was lunar until 1873).
ERAS: tuple[JapaneseEra, ...] = (
    JapaneseEra("令和", "R", dt.date(2019, 5, 1)),
    JapaneseEra("平成", "H", dt.date(1989, 1, 8)),
    JapaneseEra("昭和", "S", dt.date(1926, 12, 25)),
    JapaneseEra("大正", "T", dt.date(1912, 7, 30)),
    JapaneseEra("明治", "M", dt.date(1873, 1, 1)),
)


def japanese_era(day: dt.date) -> tuple[JapaneseEra, int] | None:
    """The era and the year within it (1 = 元年), or None before 1873."""
    for era in ERAS:
        if day >= era.start:
            return era, day.year - era.start.year + 1
    return None


def format_date(day: dt.date | None, era: Era | str = Era.WESTERN, *, short: bool = False) -> str:
    """'2026年11月25日' / '令和8年11月25日' / '令和元年5月1日'; short: '2026/11/25' / 'R8.11.25'.

    None gives an empty string (a blank field on the form).
    """
    if day is None:
        return ""
    found = japanese_era(day) if Era(era) is Era.JAPANESE else None
    if found is None:
        if short:
            return f"{day.year}/{day.month:02d}/{day.day:02d}"
        return f"{day.year}年{day.month}月{day.day}日"
    japanese, year = found
    if short:
        return f"{japanese.letter}{year}.{day.month:02d}.{day.day:02d}"
    year_text = "元" if year == 1 else str(year)
    return f"{japanese.name}{year_text}年{day.month}月{day.day}日"


def blank_date(era: Era | str = Era.WESTERN, *, narrow: bool = False) -> str:
    """The empty date line of a hand-filled form: '　　年　　月　　日' (with 令和 when 和暦)."""
    prefix = "令和" if Era(era) is Era.JAPANESE else ""
    gap = "　" if narrow else "　　"
    return f"{prefix}{gap}年{gap}月{gap}日"
