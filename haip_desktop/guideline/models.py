"""The guideline as typed data.

Every entity has a stable, prefixed id (the contract assessments rely on) and a provenance
saying where its content comes from and whether it was checked against the guideline text.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

NonEmpty = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


class Strict(BaseModel):
    # Unknown keys are typos in hand-edited YAML: refuse them rather than silently ignore.
    model_config = ConfigDict(extra="forbid", frozen=True)


class Setting(StrEnum):
    """The kind of facility where a use case or flow occurs."""

    HOSPITAL = "hospital"
    CLINIC = "clinic"
    PHARMACY = "pharmacy"

    @property
    def label(self) -> str:
        return SETTING_LABELS[self]


SETTING_LABELS: dict[Setting, str] = {
    Setting.HOSPITAL: "病院",
    Setting.CLINIC: "診療所",
    Setting.PHARMACY: "薬局",
}


class Perspective(StrEnum):
    """Who carries out a countermeasure."""

    USER_INDIVIDUAL = "user_individual"
    USER_ORGANIZATION = "user_organization"
    DEVELOPER = "developer"

    @property
    def label(self) -> str:
        return PERSPECTIVE_LABELS[self]

    @property
    def is_user(self) -> bool:
        return self is not Perspective.DEVELOPER


PERSPECTIVE_LABELS: dict[Perspective, str] = {
    Perspective.USER_INDIVIDUAL: "利用者・個人",
    Perspective.USER_ORGANIZATION: "利用者・組織",
    Perspective.DEVELOPER: "開発者",
}


class Phase(StrEnum):
    """When in the life of a generative-AI system a countermeasure applies."""

    DEVELOPMENT = "development"
    INTRODUCTION = "introduction"
    OPERATION = "operation"

    @property
    def label(self) -> str:
        return PHASE_LABELS[self]


PHASE_LABELS: dict[Phase, str] = {
    Phase.DEVELOPMENT: "開発",
    Phase.INTRODUCTION: "導入",
    Phase.OPERATION: "利用・運用",
}


class Severity(StrEnum):
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"

    @property
    def label(self) -> str:
        return SEVERITY_LABELS[self]

    @property
    def rank(self) -> int:
        return {"high": 0, "medium": 1, "low": 2}[self.value]


SEVERITY_LABELS: dict[Severity, str] = {
    Severity.HIGH: "高",
    Severity.MEDIUM: "中",
    Severity.LOW: "低",
}


class Level(StrEnum):
    """Where a countermeasure is acted on, and so who answers it in an assessment."""

    FACILITY = "facility"  # the committee, once for the facility
    TOOL = "tool"  # per generative-AI tool in the register (vendor or 情報システム)
    STEP = "step"  # staff in a role, at a workflow step

    @property
    def label(self) -> str:
        return LEVEL_LABELS[self]

    @property
    def part_label(self) -> str:
        """The name of the assessment part that answers items of this level."""
        return LEVEL_PART_LABELS[self]


LEVEL_LABELS: dict[Level, str] = {
    Level.FACILITY: "施設全体",
    Level.TOOL: "AIツール",
    Level.STEP: "業務ステップ",
}

LEVEL_PART_LABELS: dict[Level, str] = {
    Level.FACILITY: "施設の体制",
    Level.TOOL: "AIツール",
    Level.STEP: "現場の手順",
}


class Role(StrEnum):
    """The fixed vocabulary of roles that act at a workflow step (values as staff say them)."""

    PHYSICIAN = "医師"
    SUPERVISING_PHYSICIAN = "指導医"
    NURSE = "看護師"
    NURSE_MANAGER = "看護管理者"
    NURSING_ASSISTANT = "看護補助者"
    PHARMACIST = "薬剤師"
    CHIEF_PHARMACIST = "管理薬剤師"
    DI_PHARMACIST = "DI担当薬剤師"
    MEDICAL_CLERK = "医師事務作業補助者"
    MEDICAL_OFFICE = "医療事務"
    PHARMACY_OFFICE = "薬局事務"
    HEALTH_INFORMATION_MANAGER = "診療情報管理士"
    SOCIAL_WORKER = "医療ソーシャルワーカー"
    REGIONAL_LIAISON = "地域連携室"
    MEDICAL_INTERPRETER = "医療通訳"
    IT_STAFF = "情報システム"
    SAFETY_MANAGER = "医療安全管理者"
    MEETING_SECRETARIAT = "会議事務局"
    RESPONSIBLE_DEPARTMENT = "所管部署"
    EDUCATION_STAFF = "教育担当"
    PUBLIC_RELATIONS = "広報担当"
    COMMITTEE = "委員会"
    MANAGER = "管理者"

    @property
    def label(self) -> str:
        return self.value


class SourceKind(StrEnum):
    GUIDELINE = "guideline"  # the HAIP guideline itself
    PUBLIC = "public"  # another named public source (law, ministry notice, news report)
    APP = "app"  # this application's own elaboration

    @property
    def label(self) -> str:
        return SOURCE_KIND_LABELS[self]


SOURCE_KIND_LABELS: dict[SourceKind, str] = {
    SourceKind.GUIDELINE: "ガイドライン",
    SourceKind.PUBLIC: "公開資料",
    SourceKind.APP: "本アプリ独自の整理",
}


class Provenance(Strict):
    """Where an item comes from and whether it was checked against the guideline text."""

    kind: SourceKind
    edition: int | None = None
    section: str | None = None
    source: str | None = None
    url: str | None = None
    verified: bool = False
    note: str | None = None

    @property
    def is_own_elaboration(self) -> bool:
        return self.kind is SourceKind.APP

    def describe(self, with_verification: bool = True) -> str:
        """One line for people: '第2版 4章' / '公開資料: 医師法' / '本アプリ独自の整理'.

        Unless `with_verification` is False (a view that marks unchecked text itself), text not
        yet checked against the original ends in '（原文未照合）'.
        """
        if self.kind is SourceKind.GUIDELINE:
            parts = ["ガイドライン"]
            if self.edition:
                parts.append(f"第{self.edition}版")
            if self.section:
                parts.append(self.section)
            text = " ".join(parts)
        elif self.kind is SourceKind.PUBLIC:
            text = f"公開資料: {self.source}" if self.source else "公開資料"
        else:
            text = "本アプリ独自の整理"
        if with_verification and not self.verified:
            text += "（原文未照合）"
        return text


class Edition(Strict):
    number: int = Field(ge=1)
    published: dt.date
    label: NonEmpty
    changes: list[NonEmpty] = []
    provenance: Provenance


class GuidelineInfo(Strict):
    """The bundle's header: what guideline this is and what the bundle contains."""

    id: NonEmpty
    title: NonEmpty
    publisher: NonEmpty
    publisher_en: str | None = None
    editions: list[Edition]
    based_on_edition: int
    data_version: NonEmpty
    data_date: dt.date
    statement: NonEmpty
    provenance: Provenance


