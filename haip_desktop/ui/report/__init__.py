"""Reports in the window: the options dialog, the PDF preview, printing, PDF and CSV export.

`install_report_action(window)` adds ファイル → 報告書を作成… (Ctrl+P) to the main window; it
is enabled while an assessment is open (the window's `assessment_context`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QKeySequence

from .flow import ReportFlow

if TYPE_CHECKING:
    from ..shell.main_window import MainWindow


def install_report_action(window: MainWindow) -> QAction:
    """Add 報告書を作成… to the file menu (before its last group, e.g. 終了)."""
    flow = ReportFlow(
        window, lambda: window.assessment_context.assessment, lambda: window.guideline
    )
    action = QAction(QCoreApplication.translate("ReportFlow", "報告書を作成(&P)…"), window)
    action.setObjectName("createReportAction")
    action.setShortcut(QKeySequence(QKeySequence.StandardKey.Print))
    tip = QCoreApplication.translate(
        "ReportFlow", "評価結果の報告書をプレビューし、印刷・PDF・CSV にする (Ctrl+P)"
    )
    action.setStatusTip(tip)
    action.setToolTip(tip)
    action.triggered.connect(lambda _=False: flow.open_dialog())
    window.addAction(action)  # the shortcut works even with the menu bar hidden

    menu = window.file_menu
    separators = [a for a in menu.actions() if a.isSeparator()]
    before = separators[-1] if separators else None
    menu.insertAction(before, action)
    if before is not None and menu.actions().index(action) > 0:
        menu.insertSeparator(action)

    def update() -> None:
        action.setEnabled(flow.can_start())

    window.assessment_context.changed.connect(update)
    window.guideline_changed.connect(update)
    update()
    window.report_flow = flow  # type: ignore[attr-defined]
    window.create_report_action = action  # type: ignore[attr-defined]
    return action


__all__ = ["ReportFlow", "install_report_action"]
