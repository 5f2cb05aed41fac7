"""The options dialog: what a person can choose, and what the report is then asked for."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt

from haip_desktop.report import (
    ALL_SECTIONS,
    Era,
    GroupBy,
    Layout,
    Marking,
    ReportOptions,
    Section,
)
from haip_desktop.ui.report.report_dialog import ReportDialog


def click(qtbot, button) -> None:
    """Click a check box or radio button on its box, as a person would."""
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton, pos=QPoint(8, button.height() // 2))


def test_defaults_are_the_full_report_with_every_section(qtbot):
    dialog = ReportDialog(ReportOptions(), "みどり台総合病院")
    qtbot.addWidget(dialog)
    assert dialog.full_radio.isChecked()
    assert all(box.isChecked() for box in dialog.section_boxes.values())
    assert dialog.options() == ReportOptions()
    assert dialog.options().sections == ALL_SECTIONS


def test_choices_become_report_options(qtbot):
    dialog = ReportDialog(ReportOptions(), "みどり台総合病院")
    qtbot.addWidget(dialog)
    dialog.show()
    click(qtbot, dialog.section_boxes[Section.DETAIL])
    click(qtbot, dialog.japanese_radio)
    click(qtbot, dialog.notes_check)
    options = dialog.options()
    assert Section.DETAIL not in options.sections
    assert options.era is Era.JAPANESE
    assert options.include_notes is False
    assert options.layout is Layout.FULL
    # Without the detail section there is nothing to group.
    assert not dialog.grouping_box.isEnabled()


def test_grouping_by_use_case(qtbot):
    dialog = ReportDialog(ReportOptions(), "")
    qtbot.addWidget(dialog)
    dialog.show()
    click(qtbot, dialog.by_use_case_radio)
    assert dialog.options().group_by is GroupBy.USE_CASE


def test_summary_layout_disables_section_choice(qtbot):
    dialog = ReportDialog(ReportOptions(), "")
    qtbot.addWidget(dialog)
    dialog.show()
    click(qtbot, dialog.summary_radio)
    assert dialog.options().layout is Layout.SUMMARY
    assert not dialog.sections_box.isEnabled()
    assert not dialog.notes_check.isEnabled()  # the summary prints no notes
    assert "2ページ" in dialog.hint.text()


def test_no_section_chosen_cannot_be_made(qtbot):
    dialog = ReportDialog(ReportOptions(), "")
    qtbot.addWidget(dialog)
    dialog.show()
    for box in dialog.section_boxes.values():
        box.setChecked(False)
    assert not dialog.preview_button.isEnabled()
    assert "1つ以上" in dialog.hint.text()
    dialog.section_boxes[Section.GAPS].setChecked(True)
    assert dialog.preview_button.isEnabled()


def test_dialog_starts_from_the_last_choices(qtbot):
    last = ReportOptions(
        layout="summary",
        sections={Section.COVER},
        group_by="use_case",
        era="japanese",
        include_notes=False,
        marking="confidential",
    )
    dialog = ReportDialog(last, "")
    qtbot.addWidget(dialog)
    assert dialog.options() == last


def test_era_choices_show_todays_date_both_ways(qtbot):
    import datetime as dt

    dialog = ReportDialog(ReportOptions(print_date=dt.date(2026, 11, 25)), "")
    qtbot.addWidget(dialog)
    assert "2026年11月25日" in dialog.western_radio.text()
    assert "令和8年11月25日" in dialog.japanese_radio.text()


def test_the_handling_mark_is_chosen_by_keyboard(qtbot):
    dialog = ReportDialog(ReportOptions(), "")
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.options().marking is Marking.NONE
    assert dialog.marking_choice.currentText() == "なし"
    dialog.marking_choice.setFocus()
    qtbot.keyClick(dialog.marking_choice, Qt.Key.Key_Down)
    assert dialog.marking_choice.currentText() == "院内限り"
    assert dialog.options().marking is Marking.INTERNAL
