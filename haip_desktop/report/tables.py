"""Tables that break between rows, and inside a row only when the row cannot fit on a page.

reportlab's Table with splitInRow first splits at a row boundary, then puts the remainder
back into the same frame, where it splits again inside the next row: a repeated header and
half a row would end the page. Here the remainder goes to the next page instead, unless its
first row is taller than a whole page (a very long note), which must be split anyway.
"""

from __future__ import annotations

from typing import Any

from reportlab.platypus import Flowable, Table

from .styles import FRAME_HEIGHT


class ReportTable(Table):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("splitInRow", 1)
        super().__init__(*args, **kwargs)

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803
        self._calc(availWidth, availHeight)
        if self._width > availWidth or not self.splitInRow:
            return super().split(availWidth, availHeight)
        parts = self._splitRows(availHeight, doInRowSplit=False)
        if parts:
            return parts
        header_rows = self.repeatRows if isinstance(self.repeatRows, int) else 0
        heights = self._rowHeights
        needed = sum(heights[: header_rows + 1])
        if needed <= FRAME_HEIGHT:
            return []  # fits on the next page whole: move it there
        return self._splitRows(availHeight, doInRowSplit=True)
