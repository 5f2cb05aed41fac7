"""改善計画: what is 未実施 or 一部実施, part by part, most important first.

The order is the core's (scoring.gap_list): the highest severity of the risks an item
addresses, then overdue before not yet due, then the earliest 目標日. Groups follow the
parts: 施設の体制, each AI tool of the register, 現場の手順. A 目標日 already past is marked
期限超過, judged against today.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...assessment.models import Assessment, Status
from ...assessment.parts import PARTS, Part
from ...assessment.scoring import Gap, gap_list
from ...guideline import Guideline
from ..widgets.style import MUTED
from ..widgets.text_wrap import wrap_lines
from ..widgets.tree_rows import GROUP_BACKGROUND, grouped_items, top_level_items
from .answer_groups import step_title
from .answer_list import widest_date
from .assessment_style import ERROR_INK
from .locations import answer_key
from .wrapping_rows import WrappingRows

KEY_ROLE = Qt.ItemDataRole.UserRole  # the answer's location key (C-… or C-…@T-…)
ID_ROLE = Qt.ItemDataRole.UserRole + 1  # the countermeasure id
COLUMN_TITLE, COLUMN_SEVERITY, COLUMN_STATUS, COLUMN_DUE, COLUMN_OWNER, COLUMN_ACTOR = range(6)
OWNER_MIN_CHARS = 8  # 担当者 is never narrower than this (a person's name stays whole)
TITLE_CHARS = 20  # the 対策 column keeps this many characters before 担当者 has to wrap
OWNER_ROLE = Qt.ItemDataRole.UserRole + 2  # the 担当者 as entered (the cell may break it)
ORDERS = ("importance", "owner")


class GapListView(QWidget):
    """Gaps from `scoring.gap_list`, grouped by part; Enter or double-click opens the answer."""

    open_item = Signal(str)  # the answer's location key

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("gapListView")
        self._gaps: list[Gap] = []
        self._today = dt.date.today()
        self._guideline: Guideline | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 8, 16, 8)
        top = QHBoxLayout()
        self.summary = QLabel(self)
        self.summary.setObjectName("sectionHeading")
        self.summary.setWordWrap(True)
        top.addWidget(self.summary, 1)
        sort_label = QLabel(self.tr("並べ方(&S):"), self)
        self.sort_choice = QComboBox(self)
        self.sort_choice.setObjectName("gapSort")
        self.sort_choice.setAccessibleName(self.tr("改善計画の並べ方"))
        self.sort_choice.addItem(self.tr("重大度・期限の順"), "importance")
        self.sort_choice.addItem(self.tr("担当者ごと"), "owner")
        sort_label.setBuddy(self.sort_choice)
        top.addWidget(sort_label)
        top.addWidget(self.sort_choice)
        layout.addLayout(top)
        self.hint = QLabel(
            self.tr(
                "区分ごとに、重大度の高い順・期限超過・目標日の近い順（目標日なしは後）。"
                "Enter で回答を開きます。"
            ),
            self,
        )
        self.hint.setObjectName("mutedText")
        self.hint.setWordWrap(True)
        layout.addWidget(self.hint)

        self.tree = QTreeWidget(self)
        self.tree.setObjectName("gapTree")
        self.tree.setAccessibleName(self.tr("未実施・一部実施の対策"))
        self.tree.setColumnCount(6)
        self.tree.setHeaderLabels(
            [
                self.tr("対策"),
                self.tr("重大度"),
                self.tr("状況"),
                self.tr("目標日"),
                self.tr("担当者"),
                self.tr("実施するのは"),
            ]
        )
        self.tree.headerItem().setToolTip(
            COLUMN_SEVERITY, self.tr("その対策が抑えるリスクのうち、最も高い重大度")
        )
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setAllColumnsShowFocus(True)
        self.tree.setWordWrap(True)
        self.tree.setUniformRowHeights(False)
        self._wrapping = WrappingRows(self.tree, (COLUMN_TITLE, COLUMN_DUE, COLUMN_OWNER))
        self.tree.setItemDelegate(self._wrapping)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(COLUMN_TITLE, QHeaderView.ResizeMode.Stretch)
        for column in (COLUMN_SEVERITY, COLUMN_STATUS, COLUMN_ACTOR):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        for column in (COLUMN_DUE, COLUMN_OWNER):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
        header.sectionResized.connect(lambda *_: self._relayout())
        layout.addWidget(self.tree, 1)
        self.tree.itemActivated.connect(self._activated)
        self.sort_choice.currentIndexChanged.connect(lambda _i: self._fill())

    # -- content -----------------------------------------------------------------------------

    def show_assessment(
        self,
        assessment: Assessment | None,
        guideline: Guideline | None,
        today: dt.date | None = None,
    ) -> None:
        """The gaps as of `today` (overdue is judged against it; the real today if None)."""
        self._guideline = guideline
        self._today = today or dt.date.today()
        self._gaps = (
            gap_list(assessment, guideline, today=self._today) if assessment and guideline else []
        )
        partial = sum(1 for g in self._gaps if g.answer.status is Status.PARTIAL)
        overdue = sum(1 for g in self._gaps if g.overdue)
        text = (
            self.tr("未実施・一部実施: %1 件（うち一部実施 %2 件）")
            .replace("%1", str(len(self._gaps)))
            .replace("%2", str(partial))
        )
        if overdue:
            text += self.tr("・期限超過 %1 件").replace("%1", str(overdue))
        self.summary.setText(text)
        self._fill()

    def _fill(self) -> None:
        tree = self.tree
        current = self.current_key()
        tree.setUpdatesEnabled(False)
        tree.clear()
        built = []
        for title, gaps in self._groups():
            count = self.tr("%1（%2 件）").replace("%1", title).replace("%2", str(len(gaps)))
            group = QTreeWidgetItem([count])
            font = tree.font()
            font.setBold(True)
            group.setFont(0, font)
            group.setBackground(0, QBrush(QColor(GROUP_BACKGROUND)))
            for gap in gaps:
                self._row(group, gap)
            built.append(group)
        tree.addTopLevelItems(built)
        for group in built:
            group.setFirstColumnSpanned(True)
        tree.expandAll()
        self._size_due_column()
        self._size_owner_column()
        tree.setUpdatesEnabled(True)
        rows = self.rows()
        chosen = next((r for r in rows if r.data(0, KEY_ROLE) == current), None)
        if chosen is None and rows:
            chosen = rows[0]
        if chosen is not None:
            tree.setCurrentItem(chosen)

    def _groups(self) -> list[tuple[str, list[Gap]]]:
        """(title, gaps) part by part; a tool's gaps under the tool, in the register's order."""
        by_owner = self.sort_choice.currentData() == "owner"
        gaps = self._gaps
        if by_owner:
            gaps = sorted(
                gaps,
                key=lambda g: (
                    g.answer.owner or "\uffff",
                    g.answer.target_date or dt.date.max,
                    g.countermeasure.id,
                ),
            )
        groups: dict[tuple[Part, str | None], tuple[str, list[Gap]]] = {}
        for gap in sorted(gaps, key=lambda g: PARTS.index(g.item.part)):  # stable: keeps order
            tool = gap.item.tool
            key = (gap.item.part, gap.item.tool_id)
            if key not in groups:
                title = self.tr(gap.item.part.part_label)
                if tool is not None:
                    title = self.tr("AIツール｜%1").replace("%1", tool.name)
                groups[key] = (title, [])
            groups[key][1].append(gap)
        return list(groups.values())

    def _row(self, group: QTreeWidgetItem, gap: Gap) -> QTreeWidgetItem:
        answer = gap.answer
        cm = gap.countermeasure
        due = answer.target_date.isoformat() if answer.target_date else self.tr("未設定")
        if gap.overdue:
            due += "\n" + self.tr("期限超過")
        row = QTreeWidgetItem(
            group,
            [
                cm.title,
                self.tr(gap.severity.label) if gap.severity is not None else "—",
                self.tr(answer.status.label),
                due,
                answer.owner or self.tr("未設定"),
                self.tr(answer.actor.label) if answer.actor else "",
            ],
        )
        row.setData(0, KEY_ROLE, answer_key(cm.id, gap.item.tool_id or ""))
        row.setData(0, ID_ROLE, cm.id)
        row.setData(0, OWNER_ROLE, answer.owner)
        row.setToolTip(COLUMN_TITLE, self._where(gap))
        row.setToolTip(COLUMN_OWNER, answer.owner)
        if gap.overdue:
            row.setForeground(COLUMN_DUE, QBrush(QColor(ERROR_INK)))
            font = row.font(COLUMN_DUE)
            font.setBold(True)
            row.setFont(COLUMN_DUE, font)
            row.setToolTip(
                COLUMN_DUE,
                self.tr("目標日を過ぎています（%1 現在）").replace("%1", self._today.isoformat()),
            )
        if answer.target_date is None:
            row.setForeground(COLUMN_DUE, QBrush(QColor(MUTED)))
        if not answer.owner:
            row.setForeground(COLUMN_OWNER, QBrush(QColor(MUTED)))
        return row

    def _where(self, gap: Gap) -> str:
        cm = gap.countermeasure
        lines = [f"{cm.id} {cm.title}"]
        item = gap.item
        if item.tool is not None:
            lines.append(self.tr("AIツール: %1").replace("%1", item.tool.name))
        elif item.part is Part.STEP and self._guideline is not None:
            steps = [step_title(self._guideline, s.id) for s in self._guideline.steps_of(cm)]
            roles = "・".join(self.tr(r.label) for r in cm.roles)
            lines.append(self.tr("業務ステップ: %1").replace("%1", "、".join(steps)))
            lines.append(self.tr("職種: %1").replace("%1", roles))
        return "\n".join(lines)

    # -- fitting -----------------------------------------------------------------------------

    def _size_due_column(self) -> None:
        """The date, or 期限超過 under it, on lines of their own with air around them."""
        metrics = self.tree.fontMetrics()
        words = [self.tr("期限超過"), self.tr("未設定"), self.tr("目標日")]
        widest = max(widest_date(metrics), *map(metrics.horizontalAdvance, words))
        self.tree.setColumnWidth(COLUMN_DUE, widest + 24)

    def _size_owner_column(self) -> None:
        """As wide as the longest 担当者 while the 対策 column keeps its longest name (up to
        TITLE_CHARS characters), else narrower (at least OWNER_MIN_CHARS): a long 担当者 then breaks between words
        (「ヘルステック・ソリューションズ株式会社／担当者」), never inside one."""
        tree = self.tree
        metrics = tree.fontMetrics()
        em = metrics.horizontalAdvance("あ")
        rows = self.rows()
        owners = [str(r.data(0, OWNER_ROLE) or "") for r in rows] + [self.tr("担当者")]
        widest = max(metrics.horizontalAdvance(o) for o in owners)
        others = sum(
            tree.columnWidth(c) for c in (COLUMN_SEVERITY, COLUMN_STATUS, COLUMN_DUE, COLUMN_ACTOR)
        )
        titles = [metrics.horizontalAdvance(r.text(COLUMN_TITLE)) for r in rows] or [0]
        title = min(max(titles), TITLE_CHARS * em) + 2 * tree.indentation() + 16
        room = tree.viewport().width() - others - title
        width = max(OWNER_MIN_CHARS * em, min(widest, room))
        tree.setColumnWidth(COLUMN_OWNER, width + 20)
        for row in rows:
            owner = row.data(0, OWNER_ROLE)
            if owner:
                row.setText(COLUMN_OWNER, "\n".join(wrap_lines(owner, metrics, width)))

    def _relayout(self) -> None:
        self._wrapping.forget_sizes()
        self.tree.scheduleDelayedItemsLayout()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._size_owner_column()
        self._relayout()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._size_due_column()
            self._size_owner_column()
            self._relayout()

    # -- what is shown -----------------------------------------------------------------------

    def rows(self) -> list[QTreeWidgetItem]:
        return grouped_items(self.tree)

    def row_ids(self) -> list[str]:
        """The countermeasure ids in the order shown."""
        return [r.data(0, ID_ROLE) for r in self.rows()]

    def row_keys(self) -> list[str]:
        """The answers' location keys (``C-…``, ``C-…@T-2``) in the order shown."""
        return [r.data(0, KEY_ROLE) for r in self.rows()]

    def group_titles(self) -> list[str]:
        return [group.text(0) for group in top_level_items(self.tree)]

    def current_key(self) -> str:
        row = self.tree.currentItem()
        return row.data(0, KEY_ROLE) or "" if row is not None else ""

    def _activated(self, row: QTreeWidgetItem, _column: int) -> None:
        key = row.data(0, KEY_ROLE)
        if key:
            self.open_item.emit(key)
