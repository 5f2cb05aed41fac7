"""Progress: answered / total and coverage, by part first (施設の体制, each AI tool, 現場の
手順 at each step), then across the parts by use case, risk category and side.

Every number comes from `assessment.scoring`; the formulas are shown in its own plain words.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGridLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QScrollArea,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...assessment.models import AITool, Approval, Assessment, Status
from ...assessment.scoring import (
    FORMULAS,
    Tally,
    coverage_by_part,
    coverage_by_risk_category,
    coverage_by_side,
    coverage_by_step,
    coverage_by_tool,
    coverage_by_use_case,
    overall,
)
from ...assessment.status_colours import STATUS_FILL
from ...guideline import Guideline
from .answer_groups import step_title


def percent(value: float) -> str:
    return f"{round(value * 100)}%"


class ProgressView(QScrollArea):
    """Overall figures, the formulas, then one table per way of grouping."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("progressView")
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        body = QWidget(self)
        body.setObjectName("progressBody")
        self.setWidget(body)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(16, 12, 16, 16)
        layout.setSpacing(10)

        summary = QFrame(body)
        summary.setObjectName("summaryCard")
        grid = QGridLayout(summary)
        grid.setContentsMargins(14, 10, 14, 10)
        grid.setHorizontalSpacing(16)
        self.answered_label = QLabel(summary)
        self.answered_label.setObjectName("bigFigure")
        self.answered_bar = QProgressBar(summary)
        self.answered_bar.setObjectName("answeredBar")
        self.answered_bar.setAccessibleName(self.tr("回答率"))
        self.answered_bar.setTextVisible(False)
        self.coverage_label = QLabel(summary)
        self.coverage_label.setObjectName("bigFigure")
        self.coverage_bar = QProgressBar(summary)
        self.coverage_bar.setObjectName("coverageBar")
        self.coverage_bar.setAccessibleName(self.tr("実施率"))
        self.coverage_bar.setTextVisible(False)
        # 実施率 in the colour of 実施済, as in the printed report (one table of colours).
        self.coverage_bar.setStyleSheet(
            "QProgressBar#coverageBar { border: 1px solid #9a9a9a; border-radius: 2px;"
            " background: #ffffff; min-height: 12px; }"
            f" QProgressBar#coverageBar::chunk {{ background: {STATUS_FILL[Status.DONE]}; }}"
        )
        self.breakdown = QLabel(summary)
        self.breakdown.setObjectName("breakdown")
        self.breakdown.setWordWrap(True)
        grid.addWidget(self.answered_label, 0, 0)
        grid.addWidget(self.answered_bar, 0, 1)
        grid.addWidget(self.coverage_label, 1, 0)
        grid.addWidget(self.coverage_bar, 1, 1)
        grid.addWidget(self.breakdown, 2, 0, 1, 2)
        grid.setColumnStretch(1, 1)
        layout.addWidget(summary)

        headers = [
            self.tr("グループ"),
            self.tr("対象"),
            self.tr("回答済"),
            self.tr("回答率"),
            self.tr("実施率"),
            self.tr("実施済"),
            self.tr("一部実施"),
            self.tr("未実施"),
            self.tr("該当なし"),
            self.tr("未回答"),
        ]
        self.tables: dict[str, QTableWidget] = {}
        self.notes: dict[str, QLabel] = {}
        for key, heading in [
            ("part", self.tr("区分別（施設の体制・AIツール・現場の手順）")),
            ("tool", self.tr("AIツール（ツールごと）")),
            ("step", self.tr("現場の手順（業務ステップごと）")),
            ("use_case", self.tr("全体の内訳: ユースケース別")),
            ("risk_category", self.tr("全体の内訳: リスク区分別")),
            ("side", self.tr("全体の内訳: 利用者の対策と開発者の対策")),
        ]:
            title = QLabel(heading, body)
            title.setObjectName("sectionHeading")
            layout.addWidget(title)
            table = _table(body, heading, headers)
            table.setObjectName(f"progress_{key}")
            self.tables[key] = table
            layout.addWidget(table)
            if key in ("tool", "step"):
                note = QLabel(body)
                note.setObjectName("mutedText")
                note.setWordWrap(True)
                self.notes[key] = note
                layout.addWidget(note)
        # How the figures are counted, after them (for whoever checks them).
        formulas_heading = QLabel(self.tr("数え方"), body)
        formulas_heading.setObjectName("sectionHeading")
        layout.addWidget(formulas_heading)
        self.formulas = QLabel(body)
        self.formulas.setObjectName("formulas")
        self.formulas.setWordWrap(True)
        self.formulas.setText("\n".join(self.tr(text) for text in FORMULAS.values()))
        layout.addWidget(self.formulas)
        layout.addStretch(1)

    def show_assessment(self, assessment: Assessment | None, guideline: Guideline | None) -> None:
        if assessment is None or guideline is None:
            for table in self.tables.values():
                table.setRowCount(0)
            for note in self.notes.values():
                note.hide()
            self.answered_label.setText("")
            self.coverage_label.setText("")
            self.breakdown.setText("")
            return
        total = overall(assessment, guideline)
        self.answered_label.setText(
            self.tr("回答 %1 / %2 件（%3）")
            .replace("%1", str(total.answered))
            .replace("%2", str(total.total))
            .replace("%3", percent(total.progress))
        )
        self.answered_bar.setMaximum(max(total.total, 1))
        self.answered_bar.setValue(total.answered)
        self.coverage_label.setText(self.tr("実施率 %1").replace("%1", percent(total.coverage)))
        self.coverage_bar.setMaximum(1000)
        self.coverage_bar.setValue(round(total.coverage * 1000))
        self.breakdown.setText(
            self.tr("実施済 %1 ・ 一部実施 %2 ・ 未実施 %3 ・ 該当なし %4 ・ 未回答 %5")
            .replace("%1", str(total.done))
            .replace("%2", str(total.partial))
            .replace("%3", str(total.not_done))
            .replace("%4", str(total.not_applicable))
            .replace("%5", str(total.unanswered))
        )
        _fill(
            self.tables["part"],
            [
                (self.tr(p.part_label), t)
                for p, t in coverage_by_part(assessment, guideline).items()
            ],
        )
        by_tool = coverage_by_tool(assessment, guideline)
        tools = {t.id: t for t in assessment.tools}
        _fill(self.tables["tool"], [(_tool_name(tools[k]), t) for k, t in by_tool.items()])
        prohibited = [t.name for t in assessment.tools if t.approval is Approval.PROHIBITED]
        tool_note = ""
        if not assessment.tools:
            tool_note = self.tr(
                "AIツール台帳にツールがありません。台帳に登録すると、ツールごとの対策が加わります。"
            )
        elif prohibited:
            tool_note = self.tr("利用禁止のツール（回答は不要）: %1").replace(
                "%1", "、".join(prohibited)
            )
        self.notes["tool"].setText(tool_note)
        self.notes["tool"].setVisible(bool(tool_note))
        side_names = {"user": self.tr("利用者（個人・組織）"), "developer": self.tr("開発者")}
        _fill(
            self.tables["side"],
            [(side_names[k], t) for k, t in coverage_by_side(assessment, guideline).items()],
        )
        _fill(
            self.tables["use_case"],
            [
                (f"{guideline.use_case(k).number}. {guideline.use_case(k).name}", t)
                for k, t in coverage_by_use_case(assessment, guideline).items()
            ],
        )
        _fill(
            self.tables["risk_category"],
            [
                (guideline.risk_category(k).name, t)
                for k, t in coverage_by_risk_category(assessment, guideline).items()
            ],
        )
        by_step = coverage_by_step(assessment, guideline)
        _fill(self.tables["step"], [(step_title(guideline, k), t) for k, t in by_step.items()])
        self.notes["step"].setText(
            self.tr(
                "業務ステップに共通の対策は、それぞれの業務ステップで数えます"
                "（区分別の「現場の手順」では1件）。"
            )
        )
        self.notes["step"].setVisible(bool(by_step))


