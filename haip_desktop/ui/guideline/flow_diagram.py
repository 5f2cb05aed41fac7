"""The steps of one flow as boxes in rows joined by arrows; the rows wrap to the width."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPointF, QRect, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFontMetrics,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
    QPolygonF,
    QResizeEvent,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from ...guideline import Flow
from .step_box import StepBox


class FlowDiagram(QWidget):
    """The steps of one flow as boxes in rows, joined by arrows; rows wrap to the width."""

    def __init__(self, flow: Flow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.flow = flow
        self.boxes = [StepBox(step, self) for step in flow.steps]
        for box in self.boxes:
            box.font_changed.connect(lambda: self.relayout(contents_changed=True))
        self._rects: list[QRect] = []
        self._height = 0
        # Layouts by width, until the boxes' contents or the font change.
        self._layouts: dict[int, tuple[list[QRect], int]] = {}
        self._font_key = self.font().key()
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self.setAccessibleName(self.tr("%1 の業務ステップ").replace("%1", flow.name))

    def _metrics(self) -> tuple[int, int, int, int]:
        em = QFontMetrics(self.font()).horizontalAdvance("あ")
        width = max(box.box_width() for box in self.boxes)
        gap = int(em * 2.2)
        row_gap = int(QFontMetrics(self.font()).lineSpacing() * 1.6)
        return width, gap, row_gap, em

    def _layout(self, total_width: int) -> tuple[list[QRect], int]:
        cached = self._layouts.get(total_width)
        if cached is None:
            cached = self._layouts[total_width] = self._compute_layout(total_width)
        return cached

    def _compute_layout(self, total_width: int) -> tuple[list[QRect], int]:
        width, gap, row_gap, em = self._metrics()
        margin = em // 2
        per_row = max(1, (total_width - 2 * margin + gap) // (width + gap))
        height = max(box.content_height(width) for box in self.boxes)
        rects = []
        for index in range(len(self.boxes)):
            row, col = divmod(index, per_row)
            rects.append(
                QRect(
                    margin + col * (width + gap), margin + row * (height + row_gap), width, height
                )
            )
        rows = (len(self.boxes) + per_row - 1) // per_row
        return rects, 2 * margin + rows * height + (rows - 1) * row_gap

    def relayout(self, contents_changed: bool = False) -> None:
        """Place the boxes again: after a resize, or (`contents_changed`) new counts,
        progress or font."""
        if contents_changed:
            self._layouts.clear()
        rects, height = self._layout(max(self.width(), 200))
        self._rects = rects
        for box, rect in zip(self.boxes, rects, strict=True):
            box.setGeometry(rect)
        if height != self._height:
            self._height = height
            self.updateGeometry()
        self.update()

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt override
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt override
        return self._layout(width)[1]

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        width = max(box.box_width() for box in self.boxes)
        return QSize(width + QFontMetrics(self.font()).horizontalAdvance("あ"), self._height)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        width, gap, _, em = self._metrics()
        full = len(self.boxes) * (width + gap) - gap + em
        _, height = self._layout(self.width() if self.width() > 200 else full)
        return QSize(min(full, 1200), height)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self.relayout()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        # Style sheets repolish with the same font, too: only a new font is a change.
        if event.type() == QEvent.Type.FontChange and self.font().key() != self._font_key:
            self._font_key = self.font().key()
            for box in self.boxes:  # whichever of us hears of the new font first
                box.forget_measures()
            self.relayout(contents_changed=True)
        super().changeEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        if len(self._rects) < 2:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        colour = QColor("#7b8fa3")
        painter.setPen(QPen(colour, 1.6))
        head = max(5.0, QFontMetrics(self.font()).horizontalAdvance("あ") * 0.4)
        for a, b in zip(self._rects, self._rects[1:], strict=False):
            path = QPainterPath()
            if a.top() == b.top():  # same row: straight across
                start = QPointF(a.right() + 3, a.center().y())
                end = QPointF(b.left() - 3, b.center().y())
                path.moveTo(start)
                path.lineTo(end)
                direction = QPointF(1, 0)
            else:  # next row: down, back to the left, down into the next box
                mid_y = (a.bottom() + b.top()) / 2
                start = QPointF(a.center().x(), a.bottom() + 3)
                end = QPointF(b.center().x(), b.top() - 3)
                path.moveTo(start)
                path.lineTo(start.x(), mid_y)
                path.lineTo(end.x(), mid_y)
                path.lineTo(end)
                direction = QPointF(0, 1)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawPath(path)
            painter.setBrush(colour)
            normal = QPointF(-direction.y(), direction.x())
            tip = end
            base = tip - direction * head
            painter.drawPolygon(
                QPolygonF([tip, base + normal * head * 0.55, base - normal * head * 0.55])
            )
