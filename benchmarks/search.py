"""Search as you type over the whole guideline: every prefix of 50 queries, one sample each,
and every prefix of 20 queries typed by reading (hiragana or romaji)."""

from __future__ import annotations

import gc
import time

from haip_desktop.guideline.search import SearchIndex

from .harness import Row, Samples, timed
from .queries import QUERIES, READING_QUERIES
from .workbench import Workbench


def prefixes(queries: tuple[str, ...] = QUERIES) -> list[str]:
    return [query[:end] for query in queries for end in range(1, len(query) + 1)]


def _type(index: SearchIndex, typed: list[str], runs: int) -> tuple[Samples, int]:
    samples: list[float] = []
    cpu: list[float] = []
    hits = 0
    for _ in range(runs):
        gc.collect()
        for text in typed:
            start, start_cpu = time.perf_counter(), time.process_time()
            found = index.search(text)
            samples.append(time.perf_counter() - start)
            cpu.append(time.process_time() - start_cpu)
            hits += len(found)
    return Samples(samples, cpu=cpu), hits // max(runs, 1)


def measure(bench: Workbench) -> list[Row]:
    guideline = bench.guideline
    build = timed(lambda: SearchIndex(guideline), bench.samples(3))
    index = SearchIndex(guideline)
    typed = prefixes()
    samples, hits = _type(index, typed, bench.runs)
    by_reading = prefixes(READING_QUERIES)
    reading_samples, reading_hits = _type(index, by_reading, bench.runs)
    return [
        Row(
            "search_as_you_type",
            f"search as you type ({len(typed)} keystrokes of 50 queries)",
            samples,
            max_median=0.001,
            max_high=0.016,
            note="SearchIndex.search(prefix) for every prefix; one index for the session",
            extra={"keystrokes": len(typed), "hits_per_pass": hits},
        ),
        Row(
            "search_by_reading",
            f"search by reading as you type ({len(by_reading)} keystrokes of 20 queries)",
            reading_samples,
            max_median=0.001,
            max_high=0.016,
            note="the same for queries typed as their reading: たいいん, taiin, kojinjouhou, …",
            extra={"keystrokes": len(by_reading), "hits_per_pass": reading_hits},
        ),
        Row(
            "search_index_build",
            "build the search index (once per guideline)",
            build,
            note="SearchIndex(guideline); the window builds it on the first query",
        ),
    ]
