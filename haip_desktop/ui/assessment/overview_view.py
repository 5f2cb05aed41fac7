"""About this assessment: facility, assessors, date, products, scope, how far each part is,
and the change history.

The tab scrolls as one page, so that at a large text size the history keeps enough rows to
read; its columns share the width and wrap, so that no column is pushed out of sight, and
each row is as tall as its wrapped text with air below (no line cut at any text size).

The page is a column in ``body_layout``: the details, 評価の設定を変更 and 評価の進捗 in one
grid (``details``), then 変更の履歴. A further section (総評・所見) goes between them
through ``add_section``.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...assessment.labels import history_change_text, history_field_label, item_label
from ...assessment.models import Approval, Assessment
from ...assessment.parts import PARTS, Part
from ...assessment.scope import items_in_scope, steps_in_scope, use_cases_in_scope
from ...assessment.scoring import coverage_by_part
from ...guideline import Guideline
from .progress_view import percent
from .table_fit import RefitOnResize, share_columns
from .wrapping_rows import WrappingRows

HISTORY_ROWS = 200  # newest first; the file keeps them all
HISTORY_MIN_ROWS = 8  # the history is never shorter than this many lines of text
# Columns after 日時 share the width by weight (記入者, 項目, 欄, 変更), never narrower
# than a few characters; their text wraps.
_SHARED_COLUMNS = {1: 4, 2: 6, 3: 3, 4: 8}
_MIN_COLUMN_CHARS = 5


class OverviewView(QWidget):
    edit_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("overviewView")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.scroll_area = QScrollArea(self)
        self.scroll_area.setObjectName("overviewScroll")
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # A steady width: a scroll bar that came with the page's height would narrow the
        # form after its wrapped lines were measured, and squeeze them.
        self.scroll_area.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        body = QWidget(self.scroll_area)
        body.setObjectName("overviewBody")
        self.scroll_area.setWidget(body)
        outer.addWidget(self.scroll_area)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(16, 12, 16, 12)
        self.body_layout = layout
        # A grid, not a QFormLayout: the grid gives each wrapped value the height of its
        # lines at the width it really gets (the form layout squeezed some at 200%).
        grid = QGridLayout()
        grid.setColumnStretch(1, 1)
        grid.setHorizontalSpacing(12)

        def add_row(label: str, value: QWidget | QHBoxLayout) -> None:
            row = grid.rowCount()
            grid.addWidget(QLabel(label, body), row, 0, Qt.AlignmentFlag.AlignTop)
            if isinstance(value, QWidget):
                grid.addWidget(value, row, 1)
            else:
                grid.addLayout(value, row, 1)

        self.fields: dict[str, QLabel] = {}
        for key, label in [
            ("facility", self.tr("施設")),
            ("assessors", self.tr("評価者")),
            ("date", self.tr("評価日")),
            ("products", self.tr("評価するAI製品")),
            ("scope", self.tr("評価範囲")),
            ("guideline", self.tr("ガイドライン")),
        ]:
            value = QLabel(body)
            value.setObjectName(f"overview_{key}")
            value.setWordWrap(True)
            self.fields[key] = value
            add_row(label + ":", value)
        # Under the details it changes.
        self.edit_button = QPushButton(self.tr("評価の設定を変更…(&E)"), body)
        self.edit_button.setObjectName("editSetup")
        self.edit_button.clicked.connect(self.edit_requested.emit)
        button_row = QHBoxLayout()
        button_row.addWidget(self.edit_button)
        button_row.addStretch(1)
        add_row("", button_row)
        # How far each part is (the same figures as the tabs and 進捗), aligned with the above.
        parts_heading = QLabel(self.tr("評価の進捗"), body)
        parts_heading.setObjectName("sectionHeading")
        grid.addWidget(parts_heading, grid.rowCount(), 0, 1, 2)
        self.part_fields: dict[Part, QLabel] = {}
        for part in PARTS:
            value = QLabel(body)
            value.setObjectName(f"overview_part_{part.value}")
            value.setWordWrap(True)
            self.part_fields[part] = value
            add_row(self.tr(part.part_label) + ":", value)
        self.details = grid
        layout.addLayout(grid)

        heading = QLabel(self.tr("変更の履歴（新しい順）"), body)
        heading.setObjectName("sectionHeading")
        self.history_heading = heading
        layout.addWidget(heading)
        self.history = QTableWidget(0, 5, body)
        self.history.setObjectName("historyTable")
        self.history.setAccessibleName(self.tr("変更の履歴"))
        self.history.setHorizontalHeaderLabels(
            [self.tr("日時"), self.tr("記入者"), self.tr("項目"), self.tr("欄"), self.tr("変更")]
        )
        self.history.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.history.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.history.setTabKeyNavigation(False)
        self.history.verticalHeader().hide()
        self.history.setWordWrap(True)
        # Rows as tall as their wrapped text, with air below the last line (cut at 110% else).
        self._wrapping = WrappingRows(self.history, tuple(range(5)))
        self.history.setItemDelegate(self._wrapping)
        # A steady width to share: the scroll bar does not come and go with the rows' heights.
        self.history.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        header = self.history.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        for column in _SHARED_COLUMNS:
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        layout.addWidget(self.history, 1)
        self._fit_to_text_size()
        RefitOnResize(self, self.history.viewport(), self._fit_columns, self._fit_to_text_size)

    def add_section(self, widget: QWidget) -> None:
        """A part of the page of its own (総評・所見), between 評価の進捗 and the history."""
        self.body_layout.insertWidget(self.body_layout.indexOf(self.history_heading), widget)

    # -- fitting to the width and the text size ----------------------------------------------

    def _fit_to_text_size(self) -> None:
        lines = HISTORY_MIN_ROWS + 2  # the rows and the header
        self.history.setMinimumHeight(lines * (self.fontMetrics().height() + 8))

    def _fit_columns(self) -> None:
        """Share the width among the columns after 日時; rows grow to their wrapped text."""
        table = self.history
        available = table.viewport().width()
        if available > 0:
            minimum = _MIN_COLUMN_CHARS * self.fontMetrics().horizontalAdvance("あ")
            left = max(0, available - table.horizontalHeader().sectionSize(0))
            self._wrapping.forget_sizes()
            share_columns(table, _SHARED_COLUMNS, left, minimum)

    def show_assessment(
        self, assessment: Assessment | None, guideline: Guideline | None, editable: bool
    ) -> None:
        self.edit_button.setEnabled(editable and assessment is not None)
        if assessment is None or guideline is None:
            for label in [*self.fields.values(), *self.part_fields.values()]:
                label.setText("")
            self.history.setRowCount(0)
            return
        facility = assessment.facility
        parts = [facility.name, self.tr(facility.kind.label)]
        if facility.beds is not None:
            parts.append(self.tr("%1 床").replace("%1", str(facility.beds)))
        if facility.department:
            parts.append(facility.department)
        self.fields["facility"].setText(" ・ ".join(parts))
        self.fields["assessors"].setText("、".join(assessment.assessors) or self.tr("（未入力）"))
        self.fields["date"].setText(assessment.assessment_date.isoformat())
        self.fields["products"].setText("、".join(assessment.products) or self.tr("（未入力）"))
        count = len(items_in_scope(assessment, guideline))
        if assessment.scope.all:
            scope = self.tr("すべて（評価する項目 %1 件）").replace("%1", str(count))
        else:
            scope = (
                self.tr(
                    "ユースケース %1 件・業務ステップ %2 か所（AIツール台帳を含む）、"
                    "評価する項目 %3 件"
                )
                .replace("%1", str(len(use_cases_in_scope(assessment, guideline))))
                .replace("%2", str(len(steps_in_scope(assessment, guideline))))
                .replace("%3", str(count))
            )
        self.fields["scope"].setText(scope)
        self._show_parts(assessment, guideline)
        ref = assessment.guideline
        self.fields["guideline"].setText(
            self.tr("第%1版 ・ データ版 %2")
            .replace("%1", str(ref.edition))
            .replace("%2", ref.data_version)
        )
        entries = list(reversed(assessment.history))[:HISTORY_ROWS]
        self._wrapping.forget_sizes()
        self.history.setRowCount(len(entries))
        for row, entry in enumerate(entries):
            who = entry.who or ""
            if entry.os_user:
                who = f"{who}（{entry.os_user}）" if who else entry.os_user
            # Labels and values in Japanese from the core's one table (the file keeps keys).
            values = [
                entry.at.astimezone().strftime("%Y-%m-%d %H:%M"),
                who,
                item_label(entry.item, assessment, guideline, tool=entry.tool),
                history_field_label(entry.field, entry.item),
                history_change_text(entry, guideline),
            ]
            for column, text in enumerate(values):
                self.history.setItem(row, column, QTableWidgetItem(text))
        self._fit_columns()

    def _show_parts(self, assessment: Assessment, guideline: Guideline) -> None:
        tools = assessment.tools
        prohibited = sum(1 for t in tools if t.approval is Approval.PROHIBITED)
        steps = len(steps_in_scope(assessment, guideline))
        for part, tally in coverage_by_part(assessment, guideline).items():
            text = (
                self.tr("回答 %1 / %2 項目（%3）・実施率 %4")
                .replace("%1", str(tally.answered))
                .replace("%2", str(tally.total))
                .replace("%3", percent(tally.progress))
                .replace("%4", percent(tally.coverage))
            )
            if part is Part.TOOL:
                if not tools:
                    text = self.tr("AIツール台帳にツールがありません")
                else:
                    text += self.tr(" ・ 台帳のツール %1 件").replace("%1", str(len(tools)))
                    if prohibited:
                        text += self.tr("、うち利用禁止 %1 件は回答不要").replace(
                            "%1", str(prohibited)
                        )
            elif part is Part.STEP:
                text += self.tr(" ・ 業務ステップ %1 か所").replace("%1", str(steps))
            self.part_fields[part].setText(text)
