"""User text (notes, names, evidence) made safe for reportlab's Paragraph mini-markup.

Paragraph reads `<b>`, `&amp;`, `<font>` and `<a href>` as markup; a person's note must
print literally, so `&`, `<` and `>` are escaped. Control characters are dropped (a lone
surrogate becomes U+FFFD), line breaks kept, invisible format characters (zero-width spaces,
variation selectors) removed, and characters the font lacks (fonts.py says which) replaced by 〓.
Long unbroken strings are broken by the styles' CJK word wrap, which may break between any
two characters.
"""

from __future__ import annotations

import re
from collections.abc import Callable

# GETA MARK: the traditional stand-in for a character the typeface lacks.
REPLACEMENT = "\u3013"

# C0 and C1 controls except tab and line feed; DEL.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_SURROGATE = re.compile("[\ud800-\udfff]")
# Invisible format characters the font has no glyph for and that print nothing anyway:
# zero-width space/joiners, LRM/RLM, word joiner, BOM, variation selectors (incl. IVS).
_INVISIBLE = re.compile(
    "[\u200b-\u200f\u2060-\u2064\ufeff\ufe00-\ufe0f\U000e0100-\U000e01ef\u202a-\u202e]"
)


def clean(text: str) -> str:
    """Plain text without control or invisible characters; newlines normalised to \\n; a lone
    surrogate (no character: UTF-8 cannot write it) as U+FFFD."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    text = _CONTROL.sub("", text)
    text = _SURROGATE.sub("\ufffd", text)
    return _INVISIBLE.sub("", text)


def markup(text: str, is_drawable: Callable[[str], bool] | None = None) -> str:
    """Paragraph markup that shows `text` literally, line breaks kept.

    When `is_drawable` is given, characters it rejects become 〓.
    """
    text = clean(text)
    if is_drawable is not None:
        missing = [c for c in set(text) if not is_drawable(c)]
        if missing:
            text = text.translate({ord(c): REPLACEMENT for c in missing})
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text.replace("\n", "<br/>")


def one_line(text: str) -> str:
    """Text for a single-line field (CSV keeps newlines; a cover field does not)."""
    return " ".join(clean(text).split())


def drawable(text: str, is_drawable: Callable[[str], bool]) -> str:
    """Single-line plain text for the canvas (headers), missing characters as 〓."""
    return "".join(c if is_drawable(c) else REPLACEMENT for c in one_line(text))
