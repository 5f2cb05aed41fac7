"""One part's items, in groups (answer_groups), each row with its status.

Keyboard: arrows move, 1–5 set the status of the selected item, Enter goes to its answer form.
An item shown in several groups (a facility item of several use cases, a step action of several
steps) has a row in each; its rows change together. A tool-level item is one row per tool.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFontMetrics, QKeyEvent, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)

from ...assessment.models import Answer, Assessment, Status
from ...assessment.parts import AssessmentItem, Part
from ...assessment.status_colours import STATUS_TINT
from ...guideline import Guideline
from ...guideline.search import fold
from ..widgets.tree_rows import GROUP_BACKGROUND, child_items, grouped_items, top_level_items
from .answer_editor import STATUS_KEYS
from .answer_groups import ItemGroup, item_groups, kept_answers
from .wrapping_rows import BELOW, COMPACT_BELOW, WrappingRows

ID_ROLE = Qt.ItemDataRole.UserRole  # the countermeasure id of a row
GROUP_ROLE = Qt.ItemDataRole.UserRole + 1  # the key of a group row (UC-…, T-…, ST-…)
TITLE_ROLE = Qt.ItemDataRole.UserRole + 2  # a group row's title without its count
TOOL_ROLE = Qt.ItemDataRole.UserRole + 3  # the tool id of a tool's row ("" otherwise)
ROLES_ROLE = Qt.ItemDataRole.UserRole + 4  # the roles of a step action's row (list of names)

STATUS_COLOURS = STATUS_TINT  # (background, text): the app's one table of status colours

COLUMN_TITLE, COLUMN_ROLES, COLUMN_STATUS, COLUMN_DUE = range(4)
SHOW_FILTERS = ("all", "unanswered", "gaps", "review")
ROLES_MAX_CHARS = 9  # the 職種 column is at most this wide (医師事務作業補助者)

Key = tuple[str, str | None]  # (countermeasure id, tool id)


class AnswerList(QTreeWidget):
    """Groups → items; columns 対策, 職種 (現場の手順 only), 状況, 目標日."""

    current_changed = Signal()  # another row (or none) is current
    status_key_pressed = Signal(object)  # Status, for the current item
    activated = Signal()  # Enter or a double click on an item's row

    def __init__(self, part: Part, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.part = part
        self.setObjectName("answerList")
        self.setAccessibleName(
            self.tr("%1で評価する対策の一覧").replace("%1", self.tr(part.part_label))
        )
        self.setColumnCount(4)
        self.setHeaderLabels([self.tr("対策"), self.tr("職種"), self.tr("状況"), self.tr("目標日")])
        self.setColumnHidden(COLUMN_ROLES, part is not Part.STEP)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        # Long titles wrap rather than vanish behind "…" when the list is narrow or text large.
        self.setWordWrap(True)
        self.setUniformRowHeights(False)
        self._wrapping = WrappingRows(self, (COLUMN_TITLE, COLUMN_ROLES))
        self.setItemDelegate(self._wrapping)
        self.setRootIsDecorated(True)
        self.setAllColumnsShowFocus(True)
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(COLUMN_TITLE, QHeaderView.ResizeMode.Stretch)
        for column in (COLUMN_ROLES, COLUMN_STATUS, COLUMN_DUE):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
        self._size_columns()
        # Titles wrap: row heights must follow the column's width.
        header.sectionResized.connect(lambda *_: self._relayout())
        self._rows: dict[Key, list[QTreeWidgetItem]] = {}
        self._items: dict[Key, AssessmentItem] = {}
        self._assessment: Assessment | None = None
        self._guideline: Guideline | None = None
        self.currentItemChanged.connect(lambda *_: self.current_changed.emit())
        self.itemActivated.connect(self._on_activated)

    def _size_columns(self) -> None:
        metrics = self.fontMetrics()
        # Just the room their words need (plus the cell's margins): the rest is the names'.
        self.setColumnWidth(
            COLUMN_STATUS, metrics.horizontalAdvance(self.tr("一部実施") + " !") + 16
        )
        self.setColumnWidth(COLUMN_DUE, widest_date(metrics) + 16)
        self.setIndentation(max(12, metrics.horizontalAdvance("あ") // 2))
        self._fit_roles()

    def _fit_roles(self) -> None:
        """The 職種 column as wide as its longest role (up to ROLES_MAX_CHARS); a row with
        several roles breaks its lines between them, never inside a role's name."""
        if self.isColumnHidden(COLUMN_ROLES):
            return
        metrics = self.fontMetrics()
        em = metrics.horizontalAdvance("あ")
        rows = [r for r in self.item_rows() if r.data(0, ROLES_ROLE)]
        names = [n for r in rows for n in r.data(0, ROLES_ROLE)] + [self.tr("職種")]
        widest = max(metrics.horizontalAdvance(n + "・") for n in names)
        width = min(widest, ROLES_MAX_CHARS * em)
        self.setColumnWidth(COLUMN_ROLES, width + 16)
        for row in rows:
            row.setText(COLUMN_ROLES, _lines_of_names(row.data(0, ROLES_ROLE), metrics, width))

    def set_compact(self, compact: bool) -> None:
        """Rows closer together (under a list that must show many rows on a short page)."""
        if bool(self.property("compact")) == compact:
            return
        self.setProperty("compact", compact)
        self._wrapping.below = COMPACT_BELOW if compact else BELOW
        for widget in (self, self.header()):
            widget.style().unpolish(widget)
            widget.style().polish(widget)
        self._relayout()

    def fixed_columns_width(self) -> int:
        """The width the columns beside the title take (the title column gets the rest)."""
        columns = [COLUMN_STATUS, COLUMN_DUE]
        if not self.isColumnHidden(COLUMN_ROLES):
            columns.append(COLUMN_ROLES)
        return sum(self.columnWidth(c) for c in columns)

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
        """Show the part's groups; `text` keeps only items whose id, title, text or tool has
        it (full/half width, kana and case folded as in the guideline search)."""
        needle = fold(text.strip())
        current = self.current_key()
        current_group = self.current_group_key()
        self._assessment = assessment
        self._guideline = guideline
        self.blockSignals(True)
        self.setUpdatesEnabled(False)
        self.clear()
        self._rows = {}
        self._items = {}
        built: list[QTreeWidgetItem] = []  # added to the tree at once: one layout, not hundreds
        unfiltered = show == "all" and not needle
        for group in item_groups(assessment, guideline, self.part, grouping):
            items = [
                item
                for item in group.items
                if Guideline.matches_perspective(item.countermeasure, perspective)
                and _shown(item.answer_in(assessment), show)
                and (not needle or needle in _searchable(item))
            ]
            if items or (group.tool is not None and unfiltered):
                built.append(self._group_row(group, items))
        kept = kept_answers(assessment, guideline, self.part)
        if kept and show == "all":
            title = self.tr("ガイドラインにない対策への回答（保管）")
            if self.part is Part.TOOL:
                title = self.tr("台帳にないツール・AIツールの対策でなくなった項目への回答（保管）")
            group_item = QTreeWidgetItem([title])
            self._style_group(group_item, "")
            for answer in kept:
                label = self.tr("（現在のデータにない対策）")
                if guideline.get(answer.countermeasure_id) is not None:
                    label = self.tr("（AIツールの対策でなくなった対策）")
                self._add_row(group_item, (answer.countermeasure_id, answer.tool_id), label)
            built.append(group_item)
        self.addTopLevelItems(built)
        for group_item in built:
            group_item.setFirstColumnSpanned(True)
        self.expandAll()
        self._fit_roles()
        self.setUpdatesEnabled(True)
        self.blockSignals(False)
        if current is not None and current in self._rows:
            rows = self._rows[current]
            row = next((r for r in rows if _group_key(r) == current_group), rows[0])
            self.setCurrentItem(row)
        elif self.topLevelItemCount():
            first = self.first_item_row() or self.group_rows()[0]
            self.setCurrentItem(first)
        self.current_changed.emit()

    def _group_row(self, group: ItemGroup, items: list[AssessmentItem]) -> QTreeWidgetItem:
        title = group.title or self.tr("その他の対策")
        if group.tool is not None:
            details = [group.tool.vendor] if group.tool.vendor else []
            if not group.needs_no_answers:  # 利用禁止 is said after the name
                details.append(self.tr(group.tool.approval.label))
            title = f"{group.tool.name}（{'・'.join(details)}）" if details else group.tool.name
        group_item = QTreeWidgetItem([title])
        self._style_group(group_item, group.key)
        group_item.setData(0, TITLE_ROLE, title)
        if group.needs_no_answers:
            group_item.setText(0, self.tr("%1 ― 利用禁止のため回答は不要です").replace("%1", title))
            group_item.setForeground(0, QBrush(QColor("#5a6675")))
            return group_item
        if group.tool is not None and not group.items:
            group_item.setText(
                0,
                self.tr("%1 ― このツールの業務ステップに関係する対策はありません").replace(
                    "%1", title
                ),
            )
            return group_item
        for item in items:
            self._items[item.key] = item
            row = self._add_row(group_item, item.key, item.countermeasure.title)
            if group.step and self._guideline is not None:
                roles = self._guideline.roles_at(item.countermeasure, group.step)
                row.setData(0, ROLES_ROLE, [self.tr(r.label) for r in roles])
        self._update_group_title(group_item)
        return group_item

    def _style_group(self, group_item: QTreeWidgetItem, key: str) -> None:
        group_item.setData(0, GROUP_ROLE, key)
        font = self.font()
        font.setBold(True)
        group_item.setFont(0, font)
        group_item.setBackground(0, QBrush(QColor(GROUP_BACKGROUND)))

    def _add_row(self, parent: QTreeWidgetItem, key: Key, title: str) -> QTreeWidgetItem:
        row = QTreeWidgetItem(parent, [title, "", "", ""])
        row.setData(0, ID_ROLE, key[0])
        row.setData(0, TOOL_ROLE, key[1] or "")
        self._rows.setdefault(key, []).append(row)
        self._paint_row(row)
        return row

    def _answer(self, row: QTreeWidgetItem) -> Answer:
        assert self._assessment is not None
        return self._assessment.answer(row.data(0, ID_ROLE), row.data(0, TOOL_ROLE) or None)

    def _paint_row(self, row: QTreeWidgetItem) -> None:
        answer = self._answer(row)
        status = answer.status
        label = self.tr(status.label)
        review = answer.needs_review or answer.carried_over
        row.setText(COLUMN_STATUS, label + (" !" if review else ""))
        if review:
            label += self.tr("（要確認）")
        background, ink = STATUS_COLOURS[status]
        row.setBackground(COLUMN_STATUS, QBrush(QColor(background)))
        row.setForeground(COLUMN_STATUS, QBrush(QColor(ink)))
        due = answer.target_date.isoformat() if status.is_gap and answer.target_date else ""
        row.setText(COLUMN_DUE, due)
        tip = f"{row.data(0, ID_ROLE)} {row.text(COLUMN_TITLE)}"
        item = self._items.get((row.data(0, ID_ROLE), row.data(0, TOOL_ROLE) or None))
        if item is not None and item.tool is not None:
            tip += "\n" + self.tr("AIツール: %1").replace("%1", item.tool.name)
        if status.is_gap and answer.owner:
            tip += "\n" + self.tr("担当: %1").replace("%1", answer.owner)
        row.setToolTip(COLUMN_TITLE, tip)
        if row.data(0, ROLES_ROLE):
            row.setToolTip(
                COLUMN_ROLES,
                self.tr("この業務ステップで行う職種: %1").replace(
                    "%1", "・".join(row.data(0, ROLES_ROLE))
                ),
            )
        row.setData(COLUMN_STATUS, Qt.ItemDataRole.AccessibleTextRole, label)

    def _update_group_title(self, group_item: QTreeWidgetItem) -> None:
        rows = child_items(group_item)
        answered = sum(1 for r in rows if self._answer(r).status is not Status.UNANSWERED)
        group_item.setText(
            0,
            self.tr("%1（回答 %2 / %3）")
            .replace("%1", group_item.data(0, TITLE_ROLE) or "")
            .replace("%2", str(answered))
            .replace("%3", str(len(rows))),
        )

    def refresh_countermeasure(self, cm_id: str) -> None:
        """Repaint the rows of one countermeasure (every tool's) and their groups' titles."""
        for key, rows in self._rows.items():
            if key[0] != cm_id:
                continue
            for row in rows:
                self._paint_row(row)
                parent = row.parent()
                if parent is not None and parent.data(0, TITLE_ROLE):
                    self._update_group_title(parent)

    # -- what is shown -----------------------------------------------------------------------

    def item_rows(self) -> list[QTreeWidgetItem]:
        """The rows of items (and kept answers), group after group."""
        return grouped_items(self)

    def rows_for(self, cm_id: str, tool_id: str | None = None) -> list[QTreeWidgetItem]:
        """The rows of one answer (one per group it is shown in)."""
        return list(self._rows.get((cm_id, tool_id), []))

    def group_rows(self) -> list[QTreeWidgetItem]:
        return top_level_items(self)

    def first_item_row(self) -> QTreeWidgetItem | None:
        rows = self.item_rows()
        return rows[0] if rows else None

    def item_of(self, row: QTreeWidgetItem | None) -> AssessmentItem | None:
        if row is None or not row.data(0, ID_ROLE):
            return None
        return self._items.get((row.data(0, ID_ROLE), row.data(0, TOOL_ROLE) or None))

    def current_key(self) -> Key | None:
        row = self.currentItem()
        if row is None or not row.data(0, ID_ROLE):
            return None
        return (row.data(0, ID_ROLE), row.data(0, TOOL_ROLE) or None)

    def current_item(self) -> AssessmentItem | None:
        """The item of the current row (None for a group, or an answer kept apart)."""
        return self.item_of(self.currentItem())

    def current_countermeasure(self) -> str:
        key = self.current_key()
        return key[0] if key is not None else ""

    def current_group_key(self) -> str:
        """The key of the current row's group (a step's id in 現場の手順, a tool's in AIツール)."""
        row = self.currentItem()
        if row is None:
            return ""
        return _group_key(row) if row.parent() is not None else row.data(0, GROUP_ROLE) or ""

    # -- moving ------------------------------------------------------------------------------

    def select(self, cm_id: str, where: str = "") -> bool:
        """Make the row of a countermeasure current: for a tool's item, `where` names the
        tool (else the first tool's row); for a step action, the step whose row it is."""
        candidates = [row for key, rows in self._rows.items() if key[0] == cm_id for row in rows]
        if not candidates:
            return False
        chosen = next(
            (
                r
                for r in candidates
                if where and (r.data(0, TOOL_ROLE) == where or _group_key(r) == where)
            ),
            candidates[0],
        )
        if self.currentItem() is not chosen:
            self.setCurrentItem(chosen)
        self.scrollToItem(chosen)
        return True

    def select_group(self, key: str) -> bool:
        """Show a group (a tool's block, a step): its first item is made current."""
        for group in self.group_rows():
            if group.data(0, GROUP_ROLE) == key:
                target = group.child(0) or group
                self.setCurrentItem(target)
                self.scrollToItem(group, QAbstractItemView.ScrollHint.PositionAtTop)
                return True
        return False

    def has_unanswered(self) -> bool:
        return any(
            self._answer(r).status is Status.UNANSWERED
            for r in self.item_rows()
            if self.item_of(r) is not None
        )

    def next_unanswered(self, *, from_start: bool = False) -> bool:
        """Make the next unanswered item after the current row current (wrapping), or the
        first one (`from_start`)."""
        if self._assessment is None:
            return False
        rows = [r for r in self.item_rows() if self.item_of(r) is not None]
        if not rows:
            return False
        current = self.currentItem()
        start = rows.index(current) + 1 if current in rows and not from_start else 0
        for row in rows[start:] + rows[:start]:
            if self._answer(row).status is Status.UNANSWERED:
                self.setCurrentItem(row)
                self.scrollToItem(row)
                return True
        return False

    def _on_activated(self, row: QTreeWidgetItem, _column: int) -> None:
        if self.item_of(row) is not None:
            self.activated.emit()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if modifiers == Qt.KeyboardModifier.NoModifier and event.text():
            for status, key in STATUS_KEYS:
                if event.text() == key:
                    if self.current_item() is not None:
                        self.status_key_pressed.emit(status)
                    event.accept()
                    return
        super().keyPressEvent(event)


