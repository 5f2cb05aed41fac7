"""Rows of the benchmark table: timing helpers, the verdict, the printed table and the JSON.

A row holds every sample it measured (seconds, or bytes for memory), the median and the
range (min–max) of those samples, and, where the issue names one, a floor measured in the
same run. The verdict compares either the median with an absolute limit, or the ratio
median / floor-median with a limit on the ratio (or both, when both are given).
"""

from __future__ import annotations

import gc
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Samples:
    """Measured values of one kind (seconds or bytes), in the order they were taken."""

    values: list[float]
    unit: str = "s"  # "s" or "B"
    # CPU seconds of the same samples, where known: on a busy machine the wall time grows
    # with the other processes' load, the CPU time much less.
    cpu: list[float] | None = None

    @property
    def median(self) -> float:
        return statistics.median(self.values)

    @property
    def low(self) -> float:
        return min(self.values)

    @property
    def high(self) -> float:
        return max(self.values)

    def to_json(self) -> dict[str, Any]:
        return {
            "unit": self.unit,
            "median": self.median,
            "min": self.low,
            "max": self.high,
            "n": len(self.values),
            "values": self.values,
            **({"cpu_median": statistics.median(self.cpu), "cpu": self.cpu} if self.cpu else {}),
        }


@dataclass
class Row:
    key: str  # stable id in the JSON
    what: str  # the table's first column
    samples: Samples
    floor: Samples | None = None
    floor_what: str = ""
    max_ratio: float | None = None  # target: median / floor median ≤ max_ratio
    max_median: float | None = None  # target: median ≤ this (same unit as samples)
    max_high: float | None = None  # target: the largest sample ≤ this
    note: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def ratio(self) -> float | None:
        if self.floor is None or self.floor.median <= 0:
            return None
        return self.samples.median / self.floor.median

    def target_text(self) -> str:
        parts = []
        if self.max_ratio is not None:
            parts.append(f"≤ {self.max_ratio:g}× floor")
        if self.max_median is not None:
            parts.append(f"median ≤ {fmt(self.max_median, self.samples.unit)}")
        if self.max_high is not None:
            parts.append(f"max ≤ {fmt(self.max_high, self.samples.unit)}")
        return ", ".join(parts) or "—"

    @property
    def passed(self) -> bool | None:
        checks: list[bool] = []
        if self.max_ratio is not None:
            ratio = self.ratio
            checks.append(ratio is not None and ratio <= self.max_ratio)
        if self.max_median is not None:
            checks.append(self.samples.median <= self.max_median)
        if self.max_high is not None:
            checks.append(self.samples.high <= self.max_high)
        return all(checks) if checks else None

    @property
    def passed_on_cpu(self) -> bool | None:
        """The absolute median target checked against the CPU time instead of the wall time
        (None for rows without one): what the row would show on an otherwise idle machine."""
        if self.max_median is None or not self.samples.cpu:
            return None
        return statistics.median(self.samples.cpu) <= self.max_median

    def verdict(self) -> str:
        if self.passed is None:
            return "—"
        if self.passed:
            return "pass"
        return "**miss** (CPU: pass)" if self.passed_on_cpu else "**miss**"

    def to_json(self) -> dict[str, Any]:
        return {
            "what": self.what,
            "samples": self.samples.to_json(),
            "floor": self.floor.to_json() if self.floor else None,
            "floor_what": self.floor_what,
            "ratio": self.ratio,
            "target": self.target_text(),
            "max_ratio": self.max_ratio,
            "max_median": self.max_median,
            "max_high": self.max_high,
            "passed": self.passed,
            "passed_on_cpu": self.passed_on_cpu,
            "note": self.note,
            **({"extra": self.extra} if self.extra else {}),
        }


def fmt(value: float, unit: str) -> str:
    """A figure for people: 0.42 ms, 12.3 ms, 1.21 s, 84.5 MB."""
    if unit == "B":
        return f"{value / 1e6:.1f} MB"
    if value < 0.001:
        return f"{value * 1e3:.3f} ms"
    if value < 0.1:
        return f"{value * 1e3:.1f} ms"
    if value < 1.0:
        return f"{value * 1e3:.0f} ms"
    return f"{value:.2f} s"


def timed(
    action: Callable[[], object], runs: int, setup: Callable[[], object] | None = None
) -> Samples:
    """Wall time of ``action`` over ``runs`` runs (``setup`` before each, not timed).

    The garbage collector runs between runs, not inside them, as it would between a
    person's actions.
    """
    values, cpu = [], []
    for _ in range(runs):
        if setup is not None:
            setup()
        gc.collect()
        start, start_cpu = time.perf_counter(), time.process_time()
        action()
        values.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return Samples(values, cpu=cpu)


def interleaved(actions: dict[str, Callable[[], object]], runs: int) -> dict[str, Samples]:
    """Like ``timed`` for several actions, taken in turn (a, b, c, a, b, c, …), so that a
    busy moment of the machine (another process's disk writes) falls on all of them alike."""
    values: dict[str, list[float]] = {name: [] for name in actions}
    cpu: dict[str, list[float]] = {name: [] for name in actions}
    for _ in range(runs):
        for name, action in actions.items():
            gc.collect()
            start, start_cpu = time.perf_counter(), time.process_time()
            action()
            values[name].append(time.perf_counter() - start)
            cpu[name].append(time.process_time() - start_cpu)
    return {name: Samples(values[name], cpu=cpu[name]) for name in actions}


HEADERS = (
    "what",
    "median",
    "spread (min–max)",
    "CPU (median)",
    "floor (median)",
    "ratio",
    "target",
    "result",
)


def table_lines(rows: list[Row]) -> list[str]:
    """The table as Markdown (readable in a terminal and pasted into the README as is)."""
    lines = ["| " + " | ".join(HEADERS) + " |", "|" + "---|" * len(HEADERS)]
    for row in rows:
        unit = row.samples.unit
        spread = f"{fmt(row.samples.low, unit)} – {fmt(row.samples.high, unit)}"
        floor = fmt(row.floor.median, row.floor.unit) if row.floor else "—"
        ratio = f"{row.ratio:.2f}×" if row.ratio is not None else "—"
        cpu = fmt(statistics.median(row.samples.cpu), unit) if row.samples.cpu else "—"
        cells = [
            row.what,
            fmt(row.samples.median, unit),
            spread,
            cpu,
            floor,
            ratio,
            row.target_text(),
            row.verdict(),
        ]
        lines.append("| " + " | ".join(cells) + " |")
    return lines
