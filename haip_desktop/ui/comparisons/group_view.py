"""グループ集計: many facilities' assessment files side by side, without any server.

Facilities × use cases, × risk categories and × workflow steps as heat maps of 実施率 (the
cell's background darkens with coverage, the same scale as the PDF), the countermeasures most
often missing, trends of facilities with several files, and the files that could not be read.
Counting is the core's (assessment.group.load_group); it runs off the UI thread with
progress, so a large shared folder does not freeze the window.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...assessment.group import FacilityResult, GroupSummary, load_group
from ...assessment.scoring import Tally
from ...guideline import Guideline
from ...report.heat import (
    HEAT_BINS,
    HEAT_COLOURS,
    OUT_OF_SCOPE,
    coverage_text,
    heat_colour,
    heat_ink,
    heat_step,
)
from ..widgets import prompts
from ..widgets.background import BackgroundTask, TaskControl
from ..widgets.file_dialogs import (
    assessment_filter,
    choose_folder,
    choose_open_files,
    choose_save_file,
    csv_filter,
    pdf_filter,
    start_folder,
    write_or_explain,
    xlsx_filter,
)
from ..widgets.labels import heading, note
from ..widgets.table_items import column_header
from ..widgets.tree_rows import ROOMY_ROWS

log = logging.getLogger(__name__)


def _tr(text: str) -> str:
    return QCoreApplication.translate("GuidelineUpdates", text)


AXES = ("use_case", "risk_category", "step")
FIXED_COLUMNS = 3  # 種別, 評価日, 全体 (the facility is the row header, which stays when scrolling)
HEADER_LINE = 7  # characters per line of a wrapped column header


def wrapped(text: str, width: int = HEADER_LINE, lines: int = 3) -> str:
    """Japanese has no spaces to break at: cut a header into lines of `width` characters."""
    parts = [text[i : i + width] for i in range(0, len(text), width)]
    if len(parts) > lines:
        parts = parts[:lines]
        parts[-1] = parts[-1][: width - 1] + "…"
    return "\n".join(parts)


def tally_tip(t: Tally | None) -> str:
    if t is None:
        return _tr("この施設の評価の対象外")
    return (
        _tr("実施済 %1・一部実施 %2・未実施 %3・該当なし %4・未回答 %5（対象 %6 件）")
        .replace("%1", str(t.done))
        .replace("%2", str(t.partial))
        .replace("%3", str(t.not_done))
        .replace("%4", str(t.not_applicable))
        .replace("%5", str(t.unanswered))
        .replace("%6", str(t.total))
    )


class GroupView(QDialog):
    summary_ready = Signal()

    def __init__(
        self,
        guideline: Guideline,
        parent: QWidget | None = None,
        *,
        show_status: Callable[[str, int], None] | None = None,
    ) -> None:
        """`show_status` tells the window's status bar where an export was saved."""
        super().__init__(parent)
        self.setObjectName("groupView")
        self._show_status = show_status
        self.setWindowTitle(self.tr("グループ集計"))
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        self.resize(1240, 780)
        self.guideline = guideline
        self.summary: GroupSummary | None = None
        self._prototypes: dict[tuple[int | None, bool], QTableWidgetItem] = {}
        self._out_of_scope = self.tr("対象外")
        self.sources: Path | list[Path] | None = None
        self._task: BackgroundTask | None = None

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addWidget(heading(self.tr("グループ集計"), self))

        row = QHBoxLayout()
        self.files_button = QPushButton(self.tr("ファイルを選ぶ(&F)…"), self)
        self.files_button.setObjectName("chooseFiles")
        self.files_button.setAccessibleName(self.tr("集計する評価ファイルを選ぶ"))
        self.folder_button = QPushButton(self.tr("フォルダを選ぶ(&D)…"), self)
        self.folder_button.setObjectName("chooseFolder")
        self.folder_button.setAccessibleName(self.tr("評価ファイルのあるフォルダを選ぶ"))
        self.files_button.clicked.connect(self.choose_files)
        self.folder_button.clicked.connect(self.choose_folder)
        self.source_label = QLabel(
            self.tr("施設の評価ファイル、またはそれらがあるフォルダを選んでください。"), self
        )
        self.source_label.setWordWrap(True)
        row.addWidget(self.files_button)
        row.addWidget(self.folder_button)
        row.addWidget(self.source_label, 1)
        layout.addLayout(row)

        self.progress = QProgressBar(self)
        self.progress.setObjectName("groupProgress")
        self.progress.setAccessibleName(self.tr("評価ファイルの読み込みの進み具合"))
        self.progress.setFormat(self.tr("%v / %m 件を読み込み中"))
        self.progress.hide()
        layout.addWidget(self.progress)

        self.facts = note("", self)
        self.facts.setObjectName("groupFacts")
        layout.addWidget(self.facts)
        self.version_note = note("", self)
        self.version_note.setObjectName("groupVersionNote")
        self.version_note.setStyleSheet("color: #7a4b00;")
        self.version_note.hide()
        layout.addWidget(self.version_note)

        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("groupTabs")
        self.tables: dict[str, QTableWidget] = {}
        titles = {
            "use_case": self.tr("施設 × ユースケース"),
            "risk_category": self.tr("施設 × リスク区分"),
            "step": self.tr("施設 × 業務ステップ"),
        }
        for axis in AXES:
            table = self._heat_table(axis)
            self.tables[axis] = table
            self.tabs.addTab(table, titles[axis])
        self.missing_table = QTableWidget(0, 5, self)
        self.missing_table.setObjectName("mostMissing")
        self.missing_table.setAccessibleName(self.tr("グループでよく不足している対策"))
        self.missing_table.setHorizontalHeaderLabels(
            [
                self.tr("対策"),
                self.tr("表題"),
                self.tr("未実施・未回答\nの施設数"),
                self.tr("一部実施\nの施設数"),
                self.tr("対象の\n施設数"),
            ]
        )
        self._read_only(self.missing_table)
        self.missing_table.horizontalHeader().setSectionResizeMode(
            1, QHeaderView.ResizeMode.Stretch
        )
        self.tabs.addTab(self.missing_table, self.tr("よく不足している対策"))
        self.trend_tree = QTreeWidget(self)
        self.trend_tree.setObjectName("groupTrends")
        self.trend_tree.setStyleSheet(ROOMY_ROWS)
        self.trend_tree.setAccessibleName(self.tr("同じ施設の複数の評価の推移"))
        self.trend_tree.setHeaderLabels(
            [
                self.tr("施設・評価日"),
                self.tr("回答率"),
                self.tr("実施率"),
                self.tr("データ版"),
                self.tr("ファイル"),
            ]
        )
        self.tabs.addTab(self.trend_tree, self.tr("推移"))
        self.unreadable_tree = QTreeWidget(self)
        self.unreadable_tree.setObjectName("unreadableFiles")
        self.unreadable_tree.setAccessibleName(self.tr("読み込めなかったファイル"))
        self.unreadable_tree.setRootIsDecorated(False)
        self.unreadable_tree.setHeaderLabels([self.tr("ファイル"), self.tr("理由")])
        self.tabs.addTab(self.unreadable_tree, self.tr("読み込めなかったファイル"))
        layout.addWidget(self.tabs, 1)
        self.legend = self._legend()
        layout.addWidget(self.legend)
        self.tabs.currentChanged.connect(lambda index: self.legend.setVisible(index < len(AXES)))

        buttons = QDialogButtonBox(self)
        self.pdf_button = buttons.addButton(
            self.tr("PDFとして保存(&P)…"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.pdf_button.setObjectName("groupPdf")
        self.csv_button = buttons.addButton(
            self.tr("CSVとして保存(&C)…"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.csv_button.setObjectName("groupCsv")
        self.xlsx_button = buttons.addButton(
            self.tr("Excelとして保存(&X)…"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.xlsx_button.setObjectName("groupXlsx")
        close = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close.setText(self.tr("閉じる"))
        buttons.rejected.connect(self.reject)
        self.pdf_button.clicked.connect(self.save_pdf)
        self.csv_button.clicked.connect(self.save_csv)
        self.xlsx_button.clicked.connect(self.save_xlsx)
        for button in self._export_buttons():
            button.setEnabled(False)
            button.setAccessibleName(button.text().split("(")[0])
        layout.addWidget(buttons)
        self.folder_button.setFocus()

    # -- building ---------------------------------------------------------------------------

    @staticmethod
    def _read_only(table: QTableWidget) -> None:
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        table.verticalHeader().setVisible(False)
        table.setWordWrap(True)

    def _heat_table(self, axis: str) -> QTableWidget:
        table = QTableWidget(0, 0, self)
        table.setObjectName(f"heat_{axis}")
        table.setAccessibleName(
            {
                "use_case": self.tr("施設ごと・ユースケースごとの実施率"),
                "risk_category": self.tr("施設ごと・リスク区分ごとの実施率"),
                "step": self.tr("施設ごと・業務ステップごとの実施率"),
            }[axis]
        )
        self._read_only(table)
        table.verticalHeader().setVisible(True)
        table.verticalHeader().setDefaultAlignment(
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        )
        return table

    def _legend(self) -> QWidget:
        box = QWidget(self)
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 4, 0, 4)
        row.addWidget(QLabel(self.tr("実施率（一部実施は半分として数える）:"), box))
        bounds = (0, *[int(b * 100) for b in HEAT_BINS], 101)
        for i, colour in enumerate(HEAT_COLOURS):
            upper = bounds[i + 1] - 1 if i + 1 < len(HEAT_COLOURS) else 100
            label = QLabel(f" {bounds[i]}–{upper}% ", box)
            ink = "#FFFFFF" if i >= 3 else "#1A1A1A"
            label.setStyleSheet(f"background: {colour}; color: {ink}; border: 1px solid #c9d3de;")
            row.addWidget(label)
        out = QLabel(self.tr(" 対象外 "), box)
        out.setStyleSheet(f"background: {OUT_OF_SCOPE}; border: 1px solid #c9d3de;")
        row.addWidget(out)
        row.addStretch(1)
        return box

    # -- choosing and loading ---------------------------------------------------------------

    def choose_files(self) -> None:
        paths = choose_open_files(self, self.tr("集計する評価ファイルを選ぶ"), assessment_filter())
        if paths:
            self.load(paths)

    def choose_folder(self) -> None:
        folder = choose_folder(self, self.tr("評価ファイルのあるフォルダを選ぶ"))
        if folder is not None:
            self.load(folder)

    def load(self, sources: Path | Iterable[Path]) -> None:
        """Count the files (a folder is searched with its subfolders) on a worker thread."""
        self.sources = Path(sources) if isinstance(sources, str | Path) else list(sources)
        if isinstance(self.sources, Path):
            self.source_label.setText(self.tr("フォルダ: %1").replace("%1", str(self.sources)))
        else:
            self.source_label.setText(
                self.tr("選んだファイル %1 件").replace("%1", str(len(self.sources)))
            )
        for button in (self.files_button, self.folder_button, *self._export_buttons()):
            button.setEnabled(False)
        self.progress.setRange(0, 0)
        self.progress.show()
        sources, guideline = self.sources, self.guideline

        def count(control: TaskControl) -> GroupSummary:
            return load_group(sources, guideline, progress=control.checked_progress)

        self._task = BackgroundTask(
            count, self, name="GroupCount", on_success=self._loaded, on_failure=self._failed
        )
        self._task.progress.connect(self._progress)
        self._task.start()

    def _progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)

    def _failed(self, exc: Exception) -> None:
        self.progress.hide()
        for button in (self.files_button, self.folder_button):
            button.setEnabled(True)
        prompts.show_error(
            self,
            self.tr("集計できません"),
            self.tr("評価ファイルを集計できませんでした: %1").replace("%1", str(exc)),
        )

    def _loaded(self, summary: GroupSummary) -> None:
        self.progress.hide()
        for button in (self.files_button, self.folder_button):
            button.setEnabled(True)
        self.show_summary(summary)

    # -- showing ----------------------------------------------------------------------------

    def show_summary(self, summary: GroupSummary) -> None:
        self.summary = summary
        total = summary.total()
        coverage = coverage_text(total) if total.total else "—"
        facts = (
            self.tr(
                "%1 施設（読み込んだファイル %2 件）・データ版 %3 で集計・グループ全体の実施率 %4"
            )
            .replace("%1", str(len(summary.facilities)))
            .replace("%2", str(summary.files_read))
            .replace("%3", summary.data_version)
            .replace("%4", coverage)
        )
        if summary.trends:
            facts += "\n" + self.tr(
                "同じ施設の複数のファイル: %1 施設（最新の評価で集計し、古いものは「推移」に表示）"
            ).replace("%1", str(len(summary.trends)))
        if summary.unreadable:
            facts += "\n" + self.tr(
                "読み込めなかったファイル: %1 件（「読み込めなかったファイル」を参照）"
            ).replace("%1", str(len(summary.unreadable)))
        self.facts.setText(facts)
        version_note = summary.version_note()
        self.version_note.setText(version_note or "")
        self.version_note.setVisible(bool(version_note))
        for axis in AXES:
            self._fill_heat(axis)
        self._fill_missing()
        self._fill_trends()
        self._fill_unreadable()
        has = bool(summary.facilities)
        for button in self._export_buttons():
            button.setEnabled(has)
        self.summary_ready.emit()

    def _columns(self, axis: str) -> list[tuple[str, str, str]]:
        """(id, header, tooltip) of the axis' columns that any facility counts."""
        assert self.summary is not None
        g = self.guideline
        counted = self.summary.totals(axis)
        if axis == "use_case":
            return [
                (uc.id, f"UC{uc.number}\n{wrapped(uc.name)}", f"UC{uc.number} {uc.name}")
                for uc in g.use_cases
                if uc.id in counted
            ]
        if axis == "risk_category":
            return [
                (rc.id, wrapped(rc.name), rc.name) for rc in g.risk_categories if rc.id in counted
            ]
        return [
            (
                s.id,
                f"{g.flow_of_step(s.id).name}\n{wrapped(s.name)}",
                g.step_path(s.id),
            )
            for s in g.steps
            if s.id in counted
        ]

    def _fill_heat(self, axis: str) -> None:
        assert self.summary is not None
        table = self.tables[axis]
        columns = self._columns(axis)
        facilities = self.summary.facilities
        table.clear()
        table.setColumnCount(FIXED_COLUMNS + len(columns))
        table.setRowCount(len(facilities) + (1 if facilities else 0))
        headers = [self.tr("種別"), self.tr("評価日"), self.tr("全体")]
        headers += [header for _id, header, _tip in columns]
        table.setHorizontalHeaderLabels(headers)
        for i, (_id, _header, tip) in enumerate(columns):
            column_header(table, FIXED_COLUMNS + i).setToolTip(tip)
        for row, f in enumerate(facilities):
            name = QTableWidgetItem(f.name)
            name.setToolTip(str(f.path))
            table.setVerticalHeaderItem(row, name)
            self._text(table, row, 0, f.kind.label)
            date = f.assessment_date.isoformat()
            if f.data_version != self.summary.data_version:
                date += "\n" + self.tr("（データ版 %1）").replace("%1", f.data_version)
            self._text(table, row, 1, date)
            self._heat(table, row, 2, f.overall)
            values = getattr(f, f"by_{axis}")
            for i, (key, _h, _t) in enumerate(columns):
                self._heat(table, row, FIXED_COLUMNS + i, values.get(key))
        if facilities:
            row = len(facilities)
            totals = self.summary.totals(axis)
            total_header = QTableWidgetItem(self.tr("グループ全体"))
            font = total_header.font()
            font.setBold(True)
            total_header.setFont(font)
            table.setVerticalHeaderItem(row, total_header)
            self._text(table, row, 0, "")
            self._text(table, row, 1, "")
            self._heat(table, row, 2, self.summary.total(), bold=True)
            for i, (key, _h, _t) in enumerate(columns):
                self._heat(table, row, FIXED_COLUMNS + i, totals.get(key), bold=True)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)
        header.setResizeContentsPrecision(60)  # a few rows are enough to size a column
        table.verticalHeader().setResizeContentsPrecision(60)
        table.resizeColumnsToContents()
        em = table.fontMetrics().horizontalAdvance("あ")
        for column in range(FIXED_COLUMNS - 1, table.columnCount()):
            table.setColumnWidth(column, max(em * 5, min(table.columnWidth(column), em * 9)))
        if any(f.data_version != self.summary.data_version for f in facilities):
            table.resizeRowsToContents()  # the date cell has a second line

    def _text(
        self, table: QTableWidget, row: int, column: int, text: str, *, bold: bool = False
    ) -> None:
        item = QTableWidgetItem(text)
        if bold:
            font = item.font()
            font.setBold(True)
            item.setFont(font)
        table.setItem(row, column, item)

    def _heat(
        self, table: QTableWidget, row: int, column: int, t: Tally | None, *, bold: bool = False
    ) -> None:
        """A cell of the heat map; out of scope is an empty grey cell (see the legend)."""
        key = (heat_step(t), bold)
        prototype = self._prototypes.get(key)
        if prototype is None:  # colours, alignment and font made once per shade
            prototype = QTableWidgetItem()
            prototype.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
            prototype.setBackground(QBrush(QColor(heat_colour(t))))
            prototype.setForeground(QBrush(QColor(heat_ink(t))))
            if bold:
                font = prototype.font()
                font.setBold(True)
                prototype.setFont(font)
            self._prototypes[key] = prototype
        item = prototype.clone()
        text = coverage_text(t)
        tip = tally_tip(t)
        item.setText(text)
        item.setToolTip(tip)
        item.setData(Qt.ItemDataRole.AccessibleTextRole, f"{text or self._out_of_scope} {tip}")
        table.setItem(row, column, item)

    def _fill_missing(self) -> None:
        assert self.summary is not None
        rows = self.summary.most_missing(30)
        table = self.missing_table
        table.setRowCount(len(rows))
        for row, m in enumerate(rows):
            values = [m.countermeasure_id, m.title, str(m.missing), str(m.partial), str(m.in_scope)]
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                if column >= 2:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                table.setItem(row, column, item)
        table.resizeColumnToContents(0)
        for column in (2, 3, 4):
            table.resizeColumnToContents(column)

    def _fill_trends(self) -> None:
        assert self.summary is not None
        tree = self.trend_tree
        tree.clear()
        for (name, kind), entries in sorted(self.summary.trends.items(), key=lambda kv: kv[0][0]):
            top = QTreeWidgetItem(tree, [f"{name}（{kind.label}）", "", self._trend_text(entries)])
            top.setFirstColumnSpanned(False)
            for e in entries:
                QTreeWidgetItem(
                    top,
                    [
                        e.assessment_date.isoformat(),
                        f"{int(e.overall.progress * 100)}%",
                        coverage_text(e.overall),
                        e.data_version,
                        str(e.path),
                    ],
                )
            top.setExpanded(True)
        index = self.tabs.indexOf(tree)
        self.tabs.setTabEnabled(index, bool(self.summary.trends))
        for column in range(4):
            tree.resizeColumnToContents(column)

    @staticmethod
    def _trend_text(entries: list[FacilityResult]) -> str:
        return " → ".join(coverage_text(e.overall) for e in entries)

    def _fill_unreadable(self) -> None:
        assert self.summary is not None
        tree = self.unreadable_tree
        tree.clear()
        for u in self.summary.unreadable:
            item = QTreeWidgetItem(tree, [str(u.path), u.reason])
            item.setToolTip(1, u.reason)
        index = self.tabs.indexOf(tree)
        self.tabs.setTabEnabled(index, bool(self.summary.unreadable))
        tree.resizeColumnToContents(0)

    def heat_row(self, axis: str, facility: str) -> dict[str, str]:
        """Header → cell text of one facility's row, as a person reads it ('' = 対象外)."""
        table = self.tables[axis]
        for row in range(table.rowCount()):
            header = table.verticalHeaderItem(row)
            if header is not None and header.text() == facility:
                return {
                    column_header(table, c).text(): item.text()
                    for c in range(table.columnCount())
                    if (item := table.item(row, c)) is not None
                }
        return {}

    def facility_rows(self, axis: str = "use_case") -> list[str]:
        table = self.tables[axis]
        return [table.verticalHeaderItem(r).text() for r in range(table.rowCount())]

    # -- exporting --------------------------------------------------------------------------

    def _target(self, title: str, suffix: str, filters: str) -> Path | None:
        folder = self.sources if isinstance(self.sources, Path) else None
        return choose_save_file(
            self, title, Path(start_folder(folder)) / (self.tr("グループ集計") + suffix), filters
        )

    def default_name(self) -> str:
        """The group's name to suggest: the folder's (or the folder of the first file's)."""
        sources = self.sources
        if isinstance(sources, Path):
            return sources.name
        return sources[0].parent.name if sources else ""

    def save_pdf(self) -> Path | None:
        summary = self.summary
        if summary is None:
            return None
        name = prompts.ask_text(
            self,
            self.tr("グループ集計をPDFとして保存"),
            self.tr("集計の名前（PDF の題名と各ページの上に印刷します）:"),
            self.default_name(),
        )
        if name is None:
            return None
        path = self._target(self.tr("グループ集計をPDFとして保存"), ".pdf", pdf_filter())
        if path is None:
            return None
        from ...report.group_report import render_group_pdf

        return self._export(
            path, lambda: render_group_pdf(summary, self.guideline, path, name=name)
        )

    def save_csv(self) -> Path | None:
        summary = self.summary
        if summary is None:
            return None
        path = self._target(self.tr("グループ集計をCSVとして保存"), ".csv", csv_filter())
        if path is None:
            return None
        from ...report.group_report import write_group_csv

        return self._export(path, lambda: write_group_csv(summary, self.guideline, path))

    def save_xlsx(self) -> Path | None:
        summary = self.summary
        if summary is None:
            return None
        path = self._target(self.tr("グループ集計をExcelとして保存"), ".xlsx", xlsx_filter())
        if path is None:
            return None
        from ...report.xlsx_export import write_group_xlsx

        return self._export(path, lambda: write_group_xlsx(summary, self.guideline, path))

    def _export_buttons(self) -> tuple[QPushButton, ...]:
        return (self.pdf_button, self.csv_button, self.xlsx_button)

    def _export(self, path: Path, write: Callable[[], object]) -> Path | None:
        if not write_or_explain(self, path, write):
            return None
        if self._show_status is not None:
            self._show_status(self.tr("保存しました: %1").replace("%1", str(path)), 8000)
        return path
