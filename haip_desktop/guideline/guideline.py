"""The loaded guideline: validated items plus the relations between them, indexed once."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

from .models import (
    Countermeasure,
    Flow,
    GuidelineInfo,
    Perspective,
    Provenance,
    Reference,
    Risk,
    RiskCategory,
    Setting,
    Step,
    UseCase,
    UseScene,
)
from .readings import Readings

GuidelineItem = UseCase | RiskCategory | Risk | Countermeasure | Flow | Step | UseScene | Reference


class Guideline:
    """Everything in one guideline data folder, with lookups by id and by relation."""

    def __init__(
        self,
        info: GuidelineInfo,
        use_cases: list[UseCase],
        risk_categories: list[RiskCategory],
        risks: list[Risk],
        countermeasures: list[Countermeasure],
        flows: list[Flow],
        scenes: list[UseScene],
        references: list[Reference],
        source_dir: Path | None = None,
        *,
        readings: Readings | None = None,
    ) -> None:
        self.info = info
        self.use_cases = sorted(use_cases, key=lambda u: u.number)
        self.risk_categories = risk_categories
        self.risks = risks
        self.countermeasures = countermeasures
        self.flows = flows
        self.scenes = scenes
        self.references = references
        self.source_dir = source_dir
        # Readings of the words, for search (empty when the data has no readings.yaml).
        self.readings = readings if readings is not None else Readings()
        self._index()

    # -- identity ---------------------------------------------------------------------------

    @property
    def id(self) -> str:
        return self.info.id

    @property
    def title(self) -> str:
        return self.info.title

    @property
    def data_version(self) -> str:
        return self.info.data_version

    @property
    def edition(self) -> int:
        return self.info.based_on_edition

    @property
    def provenance(self) -> Provenance:
        return self.info.provenance

    @property
    def steps(self) -> list[Step]:
        return [step for flow in self.flows for step in flow.steps]

    # -- indexes ----------------------------------------------------------------------------

    def _index(self) -> None:
        self.by_id: dict[str, GuidelineItem] = {}
        for item in self.all_items():
            self.by_id[item.id] = item
        self._flow_of_step = {s.id: f for f in self.flows for s in f.steps}
        self._scenes_by_step: dict[str, list[UseScene]] = defaultdict(list)
        self._steps_by_use_case: dict[str, list[str]] = defaultdict(list)
        for scene in self.scenes:
            self._scenes_by_step[scene.step].append(scene)
            for uc in scene.use_cases:
                if scene.step not in self._steps_by_use_case[uc]:
                    self._steps_by_use_case[uc].append(scene.step)
        self._risks_by_use_case: dict[str, list[Risk]] = defaultdict(list)
        for risk in self.risks:
            self._risks_by_use_case[risk.use_case].append(risk)
        self._cms_by_use_case: dict[str, list[Countermeasure]] = defaultdict(list)
        for cm in self.countermeasures:
            for uc in cm.use_cases:
                self._cms_by_use_case[uc].append(cm)
        self._references_by_category: dict[str, list[Reference]] = defaultdict(list)
        for ref in self.references:
            for rc in ref.risk_categories:
                self._references_by_category[rc].append(ref)
        # Filled on first use: scoring asks for every step of every file counted.
        self._cms_by_step: dict[str, list[Countermeasure]] = {}

    def all_items(self) -> Iterable[GuidelineItem]:
        yield from self.use_cases
        yield from self.risk_categories
        yield from self.risks
        yield from self.countermeasures
        for flow in self.flows:
            yield flow
            yield from flow.steps
        yield from self.scenes
        yield from self.references

    def provenance_of(self, item: GuidelineItem) -> Provenance:
        """Steps share their flow's provenance; every other item carries its own."""
        if isinstance(item, Step):
            return self._flow_of_step[item.id].provenance
        return item.provenance

    def get(self, item_id: str) -> GuidelineItem | None:
        return self.by_id.get(item_id)

    def use_case(self, item_id: str) -> UseCase:
        item = self.by_id[item_id]
        assert isinstance(item, UseCase)
        return item

    def countermeasure(self, item_id: str) -> Countermeasure:
        item = self.by_id[item_id]
        assert isinstance(item, Countermeasure)
        return item

    def risk_category(self, item_id: str) -> RiskCategory:
        item = self.by_id[item_id]
        assert isinstance(item, RiskCategory)
        return item

    def step(self, item_id: str) -> Step:
        item = self.by_id[item_id]
        assert isinstance(item, Step)
        return item

    # -- relations --------------------------------------------------------------------------

    def flow_of_step(self, step_id: str) -> Flow:
        return self._flow_of_step[step_id]

    def scenes_for_step(self, step_id: str) -> list[UseScene]:
        return self._scenes_by_step.get(step_id, [])

    def use_cases_for_step(self, step_id: str) -> list[UseCase]:
        ids = {uc for scene in self.scenes_for_step(step_id) for uc in scene.use_cases}
        return [uc for uc in self.use_cases if uc.id in ids]

    def steps_for_use_case(self, use_case_id: str) -> list[Step]:
        steps = (self.by_id.get(s) for s in self._steps_by_use_case.get(use_case_id, []))
        return [s for s in steps if isinstance(s, Step)]

    def risks_for_use_case(self, use_case_id: str) -> list[Risk]:
        return self._risks_by_use_case.get(use_case_id, [])

    def countermeasures_for_use_case(self, use_case_id: str) -> list[Countermeasure]:
        return self._cms_by_use_case.get(use_case_id, [])

    def countermeasures_for_use_cases(self, use_case_ids: Iterable[str]) -> list[Countermeasure]:
        """Countermeasures of any of these use cases, each once, in data order."""
        wanted = set(use_case_ids)
        return [cm for cm in self.countermeasures if wanted.intersection(cm.use_cases)]

    def countermeasures_for_step(self, step_id: str) -> list[Countermeasure]:
        found = self._cms_by_step.get(step_id)
        if found is None:
            found = self.countermeasures_for_use_cases(
                uc.id for uc in self.use_cases_for_step(step_id)
            )
            self._cms_by_step[step_id] = found
        return found

    def risks_addressed_by(self, cm: Countermeasure) -> list[Risk]:
        """The risks of the countermeasure's categories in the countermeasure's use cases."""
        return [
            r
            for uc in cm.use_cases
            for r in self.risks_for_use_case(uc)
            if r.category in cm.risk_categories
        ]

    def countermeasures_for_cell(self, category_id: str, use_case_id: str) -> list[Countermeasure]:
        """One cell of the risk matrix: countermeasures of this category in this use case."""
        return [
            cm
            for cm in self.countermeasures_for_use_case(use_case_id)
            if category_id in cm.risk_categories
        ]

    def references_for_category(self, category_id: str) -> list[Reference]:
        return self._references_by_category.get(category_id, [])

    def use_cases_in_setting(self, setting: Setting) -> list[UseCase]:
        return [uc for uc in self.use_cases if setting in uc.settings]

    @staticmethod
    def matches_perspective(cm: Countermeasure, perspective: str) -> bool:
        """perspective is 'user', 'developer' or 'all' (the filter shown everywhere)."""
        if perspective == "user":
            return cm.perspective is not Perspective.DEVELOPER
        if perspective == "developer":
            return cm.perspective is Perspective.DEVELOPER
        return True
