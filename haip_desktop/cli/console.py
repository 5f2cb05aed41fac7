"""The console side of the command line: it never ends in a Python traceback.

- Any string prints: characters the console's code page cannot show (𠮷 on a cp932
  console) and lone surrogates print as 〓 (the streams are set up in haip_desktop.streams).
- A reader that stops early (`haip-desktop stats | head`) ends the program quietly.
- Any other unexpected error prints one Japanese paragraph naming the log file, which holds
  the details; the exit code is 1.

Also here: padding by display width (a kanji takes two columns of a terminal) and the one
message for a file that cannot be written.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sys
import unicodedata
from collections.abc import Callable
from pathlib import Path

log = logging.getLogger(__name__)


def run_guarded(work: Callable[[], int]) -> int:
    """Run `work` and turn what would be a traceback into an exit code and a message.

    SystemExit (argparse's --help and usage errors) passes through unchanged.
    """
    try:
        try:
            return work()
        finally:
            if sys.stdout is not None:
                sys.stdout.flush()  # a closed pipe shows here, not in the interpreter's last flush
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        _silence_stdout()
        return 1
    except Exception as exc:  # noqa: BLE001 - the last line of defence; details go to the log
        log.exception("Unexpected error")
        _report_unexpected(exc)
        return 1


def _silence_stdout() -> None:
    """The reader has gone: send what is left to nowhere so the exit flush stays quiet."""
    with contextlib.suppress(AttributeError, OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


def _report_unexpected(exc: Exception) -> None:
    from ..streams import setup_logging

    log_file = setup_logging()
    where = (
        f"詳しい記録はログファイル {log_file} にあります。"
        if log_file is not None
        else "ログファイルを書けなかったため、詳しい記録は残っていません。"
    )
    message = (
        f"予期しないエラー（{type(exc).__name__}）が起きたため、処理を中断しました。{where}"
        "同じ操作でくり返し起きる場合は、このメッセージとログファイルを添えて"
        "システム担当者に連絡してください。"
    )
    if sys.stderr is None:
        return
    with contextlib.suppress(OSError, ValueError):
        print(message, file=sys.stderr)


def display_width(text: str) -> int:
    """Columns `text` takes in a terminal: East Asian wide and fullwidth characters take 2."""
    return sum(
        0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in ("W", "F") else 1
        for c in text
    )


def ljust_display(text: str, width: int) -> str:
    """`text` padded with spaces to `width` terminal columns."""
    return text + " " * max(0, width - display_width(text))


def print_write_error(path: Path, exc: OSError, example_name: str) -> int:
    """Say in Japanese that `path` could not be written, why and what to do; returns 1.

    `example_name` is a file name for the example given when `path` is a folder.
    """
    from ..files import is_folder
    from ..oserrors import describe_os_error, os_error_advice

    path = path.absolute()
    if is_folder(path):
        advice = f"フォルダの中のファイル名まで指定してください（例: {path / example_name}）。"
    else:
        advice = os_error_advice(exc)
    print(f"{path} に書き出せませんでした（{describe_os_error(exc)}）。{advice}", file=sys.stderr)
    return 1
