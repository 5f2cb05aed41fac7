"""Timings inside the window, measured in a fresh offscreen process (benchmarks.ui_child)."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from .children import run_child
from .harness import Row, Samples
from .queries import QUERIES


def measure(passes: int) -> list[Row]:
    with tempfile.TemporaryDirectory(prefix="haip-bench-q-") as folder:
        queries = Path(folder) / "queries.json"
        queries.write_text(json.dumps(list(QUERIES), ensure_ascii=False), encoding="utf-8")
        result = run_child(
            "benchmarks.ui_child", "--passes", str(passes), "--queries", str(queries)
        )
    data = json.loads(result.lines["RESULT"])
    return [
        Row(
            "step_switch",
            f"switch workflow step in the window ({data['steps']} steps × {passes})",
            Samples(data["step_switch"], cpu=data["step_switch_cpu"]),
            max_median=0.016,
            note="navigate(step) until the step page has painted; the first includes building it",
        ),
        Row(
            "search_typing_ui",
            f"search as you type in the window ({data['keystrokes']} keystrokes × {passes})",
            Samples(data["search_typing"], cpu=data["search_typing_cpu"]),
            note="setText(prefix) on the search box until the result panel has painted "
            "(no target in the issue; shown for the whole path)",
        ),
    ]
