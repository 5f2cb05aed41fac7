"""ファイル → 回答を取り込む…: the preview before anything changes.

It shows the questionnaire, who answered and when, per item the fields the respondent changed
(the value in the assessment now → the respondent's), and the rows that cannot be taken,
named by sheet and row. A conflict — a field changed in the assessment after the questionnaire
was written, and by the respondent too — shows both, and the person chooses per field
(keeping the assessment's value unless told otherwise). With any problem row nothing can be
taken: the dialog says which rows to have fixed.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...assessment.answer_import import AnswerImport, FieldChange, FieldKey, ItemChange
from ..widgets.sizing import fit_to_screen
from .wrapping_rows import WrappingRows

KEEP, TAKE = "keep", "take"


class AnswerImportDialog(QDialog):
    """Accept: take the answers (and the conflicts chosen); reject: change nothing."""

    def __init__(self, preview: AnswerImport, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("answerImportDialog")
        self.setWindowTitle(self.tr("回答の取り込み（確認）"))
        self.preview = preview
        self._choices: dict[FieldKey, QComboBox] = {}
        layout = QVBoxLayout(self)

        self.summary = QLabel(self._summary_text(), self)
        self.summary.setObjectName("answerImportSummary")
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.summary)

        self.changes = QTreeWidget(self)
        self.changes.setObjectName("answerImportChanges")
        self.changes.setAccessibleName(self.tr("変わる回答（今の値 → 回答）"))
        self.changes.setHeaderLabels(
            [self.tr("項目"), self.tr("今の値（評価）"), self.tr("回答"), self.tr("競合の扱い")]
        )
        self.changes.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self._fill_changes()
        header = self.changes.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        for column in (1, 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)
        self.changes.currentItemChanged.connect(self._show_detail)
        layout.addWidget(self.changes, 3)

        # The whole of a long value (the list shows the start of it).
        self.detail = QLabel(self)
        self.detail.setObjectName("answerImportDetail")
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail.setVisible(bool(preview.changes))
        self.detail.setText(self.tr("項目を選ぶと、今の値と回答の全文をここに表示します。"))
        layout.addWidget(self.detail)

        self.problems = QTreeWidget(self)
        self.problems.setObjectName("answerImportProblems")
        self.problems.setAccessibleName(self.tr("取り込めない行"))
        self.problems.setRootIsDecorated(False)
        self.problems.setHeaderLabels(
            [self.tr("シート"), self.tr("行"), self.tr("列"), self.tr("直すこと")]
        )
        self.problems.setWordWrap(True)
        for problem in preview.problems:
            QTreeWidgetItem(
                self.problems,
                [
                    problem.sheet,
                    str(problem.row) if problem.row is not None else "",
                    problem.column,
                    problem.message,
                ],
            )
        problem_header = self.problems.header()
        for column in (0, 1, 2):  # シート, 行, 列: short, shown whole at any text size
            problem_header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        problem_header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        # 直すこと: the whole message, wrapped, at any text size and width
        self.problems.setUniformRowHeights(False)
        self._wrapping = WrappingRows(self.problems, (3,))
        self.problems.setItemDelegate(self._wrapping)
        problem_header.sectionResized.connect(self._rewrap_problems)
        self.problems.setVisible(bool(preview.problems))
        self.changes.setVisible(bool(preview.changes) or not preview.problems)
        self.detail.setVisible(not self.changes.isHidden() and bool(preview.changes))
        layout.addWidget(self.problems, 2)

        buttons = QDialogButtonBox(self)
        self.apply_button: QPushButton | None = None
        if preview.can_apply and preview.changes:
            self.apply_button = buttons.addButton(
                self.tr("取り込んで保存(&I)"), QDialogButtonBox.ButtonRole.AcceptRole
            )
            buttons.addButton(self.tr("キャンセル"), QDialogButtonBox.ButtonRole.RejectRole)
            self.apply_button.setDefault(True)
        else:
            buttons.addButton(self.tr("閉じる"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        fit_to_screen(self, 980, 640)

    def _rewrap_problems(self) -> None:
        """The message column's width changed (the dialog resized, the text size changed)."""
        self._wrapping.forget_sizes()
        self.problems.scheduleDelayedItemsLayout()

    def _summary_text(self) -> str:
        preview = self.preview
        lines = [self.tr("ファイル: %1").replace("%1", str(preview.path))]
        identity = preview.identity
        if identity is not None:
            lines.append(
                self.tr("質問票: %1（%2 作成）")
                .replace("%1", preview.target())
                .replace("%2", identity.written_at.strftime("%Y-%m-%d"))
            )
        if preview.respondent:
            answered = (
                self.tr("（回答日 %1）").replace("%1", preview.answered_on.isoformat())
                if preview.answered_on
                else ""
            )
            lines.append(self.tr("回答者: %1").replace("%1", preview.respondent + answered))
        if preview.problems:
            lines.append(
                self.tr(
                    "取り込めない行・問題が %1 件あります。1件でもあると、ファイル全体を取り込みません"
                    "（評価は変更していません）。下の行を質問票で直してもらってから、もう一度"
                    "取り込んでください。"
                ).replace("%1", str(len(preview.problems)))
            )
        elif preview.changes:
            text = self.tr("変わる回答 %1 件、変更なし %2 件。").replace(
                "%1", str(len(preview.changes))
            )
            lines.append(text.replace("%2", str(preview.unchanged)))
            lines.append(
                self.tr("回答者が変えた欄だけを取り込みます（ほかの欄は評価の値のままです）。")
            )
            if preview.conflicts:
                lines.append(
                    self.tr(
                        "うち %1 欄は、質問票を作った後で評価でも変えられています（競合）。"
                        "「競合の扱い」で、評価の値を残すか回答で置き換えるかを欄ごとに選んで"
                        "ください。"
                    ).replace("%1", str(len(preview.conflict_fields)))
                )
            lines.append(
                self.tr(
                    "「取り込んで保存」で評価に書き込み、保存します（前の版は控えに残ります）。"
                )
            )
        else:
            lines.append(
                self.tr(
                    "変わる回答はありません（%1 件とも評価と同じか、記入されていません）。"
                ).replace("%1", str(preview.unchanged))
            )
        return "\n".join(lines)

    def _fill_changes(self) -> None:
        for change in self.preview.changes:
            title = (
                self.tr("%1（%2 行目）").replace("%1", change.label).replace("%2", str(change.row))
            )
            if change.conflict:
                title += self.tr("　競合あり: 質問票を作った後で、評価でも変えられた欄があります")
            top = QTreeWidgetItem(self.changes, [title])
            top.setFirstColumnSpanned(True)
            top.setToolTip(0, title)
            font = top.font(0)
            font.setBold(True)
            top.setFont(0, font)
            for field in change.fields:
                label = (
                    self.tr("［競合］%1").replace("%1", field.label)
                    if field.conflict
                    else field.label
                )
                child = QTreeWidgetItem(top, [label, field.old, field.new])
                for column in (1, 2):
                    child.setToolTip(column, child.text(column))
                if field.conflict:
                    self.changes.setItemWidget(child, 3, self._choice_box(change, field))
            top.setExpanded(True)

    def _show_detail(self, item: QTreeWidgetItem | None) -> None:
        if item is None or item.parent() is None or item.text(1) == "":
            return
        self.detail.setText(
            self.tr("%1　今の値: %2\n回答: %3")
            .replace("%1", item.text(0))
            .replace("%2", item.text(1))
            .replace("%3", item.text(2))
        )

    def _choice_box(self, change: ItemChange, field: FieldChange) -> QComboBox:
        box = QComboBox(self.changes)
        box.setObjectName("conflictChoice")
        box.setAccessibleName(
            self.tr("%1 の「%2」の取り込み")
            .replace("%1", change.item.countermeasure_id)
            .replace("%2", field.label)
        )
        box.addItem(self.tr("評価の値を残す"), KEEP)
        box.addItem(self.tr("回答で置き換える"), TAKE)
        self._choices[(change.key, field.name)] = box
        return box

    def choose(self, key: FieldKey, take: bool) -> None:
        """Choose for one conflicting field (what its combo box does; for tests and shortcuts)."""
        box = self._choices[key]
        box.setCurrentIndex(box.findData(TAKE if take else KEEP))

    def taken_conflicts(self) -> set[FieldKey]:
        return {key for key, box in self._choices.items() if box.currentData() == TAKE}
