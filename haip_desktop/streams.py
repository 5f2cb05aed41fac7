"""Where text leaves the program: the console streams and the log file (the one place).

Neither ever fails on a string. Characters an encoding lacks (𠮷 on a cp932 console) and
text that is no character at all (a lone surrogate: a file name that is not UTF-8, or an
escape read from a file) are written as 〓, or ? where even 〓 is missing. UTF-8 encoders
refuse a replacement given as text for a surrogate, so the replacement is given as bytes.

The log is a rotating file under the platformdirs log folder. It records errors and what was
saved where; it never records note texts or other content that people type into an
assessment (that could be personal information).
"""

from __future__ import annotations

import codecs
import logging
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

LOG_NAME = "haip-desktop.log"
_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"

REPLACEMENT = "〓"
ERROR_HANDLER = "haip-replace"


def _replacement_bytes(encoding: str) -> bytes:
    name = codecs.lookup(encoding).name
    if name in ("utf-16", "utf-32"):  # these would put a byte-order mark before it
        name += "-le" if sys.byteorder == "little" else "-be"
    try:
        return REPLACEMENT.encode(name)
    except (UnicodeError, LookupError):
        return b"?"


def _replace_unencodable(exc: UnicodeError) -> tuple[bytes, int]:
    if not isinstance(exc, UnicodeEncodeError):
        raise exc
    return _replacement_bytes(exc.encoding) * (exc.end - exc.start), exc.end


codecs.register_error(ERROR_HANDLER, _replace_unencodable)


def make_stream_safe(stream: Any) -> None:
    """Let a text stream replace what its encoding cannot write instead of failing."""
    reconfigure = getattr(stream, "reconfigure", None)
    if reconfigure is None:  # None under pythonw, or a stream without the method
        return
    try:
        reconfigure(errors=ERROR_HANDLER)
    except (ValueError, OSError):  # a closed or detached stream
        return


def make_console_safe() -> None:
    """stdout and stderr write any string (see the module's description)."""
    for stream in (sys.stdout, sys.stderr):
        make_stream_safe(stream)


def setup_logging(folder: Path | None = None, level: int = logging.INFO) -> Path | None:
    """Attach the rotating file handler once; returns the log file, or None if unwritable."""
    from .paths import user_log_dir

    root = logging.getLogger("haip_desktop")
    for handler in root.handlers:
        if isinstance(handler, RotatingLog):
            return Path(handler.baseFilename)
    try:
        target = (folder or user_log_dir()) / LOG_NAME
        handler = RotatingLog(target, max_bytes=1_000_000, backups=3)
    except OSError:
        return None  # a read-only profile must not stop the app
    handler.setFormatter(logging.Formatter(_FORMAT))
    root.addHandler(handler)
    root.setLevel(level)
    return target


class RotatingLog(logging.FileHandler):
    """The log file, turned over before it passes ``maxBytes``: ``.1`` … ``.<backupCount>``
    keep the older lines. What ``logging.handlers.RotatingFileHandler`` does, without that
    module, which brings socket, pickle, queue and struct into every start (≈10 ms).

    ``rotator(source, dest)``, when set, moves the file (the start-up safety net follows the
    rotation with it); the handler's lock is held while it runs.
    """

    def __init__(self, filename: Path, *, max_bytes: int, backups: int) -> None:
        super().__init__(filename, encoding="utf-8", errors=ERROR_HANDLER)
        self.maxBytes = max_bytes
        self.backupCount = backups
        self.rotator: Callable[[str, str], None] | None = None

    def emit(self, record: logging.LogRecord) -> None:
        try:
            if self._would_pass_the_limit(record):
                self._turn_over()
        except Exception:
            self.handleError(record)
            return
        super().emit(record)

    def _would_pass_the_limit(self, record: logging.LogRecord) -> bool:
        if self.stream is None:  # (closed by a rotation that failed half-way)
            self.stream = self._open()
        self.stream.seek(0, os.SEEK_END)  # (Windows' append mode does not say where it is)
        position = self.stream.tell()
        return bool(position) and position + len(self.format(record)) + 1 >= self.maxBytes

    def _turn_over(self) -> None:
        if self.stream is not None:
            self.stream.close()  # Windows renames no file that is open
            self.stream = None
        base = self.baseFilename
        for number in range(self.backupCount - 1, 0, -1):
            older, newer = f"{base}.{number}", f"{base}.{number + 1}"
            if os.path.exists(older):
                if os.path.exists(newer):
                    os.remove(newer)
                os.rename(older, newer)
        first = f"{base}.1"
        if os.path.exists(first):
            os.remove(first)
        if self.rotator is not None:
            self.rotator(base, first)
        elif os.path.exists(base):
            os.rename(base, first)
        self.stream = self._open()
