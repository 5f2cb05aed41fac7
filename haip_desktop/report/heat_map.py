"""A heat map (facilities × columns of 実施率) drawn straight on the canvas.

The group PDF has one row per facility and one cell per part, use case, risk category or
workflow step: about 14,000 cells for 300 facilities. As a reportlab Table, every cell had a
style of its own (its fill, its ink), was drawn on its own (font and colour set again, a text
object each) and the table was measured again for every page it was split across: most of
the time of that PDF. This flowable lays its rows out once, splits between rows with the
header repeated on every page like the table it replaces, and draws a page's cells in a few
passes: the fills colour by colour (a run of equal cells as one rectangle), the figures in one
text object per ink, the names, then the rules. It draws what the table drew: the house table
(styles.table_style: grey header, hairlines, padding), the fills and the white grid between
the cells.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from .styles import (
    CELL_PADDING_BOTTOM,
    CELL_PADDING_TOP,
    CELL_PADDING_X,
    HEADER_FILL,
    LIGHT_RULE,
    LIGHT_RULE_WIDTH,
    RULE,
    RULE_WIDTH,
)

GRID_WIDTH = 0.3  # the white lines between the cells
_NO_FILL = "#FFFFFF"  # the page is white already


@dataclass(frozen=True)
class HeatCell:
    text: str  # "67%", "—", or "" out of scope
    fill: str  # hex colour of the cell
    ink: str  # hex colour of the text


@dataclass(frozen=True)
class HeatRow:
    name: str | Flowable  # plain text on one line, or a paragraph that wraps
    cells: tuple[HeatCell, ...]
    bold: bool = False


@dataclass(frozen=True)
class HeatFont:
    """The cells' text: the font and size of the table's cell style."""

    regular: str
    bold: str
    size: float
    leading: float
    ink: str  # the names' colour


class HeatMap(Flowable):  # type: ignore[misc]  # reportlab has no type information
    def __init__(
        self,
        header: Sequence[Flowable],
        rows: Sequence[HeatRow],
        widths: Sequence[float],
        font: HeatFont,
        *,
        last_part: bool = True,
    ) -> None:
        super().__init__()
        self.header = list(header)
        self.rows = list(rows)
        self.widths = list(widths)
        self.font = font
        self.last_part = last_part  # only the table's end has the closing rule
        self.width = sum(self.widths)
        self._header_height: float | None = None
        self._row_heights: list[float] | None = None

    # -- layout --------------------------------------------------------------------------

    def _layout(self) -> tuple[float, list[float]]:
        if self._header_height is None or self._row_heights is None:
            padding = CELL_PADDING_TOP + CELL_PADDING_BOTTOM
            inner = [w - 2 * CELL_PADDING_X for w in self.widths]
            self._header_height = padding + max(
                p.wrap(w, 1e6)[1] for p, w in zip(self.header, inner, strict=True)
            )
            self._row_heights = [
                padding + max(self.font.leading, self._name_height(row.name, inner[0]))
                for row in self.rows
            ]
        return self._header_height, self._row_heights

    def _name_height(self, name: str | Flowable, width: float) -> float:
        return self.font.leading if isinstance(name, str) else name.wrap(width, 1e6)[1]

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        header, rows = self._layout()
        self.height = header + sum(rows)
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803
        header, rows = self._layout()
        used, fit = header, 0
        for height in rows:
            if used + height > availHeight:
                break
            used += height
            fit += 1
        if fit == 0:
            return []  # not even one row under the header: the whole of it goes on
        if fit == len(self.rows):
            return [self]
        return [self._part(self.rows[:fit], last=False), self._part(self.rows[fit:], last=True)]

    def _part(self, rows: list[HeatRow], last: bool) -> HeatMap:
        return HeatMap(self.header, rows, self.widths, self.font, last_part=last and self.last_part)

    # -- drawing -------------------------------------------------------------------------

    def draw(self) -> None:
        header_height, row_heights = self._layout()
        canvas = self.canv
        lefts = [sum(self.widths[:i]) for i in range(len(self.widths))]
        tops = [self.height - header_height]
        for height in row_heights:
            tops.append(tops[-1] - height)  # tops[i]: top of body row i; tops[-1]: bottom

        canvas.saveState()
        canvas.setFillColor(HEADER_FILL)
        canvas.rect(0, tops[0], self.width, header_height, stroke=0, fill=1)
        self._draw_fills(lefts, tops, row_heights)
        for paragraph, left, width in zip(self.header, lefts, self.widths, strict=True):
            inner = width - 2 * CELL_PADDING_X
            height = paragraph.wrap(inner, 1e6)[1]
            # middle of the header row, as the house table aligns its header
            y = tops[0] + (CELL_PADDING_BOTTOM + header_height - CELL_PADDING_TOP - height) / 2
            paragraph.drawOn(canvas, left + CELL_PADDING_X, y)
        self._draw_names(tops)
        self._draw_figures(lefts, tops)
        self._draw_rules(lefts, tops)
        canvas.restoreState()

    def _draw_fills(self, lefts: list[float], tops: list[float], heights: list[float]) -> None:
        by_colour: dict[str, list[tuple[float, float, float, float]]] = defaultdict(list)
        for row, top, height in zip(self.rows, tops, heights, strict=False):
            start, run = 1, None
            for column, cell in enumerate((*row.cells, None), start=1):
                fill = cell.fill if cell is not None else None
                if fill != run:
                    if run is not None and run != _NO_FILL:
                        x = lefts[start]
                        right = lefts[column - 1] + self.widths[column - 1]
                        by_colour[run].append((x, top - height, right - x, height))
                    start, run = column, fill
        for fill, rects in by_colour.items():
            self.canv.setFillColor(_colour(fill))
            for rect in rects:
                self.canv.rect(*rect, stroke=0, fill=1)

    def _text_y(self, top: float) -> float:
        # a plain string sits where the house table puts one: at the top, inside the padding
        return top - CELL_PADDING_TOP - self.font.size

    def _draw_names(self, tops: list[float]) -> None:
        canvas, font = self.canv, self.font
        text = canvas.beginText()
        text.setFillColor(_colour(font.ink))
        for row, top in zip(self.rows, tops, strict=False):
            if isinstance(row.name, str):
                text.setFont(font.bold if row.bold else font.regular, font.size, font.leading)
                text.setTextOrigin(CELL_PADDING_X, self._text_y(top))
                text.textOut(row.name)
            else:
                height = row.name.wrap(self.widths[0] - 2 * CELL_PADDING_X, 1e6)[1]
                row.name.drawOn(canvas, CELL_PADDING_X, top - CELL_PADDING_TOP - height)
        canvas.drawText(text)

    def _draw_figures(self, lefts: list[float], tops: list[float]) -> None:
        font = self.font
        by_ink: dict[str, list[tuple[float, float, str]]] = defaultdict(list)
        for row, top in zip(self.rows, tops, strict=False):
            y = self._text_y(top)
            for column, cell in enumerate(row.cells, start=1):
                if cell.text:
                    centre = lefts[column] + self.widths[column] / 2
                    width = _width(cell.text, font.regular, font.size)
                    by_ink[cell.ink].append((centre - width / 2, y, cell.text))
        for ink, figures in by_ink.items():
            text = self.canv.beginText()
            text.setFont(font.regular, font.size, font.leading)
            text.setFillColor(_colour(ink))
            for x, y, figure in figures:
                text.setTextOrigin(x, y)
                text.textOut(figure)
            self.canv.drawText(text)

    def _draw_rules(self, lefts: list[float], tops: list[float]) -> None:
        """The house table's rules, in its order, then the white grid over the cells."""
        canvas, width = self.canv, self.width
        canvas.setStrokeColor(LIGHT_RULE)
        canvas.setLineWidth(LIGHT_RULE_WIDTH)
        canvas.lines([(0, y, width, y) for y in tops])  # below the header and every row
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(RULE_WIDTH)
        ends = [(0, self.height, width, self.height), (0, tops[0], width, tops[0])]
        if self.last_part:
            ends.append((0, tops[-1], width, tops[-1]))
        canvas.lines(ends)
        canvas.setStrokeColor(colors.white)
        canvas.setLineWidth(GRID_WIDTH)
        first, bottom = lefts[1], tops[-1]
        grid = [(first, y, width, y) for y in tops]
        grid += [(x, bottom, x, tops[0]) for x in (*lefts[1:], width)]
        canvas.lines(grid)


@cache
def _colour(hex_colour: str) -> Any:
    return colors.HexColor(hex_colour)


@cache
def _width(text: str, font: str, size: float) -> float:
    width: float = stringWidth(text, font, size)
    return width
