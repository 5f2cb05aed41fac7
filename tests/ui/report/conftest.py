"""Report UI tests: a demo assessment of the bundled guideline and a short report of it."""

from __future__ import annotations

import datetime as dt

import pytest

from haip_desktop.assessment.demo import make_demo_assessment
from haip_desktop.report import ReportOptions, Section

# Cover, overview and formulas: a few pages, made in a fraction of a second.
SHORT_SECTIONS = frozenset({Section.COVER, Section.OVERVIEW, Section.FORMULAS})
PRINT_DATE = dt.date(2026, 11, 25)


@pytest.fixture
def demo_assessment(guideline):
    return make_demo_assessment(guideline, fill=0.6, seed=1, as_of=dt.date(2026, 11, 20))


@pytest.fixture
def short_options() -> ReportOptions:
    return ReportOptions(sections=SHORT_SECTIONS, print_date=PRINT_DATE)


class Context:
    """What the flow reads from the main window: the open assessment and the guideline."""

    def __init__(self, assessment, guideline) -> None:
        self.assessment = assessment
        self.guideline = guideline


@pytest.fixture
def flow(qtbot, demo_assessment, guideline):
    """A ReportFlow on a plain parent widget, as the main window would hold it."""
    from PySide6.QtWidgets import QWidget

    from haip_desktop.ui.report.flow import ReportFlow

    parent = QWidget()
    qtbot.addWidget(parent)
    context = Context(demo_assessment, guideline)
    report_flow = ReportFlow(parent, lambda: context.assessment, lambda: context.guideline)
    report_flow.context = context  # tests change the assessment through this
    yield report_flow
    if report_flow.preview is not None:
        report_flow.preview.close()
        report_flow.preview.deleteLater()
    report_flow.stop()
