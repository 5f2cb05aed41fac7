"""The register of generative-AI tools in use or planned; their workflow steps widen the scope.

The tab scrolls as one page: the table is as tall as its rows and wraps its text to the width,
the selected tool's form follows below it, with the workflow steps beside the fields on a wide
window and below them on a narrow one (or at a large text size). Nothing is cut off.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QBoxLayout,
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...assessment import EditError
from ...assessment.editing import written_tool_answers
from ...assessment.models import AITool, Approval, Deployment, PatientData
from ...guideline import Guideline
from ..widgets import prompts
from ..widgets.table_items import column_header
from .assessment_style import NOTICE_BACKGROUND, NOTICE_INK
from .table_fit import RefitOnResize, share_columns

if TYPE_CHECKING:
    from .controller import AssessmentController

ID_ROLE = Qt.ItemDataRole.UserRole

# Columns that share the width left by the short ones (設置, 患者を特定できる情報, 承認),
# by weight: 名称, ベンダー, 責任者, 使う業務ステップ.
_SHARED_COLUMNS = {0: 3, 1: 3, 5: 2, 6: 4}
_SHORT_COLUMNS = (2, 3, 4)
_MIN_COLUMN_CHARS = 5  # a shared column is never narrower than this many characters
_SIDE_BY_SIDE_CHARS = 64  # the steps sit beside the fields when the page is this wide


class ToolRegisterView(QWidget):
    """Table of tools above, the selected tool's form below."""

    def __init__(self, controller: AssessmentController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("toolRegisterView")
        self.controller = controller
        self._guideline: Guideline | None = None
        self._loading = False
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        # One scroll for the whole tab: at a large text size the page gets longer, never cut.
        self.scroll_area = QScrollArea(self)
        self.scroll_area.setObjectName("toolRegisterScroll")
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        body = QWidget(self.scroll_area)
        body.setObjectName("toolRegisterBody")
        self.scroll_area.setWidget(body)
        outer.addWidget(self.scroll_area)
        self.body = body
        layout = QVBoxLayout(body)
        layout.setContentsMargins(16, 12, 16, 12)

        intro = QLabel(
            self.tr(
                "施設で使っている、または導入を予定している生成AIツールを登録します。"
                "ツールを使う業務ステップに関係する対策が、評価の対象に加わります"
                "（「利用禁止」のツールは除きます）。"
            ),
            body,
        )
        intro.setWordWrap(True)
        intro.setObjectName("mutedText")
        layout.addWidget(intro)

        buttons = QHBoxLayout()
        self.add_button = QPushButton(self.tr("ツールを追加(&A)"), body)
        self.add_button.setObjectName("addTool")
        self.remove_button = QPushButton(self.tr("選んだツールを削除"), body)
        self.remove_button.setObjectName("removeTool")
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)

        self.table = QTableWidget(0, 7, body)
        self.table.setObjectName("toolTable")
        self.table.setAccessibleName(self.tr("生成AIツールの台帳"))
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("名称"),
                self.tr("ベンダー"),
                self.tr("設置"),
                self.tr("患者を特定\nできる情報"),
                self.tr("承認"),
                self.tr("責任者"),
                self.tr("使う業務ステップ"),
            ]
        )
        column_header(self.table, 3).setToolTip(self.tr("患者を特定できる情報を入力するか"))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(True)
        self.table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(True)
        for column in range(7):
            mode = (
                QHeaderView.ResizeMode.ResizeToContents
                if column in _SHORT_COLUMNS
                else QHeaderView.ResizeMode.Interactive
            )
            header.setSectionResizeMode(column, mode)
        layout.addWidget(self.table)

        form_host = QWidget(body)
        form_host.setObjectName("toolForm")
        self.form_row = QBoxLayout(QBoxLayout.Direction.LeftToRight, form_host)
        self.form_row.setContentsMargins(0, 8, 0, 0)
        self.form_row.setSpacing(16)
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.name = QLineEdit(form_host)
        self.name.setObjectName("toolName")
        self.name.setAccessibleName(self.tr("ツールの名称"))
        form.addRow(self.tr("名称(&N)"), self.name)
        self.vendor = QLineEdit(form_host)
        self.vendor.setObjectName("toolVendor")
        self.vendor.setAccessibleName(self.tr("ベンダー"))
        form.addRow(self.tr("ベンダー(&B)"), self.vendor)
        self.deployment = self._combo("toolDeployment", self.tr("設置"), Deployment)
        form.addRow(self.tr("設置(&D)"), self.deployment)
        self.patient_data = self._combo(
            "toolPatientData", self.tr("患者を特定できる情報を入力するか"), PatientData
        )
        form.addRow(self.tr("患者を特定できる情報(&P)"), self.patient_data)
        self.approval = self._combo("toolApproval", self.tr("承認の状況"), Approval)
        form.addRow(self.tr("承認(&R)"), self.approval)
        self.owner = QLineEdit(form_host)
        self.owner.setObjectName("toolOwner")
        self.owner.setAccessibleName(self.tr("責任者"))
        form.addRow(self.tr("責任者(&O)"), self.owner)
        self.note = QLineEdit(form_host)
        self.note.setObjectName("toolNote")
        self.note.setAccessibleName(self.tr("ツールのメモ"))
        form.addRow(self.tr("メモ(&M)"), self.note)
        fields = QVBoxLayout()
        fields.addLayout(form)
        fields.addStretch(1)  # the fields stay together at the top
        self.form_row.addLayout(fields, 1)

        steps_box = QVBoxLayout()
        steps_label = QLabel(self.tr("使う業務ステップ(&S)（スペースで選択）"), form_host)
        steps_label.setWordWrap(True)
        steps_label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.steps = QListWidget(form_host)
        self.steps.setObjectName("toolSteps")
        self.steps.setAccessibleName(self.tr("ツールを使う業務ステップ"))
        steps_label.setBuddy(self.steps)
        steps_box.addWidget(steps_label)
        steps_box.addWidget(self.steps, 1)
        self.form_row.addLayout(steps_box, 1)
        layout.addWidget(form_host, 1)
        self.form_host = form_host
        self._fit_to_text_size()
        RefitOnResize(self, self.table.viewport(), self._fit, self._fit_to_text_size)

        self.add_button.clicked.connect(self.add_tool)
        self.remove_button.clicked.connect(self.remove_selected)
        self.table.currentCellChanged.connect(lambda *_: self._show_selected())
        for edit, field in [
            (self.name, "name"),
            (self.vendor, "vendor"),
            (self.owner, "owner"),
            (self.note, "note"),
        ]:
            edit.editingFinished.connect(
                lambda e=edit, f=field: self._change(**{f: e.text().strip()})
            )
        for combo, field in [
            (self.deployment, "deployment"),
            (self.patient_data, "patient_data"),
            (self.approval, "approval"),
        ]:
            combo.currentIndexChanged.connect(
                lambda _i, c=combo, f=field: self._change(**{f: c.currentData()})
            )
        self.steps.itemChanged.connect(lambda _item: self._change(steps=self._checked_steps()))
        controller.about_to_save.connect(self.commit_typing)

    def commit_typing(self) -> None:
        """Text fields are taken when left (Enter, Tab); saving takes them too."""
        if self._selected_tool() is None:
            return
        changes = {
            field: edit.text().strip()
            for edit, field in [
                (self.name, "name"),
                (self.vendor, "vendor"),
                (self.owner, "owner"),
                (self.note, "note"),
            ]
        }
        self._change(**changes)

    def _combo(self, name: str, accessible: str, enum: Any) -> QComboBox:
        combo = QComboBox(self)
        combo.setObjectName(name)
        combo.setAccessibleName(accessible)
        for value in enum:
            combo.addItem(self.tr(value.label), value)
        return combo

    # -- fitting the page to its width and the text size -------------------------------------

    def _fit_to_text_size(self) -> None:
        self.steps.setMinimumHeight(10 * self.fontMetrics().height())

    def _fit(self) -> None:
        char = self.fontMetrics().horizontalAdvance("あ")
        width = self.scroll_area.viewport().width()
        wide = width >= _SIDE_BY_SIDE_CHARS * char
        direction = QBoxLayout.Direction.LeftToRight if wide else QBoxLayout.Direction.TopToBottom
        if self.form_row.direction() != direction:
            self.form_row.setDirection(direction)
        self._fit_table()

    def _fit_table(self) -> None:
        """Share the width among the long columns, wrap their text, show every row whole."""
        table = self.table
        header = table.horizontalHeader()
        available = table.viewport().width()
        if available <= 0:
            return
        short = sum(header.sectionSize(c) for c in _SHORT_COLUMNS)
        minimum = _MIN_COLUMN_CHARS * self.fontMetrics().horizontalAdvance("あ")
        share_columns(table, _SHARED_COLUMNS, max(0, available - short), minimum)
        height = header.height() + 2 * table.frameWidth()
        height += sum(table.rowHeight(r) for r in range(table.rowCount()))
        if table.rowCount() == 0:
            height += table.verticalHeader().defaultSectionSize()
        if table.horizontalScrollBar().isVisible():
            height += table.horizontalScrollBar().height()
        table.setFixedHeight(height)

    # -- showing -----------------------------------------------------------------------------

    def show_assessment(self, guideline: Guideline | None) -> None:
        self._loading = True
        if guideline is not self._guideline:
            self._guideline = guideline
            self.steps.clear()
            paths = (
                [(s.id, guideline.step_path(s.id)) for s in guideline.steps] if guideline else []
            )
            for step_id, path in paths:
                item = QListWidgetItem(path, self.steps)
                item.setData(ID_ROLE, step_id)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Unchecked)
        self._loading = False
        self._fill_table()

    def _tools(self) -> list[AITool]:
        assessment = self.controller.assessment
        return list(assessment.tools) if assessment is not None else []

    def _fill_table(self, select: str | None = None) -> None:
        current = select or self._selected_id()
        self._loading = True
        tools = self._tools()
        self.table.setRowCount(len(tools))
        step_names = {}
        if self._guideline is not None:
            step_names = {s.id: s.name for s in self._guideline.steps}
        for row, tool in enumerate(tools):
            values = [
                tool.name,
                tool.vendor,
                self.tr(tool.deployment.label),
                self.tr(tool.patient_data.label),
                self.tr(tool.approval.label),
                tool.owner,
                "、".join(step_names.get(s, s) for s in tool.steps),
            ]
            for column, text in enumerate(values):
                cell = QTableWidgetItem(text)
                cell.setData(ID_ROLE, tool.id)
                if column == 3 and tool.patient_data is PatientData.YES:
                    # Patient-identifiable data goes in: the risk people should see first.
                    cell.setBackground(QBrush(QColor(NOTICE_BACKGROUND)))
                    cell.setForeground(QBrush(QColor(NOTICE_INK)))
                self.table.setItem(row, column, cell)
        self._loading = False
        ids = [t.id for t in tools]
        if ids:
            self.table.selectRow(ids.index(current) if current in ids else 0)
        self._fit_table()
        self._show_selected()

    def _selected_id(self) -> str:
        row = self.table.currentRow()
        cell = self.table.item(row, 0) if row >= 0 else None
        return cell.data(ID_ROLE) if cell is not None else ""

    def _selected_tool(self) -> AITool | None:
        tool_id = self._selected_id()
        return next((t for t in self._tools() if t.id == tool_id), None)

    def _show_selected(self) -> None:
        if self._loading:
            return
        tool = self._selected_tool()
        editable = self.controller.can_edit
        self.form_host.setEnabled(tool is not None)
        self.remove_button.setEnabled(tool is not None and editable)
        self.add_button.setEnabled(editable)
        self._loading = True
        try:
            self.name.setText(tool.name if tool else "")
            self.vendor.setText(tool.vendor if tool else "")
            self.owner.setText(tool.owner if tool else "")
            self.note.setText(tool.note if tool else "")
            for combo, value in [
                (self.deployment, tool.deployment if tool else Deployment.UNKNOWN),
                (self.patient_data, tool.patient_data if tool else PatientData.UNKNOWN),
                (self.approval, tool.approval if tool else Approval.PLANNED),
            ]:
                combo.setCurrentIndex(max(0, combo.findData(value)))
            chosen = set(tool.steps) if tool else set()
            for i in range(self.steps.count()):
                item = self.steps.item(i)
                item.setCheckState(
                    Qt.CheckState.Checked
                    if item.data(ID_ROLE) in chosen
                    else Qt.CheckState.Unchecked
                )
        finally:
            self._loading = False
        for field in (self.name, self.vendor, self.owner, self.note):
            field.setReadOnly(not editable)
        for choice in (self.deployment, self.patient_data, self.approval, self.steps):
            choice.setEnabled(editable)

    def _checked_steps(self) -> list[str]:
        return [
            self.steps.item(i).data(ID_ROLE)
            for i in range(self.steps.count())
            if self.steps.item(i).checkState() == Qt.CheckState.Checked
        ]

    # -- editing -----------------------------------------------------------------------------

    def add_tool(self) -> None:
        if not self.controller.can_edit:
            return
        tool = self.controller.add_tool(self.tr("新しいツール"))
        self._fill_table(select=tool.id)
        self.name.setFocus(Qt.FocusReason.OtherFocusReason)
        self.name.selectAll()

    def remove_selected(self) -> None:
        tool = self._selected_tool()
        if tool is None or not self.controller.can_edit:
            return
        choice = prompts.ask(
            self,
            self.tr("ツールの削除"),
            self.tr("「%1」を台帳から削除しますか？").replace("%1", tool.name),
            [
                ("remove", self.tr("削除する"), QMessageBox.ButtonRole.DestructiveRole),
                ("cancel", self.tr("キャンセル"), QMessageBox.ButtonRole.RejectRole),
            ],
            "cancel",
            detail=self._removal_detail(tool.id),
        )
        if choice == "remove":
            self.controller.remove_tool(tool.id)
            self._fill_table()

    def _removal_detail(self, tool_id: str) -> str:
        """What removing the tool takes with it, said before it is done (there is no undo)."""
        assessment = self.controller.assessment
        answered = written_tool_answers(assessment, tool_id) if assessment else 0
        detail = self.tr("このツールの業務ステップから加わっていた対策は、評価の対象から外れます。")
        if answered:
            detail += self.tr(
                "このツールについての回答 %1 件も削除されます"
                "（保存済みの以前の版は .haip-backup フォルダに残ります）。"
            ).replace("%1", str(answered))
        return detail

    def _change(self, **changes: Any) -> None:
        if self._loading or not self.controller.can_edit:
            return
        tool = self._selected_tool()
        if tool is None:
            return
        if all(getattr(tool, k) == v for k, v in changes.items()):
            return
        try:
            self.controller.update_tool(tool.id, **changes)
        except EditError as exc:
            prompts.show_error(self, self.tr("ツールの登録"), str(exc))
            self._show_selected()
            return
        self._fill_table(select=tool.id)
