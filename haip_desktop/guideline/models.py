"""The guideline as typed data.

Every entity has a stable, prefixed id (the contract assessments rely on) and a provenance
saying where its content comes from and whether it was checked against the guideline text.

The items are plain frozen data classes, so that reading the guideline needs neither
pydantic nor the YAML parser: a start-up builds them from the checked snapshot
(snapshot.py). The rules of the data are written here once, as annotations that pydantic
reads when the loader validates a data folder (loader.py, `item_adapter`): unknown keys are
refused, texts are stripped and must not be empty, some lists need an entry, numbers have a
minimum. Built by hand (tests, `dataclasses.replace`), an item takes enum values given as
their strings.
"""

# No ``from __future__ import annotations`` here: the fields' types are needed as objects
# (snapshot.py builds items by them), and evaluating them once at import is cheaper than
# evaluating their text later.

import dataclasses
import datetime as dt
import functools
import typing
from dataclasses import dataclass
from enum import Enum, StrEnum
from typing import TYPE_CHECKING, Annotated, Any, ClassVar, Literal

if TYPE_CHECKING:
    from pydantic import GetCoreSchemaHandler
    from pydantic_core import CoreSchema


# -- the rules, as pydantic reads them (imported only when data is validated) ----------------


class _Text:
    """A text that is stripped and must not be empty."""

    def __get_pydantic_core_schema__(
        self, source: Any, handler: "GetCoreSchemaHandler"
    ) -> "CoreSchema":
        from pydantic_core import core_schema

        return core_schema.str_schema(strip_whitespace=True, min_length=1)


@dataclass(frozen=True)
class _Bound:
    """A constraint added to the schema of the annotated type (``min_length``, ``ge``)."""

    key: str
    value: int

    def __get_pydantic_core_schema__(
        self, source: Any, handler: "GetCoreSchemaHandler"
    ) -> "CoreSchema":
        schema = handler(source)
        # A core schema is a dict; its TypedDicts cannot take a key held in a variable.
        schema[self.key] = self.value  # type: ignore[index]
        return schema


NonEmpty = Annotated[str, _Text()]
AT_LEAST_ONE = _Bound("min_length", 1)  # a list with at least one entry
POSITIVE = _Bound("ge", 1)  # a whole number from 1


class Item:
    """What every item of the data shares: unknown keys are refused when validating (they are
    typos in hand-edited YAML), and enum fields take their values' strings when built by hand."""

    __pydantic_config__: ClassVar[dict[str, Any]] = {"extra": "forbid"}

    def __post_init__(self) -> None:
        # A class is hashable; mypy reads type[X] against Hashable wrongly (python/mypy#11470).
        for name, enum_type, is_list in _enum_fields(type(self)):  # type: ignore[arg-type]
            value = getattr(self, name)
            if is_list:
                if any(type(v) is not enum_type for v in value):
                    object.__setattr__(self, name, [enum_type(v) for v in value])
            elif value is not None and type(value) is not enum_type:
                object.__setattr__(self, name, enum_type(value))


@functools.cache
def field_types(cls: type) -> dict[str, Any]:
    """The fields of a data class of the guideline and their types, Annotated kept."""
    fields = dataclasses.fields(cls)
    if any(isinstance(f.type, str) for f in fields):  # annotations kept as text
        hints = typing.get_type_hints(cls, include_extras=True)
        return {f.name: hints[f.name] for f in fields}
    return {f.name: f.type for f in fields}


def plain_type(hint: Any) -> Any:
    """A type without its Annotated rules: ``Annotated[list[X], …]`` -> ``list[X]``."""
    while typing.get_origin(hint) is Annotated:
        hint = typing.get_args(hint)[0]
    return hint


@functools.cache
def _enum_fields(cls: type) -> list[tuple[str, type[Enum], bool]]:
    """The enum-typed fields of a data class (name, enum, whether a list of them)."""
    found = []
    for name, hint in field_types(cls).items():
        hint = plain_type(hint)
        is_list = typing.get_origin(hint) is list
        inner = plain_type(typing.get_args(hint)[0]) if is_list else hint
        options = [a for a in typing.get_args(inner) if a is not type(None)] or [inner]
        if len(options) == 1 and isinstance(options[0], type) and issubclass(options[0], Enum):
            found.append((name, options[0], is_list))
    return found


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


