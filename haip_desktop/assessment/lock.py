"""A lock file beside an assessment so that only one person at a time writes it.

``<file>.lock`` is created with O_CREAT | O_EXCL (atomic on local disks and on SMB/NFS
shares alike; no fcntl or byte-range locks, which network shares handle badly) and holds
JSON: user (the OS account), who (the assessor name given in the app; absent in lock files of
older versions), host, pid, since, refreshed. Whoever finds it held opens the file read-only and
is told who holds it.

A lock is stale when it was left by a crashed program:
- same PC and its process no longer runs → stale, safe to take over;
- another PC → cannot be checked from here; after ``STALE_AFTER`` without a refresh it is
  reported as *possibly* stale. Either way, taking over is the person's decision
  (``take_over_lock`` after a confirmation dialog).

The holder should call ``AssessmentLock.refresh()`` every few minutes (``REFRESH_EVERY``);
it also reports whether the lock is still ours (False when someone took it over).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import platform
import sys
from dataclasses import dataclass, replace
from pathlib import Path

from ..files import atomic_write_bytes, read_file, sibling_name
from .history import now, os_user

LOCK_SUFFIX = ".lock"
LOCK_MODE = 0o644  # others on a shared folder read who holds it; nobody executes it
MAX_LOCK_BYTES = 64 * 1024  # a few hundred bytes of JSON; anything larger is not a lock
STALE_AFTER = dt.timedelta(hours=4)
REFRESH_EVERY = dt.timedelta(minutes=5)
# A lock file with no readable content is being written right now, or was left by a crash
# between creating and writing it; after this long it is the latter.
_UNREADABLE_STALE_AFTER = dt.timedelta(seconds=30)


def lock_path_for(path: str | Path) -> Path:
    path = Path(path)
    return path.with_name(sibling_name(path.name, LOCK_SUFFIX))


def host_name() -> str:
    return platform.node() or "unknown-host"


@dataclass(frozen=True)
class LockOwner:
    user: str
    host: str
    pid: int
    since: dt.datetime
    refreshed: dt.datetime
    who: str = ""  # the assessor name entered in the app, when there is one

    def to_json(self) -> bytes:
        return json.dumps(
            {
                "user": self.user,
                "who": self.who,
                "host": self.host,
                "pid": self.pid,
                "since": self.since.isoformat(),
                "refreshed": self.refreshed.isoformat(),
                "app": "HAIP Desktop",
            },
            ensure_ascii=False,
            indent=2,
        ).encode("utf-8")

    @classmethod
    def from_json(cls, raw: bytes) -> LockOwner:
        data = json.loads(raw.decode("utf-8"))
        since = dt.datetime.fromisoformat(data["since"])
        return cls(
            user=str(data["user"]),
            host=str(data["host"]),
            pid=int(data["pid"]),
            since=since,
            refreshed=dt.datetime.fromisoformat(data.get("refreshed") or data["since"]),
            who=str(data.get("who") or ""),
        )

    @classmethod
    def me(cls, who: str = "") -> LockOwner:
        at = now()
        return cls(
            user=os_user(), host=host_name(), pid=os.getpid(), since=at, refreshed=at, who=who
        )

    def describe(self) -> str:
        """Who, for people: 「山田 花子（OSユーザー sato、PC: WS-023）」."""
        user = self.user or "不明"
        if self.who.strip():
            return f"{self.who.strip()}（OSユーザー {user}、PC: {self.host}）"
        return f"OSユーザー {user}（PC: {self.host}）"

    @property
    def is_this_process(self) -> bool:
        return self.host == host_name() and self.pid == os.getpid()


@dataclass(frozen=True)
class LockHeld:
    """Someone else holds the lock: open read-only and say who."""

    path: Path  # the assessment file
    lock_path: Path
    owner: LockOwner | None  # None when the lock file cannot be read
    stale: bool  # certainly left by a crash (same PC, process gone)
    possibly_stale: bool  # another PC, not refreshed for STALE_AFTER
    raw: bytes  # the lock file's content when it was read (take-over checks it is unchanged)

    def describe(self) -> str:
        """One paragraph in Japanese for the read-only notice."""
        if self.owner is None:
            who = "別のプログラムが開いています（ロックファイルの内容を読めません）"
        elif self.owner.is_this_process:
            who = "このアプリの別のウィンドウで開いています"
        else:
            since = self.owner.since.astimezone().strftime("%Y-%m-%d %H:%M")
            who = f" {self.owner.describe()}が {since} から開いています"
        text = f"このファイルは{who}。読み取り専用で開きます。"
        if self.stale:
            text += (
                "\nただし、開いていたプログラムはもう動いていません（異常終了したようです）。"
                "ロックを引き継いで編集できます。"
            )
        elif self.possibly_stale and self.owner is not None:
            refreshed = self.owner.refreshed.astimezone().strftime("%Y-%m-%d %H:%M")
            text += (
                f"\n{refreshed} 以降、そのPCからの更新がありません。異常終了した可能性があります。"
                "その PC でファイルを閉じていないことを確かめてから、ロックを引き継いでください。"
            )
        return text


class AssessmentLock:
    """The lock this process holds on one assessment file. Release it on close."""

    def __init__(self, path: Path, owner: LockOwner) -> None:
        self.path = path
        self.lock_path = lock_path_for(path)
        self.owner = owner
        self._content = owner.to_json()
        self.released = False

    def is_ours(self) -> bool:
        try:
            return read_file(self.lock_path, limit=MAX_LOCK_BYTES) == self._content
        except OSError:
            return False

    def refresh(self) -> bool:
        """Record that we are alive; False (and nothing written) when the lock is no longer ours."""
        if self.released or not self.is_ours():
            return False
        self.owner = replace(self.owner, refreshed=now())
        content = self.owner.to_json()
        try:
            atomic_write_bytes(self.lock_path, content)
        except OSError:
            return self.is_ours()  # keep the old content; the share may be gone for a moment
        self._content = content
        return True

    def release(self) -> None:
        """Remove the lock file if it is still ours (never someone else's after a take-over)."""
        if self.released:
            return
        self.released = True
        if self.is_ours():
            with contextlib.suppress(OSError):
                self.lock_path.unlink()

    def __enter__(self) -> AssessmentLock:
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()


def acquire_lock(path: str | Path, who: str = "") -> AssessmentLock | LockHeld:
    """Take the lock on ``path``, or say who holds it. Raises OSError when the folder is
    not writable (the caller then opens read-only too). ``who`` is the assessor name given
    in the app; others are told it together with the OS account and the PC."""
    path = Path(path)
    lock_path = lock_path_for(path)
    owner = LockOwner.me(who)
    content = owner.to_json()
    try:
        fd = os.open(
            lock_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), LOCK_MODE
        )
    except FileExistsError:
        return read_lock(path)
    try:
        os.write(fd, content)
        os.fsync(fd)
    finally:
        os.close(fd)
    return AssessmentLock(path, owner)


