"""The start page: every workflow drawn as boxes and arrows; a step opens its detail.

Each step box shows how many use scenes, use cases and countermeasures apply there (after the
filters) and, when an assessment is open, how far those countermeasures are answered.
Keyboard: the diagrams are one Tab stop (the step last focused); ← → move between steps,
↑ ↓ between flows, Home / End to a flow's first / last step, Enter opens.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QPointF, QRect, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFocusEvent,
    QFont,
    QFontMetrics,
    QKeyEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
    QPolygonF,
    QResizeEvent,
)
from PySide6.QtWidgets import (
    QAbstractButton,
    QFrame,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ...guideline import Flow, Step
from ..shell.navigation import Location
from ..widgets.style import ACCENT, ACCENT_LIGHT, INK, LINE, MUTED, PAGE
from ..widgets.text_wrap import widest_segment, wrap_lines
from .badges import provenance_badges_html

if TYPE_CHECKING:
    from ...assessment.scoring import Tally
    from ..shell.main_window import MainWindow


class StepBox(QAbstractButton):
    """One step of a flow: its name, counts and (with an assessment) progress."""

    def __init__(self, step: Step, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.step = step
        self.scenes = 0
        self.use_cases = 0
        self.countermeasures = 0
        self.progress: Tally | None = None
        # Text measurements, remembered until the font changes (layouts ask many times).
        self._measures: dict[object, int] = {}
        self._font_key = self.font().key()
        self._title_lines: dict[int, list[str]] = {}
        self.setObjectName(f"step_{step.id}")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setText(step.name)
        self.setToolTip(step.description)
        self.setAccessibleDescription(step.description)

    def set_counts(self, scenes: int, use_cases: int, countermeasures: int) -> None:
        self.scenes, self.use_cases, self.countermeasures = scenes, use_cases, countermeasures
        self._update_accessible_name()
        self.update()

    def set_progress(self, progress: Tally | None) -> None:
        self.progress = progress
        self._update_accessible_name()
        self.update()

    def count_lines(self) -> list[str]:
        if self.step.no_ai_use and not self.scenes:
            return [self.tr("生成AIの"), self.tr("典型的な"), self.tr("利用なし")]
        return [
            self.tr("利用シーン %1").replace("%1", str(self.scenes)),
            self.tr("ユースケース %1").replace("%1", str(self.use_cases)),
            self.tr("対策 %1").replace("%1", str(self.countermeasures)),
        ]

    def progress_text(self) -> str:
        if self.progress is None:
            return ""
        return (
            self.tr("回答 %1/%2")
            .replace("%1", str(self.progress.answered))
            .replace("%2", str(self.progress.total))
        )

    def _update_accessible_name(self) -> None:
        parts = [self.step.name, *self.count_lines()]
        if self.progress is not None:
            parts.append(self.progress_text())
        self.setAccessibleName("、".join(parts))

    # -- geometry -------------------------------------------------------------------------

    def title_font(self) -> QFont:
        font = QFont(self.font())
        font.setBold(True)
        return font

    def _measure(self, key: object, compute: Callable[[], int]) -> int:
        value = self._measures.get(key)
        if value is None:
            value = self._measures[key] = compute()
        return value

    def _em(self) -> int:
        return self._measure("em", lambda: QFontMetrics(self.font()).horizontalAdvance("あ"))

    def _line(self) -> int:
        return self._measure("line", lambda: QFontMetrics(self.font()).lineSpacing())

    def box_width(self) -> int:
        """Wide enough for the longest word group (「入院時アセスメント・」), 9 to 12 characters."""

        def compute() -> int:
            em = self._em()
            widest = widest_segment(self.step.name, QFontMetrics(self.title_font()))
            return max(em * 9, min(em * 12, widest + self._pad() * 2 + 2))

        return self._measure("width", compute)

    def title_lines(self, width: int) -> list[str]:
        """The step's name in lines that break only between words (ui/text_wrap)."""
        lines = self._title_lines.get(width)
        if lines is None:
            metrics = QFontMetrics(self.title_font())
            lines = wrap_lines(self.step.name, metrics, width - self._pad() * 2)
            self._title_lines[width] = lines
        return lines

    def title_height(self, width: int) -> int:
        return QFontMetrics(self.title_font()).lineSpacing() * len(self.title_lines(width))

    def content_height(self, width: int) -> int:
        line = self._line()
        height = self._pad() * 2 + self.title_height(width) + line // 2
        height += line * len(self.count_lines())
        if self.progress is not None:
            height += line * 2  # the bar and its "回答 n/m" line
        return height

    def _pad(self) -> int:
        return max(6, self._em() // 2)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        width = self.box_width()
        return QSize(width, self.content_height(width))

    # -- painting -------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = QRectF(self.rect()).adjusted(1.5, 1.5, -1.5, -1.5)
        quiet = bool(self.step.no_ai_use and not self.scenes)
        hovered = self.underMouse()
        background = QColor(ACCENT_LIGHT) if (hovered or self.isDown()) else QColor(PAGE)
        if quiet:
            background = QColor("#f1f3f6")
        border = QColor(ACCENT) if self.hasFocus() else QColor(LINE if quiet else "#8fa6ba")
        pen = QPen(border, 3 if self.hasFocus() else 1.2)
        if quiet:
            pen.setStyle(Qt.PenStyle.DashLine)
        painter.setPen(pen)
        painter.setBrush(background)
        painter.drawRoundedRect(rect, 6, 6)

        pad = self._pad()
        inner = self.rect().adjusted(pad, pad, -pad, -pad)
        painter.setFont(self.title_font())
        painter.setPen(QColor(INK if not quiet else MUTED))
        title_h = self.title_height(self.width())
        painter.drawText(
            QRect(inner.left(), inner.top(), inner.width(), title_h),
            Qt.AlignmentFlag.AlignLeft,
            "\n".join(self.title_lines(self.width())),
        )
        metrics = QFontMetrics(self.font())
        line = metrics.lineSpacing()
        y = inner.top() + title_h + line // 2
        painter.setFont(self.font())
        painter.setPen(QColor(MUTED))
        for text in self.count_lines():
            painter.drawText(
                QRect(inner.left(), y, inner.width(), line), Qt.AlignmentFlag.AlignLeft, text
            )
            y += line
        if self.progress is not None:
            y += line // 4
            bar = QRectF(inner.left(), y + line * 0.15, inner.width(), line * 0.3)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor("#e3e8ee"))
            painter.drawRoundedRect(bar, 2, 2)
            share = self.progress.progress if self.progress.total else 0.0
            done = QRectF(bar.left(), bar.top(), bar.width() * share, bar.height())
            painter.setBrush(QColor(ACCENT))
            painter.drawRoundedRect(done, 2, 2)
            painter.setPen(QColor(INK))
            painter.drawText(
                QRect(inner.left(), int(y + line * 0.5), inner.width(), line),
                Qt.AlignmentFlag.AlignLeft,
                self.progress_text(),
            )

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        # Style sheets repolish with the same font, too: only a new font is a change.
        if event.type() == QEvent.Type.FontChange and self.font().key() != self._font_key:
            self.forget_measures()
            diagram = self.parentWidget()
            if isinstance(diagram, FlowDiagram):
                diagram.relayout(contents_changed=True)
        super().changeEvent(event)

    def forget_measures(self) -> None:
        self._font_key = self.font().key()
        self._measures.clear()
        self._title_lines.clear()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.click()
            return
        super().keyPressEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802 - Qt override
        super().focusInEvent(event)
        scroll = _scroll_area_of(self)
        if scroll is not None:
            scroll.ensureWidgetVisible(self, 24, 24)

    def enterEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        self.update()
        super().enterEvent(event)

    def leaveEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        self.update()
        super().leaveEvent(event)


