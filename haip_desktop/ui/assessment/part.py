"""The facility self-assessment in the window: its page, the ファイル menu's entries
(新規評価, 開く, 最近使ったファイル, 保存, 名前を付けて保存, 評価を閉じる), 自己評価 in 移動 and
on the toolbar, the command line's file, a close guard for unsaved changes, and the offer to
restore work after a crash.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QWidget

from ..shell.navigation import Location
from ..shell.protocol import MenuAnchor, Shell
from ..widgets.actions import Keys, make_action
from .excel_actions import ExcelActions

if TYPE_CHECKING:
    from .controller import AssessmentController
    from .new_assessment_dialog import NewAssessmentDialog

PAGE = "assessment"  # the page's name in the window (assessment_page.PAGE)


class AssessmentPart(QObject):
    """新規評価 / 開く / 最近使ったファイル / 保存 / 名前を付けて保存 / 閉じる, and 自己評価.

    The menu entries exist from the start; the document controller, the page and the
    dialogs (and with them the assessment core and pydantic) are imported and built the
    first time they are needed, so that the window appears sooner. Other parts reach the
    document through `controller` (or wait for `controller_created`).
    """

    controller_created = Signal(object)  # AssessmentController

    def __init__(self, shell: Shell) -> None:
        super().__init__(shell.widget)
        self.shell = shell
        self._controller: AssessmentController | None = None
        self._recovery_offered = False
        self.new_dialog: NewAssessmentDialog | None = None

        shell.register_page(PAGE, self._build_page)

        key = QKeySequence
        self.new_action = self._action(
            self.tr("新規評価(&N)…"), self.new_assessment, key.StandardKey.New
        )
        self.open_action = self._action(self.tr("開く(&O)…"), self.open, key.StandardKey.Open)
        self.save_action = self._action(
            self.tr("保存(&S)"), lambda: self.controller.save(), key.StandardKey.Save
        )
        self.save_as_action = self._action(
            self.tr("名前を付けて保存(&A)…"),
            lambda: self.controller.save_as(),
            [key("Ctrl+Shift+S")],
        )
        self.close_action = self._action(self.tr("評価を閉じる(&C)"), self.close, [key("Ctrl+W")])
        self.go_action = self._action(
            self.tr("自己評価(&E)"),
            self.show_page,
            [key("Ctrl+5")],
            self.tr("施設の自己評価 (Ctrl+5)"),
        )
        self.recent_menu = QMenu(self.tr("最近使ったファイル(&R)"), shell.widget)
        self.recent_menu.setObjectName("recentMenu")
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)

        for action in (self.new_action, self.open_action, self.recent_menu.menuAction()):
            shell.add_action(action, MenuAnchor.FILE_DOCUMENT)
        for action in (self.save_action, self.save_as_action, self.close_action):
            shell.add_action(action, MenuAnchor.FILE_SAVE)
        self.go_action.setIconText(self.tr("自己評価"))
        shell.add_page_action(PAGE, self.go_action, MenuAnchor.GO_ASSESSMENT)
        # 回答を取り込む…, 質問票を作成…, Excel に書き出す… (issue 13)
        self.excel = ExcelActions(shell, lambda: self._controller, self.controller_created)

        shell.set_file_open_handler(self.open_path)
        shell.add_close_guard(self._window_closing)
        shell.guideline_changed.connect(self._guideline_ready)
        self._update_actions()
        if shell.guideline is not None:
            self._guideline_ready()

    @property
    def controller(self) -> AssessmentController:
        """The window's assessment document (built on first use)."""
        if self._controller is None:
            from .controller import AssessmentController

            self._controller = AssessmentController(self.shell)
            self._controller.document_changed.connect(self._update_actions)
            self._update_actions()
            self.controller_created.emit(self._controller)
        return self._controller

    @property
    def has_controller(self) -> bool:
        return self._controller is not None

    def _build_page(self) -> QWidget:
        from .assessment_page import AssessmentPage

        return AssessmentPage(self.shell, self.controller)

    def _action(self, text: str, slot: Callable[[], object], keys: Keys, tip: str = "") -> QAction:
        return make_action(self, text, slot, keys, tip)

    def _update_actions(self) -> None:
        has_document = self._controller is not None and self._controller.assessment is not None
        for action in (self.save_action, self.save_as_action, self.close_action):
            action.setEnabled(has_document)

    # -- commands ---------------------------------------------------------------------------

    def show_page(self) -> None:
        if self.shell.guideline is not None:
            self.shell.navigate(Location(PAGE))

    def new_assessment(self) -> bool:
        guideline = self.shell.guideline
        if guideline is None:
            return False
        from .new_assessment_dialog import NewAssessmentDialog

        dialog = NewAssessmentDialog(guideline, self.shell.widget)
        self.new_dialog = dialog
        try:
            if dialog.exec() != NewAssessmentDialog.DialogCode.Accepted:
                return False
            setup = dialog.result_setup
        finally:
            self.new_dialog = None
        if setup is None:
            return False
        created = self.controller.create(
            setup.facility,
            assessors=setup.assessors,
            assessment_date=setup.assessment_date,
            scope=setup.scope,
            products=setup.products,
        )
        if created:
            self.show_answers()
        return created

    def open(self) -> bool:
        path = self.controller.ask_open_path()
        return self.open_path(path) if path is not None else False

    def open_path(self, path: Path) -> bool:
        opened = self.controller.open_file(path)
        if opened:
            self.show_answers()
        return opened

    def close(self) -> bool:
        return self.controller.close_document()

    def show_answers(self) -> None:
        if self.shell.guideline is None:
            return
        page = self.shell.page(PAGE)
        from .assessment_page import AssessmentPage

        if isinstance(page, AssessmentPage):
            page.show_answers()  # the first part of a new document, the list ready for keys
        else:
            self.shell.navigate(Location(PAGE))

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        files = self.controller.recent_files()
        for number, path in enumerate(files, start=1):
            action = self.recent_menu.addAction(f"&{number} {path.name}　({path.parent})")
            action.setToolTip(str(path))
            action.triggered.connect(lambda _=False, p=path: self.open_path(p))
        if not files:
            empty = self.recent_menu.addAction(self.tr("（まだありません）"))
            empty.setEnabled(False)

    # -- window events -----------------------------------------------------------------------

    def _window_closing(self) -> bool:
        if self._controller is None:  # no document was ever opened
            return True
        if not self.controller.close_document():
            return False
        self.controller.shutdown()
        return True

    def _guideline_ready(self) -> None:
        if self._recovery_offered:
            return
        self._recovery_offered = True
        QTimer.singleShot(0, self._offer_recovery)

    def _offer_recovery(self) -> None:
        from ...paths import has_recovery_files

        if not has_recovery_files():  # the usual case: nothing to load, no controller yet
            return
        if self.controller.offer_recovery():
            self.show_answers()


def install(shell: Shell) -> AssessmentPart:
    """Add the assessment part; its document controller is built the first time it is used."""
    return AssessmentPart(shell)
