"""What is 未実施 or 一部実施: a list to work through, most important first (scoring.gap_list's
order: the highest severity of the risks addressed, then overdue, then 目標日), by due date or
by owner; 目標日 already past are marked 期限超過."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...assessment.models import Assessment
from ...assessment.scoring import Gap, gap_list
from ...guideline import Guideline, Severity
from ..widgets.table_items import cell

SORT_ROLE = Qt.ItemDataRole.UserRole + 10
ID_ROLE = Qt.ItemDataRole.UserRole
_NO_DATE = "9999-12-31"
_NO_OWNER = "\uffff"

COLUMN_SEVERITY, COLUMN_DUE, COLUMN_OWNER, COLUMN_STATUS, COLUMN_ACTOR, COLUMN_TITLE = range(6)


class _SortableItem(QTableWidgetItem):
    def __lt__(self, other: QTableWidgetItem) -> bool:
        mine, theirs = self.data(SORT_ROLE), other.data(SORT_ROLE)
        if mine is not None and theirs is not None:
            return str(mine) < str(theirs)
        return super().__lt__(other)


def due_key(gap: Gap) -> str:
    date = gap.answer.target_date.isoformat() if gap.answer.target_date else _NO_DATE
    return f"{date}\x00{gap.answer.owner or _NO_OWNER}\x00{gap.countermeasure.id}"


def owner_key(gap: Gap) -> str:
    date = gap.answer.target_date.isoformat() if gap.answer.target_date else _NO_DATE
    return f"{gap.answer.owner or _NO_OWNER}\x00{date}\x00{gap.countermeasure.id}"


class GapListView(QWidget):
    """Gaps from `scoring.gap_list`; Enter or double-click opens the answer."""

    open_countermeasure = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("gapListView")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        top = QHBoxLayout()
        self.summary = QLabel(self)
        self.summary.setObjectName("sectionHeading")
        self.summary.setWordWrap(True)
        top.addWidget(self.summary, 1)
        sort_label = QLabel(self.tr("並べ方(&S):"), self)
        self.sort_choice = QComboBox(self)
        self.sort_choice.setObjectName("gapSort")
        self.sort_choice.setAccessibleName(self.tr("未実施一覧の並べ方"))
        self.sort_choice.addItem(self.tr("重大度の高い順"), COLUMN_SEVERITY)
        self.sort_choice.addItem(self.tr("目標日の近い順"), COLUMN_DUE)
        self.sort_choice.addItem(self.tr("担当者ごと"), COLUMN_OWNER)
        sort_label.setBuddy(self.sort_choice)
        top.addWidget(sort_label)
        top.addWidget(self.sort_choice)
        layout.addLayout(top)
        hint = QLabel(
            self.tr(
                "重大度は、その対策が防ぐリスクのうち最も高い重大度です。同じ重大度では目標日を"
                "過ぎたもの（期限超過）、目標日の近いものから並び、目標日のない項目は最後に"
                "並びます。行を選んで Enter で回答を開きます。"
            ),
            self,
        )
        hint.setObjectName("mutedText")
        hint.setWordWrap(True)
        layout.addWidget(hint)

        self.table = QTableWidget(0, 6, self)
        self.table.setObjectName("gapTable")
        self.table.setAccessibleName(self.tr("未実施・一部実施の対策"))
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("重大度"),
                self.tr("目標日"),
                self.tr("担当者"),
                self.tr("状況"),
                self.tr("実施するのは"),
                self.tr("対策"),
            ]
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().hide()
        self.table.setSortingEnabled(True)
        header = self.table.horizontalHeader()
        for column in range(COLUMN_TITLE):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COLUMN_TITLE, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.table, 1)
        self.table.itemActivated.connect(self._activated)
        self.sort_choice.currentIndexChanged.connect(lambda _i: self._sort())
        header.sortIndicatorChanged.connect(self._sync_choice)

    def show_assessment(
        self,
        assessment: Assessment | None,
        guideline: Guideline | None,
        today: dt.date | None = None,
    ) -> None:
        """The gaps of the assessment; overdue is judged against ``today`` (default: today)."""
        self.table.setSortingEnabled(False)
        gaps = gap_list(assessment, guideline, today=today) if assessment and guideline else []
        self.table.setRowCount(len(gaps))
        for row, gap in enumerate(gaps):
            answer = gap.answer
            due = answer.target_date.isoformat() if answer.target_date else self.tr("未設定")
            if gap.overdue:
                due += self.tr("（期限超過）")
            cells = [
                (
                    self.tr(gap.severity.label) if gap.severity is not None else "—",
                    f"{row:06d}",  # gap_list's order: most important first
                ),
                (due, due_key(gap)),
                (answer.owner or self.tr("未設定"), owner_key(gap)),
                (self.tr(answer.status.label), f"{answer.status.value}\x00{due_key(gap)}"),
                (self.tr(answer.actor.label) if answer.actor else "", None),
                (f"{gap.countermeasure.title}（{gap.countermeasure.id}）", None),
            ]
            for column, (text, key) in enumerate(cells):
                cell = _SortableItem(text)
                cell.setData(ID_ROLE, gap.countermeasure.id)
                if key is not None:
                    cell.setData(SORT_ROLE, key)
                if column in (COLUMN_DUE, COLUMN_OWNER) and text == self.tr("未設定"):
                    cell.setForeground(Qt.GlobalColor.darkGray)
                if (column == COLUMN_DUE and gap.overdue) or (
                    column == COLUMN_SEVERITY and gap.severity is Severity.HIGH
                ):
                    bold = QFont(cell.font())
                    bold.setBold(True)
                    cell.setFont(bold)
                self.table.setItem(row, column, cell)
        self.table.setSortingEnabled(True)
        partial = sum(1 for g in gaps if g.answer.status.value == "partial")
        self.summary.setText(
            self.tr("未実施・一部実施: %1 件（うち一部実施 %2 件）")
            .replace("%1", str(len(gaps)))
            .replace("%2", str(partial))
        )
        self._sort()

    def _sort(self) -> None:
        column = self.sort_choice.currentData()
        self.table.sortItems(column, Qt.SortOrder.AscendingOrder)

    def _sync_choice(self, column: int, _order: Qt.SortOrder) -> None:
        index = self.sort_choice.findData(column)
        if index >= 0 and index != self.sort_choice.currentIndex():
            self.sort_choice.blockSignals(True)
            self.sort_choice.setCurrentIndex(index)
            self.sort_choice.blockSignals(False)

    def row_ids(self) -> list[str]:
        """The countermeasure ids in the order shown."""
        return [cell(self.table, r, 0).data(ID_ROLE) for r in range(self.table.rowCount())]

    def _activated(self, item: QTableWidgetItem) -> None:
        cm_id = item.data(ID_ROLE)
        if cm_id:
            self.open_countermeasure.emit(cm_id)
