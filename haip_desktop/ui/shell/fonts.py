"""The bundled Japanese UI font (BIZ UDPGothic) and text size (zoom)."""

from __future__ import annotations

import logging

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from ...paths import resources_dir

log = logging.getLogger(__name__)

UI_FAMILY = "BIZ UDPGothic"
FONT_FILES = ("BIZUDPGothic-Regular.ttf", "BIZUDPGothic-Bold.ttf")
BASE_POINT_SIZE = 10.5  # at 100 %; large enough to read comfortably on a ward PC

_loaded_family: str | None = None


def load_bundled_fonts() -> str | None:
    """Register the bundled font files with Qt (once); the family name, or None if missing."""
    global _loaded_family
    if _loaded_family is not None:
        return _loaded_family
    folder = resources_dir() / "fonts"
    families: list[str] = []
    for name in FONT_FILES:
        font_id = QFontDatabase.addApplicationFont(str(folder / name))
        if font_id < 0:
            log.warning("Bundled font %s could not be loaded", folder / name)
            continue
        families += QFontDatabase.applicationFontFamilies(font_id)
    _loaded_family = UI_FAMILY if UI_FAMILY in families else (families[0] if families else None)
    return _loaded_family


def ui_font(zoom_percent: int = 100) -> QFont:
    family = load_bundled_fonts()
    font = QFont(family) if family else QFont()
    if family:
        # Fall back to the system's Japanese fonts only for characters the bundled font lacks.
        font.setFamilies([family, "Yu Gothic UI", "Meiryo", "Noto Sans CJK JP"])
    font.setPointSizeF(BASE_POINT_SIZE * zoom_percent / 100)
    font.setStyleStrategy(QFont.StyleStrategy.PreferAntialias)
    return font


def apply_zoom(zoom_percent: int) -> None:
    """Set the application font at this text size; every window and dialog follows."""
    app = QApplication.instance()
    if isinstance(app, QApplication):
        app.setFont(ui_font(zoom_percent))
