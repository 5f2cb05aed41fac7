"""A checked snapshot of loaded guideline data, so that a start need not validate it again.

Loading a data folder in full (loader.py: the YAML parser, pydantic, the checks across files)
costs more than everything else a start does with the data, and its answer only changes when
the data or the program does. So once a folder has loaded without problems, the items are
kept as JSON in the user data folder (``guideline-cache/``), and later loads build the same
items from it directly, without importing the YAML parser or pydantic.

A snapshot is used only when

- its key matches: the SHA-256 of the snapshot format, the app version, the code that shapes
  the items (models, loader, readings, this module) and the name and SHA-256 of every data
  file (readings.yaml included) — any change to the data or to that code makes it stale;
- its signature matches: HMAC-SHA256 with a random key made once per installation and kept
  beside the snapshots, so that a file this program did not write (copied from elsewhere,
  edited, damaged on disk) is never trusted.

Otherwise — missing, stale, unreadable or refused — the folder is loaded and validated in full,
and the snapshot is written again. JSON cannot run code when it is read (never pickle).
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import functools
import hashlib
import hmac
import importlib.util
import json
import logging
import marshal
import secrets
import types
import typing
from collections.abc import Callable, Mapping
from enum import Enum
from pathlib import Path
from typing import Any, TypeVar

from .. import __version__
from ..files import atomic_write_bytes, read_file
from ..paths import user_data_dir
from .data_folder import data_digests
from .guideline import Guideline
from .models import (
    Countermeasure,
    Flow,
    GuidelineInfo,
    Reference,
    Risk,
    RiskCategory,
    UseCase,
    UseScene,
    field_types,
    plain_type,
)
from .readings import Readings

log = logging.getLogger(__name__)

SNAPSHOT_FORMAT = 1
CACHE_FOLDER_NAME = "guideline-cache"
KEY_FILE_NAME = "signing.key"
KEPT_SNAPSHOTS = 4  # the newest few: the bundled data and a pack or two, across updates
MAX_SNAPSHOT_BYTES = 64 * 1024 * 1024

# The modules whose code decides what loading a folder gives (a change to any of them makes
# every snapshot stale, even when the app version stays the same during development).
SHAPING_MODULES = (
    "haip_desktop.guideline.models",
    "haip_desktop.guideline.loader",
    "haip_desktop.guideline.readings",
    "haip_desktop.guideline.data_folder",
    __name__,
)

# The lists of a Guideline, in the order of its constructor, and the kind of their items.
LISTS: dict[str, type[Any]] = {
    "use_cases": UseCase,
    "risk_categories": RiskCategory,
    "risks": Risk,
    "countermeasures": Countermeasure,
    "flows": Flow,
    "scenes": UseScene,
    "references": Reference,
}


def snapshot_folder() -> Path:
    return user_data_dir() / CACHE_FOLDER_NAME


def load_checked_guideline(
    folder: Path, *, digests: Mapping[str, str] | None = None, cache: Path | None = None
) -> Guideline:
    """The guideline of a data folder: from its snapshot when there is a good one, else
    loaded and validated in full (and the snapshot written for the next time).

    ``digests`` (file name -> SHA-256) when the caller has just checked the files, e.g.
    against a pack's manifest; ``cache`` overrides the snapshot folder (tests).
    Raises GuidelineDataError, as load_guideline does, when the data has problems.
    """
    cache = cache if cache is not None else snapshot_folder()
    digests = _digests(folder, digests)
    if digests is not None:
        found = read_snapshot(cache, snapshot_key(digests), folder)
        if found is not None:
            return found
    from . import load_guideline

    guideline = load_guideline(folder)
    if digests is not None:
        write_snapshot(guideline, digests, cache)
    return guideline


def read_checked_guideline(
    folder: Path, *, digests: Mapping[str, str] | None = None, cache: Path | None = None
) -> Guideline | None:
    """The guideline of a data folder from its snapshot, or None when it has to be
    validated first (no good snapshot, or the files cannot be read). Never raises."""
    digests = _digests(folder, digests)
    if digests is None:
        return None
    cache = cache if cache is not None else snapshot_folder()
    return read_snapshot(cache, snapshot_key(digests), folder)


def _digests(folder: Path, known: Mapping[str, str] | None) -> dict[str, str] | None:
    if known is not None:
        return dict(known)
    try:
        return data_digests(folder)
    except OSError as exc:  # a full load says exactly which file cannot be read
        log.info("guideline snapshot not used: %s", exc)
        return None


def snapshot_key(digests: Mapping[str, str]) -> str:
    """What a snapshot must have been made from: data files, program, format."""
    described = {
        "format": SNAPSHOT_FORMAT,
        "app": __version__,
        "code": _code_fingerprint(),
        "files": sorted(digests.items()),
    }
    return hashlib.sha256(json.dumps(described).encode("utf-8")).hexdigest()


@functools.cache
def _code_fingerprint() -> str:
    digest = hashlib.sha256()
    for name in SHAPING_MODULES:
        spec = importlib.util.find_spec(name)
        loader = spec.loader if spec is not None else None
        code: bytes = b""
        # get_source and get_code are a loader's optional parts (importlib.abc.InspectLoader):
        # whatever a loader lacks or refuses, the version stays.
        with contextlib.suppress(Exception):
            source = loader.get_source(name) if loader is not None else None  # type: ignore[attr-defined]
            if source is not None:
                code = source.encode("utf-8")
            elif loader is not None:  # a frozen build keeps byte code only
                code = marshal.dumps(loader.get_code(name))  # type: ignore[attr-defined]
        digest.update(name.encode() + b"\0" + hashlib.sha256(code).digest())
    return digest.hexdigest()


# -- reading ---------------------------------------------------------------------------------


def read_snapshot(cache: Path, key: str, folder: Path) -> Guideline | None:
    """The guideline from the snapshot for ``key``, or None when there is no good one."""
    path = _snapshot_path(cache, key)
    try:
        signing_key = _read_signing_key(cache)
        raw = read_file(path, limit=MAX_SNAPSHOT_BYTES)
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as exc:
        log.info("guideline snapshot %s not readable: %s", path, exc)
        return None
    signature, _, body = raw.partition(b"\n")
    expected = hmac.new(signing_key, body, hashlib.sha256).hexdigest().encode("ascii")
    if not hmac.compare_digest(signature, expected):
        log.warning("guideline snapshot %s is not one this program wrote: not used", path)
        return None
    try:
        document = json.loads(body)
        if document["format"] != SNAPSHOT_FORMAT or document["key"] != key:
            raise ValueError("made for other data")
        return _guideline_from(document["guideline"], folder)
    except Exception as exc:  # noqa: BLE001 - whatever is wrong with it, load in full
        log.warning("guideline snapshot %s not used: %s", path, exc)
        return None


def _guideline_from(data: dict[str, Any], folder: Path) -> Guideline:
    lists = {name: [_build(kind, item) for item in data[name]] for name, kind in LISTS.items()}
    readings = data["readings"]
    if not isinstance(readings, dict):
        raise TypeError("readings")
    return Guideline(
        info=_build(GuidelineInfo, data["info"]),
        source_dir=folder,
        readings=Readings(readings),
        **lists,
    )


_Item = TypeVar("_Item")


def _build(kind: type[_Item], values: dict[str, Any]) -> _Item:
    # A class is hashable; mypy reads type[X] against Hashable wrongly (python/mypy#11470).
    plan = _plan(kind)  # type: ignore[arg-type]
    if len(values) != len(plan):
        raise KeyError(f"{kind.__name__}: {sorted(values)}")
    # Every field given, each already of its type: the instance is filled in directly, as a
    # frozen data class's __init__ would (without it, building ≈800 items takes half as long).
    item = object.__new__(kind)
    item.__dict__.update({name: convert(values[name]) for name, convert in plan})
    return item


Convert = Callable[[Any], Any]


@functools.cache
def _plan(kind: type[Any]) -> tuple[tuple[str, Convert], ...]:
    """How to turn each field's JSON value back into its type (once per kind of item)."""
    hints = field_types(kind)  # type: ignore[arg-type]  # (python/mypy#11470, as in _build)
    return tuple((name, _converter(hint)) for name, hint in hints.items())


