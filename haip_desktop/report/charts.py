"""Small charts: a stacked status bar (drawn straight on the canvas) and its legend (a
reportlab.graphics Drawing)."""

from __future__ import annotations

from reportlab.graphics.shapes import Drawing, Rect, String
from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from ..assessment.models import Status
from ..assessment.scoring import Tally
from .fonts import REGULAR
from .styles import ACCENT, MUTED, RULE, STATUS_FILL, STATUS_ORDER, TEXT


def _drawing(width: float, height: float) -> Drawing:
    """A Drawing whose text state starts in our font (reportlab's default is Helvetica,
    which would be referenced in the PDF without being embedded)."""
    drawing = Drawing(width, height)
    drawing.initialFontName = REGULAR
    return drawing


def status_counts(t: Tally) -> dict[Status, int]:
    return {
        Status.DONE: t.done,
        Status.PARTIAL: t.partial,
        Status.NOT_DONE: t.not_done,
        Status.UNANSWERED: t.unanswered,
        Status.NOT_APPLICABLE: t.not_applicable,
    }


def status_bar(t: Tally, width: float, height: float = 3.2 * mm) -> Flowable:
    """One bar split by status, in proportion to the counts (empty outline when total is 0)."""
    return StatusBar(t, width, height)


class StatusBar(Flowable):  # type: ignore[misc]  # reportlab has no type information
    """The status bar, drawn straight on the canvas: a report has one per facility or per
    part, and building and rendering a Drawing for each cost more than the rest of its row."""

    def __init__(self, t: Tally, width: float, height: float) -> None:
        super().__init__()
        self.width, self.height = width, height
        counts = status_counts(t)
        self.segments = [
            (STATUS_FILL[status], width * counts[status] / t.total)
            for status in STATUS_ORDER
            if t.total and counts[status]
        ]

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        canvas.saveState()
        x = 0.0
        for colour, w in self.segments:
            canvas.setFillColor(colour)
            canvas.rect(x, 0, w, self.height, stroke=0, fill=1)
            x += w
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.4)
        canvas.rect(0, 0, self.width, self.height, stroke=1, fill=0)
        canvas.restoreState()


def legend(width: float, with_counts: Tally | None = None) -> Drawing:
    """Coloured squares with the status names (and counts when a tally is given): every
    status bar is explained in words, not by colour alone."""
    height = 4.5 * mm
    drawing = _drawing(width, height)
    x = 0.0
    step = width / len(STATUS_ORDER)
    counts = status_counts(with_counts) if with_counts else {}
    for status in STATUS_ORDER:
        drawing.add(
            Rect(x, 1.2, 7, 7, fillColor=STATUS_FILL[status], strokeColor=RULE, strokeWidth=0.4)
        )
        label = status.label
        if with_counts is not None:
            label += f" {counts[status]}件"
        drawing.add(String(x + 10, 2, label, fontName=REGULAR, fontSize=7.5, fillColor=TEXT))
        x += step
    return drawing


def percent_bar(share: float, width: float, height: float = 3.2 * mm) -> Drawing:
    """A plain 0..100 % bar in the accent colour (used for 回答率)."""
    drawing = _drawing(width, height)
    drawing.add(Rect(0, 0, width * share, height, fillColor=ACCENT, strokeColor=None))
    drawing.add(Rect(0, 0, width, height, fillColor=None, strokeColor=MUTED, strokeWidth=0.4))
    return drawing
