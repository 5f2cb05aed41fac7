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
