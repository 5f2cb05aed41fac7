"""About the guideline: editions and changes, contents, own elaboration, font licence."""

from __future__ import annotations


def test_about_dialog_shows_editions_contents_and_licence(guideline_window, guideline, parts):
    parts.guideline.about_action.trigger()
    dialog = parts.guideline.about_dialog
    assert dialog.isVisible()
    text = dialog.guideline_text.toPlainText()
    assert dialog.title.text().replace("\n", "") == guideline.info.title
    assert guideline.info.publisher in text
    for edition in guideline.info.editions:
        assert edition.label in text
        for change in edition.changes:
            assert change in text
    contents = dialog.contents_text.toPlainText().replace("\u2060", "")  # badges' joiners
    assert "本アプリ独自の整理" in contents and "独自" in contents and "原文未照合" in contents
    assert str(len(guideline.countermeasures)) in contents
    licence = dialog.licence_text.toPlainText()
    assert "SIL OPEN FONT LICENSE" in licence.upper()
    assert "BIZ UD" in licence


def test_title_breaks_only_between_words(qtbot, guideline_window, guideline, parts):
    from PySide6.QtWidgets import QApplication

    from haip_desktop.ui.widgets.text_wrap import break_units

    parts.guideline.about_action.trigger()
    dialog = parts.guideline.about_dialog
    title = dialog.title
    metrics = title.fontMetrics()
    # Wide enough: one line, fully shown.
    qtbot.waitUntil(lambda: title.text() == guideline.info.title)
    assert title.height() >= metrics.lineSpacing()
    # Narrower than the title: lines end only where a word ends, and all of them are shown.
    dialog.resize(metrics.horizontalAdvance(guideline.info.title) * 2 // 3, dialog.height())
    qtbot.waitUntil(lambda: "\n" in title.text())
    QApplication.processEvents()
    lines = title.text().split("\n")
    assert "".join(lines) == guideline.info.title
    ends, position = set(), 0
    for unit in break_units(guideline.info.title):
        position += len(unit)
        ends.add(position)
    position = 0
    for line in lines[:-1]:
        position += len(line)
        assert position in ends, lines
    assert min(len(line) for line in lines) > 1, lines
    assert title.height() >= metrics.lineSpacing() * len(lines)


def test_title_follows_a_text_size_change(qtbot, guideline_window, parts):
    parts.guideline.about_action.trigger()
    title = parts.guideline.about_dialog.title
    before = title.font().pointSizeF()
    guideline_window.set_zoom(150)
    qtbot.waitUntil(lambda: title.font().pointSizeF() > before * 1.3)
    assert title.height() >= title.fontMetrics().lineSpacing() * len(title.text().split("\n"))
