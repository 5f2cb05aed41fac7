"""ファイル → 質問票を作成…: whom to ask — a department (the workflow steps it works at) or a
vendor (one AI tool of the register) — before the workbook is written."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QRadioButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...assessment.questionnaire import StepChoice
from ..widgets.sizing import fit_to_screen


@dataclass(frozen=True)
class QuestionnaireChoice:
    step_ids: tuple[str, ...] = ()  # a department questionnaire
    tool_id: str = ""  # a vendor questionnaire


class QuestionnaireDialog(QDialog):
    """Choose 部署用 (steps, checked in a list) or ベンダー用 (a tool, from a list)."""

    def __init__(
        self,
        steps: list[StepChoice],
        tools: list[tuple[str, str, int]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("questionnaireDialog")
        self.setWindowTitle(self.tr("質問票を作成"))
        self.choice: QuestionnaireChoice | None = None
        layout = QVBoxLayout(self)

        intro = QLabel(
            self.tr(
                "アプリを使わない部署やベンダーに記入してもらう質問票（Excel ブック）を作ります。"
                "記入されたものは「ファイル → 回答を取り込む…」で評価に取り込めます。"
            ),
            self,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)

        self.department = QRadioButton(
            self.tr("部署用: 業務ステップの現場の手順を尋ねる(&D)"), self
        )
        self.vendor = QRadioButton(self.tr("ベンダー用: AIツールの対策を尋ねる(&V)"), self)
        group = QButtonGroup(self)
        group.addButton(self.department)
        group.addButton(self.vendor)

        layout.addWidget(self.department)
        # The steps under their flows: a ward ticks 入院 once for its eight steps.
        self.step_tree = QTreeWidget(self)
        self.step_tree.setObjectName("questionnaireSteps")
        self.step_tree.setAccessibleName(self.tr("質問票で尋ねる業務ステップ"))
        self.step_tree.setHeaderHidden(True)
        flows: dict[str, QTreeWidgetItem] = {}
        self._step_items: list[QTreeWidgetItem] = []
        for choice in steps:
            flow = flows.get(choice.flow)
            if flow is None:
                flow = flows[choice.flow] = QTreeWidgetItem(self.step_tree, [choice.flow])
                flow.setFlags(
                    flow.flags() | Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsAutoTristate
                )
                flow.setCheckState(0, Qt.CheckState.Unchecked)
                flow.setExpanded(True)
            entry = QTreeWidgetItem(
                flow,
                [
                    self.tr("%1（%2 項目）")
                    .replace("%1", choice.name or choice.label)
                    .replace("%2", str(choice.items))
                ],
            )
            entry.setData(0, Qt.ItemDataRole.UserRole, choice.step_id)
            entry.setFlags(entry.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            entry.setCheckState(0, Qt.CheckState.Unchecked)
            self._step_items.append(entry)
        layout.addWidget(self.step_tree, 1)

        layout.addWidget(self.vendor)
        self.tool_box = QComboBox(self)
        self.tool_box.setObjectName("questionnaireTool")
        self.tool_box.setAccessibleName(self.tr("質問票で尋ねるAIツール"))
        for tool_id, name, count in tools:
            self.tool_box.addItem(
                self.tr("%1（%2、%3 項目）")
                .replace("%1", name)
                .replace("%2", tool_id)
                .replace("%3", str(count)),
                tool_id,
            )
        layout.addWidget(self.tool_box)

        self.problem = QLabel(self)
        self.problem.setObjectName("questionnaireProblem")
        self.problem.setWordWrap(True)
        self.problem.hide()
        layout.addWidget(self.problem)

        buttons = QDialogButtonBox(self)
        self.write_button = buttons.addButton(
            self.tr("書き出す…"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        buttons.addButton(self.tr("キャンセル"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

        self.department.setEnabled(bool(steps))
        self.vendor.setEnabled(bool(tools))
        self.department.toggled.connect(self._follow)
        self.vendor.toggled.connect(self._follow)
        (self.department if steps else self.vendor).setChecked(True)
        self._follow()
        fit_to_screen(self, 560, 520)

    def _follow(self) -> None:
        self.step_tree.setEnabled(self.department.isChecked())
        self.tool_box.setEnabled(self.vendor.isChecked())
        self.problem.hide()

    def step_items(self) -> list[QTreeWidgetItem]:
        """The steps' rows, in the order of the flows."""
        return list(self._step_items)

    def checked_steps(self) -> list[str]:
        return [
            str(item.data(0, Qt.ItemDataRole.UserRole))
            for item in self.step_items()
            if item.checkState(0) == Qt.CheckState.Checked
        ]

    def _accept(self) -> None:
        if self.department.isChecked():
            steps = self.checked_steps()
            if not steps:
                self.problem.setText(
                    self.tr("尋ねる業務ステップに、1つ以上チェックを付けてください。")
                )
                self.problem.show()
                self.step_tree.setFocus()
                return
            self.choice = QuestionnaireChoice(step_ids=tuple(steps))
        else:
            self.choice = QuestionnaireChoice(tool_id=str(self.tool_box.currentData()))
        self.accept()
