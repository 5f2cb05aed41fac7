"""The lock on the open assessment file: taken on open, refreshed while held, offered for
take-over when left by a crashed program, noticed when lost.

Another PC (or a second window) that opens a locked file gets it read-only with a notice
naming who holds it; a lock left by a crash can be taken over after the person confirms.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from ...assessment.history import os_user
from ...assessment.lock import (
    REFRESH_EVERY,
    AssessmentLock,
    LockHeld,
    acquire_lock,
    host_name,
    take_over_lock,
)
from ..widgets import prompts

log = logging.getLogger(__name__)


class LockFlow(QObject):
    """Whether the open document may be written, and the lock that makes it so."""

    taken_over = Signal()  # a stale lock was taken over: the document is editable now
    lost = Signal()  # someone else took the lock over: the document is read-only now

    def __init__(
        self, parent_widget: Callable[[], QWidget], who: Callable[[], str], parent: QObject
    ) -> None:
        super().__init__(parent)
        self._parent_widget = parent_widget
        self._who = who  # the assessor name, written into the lock so others see who it is
        self.read_only = False
        self.notice = ""  # why the document is read-only, for the banner
        self.held: LockHeld | None = None  # the other holder, while read-only because of it
        self._lock: AssessmentLock | None = None
        self._path: Path | None = None
        self.timer = QTimer(self)
        self.timer.setInterval(int(REFRESH_EVERY.total_seconds() * 1000))
        self.timer.timeout.connect(self.refresh)

    @property
    def can_take_over(self) -> bool:
        held = self.held
        return self.read_only and held is not None and (held.stale or held.possibly_stale)

    def clear(self) -> None:
        """Editable, with nothing to tell (a new document, or none)."""
        self.read_only = False
        self.notice = ""
        self.held = None

    def take(self, path: Path) -> None:
        """Lock the file just opened; read-only (and why) when that is not possible."""
        self.clear()
        self._path = path
        try:
            result = acquire_lock(path, who=self._who())
        except OSError as exc:
            log.warning("Cannot lock %s (%s); opening read-only", path, exc)
            self.read_only = True
            self.notice = self.tr(
                "このフォルダに書き込めないため、読み取り専用で開きました。"
                "変更を残すには「名前を付けて保存」で書き込めるフォルダに保存してください。"
            )
            return
        if isinstance(result, AssessmentLock):
            self._hold(result)
            return
        self.read_only = True
        self.held = result
        self.notice = result.describe()
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

    def offer_take_over(self, *, ask_first: bool = True) -> bool:
        """Ask, then take over a lock left by a crashed program; editing is allowed after."""
        held = self.held
        if held is None or self._path is None:
            return False
        if ask_first and not self._confirm_take_over(held):
            return False
        result = take_over_lock(held, who=self._who())
        if isinstance(result, AssessmentLock):
            self._hold(result)
            self.clear()
            log.info("Took over the lock on %s", self._path)
            self.taken_over.emit()
            return True
        self.held = result
        self.notice = result.describe()
        prompts.show_error(
            self._parent_widget(),
            self.tr("ロックを引き継げません"),
            self.tr("ロックの状態が変わったため、引き継ぎませんでした。\n%1").replace(
                "%1", result.describe()
            ),
        )
        return False

    def _confirm_take_over(self, held: LockHeld) -> bool:
        choice = prompts.ask(
            self._parent_widget(),
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
        return choice == "take"

    def lock_new_target(self, target: Path) -> AssessmentLock | None:
        """For 名前を付けて保存: lock the file about to be written, or say why not (None)."""
        try:
            result = acquire_lock(target, who=self._who())
        except OSError as exc:
            log.error("Cannot lock %s: %s", target, exc)
            prompts.show_error(
                self._parent_widget(),
                self.tr("保存できません"),
                self.tr(
                    "保存先のフォルダに書き込めません: %1\n別のフォルダを選んでください。"
                ).replace("%1", str(target.parent)),
            )
            return None
        if isinstance(result, LockHeld):
            prompts.show_error(
                self._parent_widget(),
                self.tr("保存できません"),
                self.tr("保存先のファイルは使用中です: %1\n%2\n別の名前で保存してください。")
                .replace("%1", str(target))
                .replace("%2", result.describe()),
            )
            return None
        return result

    def switch_to(self, lock: AssessmentLock, path: Path) -> None:
        """The document now lives in `path` (saved under a new name): hold its lock only."""
        self.release()
        self._path = path
        self._hold(lock)
        self.clear()

    def _hold(self, lock: AssessmentLock) -> None:
        self._lock = lock
        self.timer.start()

    def refresh(self) -> None:
        """Keep the lock fresh; when someone has taken it over, stop writing to the file."""
        if self._lock is None:
            return
        if not self._lock.refresh():
            log.warning("Lock on %s was taken over by someone else", self._path)
            self._lock = None
            self.timer.stop()
            self.read_only = True
            self.notice = self.tr(
                "別の人がこのファイルのロックを引き継いだため、読み取り専用になりました。"
                "ここでの変更を残すには「名前を付けて保存」で別のファイルに保存してください。"
            )
            self.lost.emit()

    def release(self) -> None:
        self.timer.stop()
        if self._lock is not None:
            self._lock.release()
            self._lock = None
