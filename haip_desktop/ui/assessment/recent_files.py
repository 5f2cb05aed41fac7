"""The assessment files opened or saved lately, newest first, kept in a small JSON file."""

from __future__ import annotations

import json
import logging
from pathlib import Path

from ...files import atomic_write_bytes
from ...paths import user_data_dir

log = logging.getLogger(__name__)

RECENT_FILE_NAME = "recent-assessments.json"
MAX_RECENT = 8


def recent_list_path() -> Path:
    return user_data_dir() / RECENT_FILE_NAME


def load_recent(path: Path | None = None) -> list[Path]:
    path = path or recent_list_path()
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return []
    except (OSError, ValueError) as exc:
        log.warning("Recent files list %s unreadable (%s); starting empty", path, exc)
        return []
    if not isinstance(raw, list):
        return []
    return [Path(item) for item in raw if isinstance(item, str) and item][:MAX_RECENT]


def remember_recent(file: Path, path: Path | None = None) -> list[Path]:
    """Put `file` first in the list (once) and store it; returns the new list."""
    path = path or recent_list_path()
    file = file.resolve()
    files = [file] + [f for f in load_recent(path) if f != file]
    files = files[:MAX_RECENT]
    _store(files, path)
    return files


def forget_recent(file: Path, path: Path | None = None) -> list[Path]:
    path = path or recent_list_path()
    file = file.resolve()
    files = [f for f in load_recent(path) if f != file]
    _store(files, path)
    return files


def _store(files: list[Path], path: Path) -> None:
    # ASCII escapes keep a file name that is not UTF-8 (a lone surrogate) exactly as it is.
    data = json.dumps([str(f) for f in files], ensure_ascii=True, indent=2).encode("ascii")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_bytes(path, data)
    except OSError as exc:
        log.warning("Could not save the recent files list to %s: %s", path, exc)
