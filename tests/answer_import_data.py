"""A guideline whose one workflow step has 1,000 step-level countermeasures, and an assessment
of it: a department questionnaire of 1,000 rows (issue 13's size; benchmarks/answer_import.py
measures the same)."""

from __future__ import annotations

import datetime as dt

from haip_desktop.assessment.editing import new_assessment
from haip_desktop.assessment.models import Assessment, Facility, FacilityKind, Scope
from haip_desktop.guideline import Guideline
from haip_desktop.guideline.models import (
    Countermeasure,
    Edition,
    Flow,
    GuidelineInfo,
    Provenance,
    RiskCategory,
    Step,
    UseCase,
    UseScene,
)

APP = Provenance(kind="app")


def thousand_items(count: int = 1000) -> tuple[Guideline, Assessment]:
    info = GuidelineInfo(
        id="BIG-GL",
        title="大きなテスト用ガイドライン",
        publisher="テスト",
        editions=[Edition(number=1, published=dt.date(2024, 10, 2), label="第1版", provenance=APP)],
        based_on_edition=1,
        data_version="big.1",
        data_date=dt.date(2026, 1, 1),
        statement="テスト用",
        provenance=APP,
    )
    use_case = UseCase(
        id="UC-01",
        number=1,
        name="文書作成",
        summary="概要",
        settings=["hospital"],
        actors=["医師"],
        benefits=["効率化"],
        provenance=APP,
    )
    step = Step(id="ST-1", name="看護記録", description="説明", roles=["看護師"])
    countermeasures = [
        Countermeasure(
            id=f"C-{n:04d}",
            title=f"対策 {n} の名前（病棟で行うこと）",
            text="生成AIの下書きは必ず原本と照合し、照合できない記載は削除する。" * 2,
            level="step",
            perspective="user_individual",
            phase="operation",
            risk_categories=["RC-A"],
            roles=["看護師"],
            steps=["ST-1"],
            evidence="手順書",
            provenance=APP,
        )
        for n in range(count)
    ]
    guideline = Guideline(
        info=info,
        use_cases=[use_case],
        risk_categories=[RiskCategory(id="RC-A", name="区分A", description="説明", provenance=APP)],
        risks=[],
        countermeasures=countermeasures,
        flows=[
            Flow(
                id="WF-1",
                name="入院",
                description="説明",
                settings=["hospital"],
                steps=[step],
                provenance=APP,
            )
        ],
        scenes=[
            UseScene(
                id="SC-1",
                step="ST-1",
                name="場面",
                description="説明",
                use_cases=["UC-01"],
                provenance=APP,
            )
        ],
        references=[],
    )
    assessment = new_assessment(
        guideline,
        Facility(name="大きな病院", kind=FacilityKind.HOSPITAL),
        who="評価者",
        scope=Scope(steps=["ST-1"]),
    )
    return guideline, assessment
