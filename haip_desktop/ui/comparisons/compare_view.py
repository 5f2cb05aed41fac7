"""年度比較: two assessments of one facility — what improved, regressed, is new or gone.

Per use case and per workflow step, and item by item. The comparison is the core's
(assessment.compare); the PDF is report.comparison_pdf's.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...assessment import AssessmentFileError, load_assessment
from ...assessment.compare import (
    Change,
    Comparison,
    GroupComparison,
    compare_assessments,
    years_label,
)
from ...assessment.models import Assessment, Status
from ...assessment.scoring import Tally
from ...guideline import Guideline
from ..widgets import prompts
from ..widgets.busy import busy
from ..widgets.change_marks import KIND_COLOURS
from ..widgets.file_dialogs import (
    assessment_filter,
    choose_open_file,
    choose_save_file,
    pdf_filter,
    start_folder,
    write_or_explain,
)
from ..widgets.labels import heading, note
from ..widgets.table_items import cell, column_header
from ..widgets.tree_rows import ROOMY_ROWS

log = logging.getLogger(__name__)


def _tr(text: str) -> str:
    return QCoreApplication.translate("GuidelineUpdates", text)


COUNTED = (Change.IMPROVED, Change.REGRESSED, Change.NEW, Change.REMOVED, Change.APPLICABILITY)
COLOURS = {
    Change.IMPROVED: KIND_COLOURS["added"],
    Change.REGRESSED: KIND_COLOURS["removed"],
    Change.NEW: ("#dcebf6", "#1f5f8b"),
    Change.REMOVED: ("#eceff3", "#4a5563"),
    Change.APPLICABILITY: KIND_COLOURS["changed"],
}


def _coverage(t: Tally | None) -> str:
    if t is None:
        return "—"
    return f"{t.coverage * 100:.0f}%" if t.applicable else "—"


def _difference(group: GroupComparison) -> str:
    change = group.coverage_change
    return "" if change is None else f"{change * 100:+.0f}"


class CompareView(QDialog):
    compared = Signal()

    def __init__(self, guideline: Guideline, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("compareView")
        self.setWindowTitle(self.tr("年度比較"))
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        self.resize(1100, 760)
        self.guideline = guideline
        self.paths: list[Path | None] = [None, None]
        self.assessments: list[Assessment | None] = [None, None]
        self.comparison: Comparison | None = None

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addWidget(heading(self.tr("年度比較"), self))
        layout.addWidget(
            note(
                self.tr(
                    "同じ施設の二つの評価ファイルを選ぶと、評価日の早い方を前回として、"
                    "改善・後退・新たに対象になった対策を数えます。"
                ),
                self,
            )
        )
        grid = QGridLayout()
        self.file_labels: list[QLabel] = []
        self.file_buttons: list[QPushButton] = []
        for index, (label_text, button_text) in enumerate(
            [
                (self.tr("前回の評価:"), self.tr("前回の評価を選ぶ(&1)…")),
                (self.tr("今回の評価:"), self.tr("今回の評価を選ぶ(&2)…")),
            ]
        ):
            grid.addWidget(QLabel(label_text, self), index, 0)
            path_label = QLabel(self.tr("（未選択）"), self)
            path_label.setObjectName(f"compareFile{index + 1}")
            path_label.setWordWrap(True)
            button = QPushButton(button_text, self)
            button.setObjectName(f"chooseCompare{index + 1}")
            button.setAccessibleName(button_text.split("(")[0])
            button.clicked.connect(lambda _=False, i=index: self.choose(i))
            grid.addWidget(path_label, index, 1)
            grid.addWidget(button, index, 2)
            self.file_labels.append(path_label)
            self.file_buttons.append(button)
        grid.setColumnStretch(1, 1)
        layout.addLayout(grid)

        self.warnings = note("", self)
        self.warnings.setObjectName("compareWarnings")
        self.warnings.setStyleSheet("color: #7a4b00;")
        self.warnings.hide()
        layout.addWidget(self.warnings)
        self.summary = note("", self)
        self.summary.setObjectName("compareSummary")
        layout.addWidget(self.summary)

        self.tabs = QTabWidget(self)
        self.use_case_table = self._group_table(
            "compareByUseCase", self.tr("ユースケースごとの変化")
        )
        self.step_table = self._group_table("compareByStep", self.tr("業務ステップごとの変化"))
        self.items = QTreeWidget(self)
        self.items.setObjectName("compareItems")
        self.items.setStyleSheet(ROOMY_ROWS)
        self.items.setAccessibleName(self.tr("状況が変わった対策の一覧"))
        self.items.setHeaderLabels([self.tr("対策"), self.tr("前回"), self.tr("今回")])
        self.items.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.items.header().setStretchLastSection(False)
        self.tabs.addTab(self.use_case_table, self.tr("ユースケース別"))
        self.tabs.addTab(self.step_table, self.tr("業務ステップ別"))
        self.tabs.addTab(self.items, self.tr("対策ごと"))
        layout.addWidget(self.tabs, 1)

        buttons = QDialogButtonBox(self)
        self.pdf_button = buttons.addButton(
            self.tr("PDFとして保存(&P)…"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.pdf_button.setObjectName("comparePdf")
        self.pdf_button.setAccessibleName(self.tr("年度比較をPDFとして保存"))
        self.pdf_button.setEnabled(False)
        self.pdf_button.clicked.connect(self.save_pdf)
        close = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close.setText(self.tr("閉じる"))
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.file_buttons[0].setFocus()

    def _group_table(self, name: str, accessible: str) -> QTableWidget:
        # Short header lines keep the number columns narrow at large text sizes.
        headers = [self.tr("名称")] + [_two_lines(c.label) for c in COUNTED]
        headers += [
            self.tr("実施率\n（前回）"),
            self.tr("実施率\n（今回）"),
            self.tr("差\n（ポイント）"),
        ]
        table = QTableWidget(0, len(headers), self)
        table.setObjectName(name)
        table.setAccessibleName(accessible)
        table.setHorizontalHeaderLabels(headers)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.verticalHeader().setVisible(False)
        table.setWordWrap(False)
        # Names keep their full width (the table scrolls sideways rather than squeezing them).
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        table.horizontalHeader().setStretchLastSection(False)
        return table

    # -- choosing ---------------------------------------------------------------------------

    def choose(self, index: int) -> bool:
        other = self.paths[1 - index]
        path = choose_open_file(
            self,
            self.tr("比べる評価ファイルを選ぶ"),
            assessment_filter(),
            other.parent if other is not None else None,
        )
        return self.set_path(index, path) if path is not None else False

    def set_newer_path(self, path: Path) -> bool:
        return self.set_path(1, path)

    def set_path(self, index: int, path: Path) -> bool:
        try:
            with busy():
                assessment = load_assessment(path)
        except AssessmentFileError as exc:
            log.warning("Cannot compare %s: %s", path, exc.reason)
            prompts.show_error(self, exc.heading, exc.message)
            return False
        self.paths[index] = path
        self.assessments[index] = assessment
        self.file_labels[index].setText(
            self.tr("%1（%2・評価日 %3）")
            .replace("%1", str(path))
            .replace("%2", assessment.facility.name)
            .replace("%3", assessment.assessment_date.isoformat())
        )
        self._compare()
        return True

    # -- showing ----------------------------------------------------------------------------

    def _compare(self) -> None:
        a, b = self.assessments
        if a is None or b is None:
            return
        with busy():
            comparison = compare_assessments(a, b, self.guideline)
        self.comparison = comparison
        warnings = comparison.warnings()
        self.warnings.setText("\n".join(warnings))
        self.warnings.setVisible(bool(warnings))
        counts = comparison.counts()
        parts = "・".join(
            self.tr("%1 %2 件").replace("%1", c.label).replace("%2", str(counts.get(c, 0)))
            for c in COUNTED
        )
        self.summary.setText(
            self.tr("%1　%2\n実施率 %3 → %4　　%5")
            .replace("%1", comparison.newer.facility.name)
            .replace("%2", years_label(comparison))
            .replace("%3", _coverage(comparison.overall_old))
            .replace("%4", _coverage(comparison.overall_new))
            .replace("%5", parts)
        )
        g = self.guideline
        self._fill_table(
            self.use_case_table,
            [
                (f"UC{g.use_case(k).number} {g.use_case(k).name}", v)
                for k, v in comparison.by_use_case.items()
            ],
        )
        self._fill_table(
            self.step_table,
            [(g.step_path(k), v) for k, v in comparison.by_step.items()],
        )
        self._fill_items(comparison)
        self.pdf_button.setEnabled(True)
        self.compared.emit()

    def _fill_table(self, table: QTableWidget, rows: list[tuple[str, GroupComparison]]) -> None:
        table.setRowCount(len(rows))
        for row, (name, group) in enumerate(rows):
            values = [name] + [str(group.counts.get(c, 0)) for c in COUNTED]
            values += [_coverage(group.old), _coverage(group.new), _difference(group)]
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                if column:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                if 1 <= column <= len(COUNTED) and value != "0":
                    back, ink = COLOURS[COUNTED[column - 1]]
                    item.setBackground(QBrush(QColor(back)))
                    item.setForeground(QBrush(QColor(ink)))
                table.setItem(row, column, item)
        table.resizeRowsToContents()

    def _fill_items(self, comparison: Comparison) -> None:
        self.items.clear()
        for change in COUNTED:
            entries = comparison.of(change)
            if not entries:
                continue
            group = QTreeWidgetItem(
                self.items,
                [
                    self.tr("%1（%2 件）")
                    .replace("%1", change.label)
                    .replace("%2", str(len(entries)))
                ],
            )
            group.setFirstColumnSpanned(True)
            back, ink = COLOURS[change]
            group.setBackground(0, QBrush(QColor(back)))
            group.setForeground(0, QBrush(QColor(ink)))
            font = group.font(0)
            font.setBold(True)
            group.setFont(0, font)
            for entry in entries:
                QTreeWidgetItem(
                    group,
                    [
                        f"{entry.countermeasure_id}  {entry.title}",
                        _status(entry.old),
                        _status(entry.new),
                    ],
                )
            group.setExpanded(change in (Change.IMPROVED, Change.REGRESSED))
        for column in (1, 2):
            self.items.resizeColumnToContents(column)

    def group_counts(self, table: QTableWidget, name_start: str) -> dict[str, str]:
        """Header → text of the first row whose name starts with name_start."""
        for row in range(table.rowCount()):
            if cell(table, row, 0).text().startswith(name_start):
                return {
                    column_header(table, c).text(): cell(table, row, c).text()
                    for c in range(table.columnCount())
                }
        return {}

    # -- PDF --------------------------------------------------------------------------------

    def save_pdf(self) -> Path | None:
        comparison = self.comparison
        if comparison is None:
            return None
        folder = self.paths[1].parent if self.paths[1] is not None else None
        name = (
            self.tr("年度比較_%1_%2.pdf")
            .replace("%1", comparison.newer.facility.name)
            .replace("%2", comparison.newer.assessment_date.isoformat())
        )
        name = "".join(c for c in name if c not in '\\/:*?"<>|')
        path = choose_save_file(
            self,
            self.tr("年度比較をPDFとして保存"),
            Path(start_folder(folder)) / name,
            pdf_filter(),
        )
        if path is None:
            return None
        from ...report.comparison_pdf import render_comparison_pdf

        def write() -> None:
            render_comparison_pdf(comparison, self.guideline, path)

        return path if write_or_explain(self, path, write) else None


def _two_lines(label: str) -> str:
    """'該当の判断が変化' → '該当の判断\nが変化', '新たに対象' → '新たに\n対象': break at a
    particle so each line reads as a word (labels of four characters or fewer stay whole)."""
    if len(label) <= 4:
        return label
    if "が" in label[1:]:
        at = label.index("が", 1)
    elif "に" in label[1:-1]:
        at = label.index("に", 1) + 1
    else:
        at = (len(label) + 1) // 2
    return label[:at] + "\n" + label[at:]


def _status(status: Status | None) -> str:
    return _tr("（対象外）") if status is None else status.label
