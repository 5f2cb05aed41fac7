"""Creating an assessment (or changing its setup): facility, assessors, date, products, scope.

A new assessment's scope starts as the kind of facility's work (scope.default_scope): a
pharmacy's steps for a pharmacy, no ward and no pharmacy steps for a clinic. Changing the
kind changes it again, until the person ticks the scope themselves.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from PySide6.QtCore import QDate
from PySide6.QtGui import QIntValidator
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from ...assessment.models import Assessment, Facility, FacilityKind, Scope
from ...assessment.scope import default_scope
from ...guideline import Guideline
from ..widgets.date_field import DateEdit
from ..widgets.sizing import fit_to_screen
from .assessment_style import ASSESSMENT_STYLE
from .scope_editor import ScopeEditor

_NAME_SEPARATORS = re.compile(r"[、,，\n]+")


@dataclass
class AssessmentSetup:
    """What the dialog collected."""

    facility: Facility
    assessors: list[str] = field(default_factory=list)
    assessment_date: dt.date = field(default_factory=dt.date.today)
    products: list[str] = field(default_factory=list)
    scope: Scope = field(default_factory=Scope)


def split_names(text: str) -> list[str]:
    """'山田、佐藤' or one per line → ['山田', '佐藤']."""
    return [part.strip() for part in _NAME_SEPARATORS.split(text) if part.strip()]


class NewAssessmentDialog(QDialog):
    """The same form creates a new assessment and changes the setup of an open one."""

    def __init__(
        self,
        guideline: Guideline,
        parent: QWidget | None = None,
        existing: Assessment | None = None,
    ) -> None:
        super().__init__(parent)
        self.setStyleSheet(ASSESSMENT_STYLE)
        self.setObjectName("newAssessmentDialog")
        self.setWindowTitle(self.tr("新しい評価") if existing is None else self.tr("評価の設定"))
        self.result_setup: AssessmentSetup | None = None
        em = self.fontMetrics().horizontalAdvance("あ")

        outer = QVBoxLayout(self)
        columns = QHBoxLayout()
        outer.addLayout(columns, 1)

        facility_box = QGroupBox(self.tr("施設と評価者"), self)
        facility_layout = QVBoxLayout(facility_box)
        form = QFormLayout()
        facility_layout.addLayout(form)
        facility_layout.addStretch(1)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.facility_name = QLineEdit(self)
        self.facility_name.setObjectName("facilityName")
        self.facility_name.setAccessibleName(self.tr("施設名（必須）"))
        self.facility_name.setPlaceholderText(self.tr("例: ○○市立病院"))
        form.addRow(self.tr("施設名(&N) *"), self.facility_name)

        self.facility_kind = QComboBox(self)
        self.facility_kind.setObjectName("facilityKind")
        self.facility_kind.setAccessibleName(self.tr("施設の種類"))
        for kind in FacilityKind:
            self.facility_kind.addItem(self.tr(kind.label), kind)
        form.addRow(self.tr("種類(&K)"), self.facility_kind)

        self.beds = QLineEdit(self)
        self.beds.setObjectName("facilityBeds")
        self.beds.setAccessibleName(self.tr("病床数（任意）"))
        self.beds.setValidator(QIntValidator(0, 99999, self))
        self.beds.setPlaceholderText(self.tr("任意"))
        self.beds.setMaximumWidth(8 * em)
        form.addRow(self.tr("病床数(&B)"), self.beds)

        self.department = QLineEdit(self)
        self.department.setObjectName("facilityDepartment")
        self.department.setAccessibleName(self.tr("部署（任意）"))
        self.department.setPlaceholderText(self.tr("任意。例: 医療情報部"))
        form.addRow(self.tr("部署(&D)"), self.department)

        self.assessors = QLineEdit(self)
        self.assessors.setObjectName("assessors")
        self.assessors.setAccessibleName(self.tr("評価者（複数は読点で区切る）"))
        self.assessors.setPlaceholderText(self.tr("例: 山田 花子、佐藤 一郎"))
        form.addRow(self.tr("評価者(&A)"), self.assessors)

        self.assessment_date = DateEdit(self)  # Tab leaves it (widgets/date_field.py)
        self.assessment_date.setObjectName("assessmentDate")
        self.assessment_date.setAccessibleName(self.tr("評価日"))
        self.assessment_date.setCalendarPopup(True)
        self.assessment_date.setDisplayFormat("yyyy-MM-dd")
        self.assessment_date.setDate(QDate.currentDate())
        form.addRow(self.tr("評価日(&T)"), self.assessment_date)

        self.products = QPlainTextEdit(self)
        self.products.setObjectName("products")
        self.products.setAccessibleName(self.tr("評価するAI製品（1行に1つ）"))
        self.products.setPlaceholderText(self.tr("1行に1つ。例: 文書作成支援AI ○○"))
        self.products.setTabChangesFocus(True)
        self.products.setMaximumHeight(5 * self.fontMetrics().height())
        form.addRow(self.tr("評価するAI製品(&P)"), self.products)
        columns.addWidget(facility_box, 1)

        scope_box = QGroupBox(self.tr("評価範囲"), self)
        scope_layout = QVBoxLayout(scope_box)
        self.scope_note = QLabel(scope_box)
        self.scope_note.setObjectName("scopeNote")
        self.scope_note.setWordWrap(True)
        scope_layout.addWidget(self.scope_note)
        self.scope_editor = ScopeEditor(guideline, scope_box)
        scope_layout.addWidget(self.scope_editor)
        columns.addWidget(scope_box, 1)

        self.message = QLabel(self)
        self.message.setObjectName("formError")
        self.message.setWordWrap(True)
        self.message.hide()
        outer.addWidget(self.message)

        self.buttons = QDialogButtonBox(self)
        self.ok_button = self.buttons.addButton(
            self.tr("評価を始める") if existing is None else self.tr("変更を反映する"),
            QDialogButtonBox.ButtonRole.AcceptRole,
        )
        self.ok_button.setObjectName("acceptSetup")
        self.ok_button.setDefault(True)
        cancel = self.buttons.addButton(
            self.tr("キャンセル"), QDialogButtonBox.ButtonRole.RejectRole
        )
        cancel.setObjectName("cancelSetup")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        outer.addWidget(self.buttons)

        self._guideline = guideline
        self._scope_chosen = existing is not None  # the person's own choice is kept
        self._setting_scope = False
        self.scope_note.setVisible(existing is None)
        if existing is not None:
            self._fill(existing)
        else:
            self._apply_default_scope()
        self.facility_kind.currentIndexChanged.connect(lambda _i: self._apply_default_scope())
        self.scope_editor.changed.connect(self._scope_edited)
        fit_to_screen(self, 76 * em, 34 * self.fontMetrics().height())
        self.facility_name.setFocus()

    def _apply_default_scope(self) -> None:
        """The kind of facility's steps, unless the person has chosen the scope."""
        if self._scope_chosen:
            return
        kind = FacilityKind(self.facility_kind.currentData())
        self._setting_scope = True
        try:
            self.scope_editor.set_scope(default_scope(self._guideline, kind))
        finally:
            self._setting_scope = False
        if kind is FacilityKind.OTHER:
            self.scope_note.setText(self.tr("評価する業務ステップやユースケースを選んでください。"))
        else:
            self.scope_note.setText(
                self.tr(
                    "「%1」の業務で生成AIを使う業務ステップを選んであります。"
                    "実際の業務に合わせて変えられます。"
                ).replace("%1", self.tr(kind.label))
            )

    def _scope_edited(self) -> None:
        if not self._setting_scope:
            self._scope_chosen = True
            self.scope_note.setText(self.tr("評価範囲は選んだとおりです。"))

    def _fill(self, assessment: Assessment) -> None:
        facility = assessment.facility
        self.facility_name.setText(facility.name)
        self.facility_kind.setCurrentIndex(self.facility_kind.findData(facility.kind))
        self.beds.setText("" if facility.beds is None else str(facility.beds))
        self.department.setText(facility.department)
        self.assessors.setText("、".join(assessment.assessors))
        day = assessment.assessment_date
        self.assessment_date.setDate(QDate(day.year, day.month, day.day))
        self.products.setPlainText("\n".join(assessment.products))
        self.scope_editor.set_scope(assessment.scope, assessment.tools)

    def collect(self) -> AssessmentSetup | str:
        """The setup, or a Japanese sentence saying what is missing."""
        name = self.facility_name.text().strip()
        if not name:
            return self.tr("施設名を入力してください。")
        scope = self.scope_editor.scope()
        if self.scope_editor.countermeasure_count() == 0:
            return self.tr(
                "評価範囲を選んでください（「すべて」か、ユースケース・業務ステップのどれか）。"
            )
        beds_text = self.beds.text().strip()
        kind = self.facility_kind.currentData()
        qdate = self.assessment_date.date()
        return AssessmentSetup(
            facility=Facility(
                name=name,
                kind=kind,
                beds=int(beds_text) if beds_text else None,
                department=self.department.text().strip(),
            ),
            assessors=split_names(self.assessors.text()),
            assessment_date=dt.date(qdate.year(), qdate.month(), qdate.day()),
            products=[
                line.strip() for line in self.products.toPlainText().splitlines() if line.strip()
            ],
            scope=scope,
        )

    def accept(self) -> None:
        setup = self.collect()
        if isinstance(setup, str):
            self.message.setText(setup)
            self.message.show()
            if not self.facility_name.text().strip():
                self.facility_name.setFocus()
            return
        self.result_setup = setup
        super().accept()
