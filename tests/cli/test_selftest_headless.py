"""`self-test --gui` on a machine without a screen (a server reached over SSH, a CI runner):
the window is opened offscreen, as the option's help says, instead of Qt aborting the whole
self-test before any result is printed.

Run in a child process: Qt chooses its platform once per process.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

PROBE = """
import sys
from pathlib import Path
from haip_desktop.cli.selftest import open_main_window
print(open_main_window(Path(sys.argv[1])))
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="a Linux machine without X")
def test_the_window_check_runs_offscreen_when_there_is_no_screen(tmp_path: Path) -> None:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"}
    }
    result = subprocess.run(
        [sys.executable, "-c", PROBE, str(tmp_path)],
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "を表示し、selftest-window.png に保存しました" in result.stdout
    assert (tmp_path / "selftest-window.png").stat().st_size > 10_000
