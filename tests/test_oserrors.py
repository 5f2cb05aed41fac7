"""Operating-system errors told in Japanese: what happened and what to do, never English."""

from __future__ import annotations

import errno
import re
from pathlib import Path

import pytest

from haip_desktop.oserrors import describe_os_error, os_error_advice

_ENGLISH = re.compile(r"[A-Za-z]{4,}")


@pytest.mark.parametrize(
    ("exc", "says"),
    [
        (FileNotFoundError(errno.ENOENT, "No such file or directory"), "見つかりません"),
        (PermissionError(errno.EACCES, "Permission denied"), "権限がない"),
        (PermissionError(errno.EPERM, "Operation not permitted"), "権限がありません"),
        (IsADirectoryError(errno.EISDIR, "Is a directory"), "ファイルではなくフォルダです"),
        (NotADirectoryError(errno.ENOTDIR, "Not a directory"), "フォルダではありません"),
        (OSError(errno.ENOSPC, "No space left on device"), "ディスクの空きがありません"),
        (OSError(errno.EROFS, "Read-only file system"), "読み取り専用"),
        (OSError(errno.EBUSY, "Device or resource busy"), "ほかのプログラムが使用中"),
        (OSError(errno.ENAMETOOLONG, "File name too long"), "長すぎます"),
        (OSError(errno.ESTALE, "Stale file handle"), "ネットワーク上の場所に接続できません"),
        (OSError(errno.EXDEV, "Invalid cross-device link"), "OS のエラー EXDEV"),
        (OSError("no errno at all"), "OS のエラー OSError"),
    ],
)
def test_errors_are_told_in_japanese(exc: OSError, says: str) -> None:
    text = describe_os_error(exc)
    assert says in text
    assert not text.endswith("。")  # it goes inside （）
    advice = os_error_advice(exc)
    assert advice.endswith("。")
    assert not _ENGLISH.search(advice)


def test_windows_error_codes_are_told_too() -> None:
    # PermissionError with winerror 32 is how Windows says another program has the file open.
    in_use = PermissionError(errno.EACCES, "The process cannot access the file")
    in_use.winerror = 32  # type: ignore[attr-defined]
    assert describe_os_error(in_use) == "ほかのプログラムが使用中です"
    network = OSError(errno.ENOENT, "The network path was not found")
    network.winerror = 53  # type: ignore[attr-defined]
    assert describe_os_error(network) == "ネットワーク上の場所に接続できません"
    long_path = OSError(errno.ENOENT, "The filename or extension is too long")
    long_path.winerror = 206  # type: ignore[attr-defined]
    assert "長すぎます" in describe_os_error(long_path)


def test_a_real_error(tmp_path: Path) -> None:
    with pytest.raises(OSError) as missing:
        (tmp_path / "ない" / "a.txt").write_text("x")
    assert describe_os_error(missing.value) == "ファイルまたはフォルダが見つかりません"
