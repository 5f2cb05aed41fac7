"""The window with every part plugged in: what `haip-desktop` shows and what the tests drive."""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from ..parts import Parts, install_parts
from .main_window import MainWindow


class AppWindow(NamedTuple):
    window: MainWindow
    parts: Parts


def assemble_main_window(settings_path: Path | None = None) -> AppWindow:
    """The main window and its parts; `settings_path` overrides the settings file (tests)."""
    window = MainWindow(settings_path=settings_path)
    return AppWindow(window, install_parts(window))
