"""A main window with issue 9's parts installed, and stand-ins for dialogs and questions."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pytest


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
    from haip_desktop.ui.shell.main_window import MainWindow

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
