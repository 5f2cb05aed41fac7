"""A small hand-made guideline (numbers can be worked out by hand) and assessment helpers."""

from __future__ import annotations

import datetime as dt

import pytest

from haip_desktop.assessment import Assessment, Facility, FacilityKind, GuidelineRef
from haip_desktop.guideline import Guideline
from haip_desktop.guideline.models import (
    Countermeasure,
    Edition,
    Flow,
    GuidelineInfo,
    Provenance,
    Risk,
    RiskCategory,
    Step,
    UseCase,
    UseScene,
)

APP = Provenance(kind="app")
JST = dt.timezone(dt.timedelta(hours=9))


def _cm(
    cm_id: str,
    perspective: str,
    use_cases: list[str],
    categories: list[str],
    level: str = "facility",
    **step_fields: list[str],
) -> Countermeasure:
    return Countermeasure(
        id=cm_id,
        title=f"対策 {cm_id}",
        text="対策の本文",
        level=level,
        perspective=perspective,
        phase="operation",
        risk_categories=categories,
        use_cases=use_cases,
        evidence="規程",
        provenance=APP,
        **step_fields,
    )


def _uc(number: int) -> UseCase:
    return UseCase(
        id=f"UC-0{number}",
        number=number,
        name=f"ユースケース{number}",
        summary="概要",
        settings=["hospital"],
        actors=["医師"],
        benefits=["効率化"],
        provenance=APP,
    )


@pytest.fixture(scope="session")
def small_guideline() -> Guideline:
    """3 use cases, 2 risk categories, 7 countermeasures, 1 flow of 3 steps.

    Facility level (施設の体制), by use case:
      UC-01 → C-1 (individual, RC-A), C-2 (organisation, RC-A+RC-B, also UC-02)
      UC-03 → C-4 (individual, RC-A)
    Tool level (AIツール, developer), by use case: UC-01 → C-7 (RC-A); UC-02 → C-3 (RC-B)
    Step level (現場の手順): ST-1 → C-5 (看護師, RC-A), C-6 (医師, RC-A+RC-B, also ST-2)
    Scenes: ST-1 → UC-01, ST-2 → UC-02, ST-3 → UC-03.
    """
    info = GuidelineInfo(
        id="TEST-GL",
        title="テスト用ガイドライン",
        publisher="テスト",
        editions=[Edition(number=1, published=dt.date(2024, 10, 2), label="第1版", provenance=APP)],
        based_on_edition=1,
        data_version="test.1",
        data_date=dt.date(2026, 1, 1),
        statement="テスト用",
        provenance=APP,
    )
    categories = [
        RiskCategory(id="RC-A", name="区分A", description="説明", provenance=APP),
        RiskCategory(id="RC-B", name="区分B", description="説明", provenance=APP),
    ]
    steps = [Step(id=f"ST-{i}", name=f"ステップ{i}", description="説明") for i in (1, 2, 3)]
    flow = Flow(
        id="WF-T",
        name="テストの流れ",
        description="説明",
        settings=["hospital"],
        steps=steps,
        provenance=APP,
    )
    scenes = [
        UseScene(
            id=f"SC-{i}",
            step=f"ST-{i}",
            name="場面",
            description="説明",
            use_cases=[f"UC-0{i}"],
            provenance=APP,
        )
        for i in (1, 2, 3)
    ]
    risks = [
        Risk(
            id="R-1",
            use_case="UC-01",
            category="RC-A",
            title="リスク1",
            description="説明",
            severity="high",
            severity_reason="理由",
            provenance=APP,
        ),
        Risk(
            id="R-2",
            use_case="UC-02",
            category="RC-B",
            title="リスク2",
            description="説明",
            severity="low",
            severity_reason="理由",
            provenance=APP,
        ),
    ]
    countermeasures = [
        _cm("C-1", "user_individual", ["UC-01"], ["RC-A"]),
        _cm("C-2", "user_organization", ["UC-01", "UC-02"], ["RC-A", "RC-B"]),
        _cm("C-3", "developer", ["UC-02"], ["RC-B"], "tool"),
        _cm("C-4", "user_individual", ["UC-03"], ["RC-A"]),
        _cm("C-5", "user_individual", [], ["RC-A"], "step", roles=["看護師"], steps=["ST-1"]),
        # RC-A is what C-6 guards against at ST-1 (UC-01), RC-B at ST-2 (UC-02).
        _cm(
            "C-6",
            "user_individual",
            [],
            ["RC-A", "RC-B"],
            "step",
            roles=["医師"],
            steps=["ST-1", "ST-2"],
        ),
        _cm("C-7", "developer", ["UC-01"], ["RC-A"], "tool"),
    ]
    return Guideline(
        info=info,
        use_cases=[_uc(1), _uc(2), _uc(3)],
        risk_categories=categories,
        risks=risks,
        countermeasures=countermeasures,
        flows=[flow],
        scenes=scenes,
        references=[],
    )


def _make_assessment(**fields) -> Assessment:
    at = dt.datetime(2026, 11, 25, 10, 0, tzinfo=JST)
    values = dict(
        guideline=GuidelineRef(id="TEST-GL", edition=1, data_version="test.1"),
        facility=Facility(name="テスト病院", kind=FacilityKind.HOSPITAL, beds=100),
        assessment_date=at.date(),
        created_at=at,
        updated_at=at,
    )
    values.update(fields)
    return Assessment(**values)


@pytest.fixture
def make_assessment():
    """A factory: make_assessment(answers={...}, tools=[...]) → a valid Assessment."""
    return _make_assessment
