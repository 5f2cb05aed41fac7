"""The loaded guideline: validated items plus the relations between them, indexed once."""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

from .models import (
    Countermeasure,
    Flow,
    GuidelineInfo,
    Level,
    Perspective,
    Provenance,
    Reference,
    Risk,
    RiskCategory,
    Role,
    Setting,
    Step,
    UseCase,
    UseScene,
)
from .readings import Readings

GuidelineItem = UseCase | RiskCategory | Risk | Countermeasure | Flow | Step | UseScene | Reference


def name_of(item: GuidelineItem) -> str:
    """What people call an item: its name, or the title of a risk, countermeasure or reference."""
    return item.title if isinstance(item, Risk | Countermeasure | Reference) else item.name


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
        self.flows = flows
        self.scenes = scenes
        self.countermeasures = _with_step_use_cases(countermeasures, scenes, risks)
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
        self._cms_by_step: dict[str, list[Countermeasure]] = defaultdict(list)
        self._implemented_by: dict[str, list[Countermeasure]] = defaultdict(list)
        self._cms_by_level: dict[Level, list[Countermeasure]] = {level: [] for level in Level}
        for cm in self.countermeasures:
            self._cms_by_level[cm.level].append(cm)
            for uc in cm.use_cases:
                self._cms_by_use_case[uc].append(cm)
            if cm.level is Level.STEP:
                for step_id in cm.steps:
                    self._cms_by_step[step_id].append(cm)
            for target in cm.implements:
                self._implemented_by[target].append(cm)
        self._references_by_category: dict[str, list[Reference]] = defaultdict(list)
        for ref in self.references:
            for rc in ref.risk_categories:
                self._references_by_category[rc].append(ref)

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

    def step_path(self, step_id: str, separator: str = " › ") -> str:
        """「入院 › 看護記録」: how every list, file and message names a step (the printed
        report's tables use their own separator)."""
        return f"{self._flow_of_step[step_id].name}{separator}{self.step(step_id).name}"

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
        """What staff do at this step: the step-level countermeasures that name it, in data order."""
        return self._cms_by_step.get(step_id, [])

    def countermeasures_at_level(self, level: Level) -> list[Countermeasure]:
        """In data order; asked for each assessment scored (a group reads hundreds)."""
        return self._cms_by_level[level]

    def facility_countermeasures(self) -> list[Countermeasure]:
        """What the facility has in place once (answered by the committee)."""
        return self.countermeasures_at_level(Level.FACILITY)

    def tool_countermeasures(self) -> list[Countermeasure]:
        """What each generative-AI tool must offer (answered per tool, usually by the vendor)."""
        return self.countermeasures_at_level(Level.TOOL)

    def facility_countermeasures_for_step(self, step_id: str) -> list[Countermeasure]:
        """The facility's prerequisites for the work at this step (via the step's use cases)."""
        return self._level_for_step(Level.FACILITY, step_id)

    def tool_countermeasures_for_step(self, step_id: str) -> list[Countermeasure]:
        """What the tools used at this step must offer (via the step's use cases)."""
        return self._level_for_step(Level.TOOL, step_id)

    def _level_for_step(self, level: Level, step_id: str) -> list[Countermeasure]:
        wanted = {uc.id for uc in self.use_cases_for_step(step_id)}
        return [
            cm
            for cm in self.countermeasures
            if cm.level is level and wanted.intersection(cm.use_cases)
        ]

    def roles_at(self, cm: Countermeasure, step_id: str) -> list[Role]:
        """The roles that do a step action at this step (its roles that work there)."""
        step = self.by_id.get(step_id)
        here = set(step.roles) if isinstance(step, Step) else set()
        return [r for r in cm.roles if r in here] or list(cm.roles)

    def steps_of(self, cm: Countermeasure) -> list[Step]:
        """The steps where a step-level countermeasure is acted on (none for other levels)."""
        steps = (self.by_id.get(s) for s in cm.steps)
        return [s for s in steps if isinstance(s, Step)]

    def implemented_by(self, countermeasure_id: str) -> list[Countermeasure]:
        """The step actions that put this countermeasure into practice."""
        return self._implemented_by.get(countermeasure_id, [])

    def implements_of(self, cm: Countermeasure) -> list[Countermeasure]:
        """The guideline countermeasures a step action puts into practice."""
        found = (self.by_id.get(i) for i in cm.implements)
        return [c for c in found if isinstance(c, Countermeasure)]

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


def use_cases_at_step(
    cm: Countermeasure, step_id: str, scenes: Iterable[UseScene], risks: Iterable[Risk]
) -> set[str]:
    """The use cases at a step whose risks a step action addresses (a risk of its categories)."""
    at_step = {uc for scene in scenes if scene.step == step_id for uc in scene.use_cases}
    return {r.use_case for r in risks if r.use_case in at_step and r.category in cm.risk_categories}


def _with_step_use_cases(
    countermeasures: list[Countermeasure], scenes: list[UseScene], risks: list[Risk]
) -> list[Countermeasure]:
    """Step-level items take the use cases at their steps whose risks they address.

    The data omits them: the use cases follow from where the action is done and what it
    guards against, so the risk matrix lists it only in cells where it addresses a risk.
    """
    result = []
    for cm in countermeasures:
        if cm.level is Level.STEP and not cm.use_cases:
            derived = sorted(
                {uc for step in cm.steps for uc in use_cases_at_step(cm, step, scenes, risks)}
            )
            if derived:
                cm = dataclasses.replace(cm, use_cases=derived)
        result.append(cm)
    return result
