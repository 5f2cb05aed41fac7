"""What the window remembers between sessions: geometry, splitters, text size, last place.

Kept as a small JSON file in the user data folder (not QSettings: on Windows that would be
the registry, and a file is easier for IT staff to reset and for tests to isolate). A file
that cannot be read is set aside and defaults are used; the window never fails to open
because of its settings.
"""

from __future__ import annotations

import base64
import json
import logging
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

from ...files import atomic_write_bytes
from ...paths import user_data_dir

log = logging.getLogger(__name__)

SETTINGS_FILE_NAME = "ui-settings.json"

ZOOM_MIN = 50
ZOOM_MAX = 300
ZOOM_STEP = 10
ZOOM_DEFAULT = 100


def settings_path() -> Path:
    return user_data_dir() / SETTINGS_FILE_NAME


@dataclass
class UiSettings:
    """Everything the window restores on the next start."""

    geometry: str = ""  # base64 of QWidget.saveGeometry()
    window_state: str = ""  # base64 of QMainWindow.saveState()
    splitters: dict[str, str] = field(default_factory=dict)  # name -> base64 state
    zoom_percent: int = ZOOM_DEFAULT
    last_location: str = ""
    perspective: str = "all"
    setting: str = ""  # "" = every kind of facility

    @staticmethod
    def encode(data: bytes) -> str:
        return base64.b64encode(data).decode("ascii")

    @staticmethod
    def decode(text: str) -> bytes:
        try:
            return base64.b64decode(text.encode("ascii"), validate=True)
        except ValueError:
            return b""

    @classmethod
    def load(cls, path: Path | None = None) -> UiSettings:
        path = path or settings_path()
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return cls()
        except (OSError, ValueError) as exc:
            log.warning("Window settings %s unreadable (%s); using defaults", path, exc)
            return cls()
        if not isinstance(raw, dict):
            return cls()
        known = {f.name for f in fields(cls)}
        values: dict[str, Any] = {k: v for k, v in raw.items() if k in known}
        settings = cls()
        for name, value in values.items():
            default = getattr(settings, name)
            if isinstance(value, type(default)):
                setattr(settings, name, value)
        settings.zoom_percent = clamp_zoom(settings.zoom_percent)
        return settings

    def save(self, path: Path | None = None) -> None:
        """Write through the one atomic writer (ASCII escapes: any string can be written)."""
        path = path or settings_path()
        data = json.dumps(asdict(self), ensure_ascii=True, indent=2).encode("ascii")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            atomic_write_bytes(path, data)
        except OSError as exc:
            # Losing window geometry is not worth interrupting anyone's work.
            log.warning("Could not save window settings to %s: %s", path, exc)


def clamp_zoom(percent: int) -> int:
    return max(ZOOM_MIN, min(ZOOM_MAX, int(percent)))
