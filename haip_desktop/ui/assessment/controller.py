"""The open assessment document: new, open, save, save as, close, lock, autosave, recovery.

Views never touch files: they edit through this controller (which calls the core's editing
functions, so every change lands in the file's history) and listen to its signals. Only one
assessment is open per window.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer, Signal
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
from ...assessment.history import os_user
from ...assessment.lock import (
    REFRESH_EVERY,
    AssessmentLock,
    LockHeld,
    acquire_lock,
    host_name,
    take_over_lock,
)
from ...assessment.privacy import scan_assessment
from ...assessment.recovery import (
    Recovery,
    discard_recovery,
    find_recoveries,
    recovery_key,
    write_recovery,
)
from ...assessment.scoring import Tally, coverage_by_step
from ...paths import default_assessment_dir
from . import prompts
from .recent_files import forget_recent, load_recent, remember_recent

if TYPE_CHECKING:
    from ..main_window import MainWindow

log = logging.getLogger(__name__)

AUTOSAVE_INTERVAL_MS = 30_000


class AssessmentController(QObject):
    """One window's assessment document and everything that happens to it as a file."""

    document_changed = Signal()  # opened, created, closed, or its read-only state changed
    answer_changed = Signal(str)  # countermeasure id
    setup_changed = Signal()  # facility, scope, tools or details changed
    dirty_changed = Signal(bool)
    saved = Signal(object)  # Path
    about_to_save = Signal()  # views hand over what is still being typed (a date, a name)
    recent_changed = Signal()

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.assessment: Assessment | None = None
        self.path: Path | None = None
        self.dirty = False
        self.read_only = False
        self.lock_notice = ""  # why the document is read-only, for the banner
        self.lock_held: LockHeld | None = None
        self.who = ""  # the assessor name written into the history
        self._lock: AssessmentLock | None = None
        self._recovery_key: str | None = None
        self._step_progress: dict[str, Tally] | None = None

        self.autosave_timer = QTimer(self)
        self.autosave_timer.setInterval(AUTOSAVE_INTERVAL_MS)
        self.autosave_timer.timeout.connect(self.autosave)
        self.lock_timer = QTimer(self)
        self.lock_timer.setInterval(int(REFRESH_EVERY.total_seconds() * 1000))
        self.lock_timer.timeout.connect(self._refresh_lock)

    # -- state ------------------------------------------------------------------------------

    @property
    def parent_widget(self) -> QWidget:
        return self.window

    @property
    def display_name(self) -> str:
        """The file name, or '無題' with the facility for a document never saved."""
        if self.path is not None:
            return self.path.name
        if self.assessment is not None:
            return self.tr("無題（%1）").replace("%1", self.assessment.facility.name)
        return ""

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
        setter = getattr(self.window, "set_document_title", None)
        if callable(setter):
            setter(title)

    def _progress_of_step(self, step_id: str) -> Tally | None:
        """For the workflow view: a step's tally (None when the assessment does not touch it)."""
        guideline = self.window.guideline
        if self.assessment is None or guideline is None:
            return None
        if self._step_progress is None:
            self._step_progress = coverage_by_step(self.assessment, guideline)
        return self._step_progress.get(step_id)

    def _notify_progress(self) -> None:
        self._step_progress = None
        self.window.assessment_context.notify_changed()

    def _publish(self) -> None:
        """Tell the window (its context and title) and the views what is open now."""
        context = self.window.assessment_context
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
        guideline = self.window.guideline
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
        self.read_only = False
        self.lock_notice = ""
        self.lock_held = None
        self._recovery_key = recovery_key(None)
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
        elif self._recovery_key:
            discard_recovery(self._recovery_key)  # back to what the file holds

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
        self._recovery_key = recovery_key(path)
        self._take_lock(path)
        self._remember(path)
        if not self.read_only:
            self.autosave_timer.start()
        self._publish()
        self.dirty_changed.emit(False)
        log.info("Opened assessment %s%s", path, " read-only" if self.read_only else "")
        return True

    def _take_lock(self, path: Path) -> None:
        self.read_only = False
        self.lock_notice = ""
        self.lock_held = None
        try:
            result = acquire_lock(path)
        except OSError as exc:
            log.warning("Cannot lock %s (%s); opening read-only", path, exc)
            self.read_only = True
            self.lock_notice = self.tr(
                "このフォルダに書き込めないため、読み取り専用で開きました。"
                "変更を残すには「名前を付けて保存」で書き込めるフォルダに保存してください。"
            )
            return
        if isinstance(result, AssessmentLock):
            self._hold(result)
            return
        self.read_only = True
        self.lock_held = result
        self.lock_notice = result.describe()
        owner = result.owner
        if (
            result.stale
            and owner is not None
            and (owner.user, owner.host) == (os_user(), host_name())
        ):
            # Left by this person's own program on this PC, which is no longer running
            # (a crash or a power cut): nobody else can be editing; take it back silently.
            self.offer_take_over(ask_first=False)
        elif result.stale or result.possibly_stale:
            self.offer_take_over(ask_first=True)

    def _hold(self, lock: AssessmentLock) -> None:
        self._lock = lock
        self.lock_timer.start()

    @property
    def can_take_over(self) -> bool:
        held = self.lock_held
        return self.read_only and held is not None and (held.stale or held.possibly_stale)

    def offer_take_over(self, *, ask_first: bool = True) -> bool:
        """Ask, then take over a lock left by a crashed program; editing is allowed after."""
        held = self.lock_held
        if held is None or self.path is None:
            return False
        if ask_first:
            choice = prompts.ask(
                self.parent_widget,
                self.tr("ロックの引き継ぎ"),
                held.describe(),
                [
                    (
                        "take",
                        self.tr("ロックを引き継いで編集する"),
                        QMessageBox.ButtonRole.AcceptRole,
                    ),
                    ("keep", self.tr("読み取り専用のまま開く"), QMessageBox.ButtonRole.RejectRole),
                ],
                "keep",
                detail=self.tr(
                    "相手のPCでこのファイルを開いたままだと、変更が上書きされるおそれがあります。"
                    "相手が閉じていることを確かめてから引き継いでください。"
                ),
                icon=QMessageBox.Icon.Warning,
            )
            if choice != "take":
                return False
        result = take_over_lock(held)
        if isinstance(result, AssessmentLock):
            self._hold(result)
            self.read_only = False
            self.lock_notice = ""
            self.lock_held = None
            self.autosave_timer.start()
            log.info("Took over the lock on %s", self.path)
            if (
                self.assessment is not None
                and self.window.assessment_context.assessment is not None
            ):
                self._publish()
            return True
        self.lock_held = result
        self.lock_notice = result.describe()
        prompts.show_error(
            self.parent_widget,
            self.tr("ロックを引き継げません"),
            self.tr("ロックの状態が変わったため、引き継ぎませんでした。\n%1").replace(
                "%1", result.describe()
            ),
        )
        return False

    def _refresh_lock(self) -> None:
        if self._lock is None:
            return
        if not self._lock.refresh():
            # Someone took the lock over: stop writing to the file.
            log.warning("Lock on %s was taken over by someone else", self.path)
            self._lock = None
            self.lock_timer.stop()
            self.read_only = True
            self.lock_notice = self.tr(
                "別の人がこのファイルのロックを引き継いだため、読み取り専用になりました。"
                "ここでの変更を残すには「名前を付けて保存」で別のファイルに保存してください。"
            )
            self._publish()

    def _release_lock(self) -> None:
        self.lock_timer.stop()
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    # -- editing ------------------------------------------------------------------------------

    def _require_editable(self) -> Assessment:
        if self.assessment is None:
            raise RuntimeError("no assessment is open")
        if self.read_only:
            raise PermissionError("the assessment is open read-only")
        return self.assessment

    def set_answer(self, countermeasure_id: str, **changes: Any) -> Answer:
        """Change one answer (raises EditError with a Japanese message when not allowed)."""
        assessment = self._require_editable()
        before = assessment.answer(countermeasure_id)
        answer = set_answer(assessment, countermeasure_id, who=self.who, **changes)
        if answer != before:
            self._set_dirty(True)
            self.answer_changed.emit(countermeasure_id)
            if answer.status != before.status:
                # Progress (drawn by the guideline views too) depends on the status only.
                self._notify_progress()
                self.autosave()
        return answer

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
        if not target.suffix:
            target = target.with_suffix(".json")
        same = self.path is not None and not self.read_only and _same_file(target, self.path)
        if same:
            return self._write(target)
        lock: AssessmentLock | None = None
        try:
            result = acquire_lock(target)
        except OSError as exc:
            log.error("Cannot lock %s: %s", target, exc)
            prompts.show_error(
                self.parent_widget,
                self.tr("保存できません"),
                self.tr(
                    "保存先のフォルダに書き込めません: %1\n別のフォルダを選んでください。"
                ).replace("%1", str(target.parent)),
            )
            return False
        if isinstance(result, LockHeld):
            prompts.show_error(
                self.parent_widget,
                self.tr("保存できません"),
                self.tr("保存先のファイルは使用中です: %1\n%2\n別の名前で保存してください。")
                .replace("%1", str(target))
                .replace("%2", result.describe()),
            )
            return False
        lock = result
        if not self._write(target):
            lock.release()
            return False
        self._release_lock()
        self._hold(lock)
        old_key = self._recovery_key
        self.path = target
        self.read_only = False
        self.lock_notice = ""
        self.lock_held = None
        self._recovery_key = recovery_key(target)
        if old_key and old_key != self._recovery_key:
            discard_recovery(old_key)
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
            self.tr("評価ファイル (*.json);;すべてのファイル (*)"),
        )
        return Path(chosen) if chosen else None

    def ask_open_path(self) -> Path | None:
        folder = self.path.parent if self.path is not None else default_assessment_dir()
        chosen, _ = QFileDialog.getOpenFileName(
            self.parent_widget,
            self.tr("評価ファイルを開く"),
            str(folder if folder.is_dir() else Path.home()),
            self.tr("評価ファイル (*.json);;すべてのファイル (*)"),
        )
        return Path(chosen) if chosen else None

    def _suggested_name(self) -> str:
        assessment = self.assessment
        if assessment is None:
            return self.tr("評価") + ".json"
        safe = "".join(c for c in assessment.facility.name if c not in '\\/:*?"<>|').strip()
        return f"{safe or self.tr('評価')}_{assessment.assessment_date.isoformat()}.json"

    def _write(self, path: Path) -> bool:
        assert self.assessment is not None
        self.about_to_save.emit()
        if not self.confirm_privacy():
            self.window.statusBar().showMessage(self.tr("保存を取りやめました。"), 5000)
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
        if self._recovery_key:
            discard_recovery(self._recovery_key)
        self.path = path
        self._remember(path)
        self._set_dirty(False)
        self.window.statusBar().showMessage(
            self.tr("保存しました: %1").replace("%1", str(path)), 8000
        )
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

        dialog = PrivacyWarningDialog(hits, self.window.guideline, self.assessment, self.window)
        self.privacy_dialog = dialog
        keep = dialog.exec() == PrivacyWarningDialog.DialogCode.Accepted
        if dialog.chosen_item:
            self.window_show_answer(dialog.chosen_item)
        return keep

    def window_show_answer(self, item: str) -> None:
        """Show where a finding is: an answer, or (for a tool's note) the tool register."""
        from ..history import Location

        assessment = self.assessment
        if assessment is not None and any(tool.id == item for tool in assessment.tools):
            self.window.navigate(Location("assessment", "", "tools"))
        else:
            self.window.navigate(Location("assessment", item))

    # -- autosave and recovery ----------------------------------------------------------------

    def autosave(self) -> None:
        """Write unsaved work to the recovery file (never to the document itself)."""
        if self.assessment is None or self.read_only or not self.dirty or not self._recovery_key:
            return
        try:
            write_recovery(self.assessment, self._recovery_key, self.path)
        except OSError as exc:
            log.warning("Autosave to the recovery file failed: %s", exc)

    def pending_recoveries(self) -> list[Recovery]:
        return find_recoveries()

    def offer_recovery(self) -> bool:
        """After a crash: offer the autosaved work back. True when something was restored."""
        for recovery in self.pending_recoveries():
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
            choice = prompts.ask(
                self.parent_widget,
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
            if choice == "restore":
                return self.restore(recovery)
            if choice == "discard":
                recovery.discard()
                log.info("Discarded recovery file %s", recovery.file)
        return False

    def restore(self, recovery: Recovery) -> bool:
        if not self.close_document():
            return False
        try:
            assessment = recovery.load()
        except (OSError, ValueError) as exc:
            log.error("Recovery file %s unreadable: %s", recovery.file, exc)
            prompts.show_error(
                self.parent_widget,
                self.tr("復元できません"),
                self.tr("自動保存のファイルを読み込めませんでした: %1").replace(
                    "%1", str(recovery.file)
                ),
            )
            return False
        self.assessment = assessment
        self.path = recovery.original_path
        self.who = assessment.assessors[0] if assessment.assessors else ""
        self._recovery_key = recovery.key
        self.read_only = False
        self.lock_notice = ""
        self.lock_held = None
        if self.path is not None:
            self._take_lock(self.path)
        self.dirty = True
        self.autosave_timer.start()
        self._publish()
        self.dirty_changed.emit(True)
        self.window.statusBar().showMessage(
            self.tr("自動保存から復元しました。内容を確かめて保存してください。"), 10000
        )
        log.info("Restored work from recovery file %s", recovery.file)
        return True

    # -- closing -------------------------------------------------------------------------------

    def close_document(self) -> bool:
        """Close the open assessment, asking about unsaved changes. False: the person cancelled."""
        if self.assessment is None:
            return True
        if self.dirty and not self.read_only:
            choice = prompts.ask_unsaved(self.parent_widget, self.display_name)
            if choice == "cancel":
                return False
            if choice == "save" and not self.save():
                return False
            if choice == "discard" and self._recovery_key:
                discard_recovery(self._recovery_key)
        self._release_lock()
        self.autosave_timer.stop()
        self.assessment = None
        self.path = None
        self.read_only = False
        self.lock_notice = ""
        self.lock_held = None
        self._recovery_key = None
        self._set_dirty(False)
        self._publish()
        return True

    def shutdown(self) -> None:
        """The window is closing (after close_document agreed): let go of everything."""
        self.autosave_timer.stop()
        self._release_lock()

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
