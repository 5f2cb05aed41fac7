"""Unsaved work written to a recovery file (every 30 s and on each status change), and
offered back after a crash or a power cut.

The recovery file is never the document itself: saving the document discards it, and so
does closing without saving.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QMessageBox, QWidget

from ...assessment.recovery import (
    Recovery,
    discard_recovery,
    find_recoveries,
    recovery_key,
    write_recovery,
)
from ..widgets import prompts

if TYPE_CHECKING:
    from ...assessment.models import Assessment
    from ..shell.protocol import Shell

log = logging.getLogger(__name__)

AUTOSAVE_INTERVAL_MS = 30_000


class Document(Protocol):
    """What the recovery flow uses of the open document (the AssessmentController)."""

    @property
    def assessment(self) -> Assessment | None: ...
    @property
    def path(self) -> Path | None: ...
    @property
    def dirty(self) -> bool: ...
    @property
    def read_only(self) -> bool: ...
    @property
    def parent_widget(self) -> QWidget: ...
    @property
    def shell(self) -> Shell: ...

    def close_document(self) -> bool: ...

    def adopt_recovered(self, assessment: Assessment, original_path: Path | None) -> None: ...


class RecoveryFlow(QObject):
    """The open document's recovery file, and the offer to restore one after a crash."""

    def __init__(self, controller: Document, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.key: str | None = None  # the open document's recovery file
        self.timer = QTimer(self)
        self.timer.setInterval(AUTOSAVE_INTERVAL_MS)
        self.timer.timeout.connect(self.autosave)

    # -- the open document's recovery file ---------------------------------------------------

    def follow(self, path: Path | None) -> None:
        """The document is `path` (None: a new, untitled one)."""
        self.key = recovery_key(path)

    def move_to(self, path: Path) -> None:
        """The document was saved under a new name: its recovery file follows it."""
        old = self.key
        self.key = recovery_key(path)
        if old and old != self.key:
            discard_recovery(old)

    def autosave(self) -> None:
        """Write unsaved work to the recovery file (never to the document itself)."""
        c = self.controller
        if c.assessment is None or c.read_only or not c.dirty or not self.key:
            return
        try:
            write_recovery(c.assessment, self.key, c.path)
        except OSError as exc:
            log.warning("Autosave to the recovery file failed: %s", exc)

    def discard(self) -> None:
        """Nothing unsaved is left (saved, or the person chose to discard)."""
        if self.key:
            discard_recovery(self.key)

    def stop(self) -> None:
        """The document is closed."""
        self.timer.stop()
        self.key = None

    # -- after a crash ----------------------------------------------------------------------

    def pending(self) -> list[Recovery]:
        return find_recoveries()

    def offer(self) -> bool:
        """Offer the autosaved work back, one file at a time. True when something was restored."""
        for recovery in self.pending():
            choice = self._ask(recovery)
            if choice == "restore":
                return self.restore(recovery)
            if choice == "discard":
                recovery.discard()
                log.info("Discarded recovery file %s", recovery.file)
        return False

    def _ask(self, recovery: Recovery) -> str:
        when = recovery.saved_at.astimezone().strftime("%Y-%m-%d %H:%M")
        where = (
            str(recovery.original_path)
            if recovery.original_path
            else self.tr("（未保存の新しい評価）")
        )
        text = (
            self.tr(
                "前回、保存されないまま終了した評価があります。\n"
                "施設: %1\nファイル: %2\n自動保存: %3（回答済み %4 件）\n復元しますか？"
            )
            .replace("%1", recovery.facility_name)
            .replace("%2", where)
            .replace("%3", when)
            .replace("%4", str(recovery.answered))
        )
        detail = self.tr("「破棄」を選ぶと、この自動保存は削除されます。")
        if recovery.original_changed_since:
            detail = self.tr(
                "この自動保存のあとで元のファイルが保存されています。"
                "復元すると、元のファイルより古い内容になることがあります。"
            )
        return prompts.ask(
            self.controller.parent_widget,
            self.tr("作業の復元"),
            text,
            [
                ("restore", self.tr("復元する"), QMessageBox.ButtonRole.AcceptRole),
                ("discard", self.tr("破棄する"), QMessageBox.ButtonRole.DestructiveRole),
                ("later", self.tr("あとで決める"), QMessageBox.ButtonRole.RejectRole),
            ],
            "restore",
            detail=detail,
        )

    def restore(self, recovery: Recovery) -> bool:
        """Make the recovered work the open document (unsaved, so that the person checks it)."""
        controller = self.controller
        if not controller.close_document():
            return False
        try:
            assessment = recovery.load()
        except (OSError, ValueError) as exc:
            log.error("Recovery file %s unreadable: %s", recovery.file, exc)
            prompts.show_error(
                controller.parent_widget,
                self.tr("復元できません"),
                self.tr("自動保存のファイルを読み込めませんでした: %1").replace(
                    "%1", str(recovery.file)
                ),
            )
            return False
        self.key = recovery.key
        controller.adopt_recovered(assessment, recovery.original_path)
        controller.shell.show_status(
            self.tr("自動保存から復元しました。内容を確かめて保存してください。"), 10000
        )
        log.info("Restored work from recovery file %s", recovery.file)
        return True