def widest_date(metrics: QFontMetrics) -> int:
    """The width of the widest date (the font's digits differ in width: 「2027-03-25」 is
    wider than 「2027-12-11」)."""
    return max(metrics.horizontalAdvance(f"{d * 4}-{d * 2}-{d * 2}") for d in "0123456789")


def _lines_of_names(names: list[str], metrics: QFontMetrics, width: int) -> str:
    """「医療事務・情報システム」 in lines that break after 「・」, never inside a name."""
    lines: list[str] = []
    line = ""
    for name in names:
        joined = f"{line}・{name}" if line else name
        if line and metrics.horizontalAdvance(joined) > width:
            lines.append(line + "・")
            line = name
        else:
            line = joined
    lines.append(line)
    return "\n".join(lines)


def _group_key(row: QTreeWidgetItem) -> str:
    """The key of the group a row is in ("" for a group row itself)."""
    parent = row.parent()
    return parent.data(0, GROUP_ROLE) or "" if parent is not None else ""


def _searchable(item: AssessmentItem) -> str:
    cm = item.countermeasure
    tool = item.tool.name if item.tool is not None else ""
    return fold(f"{cm.id} {cm.title} {cm.text} {tool}")


def _shown(answer: Answer, show: str) -> bool:
    if show == "unanswered":
        return answer.status is Status.UNANSWERED
    if show == "gaps":
        return answer.status.is_gap
    if show == "review":
        return answer.needs_review or answer.carried_over
    return True