def _tool_name(tool: AITool) -> str:
    details = [tool.vendor] if tool.vendor else []
    details.append(tool.approval.label)
    return f"{tool.name}（{'・'.join(details)}）"


def _table(parent: QWidget, name: str, headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers), parent)
    table.setAccessibleName(name)
    table.setHorizontalHeaderLabels(headers)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.verticalHeader().hide()
    table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    table.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
    table.setTabKeyNavigation(False)
    header = table.horizontalHeader()
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    for column in range(1, len(headers)):
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
    return table


def _fill(table: QTableWidget, rows: list[tuple[str, Tally]]) -> None:
    table.setRowCount(len(rows))
    for row, (name, tally) in enumerate(rows):
        values = [
            name,
            str(tally.total),
            str(tally.answered),
            percent(tally.progress),
            percent(tally.coverage),
            str(tally.done),
            str(tally.partial),
            str(tally.not_done),
            str(tally.not_applicable),
            str(tally.unanswered),
        ]
        for column, text in enumerate(values):
            cell = QTableWidgetItem(text)
            if column:
                cell.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            table.setItem(row, column, cell)
    table.resizeRowsToContents()
    height = table.horizontalHeader().height() + 2 * table.frameWidth()
    height += sum(table.rowHeight(r) for r in range(table.rowCount()))
    table.setFixedHeight(height)
