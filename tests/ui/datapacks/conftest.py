"""A main window with issue 9's parts installed, and stand-ins for dialogs and questions."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pytest


@dataclass
class Prompts:
    """What the window asked or told the person, and the answers it will get."""

    replies: list[str] = field(default_factory=list)
    questions: list[tuple[str, str]] = field(default_factory=list)
    errors: list[tuple[str, str]] = field(default_factory=list)

    def ask(self, parent, title, text, choices, default, *, detail="", icon=None) -> str:  # type: ignore[no-untyped-def]
        keys = [key for key, _label, _role in choices]
        self.questions.append((title, text + ("\n" + detail if detail else "")))
        if not self.replies:
            raise AssertionError(f"unexpected question: {title}: {text}")
        reply = self.replies.pop(0)
        assert reply in keys, f"{reply!r} is not one of {keys}"
        return reply

    def show_error(self, parent, title, text) -> None:  # type: ignore[no-untyped-def]
        self.errors.append((title, text))


@pytest.fixture
def prompts(monkeypatch: pytest.MonkeyPatch) -> Prompts:
    from haip_desktop.ui.assessment import prompts as module

    recorder = Prompts()
    monkeypatch.setattr(module, "ask", recorder.ask)
    monkeypatch.setattr(module, "show_error", recorder.show_error)
    return recorder


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
def window(qtbot, guideline, prompts, tmp_path: Path):  # type: ignore[no-untyped-def]
    from haip_desktop.ui.datapacks import install_guideline_updates
    from haip_desktop.ui.main_window import MainWindow

    main = MainWindow(settings_path=tmp_path / "ui-settings.json")
    install_guideline_updates(main)
    main.show()
    main.set_guideline(guideline)
    yield main
    for dialog in list(main.guideline_update_actions.open_dialogs.values()):
        dialog.close()
    main.assessment_controller.dirty = False
    main.close()
    main.deleteLater()


@pytest.fixture
def actions(window):  # type: ignore[no-untyped-def]
    return window.guideline_update_actions
