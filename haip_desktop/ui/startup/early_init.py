"""The start-up sequence, run by `create_application()` before the QApplication exists.

In this order, so that each step is covered by the ones before it:

1. the log file (streams.py);
2. faulthandler into the log file: a hard crash (in Qt's C++ code, say) leaves the Python
   stack of every thread there;
3. the exception hook: an exception in a slot is logged and shown (crash_dialog.py);
4. Qt's own messages into the log (qt_messages.py);
5. the binding workarounds, for the PySide6/Python pairing that needs them.

None of it writes to stderr unless there is one: the windowed Windows program has
`sys.stderr is None`.
"""

from __future__ import annotations

import faulthandler
import logging
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from ...streams import RotatingLog, setup_logging
from .binding_workarounds import apply_binding_workarounds, drop_kept_sources
from .exception_hook import ExceptionHook
from .qt_messages import install_qt_message_handler

log = logging.getLogger(__name__)


@dataclass
class SafetyNet:
    """What `early_init` installed; `remove()` takes it down again (tests)."""

    log_file: Path | None
    hook: ExceptionHook
    fault_file: IO[str] | None = None
    undo: list[Callable[[], None]] = field(default_factory=list)

    def remove(self) -> None:
        for step in reversed(self.undo):
            step()
        self.undo.clear()


def early_init(log_folder: Path | None = None) -> SafetyNet:
    """Install the safety net; `log_folder` overrides the platformdirs log folder (tests)."""
    root = logging.getLogger("haip_desktop")
    handlers_before = list(root.handlers)
    log_file = setup_logging(log_folder)
    net = SafetyNet(log_file, ExceptionHook(log_file))
    added = [h for h in root.handlers if h not in handlers_before]
    if added:

        def detach() -> None:
            for handler in added:
                root.removeHandler(handler)
                handler.close()

        net.undo.append(detach)

    _enable_faulthandler(net)

    net.hook.install()
    net.undo.append(net.hook.uninstall)

    net.undo.append(install_qt_message_handler())

    drop_kept_sources()
    applied = apply_binding_workarounds()
    log.info(
        "Started: Python %s, log %s, binding workarounds: %s",
        sys.version.split()[0],
        log_file,
        ", ".join(sorted(applied)) or "none",
    )
    return net


def _enable_faulthandler(net: SafetyNet) -> None:
    was_enabled = faulthandler.is_enabled()
    target = _open_fault_file(net.log_file)
    if target is not None:
        net.fault_file = target
        faulthandler.enable(target, all_threads=True)
        _follow_rotation(net)
    elif sys.__stderr__ is not None:  # no log file: a console, if there is one
        faulthandler.enable(sys.__stderr__, all_threads=True)
    else:
        return

    def undo() -> None:
        faulthandler.disable()
        if net.fault_file is not None:
            net.fault_file.close()
            net.fault_file = None
        if was_enabled and sys.__stderr__ is not None:
            faulthandler.enable(sys.__stderr__)

    net.undo.append(undo)


def _open_fault_file(log_file: Path | None) -> IO[str] | None:
    if log_file is None:
        return None
    try:
        # Its own descriptor, appending: faulthandler writes to it without Python's help.
        return open(log_file, "a", encoding="utf-8")  # noqa: SIM115 - open for the session
    except OSError:
        return None


def _follow_rotation(net: SafetyNet) -> None:
    """When the log rotates, faulthandler moves on to the new file with it.

    Its descriptor is closed before the rename: Windows does not rename a file that is open.
    """
    handler = next(
        (h for h in logging.getLogger("haip_desktop").handlers if isinstance(h, RotatingLog)),
        None,
    )
    if handler is None:
        return
    previous = handler.rotator

    def rotate(source: str, dest: str) -> None:
        following = net.fault_file is not None
        if net.fault_file is not None:
            faulthandler.disable()
            net.fault_file.close()
            net.fault_file = None
        if previous is not None:
            previous(source, dest)
        elif os.path.exists(source):
            os.rename(source, dest)
        if following:
            net.fault_file = _open_fault_file(Path(source))
            if net.fault_file is not None:
                faulthandler.enable(net.fault_file, all_threads=True)

    def undo() -> None:
        handler.rotator = previous

    handler.rotator = rotate
    net.undo.append(undo)
