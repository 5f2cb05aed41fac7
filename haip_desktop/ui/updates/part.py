"""Keeping the guideline data up to date, in the window: ツール → ガイドラインデータの更新…
(import a newer data pack) and 変更点… (what changed between two data versions).

Carrying an open assessment over to the new data is the comparisons part's (it follows
`guideline_changed`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QDialog

from ...guideline import Guideline, GuidelineDataError, load_guideline
from ...paths import bundled_guideline_dir
from ..shell.protocol import MenuAnchor, Shell
from ..widgets.actions import make_action
from ..widgets.dialogs import show_one

if TYPE_CHECKING:  # the dialogs (and the diff, the packs) are imported when first opened
    from .changes_view import ChangesView
    from .data_update_dialog import DataUpdateDialog


class UpdatesPart(QObject):
    def __init__(self, shell: Shell) -> None:
        super().__init__(shell.widget)
        self.shell = shell
        self.open_dialogs: dict[str, QDialog] = {}
        self.data_update_action = make_action(
            self,
            self.tr("ガイドラインデータの更新(&U)…"),
            self.open_data_update,
            tip=self.tr("新しい版のガイドラインデータをパックから取り込む"),
        )
        self.changes_action = make_action(
            self,
            self.tr("変更点(&D)…"),
            self.open_changes,
            tip=self.tr("二つのデータ版のあいだで何が変わったかを見る"),
        )
        for action in (self.data_update_action, self.changes_action):
            shell.add_action(action, MenuAnchor.TOOLS_DATA)
        shell.guideline_changed.connect(self._update_actions)
        self._update_actions()

    def _update_actions(self) -> None:
        self.changes_action.setEnabled(self.shell.guideline is not None)

    def open_data_update(self) -> DataUpdateDialog:
        from .data_update_dialog import DataUpdateDialog

        return show_one(self.open_dialogs, "data_update", DataUpdateDialog(self.shell))

    def open_changes(self) -> ChangesView | None:
        """Changes from the data the open assessment was made against (or the bundled data)
        to the data in use."""
        from ...assessment.carryover import guideline_for
        from .changes_view import ChangesView

        current = self.shell.guideline
        if current is None:
            return None
        old: Guideline | None = None
        assessment = self.shell.assessment_context.assessment
        if assessment is not None and assessment.guideline.data_version != current.data_version:
            old = guideline_for(assessment, current)
        if old is None:
            try:
                old = load_guideline(bundled_guideline_dir())
            except GuidelineDataError:
                old = current
        view = ChangesView(old, current, self.shell.widget)
        return show_one(self.open_dialogs, "changes", view)


def install(shell: Shell) -> UpdatesPart:
    return UpdatesPart(shell)
