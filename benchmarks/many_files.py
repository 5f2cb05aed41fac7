"""Many assessment files at once: the combined coverage of 200 files, and the group view
(グループ集計) of 300 facility files, in the window's core and as the whole command.

The 200 files are demo assessments of different facilities (different scopes, fills and
notes); the 300 are bench_group's facility files (every tenth a second year of a facility).
Each sample reads every file from disk (the page cache is warm after the first run).
The command (``haip-desktop group <folder> -o group.pdf``) runs in a fresh process each time,
with the home one earlier command left (the guideline's checked snapshot), timed from
before the process is created until it has exited.
"""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from pathlib import Path

from haip_desktop.assessment.demo import make_demo_assessment
from haip_desktop.assessment.group import load_group
from haip_desktop.assessment.scoring import (
    Tally,
    coverage_by_risk_category,
    coverage_by_side,
    coverage_by_step,
    coverage_by_use_case,
    overall,
)
from haip_desktop.assessment.store import load_assessment, serialize_assessment

from .bench_group import generate as generate_group
from .children import run_child
from .harness import Row, Samples, timed
from .workbench import Workbench

COVERAGE_FILES = 200
GROUP_FILES = 300


def write_demo_files(folder: Path, count: int, bench: Workbench) -> list[Path]:
    folder.mkdir()
    paths = []
    for number in range(count):
        assessment = make_demo_assessment(
            bench.guideline,
            fill=0.3 + 0.7 * (number % 8) / 7,
            seed=1000 + number,
            facility=f"ベンチマーク病院{number:03d}",
            scope_all=number % 3 == 0,
            as_of=dt.date(2026, 4, 1),
        )
        path = folder / f"facility_{number:03d}.json"
        path.write_bytes(serialize_assessment(assessment))
        paths.append(path)
    return paths


def combined_coverage(paths: list[Path], bench: Workbench) -> dict[str, Tally]:
    """Open every file and add up its tallies: overall, per use case, risk category, step, side."""
    guideline = bench.guideline
    combined: dict[str, Tally] = {}

    def add(key: str, value: Tally) -> None:
        combined[key] = combined.get(key, Tally()) + value

    for path in paths:
        assessment = load_assessment(path)
        add("overall", overall(assessment, guideline))
        for prefix, by in (
            ("use_case", coverage_by_use_case),
            ("risk_category", coverage_by_risk_category),
            ("step", coverage_by_step),
            ("side", coverage_by_side),
        ):
            for key, value in by(assessment, guideline).items():
                add(f"{prefix}:{key}", value)
    return combined


def measure(bench: Workbench) -> list[Row]:
    # Quick mode (the smoke test) checks that the measurement works, on a tenth of the files.
    coverage_count = COVERAGE_FILES // 10 if bench.quick else COVERAGE_FILES
    group_count = GROUP_FILES // 10 if bench.quick else GROUP_FILES
    coverage_paths = write_demo_files(bench.folder / "coverage", coverage_count, bench)
    group_folder = bench.folder / "group"
    group_folder.mkdir()
    generate_group(group_folder, group_count)
    runs = bench.samples(3)
    totals: list[int] = []

    def coverage() -> None:
        totals.append(combined_coverage(coverage_paths, bench)["overall"].total)

    summaries = []

    def group() -> None:
        summaries.append(load_group(group_folder, bench.guideline))

    if not bench.quick:
        coverage()  # page cache and imports, not counted
        group()
    command = group_command(group_folder, bench.folder / "group.pdf", bench.samples(5))
    return [
        Row(
            "coverage_200_files",
            f"open {coverage_count} assessment files, combined coverage",
            timed(coverage, runs),
            max_median=1.0,
            note="load_assessment + overall and coverage by use case, risk category, step, side",
            extra={"countermeasures_counted": totals[-1]},
        ),
        Row(
            "group_300_files",
            f"group view of {group_count} facility files (issue 9)",
            timed(group, runs),
            max_median=1.0,
            note="load_group(folder): latest per facility, trends, most often missing; "
            "issue 9 asks for well under 2 s, checked here against 1 s",
            extra={"facilities": len(summaries[-1].facilities)},
        ),
        Row(
            "group_command_pdf",
            f"haip-desktop group over {group_count} files with -o group.pdf (whole command)",
            command,
            max_median=1.5,
            note="a fresh process: start, read and count the files, write the PDF, exit",
        ),
    ]


def group_command(folder: Path, pdf: Path, runs: int) -> Samples:
    """Wall and CPU time of the whole command, process start and exit included."""
    args = ("group", str(folder), "-o", str(pdf))
    home = Path(tempfile.mkdtemp(prefix="haip-bench-group-"))
    try:
        run_child("haip_desktop", *args, home=home)  # the first use checks the guideline data
        results = [run_child("haip_desktop", *args, home_from=home) for _ in range(runs)]
    finally:
        shutil.rmtree(home, ignore_errors=True)
    return Samples([r.exited - r.spawned for r in results], cpu=[r.cpu for r in results])
