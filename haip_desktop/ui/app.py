"""Start the GUI: the QApplication, the bundled font, translations, logging, the main window."""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from ..logsetup import setup_logging
from ..paths import APP_AUTHOR, APP_NAME, resources_dir
from .shell.fonts import load_bundled_fonts

if TYPE_CHECKING:
    from .shell.main_window import MainWindow

log = logging.getLogger(__name__)


def install_translators(app: QApplication, locale: QLocale | None = None) -> list[QTranslator]:
    """Qt's own strings and the app's, for the user's language, where translations exist.

    The source strings are Japanese; `resources/translations/haip_desktop_<lang>.qm` (made
    with pyside6-lupdate / lrelease) translates them, e.g. into English.
    """
    locale = locale or QLocale.system()
    installed: list[QTranslator] = []
    candidates = [
        ("qtbase", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)),
        ("haip_desktop", str(resources_dir() / "translations")),
    ]
    for name, folder in candidates:
        translator = QTranslator(app)
        if translator.load(locale, name, "_", folder):
            app.installTranslator(translator)
            installed.append(translator)
    return installed


def create_application(argv: list[str] | None = None) -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    QCoreApplication.setOrganizationName(APP_AUTHOR)
    QCoreApplication.setApplicationName(APP_NAME)
    app = QApplication(argv if argv is not None else sys.argv[:1])
    app.setStyle("Fusion")
    app.setWindowIcon(QIcon(str(resources_dir() / "icons" / "haip_desktop.ico")))  # 16–256 px
    load_bundled_fonts()
    install_translators(app)
    return app


def build_main_window() -> MainWindow:
    """The main window with every part of the application plugged in.

    Parts that extend the window (assessment views, print preview, …) install themselves
    here, each with one call taking the window, e.g. ``install_assessment(window)``.
    """
    from .shell.main_window import MainWindow

    window = MainWindow()
    from .report import install_report_action

    install_report_action(window)  # ファイル → 報告書を作成… (Ctrl+P)
    from .updates import install_guideline_updates

    install_guideline_updates(window)  # ツール → グループ集計, 年度比較, データの更新, 変更点
    return window


def run(path: Path | str | None = None) -> int:
    """Show the main window at once; the guideline loads right after, then `path` is opened."""
    setup_logging()
    app = create_application()
    window = build_main_window()
    window.show()
    window.start(Path(path) if path is not None else None)
    return app.exec()
