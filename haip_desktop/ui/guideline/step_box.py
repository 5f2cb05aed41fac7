"""One step of a flow drawn as a box: its name, counts and (with an assessment) progress.

The counts are the use scenes, the use cases and what staff do there (現場の手順, the
step-level countermeasures). A step the setting filter leaves without generative-AI use is
greyed out, but stays reachable: it can be focused and opened, and says why it is grey.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QEvent, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QEnterEvent,
    QFocusEvent,
    QFont,
    QFontMetrics,
    QKeyEvent,
    QPainter,
    QPaintEvent,
    QPen,
)
from PySide6.QtWidgets import QAbstractButton, QScrollArea, QWidget

from ...guideline import Step
from ..widgets.style import ACCENT, ACCENT_LIGHT, INK, LINE, MUTED, PAGE
from ..widgets.text_wrap import widest_segment, wrap_lines

if TYPE_CHECKING:
    from ...assessment.scoring import Tally


class StepNavigation(Protocol):
    """What moves the keyboard focus between the boxes of several diagrams (the start page)."""

    def step_focused(self, box: StepBox) -> None:
        """`box` got the focus: it becomes the diagrams' one Tab stop."""

    def step_for_key(self, box: StepBox, key: int) -> StepBox | None:
        """The box an arrow, Home or End key moves to from `box`; None: not such a key."""


GREYED = "#f1f3f6"  # a step without generative-AI use (here, or in the chosen facility)
GREYED_HOVER = "#e6eaef"


class StepBox(QAbstractButton):
    """One step of a flow: its name, counts and (with an assessment) progress."""

    font_changed = Signal()  # measures were forgotten: the diagram lays the boxes out again

    def __init__(self, step: Step, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.step = step
        self.scenes = 0
        self.use_cases = 0
        self.step_actions = 0
        self.filtered_out_by: str | None = None  # the setting that leaves the step without AI use
        self.progress: Tally | None = None
        self.navigation: StepNavigation | None = None  # arrows, Home, End; the Tab stop
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

    def set_counts(
        self, scenes: int, use_cases: int, step_actions: int, filtered_out_by: str | None = None
    ) -> None:
        """The counts after the filters; `filtered_out_by` names the setting (薬局) under which
        the step has no generative-AI use, so it is drawn greyed out."""
        self.scenes, self.use_cases, self.step_actions = scenes, use_cases, step_actions
        self.filtered_out_by = filtered_out_by
        self._update_accessible_name()
        self.update()

    @property
    def quiet(self) -> bool:
        """No typical generative-AI use at this step (said in the data)."""
        return bool(self.step.no_ai_use and not self.scenes)

    @property
    def greyed(self) -> bool:
        """Drawn greyed out: no AI use here at all, or none in the chosen kind of facility."""
        return self.quiet or self.filtered_out_by is not None

    def set_progress(self, progress: Tally | None) -> None:
        self.progress = progress
        self._update_accessible_name()
        self.update()

    def count_lines(self) -> list[str]:
        if self.quiet:
            return [self.tr("生成AIの"), self.tr("典型的な"), self.tr("利用なし")]
        if self.filtered_out_by is not None:
            return [
                self.tr("%1では").replace("%1", self.filtered_out_by),
                self.tr("生成AIの"),
                self.tr("利用場面なし"),
            ]
        return [
            self.tr("利用シーン %1").replace("%1", str(self.scenes)),
            self.tr("ユースケース %1").replace("%1", str(self.use_cases)),
            self.tr("現場の手順 %1").replace("%1", str(self.step_actions)),
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
        description = self.step.description
        if self.filtered_out_by is not None:
            why = self.tr(
                "施設の絞り込み（%1）では、このステップで生成AIが使われる場面がなく、"
                "現場の手順もないため灰色で示しています。開くことはできます。"
            ).replace("%1", self.filtered_out_by)
            description = why + "\n" + description
        self.setAccessibleDescription(description)
        self.setToolTip(description)

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
        greyed = self.greyed
        hovered = self.underMouse()
        background = QColor(ACCENT_LIGHT) if (hovered or self.isDown()) else QColor(PAGE)
        if greyed:
            background = QColor(GREYED_HOVER if hovered or self.isDown() else GREYED)
        border = QColor(ACCENT) if self.hasFocus() else QColor(LINE if greyed else "#8fa6ba")
        pen = QPen(border, 3 if self.hasFocus() else 1.2)
        if greyed and not self.hasFocus():
            pen.setStyle(Qt.PenStyle.DashLine)
        painter.setPen(pen)
        painter.setBrush(background)
        painter.drawRoundedRect(rect, 6, 6)

        pad = self._pad()
        inner = self.rect().adjusted(pad, pad, -pad, -pad)
        painter.setFont(self.title_font())
        painter.setPen(QColor(INK if not greyed else MUTED))
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
            self.font_changed.emit()
        super().changeEvent(event)

    def forget_measures(self) -> None:
        self._font_key = self.font().key()
        self._measures.clear()
        self._title_lines.clear()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.click()
            return
        target = self.navigation.step_for_key(self, event.key()) if self.navigation else None
        if target is not None:
            target.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        super().keyPressEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802 - Qt override
        if self.navigation is not None:
            self.navigation.step_focused(self)
        super().focusInEvent(event)
        scroll = _scroll_area_of(self)
        if scroll is not None:
            scroll.ensureWidgetVisible(self, 24, 24)

    def enterEvent(self, event: QEnterEvent) -> None:  # noqa: N802 - Qt override
        self.update()
        super().enterEvent(event)

    def leaveEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        self.update()
        super().leaveEvent(event)


def _scroll_area_of(widget: QWidget) -> QScrollArea | None:
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QScrollArea):
            return parent
        parent = parent.parentWidget()
    return None
