"""About the guideline: editions and changes, contents, own elaboration, font licence."""

from __future__ import annotations


def test_about_dialog_shows_editions_contents_and_licence(guideline_window, guideline):
    guideline_window.about_action.trigger()
    dialog = guideline_window.about_dialog
    assert dialog.isVisible()
    text = dialog.guideline_text.toPlainText()
    assert guideline.info.title in text and guideline.info.publisher in text
    for edition in guideline.info.editions:
        assert edition.label in text
        for change in edition.changes:
            assert change in text
    contents = dialog.contents_text.toPlainText()
    assert "本アプリ独自の整理" in contents and "独自" in contents and "原文未照合" in contents
    assert str(len(guideline.countermeasures)) in contents
    licence = dialog.licence_text.toPlainText()
    assert "SIL OPEN FONT LICENSE" in licence.upper()
    assert "BIZ UD" in licence
