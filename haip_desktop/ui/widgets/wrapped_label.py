"""A label for a long Japanese title that breaks its lines between words (see text_wrap)."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QFont, QResizeEvent
from PySide6.QtWidgets import QApplication, QLabel, QSizePolicy, QWidget

from .text_wrap import widest_unit, wrap_lines


class WrappedTitle(QLabel):
    """Shows `text` in as many lines as its width needs, never leaving 「ン」 alone on a line."""

    def __init__(self, text: str, scale: float = 1.6, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.full_text = text
        self._scale = scale
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setAccessibleName(text)
        policy = QSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Minimum)
        self.setSizePolicy(policy)
        self._apply_font()
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.fontChanged.connect(self._apply_font)  # text size (zoom) changed

    def _apply_font(self, *_: object) -> None:
        font = QFont(QApplication.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * self._scale)
        self.setFont(font)
        self._rewrap()

    def lines(self) -> list[str]:
        width = self.contentsRect().width()
        if width <= 0:
            return [self.full_text]
        return wrap_lines(self.full_text, self.fontMetrics(), width)

    def _rewrap(self) -> None:
        text = "\n".join(self.lines())
        if text != self.text():
            self.setText(text)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        metrics = self.fontMetrics()
        return QSize(widest_unit(self.full_text, metrics), metrics.height())

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        hint = super().sizeHint()
        return QSize(self.minimumSizeHint().width(), hint.height())

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._rewrap()
