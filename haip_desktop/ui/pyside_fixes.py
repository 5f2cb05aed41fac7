"""Work around a reference-counting defect of the Qt binding, before any view is built.

PySide6 6.12.0 returns ``None`` from void C++ methods (``QLabel.setText``,
``QPainter.setPen``, …) without taking a reference to it. On Python 3.12 and later ``None``
is immortal and nothing happens; on Python 3.11 every such call lowers ``None``'s reference
count by one, and after a few thousand calls the interpreter aborts with
"Fatal Python error: none_dealloc". PySide6 6.11.3 does not have the defect.

The fix is detected, not assumed: a void method is called a few times and, only if ``None``
loses references, ``None`` is given a reference count so large that it cannot reach zero —
what Python 3.12 does for every interpreter (PEP 683).
"""

from __future__ import annotations

import ctypes
import logging
import sys

log = logging.getLogger(__name__)

_RESERVE = 1 << 48  # far more void calls than a session can make; far from overflow
_applied = False


def binding_drops_none_references() -> bool:
    from PySide6.QtCore import QObject

    probe = QObject()
    before = sys.getrefcount(None)
    for _ in range(8):
        probe.setObjectName("probe")
    return sys.getrefcount(None) < before


def protect_none_from_binding_defect() -> bool:
    """Apply the workaround if this interpreter and binding need it; True when applied."""
    global _applied
    if _applied or sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return _applied
    if not binding_drops_none_references():
        return False
    ctypes.c_ssize_t.from_address(id(None)).value += _RESERVE
    _applied = True
    import PySide6

    log.info(
        "PySide6 %s drops references to None on Python %s; None's count was raised to keep "
        "the application from aborting",
        PySide6.__version__,
        sys.version.split()[0],
    )
    return True
