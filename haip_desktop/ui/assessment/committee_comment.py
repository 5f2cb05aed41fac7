"""総評・所見: the committee's overall comment on the assessment, typed in the overview.

Printed on the report's cover and on the first page of the summary. What is typed goes into
the assessment through the controller (editing.update_details, so it is in the history,
without its text) when typing pauses, when the field is left and before saving.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QTimer
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import QGroupBox, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from ...assessment.editing import EditError

if TYPE_CHECKING:
    from .controller import AssessmentController

TYPING_PAUSE_MS = 800  # a pause this long hands over what was typed


class _CommentEdit(QPlainTextEdit):
    """A plain-text editor that says when it is left."""

    def __init__(self, left: Callable[[], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._left = left

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802 - Qt override
        super().focusOutEvent(event)
        self._left()


class CommitteeCommentEditor(QGroupBox):
    """A titled multi-line editor of ``assessment.committee_comment``."""

    def __init__(self, controller: AssessmentController, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("総評・所見（報告書の表紙と要約に印刷されます）"), parent)
        self.setObjectName("committeeComment")
        self.controller = controller
        self._loading = False
        self.pause = QTimer(self)
        self.pause.setSingleShot(True)
        self.pause.setInterval(TYPING_PAUSE_MS)
        self.pause.timeout.connect(self.commit_typing)

        layout = QVBoxLayout(self)
        self.edit = _CommentEdit(self.commit_typing, self)
        self.edit.setObjectName("committeeCommentText")
        self.edit.setAccessibleName(self.tr("総評・所見"))
        self.edit.setPlaceholderText(
            self.tr(
                "委員会としての総評や所見（進んでいる点、急ぐべき点、次回までの宿題など）。"
                "患者の情報は書かないでください。"
            )
        )
        self.edit.setTabChangesFocus(True)
        self.edit.textChanged.connect(self._typed)
        layout.addWidget(self.edit)
        self.message = QLabel(self)
        self.message.setObjectName("mutedText")
        self.message.setWordWrap(True)
        self.message.hide()
        layout.addWidget(self.message)
        self._fit_to_text_size()

        # Another document: what was typed for the last one is not handed to this one.
        controller.document_changed.connect(lambda: self.reload(discard_typing=True))
        controller.setup_changed.connect(self.reload)
        controller.about_to_save.connect(self.commit_typing)
        self.reload(discard_typing=True)

    def _fit_to_text_size(self) -> None:
        line = self.fontMetrics().height()
        self.edit.setMinimumHeight(4 * line)
        self.edit.setMaximumHeight(9 * line)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._fit_to_text_size()  # the text size (zoom) changed

    def reload(self, *, discard_typing: bool = False) -> None:
        """Show the open assessment's comment; text still being typed is kept unless the
        document itself changed (``discard_typing``)."""
        if discard_typing:
            self.pause.stop()
        assessment = self.controller.assessment
        text = assessment.committee_comment if assessment is not None else ""
        self._loading = True
        try:
            if self.edit.toPlainText() != text and not self.pause.isActive():
                self.edit.setPlainText(text)
        finally:
            self._loading = False
        self.edit.setReadOnly(not self.controller.can_edit)
        self.setEnabled(assessment is not None)

    def _typed(self) -> None:
        if not self._loading and self.controller.can_edit:
            self.pause.start()

    def commit_typing(self) -> None:
        """Hand what was typed to the assessment (once, if it changed)."""
        self.pause.stop()
        assessment = self.controller.assessment
        if assessment is None or not self.controller.can_edit:
            return
        text = self.edit.toPlainText()
        if text == assessment.committee_comment:
            return
        try:
            self.controller.update_setup(details={"committee_comment": text})
        except EditError as exc:
            self.message.setText(str(exc))
            self.message.show()
            return
        self.message.hide()
