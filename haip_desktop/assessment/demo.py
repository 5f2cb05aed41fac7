"""A realistic, partly filled assessment for demonstrations, tests and benchmarks.

Everything is invented and deterministic for a given seed and date: a fictitious facility,
assessors, owners, notes and evidence written the way Japanese hospital staff write them,
target dates in the coming fiscal year, and a register of 2–4 generative-AI tools. It never
contains patient data (tests run the privacy scan over it).

It follows the assessment's three parts: 施設の体制 answered by the committee's departments,
each tool's items answered by its vendor or 情報システム (実施主体 ベンダー), 現場の手順 by the
department of the role that acts at the step. The work is the facility's kind of work (a
pharmacy assesses pharmacy steps), and a tool is used at steps whose scenes fit what the
tool does (no 問診票要約AI at 広報).
"""

from __future__ import annotations

import datetime as dt
import functools
import random
from dataclasses import dataclass

from .. import __version__
from ..guideline import Guideline, Role
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
from .parts import AssessmentItem, Part
from .scope import SETTING_OF_KIND, items_in_scope, steps_for_setting

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

# Who answers for the tools: 情報システム, or the vendor itself.
IT_OWNERS: dict[FacilityKind, str] = {
    FacilityKind.HOSPITAL: "情報システム課 田中",
    FacilityKind.CLINIC: "事務長 山本",
    FacilityKind.PHARMACY: "本部 情報システム課",
}

# The department that answers a step action, by the role that acts at the step; a role not
# listed falls back to the facility's owners.
ROLE_OWNERS: dict[FacilityKind, dict[Role, str]] = {
    FacilityKind.HOSPITAL: {
        Role.PHYSICIAN: "医局 木村",
        Role.SUPERVISING_PHYSICIAN: "医局 木村",
        Role.NURSE: "看護部 高橋",
        Role.NURSE_MANAGER: "看護部 高橋",
        Role.NURSING_ASSISTANT: "看護部 高橋",
        Role.PHARMACIST: "薬剤部 小林",
        Role.CHIEF_PHARMACIST: "薬剤部 小林",
        Role.DI_PHARMACIST: "薬剤部 小林",
        Role.MEDICAL_CLERK: "医師事務作業補助室 森",
        Role.MEDICAL_OFFICE: "医事課 伊藤",
        Role.HEALTH_INFORMATION_MANAGER: "診療情報管理室 加藤",
        Role.SOCIAL_WORKER: "地域連携室 渡辺",
        Role.REGIONAL_LIAISON: "地域連携室 渡辺",
        Role.MEDICAL_INTERPRETER: "医事課 伊藤",
        Role.IT_STAFF: "情報システム課 田中",
        Role.SAFETY_MANAGER: "医療安全管理室 中村",
        Role.MEETING_SECRETARIAT: "総務課 山本",
        Role.RESPONSIBLE_DEPARTMENT: "総務課 山本",
        Role.EDUCATION_STAFF: "看護部 教育担当 斎藤",
        Role.PUBLIC_RELATIONS: "総務課 広報担当 清水",
    },
    FacilityKind.CLINIC: {
        Role.PHYSICIAN: "院長 佐藤",
        Role.SUPERVISING_PHYSICIAN: "院長 佐藤",
        Role.NURSE: "看護師長 高橋",
        Role.NURSE_MANAGER: "看護師長 高橋",
        Role.MEDICAL_CLERK: "受付 伊藤",
        Role.MEDICAL_OFFICE: "受付 伊藤",
    },
    FacilityKind.PHARMACY: {
        Role.PHARMACIST: "薬剤師 井上",
        Role.CHIEF_PHARMACIST: "管理薬剤師 小林",
        Role.DI_PHARMACIST: "薬剤師 井上",
        Role.PHARMACY_OFFICE: "医療事務 松本",
        Role.MEDICAL_OFFICE: "医療事務 松本",
        Role.IT_STAFF: "本部 情報システム課",
    },
}


@dataclass(frozen=True)
class Voice:
    """How one part's answers are written: notes by status, 該当なし reasons, evidence."""

    notes: dict[Status, list[str]]
    na_reasons: list[str]
    evidence: list[str]


