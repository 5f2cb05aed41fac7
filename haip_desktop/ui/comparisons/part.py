"""Assessments side by side and across time, in the window: ファイル → 前回の評価から新規作成…,
ツール → グループ集計…, 年度比較…, 評価を使用中のデータ版に移行…, and the offer to carry an
assessment over when it was made against other guideline data.

It works on the assessment part's document (`AssessmentPart.controller`); the views, the
dialogs and the carry-over flow are imported when first used.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QDialog

from ..shell.protocol import MenuAnchor, Shell
from ..widgets.actions import make_action
from ..widgets.dialogs import show_one

if TYPE_CHECKING:
    from ..assessment.controller import AssessmentController
    from ..assessment.part import AssessmentPart
    from .baseline_dialog import BaselineDialog
    from .carryover_flow import CarryoverFlow
    from .compare_view import CompareView
    from .group_view import GroupView


class ComparisonsPart(QObject):
    def __init__(self, shell: Shell, assessment: AssessmentPart) -> None:
        super().__init__(shell.widget)
        self.shell = shell
        self.assessment = assessment
        self._carryover: CarryoverFlow | None = None
        self.open_dialogs: dict[str, QDialog] = {}
        self.baseline_dialog: BaselineDialog | None = None

        self.baseline_action = make_action(
            self,
            self.tr("前回の評価から新規作成(&L)…"),
            self.new_from_previous,
            "Ctrl+Shift+N",
            self.tr("昨年度などの評価ファイルから、今回の評価を始める (Ctrl+Shift+N)"),
        )
        self.group_action = make_action(
            self,
            self.tr("グループ集計(&G)…"),
            self.open_group_view,
            "Ctrl+Shift+G",
            self.tr("複数の施設の評価ファイルをまとめて集計する (Ctrl+Shift+G)"),
        )
        self.compare_action = make_action(
            self,
            self.tr("年度比較(&Y)…"),
            self.open_compare_view,
            "Ctrl+Shift+Y",
            self.tr("同じ施設の二つの評価を比べる (Ctrl+Shift+Y)"),
        )
        self.migrate_action = make_action(
            self,
            self.tr("評価を使用中のデータ版に移行(&M)…"),
            lambda: self.carryover.offer(),
            tip=self.tr("開いている評価を、使用中のガイドラインデータに合わせる"),
        )
        # Right after 新規評価: both start a new assessment.
        shell.add_action(
            self.baseline_action, MenuAnchor.FILE_DOCUMENT, after=assessment.new_action
        )
        shell.add_action(self.group_action, MenuAnchor.TOOLS_COMPARE)
        shell.add_action(self.compare_action, MenuAnchor.TOOLS_COMPARE)
        shell.add_action(self.migrate_action, MenuAnchor.TOOLS_DATA)

        shell.guideline_changed.connect(self._update_actions)
        self._update_actions()
        if assessment.has_controller:
            self._controller_created(assessment.controller)
        else:
            assessment.controller_created.connect(self._controller_created)

    @property
    def controller(self) -> AssessmentController:
        return self.assessment.controller

    @property
    def carryover(self) -> CarryoverFlow:
        """The carry-over of the open assessment to the data in use (built on first use)."""
        if self._carryover is None:
            from .carryover_flow import CarryoverFlow

            self._carryover = CarryoverFlow(self.shell, self.assessment)
        return self._carryover

    def _controller_created(self, controller: AssessmentController) -> None:
        """A document can now be opened: watch it for carry-over and for the menu's state."""
        self.carryover.schedule_check()
        controller.document_changed.connect(self._update_actions)
        self._update_actions()

    def _update_actions(self) -> None:
        has_data = self.shell.guideline is not None
        for action in (self.baseline_action, self.group_action, self.compare_action):
            action.setEnabled(has_data)
        self.migrate_action.setEnabled(
            self._carryover is not None and self._carryover.needs_carryover()
        )

    # -- opening ----------------------------------------------------------------------------

    def open_group_view(self) -> GroupView | None:
        from .group_view import GroupView

        guideline = self.shell.guideline
        if guideline is None:
            return None
        view = GroupView(guideline, self.shell.widget, show_status=self.shell.show_status)
        return show_one(self.open_dialogs, "group", view)

    def open_compare_view(self) -> CompareView | None:
        from .compare_view import CompareView

        guideline = self.shell.guideline
        if guideline is None:
            return None
        view = CompareView(guideline, self.shell.widget)
        if self.controller.assessment is not None and self.controller.path is not None:
            view.set_newer_path(self.controller.path)
        return show_one(self.open_dialogs, "compare", view)

    def new_from_previous(self) -> bool:
        from .baseline_dialog import BaselineDialog

        guideline = self.shell.guideline
        if guideline is None:
            return False
        dialog = BaselineDialog(guideline, self.shell.widget)
        self.baseline_dialog = dialog
        if not dialog.choose_previous():
            return False
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.result_assessment is None:
            return False
        started = self.controller.start_document(dialog.result_assessment, dialog.who)
        if started:
            self.assessment.show_answers()
            self.shell.show_status(
                self.tr("前回の評価から新しい評価を作りました。保存してください。"), 10000
            )
        return started


def install(shell: Shell, assessment: AssessmentPart) -> ComparisonsPart:
    return ComparisonsPart(shell, assessment)
