"""The date box: Tab leaves it for the next field; ← and → still move between its parts."""

from __future__ import annotations

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication, QDateTimeEdit, QLineEdit, QVBoxLayout, QWidget

from haip_desktop.ui.widgets.date_field import DateEdit


def form(qtbot):  # type: ignore[no-untyped-def]
    window = QWidget()
    layout = QVBoxLayout(window)
    before, date, after = QLineEdit(window), DateEdit(window), QLineEdit(window)
    date.setDisplayFormat("yyyy-MM-dd")
    date.setDate(QDate(2026, 3, 31))
    for widget in (before, date, after):
        layout.addWidget(widget)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    return window, before, date, after


def test_tab_leaves_the_date_at_once_and_shift_tab_comes_back(qtbot):
    _window, before, date, after = form(qtbot)
    date.setFocus()
    assert date.currentSection() == QDateTimeEdit.Section.YearSection
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert after.hasFocus()  # not the month, then the day
    qtbot.keyClick(after, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert date.hasFocus()
    qtbot.keyClick(
        QApplication.focusWidget(), Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier
    )
    assert before.hasFocus()


def test_arrow_keys_still_move_between_year_month_and_day(qtbot):
    _window, _before, date, _after = form(qtbot)
    date.setFocus()
    date.setCurrentSection(QDateTimeEdit.Section.YearSection)
    for _ in range(5):  # past 「2026-」
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Right)
    assert date.currentSection() == QDateTimeEdit.Section.MonthSection
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Up)
    assert date.date() == QDate(2026, 4, 30)


def test_the_new_assessment_dialog_uses_it(qtbot, guideline):
    from haip_desktop.ui.assessment.new_assessment_dialog import NewAssessmentDialog

    dialog = NewAssessmentDialog(guideline)
    qtbot.addWidget(dialog)
    assert isinstance(dialog.assessment_date, DateEdit)
