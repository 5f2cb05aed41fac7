"""One part of the assessment as people answer it: its list beside the answer form.

When the page is narrow for its text size (a laptop at 200%), the list goes above the form
and keeps about nine rows, and the status choices come first in the form, right under the
list: what to answer and how stay on screen together, without scrolling.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeySequence, QResizeEvent, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...assessment.models import Status
from ...assessment.parts import AssessmentItem, Part
from ..shell.navigation import Location
from ..widgets.flow_layout import FlowLayout
from ..widgets.tree_rows import child_items
from .answer_editor import STATUS_KEYS, AnswerEditor
from .answer_groups import GROUPINGS
from .answer_list import AnswerList
from .locations import PAGE, answer_key, part_location

if TYPE_CHECKING:
    from ..shell.protocol import Shell
    from .controller import AssessmentController

# The list and the form sit side by side when the view is at least this many characters
# wide (at the current text size); below, the list goes above the form.
SIDE_BY_SIDE_CHARS = 66
LIST_ROWS = 9  # rows the list keeps above the form when stacked (at least 8 show whole)
LIST_MIN_TITLE_CHARS = 10  # the list's 対策 column never gets narrower than this side by side

GROUPING_LABELS = {
    "use_case": "ユースケース別",
    "risk_category": "リスク区分別",
    "tool": "ツール別",
    "step": "業務ステップ別",
}


class AnswerView(QWidget):
    """List (grouped, filtered) | form for one part. Fast with the keyboard alone."""

    location_changed = Signal()  # another item is current
    part_done = Signal()  # F8 found nothing unanswered left in this part
    tool_register_requested = Signal()
    setup_requested = Signal()

    def __init__(
        self,
        part: Part,
        controller: AssessmentController,
        shell: Shell,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.part = part
        self.setObjectName(f"answerView_{part.value}")
        self.controller = controller
        self.shell = shell
        self._stacked: bool | None = None
        self._side_sizes: list[int] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.bar = self._build_bar()
        layout.addWidget(self.bar)

        self.pages = QStackedWidget(self)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self.pages)
        self.splitter.setObjectName("assessmentSplitter")
        self.splitter.setChildrenCollapsible(False)
        self.list = AnswerList(part, self.splitter)
        self.editor = AnswerEditor(controller, self.splitter)
        self.splitter.addWidget(self.list)
        self.splitter.addWidget(self.editor)
        self.splitter.setStretchFactor(0, 5)
        self.splitter.setStretchFactor(1, 6)
        self.splitter.setSizes([500, 600])  # until the person moves it (then remembered)
        shell.restore_splitter(self.splitter)
        self.splitter.splitterMoved.connect(self._splitter_moved)
        self.pages.addWidget(self.splitter)
        self.pages.addWidget(self._build_empty_panel())
        layout.addWidget(self.pages, 1)

        self.list.current_changed.connect(self._show_current)
        self.list.status_key_pressed.connect(self.set_status)
        self.list.activated.connect(self.focus_form)
        self.editor.next_unanswered_requested.connect(self.next_unanswered)
        self.editor.guideline_requested.connect(self._open_in_guideline)
        self.editor.message_shown.connect(lambda text: self.shell.show_status(text, 8000))
        self.grouping.currentIndexChanged.connect(lambda _i: self.reload())
        self.show_filter.currentIndexChanged.connect(lambda _i: self.reload())
        self.text_filter.textChanged.connect(lambda _t: self.reload())
        self.text_filter.returnPressed.connect(
            lambda: self.list.setFocus(Qt.FocusReason.OtherFocusReason)
        )
        shell.filters.changed.connect(self.reload)
        controller.answer_changed.connect(self._answer_changed)

        context = Qt.ShortcutContext.WidgetWithChildrenShortcut
        for sequence in ("F8", "Ctrl+Return", "Ctrl+Enter"):
            shortcut = QShortcut(QKeySequence(sequence), self, context=context)
            shortcut.activated.connect(self.next_unanswered)
        back_to_list = QShortcut(QKeySequence("Esc"), self.editor, context=context)
        back_to_list.activated.connect(
            lambda: self.list.setFocus(Qt.FocusReason.ShortcutFocusReason)
        )
        for status, key in STATUS_KEYS:
            shortcut = QShortcut(QKeySequence(f"Alt+{key}"), self, context=context)
            shortcut.activated.connect(lambda s=status: self.set_status(s))

    # -- building ----------------------------------------------------------------------------

    def _build_bar(self) -> QWidget:
        bar = QWidget(self)
        bar.setObjectName("answerBar")
        # Wraps onto a second line rather than widening the window at a large text size.
        flow = FlowLayout(bar, spacing=12)
        flow.setContentsMargins(12, 2, 12, 2)

        def pair(label_text: str, field: QWidget) -> QWidget:
            box = QWidget(bar)
            row = QHBoxLayout(box)
            row.setContentsMargins(0, 0, 0, 0)
            row.setSpacing(4)
            label = QLabel(label_text, box)
            label.setBuddy(field)
            row.addWidget(label)
            row.addWidget(field)
            flow.addWidget(box)
            return box

        self.grouping = QComboBox(bar)
        self.grouping.setObjectName("grouping")
        self.grouping.setAccessibleName(self.tr("一覧のまとめ方"))
        for key in GROUPINGS[self.part]:
            self.grouping.addItem(self.tr(GROUPING_LABELS[key]), key)
        grouping_box = pair(self.tr("まとめ方(&K):"), self.grouping)
        grouping_box.setVisible(self.grouping.count() > 1)
        self.show_filter = QComboBox(bar)
        self.show_filter.setObjectName("showFilter")
        self.show_filter.setAccessibleName(self.tr("一覧に表示する対策"))
        self.show_filter.addItem(self.tr("すべて"), "all")
        self.show_filter.addItem(self.tr("未回答だけ"), "unanswered")
        self.show_filter.addItem(self.tr("未実施・一部実施だけ"), "gaps")
        self.show_filter.addItem(self.tr("要確認だけ"), "review")
        pair(self.tr("表示(&I):"), self.show_filter)
        self.text_filter = QLineEdit(bar)
        self.text_filter.setObjectName("answerTextFilter")
        self.text_filter.setAccessibleName(self.tr("対策を言葉で絞り込む"))
        self.text_filter.setPlaceholderText(
            self.tr("例: 研修、同意") if self.part is not Part.TOOL else self.tr("例: 学習、ログ")
        )
        self.text_filter.setClearButtonEnabled(True)
        pair(self.tr("絞り込み(&J):"), self.text_filter)
        self.perspective_note = QLabel(bar)
        self.perspective_note.setObjectName("filterSummary")
        flow.addWidget(self.perspective_note)
        return bar

    def _build_empty_panel(self) -> QWidget:
        """What the part shows when it has nothing to answer, and how to change that."""
        panel = QWidget(self.pages)
        panel.setObjectName("emptyPart")
        layout = QVBoxLayout(panel)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(10)
        self.empty_heading = QLabel(panel)
        self.empty_heading.setObjectName("sectionHeading")
        self.empty_heading.setWordWrap(True)
        layout.addWidget(self.empty_heading)
        self.empty_text = QLabel(panel)
        self.empty_text.setWordWrap(True)
        layout.addWidget(self.empty_text)
        row = QHBoxLayout()
        self.empty_button = QPushButton(panel)
        self.empty_button.setObjectName("emptyPartAction")
        self.empty_button.clicked.connect(self._empty_action)
        row.addWidget(self.empty_button)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(1)
        return panel

    # -- content ------------------------------------------------------------------------------

    def reload(self) -> None:
        assessment = self.controller.assessment
        guideline = self.shell.guideline
        if assessment is None or guideline is None:
            self.list.clear()
            self.editor.show_item(None, None)
            return
        perspective = self.shell.filters.current.perspective
        self.perspective_note.setText(
            {
                "user": self.tr("立場の絞り込み: 利用者の対策だけ"),
                "developer": self.tr("立場の絞り込み: 開発者の対策だけ"),
            }.get(perspective, "")
        )
        self.perspective_note.setVisible(perspective in ("user", "developer"))
        self.list.fill(
            assessment,
            guideline,
            self.grouping.currentData(),
            self.show_filter.currentData(),
            perspective,
            self.text_filter.text(),
        )
        self.editor.set_editable(self.controller.can_edit)
        self._show_empty_panel_if_needed()
        if self.stacked:
            self._share_height()  # rows of other heights now

    def _show_empty_panel_if_needed(self) -> None:
        assessment = self.controller.assessment
        filtered = (
            self.show_filter.currentData() != "all"
            or bool(self.text_filter.text())
            or self.shell.filters.current.perspective in ("user", "developer")
        )
        empty = self.list.topLevelItemCount() == 0 and not filtered
        if self.part is Part.TOOL and assessment is not None and not assessment.tools:
            self.empty_heading.setText(self.tr("AIツール台帳にツールがまだありません"))
            self.empty_text.setText(
                self.tr(
                    "施設で使っている、または導入を予定している生成AIツールを、AIツール台帳に"
                    "登録してください。ツールごとに、提供元（ベンダー）や情報システム部門が答える"
                    "対策（入力を学習に使わない、ログの保存、モデル変更の通知など）がここに並びます。"
                )
            )
            self.empty_button.setText(self.tr("AIツール台帳を開く(&A)"))
            self.pages.setCurrentIndex(1)
            self.bar.hide()  # nothing to filter
        elif empty:
            self.empty_heading.setText(
                self.tr("%1で評価する対策はありません").replace("%1", self.tr(self.part.part_label))
            )
            self.empty_text.setText(
                self.tr(
                    "評価範囲のユースケースと業務ステップ（AIツール台帳のツールが使われる業務"
                    "ステップを含む）に関係する対策がここに並びます。評価範囲は「評価の設定を変更」"
                    "で広げられます。"
                )
            )
            self.empty_button.setText(self.tr("評価の設定を変更…(&E)"))
            self.empty_button.setEnabled(self.controller.can_edit)
            self.pages.setCurrentIndex(1)
            self.bar.hide()
        else:
            self.pages.setCurrentIndex(0)
            self.bar.show()

    def _empty_action(self) -> None:
        assessment = self.controller.assessment
        if self.part is Part.TOOL and assessment is not None and not assessment.tools:
            self.tool_register_requested.emit()
        else:
            self.setup_requested.emit()

    @property
    def is_empty(self) -> bool:
        return self.pages.currentIndex() == 1

    def _answer_changed(self, cm_id: str) -> None:
        self.list.refresh_countermeasure(cm_id)
        item = self.editor.item
        if not self.isVisible() and item is not None and item.countermeasure_id == cm_id:
            self.editor.refresh()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if self.editor.item is not None:
            self.editor.refresh()  # answered elsewhere (another part, an import) meanwhile
        self._arrange()

    # -- where the person is ------------------------------------------------------------------

    def select(self, cm_id: str, where: str = "") -> bool:
        """Make an item current, clearing the list's filters when they hide it."""
        if self.list.select(cm_id, where):
            return True
        if self.show_filter.currentData() != "all" or self.text_filter.text():
            self.text_filter.clear()
            self.show_filter.setCurrentIndex(0)
            return self.list.select(cm_id, where)
        return False

    def select_group(self, key: str) -> bool:
        if self.list.select_group(key):
            return True
        if self.show_filter.currentData() != "all" or self.text_filter.text():
            self.text_filter.clear()
            self.show_filter.setCurrentIndex(0)
            return self.list.select_group(key)
        return False

    def current_item(self) -> AssessmentItem | None:
        return self.list.current_item()

    def current_countermeasure(self) -> str:
        return self.list.current_countermeasure()

    def location(self) -> Location:
        """Where the person is: the current item's answer, or the part itself."""
        item = self.list.current_item()
        if item is None:
            return part_location(self.part)
        where = item.tool_id or (self.list.current_group_key() if self.part is Part.STEP else "")
        return Location(PAGE, answer_key(item.countermeasure_id, where or ""))

    def _show_current(self) -> None:
        item = self.list.current_item()
        step = self.list.current_group_key() if self.part is Part.STEP else ""
        self.editor.show_item(item, self.shell.guideline, step)
        self.location_changed.emit()

    # -- keyboard ----------------------------------------------------------------------------

    def set_status(self, status: Status) -> None:
        if self.editor.item is not None:
            self.editor.choose_status(status)

    def next_unanswered(self) -> None:
        if self.list.next_unanswered():
            self.list.setFocus(Qt.FocusReason.ShortcutFocusReason)
        else:
            self.part_done.emit()

    def focus_form(self) -> None:
        current = self.editor.status_group.checkedButton()
        (current or self.editor.status_buttons[Status.DONE]).setFocus(
            Qt.FocusReason.OtherFocusReason
        )

    def _open_in_guideline(self, cm_id: str) -> None:
        opened = self.shell.open_item(cm_id)
        if not opened:
            self.shell.show_status(self.tr("この対策はガイドラインの画面で表示できません。"), 6000)

    # -- fitting the screen -------------------------------------------------------------------

    @property
    def stacked(self) -> bool:
        """The list is above the form (a narrow page for the text size)."""
        return bool(self._stacked)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._arrange()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._arrange()

    def _arrange(self) -> None:
        metrics = self.fontMetrics()
        em = metrics.horizontalAdvance("あ")
        stacked = self.width() < SIDE_BY_SIDE_CHARS * em
        if stacked != self._stacked:
            if self._stacked is False:
                self._side_sizes = self.splitter.sizes()
            self._stacked = stacked
            self.splitter.setOrientation(
                Qt.Orientation.Vertical if stacked else Qt.Orientation.Horizontal
            )
            self.editor.set_status_first(stacked)
            self.list.set_compact(stacked)
            if not stacked:
                self.editor.setMinimumHeight(0)
                width = self.splitter.width()
                self.splitter.setSizes(self._side_sizes or [width * 5 // 11, width * 6 // 11])
        # Side by side, the 対策 column keeps room for a few words (never a character a line).
        self.list.setMinimumWidth(
            0 if stacked else self.list.fixed_columns_width() + LIST_MIN_TITLE_CHARS * em
        )
        if stacked:
            self._share_height()

    def _share_height(self) -> None:
        """The list gets its first LIST_ROWS rows; the form keeps at least its status choices."""
        total = sum(self.splitter.sizes()) or self.splitter.height()
        if total <= 0:
            return
        frame = 2 * self.list.frameWidth()
        wanted = self.list.header().sizeHint().height() + self._rows_height(LIST_ROWS) + frame
        margins = self.editor.body_layout.contentsMargins()
        form = self.editor.status_frame.sizeHint().height() + margins.top() + margins.bottom()
        self.editor.setMinimumHeight(form)  # below that the form scrolls, the list keeps rows
        list_height = max(min(wanted, total - form), min(wanted, total // 2))
        self.splitter.setSizes([list_height, total - list_height])

    def _rows_height(self, count: int) -> int:
        """The height of the list's first `count` rows (group rows too), as laid out."""
        rows: list[QTreeWidgetItem] = []
        for group in self.list.group_rows():
            rows.append(group)
            rows.extend(child_items(group))
        heights = [self.list.visualItemRect(r).height() for r in rows[:count]]
        heights = [h for h in heights if h > 0]
        line = self.list.fontMetrics().height() + 10
        return sum(heights) + (count - len(heights)) * (max(heights) if heights else line)

    def _splitter_moved(self) -> None:
        if self._stacked is False:
            self._side_sizes = self.splitter.sizes()