FACILITY_VOICE = Voice(
    notes={
        Status.DONE: [
            "院内の生成AI利用規程 第4条で入力禁止情報を定めた",
            "全職員向けのeラーニングで年1回の研修を実施している",
            "利用ログを情報システム課が毎月確認し、委員会に報告している",
            "利用できる端末を電子カルテ系と分け、インターネット系端末に限定した",
            "誤りを見つけたときの報告先を医療安全管理室に一本化した",
            "利用申請と承認の手順を情報セキュリティ委員会で決定した",
        ],
        Status.PARTIAL: [
            "規程は作成済みだが、部署ごとの手順書はまだ一部の部署のみ",
            "研修は医師と看護師に実施済み。事務職員は来年度に実施予定",
            "ログの保存はしているが、定期的な確認の担当者が決まっていない",
            "承認済みツールの一覧はあるが、職員への周知がまだ十分でない",
        ],
        Status.NOT_DONE: [
            "来年度の情報セキュリティ委員会で検討する予定",
            "所管部署が決まっていないため、まず担当部署を決める",
            "現状の運用を調べたうえで、対応の要否を判断する",
        ],
    },
    na_reasons=[
        "患者向けの対話型サービスを導入する予定がないため",
        "外部への情報提供に生成AIを使う業務がないため",
    ],
    evidence=[
        "生成AI利用規程 v1.2（情報システム部 共有フォルダ）",
        "情報セキュリティ委員会 議事録 2025年9月（総務課保管）",
        "eラーニング受講記録（人事課の研修管理システム）",
        "医療安全管理マニュアル 第7章（医療安全管理室）",
        "個人情報保護規程 第12条（総務課）",
    ],
)

TOOL_VOICE = Voice(
    notes={
        Status.DONE: [
            "契約書で入力データを学習に使わないことをベンダーと確認した",
            "ベンダーの回答書（事業者確認用チェックリスト）で確認した",
            "データの保存場所が国内であることを契約の別紙で確認した",
            "モデルの更新は事前に通知される契約とした",
        ],
        Status.PARTIAL: [
            "ベンダーへの確認は口頭のみで、書面での回答をまだ受けていない",
            "ログの保存期間は確認したが、出力の記録方法は回答待ち",
            "脆弱性対応の窓口は決まっているが、連絡の手順は未整備",
        ],
        Status.NOT_DONE: [
            "ベンダーの説明会（来年度予定）を待って対応を決める",
            "次回の契約更新時に条項を追加するよう依頼する",
            "ベンダーに質問票を送付し、回答を待っている",
        ],
    },
    na_reasons=[
        "このツールは院内設置で、入力が外部に送られないため",
        "このツールは利用者が学習させる機能を持たないため",
    ],
    evidence=[
        "ベンダー契約書 別紙3 データの取扱い（契約管理台帳）",
        "事業者確認用チェックリストへのベンダー回答（2026年5月）",
        "ベンダーの製品説明資料 第3版（情報システム課保管）",
        "アクセスログ月次点検表（情報システム課）",
    ],
)

STEP_VOICE = Voice(
    notes={
        Status.DONE: [
            "下書きは必ず原本と照合してから確定する手順を部署の手順書に入れた",
            "生成AIで作った部分が分かるように記載する運用を始めた",
            "確認した者の名前を記録に残す様式にした",
            "部署の朝礼で手順を説明し、全員が確認した",
        ],
        Status.PARTIAL: [
            "手順は決めたが、夜勤帯への周知がまだ",
            "一部の職員だけが手順どおりに確認している",
            "確認の記録を残す様式を試行している",
        ],
        Status.NOT_DONE: [
            "部署の手順書に入れる準備をしている",
            "ツールの導入時期に合わせて手順を決める",
            "部署の会議で担当者を決める予定",
        ],
    },
    na_reasons=[
        "この業務では生成AIの出力を患者に渡さないため",
        "この部署ではこの業務に生成AIを使っていないため",
    ],
    evidence=[
        "部署の手順書「生成AIで作った下書きの確認」第1版",
        "看護記録の監査記録（看護部）",
        "部署会議の議事録（部署の共有フォルダ）",
        "運用手順書「文書作成支援AIの使い方」第2版（各部署のマニュアル棚）",
    ],
)

VOICES: dict[Part, Voice] = {
    Part.FACILITY: FACILITY_VOICE,
    Part.TOOL: TOOL_VOICE,
    Part.STEP: STEP_VOICE,
}


@dataclass(frozen=True)
class DemoTool:
    name: str
    vendor: str
    deployment: Deployment
    patient_data: PatientData
    approval: Approval
    use_cases: frozenset[str]  # what the tool does: it is used at steps with these use cases


