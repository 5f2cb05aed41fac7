"""The Qt binding's None reference defect (PySide6 6.12.0 on Python 3.11) cannot abort the app."""

from __future__ import annotations

import sys

import haip_desktop.ui  # noqa: F401 - importing the package applies the workaround
from haip_desktop.ui.pyside_fixes import binding_drops_none_references


def test_many_void_calls_do_not_exhaust_none():
    from PySide6.QtCore import QObject

    probe = QObject()
    for _ in range(10_000):  # well beyond None's natural reference count
        probe.setObjectName("x")
    assert sys.getrefcount(None) > 1_000


def test_defect_detection_reports_what_the_binding_does():
    # Either the binding is sound, or the workaround is in force (never both missing).
    from haip_desktop.ui import pyside_fixes

    assert (
        not binding_drops_none_references()
        or pyside_fixes._applied
        or sys.version_info
        >= (
            3,
            12,
        )
    )
