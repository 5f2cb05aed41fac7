"""The assessment open in the window, as the guideline views see it.

The assessment views (another part of the window) own the assessment; they hand it to the
window's `AssessmentContext` when a file is opened and call `notify_changed()` after an
answer changes. The guideline views only read from here, e.g. the workflow view draws how
far each step's countermeasures are answered.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

if TYPE_CHECKING:  # the assessment core (pydantic) is imported when an assessment is opened
    from ...assessment.models import Assessment
    from ...assessment.scoring import Tally
    from ...guideline import Guideline

StepProgressProvider = Callable[[str], "Tally | None"]


class AssessmentContext(QObject):
    """Which assessment is open, and per-step progress for the guideline views."""

    changed = Signal()

    def __init__(self, guideline: Callable[[], Guideline | None], parent: QObject | None = None):
        super().__init__(parent)
        self._guideline = guideline
        self._assessment: Assessment | None = None
        self._label = ""
        self._provider: StepProgressProvider | None = None
        self._by_step: dict[str, Tally] | None = None

    @property
    def assessment(self) -> Assessment | None:
        return self._assessment

    @property
    def label(self) -> str:
        """How the open assessment is named to people (e.g. the facility and the file name)."""
        return self._label

    def set_assessment(
        self,
        assessment: Assessment | None,
        label: str = "",
        progress_provider: StepProgressProvider | None = None,
    ) -> None:
        """Open (or with None, close) an assessment.

        By default a step's progress is `assessment.scoring.coverage_by_step`; pass
        `progress_provider` to compute it differently (it returns None for steps out of scope).
        """
        self._assessment = assessment
        self._label = label if assessment is not None else ""
        self._provider = progress_provider
        self._by_step = None
        self.changed.emit()

    def notify_changed(self) -> None:
        """Call after answers or the scope change, so views redraw progress."""
        self._by_step = None
        self.changed.emit()

    def step_progress(self, step_id: str) -> Tally | None:
        """The tally of the step's in-scope countermeasures, or None (no assessment / out of scope)."""
        if self._assessment is None:
            return None
        if self._provider is not None:
            return self._provider(step_id)
        if self._by_step is None:
            from ...assessment.scoring import coverage_by_step

            guideline = self._guideline()
            self._by_step = (
                coverage_by_step(self._assessment, guideline) if guideline is not None else {}
            )
        return self._by_step.get(step_id)
