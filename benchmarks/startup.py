"""Cold start to the first painted main window, and the peak memory of that start.

Each run is a fresh process (``benchmarks.start_child``): the application as
``haip-desktop`` starts it, until its start page has painted with the guideline loaded,
then quit; the floor is a fresh process showing a bare QMainWindow with one label. The
two kinds alternate so that a busy moment of the machine hits both alike. The time runs
from just before the process is created to the ``PAINTED`` timestamp the child prints
(see start_child's docstring); memory is the child's peak resident set (``wait4``).
"""

from __future__ import annotations

from .children import ChildResult, run_child
from .harness import Row, Samples


def measure(runs: int, warm_up: bool = True) -> list[Row]:
    app: list[ChildResult] = []
    bare: list[ChildResult] = []
    if warm_up:  # the file cache and byte code for both; not counted
        run_child("benchmarks.start_child", "bare")
        run_child("benchmarks.start_child", "app")
    for _ in range(runs):
        bare.append(run_child("benchmarks.start_child", "bare"))
        app.append(run_child("benchmarks.start_child", "app"))

    start = Row(
        "cold_start",
        "cold start to first painted main window",
        Samples([r.time_of("PAINTED") for r in app], cpu=[r.cpu for r in app]),
        floor=Samples([r.time_of("PAINTED") for r in bare], cpu=[r.cpu for r in bare]),
        floor_what="fresh process showing a bare QMainWindow with one label",
        max_ratio=2.0,
        note="spawn → start page (業務フロー) painted with the guideline loaded; offscreen",
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
        max_ratio=1.6,
    )
    return [start, memory]
