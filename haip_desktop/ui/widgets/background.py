"""The one way to run long work off the UI thread (making a report, printing, counting many
assessment files): progress, 中止, and the result or the failure delivered on the UI thread.

    def count(control: TaskControl) -> GroupSummary:
        return load_group(paths, guideline, progress=control.checked_progress)

    BackgroundTask(count, owner, on_success=show, on_failure=explain).start()

The work runs in its own QThread and gets a `TaskControl`: `control.progress(done, total)`
reports progress, `control.check()` raises `TaskCancelled` once 中止 was pressed (the work
stops there), and `control.checked_progress` does both.
Exactly one of `succeeded`, `failed` or `cancelled` is emitted (and the matching callback
called), then `ended`; all on the thread that made the task.

The thread does not belong to the owner: if the owner (a dialog the person closed) is deleted
while the work runs, the work is told to stop and its result is dropped, and the thread ends
on its own. When the application quits, running work is cancelled and waited for.

Short work done on the spot only shows the wait cursor (busy.py).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, QThread, Signal, Slot

log = logging.getLogger(__name__)


class TaskCancelled(Exception):
    """Raised inside the work when the person pressed 中止."""


class TaskControl:
    """Handed to the work, in the worker thread: progress out, 中止 in."""

    def __init__(self, report: Callable[[int, int], None], cancel: threading.Event) -> None:
        self._report = report
        self._cancel = cancel

    @property
    def cancel_requested(self) -> bool:
        return self._cancel.is_set()

    def check(self) -> None:
        """Stop here (raise TaskCancelled) if 中止 was pressed."""
        if self._cancel.is_set():
            raise TaskCancelled

    def progress(self, done: int, total: int) -> None:
        """Report progress (delivered to the UI thread, queued)."""
        self._report(done, total)

    def checked_progress(self, done: int, total: int) -> None:
        """Stop here if 中止 was pressed, else report progress: a core function's callback."""
        self.check()
        self._report(done, total)


Work = Callable[[TaskControl], Any]


class _Worker(QObject):
    """Lives in the worker thread and runs the work there once."""

    progress = Signal(int, int)
    done = Signal(object)
    failed = Signal(object)  # the exception
    cancelled = Signal()

    def __init__(self, work: Work, name: str) -> None:
        super().__init__()
        self._work = work
        self._name = name
        self.cancel_event = threading.Event()

    @Slot()
    def run(self) -> None:
        control = TaskControl(self.progress.emit, self.cancel_event)
        try:
            result = self._work(control)
        except TaskCancelled:
            log.info("%s cancelled", self._name)
            self.cancelled.emit()
            return
        except Exception as exc:  # noqa: BLE001 - reported to the person, details to the log
            log.exception("%s failed", self._name)
            self.failed.emit(exc)
            return
        self.done.emit(result)


class _Threads(QObject):
    """Keeps each worker and its thread alive until the thread has ended (in the UI thread)."""

    def __init__(self) -> None:
        super().__init__()
        self.running: dict[QThread, _Worker] = {}
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.stop_all)

    def add(self, thread: QThread, worker: _Worker) -> None:
        self.running[thread] = worker
        thread.finished.connect(self._finished)  # queued: this object lives in the UI thread

    @Slot()
    def _finished(self) -> None:
        for thread in [t for t in self.running if t.isFinished()]:
            thread.wait()
            del self.running[thread]  # the task (if it still exists) holds its own references

    def stop_all(self) -> None:
        """The application is quitting: cancel every work and wait for its thread."""
        for thread, worker in list(self.running.items()):
            worker.cancel_event.set()
            thread.quit()
            thread.wait()
        self._finished()


_threads: _Threads | None = None


def _keeper() -> _Threads:
    global _threads
    if _threads is None:
        _threads = _Threads()
    return _threads


class BackgroundTask(QObject):
    """Work in its own thread, with progress, 中止, and the result on this thread."""

    progress = Signal(int, int)  # done, total
    succeeded = Signal(object)  # the work's result
    failed = Signal(object)  # the exception (logged with its traceback already)
    cancelled = Signal()
    ended = Signal()

    def __init__(
        self,
        work: Work,
        owner: QObject | None = None,
        *,
        name: str = "",
        on_success: Callable[[Any], object] | None = None,
        on_failure: Callable[[Exception], object] | None = None,
    ) -> None:
        super().__init__(owner)
        self.name = name or type(self).__name__
        self._worker = _Worker(work, self.name)
        self._thread = QThread()  # no parent: it may outlive the owner by a moment
        self._thread.setObjectName(self.name)
        self._worker.moveToThread(self._thread)
        self._thread.started.connect(self._worker.run)
        # The thread stops itself when the work ends, whether or not this task still exists
        # (called in the worker thread; QThread.quit is thread-safe).
        for signal in (self._worker.done, self._worker.failed, self._worker.cancelled):
            signal.connect(self._thread.quit, Qt.ConnectionType.DirectConnection)
        self._worker.progress.connect(self.progress)
        self._worker.done.connect(self._on_done)
        self._worker.failed.connect(self._on_failed)
        self._worker.cancelled.connect(self._on_cancelled)
        if on_success is not None:
            self.succeeded.connect(on_success)
        if on_failure is not None:
            self.failed.connect(on_failure)
        if owner is not None:
            cancel = self._worker.cancel_event
            # A plain function, run at once while the owner is being deleted: stop the work.
            owner.destroyed.connect(lambda *_: cancel.set())
        self._running = False
        self._started = False

    @property
    def running(self) -> bool:
        return self._running

    def start(self) -> None:
        """Start the work (once)."""
        if self._started:
            raise RuntimeError(f"{self.name} was already started")
        self._started = True
        self._running = True
        _keeper().add(self._thread, self._worker)
        self._thread.start()

    def cancel(self) -> None:
        """Ask the work to stop at its next progress report (thread-safe)."""
        self._worker.cancel_event.set()

    def stop(self) -> None:
        """Cancel and wait for the thread (the window is closing)."""
        if self._running:
            self.cancel()
        if self._started:
            self._thread.wait()

    def _stopped(self) -> None:
        # The thread has quit (or is about to): wait for it, so that whatever the work used
        # (a printer) is free again when the result is announced.
        self._running = False
        self._thread.wait()

    def _on_done(self, result: object) -> None:
        self._stopped()
        self.succeeded.emit(result)
        self.ended.emit()

    def _on_failed(self, exc: Exception) -> None:
        self._stopped()
        self.failed.emit(exc)
        self.ended.emit()

    def _on_cancelled(self) -> None:
        self._stopped()
        self.cancelled.emit()
        self.ended.emit()


def describe_failure(exc: Exception) -> str:
    """The technical detail of a failure for a message: 「OSError: disk full」."""
    return f"{type(exc).__name__}: {exc}"
