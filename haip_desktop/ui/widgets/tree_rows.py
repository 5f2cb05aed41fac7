"""Rows of the tree lists: a little air between them, and the bold rows that head a group."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem

# A little air between the rows of the lists (the default is tight for Japanese text).
ROOMY_ROWS = "QTreeView::item { padding: 0.2em 0px; }"  # grows with the text size
GROUP_BACKGROUND = "#eef2f6"  # the rows that head a group of items in a tree


def group_row(tree: QTreeWidget, title: str, count: int) -> QTreeWidgetItem:
    """A bold, tinted group row spanning the tree: 「title（count 件）」."""
    text = QCoreApplication.translate("GuidelineUpdates", "%1（%2 件）")
    group = QTreeWidgetItem(tree, [text.replace("%1", title).replace("%2", str(count))])
    group.setFirstColumnSpanned(True)
    font = group.font(0)
    font.setBold(True)
    group.setFont(0, font)
    group.setBackground(0, QBrush(QColor(GROUP_BACKGROUND)))
    return group


def top_level_items(tree: QTreeWidget) -> list[QTreeWidgetItem]:
    found = (tree.topLevelItem(i) for i in range(tree.topLevelItemCount()))
    return [item for item in found if item is not None]


def child_items(item: QTreeWidgetItem) -> list[QTreeWidgetItem]:
    found = (item.child(i) for i in range(item.childCount()))
    return [child for child in found if child is not None]


def grouped_items(tree: QTreeWidget) -> list[QTreeWidgetItem]:
    """The rows under the group rows, group after group."""
    return [child for group in top_level_items(tree) for child in child_items(group)]
