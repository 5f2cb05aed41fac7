"""The countermeasures in scope, grouped by use case or by workflow step, each with its status.

Keyboard: arrows move, 1–5 set the status of the selected countermeasure, Enter goes to its
answer form. A countermeasure shared by several groups appears in each; its rows change
together.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QEvent, QModelIndex, QPersistentModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFontMetrics, QKeyEvent, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)

from ...assessment.models import Assessment, Status
from ...assessment.scope import (
    archived_answer_ids,
    countermeasures_by_step,
    countermeasures_in_scope,
    use_cases_in_scope,
)
from ...assessment.status_colours import STATUS_TINT
from ...guideline import Countermeasure, Guideline
from ...guideline.search import fold
from ..widgets.tree_rows import child_items, grouped_items
from .answer_editor import STATUS_KEYS

ModelIndex = QModelIndex | QPersistentModelIndex  # what Qt hands a delegate
ID_ROLE = Qt.ItemDataRole.UserRole
GROUP_ROLE = Qt.ItemDataRole.UserRole + 1

STATUS_COLOURS = STATUS_TINT  # (background, text): the app's one table of status colours

GROUPINGS = ("use_case", "step")
SHOW_FILTERS = ("all", "unanswered", "gaps", "review")


@dataclass(frozen=True)
class Group:
    key: str
    title: str
    countermeasures: list[Countermeasure]


def groups_for(
    assessment: Assessment, guideline: Guideline, grouping: str
) -> tuple[list[Group], list[str]]:
    """The groups to show (scope decided by the core) and the archived answer ids."""
    in_scope = countermeasures_in_scope(assessment, guideline)
    in_scope_ids = {cm.id for cm in in_scope}
    groups: list[Group] = []
    placed: set[str] = set()
    if grouping == "step":
        for step_id, cms in countermeasures_by_step(assessment, guideline).items():
            step = guideline.step(step_id)
            flow = guideline.flow_of_step(step_id)
            groups.append(Group(step_id, f"{flow.name} › {step.name}", cms))
            placed.update(cm.id for cm in cms)
    else:
        for uc in use_cases_in_scope(assessment, guideline):
            cms = [
                cm for cm in guideline.countermeasures_for_use_case(uc.id) if cm.id in in_scope_ids
            ]
            if cms:
                groups.append(Group(uc.id, f"{uc.number}. {uc.name}", cms))
                placed.update(cm.id for cm in cms)
    rest = [cm for cm in in_scope if cm.id not in placed]
    if rest:
        groups.append(Group("", "", rest))
    return groups, archived_answer_ids(assessment, guideline)


class _WrappingTitles(QStyledItemDelegate):
    """Row heights that fit the title wrapped to the first column's width (Qt's tree view
    keeps one line per row otherwise, and elides)."""

    def __init__(self, view: QTreeWidget) -> None:
        super().__init__(view)
        self._view = view
        self._heights: dict[tuple[str, int, str], int] = {}  # (text, width, font) -> height

    def forget_sizes(self) -> None:
        """After a change of width or text size."""
        self._heights.clear()

    def sizeHint(self, option: QStyleOptionViewItem, index: ModelIndex) -> QSize:  # noqa: N802
        base = super().sizeHint(option, index)
        if index.column() != 0:
            return base
        view = self._view
        if index.parent().isValid():
            depth = 2 if view.rootIsDecorated() else 1
            width = view.columnWidth(0) - view.indentation() * depth
        else:  # a group title spans the whole row
            width = view.viewport().width() - view.indentation()
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        key = (opt.text, width, opt.font.key())
        height = self._heights.get(key)
        if height is None:
            bounds = QFontMetrics(opt.font).boundingRect(
                QRect(0, 0, max(width - 12, 40), 100_000), Qt.TextFlag.TextWordWrap, opt.text
            )
            height = self._heights[key] = bounds.height() + 8
        return QSize(base.width(), max(base.height(), height))


class AnswerList(QTreeWidget):
    """Groups → countermeasures; columns 対策, 状況, 目標日."""

    countermeasure_selected = Signal(str)  # "" when a group or nothing is selected
    status_key_pressed = Signal(str, object)  # countermeasure id, Status
    activated_countermeasure = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("answerList")
        self.setAccessibleName(self.tr("評価する対策の一覧"))
        self.setColumnCount(3)
        self.setHeaderLabels([self.tr("対策"), self.tr("状況"), self.tr("目標日")])
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        # Long titles wrap rather than vanish behind "…" when the list is narrow or text large.
        self.setWordWrap(True)
        self.setUniformRowHeights(False)
        self._wrapping = _WrappingTitles(self)
        self.setItemDelegate(self._wrapping)
        self.setAlternatingRowColors(False)
        self.setRootIsDecorated(True)
        self.setAllColumnsShowFocus(True)
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Fixed)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Fixed)
        self._size_columns()
        # Titles wrap: row heights must follow the column's width.
        header.sectionResized.connect(lambda *_: self._relayout())
        self._rows: dict[str, list[QTreeWidgetItem]] = {}
        self._assessment: Assessment | None = None
        self._guideline: Guideline | None = None
        self.currentItemChanged.connect(self._on_current)
        self.itemActivated.connect(self._on_activated)

    def _size_columns(self) -> None:
        metrics = self.fontMetrics()
        self.setColumnWidth(1, metrics.horizontalAdvance(self.tr("一部実施") + " !") + 24)
        self.setColumnWidth(2, metrics.horizontalAdvance("2027-12-31") + 28)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.FontChange:
            self._size_columns()  # the text size (zoom) changed
            self._wrapping.forget_sizes()
        super().changeEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._relayout()

    def _relayout(self) -> None:
        self._wrapping.forget_sizes()
        self.scheduleDelayedItemsLayout()

    # -- filling -----------------------------------------------------------------------------

    def fill(
        self,
        assessment: Assessment,
        guideline: Guideline,
        grouping: str,
        show: str,
        perspective: str,
        text: str = "",
    ) -> None:
        """Show the groups; `text` keeps only countermeasures whose id, title or text has it
        (full/half width, kana and case folded as in the guideline search)."""
        needle = fold(text.strip())
        current = self.current_countermeasure()
        self._assessment = assessment
        self._guideline = guideline
        self.blockSignals(True)
        self.setUpdatesEnabled(False)
        self.clear()
        self._rows = {}
        built: list[QTreeWidgetItem] = []  # added to the tree at once: one layout, not hundreds
        groups, archived = groups_for(assessment, guideline, grouping)
        for group in groups:
            cms = [
                cm
                for cm in group.countermeasures
                if Guideline.matches_perspective(cm, perspective)
                and _shown(assessment, cm.id, show)
                and (not needle or needle in fold(f"{cm.id} {cm.title} {cm.text}"))
            ]
            if not cms:
                continue
            title = group.title or (
                self.tr("業務ステップに対応しない対策")
                if grouping == "step"
                else self.tr("その他の対策")
            )
            group_item = QTreeWidgetItem([title])
            group_item.setData(0, GROUP_ROLE, group.key)
            font = self.font()
            font.setBold(True)
            group_item.setFont(0, font)
            group_item.setBackground(0, QBrush(QColor("#eef2f6")))
            for cm in cms:
                self._add_row(group_item, cm.id, cm.title)
            self._update_group_title(group_item, title)
            built.append(group_item)
        if archived and show == "all":
            group_item = QTreeWidgetItem([self.tr("ガイドラインにない対策への回答（保管）")])
            for cm_id in archived:
                self._add_row(group_item, cm_id, self.tr("（現在のデータにない対策）"))
            built.append(group_item)
        self.addTopLevelItems(built)
        for group_item in built:
            group_item.setFirstColumnSpanned(True)
        self.expandAll()
        self.setUpdatesEnabled(True)
        self.blockSignals(False)
        if current and current in self._rows:
            self.setCurrentItem(self._rows[current][0])
        elif self.topLevelItemCount():
            first = self.first_countermeasure_item()
            if first is not None:
                self.setCurrentItem(first)
        self._on_current(self.currentItem(), None)

    def _add_row(self, parent: QTreeWidgetItem, cm_id: str, title: str) -> QTreeWidgetItem:
        row = QTreeWidgetItem(parent, [title, "", ""])
        row.setData(0, ID_ROLE, cm_id)
        self._rows.setdefault(cm_id, []).append(row)
        self._paint_row(row)
        return row

    def _paint_row(self, row: QTreeWidgetItem) -> None:
        assert self._assessment is not None
        answer = self._assessment.answer(row.data(0, ID_ROLE))
        status = answer.status
        label = self.tr(status.label)
        review = answer.needs_review or answer.carried_over
        row.setText(1, label + (" !" if review else ""))
        if review:
            label += self.tr("（要確認）")
        background, ink = STATUS_COLOURS[status]
        row.setBackground(1, QBrush(QColor(background)))
        row.setForeground(1, QBrush(QColor(ink)))
        due = answer.target_date.isoformat() if status.is_gap and answer.target_date else ""
        row.setText(2, due)
        tip = f"{row.data(0, ID_ROLE)} {row.text(0)}"
        if status.is_gap and answer.owner:
            tip += "\n" + self.tr("担当: %1").replace("%1", answer.owner)
        row.setToolTip(0, tip)
        row.setData(1, Qt.ItemDataRole.AccessibleTextRole, label)

    def _update_group_title(self, group_item: QTreeWidgetItem, title: str) -> None:
        assert self._assessment is not None
        ids = [child.data(0, ID_ROLE) for child in child_items(group_item)]
        answered = sum(1 for i in ids if self._assessment.answer(i).status is not Status.UNANSWERED)
        group_item.setText(
            0,
            self.tr("%1（回答 %2 / %3）")
            .replace("%1", title)
            .replace("%2", str(answered))
            .replace("%3", str(len(ids))),
        )
        group_item.setData(0, Qt.ItemDataRole.UserRole + 2, title)

    def refresh_countermeasure(self, cm_id: str) -> None:
        """Repaint the rows of one countermeasure and the titles of their groups."""
        for row in self._rows.get(cm_id, []):
            self._paint_row(row)
            parent = row.parent()
            if parent is not None:
                self._update_group_title(parent, parent.data(0, Qt.ItemDataRole.UserRole + 2) or "")

    # -- moving ------------------------------------------------------------------------------

    def countermeasure_items(self) -> list[QTreeWidgetItem]:
        return grouped_items(self)

    def first_countermeasure_item(self) -> QTreeWidgetItem | None:
        items = self.countermeasure_items()
        return items[0] if items else None

    def current_countermeasure(self) -> str:
        item = self.currentItem()
        return item.data(0, ID_ROLE) or "" if item is not None else ""

    def select_countermeasure(self, cm_id: str) -> bool:
        rows = self._rows.get(cm_id)
        if not rows:
            return False
        current = self.currentItem()
        if current is not None and current.data(0, ID_ROLE) == cm_id:
            return True
        self.setCurrentItem(rows[0])
        self.scrollToItem(rows[0])
        return True

    def next_unanswered(self) -> str:
        """Select the next unanswered countermeasure after the current one (wrapping); its id."""
        if self._assessment is None:
            return ""
        items = self.countermeasure_items()
        if not items:
            return ""
        current = self.currentItem()
        start = items.index(current) + 1 if current in items else 0
        for item in items[start:] + items[:start]:
            cm_id = item.data(0, ID_ROLE)
            if (
                self._assessment.answer(cm_id).status is Status.UNANSWERED
                and self._guideline is not None
                and self._guideline.get(cm_id) is not None
            ):
                self.setCurrentItem(item)
                self.scrollToItem(item)
                return cm_id
        return ""

    def _on_current(self, item: QTreeWidgetItem | None, _previous: QTreeWidgetItem | None) -> None:
        cm_id = item.data(0, ID_ROLE) if item is not None else None
        self.countermeasure_selected.emit(cm_id or "")

    def _on_activated(self, item: QTreeWidgetItem, _column: int) -> None:
        cm_id = item.data(0, ID_ROLE)
        if cm_id:
            self.activated_countermeasure.emit(cm_id)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if modifiers == Qt.KeyboardModifier.NoModifier and event.text():
            for status, key in STATUS_KEYS:
                if event.text() == key:
                    cm_id = self.current_countermeasure()
                    if cm_id:
                        self.status_key_pressed.emit(cm_id, status)
                    event.accept()
                    return
        super().keyPressEvent(event)


def _shown(assessment: Assessment, cm_id: str, show: str) -> bool:
    answer = assessment.answer(cm_id)
    if show == "unanswered":
        return answer.status is Status.UNANSWERED
    if show == "gaps":
        return answer.status.is_gap
    if show == "review":
        return answer.needs_review or answer.carried_over
    return True
