"""Qt's own messages (warnings about fonts, printers, platform plugins) into the log.

Without a handler Qt writes them to stderr, which the windowed Windows program does not have.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable

from PySide6.QtCore import QMessageLogContext, QtMsgType, qInstallMessageHandler

log = logging.getLogger("haip_desktop.qt")

_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,  # "critical" in Qt is an error that Qt survives
    QtMsgType.QtFatalMsg: logging.CRITICAL,  # Qt aborts right after
}

Handler = Callable[[QtMsgType, QMessageLogContext, str], None]


def log_qt_message(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
    category = context.category or "qt"
    log.log(_LEVELS.get(kind, logging.WARNING), "[%s] %s", category, message)
    if kind == QtMsgType.QtFatalMsg:
        for handler in logging.getLogger("haip_desktop").handlers:
            handler.flush()


def install_qt_message_handler() -> Callable[[], None]:
    """Send Qt's messages to the log (and on to a handler installed before, e.g. a test
    tool's); returns the function that puts the previous handler back."""
    previous: Handler | None = None

    def handle(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
        with contextlib.suppress(Exception):  # a message handler must never raise into Qt
            log_qt_message(kind, context, message)
        if previous is not None:
            previous(kind, context, message)

    previous = qInstallMessageHandler(handle)

    def restore() -> None:
        qInstallMessageHandler(previous)

    return restore
