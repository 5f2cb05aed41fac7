"""Guideline data packs: one zip file with a guideline data folder and a manifest.

A pack travels on a USB stick or a shared folder (the app never touches the network). Before
anything changes, a pack is verified: only plain file names (no paths, so nothing can be
written outside the target folder), size limits against zip bombs, the SHA-256 of every file
against the manifest, no missing and no extra files, and then the data itself is loaded from
an extracted copy (schema and cross-references). Installed packs live in the user data folder,
one folder per data version; a small JSON file says which one is active. The bundled data is
always the fallback: a broken imported pack never stops the app.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import io
import json
import logging
import os
import re
import shutil
import stat
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..files import FileTooLargeError, atomic_write_bytes, is_folder, read_file
from ..oserrors import describe_os_error, os_error_advice
from ..paths import bundled_guideline_dir, user_data_dir
from . import load_guideline
from .data_folder import DATA_SUFFIX
from .guideline import Guideline
from .problems import GuidelineDataError
from .snapshot import load_checked_guideline, read_checked_guideline, write_snapshot

log = logging.getLogger(__name__)

MANIFEST_NAME = "manifest.json"
PACK_FORMAT = "haip-guideline-pack"
PACK_FORMAT_VERSION = 1
PACK_SUFFIX = ".haippack"

# Limits well above the bundled data (about 1 MB of YAML) and well below harm.
MAX_PACK_BYTES = 64 * 1024 * 1024  # the zip file itself
MAX_MEMBERS = 200
MAX_MEMBER_BYTES = 16 * 1024 * 1024  # one file, uncompressed
MAX_TOTAL_BYTES = 64 * 1024 * 1024  # all files, uncompressed
MAX_MANIFEST_BYTES = 1024 * 1024  # manifest.json and the settings file

DATA_FILE_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}\.(yaml|md)$")
DATA_VERSION_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")

SETTINGS_NAME = "guideline_data.json"
PACKS_DIR_NAME = "packs"


class PackError(Exception):
    """A pack was refused; `problems` lists every reason in Japanese."""

    def __init__(self, problems: list[str], file: Path | None = None) -> None:
        self.problems = problems
        self.file = file
        where = f"{file.name}: " if file is not None else ""
        lines = [f"{where}ガイドラインデータのパックを使えません（{len(problems)} 件の問題）:"]
        lines += [f"  - {p}" for p in problems]
        super().__init__("\n".join(lines))


@dataclass(frozen=True)
class PackManifest:
    guideline_id: str
    edition: int
    data_version: str
    data_date: dt.date
    created: dt.datetime
    files: dict[str, str]  # file name -> SHA-256 (hex)
    sizes: dict[str, int] = field(default_factory=dict)
    format_version: int = PACK_FORMAT_VERSION

    def to_json(self) -> str:
        document = {
            "format": PACK_FORMAT,
            "format_version": self.format_version,
            "guideline_id": self.guideline_id,
            "edition": self.edition,
            "data_version": self.data_version,
            "data_date": self.data_date.isoformat(),
            "created": self.created.isoformat(timespec="seconds"),
            "files": {
                name: {"sha256": digest, "size": self.sizes.get(name)}
                for name, digest in sorted(self.files.items())
            },
        }
        return json.dumps(document, ensure_ascii=False, indent=2) + "\n"

    @classmethod
    def from_json(cls, text: str | bytes) -> PackManifest:
        """Parse a manifest; raises ValueError with a Japanese reason when it is malformed."""
        try:
            raw = json.loads(text)
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise ValueError(f"manifest.json が JSON として読めません: {exc}") from exc
        if not isinstance(raw, dict):
            raise ValueError("manifest.json の最上位がオブジェクトではありません")
        if raw.get("format") != PACK_FORMAT:
            raise ValueError("manifest.json がガイドラインデータのパックのものではありません")
        version = raw.get("format_version")
        if not isinstance(version, int) or version > PACK_FORMAT_VERSION or version < 1:
            raise ValueError(
                f"パックの形式 {version} はこの版のアプリでは読めません"
                f"（読める形式: {PACK_FORMAT_VERSION} まで）。アプリを更新してください"
            )
        try:
            files_raw = raw["files"]
            if not isinstance(files_raw, dict) or not files_raw:
                raise ValueError("files が空です")
            files: dict[str, str] = {}
            sizes: dict[str, int] = {}
            for name, entry in files_raw.items():
                digest = entry["sha256"]
                if not isinstance(digest, str) or not re.fullmatch(r"[0-9a-f]{64}", digest):
                    raise ValueError(f"{name} の sha256 が正しい形ではありません")
                files[name] = digest
                if isinstance(entry.get("size"), int):
                    sizes[name] = entry["size"]
            return cls(
                guideline_id=str(raw["guideline_id"]),
                edition=int(raw["edition"]),
                data_version=str(raw["data_version"]),
                data_date=dt.date.fromisoformat(raw["data_date"]),
                created=dt.datetime.fromisoformat(raw["created"]),
                files=files,
                sizes=sizes,
                format_version=version,
            )
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise ValueError(f"manifest.json の内容が足りないか正しくありません: {exc}") from exc


def _read_manifest(folder: Path) -> bytes:
    return read_file(folder / MANIFEST_NAME, limit=MAX_MANIFEST_BYTES)


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def data_files(folder: Path) -> list[Path]:
    """The files of a guideline data folder that belong in a pack (YAML and notes)."""
    return sorted(p for p in folder.iterdir() if p.is_file() and p.suffix in (".yaml", ".md"))


# -- building -------------------------------------------------------------------------------


def build_pack(
    folder: str | Path, out: str | Path, *, now: dt.datetime | None = None
) -> PackManifest:
    """Write a pack of a guideline data folder. The data must load without problems.

    Raises GuidelineDataError when the data is invalid, PackError when a file name cannot go
    into a pack. The zip is written to a temporary file and moved into place.
    """
    folder, out = Path(folder), Path(out)
    guideline = load_guideline(folder)
    files = data_files(folder)
    bad = [p.name for p in files if not DATA_FILE_PATTERN.match(p.name)]
    if bad:
        raise PackError(
            [f"ファイル名 {name} は使えません（英数字・ハイフン・下線・点のみ）" for name in bad]
        )
    contents = {p.name: read_file(p, limit=MAX_MEMBER_BYTES) for p in files}
    manifest = PackManifest(
        guideline_id=guideline.id,
        edition=guideline.edition,
        data_version=guideline.data_version,
        data_date=guideline.info.data_date,
        created=(now or dt.datetime.now(dt.UTC)).replace(microsecond=0),
        files={name: _sha256(data) for name, data in contents.items()},
        sizes={name: len(data) for name, data in contents.items()},
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(MANIFEST_NAME, manifest.to_json().encode("utf-8"))
        for name, data in contents.items():
            zf.writestr(name, data)
    out.parent.mkdir(parents=True, exist_ok=True)
    atomic_write_bytes(out, buffer.getvalue())
    return manifest


# -- verifying ------------------------------------------------------------------------------


def verify_pack(file: str | Path) -> tuple[PackManifest | None, list[str]]:
    """Check a pack without changing anything. Returns the manifest and the problems found.

    The pack is good when the problem list is empty.
    """
    with tempfile.TemporaryDirectory(prefix="haip-pack-") as tmp:
        manifest, problems, _ = _extract_verified(Path(file), Path(tmp))
    return manifest, problems


def open_pack(file: str | Path) -> tuple[PackManifest, Guideline]:
    """Verify a pack and load its data without installing it (to compare or preview it).

    Raises PackError listing the problems when the pack is refused.
    """
    file = Path(file)
    with tempfile.TemporaryDirectory(prefix="haip-pack-") as tmp:
        manifest, problems, guideline = _extract_verified(file, Path(tmp))
    if problems or manifest is None or guideline is None:
        raise PackError(problems, file)
    return manifest, guideline


def load_guideline_from(path: str | Path) -> Guideline:
    """A data folder or a pack file; raises GuidelineDataError or PackError."""
    path = Path(path)
    return load_guideline(path) if is_folder(path) else open_pack(path)[1]


def _extract_verified(
    file: Path, target: Path
) -> tuple[PackManifest | None, list[str], Guideline | None]:
    """Verify a pack and write its files into target (an empty folder).

    Only files whose content matches the manifest are written; the data is then loaded from
    target, so what is checked is exactly what will be used.
    """
    problems: list[str] = []
    try:
        raw = read_file(file, limit=MAX_PACK_BYTES)  # a regular file: a pipe would block
    except FileTooLargeError as exc:
        return (
            None,
            [f"ファイルが大きすぎます（{exc.size:,} バイト、上限 {MAX_PACK_BYTES:,}）"],
            None,
        )
    except OSError as exc:
        return (
            None,
            [f"{file} を開けません（{describe_os_error(exc)}）。{os_error_advice(exc)}"],
            None,
        )
    try:
        zf = zipfile.ZipFile(io.BytesIO(raw))
    except zipfile.BadZipFile:
        return (
            None,
            [
                f"{file} はデータのパックではないか、壊れています（zip 形式として読めません）。"
                f"パックのファイル（{PACK_SUFFIX}）を指定してください"
            ],
            None,
        )
    except OSError as exc:
        return (
            None,
            [f"{file} を開けません（{describe_os_error(exc)}）。{os_error_advice(exc)}"],
            None,
        )

    with zf:
        infos = zf.infolist()
        if len(infos) > MAX_MEMBERS:
            return (
                None,
                [f"含まれるファイルが多すぎます（{len(infos)} 個、上限 {MAX_MEMBERS}）"],
                None,
            )
        names = [i.filename for i in infos]
        seen: set[str] = set()
        for name in names:
            if name in seen:
                problems.append(f"{name} が2回含まれています")
            seen.add(name)
        unsafe = [i for i in infos if not _safe_member(i)]
        for info in unsafe:
            problems.append(
                f"{info.filename!r} はフォルダ付きの名前・リンク・使えない名前のため取り込めません"
            )
        total = sum(i.file_size for i in infos)
        if total > MAX_TOTAL_BYTES:
            problems.append(
                f"展開後の大きさが上限を超えます（{total:,} バイト、上限 {MAX_TOTAL_BYTES:,}）"
            )
        for info in infos:
            if info.file_size > MAX_MEMBER_BYTES:
                problems.append(
                    f"{info.filename} が大きすぎます（{info.file_size:,} バイト、上限 {MAX_MEMBER_BYTES:,}）"
                )
        if problems:
            return None, problems, None

        if MANIFEST_NAME not in seen:
            return (
                None,
                ["manifest.json がありません（ガイドラインデータのパックではありません）"],
                None,
            )
        manifest_bytes, error = _read_member(zf, zf.getinfo(MANIFEST_NAME))
        if error:
            return None, [error], None
        try:
            manifest = PackManifest.from_json(manifest_bytes)
        except ValueError as exc:
            return None, [str(exc)], None

        if not DATA_VERSION_PATTERN.match(manifest.data_version):
            problems.append(f"データ版 {manifest.data_version!r} は使えない文字を含みます")
        listed = set(manifest.files)
        present = seen - {MANIFEST_NAME}
        for name in sorted(present - listed):
            problems.append(f"{name} は manifest.json に載っていない余分なファイルです")
        for name in sorted(listed - present):
            problems.append(f"{name} が manifest.json に載っているのにパックにありません")
        for name in sorted(listed):
            if not DATA_FILE_PATTERN.match(name):
                problems.append(f"manifest.json のファイル名 {name!r} は使えません")

        for name in sorted(listed & present):
            data, error = _read_member(zf, zf.getinfo(name))
            if error:
                problems.append(error)
                continue
            if _sha256(data) != manifest.files[name]:
                problems.append(
                    f"{name} の内容が manifest.json の SHA-256 と一致しません"
                    "（改ざんされたか、壊れています）"
                )
                continue
            if not problems:
                (target / name).write_bytes(data)
        if problems:
            return manifest, problems, None

    try:
        guideline = load_guideline(target)
    except GuidelineDataError as exc:
        return manifest, [f"データの検査: {p}" for p in exc.problems], None
    for label, in_manifest, in_data in (
        ("ガイドライン id", manifest.guideline_id, guideline.id),
        ("版", manifest.edition, guideline.edition),
        ("データ版", manifest.data_version, guideline.data_version),
    ):
        if in_manifest != in_data:
            problems.append(
                f"manifest.json の{label} {in_manifest} とデータの{label} {in_data} が一致しません"
            )
    own_id = _bundled_guideline_id()
    if guideline.id != own_id:
        # Ids of another guideline mean other things: assessments would silently mismatch.
        problems.append(
            f"別のガイドライン（{guideline.id}）のデータです。このアプリのガイドライン"
            f"（{own_id}）のデータではないため、取り込むと評価と対応しなくなります"
        )
    (target / MANIFEST_NAME).write_bytes(manifest_bytes)
    return manifest, problems, (None if problems else guideline)


def _safe_member(info: zipfile.ZipInfo) -> bool:
    name = info.filename
    if info.is_dir() or "/" in name or "\\" in name or ":" in name:
        return False
    mode = info.external_attr >> 16
    if mode and not (stat.S_ISREG(mode) or mode & 0o170000 == 0):
        return False  # symlinks and devices
    return name == MANIFEST_NAME or bool(DATA_FILE_PATTERN.match(name))


def _read_member(zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> tuple[bytes, str | None]:
    """Read one member, never more than the limit, whatever its header claims."""
    try:
        with zf.open(info) as fh:
            data = fh.read(MAX_MEMBER_BYTES + 1)
    except (zipfile.BadZipFile, OSError, EOFError, RuntimeError, NotImplementedError) as exc:
        return b"", f"{info.filename} を展開できません（壊れています）: {exc}"
    if len(data) > MAX_MEMBER_BYTES:
        return b"", f"{info.filename} が大きすぎます（上限 {MAX_MEMBER_BYTES:,} バイト）"
    return data, None


# -- installing and choosing the active data ------------------------------------------------


def packs_dir() -> Path:
    return user_data_dir() / PACKS_DIR_NAME


def _bundled_guideline_id() -> str:
    """The id of the guideline this application is about (that of its bundled data)."""
    return load_checked_guideline(bundled_guideline_dir()).id


def install_pack(file: str | Path) -> PackManifest:
    """Verify a pack and install it as the active guideline data.

    Extracts into a temporary folder beside the installed packs, verifies and loads the data
    from there, then renames the folder into place and makes it active. Nothing changes when
    the pack is refused (PackError lists why).
    """
    file = Path(file)
    root = packs_dir()
    made_root = not is_folder(root)
    try:
        root.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=".incoming-", dir=root))
        try:
            manifest, problems, guideline = _extract_verified(file, staging)
            if problems or manifest is None or guideline is None:
                raise PackError(problems, file)
            final = root / manifest.data_version
            if final.exists():
                old = Path(tempfile.mkdtemp(prefix=".replaced-", dir=root))
                os.replace(final, old / "data")
                os.replace(staging, final)
                shutil.rmtree(old, ignore_errors=True)
            else:
                os.replace(staging, final)
        finally:
            if staging.exists():
                shutil.rmtree(staging, ignore_errors=True)
        _write_settings({"active_data_version": manifest.data_version})
        # Validated just now: the next start reads it from the snapshot.
        write_snapshot(guideline, _data_digests_of(manifest))
    except OSError as exc:
        raise PackError(
            [
                f"取り込めませんでした（{describe_os_error(exc)}）。{os_error_advice(exc)}"
                "使うデータは変わっていません"
            ],
            file,
        ) from exc
    finally:
        if made_root:  # a refused first pack leaves no empty packs folder behind
            with contextlib.suppress(OSError):
                root.rmdir()  # only when empty
    log.info("Installed guideline data pack %s from %s", manifest.data_version, file)
    return manifest


def installed_packs() -> list[PackManifest]:
    """The installed packs whose manifest can be read, oldest data first."""
    root = packs_dir()
    result = []
    if root.is_dir():
        for folder in sorted(root.iterdir()):
            if folder.name.startswith(".") or not folder.is_dir():
                continue
            try:
                result.append(PackManifest.from_json(_read_manifest(folder)))
            except (OSError, ValueError):
                continue
    return sorted(result, key=lambda m: (m.data_date, m.data_version))


def reset_to_bundled() -> None:
    """Use the bundled data again. Installed packs stay in place and can be chosen again."""
    _write_settings({"active_data_version": None})


def activate_pack(data_version: str) -> None:
    """Make an installed pack the active data (it is checked when it is loaded)."""
    if not DATA_VERSION_PATTERN.match(data_version) or not (packs_dir() / data_version).is_dir():
        raise PackError([f"データ版 {data_version} のパックは取り込まれていません"])
    _write_settings({"active_data_version": data_version})


def active_data_version_setting() -> str | None:
    """The data version chosen by the user, or None for the bundled data."""
    value = _read_settings().get("active_data_version")
    return value if isinstance(value, str) and DATA_VERSION_PATTERN.match(value) else None


def active_guideline_dir() -> Path:
    """The folder of the active imported pack, or the bundled data folder."""
    version = active_data_version_setting()
    if version:
        folder = packs_dir() / version
        if folder.is_dir():
            return folder
    return bundled_guideline_dir()


@dataclass(frozen=True)
class ActiveGuideline:
    guideline: Guideline
    pack: PackManifest | None  # None: the bundled data
    warning: str | None = None  # Japanese, for the window to show when set

    @property
    def is_bundled(self) -> bool:
        return self.pack is None


def load_active_guideline() -> ActiveGuideline:
    """Load the active data; fall back to the bundled data, with a warning, if it is broken.

    Raises GuidelineDataError only when the bundled data itself cannot be loaded.
    """
    version = active_data_version_setting()
    if not version:
        return ActiveGuideline(load_checked_guideline(bundled_guideline_dir()), None)
    folder = packs_dir() / version
    try:
        manifest, guideline = _load_installed(folder)
    except (PackError, GuidelineDataError) as exc:
        problems = exc.problems
        log.warning("Imported guideline data %s is unusable: %s", version, exc)
        bundled = load_checked_guideline(bundled_guideline_dir())
        reason = str(problems[0]) if problems else ""
        more = f" ほか {len(problems) - 1} 件" if len(problems) > 1 else ""
        warning = (
            f"取り込んだガイドラインデータ（データ版 {version}）を読み込めなかったため、"
            f"同梱のデータ（データ版 {bundled.data_version}）を使っています。"
            f"理由: {reason}{more}。"
            "「ガイドラインデータの更新」からパックを取り込み直すか、同梱のデータに戻してください。"
        )
        return ActiveGuideline(bundled, None, warning)
    return ActiveGuideline(guideline, manifest)


def checked_active_guideline() -> ActiveGuideline | None:
    """The active data when it can be read at once from its checked snapshot, with nothing
    to warn about; None when it has to be validated first (a first start, new data, or a
    problem that load_active_guideline then reports). Never raises."""
    version = active_data_version_setting()
    if not version:
        guideline = read_checked_guideline(bundled_guideline_dir())
        return ActiveGuideline(guideline, None) if guideline is not None else None
    folder = packs_dir() / version
    try:
        manifest = _checked_installed(folder)
    except (PackError, OSError):
        return None
    guideline = read_checked_guideline(folder, digests=_data_digests_of(manifest))
    return ActiveGuideline(guideline, manifest) if guideline is not None else None


def _load_installed(folder: Path) -> tuple[PackManifest, Guideline]:
    """Load an installed pack after checking its files against its manifest."""
    manifest = _checked_installed(folder)
    # The files are those of the manifest (checked): their digests key the snapshot.
    return manifest, load_checked_guideline(folder, digests=_data_digests_of(manifest))


def _checked_installed(folder: Path) -> PackManifest:
    """The manifest of an installed pack whose files are still those it lists; PackError."""
    if not folder.is_dir():
        raise PackError([f"フォルダ {folder} がありません"])
    try:
        manifest = PackManifest.from_json(_read_manifest(folder))
    except OSError as exc:
        raise PackError([f"manifest.json を読めません（{describe_os_error(exc)}）"]) from exc
    except ValueError as exc:
        raise PackError([str(exc)]) from exc
    problems = []
    on_disk = {p.name for p in data_files(folder)}
    for name in sorted(on_disk - set(manifest.files)):
        problems.append(f"{name} は manifest.json に載っていない余分なファイルです")
    for name, digest in sorted(manifest.files.items()):
        try:
            data = read_file(folder / name, limit=MAX_MEMBER_BYTES)
        except OSError:
            problems.append(f"{name} がありません")
            continue
        if _sha256(data) != digest:
            problems.append(
                f"{name} の内容が取り込んだ時と変わっています（壊れたか、書き換えられました）"
            )
    if problems:
        raise PackError(problems)
    return manifest


def _data_digests_of(manifest: PackManifest) -> dict[str, str]:
    """The SHA-256 of the pack's data files (those the loader reads), from its manifest."""
    return {name: d for name, d in manifest.files.items() if name.endswith(DATA_SUFFIX)}


def guideline_for_version(data_version: str, current: Guideline | None = None) -> Guideline | None:
    """The guideline data of this version when this PC has it: the data in use, an installed
    pack or the bundled data. Used to find the data an older assessment was made against."""
    if current is not None and current.data_version == data_version:
        return current
    folders = []
    if DATA_VERSION_PATTERN.match(data_version):
        folder = packs_dir() / data_version
        if (folder / MANIFEST_NAME).is_file():
            folders.append(folder)
    folders.append(bundled_guideline_dir())
    for folder in folders:
        try:
            guideline = load_checked_guideline(folder)
        except GuidelineDataError:
            continue
        if guideline.data_version == data_version:
            return guideline
    return None


def _settings_path() -> Path:
    return user_data_dir() / SETTINGS_NAME


def _read_settings() -> dict[str, Any]:
    try:
        raw = json.loads(read_file(_settings_path(), limit=MAX_MANIFEST_BYTES))
    except (OSError, ValueError):
        return {}
    return raw if isinstance(raw, dict) else {}


def _write_settings(values: dict[str, Any]) -> None:
    settings = _read_settings() | values
    path = _settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write_bytes(path, json.dumps(settings, ensure_ascii=False, indent=2).encode("utf-8"))
