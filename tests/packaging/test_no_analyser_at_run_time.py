"""The application reads readings.yaml; the analyser that wrote it is never imported or shipped."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
import tomllib
from pathlib import Path

import bundle_rules

REPO = Path(__file__).resolve().parents[2]
ANALYSERS = ("sudachipy", "sudachidict_core", "pykakasi")


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def test_no_module_of_the_application_imports_an_analyser():
    sources = sorted((REPO / "haip_desktop").rglob("*.py"))
    assert len(sources) > 20
    found = [f"{p.relative_to(REPO)}" for p in sources if _imports(p) & set(ANALYSERS)]
    assert found == []
    # the check sees an analyser where one is imported (inside a function, as there)
    assert "sudachipy" in _imports(REPO / "packaging" / "build_readings.py")


def test_searching_by_reading_runs_without_loading_an_analyser():
    code = (
        "import sys\n"
        "from haip_desktop.cli import main\n"
        "from haip_desktop.guideline import load_guideline\n"
        "from haip_desktop.guideline.search import SearchIndex\n"
        "import haip_desktop.ui.shell.main_window\n"
        "hits = SearchIndex(load_guideline()).search('taiin')\n"
        "print(hits[0].text[hits[0].start:hits[0].end])\n"
        f"print(sorted(set(sys.modules) & set({ANALYSERS!r})))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=REPO,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        timeout=120,
        check=True,
    )
    assert result.stdout.splitlines() == ["退院", "[]"]


def test_the_build_leaves_the_analysers_out():
    assert set(ANALYSERS) <= set(bundle_rules.EXCLUDED_MODULES)


def test_the_analyser_is_a_build_time_extra_not_a_dependency():
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    runtime = " ".join(project["dependencies"]).lower()
    assert "sudachi" not in runtime and "kakasi" not in runtime
    for extra in ("data", "test"):
        names = " ".join(project["optional-dependencies"][extra]).lower()
        assert "sudachipy" in names and "sudachidict-core" in names, extra
