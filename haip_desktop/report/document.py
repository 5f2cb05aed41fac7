"""The page frame: running header, "n / N" on every page, progress while laying out, the
outline (bookmarks) and the file's metadata.

The total page count is known only at the end, so the canvas keeps each finished page and
draws the page numbers when the document is saved (reportlab's two-stage numbering recipe).
A bookmark names the page that is current when it is made; with the pages held back, the
canvas holds the bookmarks back too and binds them page by page as it writes them.

A flowable carrying ``outline_entries`` ([(title, level)], see outlined()) gets an outline
entry pointing at where it was drawn: headings of sections, parts and groups.

Every PDF the app makes goes through ReportDocument; given a path, it lays the document out
in memory and writes the file through the one atomic writer (whole, or not at all).
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import IO, Any, TypeVar

from reportlab import rl_config
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate

from ..files import atomic_write_bytes
from .fonts import BOLD, REGULAR
from .styles import (
    FRAME_HEIGHT,
    FRAME_WIDTH,
    LIGHT_RULE,
    MARGIN_BOTTOM,
    MARGIN_LEFT,
    MARGIN_TOP,
    MUTED,
    PAGE_HEIGHT,
    PAGE_WIDTH,
    TEXT,
)

F = TypeVar("F", bound=Flowable)


def outlined(flowable: F, title: str, level: int = 0) -> F:
    """Mark a flowable (a heading) for an outline entry ``title`` at ``level`` (0: a section)."""
    entries = list(getattr(flowable, "outline_entries", []))
    entries.append((title, level))
    flowable.outline_entries = entries
    return flowable


# Compressed streams are written as they are, not also in ASCII85 (reportlab's default, a
# pure-Python encoding): the same pages, a quarter smaller, and saving a 60-page PDF takes
# 40 ms less.
rl_config.useA85 = 0


def page_label(number: int, total: int) -> str:
    return f"{number} / {total}"


def fit_text(text: str, width: float, size: float) -> str:
    """text shortened with '…' so that it fits in width (for one-line headers)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    if stringWidth(text, REGULAR, size) <= width:
        return text
    while text and stringWidth(text + "…", REGULAR, size) > width:
        text = text[:-1]
    return text + "…"


