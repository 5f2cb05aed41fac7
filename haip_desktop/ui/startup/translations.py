"""Qt's own words (file and print dialogs, standard buttons) in the application's language.

The application's language is Japanese, the language its own strings are written in, unless
an English catalogue of the app (`resources/translations/haip_desktop_en.qm`) exists and the
system's language is English. Qt's catalogues are then chosen by that language, never by the
system's locale alone: on a PC whose locale is English or "C" the file dialog still reads
「ファイル名」 beside a Japanese window.

Qt's Japanese catalogue (`qtbase_ja.qm`) lags behind Qt's source strings: where Qt added a
mnemonic (「&Look in:」, 「Files of &type:」) the catalogue still has the old string, so those
labels stayed English even under ja_JP. `QtJapaneseSupplement` answers for them: a few
strings in our own words, and for any other string whose only change is an added mnemonic, the
catalogue's translation of the string without it, with the key in Japanese style
(「ファイル名(&N):」).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from ...paths import resources_dir

log = logging.getLogger(__name__)

SOURCE_LANGUAGE = "ja"  # the language of the app's own strings
APP_CATALOGUE = "haip_desktop"  # resources/translations/haip_desktop_<lang>.qm
QT_CATALOGUE = "qtbase"  # widgets, dialogs, print support ("qt_ja" is a meta catalogue that
# also names modules the application does not ship, so it does not load)

_PAGES_TIP = (
    "Specify pages or ranges separated by commas. Ranges are specified by two numbers "
    "separated by a hyphen. E.g: 3,5-7,9 prints pages 3, 5, 6, 7 and 9."
)

# Qt strings the Japanese catalogue lacks, in words Japanese Windows uses for the same labels.
JAPANESE_SUPPLEMENT: dict[tuple[str, str], str] = {
    ("QFileDialog", "&Look in:"): "ファイルの場所(&L):",
    ("QFileDialog", "Files of &type:"): "ファイルの種類(&T):",
    ("QPrintSettingsOutput", "Page &Set:"): "印刷するページ(&S):",
    ("QPrintSettingsOutput", "Pages"): "ページ指定",
    ("QPrintSettingsOutput", _PAGES_TIP): (
        "印刷するページを「,」で区切って入力します。範囲は「-」でつなぎます。"
        "例: 3,5-7,9 で 3、5、6、7、9 ページを印刷します。"
    ),
    ("QPrintSettingsOutput", "Double Sided Printing"): "両面印刷",
    ("QPrintSettingsOutput", "Off"): "しない",
    ("QPrintSettingsOutput", "Long side binding"): "長辺とじ",
    ("QPrintSettingsOutput", "Short side binding"): "短辺とじ",
    ("QAbstractFileIconProvider", "Folder"): "フォルダー",
    ("QAbstractFileIconProvider", "Drive"): "ドライブ",
}

_MNEMONIC = re.compile(r"&(\w)")
_TRAILING = re.compile(r"(\s*(?:[:：]|\.\.\.|…))$")


def app_catalogue_folder() -> Path:
    return resources_dir() / "translations"


def qt_catalogue_folder() -> str:
    return QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)


def application_language(
    system_languages: Sequence[str] | None = None, catalogues: Path | None = None
) -> str:
    """'ja', or the first of the system's UI languages the app has a catalogue for.

    `system_languages` defaults to the system's (e.g. ['en-US', 'en']); `catalogues` to
    the app's translation folder.
    """
    languages = (
        QLocale.system().uiLanguages() if system_languages is None else list(system_languages)
    )
    folder = catalogues if catalogues is not None else app_catalogue_folder()
    for tag in languages:
        language = tag.replace("_", "-").split("-")[0].lower()
        if language == SOURCE_LANGUAGE:
            return SOURCE_LANGUAGE
        if (folder / f"{APP_CATALOGUE}_{language}.qm").is_file():
            return language
    return SOURCE_LANGUAGE


def with_japanese_mnemonic(translation: str, source: str) -> str:
    """「ファイル名:」 for 「File &name:」 becomes 「ファイル名(&N):」."""
    found = _MNEMONIC.search(source)
    if found is None or "&" in translation:
        return translation
    key = f"(&{found.group(1).upper()})"
    trailing = _TRAILING.search(translation)
    if trailing is None:
        return translation + key
    return translation[: trailing.start()] + key + trailing.group(1)


class QtJapaneseSupplement(QTranslator):
    """Japanese for the Qt strings `qtbase_ja.qm` lacks (see the module's docstring).

    Installed before the catalogues, so it is asked last, only for what they did not know.
    """

    def __init__(self, catalogue: QTranslator, parent: QCoreApplication | None = None) -> None:
        super().__init__(parent)
        self._catalogue = catalogue

    def isEmpty(self) -> bool:  # noqa: N802 - Qt override
        return False

    def translate(  # noqa: D102 - Qt override
        self,
        context: str,
        source_text: str,
        disambiguation: str | None = None,
        n: int = -1,
    ) -> str | None:
        # None, not "": Qt takes an empty but non-null string for a translation and would
        # blank every label of the application.
        own = JAPANESE_SUPPLEMENT.get((context, source_text))
        if own is not None:
            return own
        if "&" not in source_text or not context.startswith("Q"):
            return None
        plain = _MNEMONIC.sub(r"\1", source_text)
        found = self._catalogue.translate(context, plain, disambiguation, n)
        return with_japanese_mnemonic(found, source_text) if found else None


def install_translators(app: QCoreApplication, language: str | None = None) -> list[QTranslator]:
    """Install Qt's catalogue and the app's for the application's language (or `language`),
    and make it the default locale of Qt's widgets (dates in the file dialog, for one).

    Returns the installed translators, the one asked first last.
    """
    language = language or application_language()
    installed: list[QTranslator] = []

    def install(translator: QTranslator) -> None:
        app.installTranslator(translator)
        installed.append(translator)

    qt_catalogue = QTranslator(app)
    qt_loaded = qt_catalogue.load(f"{QT_CATALOGUE}_{language}", qt_catalogue_folder())
    if language == SOURCE_LANGUAGE:
        if not qt_loaded:
            log.warning("Qt's Japanese catalogue not found in %s", qt_catalogue_folder())
        install(QtJapaneseSupplement(qt_catalogue, app))
    if qt_loaded:
        install(qt_catalogue)
    if language != SOURCE_LANGUAGE:
        own = QTranslator(app)
        if own.load(f"{APP_CATALOGUE}_{language}", str(app_catalogue_folder())):
            install(own)
    QLocale.setDefault(QLocale(language))
    log.info("Language: %s (Qt catalogue %s)", language, "loaded" if qt_loaded else "missing")
    return installed
