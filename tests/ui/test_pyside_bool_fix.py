"""Signal.emit of PySide6 6.12.0 on Python 3.11 drops references to True; the app guards it."""

from __future__ import annotations

import sys

import haip_desktop.ui  # noqa: F401 - applies the workaround on import
from haip_desktop.ui import pyside_bool_fix


def test_many_emits_cannot_exhaust_true(qapp):
    from PySide6.QtCore import QObject, Signal

    class Counter(QObject):
        ticked = Signal(int)

    counter = Counter()
    seen: list[int] = []
    counter.ticked.connect(seen.append)
    before = sys.getrefcount(True)
    for n in range(20_000):  # more than True's natural count on Python 3.11
        counter.ticked.emit(n)
    assert len(seen) == 20_000
    if pyside_bool_fix.emit_drops_bool_references():
        assert pyside_bool_fix._applied
        assert sys.getrefcount(True) > 1 << 40
    else:  # a fixed binding, or Python 3.12+ where True is immortal
        assert sys.getrefcount(True) >= before or sys.version_info >= (3, 12)
