"""The project's own rules: packaging lists every package, Qt stays in ui/."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def test_every_package_is_listed_for_the_wheel():
    listed = set(
        tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))["tool"]["setuptools"][
            "packages"
        ]
    )
    found = {
        ".".join(init.parent.relative_to(REPO).parts)
        for init in (REPO / "haip_desktop").rglob("__init__.py")
        if "bundled" not in init.parts
    }
    assert found - listed == set(), "add these to [tool.setuptools] packages in pyproject.toml"
    assert {"haip_desktop.bundled.guideline_data", "haip_desktop.bundled.resources"} <= listed


def test_only_the_ui_package_imports_qt():
    pattern = re.compile(r"^\s*(from|import)\s+PySide6", re.MULTILINE)
    offenders = [
        str(path.relative_to(REPO))
        for path in (REPO / "haip_desktop").rglob("*.py")
        if "ui" not in path.relative_to(REPO / "haip_desktop").parts[:1]
        and pattern.search(path.read_text("utf-8"))
    ]
    assert offenders == []
