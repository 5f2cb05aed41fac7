"""Dates: a field that may be empty — typed (2026-03-31, 2026/3/31, 20260331), 今日, or
cleared — and a date box that Tab leaves at once."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QDateEdit, QHBoxLayout, QLineEdit, QToolButton, QWidget

from ...assessment.dates import parse_date


class DateField(QWidget):
    """Emits `date_changed(date | None)` when a valid date is entered or the field is cleared,
    `invalid(text)` when what was typed is not a date."""

    date_changed = Signal(object)
    invalid = Signal(str)

    def __init__(self, accessible_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._date: dt.date | None = None
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        self.edit = QLineEdit(self)
        self.edit.setAccessibleName(accessible_name)
        self.edit.setPlaceholderText(self.tr("未設定"))
        self.edit.setToolTip(self.tr("2026-03-31 のように入力します（2026/3/31、20260331 も可）。"))
        self._size_edit()
        layout.addWidget(self.edit)
        self.today_button = QToolButton(self)
        self.today_button.setText(self.tr("今日"))
        self.today_button.setAccessibleName(
            self.tr("%1を今日にする").replace("%1", accessible_name)
        )
        self.today_button.setFocusPolicy(self.today_button.focusPolicy())
        layout.addWidget(self.today_button)
        layout.addStretch(1)
        self.setFocusProxy(self.edit)
        self.edit.editingFinished.connect(self._commit_text)
        self.today_button.clicked.connect(lambda: self._set_and_emit(dt.date.today()))

    def _size_edit(self) -> None:
        digit = self.fontMetrics().horizontalAdvance("0")
        self.edit.setMinimumWidth(12 * digit)
        self.edit.setMaximumWidth(16 * digit)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.FontChange:
            self._size_edit()  # the text size (zoom) changed
        super().changeEvent(event)

    @property
    def date(self) -> dt.date | None:
        return self._date

    def set_date(self, date: dt.date | None) -> None:
        """Show a date without emitting anything (when another item is shown)."""
        self._date = date
        self.edit.setText(date.isoformat() if date else "")

    def setReadOnly(self, read_only: bool) -> None:  # noqa: N802 - Qt naming
        self.edit.setReadOnly(read_only)
        self.today_button.setEnabled(not read_only)

    def commit(self) -> None:
        """Take what is typed now (e.g. before saving, while the field still has the focus)."""
        self._commit_text()

    def _commit_text(self) -> None:
        if self.edit.isReadOnly():
            return
        try:
            date = parse_date(self.edit.text())
        except ValueError:
            self.invalid.emit(self.edit.text())
            return
        self._set_and_emit(date)

    def _set_and_emit(self, date: dt.date | None) -> None:
        changed = date != self._date
        self.set_date(date)
        if changed:
            self.date_changed.emit(date)


class DateEdit(QDateEdit):
    """A QDateEdit that Tab leaves, as every other field does.

    Qt's date box walks Tab through year, month and day before letting go; a person filling
    in a form expects the next field. ← and → still move between year, month and day, ↑ and ↓
    change the part the cursor is in.
    """

    def focusNextPrevChild(self, next: bool) -> bool:  # noqa: A002, N802 - Qt override
        return QWidget.focusNextPrevChild(self, next)