@dataclass(frozen=True, kw_only=True)
class Provenance(Item):
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


@dataclass(frozen=True, kw_only=True)
class Edition(Item):
    number: Annotated[int, POSITIVE]
    published: dt.date
    label: NonEmpty
    changes: list[NonEmpty] = dataclasses.field(default_factory=list)
    provenance: Provenance


@dataclass(frozen=True, kw_only=True)
class GuidelineInfo(Item):
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


@dataclass(frozen=True, kw_only=True)
class RiskCategory(Item):
    id: NonEmpty
    name: NonEmpty
    description: NonEmpty
    provenance: Provenance


@dataclass(frozen=True, kw_only=True)
class UseCase(Item):
    id: NonEmpty
    number: Annotated[int, POSITIVE]
    name: NonEmpty
    summary: NonEmpty
    settings: Annotated[list[Setting], AT_LEAST_ONE]
    actors: Annotated[list[NonEmpty], AT_LEAST_ONE]
    benefits: Annotated[list[NonEmpty], AT_LEAST_ONE]
    provenance: Provenance


@dataclass(frozen=True, kw_only=True)
class Risk(Item):
    """What can go wrong in one use case, in one risk category."""

    id: NonEmpty
    use_case: NonEmpty
    category: NonEmpty
    title: NonEmpty
    description: NonEmpty
    severity: Severity
    severity_reason: NonEmpty
    provenance: Provenance


@dataclass(frozen=True, kw_only=True)
class Countermeasure(Item):
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
    risk_categories: Annotated[list[NonEmpty], AT_LEAST_ONE]
    use_cases: list[NonEmpty] = dataclasses.field(default_factory=list)
    roles: list[Role] = dataclasses.field(default_factory=list)  # step level: who acts
    steps: list[NonEmpty] = dataclasses.field(default_factory=list)  # step level: ST-… ids
    # the guideline countermeasures this step action puts into practice
    implements: list[NonEmpty] = dataclasses.field(default_factory=list)
    evidence: NonEmpty
    provenance: Provenance


@dataclass(frozen=True, kw_only=True)
class Step(Item):
    id: NonEmpty
    name: NonEmpty
    description: NonEmpty
    # Who works at this step: a shared step action is shown only under these roles here.
    roles: list[Role] = dataclasses.field(default_factory=list)
    # Said explicitly when generative AI has no typical use at this step.
    no_ai_use: str | None = None


@dataclass(frozen=True, kw_only=True)
class Flow(Item):
    id: NonEmpty
    name: NonEmpty
    description: NonEmpty
    settings: Annotated[list[Setting], AT_LEAST_ONE]
    steps: Annotated[list[Step], AT_LEAST_ONE]
    provenance: Provenance


@dataclass(frozen=True, kw_only=True)
class UseScene(Item):
    """Where generative AI is used at a workflow step."""

    id: NonEmpty
    step: NonEmpty
    name: NonEmpty
    description: NonEmpty
    use_cases: Annotated[list[NonEmpty], AT_LEAST_ONE]
    provenance: Provenance


ReferenceKind = Literal["law", "notice", "guideline", "checklist", "other"]

REFERENCE_KIND_LABELS: dict[str, str] = {
    "law": "法令",
    "notice": "通知",
    "guideline": "ガイドライン",
    "checklist": "チェックリスト",
    "other": "その他",
}


@dataclass(frozen=True, kw_only=True)
class Reference(Item):
    """A law or guideline that a facility cross-checks."""

    id: NonEmpty
    title: NonEmpty
    kind: ReferenceKind
    issuer: NonEmpty
    date: str | None = None
    summary: NonEmpty
    url: str | None = None
    risk_categories: Annotated[list[NonEmpty], AT_LEAST_ONE]
    provenance: Provenance
