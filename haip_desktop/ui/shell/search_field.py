"""The search box: as wide as the filter bar's line allows, its hint never cut.

At large text sizes on a laptop the box shares its line with the filter buttons rather than
take a line of its own: it narrows down to `MIN_EM` and its hint becomes the shorter
「検索 (Ctrl+F)」 or 「検索」 (the tooltip keeps the whole 「ガイドラインを検索 (Ctrl+F)」).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QLineEdit, QStyle, QStyleOptionFrame, QWidget

MIN_EM = 8  # widths in full-width characters of the current text size
MAX_EM = 24


class SearchField(QLineEdit):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("searchField")
        # Longest first: the first that fits is shown.
        self.hints = [
            self.tr("ガイドラインを検索 (Ctrl+F)"),
            self.tr("検索 (Ctrl+F)"),
            self.tr("検索"),
        ]
        self._size_to_font()

    def _size_to_font(self) -> None:
        em = self.fontMetrics().horizontalAdvance("あ")
        self.setMinimumWidth(MIN_EM * em)
        self.setMaximumWidth(MAX_EM * em)
        self._choose_hint()

    def _text_room(self) -> int:
        """The width the hint is drawn in: the box without its frame, padding, clear button."""
        option = QStyleOptionFrame()
        self.initStyleOption(option)
        inner = self.style().subElementRect(QStyle.SubElement.SE_LineEditContents, option, self)
        margins = self.textMargins()
        clear = self.height() if self.isClearButtonEnabled() else 0
        return inner.width() - margins.left() - margins.right() - clear

    def _choose_hint(self) -> None:
        room = self._text_room()
        metrics = self.fontMetrics()
        hint = next((h for h in self.hints if metrics.horizontalAdvance(h) <= room), self.hints[-1])
        if hint != self.placeholderText():
            self.setPlaceholderText(hint)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._size_to_font()  # the text size (zoom) changed

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._choose_hint()
