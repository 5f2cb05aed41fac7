"""ファイル → 報告書を作成… (Ctrl+P) in the main window: enabled only with an assessment open."""

from __future__ import annotations

from PySide6.QtCore import Qt

from haip_desktop.ui.report.report_dialog import ReportDialog


def test_menu_action_follows_the_open_assessment(qtbot, window, parts, demo_assessment):
    action = parts.report.action
    assert action in window.file_menu.actions()
    assert action.text().startswith("報告書を作成")
    assert not action.isEnabled()  # nothing open yet

    window.assessment_context.set_assessment(demo_assessment, "demo.json")
    assert action.isEnabled()
    qtbot.keyClick(window, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    dialog = parts.report.flow.dialog
    assert isinstance(dialog, ReportDialog) and dialog.isVisible()
    heading = dialog.findChild(object, "reportDialogHeading").text()
    # The name is kept on one line (word joiners, no-break spaces: widgets/text_wrap.py).
    assert demo_assessment.facility.name in heading.replace("\u2060", "").replace("\xa0", " ")
    dialog.reject()
    assert parts.report.flow.dialog is None

    window.assessment_context.set_assessment(None)
    assert not action.isEnabled()


def test_action_sits_above_quit_after_the_document_entries(window, parts):
    entries = [a for a in window.file_menu.actions() if not a.isSeparator()]
    assert entries.index(parts.assessment.close_action) < entries.index(parts.report.action)
    assert entries.index(parts.report.action) == entries.index(window.quit_action) - 1
