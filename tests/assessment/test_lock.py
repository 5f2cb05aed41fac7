"""The lock file beside an assessment: one writer, others told who holds it, stale take-over."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from haip_desktop.assessment.lock import (
    AssessmentLock,
    LockHeld,
    acquire_lock,
    host_name,
    lock_path_for,
    take_over_lock,
)


def _write_lock(
    path: Path, *, user: str, host: str, pid: int, since: dt.datetime, who: str | None = None
) -> bytes:
    """A lock file as another instance writes it (without ``who``: as older versions did)."""
    raw = json.dumps(
        {
            **({"who": who} if who is not None else {}),
            "user": user,
            "host": host,
            "pid": pid,
            "since": since.isoformat(),
            "refreshed": since.isoformat(),
        },
        ensure_ascii=False,
    ).encode("utf-8")
    lock_path_for(path).write_bytes(raw)
    return raw


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_acquire_creates_a_lock_file_naming_us_and_release_removes_it(tmp_path: Path) -> None:
    path = tmp_path / "評価.json"
    lock = acquire_lock(path)
    assert isinstance(lock, AssessmentLock)
    content = json.loads(lock_path_for(path).read_text("utf-8"))
    assert content["pid"] == os.getpid()
    assert content["host"] == host_name()
    assert lock_path_for(path).name == "評価.json.lock"
    lock.release()
    assert not lock_path_for(path).exists()


def test_a_second_opener_is_told_who_holds_it(tmp_path: Path) -> None:
    path = tmp_path / "評価.json"
    since = dt.datetime(2026, 11, 25, 9, 12, tzinfo=dt.timezone(dt.timedelta(hours=9)))
    raw = _write_lock(path, user="sato", host="WS-023", pid=4242, since=since)
    held = acquire_lock(path)
    assert isinstance(held, LockHeld)
    assert held.owner is not None
    assert (held.owner.user, held.owner.host) == ("sato", "WS-023")
    text = held.describe()
    # a lock file of an older version names no assessor: the OS account and the PC
    assert "このファイルは OSユーザー sato（PC: WS-023）が 2026-11-25 " in text
    assert "読み取り専用で開きます" in text
    assert lock_path_for(path).read_bytes() == raw  # not touched


def test_the_holder_is_named_by_the_assessor_name_given_in_the_app(tmp_path: Path) -> None:
    path = tmp_path / "評価.haipeval"
    lock = acquire_lock(path, who="山田 花子")
    assert isinstance(lock, AssessmentLock)
    assert json.loads(lock_path_for(path).read_text("utf-8"))["who"] == "山田 花子"
    assert lock.refresh()
    assert json.loads(lock_path_for(path).read_text("utf-8"))["who"] == "山田 花子"
    lock.release()

    since = dt.datetime(2026, 11, 25, 9, 12, tzinfo=dt.timezone(dt.timedelta(hours=9)))
    _write_lock(path, user="root", host="WS-101", pid=4242, since=since, who="山田 花子")
    held = acquire_lock(path, who="佐藤")
    assert isinstance(held, LockHeld)
    assert held.describe().startswith(
        "このファイルは 山田 花子（OSユーザー root、PC: WS-101）が 2026-11-25 "
    )
    lock_path_for(path).unlink()
    _write_lock(path, user="", host="WS-101", pid=4242, since=since, who="")
    held = acquire_lock(path)
    assert isinstance(held, LockHeld)
    assert "このファイルは OSユーザー 不明（PC: WS-101）が" in held.describe()


def test_take_over_writes_the_new_holders_name(tmp_path: Path) -> None:
    path = tmp_path / "a.haipeval"
    old = dt.datetime.now().astimezone() - dt.timedelta(hours=30)
    _write_lock(path, user="sato", host="WS-023", pid=1, since=old, who="佐藤")
    held = acquire_lock(path)
    assert isinstance(held, LockHeld)
    lock = take_over_lock(held, who="鈴木 一郎")
    assert isinstance(lock, AssessmentLock)
    content = json.loads(lock_path_for(path).read_text("utf-8"))
    assert (content["who"], content["pid"]) == ("鈴木 一郎", os.getpid())
    lock.release()


def test_a_lock_from_another_pc_not_refreshed_for_hours_is_possibly_stale(tmp_path: Path) -> None:
    path = tmp_path / "a.json"
    recent = dt.datetime.now().astimezone() - dt.timedelta(minutes=10)
    _write_lock(path, user="sato", host="WS-023", pid=1, since=recent)
    fresh = acquire_lock(path)
    assert isinstance(fresh, LockHeld) and not fresh.possibly_stale and not fresh.stale
    old = dt.datetime.now().astimezone() - dt.timedelta(hours=30)
    _write_lock(path, user="sato", host="WS-023", pid=1, since=old)
    quiet = acquire_lock(path)
    assert isinstance(quiet, LockHeld)
    assert quiet.possibly_stale and not quiet.stale  # another PC: the person decides
    assert "異常終了した可能性があります" in quiet.describe()


def test_a_lock_of_a_dead_process_on_this_pc_is_stale_and_can_be_taken_over(tmp_path: Path) -> None:
    path = tmp_path / "a.json"
    _write_lock(
        path, user="me", host=host_name(), pid=_dead_pid(), since=dt.datetime.now().astimezone()
    )
    held = acquire_lock(path)
    assert isinstance(held, LockHeld) and held.stale
    assert "ロックを引き継いで編集できます" in held.describe()
    lock = take_over_lock(held)
    assert isinstance(lock, AssessmentLock)
    assert json.loads(lock_path_for(path).read_text("utf-8"))["pid"] == os.getpid()
    lock.release()


def test_a_running_process_on_this_pc_is_not_stale(tmp_path: Path) -> None:
    path = tmp_path / "a.json"
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        _write_lock(
            path, user="me", host=host_name(), pid=child.pid, since=dt.datetime.now().astimezone()
        )
        held = acquire_lock(path)
        assert isinstance(held, LockHeld) and not held.stale
    finally:
        child.kill()
        child.wait()


def test_take_over_does_nothing_when_the_lock_changed_meanwhile(tmp_path: Path) -> None:
    path = tmp_path / "a.json"
    old = dt.datetime.now().astimezone() - dt.timedelta(hours=30)
    _write_lock(path, user="sato", host="WS-023", pid=1, since=old)
    held = acquire_lock(path)
    assert isinstance(held, LockHeld)
    # meanwhile sato's PC comes back and refreshes its lock
    raw = _write_lock(path, user="sato", host="WS-023", pid=1, since=dt.datetime.now().astimezone())
    result = take_over_lock(held)
    assert isinstance(result, LockHeld)
    assert lock_path_for(path).read_bytes() == raw


def test_release_after_a_take_over_leaves_the_new_holders_lock(tmp_path: Path) -> None:
    path = tmp_path / "a.json"
    mine = acquire_lock(path)
    assert isinstance(mine, AssessmentLock)
    raw = _write_lock(path, user="sato", host="WS-023", pid=1, since=dt.datetime.now().astimezone())
    assert not mine.refresh()  # tells the window it lost the lock
    mine.release()
    assert lock_path_for(path).read_bytes() == raw


def test_refresh_updates_the_time(tmp_path: Path) -> None:
    path = tmp_path / "a.json"
    with acquire_lock(path) as lock:
        assert isinstance(lock, AssessmentLock)
        assert lock.refresh()
        assert lock.is_ours()
        content = json.loads(lock_path_for(path).read_text("utf-8"))
        assert content["refreshed"] >= content["since"]
    assert not lock_path_for(path).exists()


def test_the_same_process_opening_twice_is_told_so(tmp_path: Path) -> None:
    path = tmp_path / "a.json"
    first = acquire_lock(path)
    second = acquire_lock(path)
    assert isinstance(second, LockHeld) and not second.stale
    assert "このアプリの別のウィンドウで開いています" in second.describe()
    assert isinstance(first, AssessmentLock)
    first.release()


@pytest.mark.parametrize("content", [b"", b"{not json"])
def test_an_unreadable_lock_file_is_held_until_old(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "a.json"
    lock_path_for(path).write_bytes(content)
    held = acquire_lock(path)
    assert isinstance(held, LockHeld) and held.owner is None and not held.stale
    assert "ロックファイルの内容を読めません" in held.describe()
    an_hour_ago = dt.datetime.now().timestamp() - 3600
    os.utime(lock_path_for(path), (an_hour_ago, an_hour_ago))
    old = acquire_lock(path)
    assert isinstance(old, LockHeld) and old.stale
    assert isinstance(take_over_lock(old), AssessmentLock)


@pytest.mark.skipif(os.name == "nt", reason="POSIX permission bits")
def test_the_lock_file_is_not_executable_and_keeps_its_mode_when_refreshed(tmp_path: Path) -> None:
    """Issue 14: os.open without a mode made the lock 0755."""
    umask = os.umask(0)
    try:
        lock = acquire_lock(tmp_path / "a.json")
        assert isinstance(lock, AssessmentLock)
        assert lock.lock_path.stat().st_mode & 0o777 == 0o644
        assert lock.refresh()
        assert lock.lock_path.stat().st_mode & 0o777 == 0o644
        lock.release()
    finally:
        os.umask(umask)
