"""The open assessment document: new, open, edit, save, save as, close.

Views never touch files: they edit through this controller (which calls the core's editing
functions, so every change lands in the file's history) and listen to its signals. Only one
assessment is open per window. The file's lock (read-only, take-over) lives in
``lock_flow``, autosave and recovery after a crash in ``recovery_flow``; the controller
delegates to them.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from ...assessment import (
    AITool,
    Answer,
    Assessment,
    AssessmentFileError,
    Facility,
    Scope,
    add_tool,
    load_assessment,
    new_assessment,
    remove_tool,
    save_assessment,
    set_answer,
    set_scope,
    update_details,
    update_facility,
    update_tool,
)
from ...assessment.lock import LockHeld
from ...assessment.parts import AssessmentItem
from ...assessment.privacy import scan_assessment
from ...assessment.recovery import Recovery
from ...assessment.scoring import Tally, coverage_by_step
from ...assessment.store import ASSESSMENT_SUFFIXES, FILE_SUFFIX
from ...paths import default_assessment_dir
from ..widgets import prompts
from .lock_flow import LockFlow
from .recent_files import forget_recent, load_recent, remember_recent
from .recovery_flow import AUTOSAVE_INTERVAL_MS, RecoveryFlow

if TYPE_CHECKING:
    from ..shell.protocol import Shell

log = logging.getLogger(__name__)

__all__ = ["AUTOSAVE_INTERVAL_MS", "AssessmentController"]


class AssessmentController(QObject):
    """One window's assessment document and everything that happens to it as a file."""

    document_changed = Signal()  # opened, created, closed, or its read-only state changed
    answer_changed = Signal(str)  # countermeasure id (for a tool's answer too: every tool's rows)
    setup_changed = Signal()  # facility, scope, tools or details changed
    dirty_changed = Signal(bool)
    saved = Signal(object)  # Path
    about_to_save = Signal()  # views hand over what is still being typed (a date, a name)
    recent_changed = Signal()

    def __init__(self, shell: Shell) -> None:
        super().__init__(shell.widget)
        self.shell = shell
        self.assessment: Assessment | None = None
        self.path: Path | None = None
        self.dirty = False
        self.who = ""  # the assessor name written into the history
        self._step_progress: dict[str, Tally] | None = None

        self.locks = LockFlow(lambda: self.parent_widget, lambda: self.who, self)
        self.locks.taken_over.connect(self._lock_taken_over)
        self.locks.lost.connect(self._publish)
        self.lock_timer = self.locks.timer
        self.recovery = RecoveryFlow(self, self)
        self.autosave_timer = self.recovery.timer

    # -- state ------------------------------------------------------------------------------

    @property
    def parent_widget(self) -> QWidget:
        return self.shell.widget

    @property
    def display_name(self) -> str:
        """The file name, or '無題' with the facility for a document never saved."""
        if self.path is not None:
            return self.path.name
        if self.assessment is not None:
            return self.tr("無題（%1）").replace("%1", self.assessment.facility.name)
        return ""

    @property
    def read_only(self) -> bool:
        return self.locks.read_only

    @property
    def lock_notice(self) -> str:
        """Why the document is read-only, for the banner."""
        return self.locks.notice

    @property
    def lock_held(self) -> LockHeld | None:
        return self.locks.held

    @property
    def can_edit(self) -> bool:
        return self.assessment is not None and not self.read_only

    def _set_dirty(self, dirty: bool) -> None:
        if dirty != self.dirty:
            self.dirty = dirty
            self.dirty_changed.emit(dirty)
        self._update_title()

    def _update_title(self) -> None:
        if self.assessment is None:
            title = ""
        else:
            title = self.display_name + ("*" if self.dirty else "")
            if self.read_only:
                title += self.tr("（読み取り専用）")
        self.shell.set_document_title(title)

    def _progress_of_step(self, step_id: str) -> Tally | None:
        """For the workflow view: a step's tally (None when the assessment does not touch it)."""
        guideline = self.shell.guideline
        if self.assessment is None or guideline is None:
            return None
        if self._step_progress is None:
            self._step_progress = coverage_by_step(self.assessment, guideline)
        return self._step_progress.get(step_id)

    def _notify_progress(self) -> None:
        self._step_progress = None
        self.shell.assessment_context.notify_changed()

    def _publish(self) -> None:
        """Tell the window (its context and title) and the views what is open now."""
        context = self.shell.assessment_context
        self._step_progress = None
        if self.assessment is None:
            context.set_assessment(None)
        else:
            context.set_assessment(self.assessment, self.display_name, self._progress_of_step)
        self._update_title()
        self.document_changed.emit()

    # -- creating and opening ----------------------------------------------------------------

    def create(
        self,
        facility: Facility,
        *,
        assessors: Iterable[str] = (),
        assessment_date: dt.date | None = None,
        scope: Scope | None = None,
        products: Iterable[str] = (),
        tools: Iterable[AITool] = (),
    ) -> bool:
        """Start a new, unsaved assessment (after closing the open one)."""
        guideline = self.shell.guideline
        if guideline is None or not self.close_document():
            return False
        assessors = [a for a in assessors if a.strip()]
        self.who = assessors[0] if assessors else ""
        self.assessment = new_assessment(
            guideline,
            facility,
            who=self.who,
            assessors=assessors,
            assessment_date=assessment_date,
            scope=scope,
            products=products,
            tools=tools,
        )
        self._begin_unsaved()
        log.info("Created a new assessment")
        return True

    def start_document(self, assessment: Assessment, who: str = "") -> bool:
        """Make an assessment built elsewhere (e.g. from last year's file) the open, unsaved
        document, after closing the open one."""
        if not self.close_document():
            return False
        self.who = who or (assessment.assessors[0] if assessment.assessors else "")
        self.assessment = assessment
        self._begin_unsaved()
        log.info("Started a new assessment from another one")
        return True

    def _begin_unsaved(self) -> None:
        self.path = None
        self.locks.clear()
        self.recovery.follow(None)
        self.dirty = True
        self.autosave_timer.start()
        self._publish()
        self.dirty_changed.emit(True)
        self.autosave()

    def replace_assessment(self, assessment: Assessment, *, dirty: bool = True) -> None:
        """Put a changed copy of the open document in its place (e.g. carried over to newer
        guideline data); the file is written only by a later save."""
        if self.assessment is None:
            raise RuntimeError("no assessment is open")
        self.assessment = assessment
        self.dirty = dirty
        self._publish()
        self.dirty_changed.emit(dirty)
        if dirty:
            self.autosave()
        else:
            self.recovery.discard()  # back to what the file holds

    def open_file(self, path: str | Path) -> bool:
        """Open an assessment file; on failure say why in Japanese and leave the file alone."""
        path = Path(path)
        if not self.close_document():
            return False
        try:
            assessment = load_assessment(path)
        except AssessmentFileError as exc:
            log.error("Could not open assessment %s: %s (%s)", path, exc.reason, exc.detail)
            prompts.show_error(self.parent_widget, exc.heading, exc.message)
            if exc.reason == "not_found":
                forget_recent(path)
                self.recent_changed.emit()
            return False
        self.assessment = assessment
        self.path = path
        self.who = assessment.assessors[0] if assessment.assessors else ""
        self.dirty = False
        self.recovery.follow(path)
        self.locks.take(path)
        self._remember(path)
        if not self.read_only:
            self.autosave_timer.start()
        self._publish()
        self.dirty_changed.emit(False)
        log.info("Opened assessment %s%s", path, " read-only" if self.read_only else "")
        return True

    # -- the lock (lock_flow) -----------------------------------------------------------------

    @property
    def can_take_over(self) -> bool:
        return self.locks.can_take_over

    def offer_take_over(self, *, ask_first: bool = True) -> bool:
        """Ask, then take over a lock left by a crashed program; editing is allowed after."""
        if self.path is None:
            return False
        return self.locks.offer_take_over(ask_first=ask_first)

    def _lock_taken_over(self) -> None:
        self.autosave_timer.start()
        if self.assessment is not None and self.shell.assessment_context.assessment is not None:
            self._publish()

    # -- editing ------------------------------------------------------------------------------

    def _require_editable(self) -> Assessment:
        if self.assessment is None:
            raise RuntimeError("no assessment is open")
        if self.read_only:
            raise PermissionError("the assessment is open read-only")
        return self.assessment

    def set_answer(
        self, countermeasure_id: str, *, tool_id: str | None = None, **changes: Any
    ) -> Answer:
        """Change one answer, a tool's with ``tool_id`` (raises EditError with a Japanese
        message when not allowed)."""
        assessment = self._require_editable()
        before = assessment.answer(countermeasure_id, tool_id)
        answer = set_answer(assessment, countermeasure_id, who=self.who, tool_id=tool_id, **changes)
        if answer != before:
            self._set_dirty(True)
            self.answer_changed.emit(countermeasure_id)
            if answer.status != before.status:
                # Progress (drawn by the guideline views too) depends on the status only.
                self._notify_progress()
                self.autosave()
        return answer

    def set_item_answer(self, item: AssessmentItem, **changes: Any) -> Answer:
        """Change the answer of an item of the assessment: a tool-level item's goes into its
        tool's answers (the history names the tool)."""
        return self.set_answer(item.countermeasure_id, tool_id=item.tool_id, **changes)

    def add_tool(self, name: str, **fields: Any) -> AITool:
        tool = add_tool(self._require_editable(), who=self.who, name=name, **fields)
        self._setup_edited()
        return tool

    def update_tool(self, tool_id: str, **changes: Any) -> AITool:
        tool = update_tool(self._require_editable(), tool_id, who=self.who, **changes)
        self._setup_edited()
        return tool

    def remove_tool(self, tool_id: str) -> AITool:
        tool = remove_tool(self._require_editable(), tool_id, who=self.who)
        self._setup_edited()
        return tool

    def update_setup(
        self,
        *,
        facility: dict[str, Any] | None = None,
        details: dict[str, Any] | None = None,
        scope: dict[str, Any] | None = None,
    ) -> None:
        """Change the facility, the assessors/date/products and the scope in one go."""
        assessment = self._require_editable()
        if facility:
            update_facility(assessment, who=self.who, **facility)
        if details:
            update_details(assessment, who=self.who, **details)
        if scope:
            set_scope(assessment, who=self.who, **scope)
        self._setup_edited()

    def _setup_edited(self) -> None:
        self._set_dirty(True)
        self._notify_progress()
        self.setup_changed.emit()
        self.autosave()

    # -- saving --------------------------------------------------------------------------------

    def save(self) -> bool:
        if self.assessment is None:
            return False
        if self.read_only or self.path is None:
            return self.save_as()
        return self._write(self.path)

    def save_as(self, path: str | Path | None = None) -> bool:
        """Save under a new name (asked for when not given); the new file becomes the document."""
        if self.assessment is None:
            return False
        target = Path(path) if path is not None else self.ask_save_path()
        if target is None:
            return False
        if target.suffix.lower() not in ASSESSMENT_SUFFIXES:
            target = target.with_name(target.name + FILE_SUFFIX)
        same = self.path is not None and not self.read_only and _same_file(target, self.path)
        if same:
            return self._write(target)
        lock = self.locks.lock_new_target(target)
        if lock is None:
            return False
        if not self._write(target):
            lock.release()
            return False
        self.locks.switch_to(lock, target)
        self.path = target
        self.recovery.move_to(target)
        self.autosave_timer.start()
        self._publish()
        return True

    def ask_save_path(self) -> Path | None:
        """The file dialog for 名前を付けて保存 (tests replace this or call save_as(path))."""
        folder = self.path.parent if self.path is not None else default_assessment_dir()
        folder.mkdir(parents=True, exist_ok=True)
        name = self.path.name if self.path is not None else self._suggested_name()
        chosen, _ = QFileDialog.getSaveFileName(
            self.parent_widget,
            self.tr("名前を付けて保存"),
            str(folder / name),
            self.save_filter(),
        )
        return Path(chosen) if chosen else None

    def ask_open_path(self) -> Path | None:
        folder = self.path.parent if self.path is not None else default_assessment_dir()
        chosen, _ = QFileDialog.getOpenFileName(
            self.parent_widget,
            self.tr("評価ファイルを開く"),
            str(folder if folder.is_dir() else Path.home()),
            self.open_filter(),
        )
        return Path(chosen) if chosen else None

    def save_filter(self) -> str:
        """名前を付けて保存: assessments are saved as .haipeval (JSON inside)."""
        return self.tr("評価ファイル (%1);;すべてのファイル (*)").replace("%1", f"*{FILE_SUFFIX}")

    def open_filter(self) -> str:
        """開く: .haipeval, and .json as older versions of the app saved them."""
        patterns = " ".join(f"*{suffix}" for suffix in ASSESSMENT_SUFFIXES)
        return self.tr("評価ファイル (%1);;すべてのファイル (*)").replace("%1", patterns)

    def _suggested_name(self) -> str:
        assessment = self.assessment
        if assessment is None:
            return self.tr("評価") + FILE_SUFFIX
        safe = "".join(c for c in assessment.facility.name if c not in '\\/:*?"<>|').strip()
        return f"{safe or self.tr('評価')}_{assessment.assessment_date.isoformat()}{FILE_SUFFIX}"

    def _write(self, path: Path) -> bool:
        assert self.assessment is not None
        self.about_to_save.emit()
        if not self.confirm_privacy():
            self.shell.show_status(self.tr("保存を取りやめました。"), 5000)
            return False
        try:
            save_assessment(self.assessment, path)
        except AssessmentFileError as exc:
            if exc.reason in ("target_unreadable", "target_newer") and self._confirm_force(exc):
                try:
                    save_assessment(self.assessment, path, force=True)
                except AssessmentFileError as again:
                    return self._save_failed(path, again)
            else:
                return self._save_failed(path, exc)
        log.info("Saved assessment to %s", path)
        self.recovery.discard()
        self.path = path
        self._remember(path)
        self._set_dirty(False)
        self.shell.show_status(self.tr("保存しました: %1").replace("%1", str(path)), 8000)
        self.saved.emit(path)
        return True

    def _save_failed(self, path: Path, exc: AssessmentFileError) -> bool:
        log.error("Could not save assessment to %s: %s (%s)", path, exc.reason, exc.detail)
        prompts.show_error(self.parent_widget, exc.heading, exc.message)
        return False

    def _confirm_force(self, exc: AssessmentFileError) -> bool:
        choice = prompts.ask(
            self.parent_widget,
            exc.heading,
            exc.message,
            [
                (
                    "force",
                    self.tr("元のファイルを残して上書きする"),
                    QMessageBox.ButtonRole.AcceptRole,
                ),
                ("cancel", self.tr("キャンセル"), QMessageBox.ButtonRole.RejectRole),
            ],
            "cancel",
            detail=self.tr("上書きする場合も、元のファイルは同じフォルダに別名で残ります。"),
            icon=QMessageBox.Icon.Warning,
        )
        return choice == "force"

    def confirm_privacy(self) -> bool:
        """Warn when notes look like patient data; True when saving may go on."""
        assert self.assessment is not None
        hits = scan_assessment(self.assessment)
        if not hits:
            return True
        from .privacy_dialog import PrivacyWarningDialog

        dialog = PrivacyWarningDialog(
            hits, self.shell.guideline, self.assessment, self.parent_widget
        )
        self.privacy_dialog = dialog
        keep = dialog.exec() == PrivacyWarningDialog.DialogCode.Accepted
        if dialog.chosen_item:
            self.show_answer(dialog.chosen_item)
        return keep

    def show_answer(self, item: str) -> None:
        """Show where a finding is: an answer, or (for a tool's note) the tool register."""
        from ..shell.navigation import Location

        assessment = self.assessment
        if assessment is not None and any(tool.id == item for tool in assessment.tools):
            self.shell.navigate(Location("assessment", "", "tools"))
        else:
            self.shell.navigate(Location("assessment", item))

    # -- autosave and recovery (recovery_flow) ------------------------------------------------

    def autosave(self) -> None:
        """Write unsaved work to the recovery file (never to the document itself)."""
        self.recovery.autosave()

    def pending_recoveries(self) -> list[Recovery]:
        return self.recovery.pending()

    def offer_recovery(self) -> bool:
        """After a crash: offer the autosaved work back. True when something was restored."""
        return self.recovery.offer()

    def restore(self, recovery: Recovery) -> bool:
        return self.recovery.restore(recovery)

    def adopt_recovered(self, assessment: Assessment, original_path: Path | None) -> None:
        """Open recovered work (the recovery flow has closed the previous document)."""
        self.assessment = assessment
        self.path = original_path
        self.who = assessment.assessors[0] if assessment.assessors else ""
        self.locks.clear()
        if self.path is not None:
            self.locks.take(self.path)
        self.dirty = True
        self.autosave_timer.start()
        self._publish()
        self.dirty_changed.emit(True)

    # -- closing -------------------------------------------------------------------------------

    def close_document(self) -> bool:
        """Close the open assessment, asking about unsaved changes. False: the person cancelled."""
        if self.assessment is None:
            return True
        if self.dirty and not self.read_only:
            choice = prompts.ask_unsaved(
                self.parent_widget, self.display_name, never_saved=self.path is None
            )
            if choice == "cancel":
                return False
            if choice == "save" and not self.save():
                return False
            if choice == "discard":
                self.recovery.discard()
        self.locks.release()
        self.recovery.stop()
        self.assessment = None
        self.path = None
        self.locks.clear()
        self._set_dirty(False)
        self._publish()
        return True

    def shutdown(self) -> None:
        """The window is closing (after close_document agreed): let go of everything."""
        self.autosave_timer.stop()
        self.locks.release()

    # -- recent files --------------------------------------------------------------------------

    def recent_files(self) -> list[Path]:
        return load_recent()

    def _remember(self, path: Path) -> None:
        remember_recent(path)
        self.recent_changed.emit()

    def open_dialog(self) -> bool:
        path = self.ask_open_path()
        return self.open_file(path) if path is not None else False


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return a == b
