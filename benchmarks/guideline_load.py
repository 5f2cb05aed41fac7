"""Loading the bundled guideline: in full (YAML → validated items → cross-reference checks),
and from the checked snapshot that a later start reads (guideline/snapshot.py)."""

from __future__ import annotations

from haip_desktop.guideline import load_guideline
from haip_desktop.guideline.snapshot import load_checked_guideline
from haip_desktop.paths import bundled_guideline_dir

from .harness import Row, timed
from .workbench import Workbench


def measure(bench: Workbench) -> list[Row]:
    load_guideline()  # imports and the file cache, not counted
    samples = timed(load_guideline, bench.samples(5))
    folder, cache = bundled_guideline_dir(), bench.folder / "guideline-cache"
    load_checked_guideline(folder, cache=cache)  # validates once and writes the snapshot
    from_snapshot = timed(lambda: load_checked_guideline(folder, cache=cache), bench.samples(5))
    return [
        Row(
            "guideline_load",
            "load the bundled guideline",
            samples,
            max_median=0.050,
            note="load_guideline(): all YAML files parsed, validated and cross-checked",
        ),
        Row(
            "guideline_snapshot_load",
            "load it from its checked snapshot (a later start)",
            from_snapshot,
            note="load_checked_guideline(): data files hashed, snapshot signature checked, "
            "JSON read, items built",
        ),
    ]
