"""Search as you type over the whole guideline: every prefix of 50 queries, one sample each."""

from __future__ import annotations

import gc
import time

from haip_desktop.guideline.search import SearchIndex

from .harness import Row, Samples, timed
from .queries import QUERIES
from .workbench import Workbench


def prefixes() -> list[str]:
    return [query[:end] for query in QUERIES for end in range(1, len(query) + 1)]


def measure(bench: Workbench) -> list[Row]:
    guideline = bench.guideline
    build = timed(lambda: SearchIndex(guideline), bench.samples(3))
    index = SearchIndex(guideline)
    typed = prefixes()
    samples: list[float] = []
    cpu: list[float] = []
    hits = 0
    for _ in range(bench.runs):
        gc.collect()
        for text in typed:
            start, start_cpu = time.perf_counter(), time.process_time()
            found = index.search(text)
            samples.append(time.perf_counter() - start)
            cpu.append(time.process_time() - start_cpu)
            hits += len(found)
    return [
        Row(
            "search_as_you_type",
            f"search as you type ({len(typed)} keystrokes of 50 queries)",
            Samples(samples, cpu=cpu),
            max_median=0.001,
            max_high=0.016,
            note="SearchIndex.search(prefix) for every prefix; one index for the session",
            extra={"keystrokes": len(typed), "hits_per_pass": hits // max(bench.runs, 1)},
        ),
        Row(
            "search_index_build",
            "build the search index (once per guideline)",
            build,
            note="SearchIndex(guideline); the window builds it on the first query",
        ),
    ]
