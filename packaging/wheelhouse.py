"""Collect every wheel HAIP Desktop needs into one folder, for PCs that have Python but no internet.

    python packaging/wheelhouse.py                      # Windows x64, Python 3.11, 3.12, 3.13
    python packaging/wheelhouse.py --platform current   # this PC's platform and Python only

Run it on a PC with internet access; carry the folder (with its SHA256SUMS and INSTALL.txt)
to the hospital PC. There, two commands install without any network (see INSTALL.txt):

    py -3.12 -m venv "%LOCALAPPDATA%\\HAIP\\venv"
    "%LOCALAPPDATA%\\HAIP\\venv\\Scripts\\python.exe" -m pip install --no-index --find-links "<folder>" haip-desktop

Our own wheel is built from this checkout without network (no build isolation); the
dependencies are downloaded as binary wheels only (`--only-binary=:all:`), so nothing has to
be compiled on the target.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

PACKAGING = Path(__file__).resolve().parent
REPO = PACKAGING.parent
DEFAULT_OUT = PACKAGING / "wheelhouse"
WINDOWS_PLATFORM = "win_amd64"
PYTHON_VERSIONS = ("3.11", "3.12", "3.13")
INSTALL_NAME = "INSTALL.txt"

sys.path.insert(0, str(PACKAGING))
import checksums  # noqa: E402

INSTALL_TEXT = """HAIP Desktop — オフラインインストール用 wheel 一式 / offline wheelhouse
=====================================================================

対象: Windows 10/11 x64、Python {versions}（python.org 版）。管理者権限は不要です。
For: Windows 10/11 x64 with Python {versions} (python.org). No admin rights needed.

1. 改ざん・破損がないか確認する / verify (PowerShell, in this folder):
   Get-FileHash *.whl -Algorithm SHA256   … compare with SHA256SUMS
   (or: certutil -hashfile <file> SHA256)

2. インストールする（2つのコマンド）/ install (two commands; replace <folder>):
   py -3.12 -m venv "%LOCALAPPDATA%\\HAIP\\venv"
   "%LOCALAPPDATA%\\HAIP\\venv\\Scripts\\python.exe" -m pip install --no-index --find-links "<folder>" haip-desktop

3. 起動 / start:
   "%LOCALAPPDATA%\\HAIP\\venv\\Scripts\\haip-desktop-gui.exe"
   自己診断 / self-test:  "%LOCALAPPDATA%\\HAIP\\venv\\Scripts\\haip-desktop.exe" self-test --deny-network

更新は新しい wheel 一式で手順 2 の2つめのコマンドに --upgrade を付けて実行します。評価ファイルや設定は
残ります（別のフォルダにあります）。
Update: run the second command again with --upgrade from the newer folder; assessments and
settings are kept (they live in other folders).

Wheels in this folder / 同梱 wheel: {count}
"""


def own_wheel_command(out: Path) -> list[str]:
    """Build haip_desktop's wheel from this checkout, offline."""
    return [
        sys.executable,
        "-m",
        "pip",
        "wheel",
        "--no-deps",
        "--no-build-isolation",
        "--no-index",
        "-w",
        str(out),
        str(REPO),
    ]


def download_commands(
    requirement: Path, out: Path, platform: str, versions: tuple[str, ...]
) -> list[list[str]]:
    """One `pip download` per Python version: binary wheels of every dependency, recursively."""
    base = [sys.executable, "-m", "pip", "download", "--only-binary=:all:", "--dest", str(out)]
    if platform == "current":
        return [[*base, str(requirement)]]
    return [
        [
            *base,
            "--platform",
            platform,
            "--python-version",
            version,
            "--implementation",
            "cp",
            str(requirement),
        ]
        for version in versions
    ]


def build_wheelhouse(out: Path, platform: str, versions: tuple[str, ...]) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("haip_desktop-*.whl"):
        old.unlink()
    subprocess.run(own_wheel_command(out), check=True)
    (own,) = out.glob("haip_desktop-*.whl")
    for command in download_commands(own, out, platform, versions):
        print("$", " ".join(command), flush=True)
        subprocess.run(command, check=True)
    wheels = sorted(out.glob("*.whl"))
    shown = versions if platform != "current" else (f"{sys.version_info[0]}.{sys.version_info[1]}",)
    (out / INSTALL_NAME).write_text(
        INSTALL_TEXT.format(versions=", ".join(shown), count=len(wheels)),
        encoding="utf-8",
        newline="\r\n",
    )
    checksums.write_sums(out, [*wheels, out / INSTALL_NAME])
    return wheels


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="出力フォルダ")
    parser.add_argument(
        "--platform",
        default=WINDOWS_PLATFORM,
        help="wheel の対象（既定 win_amd64。current ならこの PC の環境）",
    )
    parser.add_argument(
        "--python-version",
        dest="versions",
        action="append",
        help="対象の Python（複数可。既定 3.11 3.12 3.13）",
    )
    args = parser.parse_args(argv)
    versions = tuple(args.versions or PYTHON_VERSIONS)
    wheels = build_wheelhouse(args.out.resolve(), args.platform, versions)
    total = sum(w.stat().st_size for w in wheels)
    print(f"{len(wheels)} 個の wheel（{total / 1_000_000:.1f} MB）: {args.out}")
    print(f"チェックサム: {args.out / checksums.SUMS_NAME}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
