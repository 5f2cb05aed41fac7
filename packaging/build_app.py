"""Build the one-folder application with PyInstaller, pack it, and write SHA256SUMS.

    python packaging/build_app.py              # build into packaging/dist/HAIPDesktop
    python packaging/build_app.py --smoke-test # … then run the built program's self-test
    python packaging/build_app.py --installer  # Windows: also run Inno Setup (ISCC.exe)

Needs the packaging extra: `pip install -e ".[packaging]"`. Works the same on Windows and
Linux; the Windows build is the one hospitals receive, the Linux build proves the recipe in CI.
Everything happens offline: PyInstaller only reads the installed packages.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
from collections import Counter
from pathlib import Path

PACKAGING = Path(__file__).resolve().parent
REPO = PACKAGING.parent
SPEC = PACKAGING / "haip_desktop.spec"
DEFAULT_DIST = PACKAGING / "dist"
DEFAULT_WORK = PACKAGING / "build"
APP_FOLDER = "HAIPDesktop"
CONSOLE_PROGRAM = "haip-desktop"
IS_WINDOWS = sys.platform == "win32"

sys.path.insert(0, str(PACKAGING))
import checksums  # noqa: E402


def app_version() -> str:
    namespace: dict[str, str] = {}
    exec((REPO / "haip_desktop" / "__init__.py").read_text("utf-8"), namespace)  # noqa: S102
    return namespace["__version__"]


def platform_tag() -> str:
    if IS_WINDOWS:
        return "win-amd64"
    machine = os.uname().machine
    return f"{sys.platform}-{machine}"


def console_program(app_dir: Path) -> Path:
    return app_dir / (CONSOLE_PROGRAM + (".exe" if IS_WINDOWS else ""))


def run_pyinstaller(dist: Path, work: Path, clean: bool) -> None:
    command = [
        sys.executable,
        "-m",
        "PyInstaller",
        "--noconfirm",
        "--log-level=WARN",
        f"--distpath={dist}",
        f"--workpath={work}",
    ]
    if clean:
        command.append("--clean")
    command.append(str(SPEC))
    print("$", " ".join(command), flush=True)
    subprocess.run(command, check=True, cwd=REPO)


def folder_files(folder: Path) -> list[Path]:
    """Regular files of the build (symbolic links are not counted twice)."""
    return sorted(p for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def size_groups(app_dir: Path) -> Counter[str]:
    """Bytes per kind of content, so that what dominates the build can be named."""
    groups: Counter[str] = Counter()
    for file in folder_files(app_dir):
        relative = file.relative_to(app_dir).as_posix()
        name = file.name.lower()
        if "/bundled/resources/" in relative:
            group = "fonts and resources"
        elif "/bundled/guideline_data/" in relative:
            group = "guideline data"
        elif "/licenses/" in relative:
            group = "licences"
        elif name.startswith(("libicu", "icu")):
            group = "ICU (Unicode tables for Qt)"
        elif "/plugins/" in relative:
            group = "Qt plugins"
        elif "qt6" in name:
            group = "Qt libraries"
        elif "/PySide6/" in relative or "/shiboken6/" in relative:
            group = "PySide6 bindings"
        elif "pillow" in relative.lower() or "/PIL/" in relative:
            group = "Pillow (for reportlab)"
        elif "pydantic" in relative:
            group = "pydantic"
        elif file.parent == app_dir:
            group = "launchers (with the Python code)"
        elif name.startswith("libpython") or name == "base_library.zip" or "/python3" in relative:
            group = "Python runtime"
        elif file.parent == app_dir / "_internal":
            group = "system libraries"
        else:
            group = "other Python packages"
        groups[group] += file.stat().st_size
    return groups


def write_folder_sums(app_dir: Path) -> Path:
    """SHA256SUMS inside the app folder: lets IT staff check an installed copy file by file."""
    return checksums.write_sums(app_dir, folder_files(app_dir))


def pack(app_dir: Path, dist: Path, version: str) -> Path:
    """zip on Windows; tar.gz elsewhere (keeps the build's symbolic links as links)."""
    stem = f"{APP_FOLDER}-{version}-{platform_tag()}"
    if IS_WINDOWS:
        archive = Path(shutil.make_archive(str(dist / stem), "zip", dist, APP_FOLDER))
    else:
        archive = dist / f"{stem}.tar.gz"
        with tarfile.open(archive, "w:gz", compresslevel=6) as tar:
            tar.add(app_dir, arcname=APP_FOLDER)
    return archive


def run_installer_compiler(dist: Path, version: str) -> list[Path]:
    iss = PACKAGING / "windows" / "haip_desktop.iss"
    compiler = shutil.which("ISCC") or shutil.which("iscc")
    default = Path(os.environ.get("PROGRAMFILES(X86)", "C:/Program Files (x86)"))
    candidate = default / "Inno Setup 6" / "ISCC.exe"
    if not compiler and candidate.is_file():
        compiler = str(candidate)
    if not compiler:
        raise SystemExit("Inno Setup 6 の ISCC.exe が見つかりません（packaging/windows/README.md）")
    subprocess.run(
        [
            compiler,
            f"/DAppVersion={version}",
            f"/DSourceDir={dist / APP_FOLDER}",
            f"/O{dist}",  # the installer lands beside the archive, in the same SHA256SUMS
            str(iss),
        ],
        check=True,
    )
    return sorted(dist.glob("HAIPDesktop-*-setup.exe"))


def smoke_test(app_dir: Path) -> int:
    """Run the built program's self-test headless, with the network cut off, in a temp dir."""
    program = console_program(app_dir)
    with tempfile.TemporaryDirectory(prefix="haip-smoke-") as tmp:
        env = dict(os.environ)
        env["QT_QPA_PLATFORM"] = "offscreen"
        env["QT_LOGGING_RULES"] = "qt.qpa.*=false"
        if not IS_WINDOWS:
            # Keep the user's real folders untouched: platformdirs follows HOME/XDG here.
            env["HOME"] = tmp
            for name in ("XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
                env[name] = str(Path(tmp) / name.lower())
            # Resolve every symbol of every library when it is loaded, not on first call: a
            # library linked to a copy that lacks a symbol (see share_duplicate_libraries in
            # bundle_rules.py) then fails here instead of in some rarely used function.
            env["LD_BIND_NOW"] = "1"
        command = [str(program), "self-test", "--out", str(Path(tmp) / "out"), "--gui"]
        command += ["--deny-network"]
        command = without_network(command)
        print("$", " ".join(command), flush=True)
        return subprocess.run(command, env=env, cwd=tmp).returncode


def without_network(command: list[str]) -> list[str]:
    """On Linux, run in a fresh network namespace (no interfaces but a down loopback)."""
    unshare = shutil.which("unshare")
    if IS_WINDOWS or not unshare:
        return command
    probe = subprocess.run([unshare, "-rn", "true"], capture_output=True)
    return [unshare, "-rn", *command] if probe.returncode == 0 else command


def human(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dist", type=Path, default=DEFAULT_DIST, help="出力先")
    parser.add_argument("--work", type=Path, default=DEFAULT_WORK, help="作業フォルダ")
    parser.add_argument("--clean", action="store_true", help="PyInstaller のキャッシュを消す")
    parser.add_argument("--smoke-test", action="store_true", help="作成後に自己診断を実行")
    parser.add_argument("--installer", action="store_true", help="Inno Setup も実行（Windows）")
    parser.add_argument("--no-archive", action="store_true", help="圧縮ファイルを作らない")
    args = parser.parse_args(argv)

    dist: Path = args.dist.resolve()
    app_dir = dist / APP_FOLDER
    version = app_version()
    started = time.monotonic()
    run_pyinstaller(dist, args.work.resolve(), args.clean)
    build_seconds = time.monotonic() - started
    write_folder_sums(app_dir)

    artefacts: list[Path] = []
    if not args.no_archive:
        for old in dist.glob(f"{APP_FOLDER}-*.*"):
            if old.is_file() and not old.name.endswith("-setup.exe"):
                old.unlink()
        artefacts.append(pack(app_dir, dist, version))
    if args.installer:
        artefacts += run_installer_compiler(dist, version)
    if artefacts:
        checksums.write_sums(dist, artefacts)

    unpacked = sum(f.stat().st_size for f in folder_files(app_dir))
    print(f"\nビルド時間 {build_seconds:.0f} 秒: {app_dir}")
    print(f"展開後 {human(unpacked)}（{len(folder_files(app_dir))} ファイル）")
    for artefact in artefacts:
        print(f"{artefact.name}: {human(artefact.stat().st_size)}")
    print("内訳:")
    for group, size in size_groups(app_dir).most_common():
        print(f"  {group:<28} {human(size):>9}")
    if artefacts:
        print(f"チェックサム: {dist / checksums.SUMS_NAME}")

    if args.smoke_test:
        code = smoke_test(app_dir)
        print("自己診断:", "成功" if code == 0 else f"失敗（終了コード {code}）")
        return code
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
