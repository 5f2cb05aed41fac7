"""The main working surface: the list of countermeasures in scope beside the answer form."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ...assessment.models import Status
from .answer_editor import STATUS_KEYS, AnswerEditor
from .answer_list import AnswerList

if TYPE_CHECKING:
    from ..shell.protocol import Shell
    from .controller import AssessmentController


class AnswerView(QWidget):
    """List (grouped by use case or step, filtered) | form. Fast with the keyboard alone."""

    countermeasure_changed = Signal(str)

    def __init__(
        self, controller: AssessmentController, shell: Shell, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("answerView")
        self.controller = controller
        self.shell = shell
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)

        bar = QWidget(self)
        bar.setObjectName("answerBar")
        bar_layout = QHBoxLayout(bar)
        bar_layout.setContentsMargins(12, 6, 12, 6)
        group_label = QLabel(self.tr("まとめ方(&K):"), bar)
        self.grouping = QComboBox(bar)
        self.grouping.setObjectName("grouping")
        self.grouping.setAccessibleName(self.tr("一覧のまとめ方"))
        self.grouping.addItem(self.tr("ユースケース別"), "use_case")
        self.grouping.addItem(self.tr("業務ステップ別"), "step")
        group_label.setBuddy(self.grouping)
        show_label = QLabel(self.tr("表示(&I):"), bar)
        self.show_filter = QComboBox(bar)
        self.show_filter.setObjectName("showFilter")
        self.show_filter.setAccessibleName(self.tr("一覧に表示する対策"))
        self.show_filter.addItem(self.tr("すべて"), "all")
        self.show_filter.addItem(self.tr("未回答だけ"), "unanswered")
        self.show_filter.addItem(self.tr("未実施・一部実施だけ"), "gaps")
        self.show_filter.addItem(self.tr("要確認だけ"), "review")
        show_label.setBuddy(self.show_filter)
        find_label = QLabel(self.tr("絞り込み(&J):"), bar)
        self.text_filter = QLineEdit(bar)
        self.text_filter.setObjectName("answerTextFilter")
        self.text_filter.setAccessibleName(self.tr("対策を言葉で絞り込む"))
        self.text_filter.setPlaceholderText(self.tr("例: 研修、同意"))
        self.text_filter.setClearButtonEnabled(True)
        find_label.setBuddy(self.text_filter)
        self.perspective_note = QLabel(bar)
        self.perspective_note.setObjectName("filterSummary")
        bar_layout.addWidget(group_label)
        bar_layout.addWidget(self.grouping)
        bar_layout.addSpacing(16)
        bar_layout.addWidget(show_label)
        bar_layout.addWidget(self.show_filter)
        bar_layout.addSpacing(16)
        bar_layout.addWidget(find_label)
        bar_layout.addWidget(self.text_filter)
        bar_layout.addSpacing(16)
        bar_layout.addWidget(self.perspective_note)
        bar_layout.addStretch(1)
        layout.addWidget(bar)

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("assessmentSplitter")
        self.splitter.setChildrenCollapsible(False)
        self.list = AnswerList(self.splitter)
        self.editor = AnswerEditor(controller, self.splitter)
        self.splitter.addWidget(self.list)
        self.splitter.addWidget(self.editor)
        self.splitter.setStretchFactor(0, 5)
        self.splitter.setStretchFactor(1, 6)
        layout.addWidget(self.splitter, 1)
        self.splitter.setSizes([500, 600])  # until the person moves it (then remembered)
        shell.restore_splitter(self.splitter)

        self.list.countermeasure_selected.connect(self._show)
        self.list.status_key_pressed.connect(self._status_from_list)
        self.list.activated_countermeasure.connect(lambda _id: self.focus_form())
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
        controller.answer_changed.connect(self.list.refresh_countermeasure)

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

    # -- content ------------------------------------------------------------------------------

    def reload(self) -> None:
        assessment = self.controller.assessment
        guideline = self.shell.guideline
        if assessment is None or guideline is None:
            self.list.clear()
            self.editor.show_countermeasure(None, None)
            return
        perspective = self.shell.filters.current.perspective
        self.perspective_note.setText(
            {
                "user": self.tr("立場の絞り込み: 利用者の対策だけ"),
                "developer": self.tr("立場の絞り込み: 開発者の対策だけ"),
            }.get(perspective, "")
        )
        self.list.fill(
            assessment,
            guideline,
            self.grouping.currentData(),
            self.show_filter.currentData(),
            perspective,
            self.text_filter.text(),
        )
        self.editor.set_editable(self.controller.can_edit)

    def select(self, cm_id: str) -> bool:
        if not self.list.select_countermeasure(cm_id):
            if self.show_filter.currentData() != "all" or self.text_filter.text():
                self.text_filter.clear()
                self.show_filter.setCurrentIndex(0)
                return self.list.select_countermeasure(cm_id)
            return False
        return True

    def current_countermeasure(self) -> str:
        return self.list.current_countermeasure()

    def _show(self, cm_id: str) -> None:
        guideline = self.shell.guideline
        cm = guideline.get(cm_id) if guideline is not None and cm_id else None
        from ...guideline import Countermeasure

        self.editor.show_countermeasure(cm if isinstance(cm, Countermeasure) else None, guideline)
        self.countermeasure_changed.emit(cm_id)

    # -- keyboard ----------------------------------------------------------------------------

    def set_status(self, status: Status) -> None:
        if self.editor.countermeasure is not None:
            self.editor.choose_status(status)

    def _status_from_list(self, cm_id: str, status: Status) -> None:
        if self.editor.countermeasure is None or self.editor.countermeasure.id != cm_id:
            return
        self.editor.choose_status(status)

    def next_unanswered(self) -> None:
        cm_id = self.list.next_unanswered()
        if not cm_id:
            self.shell.show_status(self.tr("未回答の対策はもうありません。"), 6000)
            return
        self.list.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def focus_form(self) -> None:
        current = self.editor.status_group.checkedButton()
        (current or self.editor.status_buttons[Status.DONE]).setFocus(
            Qt.FocusReason.OtherFocusReason
        )

    def _open_in_guideline(self, cm_id: str) -> None:
        opened = self.shell.open_item(cm_id)
        if not opened:
            self.shell.show_status(self.tr("この対策はガイドラインの画面で表示できません。"), 6000)
