"""Choosing the scope: everything, or the use cases and workflow steps in use or planned.

The count under the tree says what the scope brings into each part: the facility's own
items, the step actions of the steps chosen, and (per tool of the register) the tools' items.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...assessment.models import AITool, Assessment, Scope
from ...assessment.parts import PARTS, Part
from ...assessment.scope import countermeasures_in_scope, items_in_scope
from ...guideline import Guideline

_KIND_ROLE = Qt.ItemDataRole.UserRole
_ID_ROLE = Qt.ItemDataRole.UserRole + 1


class ScopeEditor(QWidget):
    """A 'すべて' box, then a tree of use cases and of flows → steps to tick."""

    changed = Signal()

    def __init__(self, guideline: Guideline, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("scopeEditor")
        self._guideline = guideline
        self._tools: list[AITool] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)

        self.all_box = QCheckBox(self.tr("すべて（ガイドラインのすべての対策を評価する）"), self)
        self.all_box.setObjectName("scopeAll")
        self.all_box.setAccessibleName(self.tr("評価範囲: すべて"))
        layout.addWidget(self.all_box)

        hint = QLabel(
            self.tr(
                "使っている、または導入を予定しているユースケースと業務ステップに"
                "チェックを付けてください。スペースキーで切り替えられます。"
            ),
            self,
        )
        hint.setWordWrap(True)
        hint.setObjectName("mutedText")
        layout.addWidget(hint)

        self.tree = QTreeWidget(self)
        self.tree.setObjectName("scopeTree")
        self.tree.setAccessibleName(self.tr("評価範囲のユースケースと業務ステップ"))
        self.tree.setHeaderHidden(True)
        self.tree.setUniformRowHeights(True)
        self.use_case_root = QTreeWidgetItem(self.tree, [self.tr("ユースケース")])
        self.use_case_items: dict[str, QTreeWidgetItem] = {}
        for uc in guideline.use_cases:
            item = QTreeWidgetItem(self.use_case_root, [f"{uc.number}. {uc.name}"])
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(0, Qt.CheckState.Unchecked)
            item.setData(0, _KIND_ROLE, "use_case")
            item.setData(0, _ID_ROLE, uc.id)
            item.setToolTip(0, f"{uc.number}. {uc.name}\n{uc.summary}")  # the row may be cut
            self.use_case_items[uc.id] = item
        self.step_root = QTreeWidgetItem(self.tree, [self.tr("業務ステップ")])
        self.step_items: dict[str, QTreeWidgetItem] = {}
        for flow in guideline.flows:
            flow_item = QTreeWidgetItem(self.step_root, [flow.name])
            flow_item.setFlags(
                flow_item.flags() | Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsAutoTristate
            )
            flow_item.setCheckState(0, Qt.CheckState.Unchecked)
            for step in flow.steps:
                item = QTreeWidgetItem(flow_item, [step.name])
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(0, Qt.CheckState.Unchecked)
                item.setData(0, _KIND_ROLE, "step")
                item.setData(0, _ID_ROLE, step.id)
                item.setToolTip(0, step.description)
                self.step_items[step.id] = item
        self.use_case_root.setExpanded(True)
        self.step_root.setExpanded(True)
        layout.addWidget(self.tree, 1)

        self.count_label = QLabel(self)
        self.count_label.setObjectName("scopeCount")
        self.count_label.setWordWrap(True)
        layout.addWidget(self.count_label)

        self.all_box.toggled.connect(self._on_changed)
        self.tree.itemChanged.connect(lambda *_: self._on_changed())
        self._on_changed()

    def set_scope(self, scope: Scope, tools: Iterable[AITool] = ()) -> None:
        self._tools = list(tools)
        self.tree.blockSignals(True)
        for uc_id, item in self.use_case_items.items():
            item.setCheckState(
                0, Qt.CheckState.Checked if uc_id in scope.use_cases else Qt.CheckState.Unchecked
            )
        for step_id, item in self.step_items.items():
            item.setCheckState(
                0, Qt.CheckState.Checked if step_id in scope.steps else Qt.CheckState.Unchecked
            )
        self.tree.blockSignals(False)
        self.all_box.setChecked(scope.all)
        self._on_changed()

    def scope(self) -> Scope:
        return Scope(
            all=self.all_box.isChecked(),
            use_cases=[
                uc_id
                for uc_id, item in self.use_case_items.items()
                if item.checkState(0) == Qt.CheckState.Checked
            ],
            steps=[
                step_id
                for step_id, item in self.step_items.items()
                if item.checkState(0) == Qt.CheckState.Checked
            ],
        )

    def _probe(self) -> Assessment:
        # The core decides what is in scope; a bare assessment carries the scope and tools.
        return Assessment.model_construct(
            scope=self.scope(), tools=self._tools, answers={}, tool_answers={}
        )

    def countermeasure_count(self) -> int:
        return len(countermeasures_in_scope(self._probe(), self._guideline))

    def part_counts(self) -> dict[Part, int]:
        """How many items each part would have with this scope (and the register's tools)."""
        items = items_in_scope(self._probe(), self._guideline)
        return {part: sum(1 for i in items if i.part is part) for part in PARTS}

    def _on_changed(self) -> None:
        self.tree.setEnabled(not self.all_box.isChecked())
        count = self.countermeasure_count()
        counts = self.part_counts()
        text = self.tr("評価する項目: %1").replace(
            "%1",
            # A number stays with its 件 (no-break spaces) when the line wraps.
            "・".join(f"{self.tr(p.part_label)}\u00a0{counts[p]}\u00a0件" for p in PARTS),
        )
        if self._tools and not self.all_box.isChecked():
            text += self.tr("（AIツール台帳の業務ステップを含む）")
        if not self._tools:
            text += self.tr("。AIツールの対策は、AIツール台帳に登録したツールごとに加わります。")
        if count == 0:
            text = self.tr(
                "評価する対策がまだありません。「すべて」か、ユースケース・業務ステップを選んでください。"
            )
        self.count_label.setText(text)
        self.changed.emit()
