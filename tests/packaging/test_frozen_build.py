"""The PyInstaller one-folder build: made here, started headless with the network cut off.

Runs in every CI run (the build takes about 20 s, the archive and the smoke test about 30 s
more on a 2-core machine). Set HAIP_SKIP_BUILD_TEST=1 to leave it out of a quick local run.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
BUILD_SCRIPT = REPO / "packaging" / "build_app.py"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        os.environ.get("HAIP_SKIP_BUILD_TEST") == "1", reason="HAIP_SKIP_BUILD_TEST=1"
    ),
]


@pytest.fixture(scope="module")
def build(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    root = tmp_path_factory.mktemp("frozen")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, str(BUILD_SCRIPT), "--smoke-test"]
        + ["--dist", str(root / "dist"), "--work", str(root / "work")],
        capture_output=True,
        text=True,
        timeout=1200,
        env=env,
        cwd=root,
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]
    return root / "dist", result.stdout


def test_the_built_program_passes_its_self_test_offline(build) -> None:
    _dist, output = build
    for check in (
        "ガイドラインデータ",
        "評価ファイルの保存と読み込み",
        "報告書 PDF",
        "報告書 CSV",
        "Excel ブックと質問票",  # openpyxl is in the build
    ):
        assert f"OK  {check}" in output
    assert "OK  画面（オフスクリーン）" in output
    assert "OK  ネットワーク: 接続の試みはありませんでした" in output
    assert "自己診断: 成功" in output
    unshare = shutil.which("unshare")
    if unshare and subprocess.run([unshare, "-rn", "true"]).returncode == 0:
        assert f"{unshare} -rn " in output  # ran in a network namespace without interfaces


def test_the_build_contains_data_fonts_and_licences(build) -> None:
    dist, _ = build
    internal = dist / "HAIPDesktop" / "_internal"
    data = internal / "haip_desktop" / "bundled" / "guideline_data"
    assert (data / "use_cases.yaml").is_file()
    fonts = internal / "haip_desktop" / "bundled" / "resources" / "fonts"
    assert (fonts / "BIZUDPGothic-Regular.ttf").is_file()
    licences = internal / "licenses"
    for name in ("THIRD_PARTY_LICENSES.txt", "LGPL-3.0.txt", "VERSIONS.txt"):
        assert (licences / name).is_file()
    assert (licences / "fonts" / "OFL-BIZUDPGothic.txt").is_file()
    for package in ("reportlab", "pydantic", "PyYAML", "platformdirs", "openpyxl", "Python"):
        assert any((licences / package).iterdir()), package
    assert "PySide6-Essentials" in (licences / "VERSIONS.txt").read_text(encoding="utf-8")


def test_no_networking_or_unused_qt_parts_are_in_the_build(build) -> None:
    dist, _ = build
    app = dist / "HAIPDesktop"
    names = [p.relative_to(app).as_posix() for p in app.rglob("*")]
    plugin_types = {p.name for p in app.rglob("plugins/*") if p.is_dir()}
    assert plugin_types, "no Qt plugins at all: the search is wrong"
    assert not plugin_types & {"tls", "networkinformation", "bearer", "generic", "sqldrivers"}
    platforms = {p.name for p in app.rglob("plugins/platforms/*")}
    assert not [p for p in platforms if "vnc" in p or "eglfs" in p or "wayland" in p]
    for unwanted in ("Qt6Quick", "Qt6Qml", "Qt6VirtualKeyboard", "Qt6WebEngine", "QtNetwork.abi3"):
        assert not [n for n in names if unwanted in n], unwanted
    translations = sorted(p.name for p in app.rglob("translations/*.qm"))
    assert translations and all(n.split("_", 1)[1] in ("ja.qm", "en.qm") for n in translations)
    assert not [n for n in names if n.rsplit("/", 1)[-1].startswith(("_ssl", "libssl"))]


def test_every_artefact_is_listed_with_its_sha256(build) -> None:
    dist, _ = build
    sys.path.insert(0, str(REPO / "packaging"))
    import checksums

    sums = dist / "SHA256SUMS"
    listed = checksums.read_sums(sums)
    archives = sorted(p.name for p in dist.glob("HAIPDesktop-*.tar.gz"))
    assert archives and sorted(listed) == archives
    assert checksums.verify_sums(sums) == []
    inner = dist / "HAIPDesktop" / "SHA256SUMS"
    assert len(checksums.read_sums(inner)) > 100
    assert checksums.verify_sums(inner) == []
    with tarfile.open(dist / archives[0]) as tar:
        assert "HAIPDesktop/haip-desktop" in tar.getnames()


def test_python_network_clients_are_not_in_the_build(build) -> None:
    from PyInstaller.archive.readers import CArchiveReader

    dist, _ = build
    program = dist / "HAIPDesktop" / ("haip-desktop.exe" if os.name == "nt" else "haip-desktop")
    modules = set(CArchiveReader(str(program)).open_embedded_archive("PYZ.pyz").toc)
    assert {
        "haip_desktop.cli.selftest",
        "haip_desktop.ui.shell.main_window",
        "reportlab.pdfgen",
    } <= modules
    for absent in ("ssl", "urllib.request", "http.client", "ftplib", "smtplib", "asyncio"):
        assert absent not in modules


def test_every_link_in_the_build_points_inside_it_and_pillow_shares_libraries(build) -> None:
    dist, _ = build
    app = dist / "HAIPDesktop"
    links = [p for p in app.rglob("*") if p.is_symlink()]
    dangling = [p.relative_to(app).as_posix() for p in links if not p.exists()]
    assert dangling == []
    outside = [p for p in links if not p.resolve().is_relative_to(app.resolve())]
    assert outside == []
    if sys.platform.startswith("linux"):
        private = app / "_internal" / "pillow.libs"
        shared = sorted(p.name.split("-")[0] for p in private.iterdir() if p.is_symlink())
        assert {"libXau", "liblzma", "libzstd"} <= set(shared)
