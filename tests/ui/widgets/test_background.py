"""The one background-task runner: results and failures arrive on the UI thread, 中止 stops the
work, and a task whose owner is closed meanwhile stops without touching it."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QObject

from haip_desktop.ui.widgets import background
from haip_desktop.ui.widgets.background import BackgroundTask, TaskControl


def test_result_and_progress_arrive_on_the_ui_thread(qtbot):
    ui_thread = threading.get_ident()
    seen: dict[str, object] = {}

    def work(control: TaskControl) -> int:
        seen["work thread"] = threading.get_ident()
        for done in range(1, 4):
            control.checked_progress(done, 3)
        return 42

    progress: list[tuple[int, int, int]] = []
    task = BackgroundTask(work, on_success=lambda result: seen.update(result=result))
    task.progress.connect(lambda d, t: progress.append((d, t, threading.get_ident())))
    with qtbot.waitSignals([task.succeeded, task.ended], timeout=5000, order="strict"):
        task.start()
        assert task.running
    assert seen["result"] == 42 and not task.running
    assert seen["work thread"] != ui_thread
    assert progress == [(1, 3, ui_thread), (2, 3, ui_thread), (3, 3, ui_thread)]


def test_a_failure_reaches_the_failure_callback_and_the_log(qtbot, caplog):
    def work(control: TaskControl) -> None:
        raise OSError("disk full")

    failures: list[Exception] = []
    task = BackgroundTask(work, name="Broken", on_failure=failures.append)
    with qtbot.waitSignal(task.ended, timeout=5000):
        task.start()
    assert isinstance(failures[0], OSError)
    assert background.describe_failure(failures[0]) == "OSError: disk full"
    assert "Broken failed" in caplog.text and "disk full" in caplog.text


def test_cancel_stops_the_work_at_its_next_check(qtbot):
    release = threading.Event()
    reached: list[int] = []

    def work(control: TaskControl) -> str:
        release.wait(5)
        for step in range(100):
            control.checked_progress(step, 100)
            reached.append(step)
        return "done"

    results: list[object] = []
    task = BackgroundTask(work, on_success=results.append)
    with qtbot.waitSignals([task.cancelled, task.ended], timeout=5000):
        task.start()
        task.cancel()
        release.set()
    assert results == [] and reached == []


def test_closing_the_owner_stops_the_work_and_drops_its_result(qtbot):
    owner = QObject()
    started, release, stopped = threading.Event(), threading.Event(), threading.Event()

    def work(control: TaskControl) -> str:
        started.set()
        release.wait(5)
        try:
            control.check()
        except background.TaskCancelled:
            stopped.set()
            raise
        return "result nobody wants"

    results: list[object] = []
    task = BackgroundTask(work, owner, on_success=results.append)
    task.start()
    assert started.wait(5)
    owner.deleteLater()  # the person closed the dialog while the work ran
    qtbot.waitUntil(lambda: not _alive(owner))
    release.set()
    assert stopped.wait(5)
    qtbot.waitUntil(lambda: not background._keeper().running, timeout=5000)
    assert results == []


def test_a_task_runs_once(qtbot):
    task = BackgroundTask(lambda control: None)
    with qtbot.waitSignal(task.ended, timeout=5000):
        task.start()
    with pytest.raises(RuntimeError):
        task.start()


def _alive(obj: QObject) -> bool:
    try:
        obj.objectName()
    except RuntimeError:
        return False
    return True
