"""The answer to one item of the assessment: status, who acts, dates, owner, note, evidence.

The item is a countermeasure of one part: 施設の体制 (answered once), AIツール (answered for
one tool of the register: its name, vendor and approval are shown) or 現場の手順 (the step and
the roles that do it there are shown). Every change is handed to the controller at once (it records the history and marks the file
unsaved). 該当なし needs a reason: choosing it without one shows why and waits for the reason
before anything is recorded.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ...assessment import EditError
from ...assessment.models import Actor, Answer, Status
from ...assessment.parts import AssessmentItem, Part
from ...guideline import Countermeasure, Guideline
from ..widgets.date_field import DateField

if TYPE_CHECKING:
    from .controller import AssessmentController

# The key that sets each status (in the list, and with Alt anywhere on the page).
STATUS_KEYS: list[tuple[Status, str]] = [
    (Status.DONE, "1"),
    (Status.PARTIAL, "2"),
    (Status.NOT_DONE, "3"),
    (Status.NOT_APPLICABLE, "4"),
    (Status.UNANSWERED, "5"),
]


class AnswerEditor(QScrollArea):
    """Shows one item and edits its answer through the controller."""

    next_unanswered_requested = Signal()
    guideline_requested = Signal(str)  # countermeasure id
    message_shown = Signal(str)

    def __init__(self, controller: AssessmentController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("answerEditor")
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.controller = controller
        self.item: AssessmentItem | None = None
        self._loading = False
        self._pending_not_applicable = False

        body = QWidget(self)
        body.setObjectName("answerEditorBody")
        self.setWidget(body)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(16, 12, 16, 12)
        self.body_layout = layout
        layout.setSpacing(8)

        self.placeholder = QLabel(self.tr("一覧から対策を選んでください。"), body)
        self.placeholder.setObjectName("mutedText")
        self.placeholder.setWordWrap(True)
        layout.addWidget(self.placeholder)

        self.content = QWidget(body)
        content = QVBoxLayout(self.content)
        content.setContentsMargins(0, 0, 0, 0)
        content.setSpacing(8)
        layout.addWidget(self.content)
        layout.addStretch(1)

        self.title = QLabel(self.content)
        self.title.setObjectName("answerTitle")
        self.title.setWordWrap(True)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        content.addWidget(self.title)

        # Where the item is answered: for which tool, or at which step by which roles.
        self.where = QLabel(self.content)
        self.where.setObjectName("answerWhere")
        self.where.setWordWrap(True)
        self.where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        content.addWidget(self.where)

        meta_row = QHBoxLayout()
        self.meta = QLabel(self.content)
        self.meta.setObjectName("mutedText")
        self.meta.setWordWrap(True)
        meta_row.addWidget(self.meta, 1)
        self.guideline_button = QPushButton(self.tr("ガイドラインで見る (&L)"), self.content)
        self.guideline_button.setObjectName("showInGuideline")
        self.guideline_button.setToolTip(
            self.tr("この対策のユースケース・リスク・業務ステップを表示します。Alt+← で戻れます。")
        )
        self.guideline_button.clicked.connect(self._show_in_guideline)
        meta_row.addWidget(self.guideline_button, 0, Qt.AlignmentFlag.AlignTop)
        content.addLayout(meta_row)

        self.text = QLabel(self.content)
        self.text.setObjectName("countermeasureText")
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        content.addWidget(self.text)

        self.evidence_hint = QLabel(self.content)
        self.evidence_hint.setObjectName("mutedText")
        self.evidence_hint.setWordWrap(True)
        content.addWidget(self.evidence_hint)

        review_row = QHBoxLayout()
        self.review_label = QLabel(self.content)
        self.review_label.setObjectName("reviewBadge")
        self.review_label.setWordWrap(True)
        review_row.addWidget(self.review_label, 1)
        self.review_button = QPushButton(self.tr("確認した"), self.content)
        self.review_button.setObjectName("reviewDone")
        self.review_button.clicked.connect(self._mark_reviewed)
        review_row.addWidget(self.review_button, 0, Qt.AlignmentFlag.AlignTop)
        content.addLayout(review_row)

        # -- status ------------------------------------------------------------------------
        status_frame = QFrame(self.content)
        status_frame.setObjectName("statusFrame")
        self.status_frame = status_frame
        status_layout = QVBoxLayout(status_frame)
        status_layout.setContentsMargins(10, 8, 10, 8)
        self.status_layout = status_layout
        status_heading = QLabel(self.tr("状況（数字キー 1〜5、入力欄では Alt+数字）"), status_frame)
        status_heading.setObjectName("fieldHeading")
        self.status_heading = status_heading
        status_frame.setToolTip(status_heading.text())
        status_layout.addWidget(status_heading)
        # All five on one line when the form is wide enough, else three a line.
        self.buttons_row = QGridLayout()
        self.buttons_row.setHorizontalSpacing(16)
        self.buttons_row.setVerticalSpacing(4)
        self.status_group = QButtonGroup(self)
        self.status_buttons: dict[Status, QRadioButton] = {}
        for status, key in STATUS_KEYS:
            button = QRadioButton(f"{key} {self.tr(status.label)}", status_frame)
            button.setObjectName(f"status_{status.value}")
            button.setAccessibleName(self.tr("状況: %1").replace("%1", self.tr(status.label)))
            self.status_group.addButton(button)
            self.status_buttons[status] = button
            # Arrow keys move through the choices too: 該当なし then keeps the focus here.
            button.clicked.connect(lambda _=False, s=status: self.choose_status(s, focus=False))
        self._status_columns = 0
        self._place_status_buttons(3)
        status_layout.addLayout(self.buttons_row)

        reason_row = QHBoxLayout()
        self.reason_label = QLabel(self.tr("該当なしの理由(&R)"), status_frame)
        self.na_reason = QLineEdit(status_frame)
        self.na_reason.setObjectName("naReason")
        self.na_reason.setAccessibleName(self.tr("該当なしの理由"))
        self.na_reason.setPlaceholderText(self.tr("例: 当院では患者向けチャットボットを使わない"))
        self.reason_label.setBuddy(self.na_reason)
        reason_row.addWidget(self.reason_label)
        reason_row.addWidget(self.na_reason, 1)
        status_layout.addLayout(reason_row)
        self.na_reason.textChanged.connect(self._reason_edited)

        self.message = QLabel(status_frame)
        self.message.setObjectName("formError")
        self.message.setWordWrap(True)
        self.message.hide()
        status_layout.addWidget(self.message)
        content.addWidget(status_frame)
        self._status_first = False

        # -- details -----------------------------------------------------------------------
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.actor = QComboBox(self.content)
        self.actor.setObjectName("actor")
        self.actor.setAccessibleName(self.tr("実施するのは"))
        self.actor.addItem(self.tr("（未選択）"), None)
        for actor in Actor:
            self.actor.addItem(self.tr(actor.label), actor)
        self.actor.currentIndexChanged.connect(
            lambda _i: self._change(actor=self.actor.currentData())
        )
        form.addRow(self.tr("実施するのは(&W)"), self.actor)

        self.confirmed_on = DateField(self.tr("確認日"), self.content)
        self.confirmed_on.setObjectName("confirmedOn")
        self.confirmed_on.date_changed.connect(lambda d: self._change(confirmed_on=d))
        self.confirmed_on.invalid.connect(self._bad_date)
        form.addRow(self.tr("確認日(&C)"), self.confirmed_on)

        self.target_date = DateField(self.tr("目標日"), self.content)
        self.target_date.setObjectName("targetDate")
        self.target_date.date_changed.connect(lambda d: self._change(target_date=d))
        self.target_date.invalid.connect(self._bad_date)
        self.target_label = QLabel(self.tr("目標日(&T)"), self.content)
        self.target_label.setBuddy(self.target_date.edit)
        form.addRow(self.target_label, self.target_date)

        self.owner = QLineEdit(self.content)
        self.owner.setObjectName("owner")
        self.owner.setAccessibleName(self.tr("担当者"))
        self.owner.setPlaceholderText(self.tr("未実施・一部実施のとき、誰が進めるか"))
        self.owner.textEdited.connect(lambda text: self._change(owner=text))
        form.addRow(self.tr("担当者(&O)"), self.owner)

        self.note = QPlainTextEdit(self.content)
        self.note.setObjectName("note")
        self.note.setAccessibleName(self.tr("メモ"))
        self.note.setPlaceholderText(
            self.tr("取り組みの状況など。患者の氏名・ID などは書かないでください。")
        )
        self.note.setTabChangesFocus(True)

        self.note.textChanged.connect(self._note_edited)
        form.addRow(self.tr("メモ(&M)"), self.note)

        self.evidence = QPlainTextEdit(self.content)
        self.evidence.setObjectName("evidence")
        self.evidence.setAccessibleName(self.tr("根拠資料"))
        self.evidence.setPlaceholderText(self.tr("文書名・保管場所・規程番号など"))
        self.evidence.setTabChangesFocus(True)

        self.evidence.textChanged.connect(self._evidence_edited)
        form.addRow(self.tr("根拠資料(&E)"), self.evidence)
        content.addLayout(form)

        bottom = QHBoxLayout()
        self.next_button = QPushButton(self.tr("次の未回答へ (F8 / Ctrl+Enter)"), self.content)
        self.next_button.setObjectName("nextUnanswered")
        self.next_button.clicked.connect(self.next_unanswered_requested.emit)
        bottom.addWidget(self.next_button)
        bottom.addStretch(1)
        content.addLayout(bottom)

        self._inputs: list[QWidget] = [
            *self.status_buttons.values(),
            self.na_reason,
            self.actor,
            self.owner,
            self.review_button,
        ]
        self._size_text_fields()
        controller.about_to_save.connect(self.commit_typing)
        self.show_item(None, None)

    @property
    def countermeasure(self) -> Countermeasure | None:
        return self.item.countermeasure if self.item is not None else None

    def commit_typing(self) -> None:
        """Dates are taken when the field is left; saving takes them too."""
        if self.item is not None and self.controller.can_edit:
            self.confirmed_on.commit()
            self.target_date.commit()

    def _size_text_fields(self) -> None:
        line = self.fontMetrics().height()
        self.note.setMinimumHeight(4 * line)
        self.note.setMaximumHeight(8 * line)
        self.evidence.setMinimumHeight(3 * line)
        self.evidence.setMaximumHeight(5 * line)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.FontChange:
            self._size_text_fields()  # the text size (zoom) changed
            self._fit_status_buttons()
        super().changeEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._fit_status_buttons()

    # -- fitting the width and the height ----------------------------------------------------

    def _place_status_buttons(self, columns: int) -> None:
        if columns == self._status_columns:
            return
        self._status_columns = columns
        for button in self.status_buttons.values():
            self.buttons_row.removeWidget(button)
        for index, button in enumerate(self.status_buttons.values()):
            self.buttons_row.addWidget(button, index // columns, index % columns)
        for column in range(6):
            self.buttons_row.setColumnStretch(column, 1 if column == columns else 0)

    def _fit_status_buttons(self) -> None:
        """Five choices on one line when they fit the form's width, else three a line."""
        spacing = self.buttons_row.horizontalSpacing()
        needed = sum(b.sizeHint().width() + spacing for b in self.status_buttons.values())
        margins = 2 * 10 + 2 * 16 + 8  # the frame's and the form's margins (at most), its line
        room = self.viewport().width() - margins
        self._place_status_buttons(5 if needed <= room else 3)

    def set_status_first(self, first: bool) -> None:
        """When the form is under the list (a narrow page), the status choices come first,
        right under the list's selected row, their heading in the tooltip: what to answer
        and how show together without scrolling."""
        if first == self._status_first:
            return
        self._status_first = first
        layout = self.content.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.removeWidget(self.status_frame)
        # First, or back after the review row (a layout of its own).
        index = 0 if first else _layout_index(layout, self.review_label) + 1
        layout.insertWidget(index, self.status_frame)
        self.status_heading.setVisible(not first)
        # Under the list every pixel counts: the choices sit close to its edge.
        self.body_layout.setContentsMargins(*((12, 2, 12, 2) if first else (16, 12, 16, 12)))
        self.status_layout.setContentsMargins(*((8, 4, 8, 4) if first else (10, 8, 10, 8)))

    # -- showing -----------------------------------------------------------------------------

    def show_item(
        self, item: AssessmentItem | None, guideline: Guideline | None, step_id: str = ""
    ) -> None:
        """Show an item (None: the placeholder); `step_id` is the step whose row it is."""
        self.item = item
        if self._pending_not_applicable:
            self._pending_not_applicable = False
            self.message_shown.emit(
                self.tr("「該当なし」は理由が入力されなかったため、反映していません。")
            )
        self.placeholder.setVisible(item is None)
        self.content.setVisible(item is not None)
        if item is None or guideline is None:
            return
        cm = item.countermeasure
        self.title.setText(
            f'<span style="font-size:large"><b>{_escape(cm.title)}</b></span>'
            f'　<span style="color:#5a6675">{cm.id}</span>'
        )
        categories = "・".join(
            guideline.risk_category(rc).name for rc in cm.risk_categories if guideline.get(rc)
        )
        self.meta.setText(
            self.tr("%1 ・ %2 ・ %3")
            .replace("%1", self.tr(cm.perspective.label))
            .replace("%2", self.tr(cm.phase.label))
            .replace("%3", categories)
        )
        self.where.setText(self._where_text(item, guideline, step_id))
        self.text.setText(cm.text)
        self.evidence_hint.setText(self.tr("根拠資料の例: %1").replace("%1", cm.evidence))
        self.refresh()

    def _where_text(self, item: AssessmentItem, guideline: Guideline, step_id: str) -> str:
        if item.tool is not None:
            tool = item.tool
            text = self.tr("AIツール: %1").replace("%1", tool.name)
            if tool.vendor:
                text += self.tr(" ・ 提供元: %1").replace("%1", tool.vendor)
            return text + self.tr(" ・ %1").replace("%1", self.tr(tool.approval.label))
        if item.part is Part.STEP:
            cm = item.countermeasure
            steps = [s.id for s in guideline.steps_of(cm)]
            here = step_id if step_id in steps else (steps[0] if steps else "")
            if not here:
                return self.tr("現場の手順")
            roles = "・".join(self.tr(r.label) for r in guideline.roles_at(cm, here))
            flow = guideline.flow_of_step(here)
            text = (
                self.tr("現場の手順: %1 › %2 ・ 職種: %3")
                .replace("%1", flow.name)
                .replace("%2", guideline.step(here).name)
                .replace("%3", roles)
            )
            others = [guideline.step(s).name for s in steps if s != here]
            if others:  # one answer for the facility: it shows at each of these steps
                text += self.tr("（%1 と共通の回答）").replace("%1", "、".join(others))
            return text
        return self.tr("施設の体制: 施設として1回答えます")

    def refresh(self) -> None:
        """Show the stored answer of the current item (after an outside change)."""
        item = self.item
        assessment = self.controller.assessment
        if item is None or assessment is None:
            return
        answer = item.answer_in(assessment)
        self._loading = True
        try:
            self.status_buttons[answer.status].setChecked(True)
            if self.na_reason.text() != answer.na_reason:
                self.na_reason.setText(answer.na_reason)
            self.actor.setCurrentIndex(max(0, self.actor.findData(answer.actor)))
            self.confirmed_on.set_date(answer.confirmed_on)
            self.target_date.set_date(answer.target_date)
            if self.owner.text() != answer.owner:
                self.owner.setText(answer.owner)
            if self.note.toPlainText() != answer.note:
                self.note.setPlainText(answer.note)
            if self.evidence.toPlainText() != answer.evidence:
                self.evidence.setPlainText(answer.evidence)
        finally:
            self._loading = False
        self._pending_not_applicable = False
        self.message.hide()
        self._show_status_dependent(answer.status)
        flags = []
        if answer.needs_review:
            flags.append(
                self.tr("要再確認: ガイドラインの記載が変わりました。内容を確かめてください。")
            )
        if answer.carried_over:
            flags.append(
                self.tr("前回の評価から引き継いだ回答です。今回も同じか確かめてください。")
            )
        if answer.archived:
            flags.append(self.tr("この対策は現在のガイドラインデータにありません（保管のみ）。"))
        self.review_label.setText("\n".join(flags))
        self.review_label.setVisible(bool(flags))
        self.review_button.setVisible(answer.needs_review or answer.carried_over)
        self.set_editable(self.controller.can_edit)

    def _show_status_dependent(self, status: Status) -> None:
        na = status is Status.NOT_APPLICABLE or self._pending_not_applicable
        self.reason_label.setVisible(na)
        self.na_reason.setVisible(na)
        gap = status.is_gap
        self.owner.setPlaceholderText(
            self.tr("未実施・一部実施のとき、誰が進めるか") if gap else self.tr("任意")
        )

    def set_editable(self, editable: bool) -> None:
        for widget in self._inputs:
            widget.setEnabled(editable)
        for field in (self.note, self.evidence):
            field.setReadOnly(not editable)
        self.confirmed_on.setReadOnly(not editable)
        self.target_date.setReadOnly(not editable)

    # -- editing -----------------------------------------------------------------------------

    def choose_status(self, status: Status, *, focus: bool = True) -> None:
        """Set the status (a click, a number key); 該当なし without a reason waits for one
        (with `focus`, the cursor goes to the reason field)."""
        item = self.item
        if item is None or not self.controller.can_edit:
            return
        self.status_buttons[status].setChecked(True)
        if status is Status.NOT_APPLICABLE:
            reason = self.na_reason.text().strip()
            try:
                self.controller.set_item_answer(item, status=status, na_reason=reason)
            except EditError as exc:
                self._pending_not_applicable = True
                self._show_status_dependent(status)
                self._show_message(str(exc))
                if focus:
                    self.na_reason.setFocus(Qt.FocusReason.OtherFocusReason)
                return
        else:
            self._pending_not_applicable = False
            self._change(status=status)
        self.message.hide()
        self._show_status_dependent(status)

    def _reason_edited(self, text: str) -> None:
        if self._loading or self.item is None:
            return
        if self._pending_not_applicable:
            if text.strip():
                self._pending_not_applicable = False
                self._change(status=Status.NOT_APPLICABLE, na_reason=text)
                self.message.hide()
            return
        self._change(na_reason=text)

    def _note_edited(self) -> None:
        if not self._loading:
            self._change(note=self.note.toPlainText())

    def _evidence_edited(self) -> None:
        if not self._loading:
            self._change(evidence=self.evidence.toPlainText())

    def _change(self, **changes: Any) -> Answer | None:
        item = self.item
        if self._loading or item is None or not self.controller.can_edit:
            return None
        try:
            answer = self.controller.set_item_answer(item, **changes)
        except EditError as exc:
            self._show_message(str(exc))
            return None
        if "status" not in changes:
            self.message.hide()
        return answer

    def _mark_reviewed(self) -> None:
        if self._change(needs_review=False, carried_over=False) is not None:
            self.refresh()

    def _bad_date(self, text: str) -> None:
        self._show_message(
            self.tr("「%1」は日付として読めません。2026-03-31 のように入力してください。").replace(
                "%1", text
            )
        )

    def _show_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.show()
        self.message_shown.emit(text)

    def _show_in_guideline(self) -> None:
        if self.countermeasure is not None:
            self.guideline_requested.emit(self.countermeasure.id)


def _layout_index(layout: QVBoxLayout, widget: QWidget) -> int:
    """The index in `layout` of the item that holds `widget` (directly or in a sub-layout)."""
    for index in range(layout.count()):
        entry = layout.itemAt(index)
        if entry is None:
            continue
        if entry.widget() is widget:
            return index
        inner = entry.layout()
        if inner is not None and inner.indexOf(widget) >= 0:
            return index
    return layout.count() - 1


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
