"""The offline wheelhouse: what is downloaded for Windows, and an install from it with --no-index.

The download itself needs the package index, so the end-to-end test runs only when
HAIP_NETWORK_TESTS=1 is set (it is not part of CI, whose tests must not need the network).
The install half of the same path runs in every CI run in test_wheel_install.py.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import wheelhouse


def test_windows_downloads_binary_wheels_for_each_supported_python(tmp_path: Path) -> None:
    own = tmp_path / "haip_desktop-0.1.0-py3-none-any.whl"
    commands = wheelhouse.download_commands(own, tmp_path, "win_amd64", wheelhouse.PYTHON_VERSIONS)

    assert [c[c.index("--python-version") + 1] for c in commands] == ["3.11", "3.12", "3.13"]
    for command in commands:
        assert command[1:4] == ["-m", "pip", "download"]
        assert "--only-binary=:all:" in command
        assert command[command.index("--platform") + 1] == "win_amd64"
        assert command[command.index("--implementation") + 1] == "cp"
        assert command[command.index("--dest") + 1] == str(tmp_path)
        assert command[-1] == str(own)  # its dependencies are resolved from the wheel itself


def test_own_wheel_is_built_without_network() -> None:
    command = wheelhouse.own_wheel_command(Path("out"))
    assert {"--no-deps", "--no-build-isolation", "--no-index"} <= set(command)


@pytest.mark.slow  # downloads every wheel for three Pythons
@pytest.mark.skipif(
    os.environ.get("HAIP_NETWORK_TESTS") != "1",
    reason="downloads from the package index; set HAIP_NETWORK_TESTS=1 to run",
)
def test_wheelhouse_for_this_platform_installs_offline_into_a_fresh_venv(tmp_path: Path) -> None:
    house = tmp_path / "wheelhouse"
    subprocess.run(
        [
            sys.executable,
            str(Path(wheelhouse.__file__)),
            "--platform",
            "current",
            "--out",
            str(house),
        ],
        check=True,
        timeout=1200,
    )
    sys.path.insert(0, str(Path(wheelhouse.__file__).parent))
    import checksums

    assert checksums.verify_sums(house / "SHA256SUMS") == []

    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=300)
    bin_dir = venv / ("Scripts" if os.name == "nt" else "bin")
    # --isolated: no pip configuration or environment may add another source of wheels.
    subprocess.run(
        [str(bin_dir / "python"), "-m", "pip", "--isolated", "install", "-q", "--no-index"]
        + ["--find-links", str(house), "haip-desktop"],
        check=True,
        timeout=600,
    )
    command = [str(bin_dir / "haip-desktop"), "self-test", "--gui", "--deny-network"]
    unshare = shutil.which("unshare")
    if unshare and subprocess.run([unshare, "-rn", "true"]).returncode == 0:
        command = [unshare, "-rn", *command]
    result = subprocess.run(
        command,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        capture_output=True,
        text=True,
        timeout=300,
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "項目すべて成功しました" in result.stdout