class FlowDiagram(QWidget):
    """The steps of one flow as boxes in rows, joined by arrows; rows wrap to the width."""

    def __init__(self, flow: Flow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.flow = flow
        self.boxes = [StepBox(step, self) for step in flow.steps]
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


class FlowSection(QFrame):
    """A flow's name, description and source, above its diagram."""

    def __init__(self, window: MainWindow, flow: Flow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.flow = flow
        self.setObjectName(f"flow_{flow.id}")
        self.setFrameShape(QFrame.Shape.NoFrame)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 8)
        layout.setSpacing(4)
        g = window.guideline
        assert g is not None
        settings = "・".join(s.label for s in flow.settings)
        self.heading = QLabel(self)
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        self.heading.setText(
            f'<span style="font-size:x-large; font-weight:bold;">{html.escape(flow.name)}</span>'
            f'&nbsp;&nbsp;<span style="color:{MUTED};">{html.escape(settings)}</span>'
            f"&nbsp;&nbsp;{provenance_badges_html(g.provenance_of(flow))}"
        )
        self.heading.setAccessibleName(flow.name)
        layout.addWidget(self.heading)
        self.description = QLabel(flow.description, self)
        self.description.setWordWrap(True)
        self.description.setStyleSheet(f"color: {MUTED};")
        layout.addWidget(self.description)
        self.diagram = FlowDiagram(flow, self)
        layout.addWidget(self.diagram)
        for box in self.diagram.boxes:
            box.clicked.connect(lambda _=False, s=box.step: window_open_step(window, s))


def window_open_step(window: MainWindow, step: Step) -> None:
    # Coming back (Alt+←) lands on the same box.
    window.update_location(Location("workflow", "", step.id))
    window.navigate(Location("step", step.id))


class WorkflowView(QScrollArea):
    """All flows, one under another, each as a flow diagram."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__()
        self._window = window
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setAccessibleName(self.tr("業務フロー"))
        self.sections: list[FlowSection] = []
        self._content = QWidget()
        self._content.setObjectName("workflowContent")
        self._content.setStyleSheet(f"QWidget#workflowContent {{ background: {PAGE}; }}")
        self._layout = QVBoxLayout(self._content)
        self._layout.setContentsMargins(28, 20, 28, 28)
        self._layout.setSpacing(10)
        title = QLabel(self._content)
        title.setText(
            '<span style="font-size:xx-large; font-weight:bold;">'
            + self.tr("業務の流れから探す")
            + "</span>"
        )
        self._layout.addWidget(title)
        intro = QLabel(self._content)
        intro.setWordWrap(True)
        intro.setText(
            self.tr(
                "業務のステップを選ぶと、そこで生成AIが使われる場面（利用シーン）と、"
                "関係するユースケース・リスク・対策が表示されます。"
                "各ステップの数字は、いまの絞り込みで該当する件数です。"
                "キーボードでは、矢印キーでステップを移り、Enter で開きます。"
            )
        )
        self._layout.addWidget(intro)
        self.hidden_note = QLabel(self._content)
        self.hidden_note.setStyleSheet(f"color: {ACCENT};")
        self._layout.addWidget(self.hidden_note)
        g = window.guideline
        assert g is not None
        for flow in g.flows:
            section = FlowSection(window, flow, self._content)
            self.sections.append(section)
            self._layout.addWidget(section)
        self._layout.addStretch(1)
        self.setWidget(self._content)
        self._wire_keyboard()
        window.filters.changed.connect(self.refresh)
        window.assessment_context.changed.connect(self.refresh_progress)
        self.refresh()

    def boxes(self) -> list[StepBox]:
        return [box for section in self.sections for box in section.diagram.boxes]

    def box(self, step_id: str) -> StepBox | None:
        return next((b for b in self.boxes() if b.step.id == step_id), None)

    def visible_sections(self) -> list[FlowSection]:
        return [s for s in self.sections if not s.isHidden()]

    def refresh(self) -> None:
        g = self._window.guideline
        assert g is not None
        f = self._window.filters.current
        hidden = 0
        for section in self.sections:
            visible = f.flow_visible(section.flow)
            section.setHidden(not visible)
            hidden += 0 if visible else 1
            for box in section.diagram.boxes:
                box.set_counts(
                    len(f.scenes_for_step(g, box.step.id)),
                    len(f.use_cases_for_step(g, box.step.id)),
                    len(f.countermeasures_for_step(g, box.step.id)),
                )
            section.diagram.relayout(contents_changed=True)
        self.hidden_note.setText(
            self.tr("施設の絞り込みにより、%1 件の業務フローを表示していません。").replace(
                "%1", str(hidden)
            )
            if hidden
            else ""
        )
        self.hidden_note.setHidden(not hidden)
        self._keep_tab_stop_visible()
        self.refresh_progress()

    def refresh_progress(self) -> None:
        context = self._window.assessment_context
        for box in self.boxes():
            box.set_progress(context.step_progress(box.step.id))
        for section in self.sections:
            section.diagram.relayout(contents_changed=True)

    # -- keyboard -------------------------------------------------------------------------

    def _wire_keyboard(self) -> None:
        """One Tab stop for all diagrams (a roving focus): arrows move inside them."""
        for box in self.boxes():
            box.installEventFilter(self)
        self.set_tab_stop(self.boxes()[0] if self.boxes() else None)

    def tab_stop(self) -> StepBox | None:
        """The one box Tab lands on: the step focused last (at first, the first step)."""
        return next(
            (b for b in self.boxes() if b.focusPolicy() == Qt.FocusPolicy.StrongFocus), None
        )

    def set_tab_stop(self, target: StepBox | None) -> None:
        for box in self.boxes():
            box.setFocusPolicy(
                Qt.FocusPolicy.StrongFocus if box is target else Qt.FocusPolicy.ClickFocus
            )

    def _keep_tab_stop_visible(self) -> None:
        current = self.tab_stop()
        if current is None or not current.isVisibleTo(self):
            visible = [b for b in self.boxes() if b.isVisibleTo(self)]
            self.set_tab_stop(visible[0] if visible else None)

    def eventFilter(self, watched, event) -> bool:  # type: ignore[no-untyped-def]  # noqa: N802
        if isinstance(watched, StepBox):
            if event.type() == QEvent.Type.FocusIn:
                self.set_tab_stop(watched)
            elif event.type() == QEvent.Type.KeyPress:
                target = self._neighbour(watched, event.key())
                if target is not None:
                    target.setFocus(Qt.FocusReason.OtherFocusReason)
                    return True
        return super().eventFilter(watched, event)

    def _neighbour(self, box: StepBox, key: int) -> StepBox | None:
        sections = self.visible_sections()
        for s_index, section in enumerate(sections):
            boxes = section.diagram.boxes
            if box not in boxes:
                continue
            i = boxes.index(box)
            if key == Qt.Key.Key_Right and i + 1 < len(boxes):
                return boxes[i + 1]
            if key == Qt.Key.Key_Left and i > 0:
                return boxes[i - 1]
            if key == Qt.Key.Key_Down and s_index + 1 < len(sections):
                nxt = sections[s_index + 1].diagram.boxes
                return nxt[min(i, len(nxt) - 1)]
            if key == Qt.Key.Key_Up and s_index > 0:
                prev = sections[s_index - 1].diagram.boxes
                return prev[min(i, len(prev) - 1)]
            if key == Qt.Key.Key_Home:
                return boxes[0]
            if key == Qt.Key.Key_End:
                return boxes[-1]
        return None

    # -- page protocol --------------------------------------------------------------------

    def show_location(self, location: Location) -> None:
        target: QWidget | None = None
        if location.anchor:
            target = self.box(location.anchor)
        elif location.item:
            section = next((s for s in self.sections if s.flow.id == location.item), None)
            if section is not None:
                target = section.diagram.boxes[0]
                self.ensureWidgetVisible(section, 0, 0)
        if target is None or target.isHidden():
            visible = [b for b in self.boxes() if b.isVisibleTo(self)]
            target = visible[0] if visible else None
        if target is not None:
            target.setFocus(Qt.FocusReason.OtherFocusReason)

    def location_title(self, location: Location) -> str:
        return self.tr("業務フロー")


def _scroll_area_of(widget: QWidget) -> QScrollArea | None:
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QScrollArea):
            return parent
        parent = parent.parentWidget()
    return None
