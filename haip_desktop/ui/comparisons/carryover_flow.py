"""Carrying the open assessment over when it was made against other guideline data.

When an assessment is opened (or the data is updated while one is open) and its data
version differs from the data in use, the person first sees what changes for this file
(CarryoverDialog); only after they choose, the core migrates a copy (carryover.py), which is
saved as a new file beside the old one by default, or over the old file after an explicit
confirmation (the previous version stays in the backups).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QMessageBox

from ...assessment.carryover import (
    guideline_for,
    migrate_assessment,
    migrated_file_name,
    preview_carryover,
)
from ...assessment.models import Assessment
from ..widgets import prompts
from ..widgets.busy import busy
from ..widgets.file_dialogs import assessment_filter, choose_save_file, start_folder
from .carryover_dialog import NEW_FILE, OVERWRITE, CarryoverDialog

if TYPE_CHECKING:
    from ..assessment.part import AssessmentPart
    from ..shell.protocol import Shell

log = logging.getLogger(__name__)


class CarryoverFlow(QObject):
    def __init__(self, shell: Shell, assessment: AssessmentPart) -> None:
        super().__init__(shell.widget)
        self.shell = shell
        self.assessment = assessment
        self.controller = assessment.controller
        self.dialog: CarryoverDialog | None = None
        self._declined: set[tuple[str, str, str]] = set()
        self._scheduled = False
        self.controller.document_changed.connect(self.schedule_check)
        shell.guideline_changed.connect(self.schedule_check)

    # -- when -------------------------------------------------------------------------------

    def needs_carryover(self) -> bool:
        a, g = self.controller.assessment, self.shell.guideline
        return (
            a is not None
            and g is not None
            and a.guideline.id == g.id
            and a.guideline.data_version != g.data_version
        )

    def schedule_check(self) -> None:
        if not self._scheduled:
            self._scheduled = True
            QTimer.singleShot(0, self._check)

    def _key(self) -> tuple[str, str, str]:
        a, g = self.controller.assessment, self.shell.guideline
        assert a is not None and g is not None
        return (str(self.controller.path or id(a)), a.guideline.data_version, g.data_version)

    def _check(self) -> None:
        self._scheduled = False
        if self.dialog is not None or not self.needs_carryover():
            return
        if self._key() in self._declined:
            return
        self.offer(ask_again=False)

    # -- offering ---------------------------------------------------------------------------

    def offer(self, *, ask_again: bool = True) -> bool:
        """Show what carrying the open assessment over would do (non-blocking dialog)."""
        if self.dialog is not None or not self.needs_carryover():
            return False
        a, g = self.controller.assessment, self.shell.guideline
        assert a is not None and g is not None
        with busy():
            old = guideline_for(a, g)
        if old is not None and old.info.data_date > g.info.data_date:
            self._declined.add(self._key())
            self.shell.show_status(
                self.tr(
                    "この評価は、使用中のデータ（データ版 %1）より新しいデータ版 %2 で作られています。"
                    "「ガイドラインデータの更新」で新しいデータを使うと、そのまま評価できます。"
                )
                .replace("%1", g.data_version)
                .replace("%2", a.guideline.data_version),
                15000,
            )
            return False
        with busy():
            preview = preview_carryover(a, g, old)
        dialog = CarryoverDialog(
            preview,
            a,
            g,
            file_name=self.controller.display_name,
            can_overwrite=self.controller.path is not None and not self.controller.read_only,
            parent=self.shell.widget,
        )
        self.dialog = dialog
        dialog.finished.connect(lambda _r: self._decided(dialog, a))
        dialog.open()
        return True

    def _decided(self, dialog: CarryoverDialog, original: Assessment) -> None:
        self.dialog = None
        dialog.deleteLater()
        if self.controller.assessment is not original:
            return  # the document changed meanwhile
        if dialog.choice == NEW_FILE:
            self.migrate_to_new_file(dialog)
        elif dialog.choice == OVERWRITE:
            self.migrate_over_original(dialog)
        else:
            self._declined.add(self._key())
            self.shell.show_status(
                self.tr(
                    "この評価はデータ版 %1 に基づいたままです。"
                    "「ツール → 評価を使用中のデータ版に移行…」でいつでも移行できます。"
                ).replace("%1", original.guideline.data_version),
                15000,
            )

    # -- migrating --------------------------------------------------------------------------

    def _migrated(self, dialog: CarryoverDialog) -> Assessment:
        return migrate_assessment(dialog.assessment, dialog.preview, who=self.controller.who)

    def migrate_to_new_file(self, dialog: CarryoverDialog) -> bool:
        path = self.controller.path
        base = (
            path if path is not None else Path(start_folder()) / self.controller._suggested_name()
        )
        target = choose_save_file(
            self.shell.widget,
            self.tr("移行した評価を新しいファイルに保存"),
            migrated_file_name(base, dialog.preview.to_version),
            assessment_filter(),
        )
        if target is None:
            self.shell.show_status(self.tr("移行を取りやめました。評価は変わっていません。"), 8000)
            return False
        return self._apply(dialog, lambda: self.controller.save_as(target))

    def migrate_over_original(self, dialog: CarryoverDialog) -> bool:
        path = self.controller.path
        if path is None:
            return self.migrate_to_new_file(dialog)
        choice = prompts.ask(
            self.shell.widget,
            self.tr("元のファイルに上書き"),
            self.tr("「%1」を、移行した評価で上書きします。よろしいですか？").replace(
                "%1", str(path)
            ),
            [
                ("overwrite", self.tr("上書きする"), QMessageBox.ButtonRole.AcceptRole),
                ("cancel", self.tr("キャンセル"), QMessageBox.ButtonRole.RejectRole),
            ],
            "cancel",
            detail=self.tr(
                "上書きする前の内容は、同じフォルダのバックアップ（.haip-backup）に残ります。"
                "古いデータ版のまま使う人がいる場合は、新しいファイルに保存してください。"
            ),
            icon=QMessageBox.Icon.Warning,
        )
        if choice != "overwrite":
            return False
        return self._apply(dialog, self.controller.save)

    def _apply(self, dialog: CarryoverDialog, save: Callable[[], bool]) -> bool:
        original = dialog.assessment
        was_dirty = self.controller.dirty
        migrated = self._migrated(dialog)
        self.controller.replace_assessment(migrated)
        if not save():
            # Nothing was written: put the unmigrated document back as it was.
            self.controller.replace_assessment(original, dirty=was_dirty)
            return False
        preview = dialog.preview
        log.info(
            "Carried an assessment over from data version %s to %s",
            preview.from_version,
            preview.to_version,
        )
        self.shell.show_status(
            self.tr("データ版 %1 に移行しました: %2")
            .replace("%1", preview.to_version)
            .replace("%2", preview.summary()),
            15000,
        )
        self.assessment.show_answers()
        return True
