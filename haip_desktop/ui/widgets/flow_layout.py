"""A layout that places widgets left to right and wraps to a new line when the width runs out.

Used for rows of controls that must stay whole at large text sizes (filters and search box).
A widget added with `add_right_aligned` sits at the right end of its line and takes the room
left there, between its minimum and maximum width (the search box: narrower rather than on a
line of its own, as long as its minimum fits).
"""

from __future__ import annotations

from PySide6.QtCore import QMargins, QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QLayout, QLayoutItem, QWidget


class FlowLayout(QLayout):
    def __init__(self, parent: QWidget | None = None, spacing: int = 6) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._spacing = spacing
        # Widgets pushed to the right end of their line, taking what room is left there.
        self._right_aligned: set[int] = set()

    def addItem(self, item: QLayoutItem) -> None:  # noqa: N802 - Qt override
        self._items.append(item)

    def add_right_aligned(self, widget: QWidget) -> None:
        """Add a widget that sits at the right end of its line and fills the room left."""
        self.addWidget(widget)
        self._right_aligned.add(id(widget))

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:  # noqa: N802 - Qt override
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:  # noqa: N802 - Qt override
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:  # noqa: N802 - Qt override
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt override
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt override
        return self._arrange(QRect(0, 0, width, 0), apply=False)

    def setGeometry(self, rect: QRect) -> None:  # noqa: N802 - Qt override
        super().setGeometry(rect)
        self._arrange(rect, apply=True)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return self.minimumSize()

    def minimumSize(self) -> QSize:  # noqa: N802 - Qt override
        size = QSize()
        for item in self._items:
            size = size.expandedTo(item.minimumSize())
        margins: QMargins = self.contentsMargins()
        return size + QSize(margins.left() + margins.right(), margins.top() + margins.bottom())

    def _elastic(self, item: QLayoutItem) -> bool:
        widget = item.widget()
        return widget is not None and id(widget) in self._right_aligned

    def _least_width(self, item: QLayoutItem) -> int:
        """The width an item needs on a line: its minimum if elastic, else its preferred."""
        if self._elastic(item):
            return max(item.minimumSize().width(), 0)
        return item.sizeHint().width()

    def _arrange(self, rect: QRect, apply: bool) -> int:
        margins = self.contentsMargins()
        area = rect.adjusted(margins.left(), margins.top(), -margins.right(), -margins.bottom())
        lines: list[list[QLayoutItem]] = [[]]
        x = area.x()
        for item in self._items:
            if item.isEmpty():
                continue
            width = self._least_width(item)
            if lines[-1] and x + width > area.right() + 1:
                lines.append([])
                x = area.x()
            lines[-1].append(item)
            x += width + self._spacing
        y = area.y()
        for line in lines:
            if not line:
                continue
            height = max(item.sizeHint().height() for item in line)
            x = area.x()
            used = sum(self._least_width(i) for i in line) + self._spacing * (len(line) - 1)
            spare = max(0, area.width() - used)
            for item in line:
                width = self._least_width(item)
                if self._elastic(item):
                    grown = min(width + spare, max(item.maximumSize().width(), width))
                    x += spare - (grown - width)  # to the right end of the line
                    spare = 0
                    width = grown
                if apply:
                    top = y + (height - item.sizeHint().height()) // 2
                    item.setGeometry(QRect(QPoint(x, top), QSize(width, item.sizeHint().height())))
                x += width + self._spacing
            y += height + self._spacing
        return y - self._spacing - rect.y() + margins.bottom()
