"""PySide6 6.12.0 on Python 3.11 drops references to None and bools; the app cannot abort."""

from __future__ import annotations

import subprocess
import sys

from haip_desktop.ui.startup import binding_workarounds

# tests/ui/conftest.py applies the workarounds as the start-up sequence does.


def test_many_void_calls_do_not_exhaust_none(qapp):
    from PySide6.QtCore import QObject

    probe = QObject()
    for _ in range(10_000):  # well beyond None's natural reference count
        probe.setObjectName("x")
    assert sys.getrefcount(None) > 1_000
    if binding_workarounds.void_call_drops_none():
        assert "None" in binding_workarounds.applied


def test_many_emits_cannot_exhaust_true(qapp):
    from PySide6.QtCore import QObject, Signal

    class Counter(QObject):
        ticked = Signal(int)

    counter = Counter()
    seen: list[int] = []
    counter.ticked.connect(seen.append)
    for n in range(20_000):  # more than True's natural count on Python 3.11
        counter.ticked.emit(n)
    assert len(seen) == 20_000
    assert sys.getrefcount(True) > 1_000
    if binding_workarounds.emit_drops_bools():
        assert "bool" in binding_workarounds.applied


def test_modules_imported_later_are_not_kept_as_text(qapp, tmp_path, monkeypatch):
    import importlib
    import linecache

    source = tmp_path / "haip_probe_module.py"
    source.write_text("VALUE = 1\n" + "# filler line\n" * 1000, encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    module = importlib.import_module("haip_probe_module")
    assert module.VALUE == 1
    assert str(source) not in linecache.cache
    assert "source cache" in binding_workarounds.applied


def test_only_the_pairing_with_the_defect_gets_the_reference_fix():
    needs = binding_workarounds.needs_refcount_fix
    assert needs("6.12.0", (3, 11), "cpython")
    assert not needs("6.12.0", (3, 12), "cpython")  # None and bools are immortal there
    assert not needs("6.11.3", (3, 11), "cpython")
    assert not needs("6.12.1", (3, 11), "cpython")
    assert not needs("6.12.0", (3, 11), "pypy")


def test_importing_the_ui_package_applies_nothing():
    code = (
        "import haip_desktop.ui, haip_desktop.ui.app\n"
        "from haip_desktop.ui.startup import binding_workarounds as b\n"
        "print(sorted(b.applied))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert out.stdout.strip() == "[]"


def test_the_faster_feature_check_gives_pyside6s_own_answer(qapp, tmp_path, monkeypatch):
    (tmp_path / "haip_probe_uses_qt.py").write_text(
        "# needs PySide6 for its widgets\nVALUE = 1\n", encoding="utf-8"
    )
    (tmp_path / "haip_probe_plain.py").write_text("VALUE = 2\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    # An import statement: PySide6 looks at what goes through __import__.
    import haip_probe_plain  # type: ignore[import-not-found]  # noqa: F401
    import haip_probe_uses_qt  # type: ignore[import-not-found]  # noqa: F401

    switches = sys.modules["PySide6.support.feature"].pyside_feature_dict
    # 0: a module that uses PySide6 (its __feature__ switches apply); -1: ignored
    assert switches["haip_probe_uses_qt"] == 0
    assert switches["haip_probe_plain"] == -1
    assert "source cache" in binding_workarounds.applied
