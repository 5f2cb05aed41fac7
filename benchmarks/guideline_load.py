"""Loading the bundled guideline (YAML → validated models → cross-reference checks)."""

from __future__ import annotations

from haip_desktop.guideline import load_guideline

from .harness import Row, timed
from .workbench import Workbench


def measure(bench: Workbench) -> list[Row]:
    load_guideline()  # imports and the file cache, not counted
    samples = timed(load_guideline, bench.samples(5))
    return [
        Row(
            "guideline_load",
            "load the bundled guideline",
            samples,
            max_median=0.050,
            note="load_guideline(): all YAML files parsed, validated and cross-checked",
        )
    ]
