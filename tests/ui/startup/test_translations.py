"""Qt's own dialogs speak the application's language (Japanese), whatever the system's locale."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QTranslator

from haip_desktop.ui.startup.translations import (
    QtJapaneseSupplement,
    application_language,
    qt_catalogue_folder,
    with_japanese_mnemonic,
)

# Under LANG=C: the file dialog (open and save) and the print dialog, every text a person can
# see in them, as the application shows them.
DIALOG_TEXTS = r"""
import json, sys
from PySide6.QtWidgets import (QAbstractButton, QComboBox, QFileDialog, QGroupBox, QLabel,
    QTabWidget, QTreeView, QWidget)
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from haip_desktop.ui.app import create_application
app = create_application(["haip-desktop"])

def texts(dialog):
    found = [dialog.windowTitle()]
    for widget in dialog.findChildren(QWidget):
        if isinstance(widget, (QLabel, QAbstractButton)):
            found.append(widget.text())
        if isinstance(widget, QGroupBox):
            found.append(widget.title())
        if isinstance(widget, QTabWidget):
            found += [widget.tabText(i) for i in range(widget.count())]
        if isinstance(widget, QComboBox) and widget.objectName() != "lookInCombo":
            found += [widget.itemText(i) for i in range(widget.count())]
        if isinstance(widget, QTreeView) and widget.model() is not None:
            model = widget.model()
            found += [str(model.headerData(i, Qt.Orientation.Horizontal))
                      for i in range(model.columnCount())]
    return [t for t in found if t]

shown = {}
files = QFileDialog(None, "評価ファイルを開く", sys.argv[1], "評価ファイル (*.haipeval)")
files.setOption(QFileDialog.Option.DontUseNativeDialog, True)
files.show()
app.processEvents()
shown["open"] = texts(files)
files.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
app.processEvents()
shown["save"] = texts(files)
files.close()
printer = QPrinter()  # kept: the dialog holds a pointer to it
printing = QPrintDialog(printer)
printing.setWindowTitle("報告書を印刷")
printing.show()
app.processEvents()
shown["print"] = texts(printing)
print(json.dumps(shown, ensure_ascii=False))
"""

# What may stay in Latin letters: file types and names the person chose, paper and printer
# names, and the program's own name.
ALLOWED = re.compile(
    r"\*\.\w+|PDF|A4|A3|B5|Letter|Legal|Executive|Tabloid|CUPS|Ctrl|\w+\.pdf|/[\w/.-]*"
    r"|haipeval|print",
    re.IGNORECASE,
)


def english_words(text: str) -> list[str]:
    return re.findall(r"[A-Za-z]{3,}", ALLOWED.sub("", text))


def test_file_and_print_dialogs_are_japanese_under_lang_c(tmp_path: Path):
    env = dict(os.environ, LANG="C", LC_ALL="C", LANGUAGE="", QT_QPA_PLATFORM="offscreen")
    run = subprocess.run(
        [sys.executable, "-c", DIALOG_TEXTS, str(tmp_path)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    shown = json.loads(run.stdout.strip().splitlines()[-1])
    assert "ファイルの場所(&L):" in shown["open"]  # 「Look in:」
    assert "ファイルの種類(&T):" in shown["open"]  # 「Files of type:」
    assert "ファイル名(&N):" in shown["open"]
    assert any("キャンセル" in t for t in shown["open"])
    assert any("保存" in t for t in shown["save"])
    assert any("印刷" in t for t in shown["print"])
    for dialog, texts in shown.items():
        english = {t: english_words(t) for t in texts if english_words(t)}
        assert not english, f"English in the {dialog} dialog: {english}"


def test_the_application_language_is_japanese_unless_the_app_speaks_the_systems(
    tmp_path: Path,
):
    assert application_language(["C"], tmp_path) == "ja"
    assert application_language(["en-US", "en"], tmp_path) == "ja"  # no English catalogue
    assert application_language(["ja-JP", "ja"], tmp_path) == "ja"
    (tmp_path / "haip_desktop_en.qm").write_bytes(b"")
    assert application_language(["en-US", "en"], tmp_path) == "en"
    assert application_language(["de-DE", "en-US"], tmp_path) == "en"


def test_mnemonics_take_the_japanese_form():
    assert with_japanese_mnemonic("ファイル名:", "File &name:") == "ファイル名(&N):"
    assert with_japanese_mnemonic("開く", "&Open") == "開く(&O)"
    assert with_japanese_mnemonic("詳細…", "&Details...") == "詳細(&D)…"
    assert with_japanese_mnemonic("開く(&O)", "&Open") == "開く(&O)"  # already has one


def test_supplement_answers_only_for_what_the_catalogue_lacks(qapp):
    catalogue = QTranslator()
    assert catalogue.load("qtbase_ja", qt_catalogue_folder())
    supplement = QtJapaneseSupplement(catalogue)
    assert supplement.translate("QFileDialog", "&Look in:") == "ファイルの場所(&L):"
    # Any other Qt string whose only change is an added mnemonic: the catalogue's words.
    assert supplement.translate("QFileDialog", "Files &of type:") == "ファイルの種類(&O):"
    # The application's own strings are its source text: no answer (None, not "", which Qt
    # would take for an empty translation and blank the label).
    assert supplement.translate("MainWindow", "ファイル(&F)") is None
    assert supplement.translate("QFileDialog", "Nothing like this") is None
