"""Fresh processes for start-up and UI measurements: environment and how to read their output.

Every child runs with the offscreen Qt platform and its own home and XDG folders: empty, as
a person starting the application for the first time on a new PC (no settings, no recent
files), or a copy of what one earlier start left there (a later start). Children print lines ``KEY value`` on stdout; ``run_child`` returns them with the
child's peak resident memory, taken from ``wait4`` for that one process.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def child_env(home: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = "offscreen"
    env["QT_LOGGING_RULES"] = "qt.qpa.*=false"
    env["HOME"] = str(home)
    for name, sub in [
        ("XDG_DATA_HOME", "data"),
        ("XDG_CONFIG_HOME", "config"),
        ("XDG_STATE_HOME", "state"),
        ("XDG_CACHE_HOME", "cache"),
        ("XDG_DOCUMENTS_DIR", "Documents"),
    ]:
        (home / sub).mkdir(parents=True, exist_ok=True)
        env[name] = str(home / sub)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH", "")]))
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # like an installed app: byte code is cached
    return env


@dataclass
class ChildResult:
    spawned: float  # time.monotonic() just before the process was created
    exited: float  # time.monotonic() once it was reaped
    max_rss: int  # bytes
    cpu: float  # user + system CPU seconds of the child
    lines: dict[str, str]
    stdout: str

    def time_of(self, key: str) -> float:
        """Seconds from spawning the child to the monotonic timestamp it printed as ``key``."""
        return float(self.lines[key]) - self.spawned


def run_child(
    module: str,
    *args: str,
    timeout: float = 120.0,
    home: Path | None = None,
    home_from: Path | None = None,
) -> ChildResult:
    """Run ``python -m module args`` in a fresh process; raise if it fails.

    Its home is ``home`` (kept afterwards, for the starts that follow), else a new temporary
    one: empty, or a copy of ``home_from`` (what an earlier start left there).
    Output goes to files, not pipes, so the child can be reaped with ``os.wait4``, which
    gives that one process's resource usage (its peak resident set size).
    """
    with tempfile.TemporaryDirectory(prefix="haip-bench-home-") as scratch:
        if home is None:
            home = Path(scratch) / "home"
            if home_from is not None:
                shutil.copytree(home_from, home)
            else:
                home.mkdir()
        env = child_env(home)
        out_path, err_path = Path(scratch) / "stdout.txt", Path(scratch) / "stderr.txt"
        with out_path.open("wb") as out, err_path.open("wb") as err:
            spawned = time.monotonic()
            process = subprocess.Popen(
                [sys.executable, "-m", module, *args],
                cwd=home,
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=err,
            )
            deadline = spawned + timeout
            while True:
                pid, status, usage = os.wait4(process.pid, os.WNOHANG)
                if pid:
                    break
                if time.monotonic() > deadline:
                    process.kill()
                    os.wait4(process.pid, 0)
                    process.returncode = -9
                    raise RuntimeError(f"{module} {' '.join(args)} took longer than {timeout} s")
                time.sleep(0.002)
            exited = time.monotonic()
            process.returncode = os.waitstatus_to_exitcode(status)
        text = out_path.read_text(encoding="utf-8", errors="replace")
        if process.returncode != 0:
            raise RuntimeError(
                f"{module} {' '.join(args)} failed ({process.returncode}):\n"
                + err_path.read_text(encoding="utf-8", errors="replace")[-3000:]
            )
    lines: dict[str, str] = {}
    for line in text.splitlines():
        key, _, value = line.partition(" ")
        if key.isupper():
            lines[key] = value
    # ru_maxrss is in kilobytes on Linux.
    return ChildResult(
        spawned, exited, usage.ru_maxrss * 1024, usage.ru_utime + usage.ru_stime, lines, text
    )
