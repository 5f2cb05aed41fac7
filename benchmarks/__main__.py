"""``python -m benchmarks [--quick] [--json PATH] [--only KEY ...]``: measure, print, save.

Every row of issue 8's table (and the targets of issues 5, 6 and 9) in one run, each with
its floor measured in the same run. ``--quick`` takes one sample of each (for the smoke
test: it checks that the script runs, not how fast). The exit status is 0 whether or not
the targets are met; the table says which are.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import sys
import time
from pathlib import Path

from .harness import Row, table_lines

GROUPS = ("startup", "ui", "guideline", "search", "assessment", "report", "files")


def machine() -> dict[str, object]:
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        cpu = platform.processor()
    try:
        from PySide6 import __version__ as pyside
        from PySide6.QtCore import qVersion

        qt = qVersion()
    except ImportError:  # pragma: no cover - the app cannot run without it
        pyside = qt = "?"
    load = os.getloadavg() if hasattr(os, "getloadavg") else None
    return {
        "nproc": os.cpu_count(),
        "cpu": cpu,
        "python": platform.python_version(),
        "pyside6": pyside,
        "qt": qt,
        "platform": platform.platform(),
        "load_average_at_start": load,
    }


def run(groups: list[str], quick: bool) -> list[Row]:
    runs = 1 if quick else 7
    rows: list[Row] = []
    bench = None
    for group in groups:
        started = time.perf_counter()
        print(f"… {group}", file=sys.stderr, flush=True)
        if group == "startup":
            from . import startup

            rows += startup.measure(runs=1 if quick else 9, warm_up=not quick)
        elif group == "ui":
            from . import ui

            rows += ui.measure(passes=1 if quick else 3)
        else:
            if bench is None:
                from .workbench import Workbench

                bench = Workbench(runs=runs, quick=quick)
            if group == "guideline":
                from . import guideline_load

                rows += guideline_load.measure(bench)
            elif group == "search":
                from . import search

                rows += search.measure(bench)
            elif group == "assessment":
                from . import answer_import, assessment_io

                rows += assessment_io.measure(bench)
                rows += answer_import.measure(bench)
            elif group == "report":
                from . import report_pdf

                rows += report_pdf.measure(bench)
            elif group == "files":
                from . import many_files

                rows += many_files.measure(bench)
        print(f"  {group}: {time.perf_counter() - started:.1f} s", file=sys.stderr, flush=True)
    if bench is not None:
        shutil.rmtree(bench.folder, ignore_errors=True)
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="one sample of each (smoke test)")
    parser.add_argument("--json", type=Path, help="write every sample and the verdicts here")
    parser.add_argument("--only", nargs="+", choices=GROUPS, help="measure only these groups")
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    started = dt.datetime.now(dt.UTC)
    info = machine()
    rows = run(list(args.only or GROUPS), args.quick)
    print()
    print(
        f"{info['nproc']} × {info['cpu']}, Python {info['python']}, "
        f"PySide6 {info['pyside6']} (Qt {info['qt']}), {started:%Y-%m-%d %H:%M} UTC"
        + (" — quick: one sample each, figures not meaningful" if args.quick else "")
    )
    print()
    for line in table_lines(rows):
        print(line)
    missed = [row.key for row in rows if row.passed is False]
    print()
    print(f"missed: {', '.join(missed)}" if missed else "every target met")
    if args.json is not None:
        document = {
            "started": started.isoformat(),
            "quick": args.quick,
            "machine": info,
            "rows": {row.key: row.to_json() for row in rows},
            "missed": missed,
        }
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(document, ensure_ascii=False, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
