"""Table cells drawn as plain strings where a paragraph is not needed.

A Paragraph in a cell is parsed, laid out and drawn as a text object of its own: for the
short labels, names and headers that fill most cells of a report that was a large part of
its time. A text that is one line and fits its column is drawn by the table itself, in the
font, size, line height, colour and alignment of the paragraph style it would have had
(plain_cells() gives the table those), so the page looks the same; anything longer, or
with a line break, stays a paragraph, which wraps.
"""

from __future__ import annotations

from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth

from . import fonts, text
from .styles import CELL_PADDING_X, TableCommand

_ALIGN = {TA_CENTER: "CENTER", TA_RIGHT: "RIGHT"}


def one_line(value: str, style: ParagraphStyle, width: float) -> str | None:
    """``value`` as the table would draw it (characters the font lacks as 〓), when it is
    one line that fits a column ``width`` wide (its padding included) in ``style``; None
    when it needs a paragraph (a line break, spaces a paragraph would keep, too long)."""
    cleaned = text.clean(value)
    plain = text.one_line(cleaned)
    if plain != cleaned:  # a line break, or spaces at the ends or doubled
        return None
    plain = text.drawable(plain, fonts.is_drawable)
    if stringWidth(plain, style.fontName, style.fontSize) > width - 2 * CELL_PADDING_X:
        return None
    return plain


def plain_cells(
    style: ParagraphStyle, start: tuple[int, int], stop: tuple[int, int]
) -> list[TableCommand]:
    """Commands that draw the plain-string cells of a range as a paragraph of ``style``
    would: its font, size, line height, colour and alignment (paragraphs ignore them)."""
    commands: list[TableCommand] = [
        ("FONT", start, stop, style.fontName, style.fontSize, style.leading),
        ("TEXTCOLOR", start, stop, style.textColor),
    ]
    if style.alignment in _ALIGN:
        commands.append(("ALIGN", start, stop, _ALIGN[style.alignment]))
    return commands
