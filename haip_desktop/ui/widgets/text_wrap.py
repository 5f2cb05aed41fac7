"""Line breaks for short Japanese labels (step names, table headings) that keep words whole.

Qt breaks Japanese text between any two characters, so a narrow box shows 「入院時アセスメン／ト」.
Here a label is cut into units that are never split:

- strong breaks: after 「・」「、」「／」 and spaces, before an opening bracket, after a closing one;
- weak breaks: where kanji meets katakana or Latin letters (退院時看護｜サマリー), after a run of
  two or more hiragana before another script (薬局から｜医療機関への｜情報提供), and after a
  one-letter particle (院内規程の｜検索と｜要約) — but not inside 問い合わせ or 申し送り.

Lines are filled greedily with whole units. Only a unit wider than the whole line is cut
between characters, and then never before 「ー」, small kana or closing punctuation.

`unbreakable` is for text Qt lays out itself (labels, rich text): a badge, a person's or a
facility's name, an id, kept on one line.
"""

from __future__ import annotations

import unicodedata

from PySide6.QtGui import QFontMetrics

STRONG_AFTER = "・、，,／/ 　"
OPENING = "（(「『［【"
CLOSING = "）)」』］】"
PARTICLES = "のとをにがはでへや"
NO_LINE_START = "ー」』）)］】、。・，,.ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ"


WORD_JOINER = "\u2060"


def unbreakable(text: str) -> str:
    """The text with word joiners between its characters and no-break spaces for its spaces:
    Qt breaks Japanese between any two characters, even under white-space:nowrap, so this is
    the one way to keep 「原文未照合」 or 「高橋 美紀（看護師長）」 on one line."""
    return WORD_JOINER.join(text.replace(" ", "\u00a0"))


def _script(char: str) -> str:
    if "\u3041" <= char <= "\u309f":
        return "hiragana"
    if "\u30a0" <= char <= "\u30ff" or char == "ー":
        return "katakana"
    name = unicodedata.name(char, "")
    if name.startswith("CJK UNIFIED") or char in "々〆":
        return "kanji"
    if char.isascii() and char.isalnum():
        return "latin"
    return "other"


def strong_segments(text: str) -> list[str]:
    """The text cut only at strong break points (what a box should be wide enough for)."""
    segments: list[str] = []
    current = ""
    for index, char in enumerate(text):
        if char in OPENING and current:
            segments.append(current)
            current = ""
        current += char
        following = text[index + 1] if index + 1 < len(text) else ""
        if (char in STRONG_AFTER or char in CLOSING) and following not in NO_LINE_START:
            segments.append(current)
            current = ""
    if current:
        segments.append(current)
    return segments


def _weak_units(segment: str) -> list[str]:
    units: list[str] = []
    current = ""
    hiragana_run = 0
    for char in segment:
        if current:
            before, after = _script(current[-1]), _script(char)
            scripts = {before, after}
            split = False
            if before == "hiragana" and after in ("kanji", "katakana", "latin"):
                split = hiragana_run >= 2 or current[-1] in PARTICLES
            elif len(scripts) == 2 and scripts <= {"kanji", "katakana", "latin"}:
                split = True
            if split and char not in NO_LINE_START:
                units.append(current)
                current = ""
        hiragana_run = hiragana_run + 1 if _script(char) == "hiragana" else 0
        current += char
    if current:
        units.append(current)
    return units


def break_units(text: str) -> list[str]:
    """The pieces a line may be broken between, in order; joined they give `text`."""
    return [unit for segment in strong_segments(text) for unit in _weak_units(segment)]


def _split_characters(unit: str, metrics: QFontMetrics, width: int) -> list[str]:
    lines: list[str] = []
    current = ""
    for char in unit:
        if current and metrics.horizontalAdvance(current + char) > width:
            if char in NO_LINE_START and len(current) > 1:
                lines.append(current[:-1])
                current = current[-1]
            else:
                lines.append(current)
                current = ""
        current += char
    if current:
        lines.append(current)
    return lines


def wrap_lines(text: str, metrics: QFontMetrics, width: int) -> list[str]:
    """`text` in lines no wider than `width` (where possible), broken only between units."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        current = ""
        for unit in break_units(paragraph):
            candidate = current + unit
            if not current or metrics.horizontalAdvance(candidate.rstrip()) <= width:
                current = candidate
            else:
                lines.append(current.rstrip())
                current = unit
            if metrics.horizontalAdvance(current.rstrip()) > width:
                *full, current = _split_characters(current, metrics, width)
                lines += full
        lines.append(current.rstrip())
    return lines


def widest_segment(text: str, metrics: QFontMetrics) -> int:
    """The width a line needs so that no strong segment (e.g. 「入院時アセスメント・」) is cut."""
    return max(
        (
            metrics.horizontalAdvance(s.rstrip())
            for line in text.split("\n")
            for s in strong_segments(line)
            if s.strip()
        ),
        default=0,
    )


def widest_unit(text: str, metrics: QFontMetrics) -> int:
    """The width a line needs so that no unit (e.g. 「医薬品医療機器等法」) is cut."""
    return max(
        (
            metrics.horizontalAdvance(unit.rstrip())
            for line in text.split("\n")
            for unit in break_units(line)
            if unit.strip()
        ),
        default=0,
    )
