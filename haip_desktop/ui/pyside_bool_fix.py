"""The same binding defect as in `pyside_fixes`, for bools: ``Signal.emit()`` results.

PySide6 6.12.0 returns the bool result of ``SignalInstance.emit()`` without taking a
reference to it, so every ``signal.emit(...)`` from Python lowers ``True``'s reference count
by one. On Python 3.11 (which the Windows build bundles) the interpreter aborts with
"Fatal Python error: bool_dealloc" after a few thousand emits — a long report's progress,
a busy session, or simply the test suite's exit.

Detected, not assumed: a signal is emitted a few times and, only if ``True`` loses
references, ``True`` and ``False`` get a reference count so large that it cannot reach zero
(what Python 3.12 does for them anyway, PEP 683).
"""

from __future__ import annotations

import ctypes
import logging
import sys

log = logging.getLogger(__name__)

_RESERVE = 1 << 48  # far more emits than a session can make; far from overflow
_applied = False


def emit_drops_bool_references() -> bool:
    from PySide6.QtCore import QObject, Signal

    class Probe(QObject):
        fired = Signal()

    probe = Probe()
    before = sys.getrefcount(True)
    for _ in range(8):
        probe.fired.emit()
    return sys.getrefcount(True) < before


def protect_bools_from_binding_defect() -> bool:
    """Apply the workaround if this interpreter and binding need it; True when applied."""
    global _applied
    if _applied or sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return _applied
    if not emit_drops_bool_references():
        return False
    for value in (True, False):
        ctypes.c_ssize_t.from_address(id(value)).value += _RESERVE
    _applied = True
    import PySide6

    log.info(
        "PySide6 %s drops references to bools returned by Signal.emit on Python %s; "
        "their counts were raised to keep the application from aborting",
        PySide6.__version__,
        sys.version.split()[0],
    )
    return True
