"""Shared test setup: headless Qt, no network, and user folders redirected to a temp dir."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

# Before anything imports Qt: draw offscreen, never on a real display.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false")

REPO = Path(__file__).resolve().parent.parent
BUNDLED_DATA = REPO / "guideline_data"


@pytest.fixture(autouse=True)
def isolated_user_dirs(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    """platformdirs follows the XDG variables: point them at a fresh folder per test."""
    home = tmp_path_factory.mktemp("home")
    for name, sub in [
        ("XDG_DATA_HOME", "data"),
        ("XDG_CONFIG_HOME", "config"),
        ("XDG_STATE_HOME", "state"),
        ("XDG_CACHE_HOME", "cache"),
        ("XDG_DOCUMENTS_DIR", "Documents"),
    ]:
        (home / sub).mkdir()
        monkeypatch.setenv(name, str(home / sub))
    monkeypatch.setenv("HOME", str(home))
    return home


@pytest.fixture(scope="session")
def guideline():
    from haip_desktop.guideline import load_guideline

    return load_guideline()


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A writable copy of the bundled guideline data, for tests that break it."""
    target = tmp_path / "guideline_data"
    shutil.copytree(BUNDLED_DATA, target)
    return target
