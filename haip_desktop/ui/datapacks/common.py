"""Small pieces shared by the views of issue 9: headings, file choosers, busy cursor, HTML."""

from __future__ import annotations

import html
import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)

from ...paths import default_assessment_dir

log = logging.getLogger(__name__)

T = TypeVar("T")

# Text highlighting of changed characters, the same colours as the change PDF.
REMOVED_BACK = "#F6D5D5"
ADDED_BACK = "#D3EDD3"
REMOVED_INK = "#8a1c1c"
ADDED_INK = "#1e5b2a"
KIND_COLOURS = {  # background, text
    "added": (ADDED_BACK, ADDED_INK),
    "removed": (REMOVED_BACK, REMOVED_INK),
    "changed": ("#fff1d6", "#7a4b00"),
}

# A little air between the rows of the lists (the default is tight for Japanese text).
ROOMY_ROWS = "QTreeView::item { padding: 3px 0px; }"
GROUP_BACKGROUND = "#eef2f6"  # the rows that head a group of items in a tree


def tr(text: str) -> str:
    return QCoreApplication.translate("GuidelineUpdates", text)


def esc(text: str) -> str:
    return html.escape(text, quote=False).replace("\n", "<br>")


def highlighted_html(spans: list[tuple[str, bool]], *, removed: bool) -> str:
    """HTML of text pieces with the changed ones marked (struck out / underlined on colour)."""
    parts = []
    for piece, changed in spans:
        if not changed:
            parts.append(esc(piece))
        elif removed:
            parts.append(
                f'<s style="background:{REMOVED_BACK}; color:{REMOVED_INK}">{esc(piece)}</s>'
            )
        else:
            parts.append(f'<u style="background:{ADDED_BACK}; color:{ADDED_INK}">{esc(piece)}</u>')
    return "".join(parts) or f"<i>{esc(tr('（なし）'))}</i>"


def group_row(tree: QTreeWidget, title: str, count: int) -> QTreeWidgetItem:
    """A bold, tinted group row spanning the tree: 「title（count 件）」."""
    group = QTreeWidgetItem(
        tree, [tr("%1（%2 件）").replace("%1", title).replace("%2", str(count))]
    )
    group.setFirstColumnSpanned(True)
    font = group.font(0)
    font.setBold(True)
    group.setFont(0, font)
    group.setBackground(0, QBrush(QColor(GROUP_BACKGROUND)))
    return group


def heading(text: str, parent: QWidget, *, scale: float = 1.25) -> QLabel:
    label = QLabel(text, parent)
    label.setObjectName("pageHeading")
    font = QFont(label.font())
    font.setPointSizeF(font.pointSizeF() * scale)
    font.setBold(True)
    label.setFont(font)
    label.setWordWrap(True)
    return label


def note(text: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def grow_to_fit(dialog: QWidget) -> None:
    """Grow a dialog to its preferred size (larger text needs more room), within the screen."""
    layout = dialog.layout()
    if layout is not None:
        layout.activate()
    hint = dialog.sizeHint()
    screen = dialog.screen()
    room = screen.availableGeometry() if screen is not None else None
    width, height = max(dialog.width(), hint.width()), max(dialog.height(), hint.height())
    if room is not None:
        width, height = min(width, room.width()), min(height, room.height())
    if (width, height) != (dialog.width(), dialog.height()):
        dialog.resize(width, height)


@contextmanager
def busy() -> Iterator[None]:
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        yield
    finally:
        QApplication.restoreOverrideCursor()


def run_busy(work: Callable[[], T]) -> T:
    with busy():
        return work()


def write_or_explain(parent: QWidget, path: Path, write: Callable[[], object]) -> bool:
    """Write an export with the busy cursor; when the OS refuses, tell the person in Japanese
    where and why, and what to do. True when the file was written."""
    from ...oserrors import describe_os_error
    from ..widgets import prompts

    try:
        with busy():
            write()
    except OSError as exc:
        log.error("Could not write %s: %s", path, exc)
        prompts.show_error(
            parent,
            tr("保存できません"),
            tr("「%1」に書き込めませんでした（%2）。別の場所を選んでください。")
            .replace("%1", str(path))
            .replace("%2", describe_os_error(exc)),
        )
        return False
    log.info("Saved %s", path)
    return True


def start_folder(hint: Path | None = None) -> str:
    for folder in (hint, default_assessment_dir(), Path.home()):
        if folder is not None and folder.is_dir():
            return str(folder)
    return ""


def choose_open_file(parent: QWidget, title: str, filters: str, folder: Path | None = None):  # type: ignore[no-untyped-def]
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
    return tr("評価ファイル (%1);;すべてのファイル (*)").replace("%1", patterns)


def pdf_filter() -> str:
    return tr("PDF ファイル (*.pdf)")


def csv_filter() -> str:
    return tr("CSV ファイル (*.csv)")


def pack_filter() -> str:
    return tr("ガイドラインデータのパック (*.haippack *.zip);;すべてのファイル (*)")
