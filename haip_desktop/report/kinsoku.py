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


# Each character's advance width per (font, size): see glyph_widths().
_GLYPH_WIDTHS: dict[tuple[str, float], dict[str, float]] = {}


def glyph_widths(text: str, font_name: str, font_size: float) -> list[float]:
    """The advance width of each character of ``text``, as reportlab's stringWidth gives it.

    Line breaking needs the width of every character, and measuring them one by one through
    stringWidth was much of what breaking the report's lines cost. A character's width
    depends only on the font and the size (the fonts are registered once per process,
    fonts.py), so each is measured once.
    """
    from reportlab.pdfbase.pdfmetrics import stringWidth

    known = _GLYPH_WIDTHS.setdefault((font_name, font_size), {})
    widths: list[float] = []
    for char in text:
        width = known.get(char)
        if width is None:
            width = known[char] = stringWidth(char, font_name, font_size)
        widths.append(width)
    return widths


def word_split(
    word: str,
    maxWidths: list[float] | tuple[float, ...] | float,
    fontName: str,
    fontSize: float,
    encoding: str = "utf8",  # noqa: N803
) -> list[list[Any]]:
    """Replacement for reportlab.lib.textsplit.wordSplit: [[extra space, line text], ...]."""
    from reportlab.rl_config import _FUZZ

    if isinstance(word, bytes):
        word = word.decode(encoding)
    glued: set[int] = set()
    if GLUE in word:
        kept, glued = _without_glue(word)
        word = "".join(kept)
    widths_list = maxWidths if isinstance(maxWidths, list | tuple) else [maxWidths]
    widths = glyph_widths(word, fontName, fontSize)
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
    """Replacement for reportlab.platypus.paragraph.cjkFragSplit (several fonts or sizes).

    The same lines as reportlab's would be (its makeCJKParaLine's line objects), built from
    indices: each character's width is looked up (glyph_widths) and a line's words are made
    from runs of one fragment's characters, not from one object per character.
    """
    from reportlab.platypus.paragraph import ParaLines
    from reportlab.rl_config import _FUZZ

    chars: list[str] = []  # each character; "" for a fragment without text (a <br/>)
    owners: list[int] = []  # the index in frags of each character's fragment
    widths: list[Any] = []  # a number; an inline object's may be a share of the line
    inline = False
    for index, f in enumerate(frags):
        text = f.text.decode(encoding) if isinstance(f.text, bytes) else f.text
        pieces = list(text) if text else [text]
        chars += pieces
        owners += [index] * len(pieces)
        if hasattr(f, "cbDefn"):
            inline = True
            widths += [getattr(f.cbDefn, "width", 0)] * len(pieces)
        else:
            widths += glyph_widths(text, f.fontName, f.fontSize) if text else [0.0]
    glued: set[int] = set()
    if GLUE in chars:
        keep = [c != GLUE for c in chars]
        chars, glued = _without_glue(chars)
        owners = [o for o, k in zip(owners, keep, strict=True) if k]
        widths = [w for w, k in zip(widths, keep, strict=True) if k]
    breaks = {i for i, o in enumerate(owners) if hasattr(frags[o], "lineBreak")}
    lines: list[Any] = []
    max_width = maxWidths[0]
    start = i = 0
    used = 0.0
    while i < len(chars):
        used += _width(widths[i], max_width) if inline else widths[i]
        i += 1
        line_break = i - 1 in breaks
        if not line_break and not (used > max_width + _FUZZ and used > 0):
            continue
        end = i if line_break else next_line_start(chars, start, i, glued)
        if inline:
            width = sum(_width(w, max_width) for w in widths[start:end])
        else:
            width = sum(widths[start:end])
        lines.append(
            _para_line(frags, chars, owners, start, end, max_width, width, line_break, calcBounds)
        )
        max_width = maxWidths[min(len(lines), len(maxWidths) - 1)]
        start = i = end
        used = 0.0
    if used > 0:
        end = len(chars)
        lines.append(
            _para_line(frags, chars, owners, start, end, max_width, used, False, calcBounds)
        )
    return ParaLines(kind=1, lines=lines)


def _para_line(
    frags: Sequence[Any],
    chars: list[str],
    owners: list[int],
    start: int,
    end: int,
    max_width: float,
    width: float,
    line_break: bool,
    calc_bounds: bool,
) -> Any:
    """reportlab's makeCJKParaLine for chars[start:end]: a word per run of characters whose
    fragments look alike (sameFrag), the line's largest size, ascent and descent."""
    from reportlab.platypus.paragraph import (
        FragLine,
        getAscentDescent,
        imgNormV,
        imgVRange,
        sameFrag,
    )

    words: list[Any] = []
    max_size = max_ascent = min_descent = 0
    word = FragLine()  # as in reportlab: the first comparison starts a word
    word_start = i = start
    while i < end:
        owner = owners[i]
        run_end = i + 1
        while run_end < end and owners[run_end] == owner:
            run_end += 1
        f = frags[owner]
        size = f.fontSize
        image: Any = getattr(f, "cbDefn", None) if calc_bounds else None
        if getattr(image, "width", 0):
            descent, ascent = imgVRange(imgNormV(image.height, size), image.valign, size)
        else:
            ascent, descent = getAscentDescent(f.fontName, size)
        max_size = max(max_size, size)
        max_ascent = max(max_ascent, ascent)
        min_descent = min(min_descent, descent)
        # sameFrag is false for a line break or an inline object even with itself: then
        # each of its characters is a word; otherwise a run is alike throughout.
        alone = "cbDefn" in f.__dict__ or "lineBreak" in f.__dict__
        for k in range(i, run_end) if alone else (i,):
            if not sameFrag(word, f):
                words.append(word.clone(text="".join(chars[word_start:k])))
                word, word_start = f, k
        i = run_end
    words.append(word.clone(text="".join(chars[word_start:end])))
    return FragLine(
        kind=1,
        extraSpace=max_width - width,
        wordCount=1,
        words=words[1:],
        fontSize=max_size,
        ascent=max_ascent,
        descent=min_descent,
        maxWidth=max_width,
        currentWidth=width,
        lineBreak=line_break,
    )


def _width(w: Any, max_width: float) -> float:
    """An inline object's width: a number, or a share of the line's (a percentage)."""
    if hasattr(w, "normalizedValue"):
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
