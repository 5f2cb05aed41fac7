"""The HAIP guideline as validated data (plain Python, no Qt)."""

from .guideline import Guideline
from .loader import load_guideline
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