def _same(value: Any) -> Any:
    return value


def _converter(hint: Any) -> Convert:
    hint = plain_type(hint)
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin is list:
        item = _converter(args[0])
        return list if item is _same else (lambda values: [item(v) for v in values])
    if origin in (typing.Union, types.UnionType):
        options = [a for a in args if a is not type(None)]
        if len(options) != 1:
            raise TypeError(f"no snapshot form for {hint!r}")
        inner = _converter(options[0])
        return inner if inner is _same else (lambda v: None if v is None else inner(v))
    if origin is typing.Literal or hint in (str, int, bool):
        return _same
    if hint is dt.date:
        return dt.date.fromisoformat
    if isinstance(hint, type) and issubclass(hint, Enum):
        return {member.value: member for member in hint}.__getitem__
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        return functools.partial(_build, hint)
    raise TypeError(f"no snapshot form for {hint!r}")


# -- writing ---------------------------------------------------------------------------------


def write_snapshot(
    guideline: Guideline, digests: Mapping[str, str], cache: Path | None = None
) -> None:
    """Keep a validated guideline for the next load of the same data. Never raises: a
    snapshot that cannot be written only means the next start validates again."""
    cache = cache if cache is not None else snapshot_folder()
    key = snapshot_key(digests)
    try:
        document = {"format": SNAPSHOT_FORMAT, "key": key, "guideline": _plain_guideline(guideline)}
        body = json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        cache.mkdir(parents=True, exist_ok=True)
        signature = hmac.new(_signing_key(cache), body, hashlib.sha256).hexdigest()
        path = _snapshot_path(cache, key)
        atomic_write_bytes(path, signature.encode("ascii") + b"\n" + body)
        _forget_old_snapshots(cache, keep=path)
    except (OSError, TypeError, ValueError) as exc:
        log.warning("guideline snapshot not written: %s", exc)


