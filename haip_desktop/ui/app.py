"""Start the GUI: the QApplication, the bundled font, translations, logging, the main window."""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from ..paths import APP_AUTHOR, APP_NAME, resources_dir
from .shell.fonts import load_bundled_fonts
from .startup.early_init import early_init
from .startup.translations import install_translators

if TYPE_CHECKING:
    from .shell.assembly import AppWindow

log = logging.getLogger(__name__)


def create_application(argv: list[str] | None = None) -> QApplication:
    """The application, after the start-up sequence (log, faulthandler, exception hook, Qt
    messages, binding workarounds: startup/early_init.py); an existing one is reused."""
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    early_init()
    QCoreApplication.setOrganizationName(APP_AUTHOR)
    QCoreApplication.setApplicationName(APP_NAME)
    # Fusion, asked for on Qt's command line: a style set from Python (app.setStyle) would
    # build QStyle's enums and be consulted by every widget before the first paint. Menus get
    # their own style, entries never cut (widgets/app_style.py), when they are first polished.
    app = QApplication([*(argv if argv is not None else sys.argv[:1]), "-style", "fusion"])
    app.setWindowIcon(QIcon(str(resources_dir() / "icons" / "haip_desktop.ico")))  # 16–256 px
    load_bundled_fonts()
    install_translators(app)
    return app


def build_main_window(settings_path: Path | None = None) -> AppWindow:
    """The main window with every part of the application plugged in (ui/parts.py), and the
    parts; `settings_path` overrides the settings file (tests, the self-test).

    Imported here, not at the top: after `create_application` has run the start-up sequence.
    """
    from .shell.assembly import assemble_main_window

    return assemble_main_window(settings_path)


def run(path: Path | str | None = None) -> int:
    """Show the main window with the guideline (read before the first paint when checked on an
    earlier start, else loaded right after the window appears), then open `path`."""
    app = create_application()
    window, _parts = build_main_window()
    window.start(Path(path) if path is not None else None)
    window.show()
    return app.exec()
