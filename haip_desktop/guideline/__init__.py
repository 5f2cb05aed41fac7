"""The HAIP guideline as validated data (plain Python, no Qt).

Importing it loads neither the YAML parser nor pydantic: they are needed only when a data
folder is validated (`load_guideline`), not to read data already checked (snapshot.py).
"""

from __future__ import annotations

from pathlib import Path

from .guideline import Guideline
from .models import (
    Countermeasure,
    Flow,
    Level,
    Perspective,
    Phase,
    Provenance,
    Reference,
    Risk,
    RiskCategory,
    Role,
    Setting,
    Severity,
    SourceKind,
    Step,
    UseCase,
    UseScene,
)
from .problems import GuidelineDataError, Problem


def load_guideline(path: str | Path | None = None) -> Guideline:
    """Load and validate a guideline data folder (the bundled one when no path is given).

    Raises GuidelineDataError listing every problem found (see loader.py).
    """
    from .loader import load_guideline as load

    return load(path)


__all__ = [
    "Countermeasure",
    "Flow",
    "Guideline",
    "GuidelineDataError",
    "Level",
    "Perspective",
    "Phase",
    "Problem",
    "Provenance",
    "Reference",
    "Risk",
    "RiskCategory",
    "Role",
    "Setting",
    "Severity",
    "SourceKind",
    "Step",
    "UseCase",
    "UseScene",
    "load_guideline",
]
