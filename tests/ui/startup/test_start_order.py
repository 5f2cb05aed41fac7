"""The order of a start: data checked on an earlier start is read before the window is first
shown, so its first paint is the start page; data still to validate is loaded after the window
has appeared; the mouse's back/forward buttons work once the window can be seen."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication

from haip_desktop.guideline import loader
from haip_desktop.guideline.packs import load_active_guideline
from haip_desktop.ui.app import build_main_window
from haip_desktop.ui.shell.navigation import Location


def test_a_later_start_has_the_start_page_before_the_window_is_shown(qtbot, monkeypatch):
    load_active_guideline()  # a first start: validated, and its snapshot written
    monkeypatch.setattr(loader, "load_guideline", lambda path=None: 1 / 0)  # never again
    window = build_main_window().window
    qtbot.addWidget(window)

    window.start()
    assert window.guideline is not None  # read from the snapshot, at once
    assert window.current_location == Location("workflow")
    assert window.pages.currentWidget() is window.page("workflow", build=False)
    window.show()
    qtbot.waitExposed(window)
    assert window.pages.currentWidget() is window.page("workflow", build=False)


def test_a_later_start_opens_the_file_once_the_window_is_there(qtbot, tmp_path: Path):
    load_active_guideline()
    opened: list[Path] = []
    window = build_main_window().window
    qtbot.addWidget(window)
    window.set_file_open_handler(opened.append)
    window.start(tmp_path / "評価.haipeval")
    assert window.guideline is not None and opened == []
    window.show()
    qtbot.waitUntil(lambda: opened == [tmp_path / "評価.haipeval"])


def test_a_first_start_shows_the_window_before_validating_the_data(qtbot):
    window = build_main_window().window
    qtbot.addWidget(window)
    window.start()
    assert window.guideline is None and window.built_pages() == []
    window.show()
    qtbot.waitUntil(lambda: window.guideline is not None)
    assert window.current_location == Location("workflow")


def test_the_mouse_back_button_works_from_the_first_show(qtbot, guideline):
    window = build_main_window().window
    qtbot.addWidget(window)
    window.set_guideline(guideline)
    window.navigate(Location("risk_matrix"))
    window.show()
    target = window.page("risk_matrix").table.viewport()
    press = QMouseEvent(
        QEvent.Type.MouseButtonPress,
        QPointF(5, 5),
        QPointF(5, 5),
        Qt.MouseButton.BackButton,
        Qt.MouseButton.BackButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(target, press)
    assert window.current_location.page == "workflow"


def test_the_application_is_drawn_in_fusion_whatever_the_system_asks():
    code = (
        "from PySide6.QtWidgets import QProxyStyle\n"
        "from haip_desktop.ui.app import create_application\n"
        "app = create_application(['haip-desktop'])\n"
        "style = app.style()\n"
        "base = style.baseStyle() if isinstance(style, QProxyStyle) else style\n"
        "print(base.name(), app.arguments()[1:])\n"
    )
    env = {**os.environ, "QT_STYLE_OVERRIDE": "windows", "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip().splitlines()[-1] == "fusion []"
