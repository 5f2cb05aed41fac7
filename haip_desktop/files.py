"""The floor for files: the one safe reader and the one atomic writer.

Reading: ``read_file`` looks before it reads. Only a regular file below a size limit is read
(a pipe would block for ever, a link to /dev/zero would fill the memory, a huge file would be
read whole); anything else raises an OSError that oserrors tells in Japanese.

Writing: a file written here is always either the old or the new version, never half of one.
The assessment store, recovery files, lock refreshes, data packs, settings and every report
(PDF, CSV) write through it. Companion files (temporary, lock, backups) are named so that
they fit whenever the file's own name does.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import secrets
import stat
import time
from collections.abc import Callable
from pathlib import Path

_IS_WINDOWS = os.name == "nt"
_O_BINARY = getattr(os, "O_BINARY", 0)


# -- looking at a path -----------------------------------------------------------------------
# pathlib's is_dir() and exists() raise for some errors (a name too long for the system,
# ENAMETOOLONG); a command or a dialog must then still say what is wrong in Japanese.


def stat_problem(path: str | Path) -> OSError | None:
    """Why ``path`` cannot be looked at (it does not exist, its name is too long …), or None."""
    try:
        os.stat(path)
    except OSError as exc:
        return exc
    except ValueError as exc:  # a NUL character in the name
        return OSError(errno.EINVAL, str(exc), str(path))
    return None


def is_folder(path: str | Path) -> bool:
    """Whether ``path`` is an existing folder; False for anything the system refuses."""
    try:
        return stat.S_ISDIR(os.stat(path).st_mode)
    except (OSError, ValueError):
        return False


def is_file(path: str | Path) -> bool:
    """Whether ``path`` is an existing regular file; False for anything the system refuses."""
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except (OSError, ValueError):
        return False


def exists(path: str | Path) -> bool:
    """Whether something exists at ``path``; False for anything the system refuses."""
    return stat_problem(path) is None


# -- reading ---------------------------------------------------------------------------------


class NotAFileError(OSError):
    """The path is a pipe (FIFO), a device, a socket or another thing that is not a file."""


class FileTooLargeError(OSError):
    """The file is larger than what is read of its kind."""

    def __init__(self, path: str | Path, size: int, limit: int) -> None:
        super().__init__(errno.EFBIG, f"{size} bytes, limit {limit}", str(path))
        self.size = size
        self.limit = limit


_READ_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_BINARY", 0)
    | getattr(os, "O_NONBLOCK", 0)  # opening a pipe with no writer returns at once
    | getattr(os, "O_NOCTTY", 0)
)


def read_file_with_stat(path: str | Path, *, limit: int) -> tuple[bytes, os.stat_result]:
    """The bytes of a regular file of at most ``limit`` bytes, and its stat.

    Raises IsADirectoryError for a folder, NotAFileError for a pipe or a device,
    FileTooLargeError above the limit (also when a file grows while it is read), and any
    other OSError from the system.
    """
    try:
        fd = os.open(path, _READ_FLAGS)
    except ValueError as exc:  # a NUL character in the name
        raise OSError(errno.EINVAL, str(exc), str(path)) from exc
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(path))
        if not stat.S_ISREG(info.st_mode):
            raise NotAFileError(None, "not a regular file", str(path))
        if info.st_size > limit:
            raise FileTooLargeError(path, info.st_size, limit)
        chunks, size = [], 0
        while size <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > limit:
            raise FileTooLargeError(path, size, limit)
        return b"".join(chunks), info
    finally:
        os.close(fd)


def read_file(path: str | Path, *, limit: int) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes (see read_file_with_stat)."""
    return read_file_with_stat(path, limit=limit)[0]


# -- writing ---------------------------------------------------------------------------------


# One name in a folder: 255 bytes on Linux and macOS (in UTF-8), 255 UTF-16 units on
# Windows; counting UTF-8 bytes is the stricter of the two.
NAME_MAX = 255
_TEMP_SUFFIX_LENGTH = len(".0123abcd.tmp")


def _name_bytes(name: str) -> int:
    try:
        return len(os.fsencode(name))
    except UnicodeError:
        return 4 * len(name)


def sibling_name(name: str, suffix: str) -> str:
    """``name + suffix`` for a file that goes with ``name`` (a lock, a backup, a temporary
    file), shortened when that would be longer than a name may be: the end of the name
    gives way to a hash of the whole name, so a legal name always has its companions and
    two long names keep theirs apart."""
    if _name_bytes(name + suffix) <= NAME_MAX:
        return name + suffix
    tag = "~" + hashlib.sha256(name.encode("utf-8", "surrogatepass")).hexdigest()[:12]
    room = NAME_MAX - _name_bytes(tag + suffix)
    head = name
    while head and _name_bytes(head) > room:
        head = head[:-1]
    return head + tag + suffix


def temp_path_for(path: Path) -> Path:
    """A fresh hidden name in the same folder (os.replace needs the same file system)."""
    return path.with_name(sibling_name(f".{path.name}", f".{secrets.token_hex(4)}.tmp"))


def remove_interrupted_writes(path: Path, older_than: float = 600.0) -> list[Path]:
    """Delete temporary files of ``path`` left by a write that was killed half-way.

    Only those older than ``older_than`` seconds: a write in progress takes milliseconds.
    """
    prefix = sibling_name(f".{path.name}", ".0123abcd.tmp")[:-_TEMP_SUFFIX_LENGTH] + "."
    removed: list[Path] = []
    cutoff = time.time() - older_than
    try:
        entries = list(os.scandir(path.parent))
    except OSError:
        return removed
    for entry in entries:
        name = entry.name
        if name.startswith(prefix) and name.endswith(".tmp") and len(name) == len(prefix) + 12:
            with contextlib.suppress(OSError):
                if entry.stat().st_mtime < cutoff:
                    os.unlink(entry.path)
                    removed.append(Path(entry.path))
    return removed


def atomic_write_bytes(
    path: str | Path, data: bytes, *, before_replace: Callable[[], object] | None = None
) -> None:
    """Write a temporary file beside ``path``, flush and fsync it, then replace ``path``.

    ``before_replace`` runs once the new content is safely on disk and just before it takes
    the place of ``path`` (the store keeps its backups there: a write that fails, on a full
    disk say, then leaves them as they were).

    On POSIX the folder is fsynced too, so the rename itself survives a power loss. The file
    keeps the permission bits of the file it replaces (a shared folder stays shared).
    Raises OSError; the temporary file is removed on failure.
    """
    path = Path(path)
    tmp = temp_path_for(path)
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _O_BINARY, 0o666)
    try:
        try:
            view = memoryview(data)
            while view:
                written = os.write(fd, view)
                view = view[written:]
            os.fsync(fd)
        finally:
            os.close(fd)
        if not _IS_WINDOWS:
            with contextlib.suppress(OSError):
                os.chmod(tmp, stat.S_IMODE(os.stat(path).st_mode))
        if before_replace is not None:
            before_replace()
        _replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    fsync_folder(path.parent)


def fsync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` durable (POSIX; a no-op where folders cannot be opened)."""
    if _IS_WINDOWS:
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # some network file systems refuse fsync on a folder
    finally:
        os.close(fd)


def _replace(source: Path, target: Path) -> None:
    # On Windows a virus scanner or the search indexer may hold the target open for a
    # moment; os.replace then fails with a sharing violation. Try again briefly.
    attempts = 20 if _IS_WINDOWS else 1
    for attempt in range(attempts):
        try:
            os.replace(source, target)
            return
        except PermissionError:
            if attempt == attempts - 1:
                raise
            time.sleep(0.05)