class NumberedCanvas(Canvas):  # type: ignore[misc]  # reportlab has no type information
    """A canvas that holds its pages until save() and then stamps 'n / N' on each."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._pages: list[dict[str, Any]] = []
        self._bookmarks: list[tuple[str, dict[str, Any]]] = []  # of the page being drawn

    def showPage(self) -> None:  # noqa: N802 (reportlab's name)
        self._pages.append(dict(self.__dict__))
        self._bookmarks = []
        self._startPage()

    def bookmarkPage(self, key: str, **kwargs: Any) -> None:  # noqa: N802 (reportlab's name)
        """Held back with the page: bound when the page is written (see save())."""
        self._bookmarks.append((key, kwargs))

    def save(self) -> None:
        total = len(self._pages)
        for state in self._pages:
            self.__dict__.update(state)
            self._draw_page_number(total)
            for key, kwargs in state["_bookmarks"]:
                super().bookmarkPage(key, **kwargs)
            super().showPage()
        self.page_count = total
        super().save()

    def _draw_page_number(self, total: int) -> None:
        self.saveState()
        self.setFont(REGULAR, 8.5)
        self.setFillColor(MUTED)
        self.drawCentredString(
            PAGE_WIDTH / 2, MARGIN_BOTTOM - 15, page_label(self.getPageNumber(), total)
        )
        self.restoreState()


class ReportDocument(BaseDocTemplate):  # type: ignore[misc]  # reportlab has no type information
    """A4 portrait, one frame, a running header with the report's name and facility (and a
    handling mark such as 院内限り when one is given), an outline of the headings.

    ``title`` (each kind of report its own), ``author`` (the facility, or the app),
    ``subject`` and ``keywords`` go into the file's metadata.
    """

    def __init__(
        self,
        target: str | Path | IO[bytes],
        header_left: str,
        header_right: str,
        title: str,
        author: str,
        progress: Callable[[int, int], None] | None = None,
        *,
        subject: str,
        keywords: Sequence[str] = (),
        marking: str = "",
    ) -> None:
        self._path = Path(target) if isinstance(target, str | Path) else None
        self._buffer = io.BytesIO()
        super().__init__(
            self._buffer if self._path is not None else target,
            pagesize=(PAGE_WIDTH, PAGE_HEIGHT),
            leftMargin=MARGIN_LEFT,
            rightMargin=MARGIN_LEFT,
            topMargin=MARGIN_TOP,
            bottomMargin=MARGIN_BOTTOM,
            title=title,
            author=author,
            subject=subject,
            keywords=[k for k in keywords if k],
            creator="HAIP Desktop",
            # The canvas would otherwise start in Helvetica, which is never embedded.
            initialFontName=REGULAR,
            lang="ja-JP",
            invariant=False,
        )
        self._header_left = header_left
        self._header_right = header_right
        self._marking = marking
        self._progress = progress
        self._outline_level = -1
        self._outline_keys = 0
        self._story: list[Flowable] = []
        self._total = 0
        self._reported = -1
        frame = Frame(
            MARGIN_LEFT,
            MARGIN_BOTTOM,
            FRAME_WIDTH,
            FRAME_HEIGHT,
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
            id="body",
        )
        self.addPageTemplates([PageTemplate("page", [frame], onPage=self._decorate)])

    def _decorate(self, canvas: Canvas, _doc: BaseDocTemplate) -> None:
        canvas.saveState()
        canvas.setFont(REGULAR, 7.5)
        canvas.setFillColor(MUTED)
        y = PAGE_HEIGHT - MARGIN_TOP + 8
        right_width = canvas.stringWidth(self._header_right, REGULAR, 7.5)
        room = FRAME_WIDTH - right_width - 12
        canvas.drawString(MARGIN_LEFT, y, fit_text(self._header_left, room, 7.5))
        canvas.drawRightString(PAGE_WIDTH - MARGIN_LEFT, y, self._header_right)
        canvas.setStrokeColor(LIGHT_RULE)
        canvas.setLineWidth(0.5)
        canvas.line(MARGIN_LEFT, y - 3, PAGE_WIDTH - MARGIN_LEFT, y - 3)
        if self._marking:
            self._draw_marking(canvas, y + 12)
        canvas.restoreState()

    def _draw_marking(self, canvas: Canvas, y: float) -> None:
        """The handling mark, boxed in black at the top right (it must survive grey print)."""
        size = 9.0
        width = canvas.stringWidth(self._marking, BOLD, size) + 10
        right = PAGE_WIDTH - MARGIN_LEFT
        canvas.setStrokeColor(TEXT)
        canvas.setLineWidth(0.9)
        canvas.rect(right - width, y - 3.5, width, size + 6, stroke=1, fill=0)
        canvas.setFillColor(TEXT)
        canvas.setFont(BOLD, size)
        canvas.drawCentredString(right - width / 2, y, self._marking)

    def afterFlowable(self, flowable: Flowable) -> None:  # noqa: N802 (reportlab's name)
        for title, level in getattr(flowable, "outline_entries", ()):
            # reportlab refuses a level more than one below the previous entry's
            level = max(0, min(level, self._outline_level + 1))
            self._outline_level = level
            self._outline_keys += 1
            key = f"outline-{self._outline_keys}"
            top = min(self.frame._y + getattr(flowable, "height", 0) + 14, PAGE_HEIGHT)
            self.canv.bookmarkPage(key, fit="XYZ", top=top, left=0, zoom=0)
            self.canv.addOutlineEntry(title, key, level=level, closed=level >= 1)
            self.canv.showOutline()  # a reader opens the file with the bookmarks shown

    def handle_flowable(self, flowables: list[Flowable]) -> None:
        # reportlab also calls this for its internal "hanging" list; only the story counts.
        if self._progress is not None and flowables is self._story:
            done = self._total - len(flowables)
            if done > self._reported:  # a split table puts its rest back: no step back
                self._reported = done
                self._progress(done, self._total)
        super().handle_flowable(flowables)

    def render(self, story: list[Flowable]) -> int:
        """Lay out and write the story; returns the number of pages."""
        self._story = story  # reportlab consumes this very list while laying out
        self._total = len(story)
        self._reported = -1
        self._outline_level = -1
        self._outline_keys = 0
        canvases: list[NumberedCanvas] = []

        def make_canvas(*args: Any, **kwargs: Any) -> NumberedCanvas:
            canvas = NumberedCanvas(*args, **kwargs)
            canvases.append(canvas)
            return canvas

        self.build(story, canvasmaker=make_canvas)
        if self._path is not None:
            atomic_write_bytes(self._path, self._buffer.getvalue())
        if self._progress is not None:
            self._progress(self._total, self._total)
        return canvases[-1].page_count
