"""Where the bundled guideline data and resources are, in a checkout, a wheel or a frozen build."""

from __future__ import annotations

import sys
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def _bundled(name: str) -> Path:
    frozen_root = getattr(sys, "_MEIPASS", None)  # PyInstaller one-folder build
    candidates = [
        _PACKAGE / "bundled" / name,  # installed wheel
        _PACKAGE.parent / name,  # source checkout (editable install)
    ]
    if frozen_root:
        candidates.insert(0, Path(frozen_root) / "haip_desktop" / "bundled" / name)
    for candidate in candidates:
        if candidate.is_dir():
            return candidate
    return candidates[-1]


def bundled_guideline_dir() -> Path:
    return _bundled("guideline_data")


def resources_dir() -> Path:
    return _bundled("resources")


APP_NAME = "HAIP Desktop"
APP_AUTHOR = "HAIP"


def user_data_dir() -> Path:
    """Per-user folder for imported data packs, recovery files and settings."""
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, APP_AUTHOR, ensure_exists=True)


RECOVERY_SUFFIX = ".recovery.json"


def recovery_dir() -> Path:
    """Where unsaved work is autosaved (assessment.recovery writes and reads the files)."""
    folder = user_data_dir() / "recovery"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def has_recovery_files() -> bool:
    """Whether any autosaved work lies in the recovery folder (a cheap look, no parsing)."""
    try:
        return any(recovery_dir().glob(f"*{RECOVERY_SUFFIX}"))
    except OSError:
        return False


def user_log_dir() -> Path:
    from platformdirs import user_log_path

    return user_log_path(APP_NAME, APP_AUTHOR, ensure_exists=True)


def default_assessment_dir() -> Path:
    """Where assessments are saved unless the user chooses otherwise."""
    from platformdirs import user_documents_path

    folder = user_documents_path() / "HAIP評価"
    return folder