def _plain_guideline(guideline: Guideline) -> dict[str, Any]:
    plain = {name: [_plain(item) for item in getattr(guideline, name)] for name in LISTS}
    return {"info": _plain(guideline.info), **plain, "readings": dict(guideline.readings.words)}


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if value is None or isinstance(value, str | int | bool):
        return value
    raise TypeError(f"no snapshot form for {type(value).__name__}")


def _forget_old_snapshots(cache: Path, keep: Path) -> None:
    """Only the newest few snapshots stay (another process may be removing them too)."""
    dated: list[tuple[float, Path]] = []
    for path in cache.glob("guideline-*.json"):
        if path != keep:
            with contextlib.suppress(OSError):
                dated.append((path.stat().st_mtime, path))
    for _, old in sorted(dated, reverse=True)[KEPT_SNAPSHOTS - 1 :]:
        with contextlib.suppress(OSError):
            old.unlink()


# -- the signing key -------------------------------------------------------------------------


def _snapshot_path(cache: Path, key: str) -> Path:
    return cache / f"guideline-{key[:32]}.json"


def _read_signing_key(cache: Path) -> bytes:
    key = bytes.fromhex(read_file(cache / KEY_FILE_NAME, limit=1024).decode("ascii").strip())
    if len(key) < 32:
        raise OSError("signing key too short")
    return key


def _signing_key(cache: Path) -> bytes:
    """This installation's key, made on first use."""
    with contextlib.suppress(OSError, ValueError):
        return _read_signing_key(cache)
    key = secrets.token_bytes(32)
    atomic_write_bytes(cache / KEY_FILE_NAME, key.hex().encode("ascii") + b"\n")
    return key
