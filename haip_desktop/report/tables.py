"""Tables that break between rows, never leaving a lone row on a page, and kept with their
headings.

reportlab's Table with splitInRow first splits at a row boundary, then puts the remainder
back into the same frame, where it splits again inside the next row: a repeated header and
half a row would end the page. Here the remainder goes to the next page instead, unless its
first row is taller than a whole page (a very long note), which must be split anyway.

A table breaks only where at least MIN_ROWS rows stay on each side: no page ends with one
row of a table under its header, and none starts with the last row alone (a table of fewer
than 2 × MIN_ROWS rows moves to the next page whole, when it fits there).

room_for_table() is a conditional page break measured when the page is laid out: the
heading, the notes under it and the table's header with its first rows must fit, or they
all start the next page together (a heading never ends a page alone).
"""

from __future__ import annotations

from typing import Any, TypeAlias

from reportlab.platypus import CondPageBreak, Flowable, Table

from .styles import FRAME_HEIGHT

MIN_ROWS = 2  # body rows that stay together at each end of a split table

# What a table's cell holds: text, a flowable (a Paragraph), or flowables stacked.
TableCell: TypeAlias = Flowable | str | list[Flowable]


class ReportTable(Table):  # type: ignore[misc]  # reportlab has no type information
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("splitInRow", 1)
        super().__init__(*args, **kwargs)

    @property
    def header_rows(self) -> int:
        return self.repeatRows if isinstance(self.repeatRows, int) else 0

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803
        self._calc(availWidth, availHeight)
        if self._width > availWidth or not self.splitInRow:
            whole: list[Flowable] = super().split(availWidth, availHeight)
            return whole
        header_rows = self.header_rows
        heights: list[float] = self._rowHeights
        lo, hi = header_rows + MIN_ROWS, len(heights) - MIN_ROWS
        if sum(heights[:lo]) > FRAME_HEIGHT / 2:
            lo = header_rows + 1  # rows so tall that two of them would not follow a heading
        if lo <= hi:
            # reportlab's: split only before rows lo..hi
            self._rowSplitRange: tuple[int, int] | None = (lo, hi)
            try:
                parts: list[Flowable] = self._splitRows(availHeight, doInRowSplit=False)
            finally:
                self._rowSplitRange = None
            if parts:
                return parts
        # Moved once already, or at the top of a page: moving again would not help.
        frame = getattr(self, "_frame", None)
        must_split = getattr(self, "_postponed", False) or getattr(frame, "_atTop", False)
        if not must_split and sum(heights[: header_rows + 1]) <= FRAME_HEIGHT:
            return []  # the next page starts with it
        split: list[Flowable] = self._splitRows(availHeight, doInRowSplit=False) or self._splitRows(
            availHeight, doInRowSplit=True
        )
        return split

    def opening_height(self, width: float) -> float:
        """The height of the header and of the rows that must start on one page with it."""
        self.wrap(width, FRAME_HEIGHT)
        heights: list[float] = self._rowHeights
        body = len(heights) - self.header_rows
        first = self.header_rows + (MIN_ROWS if body >= 2 * MIN_ROWS else body)
        return sum(heights[:first])


class RoomForTable(CondPageBreak):  # type: ignore[misc]  # reportlab has no type information
    """A page break unless `lead` (a heading, a note) and the opening of `table` fit."""

    def __init__(self, lead: list[Flowable], table: ReportTable) -> None:
        super().__init__(0)
        self._lead = lead
        self._table = table

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        needed = self._table.opening_height(availWidth)
        for flowable in self._lead:
            _, height = flowable.wrap(availWidth, FRAME_HEIGHT)
            needed += height + flowable.getSpaceBefore() + flowable.getSpaceAfter()
        # Never more than a page: a break would then come again on every page.
        self.height = min(needed, FRAME_HEIGHT * 0.9)
        size: tuple[float, float] = super().wrap(availWidth, availHeight)
        return size


def keep_with_table(lead: list[Flowable], table: ReportTable) -> list[Flowable]:
    """The heading and notes of a table, and the table, starting on one page."""
    for flowable in lead:
        # reportlab's keep-with-next would hold the whole table with its heading and break
        # the page before any table longer than the room left; the room is measured here.
        flowable.keepWithNext = 0
    return [RoomForTable(lead, table), *lead, table]
