"""The benchmark script runs end to end (one sample of each) and writes every row.

It asserts nothing about speed: benchmarks/ measures, tests only check that it works.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent

ROWS = {
    "cold_start",
    "peak_memory",
    "first_start",
    "step_switch",
    "search_typing_ui",
    "guideline_load",
    "guideline_snapshot_load",
    "search_as_you_type",
    "search_by_reading",
    "search_index_build",
    "assessment_load",
    "assessment_save",
    "assessment_load_save",
    "answers_preview_1000",
    "answers_import_1000",
    "report_pdf",
    "report_pdf_first",
    "coverage_200_files",
    "group_300_files",
    "group_command_pdf",
}
WITH_FLOOR = {"cold_start", "peak_memory", "assessment_load_save", "report_pdf"}


@pytest.mark.slow  # runs every benchmark once in child processes (about 20 s)
def test_quick_run_writes_every_row(tmp_path: Path) -> None:
    out = tmp_path / "bench.json"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH", "")]))
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks", "--quick", "--json", str(out)],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-3000:]

    document = json.loads(out.read_text(encoding="utf-8"))
    rows = document["rows"]
    assert set(rows) == ROWS
    for key, row in rows.items():
        samples = row["samples"]
        assert samples["n"] >= 1 and samples["median"] > 0, key
        assert row["passed"] in (True, False, None), key
        if key in WITH_FLOOR:
            assert row["floor"]["median"] > 0 and row["ratio"] > 0, key
    assert rows["peak_memory"]["samples"]["unit"] == "B"
    assert rows["search_as_you_type"]["extra"]["keystrokes"] > 50
    assert document["machine"]["nproc"] >= 1 and document["machine"]["qt"]
    # The printed table has one line per row, with the verdict in its last column.
    table = [line for line in done.stdout.splitlines() if line.startswith("| ")]
    assert len(table) == 1 + len(ROWS)
    verdicts = {"pass", "**miss**", "**miss** (CPU: pass)", "—"}
    assert all(line.rstrip(" |").rsplit("|", 1)[-1].strip() in verdicts for line in table[1:])
