"""Workarounds for defects of the Qt binding, applied by the start-up sequence (early_init.py)
before any view is built, never as a side effect of an import.

PySide6 6.12.0 returns some Python singletons to Python without taking a reference:
``None`` from void C++ methods (``QLabel.setText``, ``QPainter.setPen``, …) and the bool
result of ``SignalInstance.emit()``. On Python 3.12 and later these objects are immortal
(PEP 683) and nothing happens; on Python 3.11 each call lowers their reference count by
one, and after a few thousand calls the interpreter aborts ("Fatal Python error:
none_dealloc" / "bool_dealloc"). PySide6 6.11.3 does not have the defect, but PySide6-Pdf
exists only for 6.12. So the fix is for that pairing only (`REFCOUNT_DEFECT`), and even there
each defect is detected, not assumed: a few calls are made and, only if the singleton loses
references, it is given a reference count so large that it cannot reach zero — what
Python 3.12 does for every interpreter.

PySide6 also reads the source of every module imported after it (to look for the word
"PySide6", for its ``__feature__`` switches) through ``inspect.getsource``, which keeps every
file's lines in ``linecache`` — about 9 MB of text at start-up, never used again — and costs
≈0.1 ms a module (≈250 modules before the first window). That is memory and time, not a
defect: the check is given the same answer from the file's bytes, without ``inspect`` and
without keeping anything (`drop_kept_sources`); a module without a readable ``.py`` file is
left to PySide6's own check, whose cached lines are dropped right after it.
"""

from __future__ import annotations

import ctypes
import linecache
import logging
import sys
from collections.abc import Callable
from types import ModuleType

log = logging.getLogger(__name__)

_RESERVE = 1 << 48  # far more calls than a session can make; far from overflow
applied: set[str] = set()


def void_call_drops_none() -> bool:
    from PySide6.QtCore import QObject

    probe = QObject()
    before = sys.getrefcount(None)
    for _ in range(8):
        probe.setObjectName("probe")
    return sys.getrefcount(None) < before


def emit_drops_bools() -> bool:
    from PySide6.QtCore import QObject, Signal

    class Probe(QObject):
        fired = Signal()

    probe = Probe()
    before = sys.getrefcount(True)
    for _ in range(8):
        probe.fired.emit()
    return sys.getrefcount(True) < before


def _make_unreachable_by_zero(name: str, *objects: object) -> None:
    for obj in objects:
        ctypes.c_ssize_t.from_address(id(obj)).value += _RESERVE
    applied.add(name)
    import PySide6

    log.info(
        "PySide6 %s drops references to %s on Python %s; their counts were raised",
        PySide6.__version__,
        name,
        sys.version.split()[0],
    )


def _feature_module() -> ModuleType | None:
    import PySide6  # noqa: F401 - installs the feature check being looked at

    module = sys.modules.get("PySide6.support.feature")
    check = getattr(module, "_mod_uses_pyside", None)
    return module if callable(check) else None


def feature_check_keeps_sources() -> bool:
    """Whether PySide6's per-module feature check leaves the module's source in linecache."""
    module = _feature_module()
    if module is None:
        return False
    probe = sys.modules[__name__]
    source = getattr(probe, "__file__", None)
    if not source:
        return False
    linecache.cache.pop(source, None)  # (this module's own import was checked, too)
    module._mod_uses_pyside(probe)
    return linecache.cache.pop(source, None) is not None


def _answered_from_the_file(check: Callable[[ModuleType], bool]) -> Callable[[ModuleType], bool]:
    """PySide6's check ("does this module's source mention PySide6?") answered by reading
    the source file's bytes; ``check`` itself, its cached lines dropped, for anything else."""

    def uses_pyside(module: ModuleType) -> bool:
        path = getattr(module, "__file__", None)
        if isinstance(path, str) and path.endswith(".py"):
            try:
                with open(path, "rb") as source:
                    return b"PySide6" in source.read()
            except OSError:
                pass
        before = set(linecache.cache)
        try:
            return check(module)
        finally:
            for name in set(linecache.cache) - before:
                linecache.cache.pop(name, None)

    return uses_pyside


# PySide6 versions whose calls drop references to None and bools, and the Pythons on which
# that matters (before PEP 683's immortal objects).
REFCOUNT_DEFECT = {"6.12.0"}
IMMORTAL_SINGLETONS = (3, 12)


def needs_refcount_fix(pyside_version: str, python: tuple[int, int], implementation: str) -> bool:
    return (
        pyside_version in REFCOUNT_DEFECT
        and python < IMMORTAL_SINGLETONS
        and implementation == "cpython"
    )


def drop_kept_sources() -> bool:
    """Make PySide6's feature check read no source through linecache (so keep none, and
    answer faster); True if it kept them."""
    if "source cache" in applied:
        return True
    if not feature_check_keeps_sources():
        return False
    module = _feature_module()
    assert module is not None
    names = vars(module)  # a private function of PySide6, wrapped
    names["_mod_uses_pyside"] = _answered_from_the_file(names["_mod_uses_pyside"])
    applied.add("source cache")
    return True


def apply_binding_workarounds() -> set[str]:
    """Apply what this interpreter and binding need; returns the names of all applied."""
    import PySide6

    python = (sys.version_info.major, sys.version_info.minor)
    if not needs_refcount_fix(PySide6.__version__, python, sys.implementation.name):
        return applied
    if "None" not in applied and void_call_drops_none():
        _make_unreachable_by_zero("None", None)
    if "bool" not in applied and emit_drops_bools():
        _make_unreachable_by_zero("bool", True, False)
    return applied
