"""A realistic, partly filled assessment for demonstrations, tests and benchmarks.

Everything is invented and deterministic for a given seed and date: a fictitious facility,
assessors, owners, notes and evidence written the way Japanese hospital staff write them,
target dates in the coming fiscal year, and a register of 2–4 generative-AI tools. It never
contains patient data (tests run the privacy scan over it).
"""

from __future__ import annotations

import datetime as dt
import random

from .. import __version__
from ..guideline import Guideline, Perspective, Setting
from .history import TEXT_NOT_RECORDED
from .models import (
    Actor,
    AITool,
    Answer,
    Approval,
    Assessment,
    Deployment,
    Facility,
    FacilityKind,
    GuidelineRef,
    HistoryEntry,
    PatientData,
    Scope,
    Status,
)
from .scope import countermeasures_in_scope

JST = dt.timezone(dt.timedelta(hours=9), "JST")
DEMO_OS_USER = "demo"

FACILITIES: list[tuple[str, FacilityKind, int | None, str]] = [
    ("社会医療法人 青葉会 みなと中央病院", FacilityKind.HOSPITAL, 312, "医療情報部"),
    ("医療法人社団 緑風会 さくら台総合病院", FacilityKind.HOSPITAL, 458, "医療情報管理室"),
    ("市立ひがし野病院", FacilityKind.HOSPITAL, 199, "経営企画課"),
    ("医療法人 つばさ内科クリニック", FacilityKind.CLINIC, None, "事務部"),
    ("かもめ調剤薬局 本町店", FacilityKind.PHARMACY, None, "薬局"),
]

# Who assesses and who owns the follow-up depend on the kind of facility.
ASSESSORS: dict[FacilityKind, list[str]] = {
    FacilityKind.HOSPITAL: [
        "佐藤 健一（医療情報部）",
        "高橋 美紀（看護部）",
        "中村 亮（医療安全管理室）",
        "小林 直子（薬剤部）",
        "山本 誠（総務課）",
    ],
    FacilityKind.CLINIC: ["佐藤 健一（院長）", "高橋 美紀（看護師長）", "山本 誠（事務長）"],
    FacilityKind.PHARMACY: [
        "小林 直子（管理薬剤師）",
        "井上 拓也（薬剤師）",
        "松本 由香（医療事務）",
    ],
}

OWNERS: dict[FacilityKind, list[str]] = {
    FacilityKind.HOSPITAL: [
        "情報システム課 田中",
        "医療安全管理室 中村",
        "薬剤部 小林",
        "総務課 山本",
        "看護部 高橋",
        "医事課 伊藤",
        "地域連携室 渡辺",
        "診療情報管理室 加藤",
    ],
    FacilityKind.CLINIC: ["院長 佐藤", "看護師長 高橋", "事務長 山本", "受付 伊藤"],
    FacilityKind.PHARMACY: [
        "管理薬剤師 小林",
        "薬剤師 井上",
        "医療事務 松本",
        "本部 情報システム課",
    ],
}

SETTING_OF_KIND: dict[FacilityKind, Setting] = {
    FacilityKind.HOSPITAL: Setting.HOSPITAL,
    FacilityKind.CLINIC: Setting.CLINIC,
    FacilityKind.PHARMACY: Setting.PHARMACY,
}

NOTES: dict[Status, list[str]] = {
    Status.DONE: [
        "院内の生成AI利用規程 第4条で入力禁止情報を定めた",
        "全職員向けのeラーニングで年1回の研修を実施している",
        "利用ログを情報システム課が毎月確認し、委員会に報告している",
        "生成AIの出力は必ず担当医が確認してから記録に転記する運用とした",
        "契約書で入力データを学習に使わないことをベンダーと確認した",
        "利用できる端末を電子カルテ系と分け、インターネット系端末に限定した",
        "誤りを見つけたときの報告先を医療安全管理室に一本化した",
        "利用申請と承認の手順を情報セキュリティ委員会で決定した",
    ],
    Status.PARTIAL: [
        "規程は作成済みだが、部署ごとの手順書はまだ一部の部署のみ",
        "研修は医師と看護師に実施済み。事務職員は来年度に実施予定",
        "ログの保存はしているが、定期的な確認の担当者が決まっていない",
        "出力の確認手順はあるが、記録に残す様式が部署ごとに異なる",
        "ベンダーへの確認は口頭のみで、書面での回答をまだ受けていない",
    ],
    Status.NOT_DONE: [
        "来年度の情報セキュリティ委員会で検討する予定",
        "所管部署が決まっていないため、まず担当部署を決める",
        "現状の運用を調べたうえで、対応の要否を判断する",
        "ベンダーの説明会（来年度予定）を待って対応を決める",
    ],
}

NA_REASONS = [
    "当施設では生成AIの開発を行わず、市販の製品を利用するだけのため",
    "患者向けの対話型サービスを導入する予定がないため",
    "音声入力の機能を利用していないため",
    "外部への情報提供に生成AIを使う業務がないため",
]

