"""The answer to one countermeasure: status, who acts, dates, owner, note, evidence.

Every change is handed to the controller at once (it records the history and marks the file
unsaved). 該当なし needs a reason: choosing it without one shows why and waits for the reason
before anything is recorded.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, Qt, Signal
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
    """Shows one countermeasure and edits its answer through the controller."""

    next_unanswered_requested = Signal()
    guideline_requested = Signal(str)  # countermeasure id
    message_shown = Signal(str)

    def __init__(self, controller: AssessmentController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("answerEditor")
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.controller = controller
        self.countermeasure: Countermeasure | None = None
        self._loading = False
        self._pending_not_applicable = False

        body = QWidget(self)
        body.setObjectName("answerEditorBody")
        self.setWidget(body)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(8)

        self.placeholder = QLabel(self.tr("左の一覧から対策を選んでください。"), body)
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
        status_layout = QVBoxLayout(status_frame)
        status_layout.setContentsMargins(10, 8, 10, 8)
        status_heading = QLabel(self.tr("状況（数字キー 1〜5、入力欄では Alt+数字）"), status_frame)
        status_heading.setObjectName("fieldHeading")
        status_layout.addWidget(status_heading)
        # Three a row: fits a narrow form at 200% text size as well as a wide one.
        buttons_row = QGridLayout()
        buttons_row.setHorizontalSpacing(16)
        self.status_group = QButtonGroup(self)
        self.status_buttons: dict[Status, QRadioButton] = {}
        for index, (status, key) in enumerate(STATUS_KEYS):
            button = QRadioButton(f"{key} {self.tr(status.label)}", status_frame)
            button.setObjectName(f"status_{status.value}")
            button.setAccessibleName(self.tr("状況: %1").replace("%1", self.tr(status.label)))
            self.status_group.addButton(button)
            self.status_buttons[status] = button
            buttons_row.addWidget(button, index // 3, index % 3)
            # Arrow keys move through the choices too: 該当なし then keeps the focus here.
            button.clicked.connect(lambda _=False, s=status: self.choose_status(s, focus=False))
        buttons_row.setColumnStretch(3, 1)
        status_layout.addLayout(buttons_row)

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
        self.show_countermeasure(None, None)

    def commit_typing(self) -> None:
        """Dates are taken when the field is left; saving takes them too."""
        if self.countermeasure is not None and self.controller.can_edit:
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
        super().changeEvent(event)

    # -- showing -----------------------------------------------------------------------------

    def show_countermeasure(self, cm: Countermeasure | None, guideline: Guideline | None) -> None:
        self.countermeasure = cm
        if self._pending_not_applicable:
            self._pending_not_applicable = False
            self.message_shown.emit(
                self.tr("「該当なし」は理由が入力されなかったため、反映していません。")
            )
        self.placeholder.setVisible(cm is None)
        self.content.setVisible(cm is not None)
        if cm is None or guideline is None:
            return
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
        self.text.setText(cm.text)
        self.evidence_hint.setText(self.tr("根拠資料の例: %1").replace("%1", cm.evidence))
        self.refresh()

    def refresh(self) -> None:
        """Show the stored answer of the current countermeasure (after an outside change)."""
        cm = self.countermeasure
        assessment = self.controller.assessment
        if cm is None or assessment is None:
            return
        answer = assessment.answer(cm.id)
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
        cm = self.countermeasure
        if cm is None or not self.controller.can_edit:
            return
        self.status_buttons[status].setChecked(True)
        if status is Status.NOT_APPLICABLE:
            reason = self.na_reason.text().strip()
            try:
                self.controller.set_answer(cm.id, status=status, na_reason=reason)
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
        if self._loading or self.countermeasure is None:
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
        cm = self.countermeasure
        if self._loading or cm is None or not self.controller.can_edit:
            return None
        try:
            answer = self.controller.set_answer(cm.id, **changes)
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


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