def read_lock(path: str | Path) -> LockHeld:
    """Who holds the lock on ``path`` and whether it looks stale."""
    path = Path(path)
    lock_path = lock_path_for(path)
    try:
        raw = read_file(lock_path, limit=MAX_LOCK_BYTES)
        modified = dt.datetime.fromtimestamp(os.stat(lock_path).st_mtime).astimezone()
    except FileNotFoundError:
        # Released between our attempt and this read: report it as stale so that a retry
        # (take_over_lock) simply acquires it.
        return LockHeld(path, lock_path, None, stale=True, possibly_stale=True, raw=b"")
    try:
        owner: LockOwner | None = LockOwner.from_json(raw)
    except (ValueError, KeyError, TypeError):
        owner = None
    if owner is None:
        old = now() - modified > _UNREADABLE_STALE_AFTER
        return LockHeld(path, lock_path, None, stale=old, possibly_stale=old, raw=raw)
    if owner.host == host_name():
        stale = owner.pid != os.getpid() and not process_alive(owner.pid)
        return LockHeld(path, lock_path, owner, stale=stale, possibly_stale=stale, raw=raw)
    quiet = now() - owner.refreshed.astimezone() > STALE_AFTER
    return LockHeld(path, lock_path, owner, stale=False, possibly_stale=quiet, raw=raw)


def take_over_lock(held: LockHeld, who: str = "") -> AssessmentLock | LockHeld:
    """After the person confirmed: replace the lock that ``held`` describes with ours.

    If the lock changed since it was read (its holder refreshed or released it, or a third
    person took it), nothing is removed and the new state is returned instead.
    """
    try:
        current = read_file(held.lock_path, limit=MAX_LOCK_BYTES)
    except FileNotFoundError:
        current = b""
    if current != held.raw:
        return acquire_lock(held.path, who)
    with contextlib.suppress(FileNotFoundError):
        held.lock_path.unlink()
    return acquire_lock(held.path, who)


def process_alive(pid: int) -> bool:
    """Whether a process with this id runs on this PC."""
    if pid <= 0:
        return False
    if sys.platform == "win32":
        return _windows_process_alive(pid)
    try:
        os.kill(pid, 0)  # signal 0: only checks (never use this on Windows: it would kill)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # exists, belongs to another user
    except OSError:
        return False
    return True


def _windows_process_alive(pid: int) -> bool:  # pragma: no cover - Windows only
    # ctypes has WinDLL only on Windows: mypy reads the rest when it checks for Windows
    # (mypy --platform win32).
    if sys.platform != "win32":
        raise OSError("only on Windows")
    import ctypes
    from ctypes import wintypes

    process_query_limited_information = 0x1000
    still_active = 259
    kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
    handle = kernel32.OpenProcess(process_query_limited_information, False, pid)
    if not handle:
        # Access denied means it exists (another user's process); otherwise it is gone.
        return ctypes.get_last_error() == 5
    try:
        code = wintypes.DWORD()
        if not kernel32.GetExitCodeProcess(handle, ctypes.byref(code)):
            return True
        return code.value == still_active
    finally:
        kernel32.CloseHandle(handle)
