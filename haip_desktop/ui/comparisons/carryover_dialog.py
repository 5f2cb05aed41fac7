"""Before an assessment is carried over to newer guideline data: what changes for THIS file.

Shows the core's preview (carryover.preview_carryover): answers kept as they are, answers
marked 要再確認 because the countermeasure's wording changed (old and new text side by side),
answers kept as archived because the countermeasure is gone, and countermeasures newly in
scope. Nothing is altered until the person chooses how to save the migrated file.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...assessment.carryover import CarryoverPreview
from ...assessment.models import Assessment
from ...guideline import Guideline
from ..updates.changes_view import change_html
from ..widgets.change_marks import KIND_COLOURS, esc
from ..widgets.labels import heading, note
from ..widgets.tree_rows import ROOMY_ROWS, group_row, grouped_items

ID_ROLE = Qt.ItemDataRole.UserRole

# What the person chose.
NEW_FILE, OVERWRITE, LATER = "new_file", "overwrite", "later"


class CarryoverDialog(QDialog):
    def __init__(
        self,
        preview: CarryoverPreview,
        assessment: Assessment,
        new: Guideline,
        *,
        file_name: str,
        can_overwrite: bool,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("carryoverDialog")
        self.setWindowTitle(self.tr("評価を新しいガイドラインデータに移行"))
        self.resize(1000, 700)
        self.preview = preview
        self.assessment = assessment
        self.new = new
        self.choice = LATER

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addWidget(heading(self.tr("この評価を新しいガイドラインデータに移行します"), self))
        facts = (
            self.tr("施設: %1　評価日: %2　ファイル: %3")
            .replace("%1", assessment.facility.name)
            .replace("%2", assessment.assessment_date.isoformat())
            .replace("%3", file_name)
        )
        self.summary = note(facts + "\n" + "\n".join(preview.describe()), self)
        self.summary.setObjectName("carryoverSummary")
        layout.addWidget(self.summary)
        layout.addWidget(
            note(
                self.tr(
                    "まだ何も変えていません。移行した評価は、元のファイルを残して新しいファイルに"
                    "保存するのが既定です。"
                ),
                self,
            )
        )

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.setChildrenCollapsible(False)
        self.tree = QTreeWidget(splitter)
        self.tree.setObjectName("carryoverItems")
        self.tree.setStyleSheet(ROOMY_ROWS)
        self.tree.setAccessibleName(self.tr("移行で扱いが変わる回答の一覧"))
        self.tree.setHeaderLabels([self.tr("対策"), self.tr("移行後")])
        self.tree.setAllColumnsShowFocus(True)
        self.tree.header().setSectionResizeMode(0, self.tree.header().ResizeMode.Stretch)
        self.tree.header().setSectionResizeMode(1, self.tree.header().ResizeMode.ResizeToContents)
        self.tree.header().setStretchLastSection(False)
        self.detail = QTextBrowser(splitter)
        self.detail.setObjectName("carryoverDetail")
        self.detail.setAccessibleName(self.tr("選んだ対策の旧と新の記載"))
        splitter.addWidget(self.tree)
        splitter.addWidget(self.detail)
        splitter.setSizes([480, 520])
        layout.addWidget(splitter, 1)
        self._fill()
        self.tree.currentItemChanged.connect(lambda item, _p: self._show(item))

        buttons = QDialogButtonBox(self)
        self.new_file_button = QPushButton(self.tr("移行して新しいファイルに保存(&N)…"), self)
        self.new_file_button.setObjectName("migrateToNewFile")
        self.overwrite_button = QPushButton(self.tr("移行して元のファイルに上書き(&O)…"), self)
        self.overwrite_button.setObjectName("migrateOverwrite")
        self.overwrite_button.setEnabled(can_overwrite)
        self.later_button = QPushButton(self.tr("今は移行しない(&L)"), self)
        self.later_button.setObjectName("migrateLater")
        buttons.addButton(self.new_file_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.overwrite_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.later_button, QDialogButtonBox.ButtonRole.RejectRole)
        for button in (self.new_file_button, self.overwrite_button, self.later_button):
            button.setAccessibleName(button.text().split("(")[0])
        self.new_file_button.setDefault(True)
        self.new_file_button.clicked.connect(lambda: self._choose(NEW_FILE))
        self.overwrite_button.clicked.connect(lambda: self._choose(OVERWRITE))
        self.later_button.clicked.connect(self.reject)
        layout.addWidget(buttons)
        self.new_file_button.setFocus()

    def _choose(self, choice: str) -> None:
        self.choice = choice
        self.accept()

    def _title(self, cm_id: str) -> str:
        cm = self.new.get(cm_id)
        if cm is not None:
            return f"{cm_id}  {getattr(cm, 'title', '')}"
        change = self.preview.diff.get(cm_id) if self.preview.diff is not None else None
        label = change.label if change is not None else self.tr("（現在のデータにない対策）")
        return f"{cm_id}  {label}"

    def _fill(self) -> None:
        p = self.preview
        sections = [
            (
                self.tr("要再確認になる回答"),
                p.reworded + p.restored + p.to_tools,
                self.tr("要再確認"),
                "changed",
            ),
            (self.tr("アーカイブとして残す回答"), p.removed, self.tr("アーカイブ"), "removed"),
            (self.tr("新しく対象になる対策（未回答）"), p.new_in_scope, self.tr("未回答"), "added"),
            (self.tr("以前からのアーカイブ"), p.still_archived, self.tr("アーカイブ"), "removed"),
            (self.tr("そのまま引き継ぐ回答"), p.unchanged, self.tr("そのまま"), ""),
        ]
        first: QTreeWidgetItem | None = None
        for title, ids, outcome, kind in sections:
            if not ids:
                continue
            group = group_row(self.tree, title, len(ids))
            for cm_id in ids:
                row = QTreeWidgetItem(group, [self._title(cm_id), outcome])
                row.setData(0, ID_ROLE, cm_id)
                row.setToolTip(0, self._title(cm_id))
                if kind:
                    back, ink = KIND_COLOURS[kind]
                    row.setBackground(1, QBrush(QColor(back)))
                    row.setForeground(1, QBrush(QColor(ink)))
                if first is None:
                    first = row
            group.setExpanded(bool(kind))
        if first is not None:
            self.tree.setCurrentItem(first)
            self._show(first)

    def rows(self, outcome: str) -> list[str]:
        """The countermeasure ids listed with an outcome label (e.g. 要再確認)."""
        return [row.data(0, ID_ROLE) for row in grouped_items(self.tree) if row.text(1) == outcome]

    def _show(self, item: QTreeWidgetItem | None) -> None:
        cm_id = item.data(0, ID_ROLE) if item is not None else None
        if not cm_id:
            self.detail.clear()
            return
        diff = self.preview.diff
        change = diff.get(cm_id) if diff is not None else None
        if change is not None and diff is not None:
            self.detail.setHtml(change_html(change, diff))
            return
        cm = self.new.get(cm_id)
        answer = self.assessment.answer(cm_id)
        lines = [f"<h3>{esc(self._title(cm_id))}</h3>"]
        if cm is not None:
            lines.append(f"<p>{esc(getattr(cm, 'text', ''))}</p>")
        if cm_id in self.preview.reworded and diff is None:
            lines.append(
                "<p>"
                + esc(
                    self.tr(
                        "評価を作ったときのデータがこのPCにないため、文言の違いを示せません。"
                        "回答を引き継ぎ、要再確認の印を付けます。"
                    )
                )
                + "</p>"
            )
        lines.append(
            "<p><b>"
            + esc(self.tr("今の回答:"))
            + "</b> "
            + esc(self.tr(answer.status.label))
            + "</p>"
        )
        self.detail.setHtml("".join(lines))