EVIDENCE = [
    "生成AI利用規程 v1.2（情報システム部 共有フォルダ）",
    "情報セキュリティ委員会 議事録 2025年9月（総務課保管）",
    "eラーニング受講記録（人事課の研修管理システム）",
    "ベンダー契約書 別紙3 データの取扱い（契約管理台帳）",
    "アクセスログ月次点検表（情報システム課）",
    "運用手順書「文書作成支援AIの使い方」第2版（各部署のマニュアル棚）",
    "医療安全管理マニュアル 第7章（医療安全管理室）",
    "個人情報保護規程 第12条（総務課）",
]

# name, vendor, deployment, patient data, approval
TOOLS: list[tuple[str, str, Deployment, PatientData, Approval]] = [
    (
        "文書作成支援AI（院内設置版）",
        "株式会社メディコード",
        Deployment.ON_PREMISES,
        PatientData.YES,
        Approval.APPROVED,
    ),
    (
        "汎用チャットAI（法人契約）",
        "クラウドAIサービス株式会社",
        Deployment.CLOUD,
        PatientData.NO,
        Approval.APPROVED,
    ),
    (
        "音声入力・要約システム",
        "株式会社ボイスメディカ",
        Deployment.CLOUD,
        PatientData.YES,
        Approval.UNDER_REVIEW,
    ),
    (
        "問診票要約AI",
        "ヘルステック・ソリューションズ株式会社",
        Deployment.CLOUD,
        PatientData.UNKNOWN,
        Approval.PLANNED,
    ),
    (
        "無料の生成AIチャット（個人アカウント）",
        "",
        Deployment.CLOUD,
        PatientData.UNKNOWN,
        Approval.PROHIBITED,
    ),
]

TOOL_NOTES = {
    Approval.APPROVED: "情報セキュリティ委員会で承認済み。利用者は申請制",
    Approval.UNDER_REVIEW: "試用中。委員会で審査している",
    Approval.PLANNED: "来年度の導入を検討している",
    Approval.PROHIBITED: "業務での利用を禁止し、全職員に周知した",
}

_STATUS_WEIGHTS = [
    (Status.DONE, 45),
    (Status.PARTIAL, 25),
    (Status.NOT_DONE, 20),
    (Status.NOT_APPLICABLE, 10),
]


def make_demo_assessment(
    guideline: Guideline,
    fill: float = 0.6,
    seed: int = 0,
    facility: str | None = None,
    note_length: int | None = None,
    *,
    scope_all: bool = False,
    as_of: dt.date | None = None,
) -> Assessment:
    """A demo assessment answering about ``fill`` (0..1) of the countermeasures in its scope.

    ``note_length`` gives every answered item a note of exactly that many characters (for
    benchmarks); ``scope_all`` puts the whole guideline in scope; ``as_of`` is the day the
    assessment is made (today by default). Same arguments → same assessment.
    """
    if not 0.0 <= fill <= 1.0:
        raise ValueError("fill must be between 0 and 1")
    rng = random.Random(seed)
    as_of = as_of or dt.date.today()
    created = dt.datetime.combine(as_of - dt.timedelta(days=30), dt.time(9, 0), JST)
    the_facility = _facility(facility, rng)
    people = the_facility.kind if the_facility.kind in ASSESSORS else FacilityKind.HOSPITAL
    assessors = rng.sample(ASSESSORS[people], 2)
    who = assessors[0].split("（")[0]

    setting = SETTING_OF_KIND.get(the_facility.kind)
    tools = _tools(guideline, setting, OWNERS[people], rng)
    scope = Scope(all=True) if scope_all else _scope(guideline, setting, rng)
    assessment = Assessment(
        app_version=__version__,
        guideline=GuidelineRef(
            id=guideline.id, edition=guideline.edition, data_version=guideline.data_version
        ),
        facility=the_facility,
        assessors=assessors,
        assessment_date=as_of,
        scope=scope,
        products=[t.name for t in tools if t.approval is not Approval.PROHIBITED],
        tools=tools,
        created_at=created,
        updated_at=created,
    )
    history = [
        HistoryEntry(
            at=created,
            who=who,
            os_user=DEMO_OS_USER,
            field="created",
            new=assessment.facility.name,
            note="評価を作成",
        )
    ]
    in_scope = countermeasures_in_scope(assessment, guideline)
    chosen = set(rng.sample(range(len(in_scope)), round(fill * len(in_scope))))
    at = created
    answers: dict[str, Answer] = {}
    for index, cm in enumerate(in_scope):
        if index not in chosen:
            continue
        answer = _answer(cm.perspective, OWNERS[people], rng, as_of, note_length)
        answers[cm.id] = answer
        at += dt.timedelta(minutes=rng.randint(1, 40))
        history.append(
            HistoryEntry(
                at=at,
                who=who,
                os_user=DEMO_OS_USER,
                item=cm.id,
                field="status",
                old=Status.UNANSWERED.value,
                new=answer.status.value,
            )
        )
        if answer.note:
            history.append(
                HistoryEntry(
                    at=at,
                    who=who,
                    os_user=DEMO_OS_USER,
                    item=cm.id,
                    field="note",
                    old="0 文字",
                    new=f"{len(answer.note)} 文字",
                    note=TEXT_NOT_RECORDED,
                )
            )
    assessment.answers = answers
    assessment.history = history
    assessment.updated_at = at
    return assessment


