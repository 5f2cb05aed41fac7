"""Before saving: text that looks like patient information, where it is, and the choice."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...assessment.labels import history_field_label, item_label
from ...assessment.models import Assessment
from ...assessment.privacy import PrivacyHit
from ...guideline import Guideline
from ..widgets.sizing import fit_to_screen
from .assessment_style import ASSESSMENT_STYLE
from .locations import answer_key


class PrivacyWarningDialog(QDialog):
    """Lists each finding (item, field, kind, excerpt). Accept: save anyway; reject: go back."""

    def __init__(
        self,
        hits: list[PrivacyHit],
        guideline: Guideline | None,
        assessment: Assessment,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setStyleSheet(ASSESSMENT_STYLE)
        self.setObjectName("privacyWarningDialog")
        self.setWindowTitle(self.tr("患者情報のような記載があります"))
        self.chosen_item = ""
        self._hits = hits
        layout = QVBoxLayout(self)

        heading = QLabel(
            self.tr(
                "評価ファイルには患者の情報を書かないでください。"
                "次の %1 か所に、患者の情報のように見える記載があります。"
            ).replace("%1", str(len(hits))),
            self,
        )
        heading.setWordWrap(True)
        heading.setObjectName("privacyHeading")
        layout.addWidget(heading)
        advice = QLabel(
            self.tr(
                "院内の規程番号や代表電話など、患者の情報でなければそのまま保存できます。"
                "直す場合は、行を選んで「その項目へ移動して直す」を押してください。"
            ),
            self,
        )
        advice.setWordWrap(True)
        layout.addWidget(advice)

        self.table = QTableWidget(len(hits), 4, self)
        self.table.setObjectName("privacyFindings")
        self.table.setAccessibleName(self.tr("患者情報のように見える記載の一覧"))
        self.table.setHorizontalHeaderLabels(
            [self.tr("項目"), self.tr("欄"), self.tr("見つかったもの"), self.tr("該当箇所")]
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(True)
        for row, hit in enumerate(hits):
            cells = [  # labels from the core's one table
                item_label(hit.item, assessment, guideline, tool=hit.tool),
                history_field_label(hit.field, hit.item),
                hit.finding.label,
                hit.finding.excerpt,
            ]
            for column, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                # Where to go: the answer (a tool's answer with its tool), or the tool.
                cell.setData(Qt.ItemDataRole.UserRole, answer_key(hit.item, hit.tool))
                self.table.setItem(row, column, cell)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnWidth(0, 16 * self.fontMetrics().horizontalAdvance("あ"))
        # Rows fit their wrapped text once the columns have their final widths.
        header.sectionResized.connect(lambda *_: self.table.resizeRowsToContents())
        if hits:
            self.table.selectRow(0)
        self.table.doubleClicked.connect(lambda _index: self._go_to_item())
        layout.addWidget(self.table, 1)

        buttons = QDialogButtonBox(self)
        self.keep_button = QPushButton(self.tr("確認したので、このまま保存する"), self)
        self.keep_button.setObjectName("privacyKeep")
        self.fix_button = QPushButton(self.tr("その項目へ移動して直す"), self)
        self.fix_button.setObjectName("privacyFix")
        self.cancel_button = QPushButton(self.tr("保存しない"), self)
        buttons.addButton(self.keep_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.fix_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.cancel_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.keep_button.clicked.connect(self.accept)
        self.fix_button.clicked.connect(self._go_to_item)
        self.cancel_button.clicked.connect(self.reject)
        # Saving anyway must be a deliberate choice: Enter does not do it.
        self.keep_button.setAutoDefault(False)
        self.fix_button.setDefault(True)
        layout.addWidget(buttons)
        fit_to_screen(
            self, 56 * self.fontMetrics().horizontalAdvance("あ"), 24 * self.fontMetrics().height()
        )
        self.table.setFocus()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        self.table.resizeRowsToContents()

    def _go_to_item(self) -> None:
        row = self.table.currentRow()
        if row < 0:
            return
        cell = self.table.item(row, 0)
        item = cell.data(Qt.ItemDataRole.UserRole) if cell is not None else ""
        self.chosen_item = str(item or "")
        self.reject()
