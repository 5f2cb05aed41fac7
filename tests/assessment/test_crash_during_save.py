"""A save killed at any moment leaves the file either the old or the new version, valid.

A child process saves two alternating versions in a loop; the test kills it with SIGKILL at
random moments, many times, and after each kill loads the file.
"""

from __future__ import annotations

import contextlib
import os
import random
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from haip_desktop.assessment import (
    Answer,
    Status,
    load_assessment,
    save_assessment,
    serialize_assessment,
)

KILLS = 30

CHILD = r"""
import sys
from pathlib import Path
from haip_desktop.assessment import load_assessment, parse_assessment, save_assessment

path = Path(sys.argv[1])
versions = [parse_assessment(Path(p).read_bytes()) for p in sys.argv[2:4]]
load_assessment(path)  # the store checks a file once; later saves are the fast path
print("ready", flush=True)
i = 0
while True:
    i += 1
    save_assessment(versions[i % 2], path)
"""


@pytest.mark.skipif(os.name == "nt", reason="SIGKILL is POSIX")
@pytest.mark.slow  # kills a saving child process many times (about 12 s)
def test_killed_saves_never_leave_a_broken_file(tmp_path: Path, make_assessment) -> None:
    # Big enough (about 2 MB) that a kill often lands while the bytes are being written.
    def version(text: str):
        return make_assessment(
            answers={
                f"C-{i:03d}": Answer(status=Status.DONE, note=f"{text}{i} " + "規程" * 3000)
                for i in range(100)
            }
        )

    old, new = version("旧"), version("新")
    old_bytes, new_bytes = serialize_assessment(old), serialize_assessment(new)
    (tmp_path / "old.json").write_bytes(old_bytes)
    (tmp_path / "new.json").write_bytes(new_bytes)
    path = tmp_path / "work" / "評価.json"
    path.parent.mkdir()
    save_assessment(old, path)

    rng = random.Random(20261125)
    seen: set[bytes] = set()
    for _ in range(KILLS):
        child = subprocess.Popen(
            [sys.executable, "-c", CHILD, str(path), tmp_path / "old.json", tmp_path / "new.json"],
            stdout=subprocess.PIPE,
            text=True,
        )
        try:
            assert child.stdout is not None
            assert child.stdout.readline().strip() == "ready"
            # Kill somewhere within the next few saves (a save of 2 MB takes a few ms).
            with contextlib.suppress(subprocess.TimeoutExpired):
                child.wait(timeout=rng.uniform(0.0, 0.06))
            child.send_signal(signal.SIGKILL)
            child.wait(timeout=10)
        finally:
            if child.poll() is None:
                child.kill()
            child.stdout.close()
        assert child.returncode == -signal.SIGKILL  # it was still saving when killed
        content = path.read_bytes()
        assert content in (old_bytes, new_bytes)
        assert load_assessment(path) in (old, new)
        seen.add(content)

    # Some kills landed in the middle of a write: their temporary files are left behind.
    interrupted = list(path.parent.glob(".評価.json.*.tmp"))
    assert interrupted, "no kill landed while the file was being written"
    # The kills did land between saves of both versions, not always at the same point.
    assert seen == {old_bytes, new_bytes}
    # Backups are whole versions too.
    backups = sorted((path.parent / ".haip-backup").glob("評価.json.bak*"))
    assert backups
    for backup in backups:
        assert backup.read_bytes() in (old_bytes, new_bytes)
