"""Where the pages are shown: a stack that scrolls rather than widen the window.

A page that needs more room than the window has (a wide table at 200 % text size on a
1366 × 768 laptop) used to push the window's minimum size up, and the window grew past the
screen's edge. Here the pages sit in a scroll area: the window keeps its size and the page
scrolls. Only the page shown counts for the room asked, so one wide page does not give every
other page a scroll bar.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QFrame, QScrollArea, QStackedWidget, QWidget


def _minimum_of(widget: QWidget) -> QSize:
    """The least room a widget accepts: its explicit minimum where set, else its hint."""
    hint = widget.minimumSizeHint()
    explicit = widget.minimumSize()
    return QSize(
        explicit.width() or max(hint.width(), 0), explicit.height() or max(hint.height(), 0)
    )


class PageStack(QStackedWidget):
    """The pages, one shown at a time; the room it needs is the shown page's."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.currentChanged.connect(lambda _index: self.updateGeometry())

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        page = self.currentWidget()
        return _minimum_of(page) if page is not None else QSize(0, 0)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        page = self.currentWidget()
        return page.sizeHint() if page is not None else super().sizeHint()


def page_scroller(stack: PageStack, parent: QWidget | None = None) -> QScrollArea:
    """The scroll area around the stack: frameless, no stop of its own for Tab."""
    area = QScrollArea(parent)
    area.setObjectName("pageScroller")
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidgetResizable(True)
    area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    area.setWidget(stack)
    return area
