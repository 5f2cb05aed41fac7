"""Operating-system errors told in Japanese (the one place for it).

Python's ``str(OSError)`` is English ("[Errno 21] Is a directory: 'x'") and, on Windows,
in the language of the OS. Messages for people use these phrases instead; the English text
goes to the log only.

``describe_os_error(exc)`` is a short phrase without a final 「。」, meant to sit inside
parentheses: ``f"保存できませんでした（{describe_os_error(exc)}）。"``.
``os_error_advice(exc)`` is one sentence on what to do about it.
"""

from __future__ import annotations

import errno

# Windows error codes (OSError.winerror) that have no errno of their own.
_WIN_SHARING_VIOLATION = 32
_WIN_LOCK_VIOLATION = 33
_WIN_BAD_NETPATH = 53
_WIN_NETNAME_DELETED = 64
_WIN_BAD_NET_NAME = 67
_WIN_FILENAME_EXCED_RANGE = 206
_WIN_DIRECTORY = 267  # "The directory name is invalid"

_IN_USE = "ほかのプログラムが使用中です"
_NETWORK = "ネットワーク上の場所に接続できません"
_TOO_LONG = "ファイルの場所（パス）が長すぎます"
# Refused by the safe reader (files.read_file) before anything is read.
NOT_A_FILE = "通常のファイルではなく、名前付きパイプやデバイスなどです"
_TOO_LARGE = "ファイルが大きすぎます"

_WINERROR_TEXTS = {
    _WIN_SHARING_VIOLATION: _IN_USE,
    _WIN_LOCK_VIOLATION: _IN_USE,
    _WIN_BAD_NETPATH: _NETWORK,
    _WIN_NETNAME_DELETED: _NETWORK,
    _WIN_BAD_NET_NAME: _NETWORK,
    _WIN_FILENAME_EXCED_RANGE: _TOO_LONG,
    _WIN_DIRECTORY: "フォルダではありません",
}

_ERRNO_TEXTS = {
    errno.ENOENT: "ファイルまたはフォルダが見つかりません",
    errno.EACCES: "権限がないか、ほかのプログラムが使用中です",
    errno.EPERM: "権限がありません",
    errno.EISDIR: "ファイルではなくフォルダです",
    errno.ENOTDIR: "途中の名前がフォルダではありません",
    errno.ENOSPC: "ディスクの空きがありません",
    errno.EDQUOT: "ディスクの使用量の上限に達しています",
    errno.EROFS: "読み取り専用の場所です",
    errno.EBUSY: _IN_USE,
    errno.ETXTBSY: _IN_USE,
    errno.ENAMETOOLONG: _TOO_LONG,
    errno.EEXIST: "同じ名前のファイルまたはフォルダがすでにあります",
    errno.EIO: "読み書きに失敗しました（ディスクかネットワークの障害）",
    errno.ENETDOWN: _NETWORK,
    errno.ENETUNREACH: _NETWORK,
    errno.EHOSTDOWN: _NETWORK,
    errno.EHOSTUNREACH: _NETWORK,
    errno.ESTALE: _NETWORK,
    errno.ETIMEDOUT: "応答がないまま時間切れになりました",
}

_ADVICE = {
    "ファイルまたはフォルダが見つかりません": "場所と名前を確かめてください。",
    "権限がないか、ほかのプログラムが使用中です": (
        "その場所を読み書きする権限があるかを確かめ、ほかのプログラムで開いていれば閉じてから、"
        "もう一度試してください。"
    ),
    "権限がありません": "その場所を読み書きする権限があるかを確かめてください。",
    "ファイルではなくフォルダです": "フォルダではなく、ファイルを選んでください。",
    "途中の名前がフォルダではありません": "場所（パス）の途中の名前を確かめてください。",
    "ディスクの空きがありません": "不要なファイルを削除するか、別の場所を選んでください。",
    "ディスクの使用量の上限に達しています": (
        "不要なファイルを削除するか、システム管理者に相談してください。"
    ),
    "読み取り専用の場所です": "書き込みできる別の場所を選んでください。",
    _IN_USE: "ほかのプログラムでそのファイルを閉じてから、もう一度試してください。",
    _TOO_LONG: "もっと短い場所（フォルダの浅いところ）や短い名前を選んでください。",
    "同じ名前のファイルまたはフォルダがすでにあります": "別の名前を選んでください。",
    _NETWORK: "共有フォルダやネットワークに接続できているかを確かめてください。",
    NOT_A_FILE: "通常のファイルを選んでください。",
    _TOO_LARGE: "選んだファイルが正しいかを確かめてください。",
}


def describe_os_error(exc: OSError) -> str:
    """What went wrong, as a short Japanese phrase (no final 「。」)."""
    from .files import FileTooLargeError, NotAFileError

    if isinstance(exc, NotAFileError):
        return NOT_A_FILE
    if isinstance(exc, FileTooLargeError):
        return f"{_TOO_LARGE}: {exc.size:,} バイト、読み込める上限 {exc.limit:,} バイト"
    winerror = getattr(exc, "winerror", None)
    if winerror in _WINERROR_TEXTS:
        return _WINERROR_TEXTS[winerror]
    if exc.errno in _ERRNO_TEXTS:
        return _ERRNO_TEXTS[exc.errno]
    if isinstance(exc, FileNotFoundError):
        return _ERRNO_TEXTS[errno.ENOENT]
    if isinstance(exc, PermissionError):
        return _ERRNO_TEXTS[errno.EACCES]
    if isinstance(exc, IsADirectoryError):
        return _ERRNO_TEXTS[errno.EISDIR]
    name = errno.errorcode.get(exc.errno or -1) or type(exc).__name__
    return f"OS のエラー {name}"


def os_error_advice(exc: OSError) -> str:
    """What to do about it, as one Japanese sentence."""
    from .files import FileTooLargeError

    if isinstance(exc, FileTooLargeError):
        return _ADVICE[_TOO_LARGE]
    return _ADVICE.get(
        describe_os_error(exc),
        "場所と権限、空き容量、ネットワークへの接続を確かめてから、もう一度試してください。",
    )
