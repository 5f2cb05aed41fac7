"""The guideline views in the window: their pages, the 移動 entries and toolbar buttons
(Ctrl+1 … Ctrl+4), and ヘルプ → このガイドラインについて (F1).

Each view is imported when its page is first shown.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence

from ..shell.navigation import Location
from ..shell.protocol import MenuAnchor, Shell
from ..widgets.actions import make_action

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from .about_dialog import AboutDialog


class GuidelinePart(QObject):
    def __init__(self, shell: Shell) -> None:
        super().__init__(shell.widget)
        self.shell = shell
        self.about_dialog: AboutDialog | None = None
        self._register_pages()

        def go(page: str, text: str, keys: str, tip: str) -> QAction:
            action = make_action(self, text, lambda: shell.navigate(Location(page)), keys, tip)
            shell.add_page_action(page, action, MenuAnchor.GO_GUIDELINE)
            return action

        self.go_workflow_action = go(
            "workflow", self.tr("業務フロー(&W)"), "Ctrl+1", self.tr("業務の流れから探す (Ctrl+1)")
        )
        self.go_use_cases_action = go(
            "use_case",
            self.tr("ユースケース(&U)"),
            "Ctrl+2",
            self.tr("8つのユースケースから探す (Ctrl+2)"),
        )
        self.go_risk_matrix_action = go(
            "risk_matrix",
            self.tr("リスク表(&R)"),
            "Ctrl+3",
            self.tr("リスク区分 × ユースケースの表 (Ctrl+3)"),
        )
        self.go_references_action = go(
            "references",
            self.tr("関係法令・参考資料(&L)"),
            "Ctrl+4",
            self.tr("関係する法令・通知・ガイドライン (Ctrl+4)"),
        )
        self.about_action = make_action(
            self,
            self.tr("このガイドラインについて(&A)"),
            self.show_about,
            [QKeySequence(Qt.Key.Key_F1)],
        )
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        shell.add_action(self.about_action, MenuAnchor.HELP)

    def _register_pages(self) -> None:
        shell = self.shell

        def workflow() -> QWidget:
            from .workflow_view import WorkflowView

            return WorkflowView(shell)

        def step() -> QWidget:
            from .step_view import StepView

            return StepView(shell)

        def use_case() -> QWidget:
            from .use_case_view import UseCaseView

            return UseCaseView(shell)

        def countermeasure() -> QWidget:
            from .countermeasure_view import CountermeasureView

            return CountermeasureView(shell)

        def risk_matrix() -> QWidget:
            from .risk_matrix_view import RiskMatrixView

            return RiskMatrixView(shell)

        def references() -> QWidget:
            from .reference_view import ReferenceView

            return ReferenceView(shell)

        shell.register_page("workflow", workflow, shows_guideline=True, start=True)
        shell.register_page("step", step, shows_guideline=True)
        shell.register_page("use_case", use_case, shows_guideline=True)
        shell.register_page("countermeasure", countermeasure, shows_guideline=True)
        shell.register_page("risk_matrix", risk_matrix, shows_guideline=True)
        shell.register_page("references", references, shows_guideline=True)

    def show_about(self) -> None:
        from .about_dialog import AboutDialog

        dialog = AboutDialog(self.shell.guideline, self.shell.widget)
        self.about_dialog = dialog
        dialog.open()


def install(shell: Shell) -> GuidelinePart:
    return GuidelinePart(shell)
