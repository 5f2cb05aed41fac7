"""「前回の評価から新規作成」: start this year's assessment from last year's file.

The core (assessment.baseline) carries the scope, tool register and answers over, marks
every carried answer until it is re-confirmed, and migrates to the data in use when the old
file was made against other data. This dialog asks for the new date, the assessors and a
re-confirmation period, and lists the answers whose 確認日 is older than that period.
"""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...assessment import AssessmentFileError, load_assessment
from ...assessment.baseline import DueItem, due_for_reconfirmation, new_from_previous
from ...assessment.models import Assessment
from ...guideline import Guideline
from ..assessment.new_assessment_dialog import split_names
from ..widgets import prompts
from ..widgets.busy import busy
from ..widgets.date_field import DateField
from ..widgets.file_dialogs import assessment_filter, choose_open_file
from ..widgets.labels import heading, note
from ..widgets.sizing import grow_to_fit
from ..widgets.tree_rows import ROOMY_ROWS

log = logging.getLogger(__name__)

PERIOD_DAYS = (183, 365, 730, 1095)
DEFAULT_PERIOD = 365


class BaselineDialog(QDialog):
    def __init__(self, guideline: Guideline, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("baselineDialog")
        self.setWindowTitle(self.tr("前回の評価から新規作成"))
        self.resize(860, 640)
        self.guideline = guideline
        self.previous: Assessment | None = None
        self.previous_path: Path | None = None
        self.result_assessment: Assessment | None = None
        self.who = ""
        self._candidate: tuple[dt.date, Assessment] | None = None

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addWidget(heading(self.tr("前回の評価から新規作成"), self))
        self.facts = note("", self)
        self.facts.setObjectName("baselineFacts")
        layout.addWidget(self.facts)

        form = QFormLayout()
        self.date_field = DateField(self.tr("今回の評価日"), self)
        self.date_field.setObjectName("baselineDate")
        self.date_field.set_date(dt.date.today())
        form.addRow(self.tr("今回の評価日(&D)"), self.date_field)
        self.assessors = QLineEdit(self)
        self.assessors.setObjectName("baselineAssessors")
        self.assessors.setAccessibleName(self.tr("今回の評価者（複数は読点で区切る）"))
        form.addRow(self.tr("今回の評価者(&A)"), self.assessors)
        self.period = QComboBox(self)
        self.period.setObjectName("reconfirmPeriod")
        self.period.setAccessibleName(self.tr("再確認が必要とみなす確認日の古さ"))
        labels = (self.tr("6か月"), self.tr("1年"), self.tr("2年"), self.tr("3年"))
        for days, label in zip(PERIOD_DAYS, labels, strict=True):
            self.period.addItem(self.tr("確認日が%1より前").replace("%1", label), days)
        self.period.setCurrentIndex(self.period.findData(DEFAULT_PERIOD))
        form.addRow(self.tr("再確認の目安(&P)"), self.period)
        layout.addLayout(form)

        self.due_label = note("", self)
        self.due_label.setObjectName("dueSummary")
        layout.addWidget(self.due_label)
        self.due_list = QTreeWidget(self)
        self.due_list.setObjectName("dueList")
        self.due_list.setStyleSheet(ROOMY_ROWS)
        self.due_list.setAccessibleName(self.tr("再確認が必要な回答の一覧"))
        self.due_list.setRootIsDecorated(False)
        self.due_list.setHeaderLabels(
            [self.tr("対策"), self.tr("状況"), self.tr("確認日"), self.tr("経過日数")]
        )
        self.due_list.header().setSectionResizeMode(0, self.due_list.header().ResizeMode.Stretch)
        self.due_list.header().setStretchLastSection(False)
        layout.addWidget(self.due_list, 1)
        layout.addWidget(
            note(
                self.tr(
                    "引き継いだ回答にはすべて「前回から引き継ぎ」の印が付き、確認日は前回のままです。"
                    "内容を確かめたら、回答の画面で「確認した」を押してください。"
                ),
                self,
            )
        )

        buttons = QDialogButtonBox(self)
        self.create_button = buttons.addButton(
            self.tr("作成する"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.create_button.setObjectName("createFromPrevious")
        cancel = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText(self.tr("キャンセル"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

        self.date_field.date_changed.connect(lambda _d: self.refresh())
        self.period.currentIndexChanged.connect(lambda _i: self.refresh())

    # -- the previous file ------------------------------------------------------------------

    def choose_previous(self) -> bool:
        path = choose_open_file(self, self.tr("前回の評価ファイルを選ぶ"), assessment_filter())
        return self.set_previous(path) if path is not None else False

    def set_previous(self, path: Path) -> bool:
        try:
            with busy():
                previous = load_assessment(path)
        except AssessmentFileError as exc:
            log.warning("Cannot start from %s: %s", path, exc.reason)
            prompts.show_error(self, exc.heading, exc.message)
            return False
        self.previous = previous
        self.previous_path = path
        self._candidate = None
        self.assessors.setText("、".join(previous.assessors))
        answered = sum(  # the facility's answers and every tool's
            1
            for answers in (previous.answers, *previous.tool_answers.values())
            for a in answers.values()
            if a.has_content()
        )
        facts = (
            self.tr("前回の評価: %1（%2）\n施設: %3　評価日: %4　データ版: %5　回答済み: %6 件")
            .replace("%1", path.name)
            .replace("%2", str(path.parent))
            .replace("%3", previous.facility.name)
            .replace("%4", previous.assessment_date.isoformat())
            .replace("%5", previous.guideline.data_version)
            .replace("%6", str(answered))
        )
        if previous.guideline.data_version != self.guideline.data_version:
            facts += "\n" + self.tr(
                "前回の評価は別のデータ版で作られています。使用中のデータ版 %1 に移行して引き継ぎ、"
                "文言が変わった対策は要再確認にします。"
            ).replace("%1", self.guideline.data_version)
        self.facts.setText(facts)
        self.refresh()
        grow_to_fit(self)
        return True

    def _candidate_for(self, date: dt.date) -> Assessment:
        assert self.previous is not None
        if self._candidate is None or self._candidate[0] != date:
            with busy():
                candidate = new_from_previous(self.previous, self.guideline, assessment_date=date)
            self._candidate = (date, candidate)
        return self._candidate[1]

    def due_items(self) -> list[DueItem]:
        date = self.date_field.date or dt.date.today()
        if self.previous is None:
            return []
        return due_for_reconfirmation(
            self._candidate_for(date), int(self.period.currentData()), today=date
        )

    def refresh(self) -> None:
        due = self.due_items()
        period = self.period.currentText()
        self.due_label.setText(
            self.tr("再確認が必要な回答（%1）: %2 件")
            .replace("%1", period)
            .replace("%2", str(len(due)))
        )
        self.due_list.clear()
        for item in due:
            cm = self.guideline.get(item.countermeasure_id)
            title = (
                getattr(cm, "title", "")
                if cm is not None
                else self.tr("（現在のデータにない対策）")
            )
            row = QTreeWidgetItem(
                self.due_list,
                [
                    f"{item.countermeasure_id}  {title}",
                    item.answer.status.label,
                    item.answer.confirmed_on.isoformat()
                    if item.answer.confirmed_on
                    else self.tr("なし"),
                    str(item.age_days) if item.age_days is not None else "—",
                ],
            )
            row.setTextAlignment(3, Qt.AlignmentFlag.AlignRight)
        for column in (1, 2, 3):
            self.due_list.resizeColumnToContents(column)

    def accept(self) -> None:
        if self.previous is None:
            return
        date = self.date_field.date
        if date is None:
            prompts.show_error(
                self,
                self.tr("評価日を確かめてください"),
                self.tr("今回の評価日を 2026-04-01 のように入力してください。"),
            )
            return
        assessors = split_names(self.assessors.text())
        self.who = assessors[0] if assessors else ""
        with busy():
            self.result_assessment = new_from_previous(
                self.previous,
                self.guideline,
                assessment_date=date,
                assessors=assessors,
                who=self.who,
            )
        log.info("New assessment from a previous one (%s)", self.previous_path)
        super().accept()
