"""The application icon: the files drawn by packaging/make_icon.py and where they are used."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path, PureWindowsPath

from PIL import Image

REPO = Path(__file__).resolve().parents[2]
ICONS = REPO / "resources" / "icons"
ISS = REPO / "packaging" / "windows" / "haip_desktop.iss"
ICO_SIZES = {16, 24, 32, 48, 64, 128, 256}
ACCENT = (0x1F, 0x5F, 0x8B)


def _close_to(colour: tuple[int, ...], target: tuple[int, int, int], tolerance: int) -> bool:
    return all(abs(a - b) <= tolerance for a, b in zip(colour[:3], target, strict=True))


def test_png_is_256_px_blue_rounded_square_with_transparent_corners() -> None:
    with Image.open(ICONS / "haip_desktop.png") as image:
        assert image.size == (256, 256)
        icon = image.convert("RGBA")
    assert icon.getpixel((0, 0))[3] == 0  # rounded, not a full square
    assert icon.getpixel((255, 255))[3] == 0
    edge = icon.getpixel((128, 20))  # above the cross: the accent blue
    assert edge[3] == 255 and _close_to(edge, ACCENT, 16)
    assert icon.getpixel((int(256 * 0.44), int(256 * 0.44)))[:3] == (255, 255, 255)  # the cross


def test_ico_holds_every_windows_size_each_drawn_for_its_size() -> None:
    with Image.open(ICONS / "haip_desktop.ico") as ico:
        assert set(ico.info["sizes"]) == {(size, size) for size in ICO_SIZES}
        ico.size = (16, 16)
        ico.load()
        small = ico.convert("RGBA")
        ico.size = (48, 48)
        ico.load()
        large = ico.convert("RGBA")
    # 16 px: only the cross, centred (a badge would not read at this size).
    assert small.getpixel((8, 8))[:3] == (255, 255, 255)
    assert _close_to(small.getpixel((13, 13)), ACCENT, 24)
    # 48 px: the white check-mark badge in the lower right.
    assert large.getpixel((int(48 * 0.70), int(48 * 0.56)))[:3] == (255, 255, 255)


def test_running_application_has_the_window_icon() -> None:
    script = (
        "import json\n"
        "from haip_desktop.ui.app import create_application\n"
        "app = create_application(['haip-desktop'])\n"
        "icon = app.windowIcon()\n"
        "print(json.dumps({'null': icon.isNull(), 'width': icon.pixmap(32, 32).width(),"
        " 'sizes': sorted(size.width() for size in icon.availableSizes())}))\n"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        env=env,
        cwd=REPO,
        timeout=60,
        check=True,
    )
    shown = json.loads(result.stdout.strip().splitlines()[-1])
    # Every size of the ICO, so that title bar and task bar use the ones drawn for them.
    assert shown == {"null": False, "width": 32, "sizes": sorted(ICO_SIZES)}


def test_windows_program_and_installer_use_the_icon() -> None:
    spec = (REPO / "packaging" / "haip_desktop.spec").read_text("utf-8")
    assert '"resources" / "icons" / "haip_desktop.ico"' in spec
    text = ISS.read_bytes().decode("utf-8-sig")
    setup_icon = re.search(r"^SetupIconFile=(.+)$", text, re.MULTILINE)
    assert setup_icon, "the installer has no SetupIconFile"
    relative = Path(*PureWindowsPath(setup_icon[1].strip()).parts)
    assert (ISS.parent / relative).resolve() == (ICONS / "haip_desktop.ico").resolve()
    assert re.search(r"^UninstallDisplayIcon=\{app\}\\\{#AppExe\}", text, re.MULTILINE)
