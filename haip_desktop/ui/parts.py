"""Every part of the application, installed into the shell in one place.

The app (`app.build_main_window`) and the tests build the window through `install_parts`, so
the window under test is the window people use. A part gets the shell and, when it builds on
another part, that part itself (typed), never by looking it up on the window. The order is
the order of their entries within each menu group and on the toolbar.
"""

from __future__ import annotations

from dataclasses import dataclass

from .assessment import part as assessment
from .comparisons import part as comparisons
from .guideline import part as guideline
from .report import part as report
from .shell.protocol import Shell
from .updates import part as updates


@dataclass(frozen=True)
class Parts:
    guideline: guideline.GuidelinePart
    assessment: assessment.AssessmentPart
    report: report.ReportPart
    updates: updates.UpdatesPart
    comparisons: comparisons.ComparisonsPart


def install_parts(shell: Shell) -> Parts:
    guideline_part = guideline.install(shell)  # its pages come first on the toolbar
    assessment_part = assessment.install(shell)
    report_part = report.install(shell)
    updates_part = updates.install(shell)
    comparisons_part = comparisons.install(shell, assessment_part)
    return Parts(guideline_part, assessment_part, report_part, updates_part, comparisons_part)
