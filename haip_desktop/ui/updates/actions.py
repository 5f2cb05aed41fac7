"""The menu entries of issue 9 and what each opens."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QMenu

from ...guideline import Guideline, GuidelineDataError, load_guideline
from ...paths import bundled_guideline_dir

if TYPE_CHECKING:
    from ..assessment.controller import AssessmentController
    from ..comparisons.carryover_flow import CarryoverFlow
    from ..shell.main_window import MainWindow

log = logging.getLogger(__name__)


class GuidelineUpdateActions(QObject):
    """The menu entries; the views, the dialogs and the carry-over flow are imported when
    first used (the carry-over flow when an assessment document first exists)."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self._carryover: CarryoverFlow | None = None
        self.open_dialogs: dict[str, QDialog] = {}

        self.baseline_action = self._action(
            self.tr("前回の評価から新規作成(&L)…"),
            self.new_from_previous,
            "Ctrl+Shift+N",
            self.tr("昨年度などの評価ファイルから、今回の評価を始める (Ctrl+Shift+N)"),
        )
        self.group_action = self._action(
            self.tr("グループ集計(&G)…"),
            self.open_group_view,
            "Ctrl+Shift+G",
            self.tr("複数の施設の評価ファイルをまとめて集計する (Ctrl+Shift+G)"),
        )
        self.compare_action = self._action(
            self.tr("年度比較(&Y)…"),
            self.open_compare_view,
            "Ctrl+Shift+Y",
            self.tr("同じ施設の二つの評価を比べる (Ctrl+Shift+Y)"),
        )
        self.data_update_action = self._action(
            self.tr("ガイドラインデータの更新(&U)…"),
            self.open_data_update,
            "",
            self.tr("新しい版のガイドラインデータをパックから取り込む"),
        )
        self.changes_action = self._action(
            self.tr("変更点(&D)…"),
            self.open_changes,
            "",
            self.tr("二つのデータ版のあいだで何が変わったかを見る"),
        )
        self.migrate_action = self._action(
            self.tr("評価を使用中のデータ版に移行(&M)…"),
            lambda: self.carryover.offer(),
            "",
            self.tr("開いている評価を、使用中のガイドラインデータに合わせる"),
        )

        self._place_baseline_action()
        self.tools_menu = self._tools_menu()
        for action in (self.group_action, self.compare_action):
            self.tools_menu.addAction(action)
        self.tools_menu.addSeparator()
        for action in (self.data_update_action, self.changes_action, self.migrate_action):
            self.tools_menu.addAction(action)

        window.guideline_changed.connect(self._update_actions)
        self._update_actions()
        assessment_actions = window.assessment_actions  # type: ignore[attr-defined]
        if assessment_actions.has_controller:
            self._controller_created(assessment_actions.controller)
        else:
            assessment_actions.controller_created.connect(self._controller_created)

    @property
    def controller(self) -> AssessmentController:
        return self.window.assessment_controller  # type: ignore[attr-defined]

    @property
    def carryover(self) -> CarryoverFlow:
        """The carry-over of the open assessment to the data in use (built on first use)."""
        if self._carryover is None:
            from ..comparisons.carryover_flow import CarryoverFlow

            self._carryover = CarryoverFlow(self.window)
        return self._carryover

    def _controller_created(self, controller: AssessmentController) -> None:
        """A document can now be opened: watch it for carry-over and for the menu's state."""
        self.carryover.schedule_check()
        controller.document_changed.connect(self._update_actions)
        self._update_actions()

    def _action(self, text: str, slot, shortcut: str, tip: str) -> QAction:  # type: ignore[no-untyped-def]
        action = QAction(text, self.window)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.setStatusTip(tip)
        action.setToolTip(tip)
        action.triggered.connect(lambda _=False: slot())
        self.window.addAction(action)
        return action

    def _place_baseline_action(self) -> None:
        menu = self.window.file_menu
        actions = menu.actions()
        new_action = getattr(getattr(self.window, "assessment_actions", None), "new_action", None)
        before = None
        if new_action in actions:
            index = actions.index(new_action)
            before = actions[index + 1] if index + 1 < len(actions) else None
        elif actions:
            before = actions[0]
        menu.insertAction(before, self.baseline_action)

    def _tools_menu(self) -> QMenu:
        existing = getattr(self.window, "tools_menu", None)
        if isinstance(existing, QMenu):
            return existing
        menu = QMenu(self.tr("ツール(&T)"), self.window)
        menu.setObjectName("toolsMenu")
        bar = self.window.menuBar()
        help_menu = getattr(self.window, "help_menu", None)
        if isinstance(help_menu, QMenu):
            bar.insertMenu(help_menu.menuAction(), menu)
        else:
            bar.addMenu(menu)
        self.window.tools_menu = menu  # type: ignore[attr-defined]
        return menu

    def _update_actions(self) -> None:
        has_data = self.window.guideline is not None
        for action in (
            self.baseline_action,
            self.group_action,
            self.compare_action,
            self.changes_action,
        ):
            action.setEnabled(has_data)
        self.migrate_action.setEnabled(
            self._carryover is not None and self._carryover.needs_carryover()
        )

    # -- opening ----------------------------------------------------------------------------

    def _show(self, name: str, dialog: QDialog) -> QDialog:
        old = self.open_dialogs.get(name)
        if old is not None:
            old.close()
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.destroyed.connect(lambda *_: self.open_dialogs.pop(name, None))
        self.open_dialogs[name] = dialog
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()
        return dialog

    def open_data_update(self) -> QDialog:
        from .data_update_dialog import DataUpdateDialog

        return self._show("data_update", DataUpdateDialog(self.window))

    def open_changes(self) -> QDialog | None:
        """Changes from the data the open assessment was made against (or the bundled data)
        to the data in use."""
        from ...assessment.carryover import guideline_for
        from .changes_view import ChangesView

        current = self.window.guideline
        if current is None:
            return None
        old: Guideline | None = None
        assessment = self.controller.assessment
        if assessment is not None and assessment.guideline.data_version != current.data_version:
            old = guideline_for(assessment, current)
        if old is None:
            try:
                old = load_guideline(bundled_guideline_dir())
            except GuidelineDataError:
                old = current
        return self._show("changes", ChangesView(old, current, self.window))

    def open_group_view(self) -> QDialog | None:
        from ..comparisons.group_view import GroupView

        if self.window.guideline is None:
            return None
        return self._show("group", GroupView(self.window.guideline, self.window))

    def open_compare_view(self) -> QDialog | None:
        from ..comparisons.compare_view import CompareView

        if self.window.guideline is None:
            return None
        view = CompareView(self.window.guideline, self.window)
        if self.controller.assessment is not None and self.controller.path is not None:
            view.set_newer_path(self.controller.path)
        return self._show("compare", view)

    def new_from_previous(self) -> bool:
        from ..comparisons.baseline_dialog import BaselineDialog

        guideline = self.window.guideline
        if guideline is None:
            return False
        dialog = BaselineDialog(guideline, self.window)
        self.baseline_dialog = dialog
        if not dialog.choose_previous():
            return False
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.result_assessment is None:
            return False
        started = self.controller.start_document(dialog.result_assessment, dialog.who)
        if started:
            actions = getattr(self.window, "assessment_actions", None)
            if actions is not None:
                actions.show_answers()
            self.window.statusBar().showMessage(
                self.tr("前回の評価から新しい評価を作りました。保存してください。"), 10000
            )
        return started
