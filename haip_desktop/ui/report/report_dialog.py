"""The 報告書を作成 dialog: which layout, which sections, grouping, notes, 西暦 or 和暦, and
the handling mark printed on every page (院内限り／取扱注意)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QLabel,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ...report import Era, GroupBy, Layout, Marking, ReportOptions, Section
from ...report.dates import format_date
from ..widgets.text_wrap import unbreakable


class ReportDialog(QDialog):
    """Choose what goes into the report; `options()` gives the choice as `ReportOptions`."""

    def __init__(
        self,
        options: ReportOptions | None = None,
        facility: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("reportDialog")
        self.setWindowTitle(self.tr("報告書を作成"))
        options = options or ReportOptions()
        # The choices scroll when the screen is short (1280 × 720 at 200 %); the hint and the
        # buttons below them always show.
        outer = QVBoxLayout(self)
        self.scroller = QScrollArea(self)
        self.scroller.setObjectName("reportOptionsScroller")
        self.scroller.setWidgetResizable(True)
        self.scroller.setFrameShape(QFrame.Shape.NoFrame)
        self.scroller.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        content = QWidget(self.scroller)
        layout = QVBoxLayout(content)
        layout.setContentsMargins(0, 0, 0, 0)

        if facility:
            heading = QLabel(
                self.tr("%1 の評価結果を報告書にします。").replace("%1", unbreakable(facility)),
                self,
            )
            heading.setObjectName("reportDialogHeading")
            heading.setWordWrap(True)
            heading.setTextFormat(Qt.TextFormat.PlainText)
            layout.addWidget(heading)

        # -- layout ----------------------------------------------------------------------
        kind_box = QGroupBox(self.tr("報告書の種類"), self)
        kind_layout = QVBoxLayout(kind_box)
        self.full_radio = QRadioButton(self.tr("完全版（選んだ節をすべて載せる）(&F)"), kind_box)
        self.summary_radio = QRadioButton(self.tr("要約版（委員会向けの2ページ）(&S)"), kind_box)
        self._layout_group = QButtonGroup(self)
        for radio in (self.full_radio, self.summary_radio):
            self._layout_group.addButton(radio)
            kind_layout.addWidget(radio)
        layout.addWidget(kind_box)

        # -- sections --------------------------------------------------------------------
        self.sections_box = QGroupBox(self.tr("載せる節（完全版）"), self)
        sections_layout = QGridLayout(self.sections_box)
        labels = self._section_labels()
        self.section_boxes: dict[Section, QCheckBox] = {}
        for index, section in enumerate(Section):
            box = QCheckBox(labels[section], self.sections_box)
            box.setObjectName(f"section_{section.value}")
            box.setChecked(section in options.sections)
            box.toggled.connect(self._update_enabled)
            sections_layout.addWidget(box, index // 2, index % 2)
            self.section_boxes[section] = box
        layout.addWidget(self.sections_box)

        # -- grouping, notes, dates ----------------------------------------------------------
        self.grouping_box = QGroupBox(self.tr("対策ごとの評価結果の並べ方"), self)
        grouping_layout = QVBoxLayout(self.grouping_box)
        self.by_step_radio = QRadioButton(self.tr("業務ステップ別(&T)"), self.grouping_box)
        self.by_use_case_radio = QRadioButton(self.tr("ユースケース別(&U)"), self.grouping_box)
        self._grouping_group = QButtonGroup(self)
        for radio in (self.by_step_radio, self.by_use_case_radio):
            self._grouping_group.addButton(radio)
            grouping_layout.addWidget(radio)
        layout.addWidget(self.grouping_box)

        self.notes_check = QCheckBox(self.tr("備考（メモ）を含める(&N)"), self)
        self.notes_check.setToolTip(
            self.tr(
                "外さない限り、各対策に書いた備考も印刷されます。院外に出す報告書では外してください。"
            )
        )
        self.notes_check.setChecked(options.include_notes)
        layout.addWidget(self.notes_check)

        era_box = QGroupBox(self.tr("日付の書き方"), self)
        era_layout = QVBoxLayout(era_box)
        today = options.print_date or dt.date.today()
        self.western_radio = QRadioButton(
            self.tr("西暦（%1）(&W)").replace("%1", format_date(today, Era.WESTERN)), era_box
        )
        self.japanese_radio = QRadioButton(
            self.tr("和暦（%1）(&J)").replace("%1", format_date(today, Era.JAPANESE)), era_box
        )
        self._era_group = QButtonGroup(self)
        for radio in (self.western_radio, self.japanese_radio):
            self._era_group.addButton(radio)
            era_layout.addWidget(radio)
        layout.addWidget(era_box)

        marking_form = QFormLayout()
        self.marking_choice = QComboBox(self)
        self.marking_choice.setObjectName("reportMarking")
        self.marking_choice.setAccessibleName(self.tr("各ページに印刷する取扱区分"))
        for marking in Marking:
            self.marking_choice.addItem(self._marking_labels()[marking], marking.value)
        self.marking_choice.setCurrentIndex(list(Marking).index(options.marking))
        self.marking_choice.setToolTip(
            self.tr(
                "選んだ区分（院内限り・取扱注意）を、すべてのページの右上に枠で囲んで印刷します。"
            )
        )
        marking_label = QLabel(self.tr("取扱区分(&K):"), self)
        marking_label.setBuddy(self.marking_choice)
        marking_form.addRow(marking_label, self.marking_choice)
        layout.addLayout(marking_form)

        self.buttons = QDialogButtonBox(self)
        self.preview_button = self.buttons.addButton(
            self.tr("作成してプレビュー(&P)"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.preview_button.setObjectName("reportPreviewButton")
        self.preview_button.setDefault(True)
        cancel = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText(self.tr("キャンセル"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.hint = QLabel(self)
        self.hint.setObjectName("reportDialogHint")
        self.hint.setWordWrap(True)
        self.scroller.setWidget(content)
        outer.addWidget(self.scroller, 1)
        outer.addWidget(self.hint)
        outer.addWidget(self.buttons)

        self.full_radio.setChecked(options.layout is Layout.FULL)
        self.summary_radio.setChecked(options.layout is Layout.SUMMARY)
        self.by_step_radio.setChecked(options.group_by is GroupBy.STEP)
        self.by_use_case_radio.setChecked(options.group_by is GroupBy.USE_CASE)
        self.western_radio.setChecked(options.era is Era.WESTERN)
        self.japanese_radio.setChecked(options.era is Era.JAPANESE)
        self._print_date = options.print_date
        self.full_radio.toggled.connect(self._update_enabled)
        self._update_enabled()
        self._fit_to_screen(content)

    def _fit_to_screen(self, content: QWidget) -> None:
        """Tall enough to show every choice without scrolling where the screen allows."""
        outer = self.layout()
        assert outer is not None
        outer.activate()
        margins = outer.contentsMargins()
        bar = self.scroller.verticalScrollBar().sizeHint().width()
        wanted = content.sizeHint()
        width = wanted.width() + bar + margins.left() + margins.right()
        height = self.sizeHint().height() - self.scroller.sizeHint().height() + wanted.height()
        screen = (self.parentWidget() or self).screen().availableGeometry()
        self.resize(
            min(max(width, self.width()), int(screen.width() * 0.95)),
            min(height, int(screen.height() * 0.95)),
        )

    def _section_labels(self) -> dict[Section, str]:
        return {
            Section.COVER: self.tr("表紙・承認欄"),
            Section.OVERVIEW: self.tr("概要（進捗と実施率）"),
            Section.GAPS: self.tr("改善計画（未実施・一部実施）"),
            Section.DETAIL: self.tr("対策ごとの評価結果"),
            Section.NOT_APPLICABLE: self.tr("該当なしとした対策（適用宣言）"),
            Section.TOOLS: self.tr("生成AIツール台帳"),
            Section.FORMULAS: self.tr("数値の計算方法"),
            Section.SOURCES: self.tr("出典"),
        }

    def _marking_labels(self) -> dict[Marking, str]:
        return {
            Marking.NONE: self.tr("なし"),
            Marking.INTERNAL: self.tr("院内限り"),
            Marking.CONFIDENTIAL: self.tr("取扱注意"),
            Marking.BOTH: self.tr("院内限り・取扱注意"),
        }

    def _chosen_sections(self) -> frozenset[Section]:
        return frozenset(s for s, box in self.section_boxes.items() if box.isChecked())

    def _update_enabled(self) -> None:
        full = self.full_radio.isChecked()
        sections = self._chosen_sections()
        self.sections_box.setEnabled(full)
        self.grouping_box.setEnabled(full and Section.DETAIL in sections)
        # Notes are printed in the gap list and the detail (the summary has no room for them).
        self.notes_check.setEnabled(full and bool(sections & {Section.GAPS, Section.DETAIL}))
        ok = not full or bool(sections)
        self.preview_button.setEnabled(ok)
        if not ok:
            self.hint.setText(self.tr("載せる節を1つ以上選んでください。"))
        elif not full:
            self.hint.setText(
                self.tr(
                    "要約版は、施設・評価の概要、全体の進捗、リスク区分ごとの実施率と急ぐべき改善点を2ページにまとめます。"
                )
            )
        else:
            self.hint.setText("")
        self.hint.setHidden(not self.hint.text())  # no empty line above the buttons

    def options(self) -> ReportOptions:
        return ReportOptions(
            layout=Layout.FULL if self.full_radio.isChecked() else Layout.SUMMARY,
            sections=self._chosen_sections(),
            group_by=GroupBy.STEP if self.by_step_radio.isChecked() else GroupBy.USE_CASE,
            include_notes=self.notes_check.isChecked(),
            era=Era.WESTERN if self.western_radio.isChecked() else Era.JAPANESE,
            print_date=self._print_date,
            marking=Marking(self.marking_choice.currentData()),
        )
