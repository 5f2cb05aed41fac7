"""A main window with the assessment part, and a stand-in for the questions it asks."""

from __future__ import annotations

from pathlib import Path

import pytest

from haip_desktop.assessment import Facility, FacilityKind, Scope


@pytest.fixture
def window(qtbot, guideline, prompts, tmp_path: Path):  # type: ignore[no-untyped-def]
    from haip_desktop.ui.main_window import MainWindow

    main = MainWindow(settings_path=tmp_path / "ui-settings.json")
    main.show()
    main.set_guideline(guideline)
    yield main
    # Let the window go without questions about unsaved test documents.
    controller = main.assessment_controller
    controller.dirty = False
    main.close()
    main.deleteLater()


@pytest.fixture
def controller(window):  # type: ignore[no-untyped-def]
    return window.assessment_controller


@pytest.fixture
def page(window):  # type: ignore[no-untyped-def]
    return window.page("assessment")


@pytest.fixture
def opened(window, controller):  # type: ignore[no-untyped-def]
    """A new assessment of use case 1 (unsaved), shown on the answers tab."""
    controller.create(
        Facility(name="テスト病院", kind=FacilityKind.HOSPITAL),
        assessors=["山田 花子"],
        scope=Scope(use_cases=["UC-01"]),
    )
    window.assessment_actions.show_answers()
    return controller


def when_shown(find, act, tries: int = 200) -> None:  # type: ignore[no-untyped-def]
    """Run `act(widget)` as soon as `find()` returns the modal dialog that is about to open
    (the dialog's exec() is what runs the event loop that calls this)."""
    from PySide6.QtCore import QTimer

    def attempt(left: int) -> None:
        widget = find()
        if widget is not None and widget.isVisible():
            act(widget)
        elif left:
            QTimer.singleShot(5, lambda: attempt(left - 1))

    QTimer.singleShot(0, lambda: attempt(tries))


def type_text(widget, text: str) -> None:  # type: ignore[no-untyped-def]
    """Type text (Japanese included) into the widget, key by key, as an input method delivers it.

    QTest.keyClicks only knows ASCII keys; a key event carrying the text is what a Japanese
    input method sends when a word is committed.
    """
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    widget.setFocus()
    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            event = QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, char)
            QApplication.sendEvent(widget, event)
