"""Unexpected exceptions: logged with their traceback, and shown in the crash dialog.

An exception raised in a slot or an event handler does not stop a Qt program: PySide6 hands
it to `sys.excepthook`, whose default prints it to stderr — and the windowed Windows program
has no stderr, so nobody would ever know. This hook writes it to the log and tells the
person (once per burst: later errors are added to the open dialog). Exceptions in other
threads are logged; the UI thread is told of them by the background runner itself.
"""

from __future__ import annotations

import logging
import sys
import threading
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QThread
from PySide6.QtWidgets import QApplication

if TYPE_CHECKING:
    from .crash_dialog import CrashDialog

log = logging.getLogger("haip_desktop.crash")

ExceptHook = Callable[[type[BaseException], BaseException, TracebackType | None], object]


class ExceptionHook:
    """`sys.excepthook` (and `threading.excepthook`) while installed."""

    def __init__(self, log_file: Path | None) -> None:
        self.log_file = log_file
        self.dialog: CrashDialog | None = None
        self._previous: ExceptHook | None = None
        self._previous_thread_hook: Callable[[threading.ExceptHookArgs], object] | None = None

    def install(self) -> None:
        self._previous = sys.excepthook
        self._previous_thread_hook = threading.excepthook
        sys.excepthook = self.handle
        threading.excepthook = self.handle_thread

    def uninstall(self) -> None:
        if self._previous is not None:
            sys.excepthook = self._previous
        if self._previous_thread_hook is not None:
            threading.excepthook = self._previous_thread_hook

    def handle(
        self, kind: type[BaseException], error: BaseException, tb: TracebackType | None
    ) -> None:
        if issubclass(kind, KeyboardInterrupt | SystemExit):
            sys.__excepthook__(kind, error, tb)
            return
        text = "".join(traceback.format_exception(kind, error, tb))
        log.critical("Unexpected error:\n%s", text.rstrip())
        if sys.stderr is not None:  # a console (development): the usual printout as well
            sys.stderr.write(text)
        try:
            self._show(f"{kind.__name__}: {error}", text)
        except Exception:  # noqa: BLE001 - the hook itself must never fail
            log.exception("The error dialog could not be shown")

    def handle_thread(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_type is SystemExit:
            return
        text = "".join(
            traceback.format_exception(args.exc_type, args.exc_value, args.exc_traceback)
        )
        name = args.thread.name if args.thread is not None else "?"
        log.critical("Unexpected error in thread %s:\n%s", name, text.rstrip())

    def _show(self, summary: str, text: str) -> None:
        app = QApplication.instance()
        if not isinstance(app, QApplication) or QThread.currentThread() is not app.thread():
            return  # no window to show it in, or not the UI thread: the log has it
        from .crash_dialog import CrashDialog

        if self.dialog is None or not self.dialog.isVisible():
            self.dialog = CrashDialog(self.log_file)  # its own window: whatever failed may close
            self.dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            self.dialog.destroyed.connect(self._forget_dialog)
        self.dialog.add_error(summary, text)
        # Shown, not run modally: the hook may run inside any slot, and a nested event loop
        # there could re-enter it.
        self.dialog.show()
        self.dialog.raise_()

    def _forget_dialog(self) -> None:
        self.dialog = None
