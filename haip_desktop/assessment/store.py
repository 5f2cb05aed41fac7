"""Reading and writing assessment files: atomic saves, rotating backups, migration on open.

The file is JSON in UTF-8 (a BOM is accepted when reading, never written), indented by two
spaces, keys in the models' order and answers in id order, so two versions diff cleanly.

Backups: once the new version is safely written, and just before it replaces the file, the
previous version is kept as ``.haip-backup/<name>.bak1`` in the same folder (``bak1`` newest
… ``bak5`` oldest); a save that fails leaves the backups as they were. A file
of an older schema is kept once more as ``.haip-backup/<name>.schema<N>`` the first time it is
replaced, and a file that could not be read is kept as ``<name>.unreadable-<time>`` when a
save is forced over it. Nothing there is deleted except by the rotation of ``bak1…5``. A
name so long that these would not fit is shortened (files.sibling_name).

A file that cannot be loaded is never written over without ``force=True``: the store checks
what is there before replacing it (skipped when the file is unchanged since this process
last loaded or saved it, so an ordinary save costs no extra read).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import logging
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from pydantic_core import PydanticSerializationError

from ..files import (
    FileTooLargeError,
    NotAFileError,
    atomic_write_bytes,
    is_file,
    is_folder,
    read_file,
    read_file_with_stat,
    remove_interrupted_writes,
    sibling_name,
)
from ..oserrors import describe_os_error, os_error_advice
from . import strict_json
from .errors import AssessmentFileError
from .migrations import migrate
from .models import SCHEMA_VERSION, Assessment
from .validation_text import describe_location, describe_problem, show_value
from .writable import PROBLEM as UNWRITABLE_PROBLEM
from .writable import (
    SURROGATE_ESCAPE,
    assessment_locations,
    describe_unwritable,
    replace_unwritable,
    unwritable_locations,
)

log = logging.getLogger(__name__)

# The assessment file's extension (JSON inside). Older versions of the app saved ``.json``;
# those are opened, listed and scanned just the same.
FILE_SUFFIX = ".haipeval"
ASSESSMENT_SUFFIXES = (FILE_SUFFIX, ".json")

# Far above any real assessment (a 1 MB note and years of history fit many times over); a
# larger file is not read at all.
MAX_FILE_BYTES = 64 * 1024 * 1024

BACKUP_FOLDER = ".haip-backup"
BACKUP_COUNT = 5

_BOM = b"\xef\xbb\xbf"
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")

# (mtime_ns, size) of files this process loaded or saved successfully: a save over such a
# file, unchanged since, needs no second look at what is there.
_known_good: dict[str, tuple[int, int]] = {}
# Files whose folder was cleared of temporary files left by interrupted saves.
_tidied: set[str] = set()


# -- loading ---------------------------------------------------------------------------------


def load_assessment(path: str | Path) -> Assessment:
    """Read, migrate if older, and validate an assessment file. Never writes anything.

    Raises AssessmentFileError with a Japanese message saying what is wrong and where.
    """
    path = Path(path)
    if is_folder(path):
        # Windows refuses to read a folder with "permission denied"; say what it really is.
        raise AssessmentFileError(
            path,
            "is_folder",
            "フォルダが選ばれています。評価ファイルはフォルダではなくファイルです。",
            advice=f"フォルダの中の評価ファイル（{FILE_SUFFIX} または .json）を"
            "選んで開いてください。",
            detail="path is a directory",
        )
    try:
        raw, stat = read_file_with_stat(path, limit=MAX_FILE_BYTES)
    except FileNotFoundError as exc:
        raise AssessmentFileError(
            path,
            "not_found",
            "ファイルが見つかりません。",
            advice="ファイルの場所と名前を確かめてください。移動や名前の変更をした場合は、"
            "新しい場所から開いてください。",
            detail=str(exc),
        ) from exc
    except (NotAFileError, FileTooLargeError) as exc:
        raise AssessmentFileError(
            path,
            "not_a_file" if isinstance(exc, NotAFileError) else "too_large",
            f"{describe_os_error(exc)}。評価ファイルではないため、読み込みません。",
            advice=f"ファイルは変更していません。{os_error_advice(exc)}",
            detail=str(exc),
        ) from exc
    except OSError as exc:
        raise AssessmentFileError(
            path,
            "unreadable",
            f"ファイルを読み込めません（{describe_os_error(exc)}）。",
            advice=os_error_advice(exc),
            detail=str(exc),
        ) from exc
    try:
        assessment, migrated = _parse(raw, path)
    except AssessmentFileError as exc:
        exc.advice += _backup_hint(path, exc.reason)
        raise
    if not migrated:
        # A migrated file is looked at again when first saved over, to keep the old version.
        _known_good[_key(path)] = (stat.st_mtime_ns, stat.st_size)
    return assessment


def parse_assessment(raw: bytes, path: str | Path = "<memory>") -> Assessment:
    """Turn the bytes of an assessment file into an Assessment (``path`` only for messages)."""
    return _parse(raw, Path(path))[0]


def _parse(raw: bytes, path: Path) -> tuple[Assessment, bool]:
    """The assessment, and whether it was migrated from an older schema.

    The file is parsed once: the JSON decoder builds the document and refuses a key given
    twice in the same pass (strict_json), then pydantic validates that document. Whatever is
    wrong is said exactly (encoding, syntax, shape, version, field).
    """
    if raw.startswith(_BOM):
        raw = raw[len(_BOM) :]
    text = _decode(raw, path)
    try:
        document = _load_json(text, path)
    except json.JSONDecodeError as exc:
        raise _json_syntax_error(exc, text, path) from exc
    if not isinstance(document, dict):
        raise AssessmentFileError(
            path,
            "wrong_shape",
            "JSON としては読めますが、評価ファイルの形ではありません"
            f"（一番外側が {{ }} ではなく{_json_kind(document)}です）。",
            advice=_ADVICE_NOT_ASSESSMENT,
            detail=f"top-level JSON value is {type(document).__name__}",
        )
    version = document.get("schema_version")
    if version is None:
        raise AssessmentFileError(
            path,
            "wrong_shape",
            "JSON としては読めますが、HAIP Desktop の評価ファイルではないようです"
            "（schema_version がありません）。",
            advice=_ADVICE_NOT_ASSESSMENT,
            fields=["schema_version"],
            detail="missing schema_version",
        )
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise AssessmentFileError(
            path,
            "wrong_shape",
            f"ファイル形式の版（schema_version）が正しくありません: {show_value(version)}",
            location="schema_version",
            advice=_ADVICE_EDITED,
            fields=["schema_version"],
            detail=f"schema_version={version!r}",
        )
    if version > SCHEMA_VERSION:
        raise AssessmentFileError(
            path,
            "newer_schema",
            "このファイルは、より新しい版の HAIP Desktop で保存されています"
            f"（ファイル形式 第{version}版。このアプリが読めるのは第{SCHEMA_VERSION}版までです）。",
            advice="ファイルは変更していません。新しい版の HAIP Desktop で開いてください。"
            "このアプリで開くと内容の一部が失われるおそれがあるため、開きません。",
            detail=f"schema_version {version} > {SCHEMA_VERSION}",
        )
    _check_strictly(document, path)
    # A lone surrogate can only come from an escape such as "\\ud800" (UTF-8 cannot hold
    # one): only a file with such an escape needs every text looked at.
    if SURROGATE_ESCAPE.search(raw):
        unwritable = unwritable_locations(document)
        if unwritable:
            raise _unwritable_error(path, unwritable, saving=False)
    if version < SCHEMA_VERSION:
        try:
            document, _ = migrate(document)
        except Exception as exc:  # an upgrader meeting a document it did not expect
            raise AssessmentFileError(
                path,
                "migration",
                f"古い形式（第{version}版）のファイルを現在の形式に変換できませんでした。",
                advice="ファイルは変更していません。この画面の内容とファイルを、"
                "システム担当者に伝えてください。",
                detail=f"{type(exc).__name__}: {exc}",
            ) from exc
    try:
        return Assessment.model_validate(document), version < SCHEMA_VERSION
    except ValidationError as exc:
        raise _validation_error(exc, path) from exc


def _load_json(text: str, path: Path) -> Any:
    """The JSON document; raises json.JSONDecodeError, or AssessmentFileError for what JSON
    allows and the store refuses (a key twice) or cannot hold (a number of thousands of
    digits, nesting deeper than Python recurses)."""
    try:
        return strict_json.loads(text)
    except json.JSONDecodeError:
        raise
    except strict_json.DuplicateKeyError as exc:
        raise _duplicate_key_error(exc, path) from exc
    except ValueError as exc:  # a number of thousands of digits (int_max_str_digits)
        raise AssessmentFileError(
            path,
            "json_syntax",
            "数が大きすぎて（数千桁）読み込めません。評価ファイルではないようです。",
            advice=_ADVICE_NOT_ASSESSMENT,
            detail=str(exc),
        ) from exc
    except RecursionError as exc:
        raise AssessmentFileError(
            path,
            "json_syntax",
            "JSON の入れ子が深すぎて読み込めません。評価ファイルではないようです。",
            advice=_ADVICE_NOT_ASSESSMENT,
            detail="RecursionError",
        ) from exc


def _duplicate_key_error(exc: strict_json.DuplicateKeyError, path: Path) -> AssessmentFileError:
    key = replace_unwritable(exc.key)
    where = f"{exc.line} 行 {exc.column} 列目から始まる {{ }} の中" if exc.line else ""
    return AssessmentFileError(
        path,
        "duplicate_key",
        f"同じ項目名「{key}」が1つの {{ }} の中に2回あります。"
        "後に書かれたものが先のものを消してしまうため、読み込みません。",
        location=where,
        line=exc.line,
        column=exc.column,
        fields=[key],
        advice=_ADVICE_EDITED,
        detail=str(exc),
    )


def _check_strictly(document: Any, path: Path) -> None:
    """What JSON allows but the store refuses, beyond the models (see strict_json)."""
    for loc, value in strict_json.booleans_for_numbers(document):
        where = describe_location(loc)
        raise AssessmentFileError(
            path,
            "invalid_value",
            f"「{where}」は数を書く項目ですが、{show_value(value)} が書かれています。",
            location=where,
            fields=[where],
            advice=_ADVICE_EDITED,
            detail=f"{'.'.join(loc)} is {value!r}",
        )


def _backup_hint(path: Path, reason: str) -> str:
    """Where the previous versions are, when there are any and they could help."""
    if reason in ("not_found", "unreadable", "newer_schema"):
        return ""
    backups = backup_paths(path)
    if not backups:
        return ""
    return (
        f"以前に保存した版が {backups[0].parent} にあります"
        f"（{backups[0].name} が最も新しく、全部で {len(backups)} 版）。"
        "そのファイルを開いて以前の内容を確かめ、別の名前で保存し直せます。"
    )


def _decode(raw: bytes, path: Path) -> str:
    if not raw.strip():
        raise AssessmentFileError(
            path,
            "empty",
            "ファイルが空です（0 バイト、または空白だけ）。",
            advice="ファイルは変更していません。保存の途中で中断された可能性があります。",
            detail=f"{len(raw)} bytes, no content",
        )
    if raw.startswith(_UTF16_BOMS):
        raise AssessmentFileError(
            path,
            "not_text",
            "ファイルが UTF-16 で保存されています。評価ファイルは UTF-8 です。",
            advice="ファイルは変更していません。メモ帳などで編集した場合は、文字コードを「UTF-8」に"
            "して保存し直してから開いてください。",
            detail="UTF-16 byte order mark",
        )
    if b"\x00" in raw:
        offset = raw.index(b"\x00")
        raise AssessmentFileError(
            path,
            "not_text",
            "テキストファイルではありません（文字として読めないバイトが含まれています）。",
            location=f"先頭から {offset + 1} バイト目",
            advice=_ADVICE_NOT_ASSESSMENT,
            detail=f"NUL byte at offset {offset}",
        )
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, column = _line_column(raw[: exc.start].decode("utf-8", "replace"), None)
        raise AssessmentFileError(
            path,
            "not_text",
            "文字コードが UTF-8 ではないか、テキストファイルではありません。",
            location=f"{line} 行 {column} 列目（先頭から {exc.start + 1} バイト目）",
            line=line,
            column=column,
            advice="ファイルは変更していません。Shift_JIS などで保存し直された場合は、"
            "UTF-8 で保存し直してください。"
            "それ以外の場合は評価ファイルではないか、ファイルが壊れています。",
            detail=str(exc),
        ) from exc


_JSON_MESSAGES = {
    "Expecting value": "値があるべき所にありません",
    "Expecting ',' delimiter": "区切りの「,」がありません",
    "Expecting ':' delimiter": "項目名の後の「:」がありません",
    "Expecting property name enclosed in double quotes": '「"」で囲んだ項目名がありません',
    "Unterminated string starting at": '文字列が「"」で閉じられていません',
    "Invalid control character at": "文字列の中に改行などの制御文字があります",
    "Invalid \\escape": "「\\」の使い方が正しくありません",
    "Extra data": "JSON の終わりの後に余分なデータがあります",
}


def _json_syntax_error(exc: json.JSONDecodeError, text: str, path: Path) -> AssessmentFileError:
    what = next((ja for en, ja in _JSON_MESSAGES.items() if exc.msg.startswith(en)), exc.msg)
    # An unterminated string runs to the end of the file (a line break inside one would be
    # another error): the file stops in the middle, like one whose save was cut short.
    # So does one that ends inside true, false or null ("nul").
    rest = text[exc.pos :].rstrip()
    truncated = (
        exc.msg.startswith("Unterminated string")
        or (exc.pos >= len(text.rstrip()) and exc.msg != "Extra data")
        or (bool(rest) and any(word.startswith(rest) for word in ("true", "false", "null")))
    )
    problem = "JSON の書式が壊れています: " + what + "。"
    if truncated:
        problem += (
            "\nファイルが途中で切れているようです（保存の途中で中断された可能性があります）。"
        )
    return AssessmentFileError(
        path,
        "json_syntax",
        problem,
        location=f"{exc.lineno} 行 {exc.colno} 列目",
        line=exc.lineno,
        column=exc.colno,
        advice="ファイルは変更していません。手で編集した場合はその箇所を直してください。",
        detail=f"{exc.msg} (line {exc.lineno} column {exc.colno}, char {exc.pos})",
    )


_MAX_LISTED = 5


def _validation_error(exc: ValidationError, path: Path) -> AssessmentFileError:
    errors = exc.errors(include_url=False)
    lines: list[str] = []
    fields: list[str] = []
    for error in errors[:_MAX_LISTED]:
        where = describe_location(error["loc"])
        fields.append(where)
        lines.append(f"・{where}: {describe_problem(error)}")
    if len(errors) > _MAX_LISTED:
        lines.append(f"・ほか {len(errors) - _MAX_LISTED} 件")
    return AssessmentFileError(
        path,
        "invalid_value",
        "評価ファイルの内容に読み込めない値があります。\n" + "\n".join(lines),
        location=fields[0] if fields else "",
        fields=fields,
        advice=_ADVICE_EDITED,
        detail=str(exc),
    )


def _unwritable_error(
    path: Path, locations: list[tuple[Any, ...]], *, saving: bool
) -> AssessmentFileError:
    """Text that no UTF-8 file can hold: refused on load (so a file that loads can always be
    saved) and on save (the file on disk stays as it was)."""
    fields = [line.removeprefix("・") for line in describe_unwritable(locations)]
    problem = f"{UNWRITABLE_PROBLEM}:\n" + "\n".join(f"・{f}" for f in fields)
    if saving:
        return AssessmentFileError(
            path,
            "unwritable_text",
            problem,
            location=fields[0] if fields else "",
            fields=fields,
            advice="ファイルは変更していません。その欄の文字を消して入力し直してから、"
            "もう一度保存してください。",
            detail=f"lone surrogates at {locations[:5]!r}",
            heading="評価ファイルを保存できません",
        )
    return AssessmentFileError(
        path,
        "unwritable_text",
        problem,
        location=fields[0] if fields else "",
        fields=fields,
        advice="ファイルは変更していません。JSON の「\\ud800」から「\\udfff」の書き方"
        "（対になっていないサロゲート）が手で編集されたか、別のプログラムで壊れています。"
        "その欄を直すか、以前に保存した版を開いてください。",
        detail=f"lone surrogates at {locations[:5]!r}",
    )


def _json_kind(value: Any) -> str:
    if isinstance(value, list):
        return "一覧 [ ] "  # a space before the following 「です」
    if isinstance(value, str):
        return "文字列"
    if isinstance(value, bool):
        return "true / false "
    if isinstance(value, int | float):
        return "数値"
    return "null"


def _line_column(text: str, pos: int | None) -> tuple[int, int]:
    before = text if pos is None else text[:pos]
    line = before.count("\n") + 1
    column = len(before) - (before.rfind("\n") + 1) + 1
    return line, column


_ADVICE_NOT_ASSESSMENT = (
    "ファイルは変更していません。開こうとしたファイルが HAIP Desktop の評価ファイル"
    f"（{FILE_SUFFIX}、以前の版では .json）か確かめてください。"
)
_ADVICE_EDITED = (
    "ファイルは変更していません。手で編集した場合は、その箇所を直すか元に戻してください。"
)


# -- saving ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class SaveResult:
    """What a save did besides writing the file."""

    path: Path
    backup: Path | None  # the previous version, kept as .haip-backup/<name>.bak1
    kept_copies: tuple[Path, ...] = ()  # an older-schema or unreadable file kept for good


def serialize_assessment(assessment: Assessment) -> bytes:
    """The exact bytes of the file: indented JSON, UTF-8 without BOM, final newline."""
    # What model_dump_json does, without turning the bytes into a str and back (≈0.4 ms
    # for a fully answered assessment).
    return assessment.__pydantic_serializer__.to_json(assessment, indent=2) + b"\n"


def save_assessment(assessment: Assessment, path: str | Path, *, force: bool = False) -> SaveResult:
    """Write ``assessment`` to ``path`` atomically, keeping the previous version as a backup.

    Refuses (AssessmentFileError, reason ``target_unreadable`` or ``target_newer``) to
    replace a file that cannot be loaded or comes from a newer app, unless ``force`` is
    true; even then that file is first kept as ``.haip-backup/<name>.unreadable-<time>``.
    A failed write raises AssessmentFileError (reason ``write_failed``) and leaves the file
    as it was.
    """
    path = Path(path)
    try:
        data = serialize_assessment(assessment)
    except PydanticSerializationError as exc:
        raise _unwritable_error(path, assessment_locations(assessment), saving=True) from exc
    kept: list[Path] = []
    try:
        current = os.stat(path)
    except FileNotFoundError:
        current = None
    except OSError as exc:
        raise _write_error(path, exc) from exc
    rotated: list[Path | None] = []
    if current is not None and _known_good.get(_key(path)) != (
        current.st_mtime_ns,
        current.st_size,
    ):
        kept.extend(_check_replaceable(path, force))
    try:
        # Backups turn over only once the new version is safely written: a save that fails
        # (a full disk) leaves all of them as they were.
        atomic_write_bytes(
            path,
            data,
            before_replace=(lambda: rotated.append(_rotate_backups(path)))
            if current is not None
            else None,
        )
        saved = os.stat(path)
    except OSError as exc:
        raise _write_error(path, exc) from exc
    _known_good[_key(path)] = (saved.st_mtime_ns, saved.st_size)
    log.info("saved assessment to %s (%d bytes)", path, len(data))
    if _key(path) not in _tidied:  # once per file and process: listing a share can be slow
        _tidied.add(_key(path))
        for leftover in remove_interrupted_writes(path):
            log.info("removed %s, left by an interrupted save", leftover)
    return SaveResult(path, rotated[0] if rotated else None, tuple(kept))


def backup_folder(path: str | Path) -> Path:
    path = Path(path)
    return path.parent / BACKUP_FOLDER


def backup_paths(path: str | Path) -> list[Path]:
    """The rotating backups that exist for ``path``, newest first."""
    folder = backup_folder(path)
    name = Path(path).name
    candidates = (folder / sibling_name(name, f".bak{i}") for i in range(1, BACKUP_COUNT + 1))
    return [p for p in candidates if is_file(p)]


def _check_replaceable(path: Path, force: bool) -> list[Path]:
    """Look at the file about to be replaced; refuse or keep a copy of what must not be lost."""
    try:
        raw = read_file(path, limit=MAX_FILE_BYTES)
    except OSError as exc:
        raise _write_error(path, exc) from exc
    try:
        parse_assessment(raw, path)
    except AssessmentFileError as exc:
        if not force:
            newer = exc.reason == "newer_schema"
            raise AssessmentFileError(
                path,
                "target_newer" if newer else "target_unreadable",
                (
                    "保存先には、より新しい版のアプリで保存された評価ファイルがあります。"
                    if newer
                    else "保存先にあるファイルは、評価ファイルとして読み込めません。"
                )
                + f"\n（{exc.problem.splitlines()[0]}）",
                advice="上書きせずに中止しました。別の名前で保存してください。"
                "上書きしてよい場合は確認のうえ上書きを選んでください"
                f"（元のファイルは {BACKUP_FOLDER} フォルダに残します）。",
                location=exc.location,
                detail=exc.detail,
                heading="保存を中止しました",
            ) from exc
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        return [_keep_copy(path, sibling_name(path.name, f".unreadable-{stamp}"))]
    version = _schema_version_of(raw)
    if version is not None and version < SCHEMA_VERSION:
        name = sibling_name(path.name, f".schema{version}")
        if not (backup_folder(path) / name).exists():
            return [_keep_copy(path, name)]
    return []


def _schema_version_of(raw: bytes) -> int | None:
    try:
        version = json.loads(raw.removeprefix(_BOM)).get("schema_version")
    except (ValueError, AttributeError):
        return None
    return version if isinstance(version, int) else None


def _keep_copy(path: Path, name: str) -> Path:
    folder = _ensure_backup_folder(path)
    target = folder / name
    try:
        atomic_write_bytes(target, read_file(path, limit=MAX_FILE_BYTES))
    except OSError as exc:
        raise _write_error(path, exc) from exc
    log.warning("kept a copy of %s as %s before replacing it", path, target)
    return target


def _rotate_backups(path: Path) -> Path | None:
    """Shift bak1…bak4 to bak2…bak5 and keep the current file as bak1.

    A backup that cannot be made is logged and does not stop the save: losing the new work
    would be worse than missing one old version.
    """
    try:
        folder = _ensure_backup_folder(path)
        name = path.name
        for i in range(BACKUP_COUNT, 1, -1):
            older = folder / sibling_name(name, f".bak{i - 1}")
            if older.exists():
                os.replace(older, folder / sibling_name(name, f".bak{i}"))
        newest = folder / sibling_name(name, ".bak1")
        with contextlib.suppress(FileNotFoundError):
            newest.unlink()  # only if a shift above failed half-way
        try:
            os.link(path, newest)  # cheap; the save replaces path with a new file
        except OSError:  # a file system without links (FAT, exFAT sticks, some shares)
            atomic_write_bytes(newest, read_file(path, limit=MAX_FILE_BYTES))
        return newest
    except OSError as exc:
        log.warning("could not keep a backup of %s: %s", path, exc)
        return None


def _ensure_backup_folder(path: Path) -> Path:
    folder = backup_folder(path)
    folder.mkdir(exist_ok=True)
    return folder


def _write_error(path: Path, exc: OSError) -> AssessmentFileError:
    return AssessmentFileError(
        path,
        "write_failed",
        f"保存できませんでした（{describe_os_error(exc)}）。",
        advice="元のファイルは変更されていません。保存先のフォルダに書き込めるか、"
        "共有フォルダに接続できているかを確かめてから、もう一度保存するか、"
        "「名前を付けて保存」で別の場所に保存してください。",
        detail=str(exc),
        heading="評価ファイルを保存できません",
    )


def _key(path: Path) -> str:
    return os.path.abspath(path)
