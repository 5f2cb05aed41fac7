"""What the in-process measurements share: the bundled guideline, a scratch folder, and the
fully answered assessment (every countermeasure in scope, 200-character notes)."""

from __future__ import annotations

import datetime as dt
import tempfile
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from haip_desktop.assessment.demo import make_demo_assessment
from haip_desktop.assessment.models import Assessment
from haip_desktop.guideline import Guideline, load_guideline

NOTE_LENGTH = 200
AS_OF = dt.date(2026, 4, 1)  # fixed, so every run measures the same file


@dataclass
class Workbench:
    runs: int
    quick: bool
    folder: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="haip-bench-")))

    def samples(self, at_least: int) -> int:
        """How many samples to take: one in quick mode, else at least ``at_least``."""
        return 1 if self.quick else max(self.runs, at_least)

    @cached_property
    def guideline(self) -> Guideline:
        return load_guideline()

    @cached_property
    def full_assessment(self) -> Assessment:
        """Every countermeasure of the guideline answered, each with a 200-character note."""
        return make_demo_assessment(
            self.guideline, fill=1.0, seed=8, note_length=NOTE_LENGTH, scope_all=True, as_of=AS_OF
        )
