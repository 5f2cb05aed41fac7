"""Cold start to the first painted main window, and the peak memory of that start.

Each run is a fresh process (``benchmarks.start_child``): the application as
``haip-desktop`` starts it, until its start page has painted with the guideline loaded,
then quit; the floor is a fresh process showing a bare QMainWindow with one label. The
two kinds alternate so that a busy moment of the machine hits both alike. The time runs
from just before the process is created to the ``PAINTED`` timestamp the child prints
(see start_child's docstring); memory is the child's peak resident set (``wait4``).

The measured start is a later start: every run gets a copy of the home that one earlier
start on a new PC left (its settings, and the checked snapshot of the guideline data that
the first start validated and wrote: guideline/snapshot.py). The very first start on a new
PC, which validates the data and writes that snapshot, is measured apart, without a target.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from .children import ChildResult, run_child
from .harness import Row, Samples

FIRST_START_RUNS = 5


def measure(runs: int, warm_up: bool = True) -> list[Row]:
    app: list[ChildResult] = []
    bare: list[ChildResult] = []
    first: list[ChildResult] = []
    prepared = Path(tempfile.mkdtemp(prefix="haip-bench-first-"))
    try:
        # The first start on a new PC; it also warms the file cache and the byte code.
        run_child("benchmarks.start_child", "app", home=prepared)
        if warm_up:
            run_child("benchmarks.start_child", "bare")
            run_child("benchmarks.start_child", "app", home_from=prepared)
        for _ in range(runs):
            bare.append(run_child("benchmarks.start_child", "bare"))
            app.append(run_child("benchmarks.start_child", "app", home_from=prepared))
        for _ in range(min(runs, FIRST_START_RUNS)):
            first.append(run_child("benchmarks.start_child", "app"))
    finally:
        shutil.rmtree(prepared, ignore_errors=True)

    start = Row(
        "cold_start",
        "cold start to first painted main window",
        Samples([r.time_of("PAINTED") for r in app], cpu=[r.cpu for r in app]),
        floor=Samples([r.time_of("PAINTED") for r in bare], cpu=[r.cpu for r in bare]),
        floor_what="fresh process showing a bare QMainWindow with one label",
        max_ratio=2.0,
        note="spawn → start page (業務フロー) painted with the guideline loaded; offscreen; "
        "a later start (the home of one earlier start: settings, guideline snapshot)",
        extra={
            "interpreter_start": Samples([r.time_of("PYSTART") for r in app]).to_json(),
            "to_exit": Samples([r.exited - r.spawned for r in app]).to_json(),
            "floor_to_exit": Samples([r.exited - r.spawned for r in bare]).to_json(),
        },
    )
    memory = Row(
        "peak_memory",
        "peak memory (max RSS) of that start",
        Samples([float(r.max_rss) for r in app], unit="B"),
        floor=Samples([float(r.max_rss) for r in bare], unit="B"),
        floor_what="the bare window's max RSS",
        max_ratio=1.5,
    )
    first_start = Row(
        "first_start",
        "first start on a new PC (validates the data, writes the snapshot)",
        Samples([r.time_of("PAINTED") for r in first], cpu=[r.cpu for r in first]),
        note="empty home: the guideline data is loaded from YAML and validated in full",
        extra={"max_rss": Samples([float(r.max_rss) for r in first], unit="B").to_json()},
    )
    return [start, memory, first_start]
