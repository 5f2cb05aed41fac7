"""About this assessment: facility, assessors, date, products, scope, and the change history."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...assessment.labels import history_change_text, history_field_label, item_label
from ...assessment.models import Assessment
from ...assessment.scope import countermeasures_in_scope, steps_touched, use_cases_in_scope
from ...guideline import Guideline

HISTORY_ROWS = 200  # newest first; the file keeps them all


class OverviewView(QWidget):
    edit_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("overviewView")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        top = QHBoxLayout()
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.fields: dict[str, QLabel] = {}
        for key, label in [
            ("facility", self.tr("施設")),
            ("assessors", self.tr("評価者")),
            ("date", self.tr("評価日")),
            ("products", self.tr("評価するAI製品")),
            ("scope", self.tr("評価範囲")),
            ("guideline", self.tr("ガイドライン")),
        ]:
            value = QLabel(self)
            value.setObjectName(f"overview_{key}")
            value.setWordWrap(True)
            self.fields[key] = value
            form.addRow(label + ":", value)
        top.addLayout(form, 1)
        self.edit_button = QPushButton(self.tr("評価の設定を変更…(&E)"), self)
        self.edit_button.setObjectName("editSetup")
        self.edit_button.clicked.connect(self.edit_requested.emit)
        top.addWidget(self.edit_button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(top)

        heading = QLabel(self.tr("変更の履歴（新しい順）"), self)
        heading.setObjectName("sectionHeading")
        layout.addWidget(heading)
        self.history = QTableWidget(0, 5, self)
        self.history.setObjectName("historyTable")
        self.history.setAccessibleName(self.tr("変更の履歴"))
        self.history.setHorizontalHeaderLabels(
            [self.tr("日時"), self.tr("記入者"), self.tr("項目"), self.tr("欄"), self.tr("変更")]
        )
        self.history.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.history.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.history.setTabKeyNavigation(False)
        self.history.verticalHeader().hide()
        header = self.history.horizontalHeader()
        for column in range(4):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.history, 1)

    def show_assessment(
        self, assessment: Assessment | None, guideline: Guideline | None, editable: bool
    ) -> None:
        self.edit_button.setEnabled(editable and assessment is not None)
        if assessment is None or guideline is None:
            for label in self.fields.values():
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
        count = len(countermeasures_in_scope(assessment, guideline))
        if assessment.scope.all:
            scope = self.tr("すべて（対策 %1 件）").replace("%1", str(count))
        else:
            scope = (
                self.tr(
                    "ユースケース %1 件・業務ステップ %2 か所（AIツール台帳を含む）、対策 %3 件"
                )
                .replace("%1", str(len(use_cases_in_scope(assessment, guideline))))
                .replace("%2", str(len(steps_touched(assessment, guideline))))
                .replace("%3", str(count))
            )
        self.fields["scope"].setText(scope)
        ref = assessment.guideline
        self.fields["guideline"].setText(
            self.tr("第%1版 ・ データ版 %2")
            .replace("%1", str(ref.edition))
            .replace("%2", ref.data_version)
        )
        entries = list(reversed(assessment.history))[:HISTORY_ROWS]
        self.history.setRowCount(len(entries))
        for row, entry in enumerate(entries):
            who = entry.who or ""
            if entry.os_user:
                who = f"{who}（{entry.os_user}）" if who else entry.os_user
            # Labels and values in Japanese from the core's one table (the file keeps keys).
            values = [
                entry.at.astimezone().strftime("%Y-%m-%d %H:%M"),
                who,
                item_label(entry.item, assessment, guideline),
                history_field_label(entry.field, entry.item),
                history_change_text(entry, guideline),
            ]
            for column, text in enumerate(values):
                self.history.setItem(row, column, QTableWidgetItem(text))
