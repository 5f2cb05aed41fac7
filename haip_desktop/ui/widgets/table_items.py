"""The items of a QTableWidget that the code put there itself (Qt types them as optional)."""

from __future__ import annotations

from PySide6.QtWidgets import QTableWidget, QTableWidgetItem


def cell(table: QTableWidget, row: int, column: int) -> QTableWidgetItem:
    item = table.item(row, column)
    if item is None:
        raise LookupError(f"{table.objectName()}: no item at row {row}, column {column}")
    return item


def column_header(table: QTableWidget, column: int) -> QTableWidgetItem:
    """The header item of a column whose labels were set (setHorizontalHeaderLabels)."""
    item = table.horizontalHeaderItem(column)
    if item is None:
        raise LookupError(f"{table.objectName()}: no header item for column {column}")
    return item
