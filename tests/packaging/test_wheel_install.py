"""The wheel carries the guideline and the fonts: build it, install it, run it from there.

Offline throughout: the wheel is built without build isolation (setuptools is already here),
installed into a fresh virtual environment with `--no-index --find-links`, and the third-party
dependencies come from this environment through a `.pth` file (the full offline wheelhouse
with downloaded dependency wheels is tested in test_wheelhouse.py, which needs the network).
"""

from __future__ import annotations

import json
import os
import site
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]

PROBE = """
import json, sys
import haip_desktop
from haip_desktop.guideline import load_guideline
from haip_desktop.paths import bundled_guideline_dir, resources_dir
g = load_guideline()
print(json.dumps({
    "package": haip_desktop.__file__,
    "data": str(bundled_guideline_dir()),
    "fonts": sorted(p.name for p in (resources_dir() / "fonts").iterdir()),
    "use_cases": [uc.id for uc in g.use_cases],
    "countermeasures": len(g.countermeasures),
}))
"""


pytestmark = pytest.mark.slow  # builds a wheel and installs it into a fresh venv


def run(command: list[str], **kwargs) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(command, capture_output=True, text=True, timeout=300, **kwargs)
    assert result.returncode == 0, f"{command}\n{result.stdout}\n{result.stderr}"
    return result


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv with our wheel installed from a local folder, nothing from an index."""
    root = tmp_path_factory.mktemp("wheel-install")
    wheels = root / "wheels"
    env = {**os.environ, "PIP_NO_INDEX": "1", "PIP_DISABLE_PIP_VERSION_CHECK": "1"}
    run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q"]
        + ["-w", str(wheels), str(REPO)],
        env=env,
    )
    venv = root / "venv"
    run([sys.executable, "-m", "venv", "--without-pip", str(venv)])
    python = venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "-q"]
        + ["--no-index", "--no-deps", "--find-links", str(wheels), "haip-desktop"],
        env=env,
    )
    # Dependencies (PySide6, pydantic, …) from this environment, appended after the venv's
    # own site-packages so that the installed haip_desktop is found first.
    venv_site = Path(
        run(
            [str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"]
        ).stdout.strip()
    )
    here = [sysconfig.get_path("purelib"), *site.getsitepackages()]
    (venv_site / "zz_test_dependencies.pth").write_text(
        "\n".join(dict.fromkeys(here)) + "\n", encoding="utf-8"
    )
    return venv


def test_the_installed_wheel_loads_its_own_guideline_and_fonts(installed: Path, tmp_path: Path):
    python = installed / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    result = run([str(python), "-c", PROBE], cwd=tmp_path)  # cwd: not the source tree
    found = json.loads(result.stdout)

    assert Path(found["package"]).is_relative_to(installed)
    assert Path(found["data"]).is_relative_to(installed)
    assert found["data"].endswith(os.path.join("haip_desktop", "bundled", "guideline_data"))
    assert found["use_cases"] == [f"UC-{n:02d}" for n in range(1, 9)]
    assert found["countermeasures"] > 50
    assert {"BIZUDPGothic-Regular.ttf", "BIZUDPGothic-Bold.ttf", "OFL-BIZUDPGothic.txt"} <= set(
        found["fonts"]
    )


def test_the_installed_command_runs_the_self_test_headless(installed: Path, tmp_path: Path):
    script = installed / ("Scripts/haip-desktop.exe" if os.name == "nt" else "bin/haip-desktop")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = run(
        [str(script), "self-test", "--gui", "--deny-network", "--out", str(tmp_path / "out")],
        cwd=tmp_path,
        env=env,
    )
    assert "項目すべて成功しました" in result.stdout
    assert "OK  ネットワーク: 接続の試みはありませんでした" in result.stdout
    assert (tmp_path / "out" / "selftest-summary.pdf").read_bytes().startswith(b"%PDF-")
