"""Excel in and out of the open assessment (issue 13), in the ファイル menu:

- Excel に書き出す…: the assessment as an .xlsx workbook;
- 質問票を作成…: a questionnaire for a department (its steps) or a vendor (one tool);
- 回答を取り込む…: a filled questionnaire read back, previewed (answer_import_dialog), then
  taken into the document through the core's editing (each change in the history with the
  respondent and the file) and saved with the usual atomic save and backup.

Workbooks are written and read off the UI thread (widgets/background.py), from a copy of the
assessment. openpyxl and the workbook modules are imported only then, never at start-up.
The entries are enabled while an assessment is open (回答を取り込む only when it is editable).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction

from ...paths import default_assessment_dir
from ..shell.protocol import MenuAnchor, Shell
from ..widgets import prompts
from ..widgets.actions import make_action
from ..widgets.background import BackgroundTask, TaskControl, describe_failure
from ..widgets.file_dialogs import choose_open_file, choose_save_file, xlsx_filter

if TYPE_CHECKING:
    from PySide6.QtCore import SignalInstance

    from ...assessment.answer_import import AnswerImport, FieldKey
    from ...assessment.models import Assessment
    from ...guideline import Guideline
    from .answer_import_dialog import AnswerImportDialog
    from .controller import AssessmentController
    from .questionnaire_dialog import QuestionnaireDialog

log = logging.getLogger(__name__)


def _safe_name(text: str) -> str:
    return "".join(c for c in text if c not in '\\/:*?"<>|\n\r\t').strip()[:60]


class ExcelActions(QObject):
    """The three Excel entries of the ファイル menu and what they do.

    ``controller()`` is the assessment part's document controller, or None while none was
    built (no document was ever opened); ``controller_created`` says when it is.
    """

    def __init__(
        self,
        shell: Shell,
        controller: Callable[[], AssessmentController | None],
        controller_created: SignalInstance,
    ) -> None:
        super().__init__(shell.widget)
        self.shell = shell
        self._controller = controller
        self.task: BackgroundTask | None = None
        self.questionnaire_dialog: QuestionnaireDialog | None = None
        self.import_dialog: AnswerImportDialog | None = None
        self.import_action = make_action(
            self,
            self.tr("回答を取り込む(&I)…"),
            self.import_answers,
            tip=self.tr("記入された質問票（Excel）の回答を確かめてから、評価に取り込む"),
            name="importAnswersAction",
        )
        self.questionnaire_action = make_action(
            self,
            self.tr("質問票を作成(&Q)…"),
            self.write_questionnaire,
            tip=self.tr("部署やベンダーが記入する質問票（Excel）を作る"),
            name="writeQuestionnaireAction",
        )
        self.export_action = make_action(
            self,
            self.tr("Excel に書き出す(&X)…"),
            self.export_workbook,
            tip=self.tr("評価を Excel ブック（区分ごとのシート、改善計画、ツール台帳）にする"),
            name="exportXlsxAction",
        )
        shell.add_action(self.import_action, MenuAnchor.FILE_DOCUMENT)
        for action in (self.export_action, self.questionnaire_action):
            shell.add_action(action, MenuAnchor.FILE_OUTPUT)
        controller_created.connect(self._follow_controller)
        shell.guideline_changed.connect(self.update_actions)
        self.update_actions()

    @property
    def actions(self) -> list[QAction]:
        return [self.import_action, self.export_action, self.questionnaire_action]

    def _follow_controller(self, controller: object) -> None:
        from .controller import AssessmentController

        assert isinstance(controller, AssessmentController)
        controller.document_changed.connect(self.update_actions)
        self.update_actions()

    def _open(self) -> tuple[Assessment, Guideline] | None:
        """The open assessment and the guideline, when both are there."""
        controller = self._controller()
        if controller is None or controller.assessment is None or self.shell.guideline is None:
            return None
        return controller.assessment, self.shell.guideline

    def _editable(self) -> bool:
        controller = self._controller()
        return controller is not None and controller.can_edit

    def update_actions(self) -> None:
        busy = self.task is not None and self.task.running
        is_open = self._open() is not None and not busy
        self.export_action.setEnabled(is_open)
        self.questionnaire_action.setEnabled(is_open)
        self.import_action.setEnabled(is_open and self._editable())

    def _folder(self) -> Path:
        controller = self._controller()
        path = controller.path if controller is not None else None
        return path.parent if path is not None else default_assessment_dir()

    def _run(
        self,
        name: str,
        work: Callable[[TaskControl], Any],
        on_success: Callable[[Any], object],
    ) -> None:
        """Long work off the UI thread; the entries wait until it has ended."""
        self.task = BackgroundTask(
            work, self, name=name, on_success=on_success, on_failure=self._failed
        )
        self.task.ended.connect(self.update_actions)
        self.task.start()
        self.update_actions()

    def _failed(self, exc: Exception) -> None:
        from ...assessment.answer_import import AnswerFileError
        from ...oserrors import describe_os_error, os_error_advice

        if isinstance(exc, AnswerFileError):
            prompts.show_error(
                self.shell.widget,
                self.tr("回答を取り込めません"),
                f"{exc.path}\n{exc.problem}\n{exc.advice}",
            )
        elif isinstance(exc, OSError):
            prompts.show_error(
                self.shell.widget,
                self.tr("書き出せません"),
                self.tr("「%1」に書き込めませんでした（%2）。%3")
                .replace("%1", str(exc.filename or ""))
                .replace("%2", describe_os_error(exc))
                .replace("%3", os_error_advice(exc)),
            )
        else:
            prompts.show_error(
                self.shell.widget,
                self.tr("処理できませんでした"),
                self.tr(
                    "予期しないエラーのため、処理を中断しました（%1）。評価は変更していません。"
                ).replace("%1", describe_failure(exc)),
            )

    # -- Excel に書き出す -----------------------------------------------------------------

    def export_workbook(self) -> None:
        opened = self._open()
        if opened is None:
            return
        assessment, guideline = opened
        name = f"{_safe_name(assessment.facility.name) or self.tr('評価')}_"
        name += f"{assessment.assessment_date.isoformat()}.xlsx"
        path = choose_save_file(
            self.shell.widget, self.tr("Excel に書き出す"), self._folder() / name, xlsx_filter()
        )
        if path is None:
            return
        copy = assessment.model_copy(deep=True)

        def work(control: TaskControl) -> object:
            from ...report.xlsx_export import write_xlsx

            return write_xlsx(copy, guideline, path)

        def done(result: object) -> None:
            sheets = len(getattr(result, "sheets", []))
            self.shell.show_status(
                self.tr("Excel に書き出しました: %1（%2 シート）")
                .replace("%1", str(path))
                .replace("%2", str(sheets)),
                10000,
            )
            log.info("Exported the assessment to %s", path)

        self.shell.show_status(self.tr("Excel ブックを書き出しています…"))
        self._run("XlsxExport", work, done)

    # -- 質問票を作成 -----------------------------------------------------------------------

    def write_questionnaire(self) -> None:
        opened = self._open()
        if opened is None:
            return
        assessment, guideline = opened
        from ...assessment.questionnaire import (
            QuestionnaireError,
            department_questionnaire,
            department_steps,
            vendor_questionnaire,
            vendor_tools,
        )
        from .questionnaire_dialog import QuestionnaireDialog

        steps, tools = department_steps(assessment, guideline), vendor_tools(assessment, guideline)
        if not steps and not tools:
            prompts.show_error(
                self.shell.widget,
                self.tr("質問票を作れません"),
                self.tr(
                    "この評価の範囲には、部署に尋ねる現場の手順も、ベンダーに尋ねるAIツールの対策も"
                    "ありません。評価の範囲に業務ステップを加えるか、生成AIツール台帳にツールを"
                    "登録してください。"
                ),
            )
            return
        dialog = QuestionnaireDialog(steps, tools, self.shell.widget)
        self.questionnaire_dialog = dialog
        try:
            if dialog.exec() != QuestionnaireDialog.DialogCode.Accepted or dialog.choice is None:
                return
            choice = dialog.choice
        finally:
            self.questionnaire_dialog = None
        try:
            if choice.tool_id:
                questionnaire = vendor_questionnaire(assessment, guideline, choice.tool_id)
            else:
                questionnaire = department_questionnaire(assessment, guideline, choice.step_ids)
        except QuestionnaireError as exc:
            prompts.show_error(self.shell.widget, self.tr("質問票を作れません"), str(exc))
            return
        who = questionnaire.identity.tool_name or questionnaire.target.split("、")[0]
        name = f"{self.tr('質問票')}_{_safe_name(who)}_{questionnaire.identity.written_at:%Y-%m-%d}.xlsx"
        path = choose_save_file(
            self.shell.widget, self.tr("質問票を保存"), self._folder() / name, xlsx_filter()
        )
        if path is None:
            return

        def work(control: TaskControl) -> int:
            from ...report.xlsx_questionnaire import write_questionnaire

            return write_questionnaire(questionnaire, path)

        def done(rows: int) -> None:
            self.shell.show_status(
                self.tr("質問票を書き出しました: %1（%2、%3 項目）")
                .replace("%1", str(path))
                .replace("%2", questionnaire.kind.label)
                .replace("%3", str(rows)),
                10000,
            )
            log.info("Wrote a questionnaire to %s", path)

        self._run("QuestionnaireWrite", work, done)

    # -- 回答を取り込む ---------------------------------------------------------------------

    def import_answers(self, path: Path | None = None) -> None:
        opened = self._open()
        if opened is None or not self._editable():
            return
        assessment, guideline = opened
        if path is None:
            path = choose_open_file(
                self.shell.widget,
                self.tr("記入された質問票を選ぶ"),
                xlsx_filter(),
                self._folder(),
            )
        if path is None:
            return
        snapshot = assessment.model_copy(deep=True)
        chosen = path

        def work(control: TaskControl) -> AnswerImport:
            from ...assessment.answer_import import read_answers

            return read_answers(chosen, snapshot, guideline)

        self.shell.show_status(self.tr("質問票を読んでいます…"))
        self._run("AnswerImport", work, self._show_preview)

    def _show_preview(self, preview: AnswerImport) -> None:
        from .answer_import_dialog import AnswerImportDialog

        self.shell.show_status("")
        dialog = AnswerImportDialog(preview, self.shell.widget)
        self.import_dialog = dialog
        try:
            accepted = dialog.exec() == AnswerImportDialog.DialogCode.Accepted
            take = dialog.taken_conflicts()
        finally:
            self.import_dialog = None
        if accepted:
            self.apply(preview, take)

    def apply(self, preview: AnswerImport, take_conflicts: set[FieldKey]) -> bool:
        """Take the answers into the open document and save it; True when saved."""
        from ...assessment.answer_import import AnswerImportError, apply_answers

        controller = self._controller()
        if controller is None or controller.assessment is None or not controller.can_edit:
            return False
        try:
            updated, made = apply_answers(
                preview,
                controller.assessment,
                importer=controller.who,
                take_conflicts=take_conflicts,
            )
        except AnswerImportError as exc:
            prompts.show_error(self.shell.widget, self.tr("回答を取り込めません"), str(exc))
            return False
        if not made:
            self.shell.show_status(self.tr("変わる回答はありませんでした。"), 8000)
            return False
        controller.replace_assessment(updated, dirty=True)
        log.info("Took %d answers from %s", len(made), preview.path)
        saved = controller.save()
        message = self.tr("%1 件の回答を取り込みました（%2、回答者 %3）。").replace(
            "%1", str(len(made))
        )
        message = message.replace("%2", preview.file_name).replace("%3", preview.respondent)
        if not saved:
            message += self.tr("まだ保存していません。「保存」で保存してください。")
        self.shell.show_status(message, 15000)
        return saved
