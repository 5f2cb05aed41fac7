"""The columns of the group tables (CSV, .xlsx): each part, use case, risk category and
workflow step a facility's 実施率 is given for. Without reportlab, so that the workbook does
not load it."""

from __future__ import annotations

from ..assessment.parts import PARTS
from ..guideline import Guideline


def coverage_columns(g: Guideline) -> list[tuple[str, str, str]]:
    """(axis, key, column label) for every column of the facility tables; the axis names a
    FacilityResult's ``by_<axis>``."""
    columns: list[tuple[str, str, str]] = [("part", p, p.part_label) for p in PARTS]
    columns += [("use_case", uc.id, f"UC{uc.number} {uc.name}") for uc in g.use_cases]
    columns += [("risk_category", rc.id, rc.name) for rc in g.risk_categories]
    columns += [("step", s, g.step_path(s)) for s in counted_steps(g)]
    return columns


def counted_steps(g: Guideline) -> list[str]:
    """Steps where staff have step-level countermeasures (none without generative-AI use)."""
    return [s.id for s in g.steps if g.countermeasures_for_step(s.id)]