TOOLS: list[DemoTool] = [
    DemoTool(
        "文書作成支援AI（院内設置版）",
        "株式会社メディコード",
        Deployment.ON_PREMISES,
        PatientData.YES,
        Approval.APPROVED,
        frozenset({"UC-01", "UC-04"}),
    ),
    DemoTool(
        "汎用チャットAI（法人契約）",
        "クラウドAIサービス株式会社",
        Deployment.CLOUD,
        PatientData.NO,
        Approval.APPROVED,
        frozenset({"UC-06", "UC-08"}),
    ),
    DemoTool(
        "音声入力・要約システム",
        "株式会社ボイスメディカ",
        Deployment.CLOUD,
        PatientData.YES,
        Approval.UNDER_REVIEW,
        frozenset({"UC-02", "UC-03", "UC-07"}),
    ),
    DemoTool(
        "問診票要約AI",
        "ヘルステック・ソリューションズ株式会社",
        Deployment.CLOUD,
        PatientData.UNKNOWN,
        Approval.PLANNED,
        frozenset({"UC-05"}),
    ),
    DemoTool(
        "無料の生成AIチャット（個人アカウント）",
        "",
        Deployment.CLOUD,
        PatientData.UNKNOWN,
        Approval.PROHIBITED,
        frozenset({"UC-06", "UC-08"}),
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


# 総評・所見 as a committee writes it (no patient data, no real names).
COMMITTEE_COMMENTS = [
    "利用規程の策定と職員への周知は進んでいる。一方で、AIツールごとの契約内容（入力データの"
    "学習への利用、保存場所と期間）の確認が遅れており、ベンダーへの照会を急ぐ必要がある。"
    "次回の委員会で情報システム部門から進捗を報告すること。",
    "現場の手順は看護部を中心に定着しつつあるが、出力の確認を記録に残す運用が部署によって"
    "異なる。重大度の高い未実施項目を優先し、目標日を過ぎた項目は担当者と期限を見直すこと。",
    "入力禁止情報の一覧と相談窓口は整ったが、研修の受講状況の把握が不十分である。"
    "半年後に再評価を行い、未回答の項目をなくすこと。",
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
    """A demo assessment answering about ``fill`` (0..1) of the items in its scope.

    ``note_length`` gives every answered item a note of exactly that many characters (for
    benchmarks); ``scope_all`` puts the whole guideline in scope; ``as_of`` is the day the
    assessment is made (today by default). It is made against ``guideline`` (its data
    version). Same arguments → same assessment.
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

    steps = _steps_of_kind(guideline, people)
    tools = _tools(guideline, steps, IT_OWNERS[people], rng)
    scope = Scope(all=True) if scope_all else _scope(steps, rng)
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
    items = items_in_scope(assessment, guideline)
    chosen = set(rng.sample(range(len(items)), round(fill * len(items))))
    at = created
    for index, item in enumerate(items):
        if index not in chosen:
            continue
        answer = _answer(item, people, rng, as_of, note_length)
        if item.tool is None:
            assessment.answers[item.countermeasure_id] = answer
        else:
            assessment.tool_answers.setdefault(item.tool.id, {})[item.countermeasure_id] = answer
        at += dt.timedelta(minutes=rng.randint(1, 40))
        entry = functools.partial(
            HistoryEntry,
            at=at,
            who=who,
            os_user=DEMO_OS_USER,
            item=item.countermeasure_id,
            tool=item.tool_id or "",
        )
        history.append(entry(field="status", old=Status.UNANSWERED.value, new=answer.status.value))
        if answer.note:
            history.append(
                entry(
                    field="note",
                    old="0 文字",
                    new=f"{len(answer.note)} 文字",
                    note=TEXT_NOT_RECORDED,
                )
            )
    if chosen:  # after the answers, so that they do not depend on it
        assessment.committee_comment = rng.choice(COMMITTEE_COMMENTS)
        history.append(
            HistoryEntry(
                at=at,
                who=who,
                os_user=DEMO_OS_USER,
                field="committee_comment",
                old="0 文字",
                new=f"{len(assessment.committee_comment)} 文字",
                note=TEXT_NOT_RECORDED,
            )
        )
    assessment.history = history
    assessment.updated_at = at
    # validate_assignment does not look inside the answer dicts: validate the whole once.
    return Assessment.model_validate(assessment.model_dump())


def _facility(name: str | None, rng: random.Random) -> Facility:
    if name is None:
        name, kind, beds, department = rng.choice(FACILITIES)
        return Facility(name=name, kind=kind, beds=beds, department=department)
    if "薬局" in name:
        return Facility(name=name, kind=FacilityKind.PHARMACY, department="薬局")
    if any(word in name for word in ("クリニック", "診療所", "医院")):
        return Facility(name=name, kind=FacilityKind.CLINIC, department="事務部")
    return Facility(name=name, kind=FacilityKind.HOSPITAL, beds=rng.choice([120, 199, 312, 458]))


def _steps_of_kind(guideline: Guideline, kind: FacilityKind) -> list[str]:
    """The steps with generative-AI use where this kind of facility works."""
    steps = steps_for_setting(guideline, SETTING_OF_KIND[kind])
    return steps or [s.id for s in guideline.steps if guideline.use_cases_for_step(s.id)]


def _tools(guideline: Guideline, steps: list[str], owner: str, rng: random.Random) -> list[AITool]:
    """2–4 tools of the register, each at 1–3 of the facility's steps that fit what it does,
    managed by 情報システム (``owner``)."""
    fitting = []
    for tool in TOOLS:
        where = [
            s for s in steps if tool.use_cases & {uc.id for uc in guideline.use_cases_for_step(s)}
        ]
        if where:
            fitting.append((tool, where))
    picked = rng.sample(fitting, min(len(fitting), rng.randint(2, 4)))
    result = []
    for number, (tool, where) in enumerate(picked, 1):
        chosen = rng.sample(where, min(len(where), rng.randint(1, 3)))
        result.append(
            AITool(
                id=f"T-{number}",
                name=tool.name,
                vendor=tool.vendor,
                deployment=tool.deployment,
                steps=[s for s in steps if s in chosen],
                patient_data=tool.patient_data,
                approval=tool.approval,
                owner=owner,
                note=TOOL_NOTES[tool.approval],
            )
        )
    return result


def _scope(steps: list[str], rng: random.Random) -> Scope:
    """The tools bring their steps; one to three more steps of the facility's work are
    chosen directly."""
    chosen = rng.sample(steps, min(len(steps), rng.randint(1, 3)))
    return Scope(steps=[s for s in steps if s in chosen])


def _answer(
    item: AssessmentItem,
    kind: FacilityKind,
    rng: random.Random,
    as_of: dt.date,
    note_length: int | None,
) -> Answer:
    voice = VOICES[item.part]
    statuses, weights = zip(*_STATUS_WEIGHTS, strict=True)
    status = rng.choices(statuses, weights)[0]
    if status is Status.NOT_APPLICABLE:
        return Answer(
            status=status,
            na_reason=rng.choice(voice.na_reasons),
            confirmed_on=as_of - dt.timedelta(days=rng.randint(0, 60)),
            note=_note(voice.na_reasons, rng, note_length) if note_length else "",
        )
    actor, owner = _who_acts(item, kind, rng)
    answer = Answer(
        status=status,
        actor=actor,
        owner=owner,
        note=_note(voice.notes[status], rng, note_length),
    )
    if status in (Status.DONE, Status.PARTIAL):
        answer.confirmed_on = as_of - dt.timedelta(days=rng.randint(0, 120))
        answer.evidence = rng.choice(voice.evidence)
    if status.is_gap:
        answer.target_date = _date_in_next_fiscal_year(as_of, rng)
    return answer


def _who_acts(item: AssessmentItem, kind: FacilityKind, rng: random.Random) -> tuple[Actor, str]:
    """実施主体 and 担当者: the vendor or 情報システム for a tool, the department of an acting
    role at a step, the committee's departments for the facility."""
    if item.tool is not None:
        vendor = f"{item.tool.vendor} 担当者" if item.tool.vendor else IT_OWNERS[kind]
        return Actor.VENDOR, rng.choice([vendor, IT_OWNERS[kind]])
    if item.part is Part.STEP:
        by_role = ROLE_OWNERS[kind]
        owners = [by_role[r] for r in item.countermeasure.roles if r in by_role]
        return Actor.SELF, rng.choice(owners or OWNERS[kind])
    actor = Actor.HEAD_OFFICE if rng.random() < 0.2 else Actor.SELF
    return actor, rng.choice(OWNERS[kind])


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
