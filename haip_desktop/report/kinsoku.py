"""Japanese line breaking (kinsoku) for the report's paragraphs.

reportlab's CJK wrap (wordWrap="CJK") breaks between any two characters and knows the
characters that must not start a line, but it only lets one such character hang past the
right edge: when two come in a row (「ソリュ」 + 「ー」, 「）」 + 「、」, 「ょ」 + 「っ」) the
second starts the next line, as in 「ソリュ / ーションズ」. Nor does it keep an opening
bracket from ending a line.

Here a line that is too long is broken earlier instead (追い出し): the break moves back until
the next line does not start with a character of NO_LINE_START and this line does not end
with one of NO_LINE_END. Nothing hangs past the edge, which matters in table cells. Only
where a line has no allowed break at all (a cell two characters wide) does one character
hang, as before, or the line is cut where it fills up.

Some runs are kept whole the same way, moved to the next line rather than broken:
- ids, dates and versions (C-LAWPMD-41, 2026/12/16, 2.1.0): ASCII letters, digits and
  ``-_./:`` next to each other;
- numbers with what they count or name (第12条, 令和8年, 150件, 50%): a digit next to a
  letter, kana or kanji;
- text marked by keep_whole() (a person's name: 「看護師長 高橋」 breaks only at the space).
A run longer than the whole line is still cut where the line fills up.

install() puts these splitters in place of reportlab's two (module functions of
reportlab.platypus.paragraph, looked up when a paragraph is wrapped); styles() calls it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any
from unicodedata import category

# JIS X 4051 classes: closing brackets, hyphens, dividing and middle punctuation, full stops
# and commas, iteration marks, the prolonged sound mark, small kana.
NO_LINE_START = frozenset(
    "、。，．,.）〕］｝〉》」』】〙〗〟’”｠»)]}"
    "‐゠–〜～？！‼⁇⁈⁉?!・：；:;"
    "ヽヾゝゞ々〻ー"
    "ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿ"
    "゛゜%％°′″℃"
)
# Opening brackets (and prefixes that belong to what follows).
NO_LINE_END = frozenset("（〔［｛〈《「『【〘〖〝‘“｟«([{＄￥＃$#")
# Characters of ids, dates and versions: no break between two of them.
ID_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_./:")
# WORD JOINER between two characters: no break there (put by keep_whole(), taken out
# before the line is measured; text.clean() removes it from user text).
GLUE = "\u2060"
# Where keep_whole() lets a line break: spaces and the separators of lists of names.
_SEPARATORS = frozenset(" \u3000、，,・／/")
_MARKUP_TOKEN = re.compile(r"&#?\w+;|<[^>]*>|.", re.DOTALL)


def keep_whole(markup: str) -> str:
    """Paragraph markup whose words (split at spaces, 「、」「・」「／」) are not broken across
    lines unless a word is wider than the line: for names of people, 「看護師長 高橋」."""
    tokens = _MARKUP_TOKEN.findall(markup)
    out: list[str] = []
    for before, token in zip([""] + tokens, tokens, strict=False):
        if _gluable(before) and _gluable(token):
            out.append(GLUE)
        out.append(token)
    return "".join(out)


def _gluable(token: str) -> bool:
    return bool(token) and not token.startswith("<") and token not in _SEPARATORS


def next_line_start(
    text: Sequence[str], start: int, end: int, glued: frozenset[int] | set[int] = frozenset()
) -> int:
    """Where the next line starts, when text[start:end] is too wide for this one.

    text[end - 1] is the character that did not fit; ``glued`` holds the indices before which
    keep_whole() forbids a break. Returns an index in start+1 .. end.
    """
    b = end - 1
    if ord(text[b][:1] or " ") < 0x3000:
        # A Latin word: back to just after a space or a Japanese character, at most half way
        # (reportlab's rule, kept so English words are not cut where a break exists).
        for j in range(end - 1, (start + end) >> 1, -1):
            c = text[j][:1]
            if c and (category(c) == "Zs" or ord(c) >= 0x3000):
                if j + 1 < end:
                    b = j + 1
                break
    b = max(b, start + 1)
    candidate = b
    while candidate > start + 1 and not _allowed(text, candidate, glued):
        candidate -= 1
    if _allowed(text, candidate, glued):
        return candidate
    # Nowhere allowed (a line only a few characters wide): let the one character that must
    # not start a line hang past the edge, as reportlab does, else cut where the line filled.
    return b + 1 if b < end and text[b] in NO_LINE_START else b


def _allowed(text: Sequence[str], b: int, glued: frozenset[int] | set[int] = frozenset()) -> bool:
    after, before = text[b], text[b - 1]
    if after in NO_LINE_START or before in NO_LINE_END or b in glued:
        return False
    if before in ID_CHARS and after in ID_CHARS:
        return False  # inside an id, a date or a version
    # a number and what it counts: 第12条, 8年, 150件
    return not ((before.isdigit() and after.isalnum()) or (after.isdigit() and before.isalnum()))


def _without_glue(items: Sequence[Any]) -> tuple[list[Any], set[int]]:
    """The items without GLUE, and the indices (into the result) before which it stood."""
    kept: list[Any] = []
    glued: set[int] = set()
    for item in items:
        if item == GLUE:
            glued.add(len(kept))
        else:
            kept.append(item)
    return kept, glued


def word_split(
    word: str,
    maxWidths: list[float] | tuple[float, ...] | float,
    fontName: str,
    fontSize: float,
    encoding: str = "utf8",  # noqa: N803
) -> list[list[Any]]:
    """Replacement for reportlab.lib.textsplit.wordSplit: [[extra space, line text], ...]."""
    from reportlab.lib.textsplit import getCharWidths
    from reportlab.rl_config import _FUZZ

    if isinstance(word, bytes):
        word = word.decode(encoding)
    glued: set[int] = set()
    if GLUE in word:
        kept, glued = _without_glue(word)
        word = "".join(kept)
    widths_list = maxWidths if isinstance(maxWidths, list | tuple) else [maxWidths]
    widths = getCharWidths(word, fontName, fontSize)
    lines: list[list[Any]] = []
    start = i = 0
    used = 0.0
    max_width = widths_list[0]
    while i < len(word):
        used += widths[i]
        i += 1
        if used > max_width + _FUZZ and used > 0:
            end = next_line_start(word, start, i, glued)
            lines.append([max_width - sum(widths[start:end]), word[start:end].strip()])
            max_width = widths_list[min(len(lines), len(widths_list) - 1)]
            start = i = end
            used = 0.0
    if used > 0:
        lines.append([max_width - used, word[start:]])
    return lines


def cjk_frag_split(
    frags: Sequence[Any],
    maxWidths: Sequence[float],
    calcBounds: bool,
    encoding: str = "utf8",  # noqa: N803
) -> Any:
    """Replacement for reportlab.platypus.paragraph.cjkFragSplit (several fonts or sizes)."""
    from reportlab.platypus.paragraph import ParaLines, cjkU, makeCJKParaLine
    from reportlab.rl_config import _FUZZ

    chars: list[Any] = []
    for f in frags:
        text = f.text.decode(encoding) if isinstance(f.text, bytes) else f.text
        chars += [cjkU(t, f, encoding) for t in text] if text else [cjkU(text, f, encoding)]
    chars, glued = _without_glue(chars)
    lines: list[Any] = []
    max_width = maxWidths[0]
    start = i = 0
    used = 0.0
    while i < len(chars):
        u = chars[i]
        i += 1
        used += _width(u, max_width)
        line_break = hasattr(u.frag, "lineBreak")
        if not line_break and not (used > max_width + _FUZZ and used > 0):
            continue
        end = i if line_break else next_line_start(chars, start, i, glued)
        width = sum(_width(c, max_width) for c in chars[start:end])
        lines.append(
            makeCJKParaLine(
                chars[start:end], max_width, width, max_width - width, line_break, calcBounds
            )
        )
        max_width = maxWidths[min(len(lines), len(maxWidths) - 1)]
        start = i = end
        used = 0.0
    if used > 0:
        lines.append(
            makeCJKParaLine(chars[start:], max_width, used, max_width - used, False, calcBounds)
        )
    return ParaLines(kind=1, lines=lines)


def _width(u: Any, max_width: float) -> float:
    w = u.width
    if hasattr(w, "normalizedValue"):  # a percentage width (inline images)
        w._normalizer = max_width
        w = w.normalizedValue(max_width)
    width: float = w
    return width


def install() -> None:
    """Use these splitters for every CJK-wrapped Paragraph (idempotent)."""
    from reportlab.platypus import paragraph

    for name, replacement in (("wordSplit", word_split), ("cjkFragSplit", cjk_frag_split)):
        if not hasattr(paragraph, name):  # a reportlab that works differently: fail loudly
            raise RuntimeError(f"reportlab.platypus.paragraph.{name} is missing")
        setattr(paragraph, name, replacement)
