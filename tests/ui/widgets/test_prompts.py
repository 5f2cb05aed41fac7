"""The real question box: named buttons, Esc means the cautious choice."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from haip_desktop.ui.widgets import prompts

from ..conftest import when_shown


def _box():  # type: ignore[no-untyped-def]
    widget = QApplication.activeModalWidget()
    return widget if isinstance(widget, QMessageBox) else None


def test_unsaved_question_offers_save_discard_cancel(qtbot):
    seen: dict[str, list[str]] = {}

    def press_discard(box: QMessageBox) -> None:
        seen["buttons"] = [b.text() for b in box.buttons()]
        seen["text"] = [box.text()]
        next(b for b in box.buttons() if b.text() == "保存しない").click()

    when_shown(_box, press_discard)
    assert prompts.ask_unsaved(None, "評価.json") == "discard"
    assert sorted(seen["buttons"]) == sorted(["保存する", "保存しない", "キャンセル"])
    assert "「評価.json」には保存されていない変更があります" in seen["text"][0]


def test_escape_gives_the_cautious_answer(qtbot):
    when_shown(_box, lambda box: qtbot.keyClick(box, Qt.Key.Key_Escape))
    assert prompts.ask_unsaved(None, "評価.json") == "cancel"


def test_closing_a_never_saved_assessment_says_the_new_one_would_be_lost(
    tmp_path, window, parts, prompts
):
    from haip_desktop.assessment import Facility, FacilityKind, Scope
    from haip_desktop.assessment.scope import items_in_scope

    controller = parts.assessment.controller
    controller.create(
        Facility(name="テスト病院", kind=FacilityKind.HOSPITAL), scope=Scope(use_cases=["UC-01"])
    )
    prompts.replies = ["cancel"]
    assert not controller.close_document()
    _title, text, _keys = prompts.questions[-1]
    assert "まだ一度も保存されていません" in text
    assert "前回保存してから" not in text  # it was never saved

    # Once saved, the question is about the changes since.
    assert controller.save_as(tmp_path / "評価.haipeval")
    item = items_in_scope(controller.assessment, window.guideline)[0]
    controller.set_answer(item.countermeasure.id, note="追記")
    prompts.replies = ["cancel"]
    assert not controller.close_document()
    _title, text, _keys = prompts.questions[-1]
    assert "前回保存してからの変更は失われます" in text
