"""Report tests build their own guideline and assessments, so they do not depend on the
bundled data being complete: a small but realistic guideline (8 use cases, 6 risk
categories, 3 perspectives, 2 flows, the three levels) and assessments filled to a chosen
degree."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from haip_desktop.assessment.models import (
    Actor,
    AITool,
    Answer,
    Approval,
    Assessment,
    Deployment,
    Facility,
    FacilityKind,
    GuidelineRef,
    PatientData,
    Scope,
    Status,
)
from haip_desktop.guideline import (
    Countermeasure,
    Flow,
    Guideline,
    Level,
    Perspective,
    Phase,
    Provenance,
    Risk,
    RiskCategory,
    Severity,
    Step,
    UseCase,
    UseScene,
)
from haip_desktop.guideline.models import Edition, GuidelineInfo

APP = Provenance(kind="app", verified=False)
GL2 = Provenance(kind="guideline", edition=2, section="第4章", verified=True)

USE_CASE_NAMES = [
    "医療文書の作成支援（退院サマリ・紹介状など）",
    "診察内容からの診療録作成支援（会話→SOAP）",
    "患者向け説明文書の作成支援",
    "問診・受付の対話支援",
    "看護記録・申し送りの要約",
    "薬剤情報の照会と服薬指導の準備",
    "院内規程・マニュアルの検索と要約",
    "医事・事務文書の作成支援",
]
CATEGORIES = [
    ("RC-LEAK", "情報漏えい・プライバシー"),
    ("RC-ACC", "不正確な情報（ハルシネーション）"),
    ("RC-BIAS", "バイアス・差別的表現"),
    ("RC-IP", "著作権"),
    ("RC-LAW-MD", "医師法（診断・治療の判断）"),
    ("RC-SEC", "セキュリティ"),
]
TITLES = [
    "未承認ツールに患者情報を入れない",
    "出力を原記録と突き合わせて確認する",
    "利用規程を定めて職員に周知する",
    "利用ログを定期的に点検する",
    "学習データの権利処理を確認する",
    "最終判断は医師が行うことを明記する",
    "入力は必要最小限にする",
    "委託先のデータ保存場所を契約で定める",
]
STEP_ACTIONS = [
    ("下書きを原本と照合して確定する", "生成した部分を記録に示す"),
    ("回答の要約を患者の原文と見比べる", "判断に迷う回答は医師に回す"),
    ("用量と相互作用を確かめてから渡す", "説明文を患者の理解に合わせて直す"),
]
STEP_ROLES = [["看護師"], ["医師"], ["薬剤師"], ["医師", "医師事務作業補助者"]]
FLOWS = [
    ("WF-OUT", "外来診療", ["受付", "問診", "診察", "検査", "会計"]),
    ("WF-IN", "入院診療", ["入院受付", "病棟での看護", "回診", "退院調整", "退院サマリ作成"]),
]


def _info() -> GuidelineInfo:
    pub = Provenance(kind="public", source="HAIP お知らせ", verified=True)
    return GuidelineInfo(
        id="HAIP-GENAI-GL",
        title="医療・ヘルスケア分野における生成AI利用ガイドライン",
        publisher="医療AIプラットフォーム技術研究組合（HAIP）",
        editions=[
            Edition(number=1, published=dt.date(2024, 10, 2), label="第1版", provenance=pub),
            Edition(number=2, published=dt.date(2025, 7, 11), label="第2版", provenance=pub),
        ],
        based_on_edition=2,
        data_version="2025.07-test.1",
        data_date=dt.date(2026, 11, 1),
        statement="HAIP のガイドラインの枠組みに沿って本アプリの開発チームが構造化したデータです。",
        provenance=pub,
    )


def make_guideline(cms_per_category: int = 4) -> Guideline:
    """6 categories × cms_per_category × 3 perspectives countermeasures (4 → 72)."""
    use_cases = [
        UseCase(
            id=f"UC-{n:02d}",
            number=n,
            name=name,
            summary=f"{name}の概要。",
            settings=["hospital"],
            actors=["医師"],
            benefits=["作成時間が短くなる"],
            provenance=APP,
        )
        for n, name in enumerate(USE_CASE_NAMES, start=1)
    ]
    categories = [
        RiskCategory(id=cid, name=name, description=f"{name}のリスク。", provenance=GL2)
        for cid, name in CATEGORIES
    ]
    risks = [
        Risk(
            id=f"R-{uc.number:02d}-{cid[3:]}",
            use_case=uc.id,
            category=cid,
            title=f"{name}のリスク",
            description="説明。",
            severity=Severity.HIGH,
            severity_reason="患者に影響する。",
            provenance=APP,
        )
        for uc in use_cases
        for cid, name in CATEGORIES
    ]
    cms = []
    perspectives = list(Perspective)
    phases = list(Phase)
    for ci, (cid, _name) in enumerate(CATEGORIES):
        for pi, perspective in enumerate(perspectives):
            for k in range(cms_per_category):
                n = len(cms)
                # Some countermeasures serve every use case, others one or two.
                ucs = (
                    [u.id for u in use_cases]
                    if k == 0
                    else [use_cases[(n + j) % 8].id for j in range(1 + k % 2)]
                )
                cms.append(
                    Countermeasure(
                        id=f"C-{cid[3:]}-{pi * 20 + k + 1:02d}",
                        title=TITLES[(ci + pi + k) % len(TITLES)],
                        text="対策の本文。" * 4,
                        level="tool" if perspective is Perspective.DEVELOPER else "facility",
                        perspective=perspective,
                        phase=phases[(k + pi) % 3],
                        risk_categories=[cid],
                        use_cases=sorted(set(ucs)),
                        evidence="利用規程、研修記録",
                        provenance=GL2 if (n % 3 == 0) else APP,
                    )
                )
    flows = [
        Flow(
            id=fid,
            name=name,
            description=f"{name}の流れ。",
            settings=["hospital"],
            steps=[
                Step(id=f"ST-{fid[3:]}-{i + 1:02d}", name=s, description=f"{s}。")
                for i, s in enumerate(steps)
            ],
            provenance=APP,
        )
        for fid, name, steps in FLOWS
    ]
    scenes = []
    all_steps = [s for f in flows for s in f.steps]
    for i, step in enumerate(all_steps):
        if i == 4:  # 会計: no generative-AI use here
            continue
        # What staff do at the step: two actions, the second shared with the next step.
        for j, title in enumerate(STEP_ACTIONS[i % len(STEP_ACTIONS)]):
            steps = (
                [step.id]
                if j == 0 or i + 1 in (4, len(all_steps))
                else [
                    step.id,
                    all_steps[i + 1].id,
                ]
            )
            cms.append(
                Countermeasure(
                    id=f"C-STEP-{i + 1:02d}{j + 1}",
                    title=title,
                    text=f"{title}。確認した者が記録に残す。",
                    level="step",
                    perspective=Perspective.USER_INDIVIDUAL,
                    phase=Phase.OPERATION,
                    risk_categories=[CATEGORIES[(i + j) % 2][0]],
                    roles=STEP_ROLES[(i + j) % len(STEP_ROLES)],
                    steps=steps,
                    implements=[cms[j].id],
                    evidence="部署の手順書",
                    provenance=APP,
                )
            )
        scenes.append(
            UseScene(
                id=f"SC-{i + 1:02d}",
                step=step.id,
                name=f"{step.name}での利用",
                description="説明。",
                use_cases=[use_cases[i % 8].id, use_cases[(i + 3) % 8].id],
                provenance=APP,
            )
        )
    return Guideline(_info(), use_cases, categories, risks, cms, flows, scenes, [])


STATUS_MIX = (
    [Status.DONE] * 5 + [Status.PARTIAL] * 2 + [Status.NOT_DONE] * 2 + [Status.NOT_APPLICABLE]
)


def make_assessment(
    guideline: Guideline,
    fill: float = 1.0,
    seed: int = 1,
    facility: str = "社会医療法人 青葉会 みどり台総合病院",
    scope: Scope | None = None,
) -> Assessment:
    """An assessment of everything (or `scope`), with `fill` of the countermeasures answered."""
    rng = random.Random(seed)
    answers: dict[str, Answer] = {}
    tool_answers: dict[str, dict[str, Answer]] = {"T-1": {}, "T-2": {}}
    owners = ["医療情報部 佐藤", "看護部 鈴木", "薬剤部 髙橋", "事務部 山﨑", ""]
    for i, (cm, tool_id) in enumerate(
        (c, tool_id)
        for c in guideline.countermeasures
        for tool_id in (("T-1", "T-2") if c.level is Level.TOOL else (None,))
    ):
        if rng.random() >= fill:
            continue
        status = rng.choice(STATUS_MIX)
        answer = Answer(
            status=status,
            confirmed_on=dt.date(2026, 10, 1) + dt.timedelta(days=i % 40),
            owner=rng.choice(owners),
            note="院内の生成AI利用規程（2026年4月改定）に基づき運用している。" if i % 3 else "",
            evidence="生成AI利用規程 第5条、研修受講記録（2026年度）" if i % 2 else "",
        )
        if status.is_gap:
            answer.actor = rng.choice(list(Actor))
            answer.target_date = dt.date(2026, 12, 1) + dt.timedelta(days=15 * (i % 12))
        if status is Status.NOT_APPLICABLE:
            answer.na_reason = "当院では開発を行わず、市販製品のみを利用するため。"
        if tool_id is None:
            answers[cm.id] = answer
        else:
            tool_answers[tool_id][cm.id] = answer
    now = dt.datetime(2026, 11, 20, 9, 30)
    return Assessment(
        guideline=GuidelineRef(
            id=guideline.id, edition=guideline.edition, data_version=guideline.data_version
        ),
        facility=Facility(
            name=facility, kind=FacilityKind.HOSPITAL, beds=320, department="医療安全管理室"
        ),
        assessors=["医療情報部 佐藤 花子", "医療安全管理室 田中 一郎"],
        assessment_date=dt.date(2026, 11, 20),
        scope=scope or Scope(all=True),
        products=["院内文書作成AI（閉域版）", "音声入力カルテ支援"],
        tools=[
            AITool(
                id="T-1",
                name="院内文書作成AI（閉域版）",
                vendor="株式会社メディカルテック",
                deployment=Deployment.ON_PREMISES,
                steps=["ST-IN-05"],
                patient_data=PatientData.YES,
                approval=Approval.APPROVED,
                owner="医療情報部 佐藤",
                note="退院サマリの下書きに限定して利用",
            ),
            AITool(
                id="T-2",
                name="音声入力カルテ支援",
                vendor="ボイスケア合同会社",
                deployment=Deployment.CLOUD,
                steps=["ST-OUT-03"],
                patient_data=PatientData.YES,
                approval=Approval.UNDER_REVIEW,
                owner="外来 看護師長",
            ),
        ],
        answers=answers,
        tool_answers=tool_answers,
        created_at=now,
        updated_at=now,
    )


@pytest.fixture(scope="session")
def small_guideline() -> Guideline:
    return make_guideline()


@pytest.fixture
def full_assessment(small_guideline: Guideline) -> Assessment:
    return make_assessment(small_guideline, fill=1.0)


@pytest.fixture
def half_assessment(small_guideline: Guideline) -> Assessment:
    return make_assessment(small_guideline, fill=0.5, seed=2)


def pdf_pages(path) -> list[str]:
    """The text of each page, as pypdf extracts it."""
    from pypdf import PdfReader

    return [page.extract_text() for page in PdfReader(path).pages]


def flat(text: str) -> str:
    """Text without line breaks and spaces: wrapped table cells read as one string."""
    return "".join(text.split())


@pytest.fixture
def render(tmp_path):
    """render(assessment, guideline, **options) -> (ReportResult, path, [page texts])."""
    from haip_desktop.report import ReportOptions, render_pdf

    counter = iter(range(1000))

    def _render(assessment: Assessment, guideline: Guideline, **options):
        options.setdefault("print_date", dt.date(2026, 11, 25))
        path = tmp_path / f"report-{next(counter)}.pdf"
        result = render_pdf(assessment, guideline, path, ReportOptions(**options))
        return result, path, pdf_pages(path)

    return _render


@pytest.fixture
def assessment_factory():
    """make_assessment(guideline, fill=…, seed=…, facility=…, scope=…)."""
    return make_assessment


@pytest.fixture
def read_pdf():
    """read_pdf(path or file) -> [page texts]; with flat() for text without line breaks."""
    return pdf_pages


@pytest.fixture
def flatten():
    return flat


@pytest.fixture(scope="session")
def half_report(tmp_path_factory, small_guideline):
    """The full report (default options) of a half-answered assessment, rendered once for
    tests that only read it: (assessment, ReportResult, [page texts])."""
    from haip_desktop.report import ReportOptions, render_pdf

    assessment = make_assessment(small_guideline, fill=0.5, seed=2)
    path = tmp_path_factory.mktemp("half_report") / "report.pdf"
    options = ReportOptions(print_date=dt.date(2026, 11, 25))
    result = render_pdf(assessment, small_guideline, path, options)
    return assessment, result, pdf_pages(path)
