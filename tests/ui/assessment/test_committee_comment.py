"""総評・所見 typed in the assessment's overview: into the assessment, its history and the file."""

from __future__ import annotations

import json

from PySide6.QtWidgets import QGroupBox, QPlainTextEdit

from haip_desktop.assessment import Facility, FacilityKind, Scope

from ..conftest import type_text


def _editor(page) -> QPlainTextEdit:  # type: ignore[no-untyped-def]
    page.tabs.setCurrentWidget(page.overview_view)
    box = page.overview_view.findChild(QGroupBox, "committeeComment")
    assert box is not None and "総評・所見" in box.title()
    editor = box.findChild(QPlainTextEdit, "committeeCommentText")
    assert editor is not None and editor.isEnabled() and not editor.isReadOnly()
    return editor


def test_what_is_typed_goes_into_the_assessment_when_typing_pauses(qtbot, opened, page):
    editor = _editor(page)
    type_text(editor, "規程の周知は進んだ")
    assert opened.assessment.committee_comment == ""  # not at every key
    qtbot.waitUntil(lambda: opened.assessment.committee_comment == "規程の周知は進んだ")
    assert opened.dirty
    entries = [h for h in opened.assessment.history if h.field == "committee_comment"]
    assert len(entries) == 1 and entries[0].new == "9 文字"


def test_saving_takes_what_is_still_being_typed(qtbot, opened, page, tmp_path):
    editor = _editor(page)
    type_text(editor, "契約の確認を急ぐこと")
    path = tmp_path / "評価.haipeval"
    assert opened.save_as(path)
    assert json.loads(path.read_text("utf-8"))["committee_comment"] == "契約の確認を急ぐこと"


def test_another_document_does_not_take_the_last_ones_typing(qtbot, opened, page, prompts):
    editor = _editor(page)
    type_text(editor, "前の評価の所見")
    prompts.replies.append("discard")  # close the first without saving
    opened.create(
        Facility(name="別の病院", kind=FacilityKind.HOSPITAL),
        assessors=["佐藤"],
        scope=Scope(use_cases=["UC-01"]),
    )
    assert opened.assessment.facility.name == "別の病院"
    assert editor.toPlainText() == ""
    qtbot.wait(1000)  # longer than the typing pause
    assert opened.assessment.committee_comment == ""
