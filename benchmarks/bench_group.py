"""グループ集計 speed: 300 facility files (the issue's target is well under 2 s).

Run: .venv/bin/python benchmarks/bench_group.py [number of files]
Prints the time to read and count the group (median of 5 runs, cold and warm file cache
are not distinguished) and the time of one PDF and one CSV export.
"""

from __future__ import annotations

import datetime as dt
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from haip_desktop.assessment.group import load_group
from haip_desktop.assessment.models import (
    AITool,
    Answer,
    Assessment,
    Facility,
    FacilityKind,
    GuidelineRef,
    Scope,
    Status,
)
from haip_desktop.assessment.store import save_assessment
from haip_desktop.guideline import load_guideline

STATUSES = [Status.DONE, Status.DONE, Status.PARTIAL, Status.NOT_DONE, Status.UNANSWERED]


def generate(folder: Path, count: int, seed: int = 9) -> None:
    g = load_guideline()
    rng = random.Random(seed)
    at = dt.datetime(2026, 4, 1, tzinfo=dt.UTC)
    kinds = list(FacilityKind)
    for i in range(count):
        facility_no = (
            i - 1 if i % 10 == 0 and i else i
        )  # every tenth file is a second year of a facility
        if rng.random() < 0.3:
            scope = Scope(all=True)
        else:
            scope = Scope(use_cases=rng.sample([u.id for u in g.use_cases], rng.randint(1, 4)))
        tools = [AITool(id="T-1", name="生成AI", steps=rng.sample([s.id for s in g.steps], 2))]
        answers = {}
        for cm in g.countermeasures:
            status = rng.choice(STATUSES)
            answers[cm.id] = Answer(status=status, note="確認済み" if status is Status.DONE else "")
        a = Assessment(
            guideline=GuidelineRef(id=g.id, edition=g.edition, data_version=g.data_version),
            facility=Facility(name=f"施設{facility_no:03d}", kind=kinds[facility_no % 3]),
            assessment_date=dt.date(2025 + (i % 10 == 0), 4, 1),
            scope=scope,
            tools=tools,
            answers=answers,
            created_at=at,
            updated_at=at,
        )
        save_assessment(a, folder / f"facility_{i:03d}.json")


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 300
    guideline = load_guideline()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        generate(folder, count)
        size = sum(p.stat().st_size for p in folder.glob("*.json"))
        times = []
        for _ in range(5):
            start = time.perf_counter()
            summary = load_group(folder, guideline)
            times.append(time.perf_counter() - start)
        print(
            f"load_group: {count} files ({size / 1e6:.1f} MB), {len(summary.facilities)} facilities,"
            f" median {statistics.median(times):.3f} s, first {times[0]:.3f} s"
        )
        try:
            from haip_desktop.report.group_report import render_group_pdf, write_group_csv
        except ImportError:
            return
        start = time.perf_counter()
        render_group_pdf(summary, guideline, folder / "group.pdf")
        print(f"group PDF: {time.perf_counter() - start:.3f} s")
        start = time.perf_counter()
        write_group_csv(summary, guideline, folder / "group.csv")
        print(f"group CSV: {time.perf_counter() - start:.3f} s")


if __name__ == "__main__":
    main()
