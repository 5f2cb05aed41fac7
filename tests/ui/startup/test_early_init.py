"""The start-up safety net: an exception in a slot is shown and logged, Qt's messages and hard
crashes land in the log, and nothing needs a stderr (the windowed Windows program has none)."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication

from haip_desktop.streams import LOG_NAME
from haip_desktop.ui.startup.crash_dialog import CrashDialog
from haip_desktop.ui.startup.early_init import SafetyNet, early_init


@pytest.fixture
def safety_net(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """The safety net writing to a log file of this test's own."""
    root = logging.getLogger("haip_desktop")
    monkeypatch.setattr(root, "handlers", [])  # a log file another test attached stays apart
    level = root.level
    net = early_init(log_folder=tmp_path)
    yield net
    net.remove()
    root.setLevel(level)


class Button(QObject):
    clicked = Signal()


def _log_text(net: SafetyNet) -> str:
    for handler in logging.getLogger("haip_desktop").handlers:
        handler.flush()
    assert net.log_file is not None
    return net.log_file.read_text(encoding="utf-8")


def _crash_dialogs() -> list[CrashDialog]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, CrashDialog)]


@pytest.mark.qt_no_exception_capture
def test_an_exception_in_a_slot_shows_the_dialog_and_lands_in_the_log(qtbot, safety_net):
    def broken_slot() -> None:
        raise RuntimeError("集計の途中で失敗")

    button = Button()
    button.clicked.connect(broken_slot)
    QTimer.singleShot(0, button.clicked.emit)  # from the event loop, as a click would
    qtbot.waitUntil(lambda: bool(_crash_dialogs()))

    dialog = _crash_dialogs()[0]
    qtbot.addWidget(dialog)
    assert dialog.isVisible() and dialog.windowTitle() == "予期しないエラー"
    assert "RuntimeError: 集計の途中で失敗" in dialog.heading.text()
    assert str(safety_net.log_file) in dialog.advice.text()
    assert safety_net.log_file.name == LOG_NAME
    assert dialog.copy_button.text() == "詳細をコピー"
    dialog.copy_button.click()
    copied = QApplication.clipboard().text()
    assert "in broken_slot" in copied and "RuntimeError: 集計の途中で失敗" in copied
    assert "PySide6" in copied  # the versions, for whoever reads it

    logged = _log_text(safety_net)
    assert "CRITICAL haip_desktop.crash: Unexpected error" in logged
    assert "in broken_slot" in logged and "集計の途中で失敗" in logged

    # A second error while the dialog is open joins it instead of opening another.
    QTimer.singleShot(0, button.clicked.emit)
    qtbot.waitUntil(lambda: "このほか 1 件" in dialog.heading.text())
    assert len(_crash_dialogs()) == 1


@pytest.mark.qt_no_exception_capture
def test_without_stderr_the_error_is_still_logged_and_shown(qtbot, safety_net, monkeypatch):
    monkeypatch.setattr(sys, "stderr", None)  # as in the windowed Windows program
    button = Button()
    button.clicked.connect(lambda: 1 / 0)
    button.clicked.emit()
    assert _crash_dialogs()
    qtbot.addWidget(_crash_dialogs()[0])
    assert "ZeroDivisionError" in _log_text(safety_net)


@pytest.mark.qt_log_ignore("QPrinter: テスト用の警告")
def test_qt_messages_go_to_the_log(qtbot, safety_net):
    from PySide6.QtCore import qWarning

    qWarning("QPrinter: テスト用の警告")
    assert "WARNING haip_desktop.qt: [default] QPrinter: テスト用の警告" in _log_text(safety_net)


def test_a_hard_crash_leaves_the_python_stack_in_the_log(tmp_path):
    code = (
        "from pathlib import Path\n"
        "from haip_desktop.ui.startup.early_init import early_init\n"
        f"early_init(log_folder=Path({str(tmp_path)!r}))\n"
        "import faulthandler\n"
        "faulthandler._sigsegv()\n"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60
    )
    assert done.returncode != 0
    logged = (tmp_path / LOG_NAME).read_text(encoding="utf-8")
    assert "Fatal Python error: Segmentation fault" in logged
    assert "<string>" in logged  # where it happened
    assert "Fatal Python error" not in done.stderr  # the log has it, not the console


def test_after_the_log_rotates_a_crash_goes_to_the_new_file(safety_net):
    handler = next(h for h in logging.getLogger("haip_desktop").handlers if h.baseFilename)
    handler.maxBytes = 2000
    for n in range(100):
        logging.getLogger("haip_desktop.test").info("line %d of a long log", n)
    assert Path(handler.baseFilename + ".1").exists()
    assert safety_net.fault_file is not None
    assert Path(safety_net.fault_file.name) == safety_net.log_file
    assert not safety_net.fault_file.closed
