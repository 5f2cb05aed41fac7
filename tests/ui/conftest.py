"""A main window with the bundled guideline, shown offscreen, for the UI tests."""

from __future__ import annotations

import pytest


@pytest.fixture
def guideline_window(qtbot, guideline):
    from haip_desktop.ui.main_window import MainWindow

    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    window.set_guideline(guideline)
    return window
