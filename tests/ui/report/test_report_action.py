"""ファイル → 報告書を作成… (Ctrl+P) in the main window: enabled only with an assessment open."""

from __future__ import annotations

from PySide6.QtCore import Qt

from haip_desktop.ui.report import install_report_action
from haip_desktop.ui.report.report_dialog import ReportDialog


def test_menu_action_follows_the_open_assessment(qtbot, guideline_window, demo_assessment):
    window = guideline_window
    action = install_report_action(window)
    assert action in window.file_menu.actions()
    assert action.text().startswith("報告書を作成")
    assert not action.isEnabled()  # nothing open yet

    window.assessment_context.set_assessment(demo_assessment, "demo.json")
    assert action.isEnabled()
    qtbot.keyClick(window, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    dialog = window.report_flow.dialog
    assert isinstance(dialog, ReportDialog) and dialog.isVisible()
    assert demo_assessment.facility.name in dialog.findChild(object, "reportDialogHeading").text()
    dialog.reject()
    assert window.report_flow.dialog is None

    window.assessment_context.set_assessment(None)
    assert not action.isEnabled()


def test_action_sits_above_quit(guideline_window):
    action = install_report_action(guideline_window)
    actions = guideline_window.file_menu.actions()
    assert actions.index(action) < actions.index(guideline_window.quit_action)


def test_build_main_window_installs_it(qtbot):
    from haip_desktop.ui.app import build_main_window

    window = build_main_window()
    qtbot.addWidget(window)
    assert window.create_report_action in window.file_menu.actions()
