"""Rows as tall as their text wrapped to the column's width (trees and tables).

Qt's tree view keeps one line per row and elides otherwise; a list of countermeasures at a
large text size would show 「入力を学習に…」. Group rows (spanning the whole width) wrap to
the viewport's width. A table's own measure of wrapped text leaves the last line touching
the row's edge, cut at some text sizes (110%): here every row gets air below its last line.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import (
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QTreeView,
)

ModelIndex = QModelIndex | QPersistentModelIndex  # what Qt hands a delegate
# What Qt's item takes from a cell's width beside the text (focus frame and margins), and
# the height beside the text's (the rows' padding, and air so that descenders are not cut).
_SIDE = 12
BELOW = 6
COMPACT_BELOW = 3  # rows of a list that must show many of them at once


class WrappingRows(QStyledItemDelegate):
    def __init__(self, view: QTreeView | QTableView, columns: Iterable[int] = (0,)) -> None:
        super().__init__(view)
        self._view = view
        self._columns = frozenset(columns)
        self.below = BELOW
        self._heights: dict[tuple[str, int, str], int] = {}  # (text, width, font) -> height

    def forget_sizes(self) -> None:
        """After a change of width or text size."""
        self._heights.clear()

    def sizeHint(self, option: QStyleOptionViewItem, index: ModelIndex) -> QSize:  # noqa: N802
        base = super().sizeHint(option, index)
        if index.column() not in self._columns:
            return base
        view = self._view
        width = view.columnWidth(index.column())
        if isinstance(view, QTreeView):
            if not index.parent().isValid() and view.isFirstColumnSpanned(
                index.row(), QModelIndex()
            ):
                width = view.viewport().width() - view.indentation()
            elif index.column() == 0:
                depth = 1 if index.parent().isValid() else 0
                width -= view.indentation() * (depth + (1 if view.rootIsDecorated() else 0))
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        key = (opt.text, width, opt.font.key())
        height = self._heights.get(key)
        if height is None:
            bounds = QFontMetrics(opt.font).boundingRect(
                QRect(0, 0, max(width - _SIDE, 40), 100_000), Qt.TextFlag.TextWordWrap, opt.text
            )
            height = self._heights[key] = bounds.height() + self.below
        return QSize(base.width(), max(base.height(), height))
