"""The window people use (every part installed), shown offscreen with the bundled guideline;
the questions it asks and the files it asks for, answered by the test."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pytest

from haip_desktop.ui.startup.binding_workarounds import apply_binding_workarounds, drop_kept_sources

# What create_application's start-up sequence does before the first window: the suite makes
# Qt calls by the hundred thousand (PySide6 6.12.0 on Python 3.11 would exhaust None).
drop_kept_sources()
apply_binding_workarounds()


@dataclass
class Prompts:
    """What the window asked or told the person, and the answers it will get."""

    replies: list[str] = field(default_factory=list)
    questions: list[tuple[str, str, list[str]]] = field(default_factory=list)
    errors: list[tuple[str, str]] = field(default_factory=list)

    def ask(self, parent, title, text, choices, default, *, detail="", icon=None) -> str:  # type: ignore[no-untyped-def]
        keys = [key for key, _label, _role in choices]
        self.questions.append((title, text + ("\n" + detail if detail else ""), keys))
        if not self.replies:
            raise AssertionError(f"unexpected question: {title}: {text}")
        reply = self.replies.pop(0)
        assert reply in keys, f"{reply!r} is not one of {keys}"
        return reply

    def show_error(self, parent, title, text) -> None:  # type: ignore[no-untyped-def]
        self.errors.append((title, text))


@pytest.fixture
def prompts(monkeypatch: pytest.MonkeyPatch) -> Prompts:
    """Questions and error boxes of the window, recorded instead of shown."""
    from haip_desktop.ui.widgets import prompts as module

    recorder = Prompts()
    monkeypatch.setattr(module, "ask", recorder.ask)
    monkeypatch.setattr(module, "show_error", recorder.show_error)
    return recorder


# -- the window with every part ----------------------------------------------------------


@dataclass
class FileDialogs:
    """Answers for QFileDialog's static functions, in order; what was asked."""

    open_files: list[Path | list[Path] | None] = field(default_factory=list)
    save_files: list[Path | None] = field(default_factory=list)
    folders: list[Path | None] = field(default_factory=list)
    asked: list[tuple[str, str]] = field(default_factory=list)  # (title, suggested path)


@pytest.fixture
def file_dialogs(monkeypatch: pytest.MonkeyPatch) -> FileDialogs:
    from PySide6.QtWidgets import QFileDialog

    answers = FileDialogs()

    def get_open(parent, title="", folder="", filters="", *args, **kwargs):  # type: ignore[no-untyped-def]
        answers.asked.append((title, folder))
        chosen = answers.open_files.pop(0)
        return (str(chosen) if chosen else "", "")

    def get_opens(parent, title="", folder="", filters="", *args, **kwargs):  # type: ignore[no-untyped-def]
        answers.asked.append((title, folder))
        chosen = answers.open_files.pop(0) or []
        return ([str(p) for p in chosen], "")  # type: ignore[union-attr]

    def get_save(parent, title="", suggested="", filters="", *args, **kwargs):  # type: ignore[no-untyped-def]
        answers.asked.append((title, suggested))
        chosen = answers.save_files.pop(0)
        return (str(chosen) if chosen else "", "")

    def get_folder(parent, title="", folder="", *args, **kwargs):  # type: ignore[no-untyped-def]
        answers.asked.append((title, folder))
        chosen = answers.folders.pop(0)
        return str(chosen) if chosen else ""

    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(get_open))
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", staticmethod(get_opens))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(get_save))
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", staticmethod(get_folder))
    return answers


@pytest.fixture
def app_window(qtbot, guideline, prompts):  # type: ignore[no-untyped-def]
    """`build_main_window()` as `haip-desktop` calls it, with the guideline loaded."""
    from haip_desktop.ui.app import build_main_window

    built = build_main_window()
    main, parts = built
    main.show()
    main.set_guideline(guideline)
    yield built
    for dialogs in (parts.updates.open_dialogs, parts.comparisons.open_dialogs):
        for dialog in list(dialogs.values()):
            dialog.close()
    if parts.assessment.has_controller:
        # Let the window go without questions about unsaved test documents.
        parts.assessment.controller.dirty = False
    main.close()
    main.deleteLater()


@pytest.fixture
def window(app_window):  # type: ignore[no-untyped-def]
    return app_window.window


@pytest.fixture
def parts(app_window):  # type: ignore[no-untyped-def]
    return app_window.parts


@pytest.fixture
def guideline_window(window):  # type: ignore[no-untyped-def]
    return window


# -- helpers for tests that drive dialogs and type text ------------------------------------


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