def _facility(name: str | None, rng: random.Random) -> Facility:
    if name is None:
        name, kind, beds, department = rng.choice(FACILITIES)
        return Facility(name=name, kind=kind, beds=beds, department=department)
    if "薬局" in name:
        return Facility(name=name, kind=FacilityKind.PHARMACY, department="薬局")
    if any(word in name for word in ("クリニック", "診療所", "医院")):
        return Facility(name=name, kind=FacilityKind.CLINIC, department="事務部")
    return Facility(name=name, kind=FacilityKind.HOSPITAL, beds=rng.choice([120, 199, 312, 458]))


def _steps_with_ai(guideline: Guideline, setting: Setting | None) -> list[str]:
    """Steps of this kind of facility's flows where generative AI is used for its use cases."""

    def fits(settings: list[Setting]) -> bool:
        return setting is None or setting in settings

    steps = []
    for step in guideline.steps:
        use_cases = guideline.use_cases_for_step(step.id)
        if (
            use_cases
            and fits(guideline.flow_of_step(step.id).settings)
            and all(fits(uc.settings) for uc in use_cases)
        ):
            steps.append(step.id)
    return steps or [s.id for s in guideline.steps if guideline.use_cases_for_step(s.id)]


def _tools(
    guideline: Guideline, setting: Setting | None, owners: list[str], rng: random.Random
) -> list[AITool]:
    steps = _steps_with_ai(guideline, setting)
    picked = rng.sample(TOOLS, rng.randint(2, 4))
    tools = []
    for number, (name, vendor, deployment, patient_data, approval) in enumerate(picked, 1):
        tools.append(
            AITool(
                id=f"T-{number}",
                name=name,
                vendor=vendor,
                deployment=deployment,
                steps=sorted(rng.sample(steps, min(len(steps), rng.randint(1, 3)))),
                patient_data=patient_data,
                approval=approval,
                owner=rng.choice(owners),
                note=TOOL_NOTES[approval],
            )
        )
    return tools


def _scope(guideline: Guideline, setting: Setting | None, rng: random.Random) -> Scope:
    """The tools bring their steps; one or two use cases of the facility's kind are chosen
    directly as well."""
    fitting = guideline.use_cases_in_setting(setting) if setting is not None else []
    use_cases = [uc.id for uc in fitting or guideline.use_cases]
    chosen = rng.sample(use_cases, min(len(use_cases), rng.randint(1, 2)))
    return Scope(use_cases=sorted(chosen, key=use_cases.index))


def _answer(
    perspective: Perspective,
    owners: list[str],
    rng: random.Random,
    as_of: dt.date,
    note_length: int | None,
) -> Answer:
    statuses, weights = zip(*_STATUS_WEIGHTS, strict=True)
    status = rng.choices(statuses, weights)[0]
    if status is Status.NOT_APPLICABLE:
        return Answer(
            status=status,
            na_reason=rng.choice(NA_REASONS),
            confirmed_on=as_of - dt.timedelta(days=rng.randint(0, 60)),
            note=_note(NA_REASONS, rng, note_length) if note_length else "",
        )
    answer = Answer(
        status=status,
        actor=Actor.VENDOR
        if perspective is Perspective.DEVELOPER
        else rng.choice([Actor.SELF, Actor.SELF, Actor.SELF, Actor.HEAD_OFFICE]),
        owner=rng.choice(owners),
        note=_note(NOTES[status], rng, note_length),
    )
    if status in (Status.DONE, Status.PARTIAL):
        answer.confirmed_on = as_of - dt.timedelta(days=rng.randint(0, 120))
        answer.evidence = rng.choice(EVIDENCE)
    if status.is_gap:
        answer.target_date = _date_in_next_fiscal_year(as_of, rng)
    return answer


def _note(pool: list[str], rng: random.Random, length: int | None) -> str:
    if length is None:
        return rng.choice(pool)
    text = ""
    while len(text) < length:
        text += rng.choice(pool) + "。"
    return text[:length]


def _date_in_next_fiscal_year(as_of: dt.date, rng: random.Random) -> dt.date:
    """A day between 1 April and 31 March of the fiscal year after the current one."""
    current_fy = as_of.year if as_of.month >= 4 else as_of.year - 1
    start = dt.date(current_fy + 1, 4, 1)
    end = dt.date(current_fy + 2, 3, 31)
    return start + dt.timedelta(days=rng.randint(0, (end - start).days))
