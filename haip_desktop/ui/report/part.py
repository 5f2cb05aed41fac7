"""Reports in the window: ファイル → 報告書を作成… (Ctrl+P), enabled while an assessment is open
(the shell's assessment context). The flow (flow.py) takes it from there."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QKeySequence

from ..shell.protocol import MenuAnchor, Shell
from ..widgets.actions import make_action
from .flow import ReportFlow


class ReportPart(QObject):
    def __init__(self, shell: Shell) -> None:
        super().__init__(shell.widget)
        context = shell.assessment_context
        self.flow = ReportFlow(shell.widget, lambda: context.assessment, lambda: shell.guideline)
        self.action = make_action(
            self,
            self.tr("報告書を作成(&P)…"),
            lambda: self.flow.open_dialog(),
            QKeySequence.StandardKey.Print,
            self.tr("評価結果の報告書をプレビューし、印刷・PDF・CSV にする (Ctrl+P)"),
            name="createReportAction",
        )
        shell.add_action(self.action, MenuAnchor.FILE_OUTPUT)
        context.changed.connect(self._update)
        shell.guideline_changed.connect(self._update)
        self._update()

    def _update(self) -> None:
        self.action.setEnabled(self.flow.can_start())


def install(shell: Shell) -> ReportPart:
    return ReportPart(shell)
