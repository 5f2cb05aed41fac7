"""Tables whose wrapped text follows the width and the text size of the page around them.

Qt measures wrapped rows only for the column widths it has; a page that shares its width
among long text columns must therefore re-share them, and re-measure the rows, whenever the
page or the table's viewport changes size or the text size changes.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QTableWidget, QWidget


class RefitOnResize(QObject):
    """Calls ``fit`` once per event-loop turn after ``page`` or ``viewport`` is resized, and
    ``on_text_size`` (then ``fit``) when the page's font changes."""

    def __init__(
        self,
        page: QWidget,
        viewport: QWidget,
        fit: Callable[[], None],
        on_text_size: Callable[[], None] | None = None,
    ) -> None:
        super().__init__(page)
        self._page = page
        self._viewport = viewport
        self._fit = fit
        self._on_text_size = on_text_size
        self._pending = False
        page.installEventFilter(self)
        viewport.installEventFilter(self)  # its width changes when a scroll bar comes or goes

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        kind = event.type()
        if kind == QEvent.Type.Resize and watched in (self._page, self._viewport):
            self.schedule()
        elif kind == QEvent.Type.FontChange and watched is self._page:
            if self._on_text_size is not None:
                self._on_text_size()
            self.schedule()
        return False

    def schedule(self) -> None:
        # Once the layout has given every widget its new size (and font).
        if not self._pending:
            self._pending = True
            QTimer.singleShot(0, self._run)

    def _run(self) -> None:
        self._pending = False
        self._fit()


def share_columns(
    table: QTableWidget, weights: Mapping[int, int], available: int, minimum: int
) -> None:
    """Give the weighted columns their share of ``available`` pixels (never under ``minimum``);
    the last weighted column takes what the others leave, then rows grow to their text."""
    total = sum(weights.values())
    columns = list(weights)
    for column in columns[:-1]:
        table.setColumnWidth(column, max(minimum, available * weights[column] // total))
    used = sum(table.columnWidth(c) for c in columns[:-1])
    table.setColumnWidth(columns[-1], max(minimum, available - used))
    table.resizeRowsToContents()
