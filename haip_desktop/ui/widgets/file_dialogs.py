"""Choosing files and folders, the file-type filters, and writing an export or explaining why not.

Every chooser starts in a folder that exists (the hint, the assessments folder, or home).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QWidget

from ...paths import default_assessment_dir
from .busy import busy

log = logging.getLogger(__name__)


def _tr(text: str) -> str:
    return QCoreApplication.translate("GuidelineUpdates", text)


def start_folder(hint: Path | None = None) -> str:
    for folder in (hint, default_assessment_dir(), Path.home()):
        if folder is not None and folder.is_dir():
            return str(folder)
    return ""


def choose_open_file(
    parent: QWidget, title: str, filters: str, folder: Path | None = None
) -> Path | None:
    chosen, _ = QFileDialog.getOpenFileName(parent, title, start_folder(folder), filters)
    return Path(chosen) if chosen else None


def choose_open_files(parent: QWidget, title: str, filters: str) -> list[Path]:
    chosen, _ = QFileDialog.getOpenFileNames(parent, title, start_folder(), filters)
    return [Path(p) for p in chosen]


def choose_folder(parent: QWidget, title: str) -> Path | None:
    chosen = QFileDialog.getExistingDirectory(parent, title, start_folder())
    return Path(chosen) if chosen else None


def choose_save_file(parent: QWidget, title: str, suggested: Path, filters: str) -> Path | None:
    chosen, _ = QFileDialog.getSaveFileName(parent, title, str(suggested), filters)
    if not chosen:
        return None
    path = Path(chosen)
    wanted = Path(suggested).suffix
    return path if path.suffix or not wanted else path.with_suffix(wanted)


def assessment_filter() -> str:
    """Assessment files: .haipeval, and .json as older versions of the app saved them."""
    from ...assessment.store import ASSESSMENT_SUFFIXES  # the core only when a file is chosen

    patterns = " ".join(f"*{suffix}" for suffix in ASSESSMENT_SUFFIXES)
    return _tr("評価ファイル (%1);;すべてのファイル (*)").replace("%1", patterns)


def pdf_filter() -> str:
    return _tr("PDF ファイル (*.pdf)")


def csv_filter() -> str:
    return _tr("CSV ファイル (*.csv)")


def xlsx_filter() -> str:
    return _tr("Excel ブック (*.xlsx);;すべてのファイル (*)")


def pack_filter() -> str:
    return _tr("ガイドラインデータのパック (*.haippack *.zip);;すべてのファイル (*)")


def write_or_explain(parent: QWidget, path: Path, write: Callable[[], object]) -> bool:
    """Write an export with the busy cursor; when the OS refuses, tell the person in Japanese
    where and why, and what to do. True when the file was written."""
    from ...oserrors import describe_os_error
    from . import prompts

    try:
        with busy():
            write()
    except OSError as exc:
        log.error("Could not write %s: %s", path, exc)
        prompts.show_error(
            parent,
            _tr("保存できません"),
            _tr("「%1」に書き込めませんでした（%2）。別の場所を選んでください。")
            .replace("%1", str(path))
            .replace("%2", describe_os_error(exc)),
        )
        return False
    log.info("Saved %s", path)
    return True