class RiskCategory(Strict):
    id: NonEmpty
    name: NonEmpty
    description: NonEmpty
    provenance: Provenance


class UseCase(Strict):
    id: NonEmpty
    number: int = Field(ge=1)
    name: NonEmpty
    summary: NonEmpty
    settings: list[Setting] = Field(min_length=1)
    actors: list[NonEmpty] = Field(min_length=1)
    benefits: list[NonEmpty] = Field(min_length=1)
    provenance: Provenance


class Risk(Strict):
    """What can go wrong in one use case, in one risk category."""

    id: NonEmpty
    use_case: NonEmpty
    category: NonEmpty
    title: NonEmpty
    description: NonEmpty
    severity: Severity
    severity_reason: NonEmpty
    provenance: Provenance


class Countermeasure(Strict):
    """One thing to have in place, at the level where it is acted on.

    Facility- and tool-level items name their use cases. A step-level item names its roles and
    steps explicitly; its use cases are those of the scenes at its steps, filled in by the
    loader (``use_cases`` is left out in the data), so the risk matrix and the use-case view
    still find it.
    """

    id: NonEmpty
    title: NonEmpty
    text: NonEmpty
    level: Level
    perspective: Perspective
    phase: Phase
    # The risks it addresses are those of these categories in these use cases.
    risk_categories: list[NonEmpty] = Field(min_length=1)
    use_cases: list[NonEmpty] = []
    roles: list[Role] = []  # step level: who acts
    steps: list[NonEmpty] = []  # step level: where (ST-… ids)
    implements: list[
        NonEmpty
    ] = []  # the guideline countermeasures this step action puts into practice
    evidence: NonEmpty
    provenance: Provenance


class Step(Strict):
    id: NonEmpty
    name: NonEmpty
    description: NonEmpty
    # Who works at this step: a shared step action is shown only under these roles here.
    roles: list[Role] = []
    # Said explicitly when generative AI has no typical use at this step.
    no_ai_use: str | None = None


class Flow(Strict):
    id: NonEmpty
    name: NonEmpty
    description: NonEmpty
    settings: list[Setting] = Field(min_length=1)
    steps: list[Step] = Field(min_length=1)
    provenance: Provenance


class UseScene(Strict):
    """Where generative AI is used at a workflow step."""

    id: NonEmpty
    step: NonEmpty
    name: NonEmpty
    description: NonEmpty
    use_cases: list[NonEmpty] = Field(min_length=1)
    provenance: Provenance


ReferenceKind = Literal["law", "notice", "guideline", "checklist", "other"]

REFERENCE_KIND_LABELS: dict[str, str] = {
    "law": "法令",
    "notice": "通知",
    "guideline": "ガイドライン",
    "checklist": "チェックリスト",
    "other": "その他",
}


class Reference(Strict):
    """A law or guideline that a facility cross-checks."""

    id: NonEmpty
    title: NonEmpty
    kind: ReferenceKind
    issuer: NonEmpty
    date: str | None = None
    summary: NonEmpty
    url: str | None = None
    risk_categories: list[NonEmpty] = Field(min_length=1)
    provenance: Provenance
