"""Autosaved copies of unsaved work, offered back after a crash or a power loss.

One recovery file per open document, in ``<user data>/recovery/``, named from the document's
path (``<stem>-<hash>.recovery.json``) or ``untitled-<uuid>.recovery.json`` for a document
never saved. The window writes it every 30 s and on each status change while there are unsaved
changes, and discards it after a successful save or a deliberate "don't save".

A recovery file holds the assessment plus where it came from, when, and which process wrote
it; ``find_recoveries`` lists those whose writer is no longer running (the ones to offer).
Writes go through the same atomic writer as the store.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import logging
import os
import uuid
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError
from pydantic_core import PydanticSerializationError

from ..files import atomic_write_bytes, read_file
from ..paths import RECOVERY_SUFFIX, recovery_dir
from .history import aware
from .lock import host_name, process_alive
from .models import Assessment, Status
from .store import MAX_FILE_BYTES
from .writable import writable_copy

log = logging.getLogger(__name__)


class RecoveryFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    recovery_version: int = 1
    key: str
    original_path: str | None = None  # None: never saved
    saved_at: dt.datetime
    host: str
    pid: int
    assessment: Assessment


@dataclass(frozen=True)
class Recovery:
    """An autosaved copy found on disk."""

    key: str
    file: Path
    original_path: Path | None
    saved_at: dt.datetime
    facility_name: str
    answered: int  # answers that are not 未回答, to help the person recognise it
    original_changed_since: bool  # the document was saved after this copy was made

    def load(self) -> Assessment:
        return _read(self.file).assessment

    def discard(self) -> None:
        discard_recovery(self.key)


def recovery_key(original_path: str | Path | None) -> str:
    """The key of a document's recovery file: stable per path, fresh for an untitled one."""
    if original_path is None:
        return f"untitled-{uuid.uuid4().hex}"
    resolved = os.path.normcase(os.path.abspath(original_path))
    digest = hashlib.sha256(resolved.encode("utf-8")).hexdigest()[:16]
    stem = "".join(c if c.isalnum() or c in "-_" else "_" for c in Path(original_path).stem)
    return f"{stem[:40]}-{digest}"


def recovery_file(key: str) -> Path:
    return recovery_dir() / f"{key}{RECOVERY_SUFFIX}"


def write_recovery(
    assessment: Assessment, key: str, original_path: str | Path | None = None
) -> Path:
    """Write (atomically) the autosave copy of an open document. Raises OSError.

    Text no file can hold (a lone surrogate) is written as U+FFFD: the work is kept.
    """
    record = RecoveryFile(
        key=key,
        original_path=str(original_path) if original_path is not None else None,
        saved_at=dt.datetime.now().astimezone(),
        host=host_name(),
        pid=os.getpid(),
        assessment=assessment,
    )
    try:
        data = record.__pydantic_serializer__.to_json(record)
    except PydanticSerializationError:
        # Only then is every text looked at (the autosave runs every 30 s while editing).
        record = record.model_copy(update={"assessment": writable_copy(assessment)})
        data = record.__pydantic_serializer__.to_json(record)
    target = recovery_file(key)
    atomic_write_bytes(target, data)
    return target


def discard_recovery(key: str) -> None:
    with contextlib.suppress(FileNotFoundError):
        recovery_file(key).unlink()


def find_recoveries(*, include_running: bool = False) -> list[Recovery]:
    """Recovery files to offer, newest first.

    Those written by a program still running on this PC (this one included) are left out
    unless ``include_running``: they are live autosaves, not leftovers of a crash. Files that
    cannot be read are skipped (and left in place).
    """
    found: list[Recovery] = []
    try:
        files = list(recovery_dir().glob(f"*{RECOVERY_SUFFIX}"))
    except OSError as exc:  # no user data folder (a locked-down profile): nothing to offer
        log.warning("cannot look for recovery files: %s", exc)
        return found
    for file in files:
        try:
            record = _read(file)
        except (OSError, ValueError) as exc:
            log.warning("skipping unreadable recovery file %s: %s", file, exc)
            continue
        running = record.host == host_name() and (
            record.pid == os.getpid() or process_alive(record.pid)
        )
        if running and not include_running:
            continue
        original = Path(record.original_path) if record.original_path else None
        found.append(
            Recovery(
                key=record.key,
                file=file,
                original_path=original,
                saved_at=record.saved_at,
                facility_name=record.assessment.facility.name,
                answered=sum(
                    1
                    for a in record.assessment.answers.values()
                    if a.status is not Status.UNANSWERED
                ),
                original_changed_since=_modified_after(original, record.saved_at),
            )
        )
    found.sort(key=lambda r: aware(r.saved_at), reverse=True)
    return found


def _read(file: Path) -> RecoveryFile:
    try:
        return RecoveryFile.model_validate_json(read_file(file, limit=MAX_FILE_BYTES))
    except ValidationError as exc:
        raise ValueError(str(exc)) from exc


def _modified_after(original: Path | None, saved_at: dt.datetime) -> bool:
    if original is None:
        return False
    try:
        mtime = os.stat(original).st_mtime
    except OSError:
        return False
    return mtime > saved_at.timestamp()
