"""A facility's self-assessment against the guideline's countermeasures (the file's shape).

Guideline items are referred to by their stable ids, never by position. Answers to ids the
current guideline does not know are kept as they are (archived), never dropped.

Schema 2: a facility- or step-level countermeasure is answered once (``answers``); a
tool-level one is answered for each AI tool of the register (``tool_answers``, by tool id).

Every assessment has an ``id`` that never changes (questionnaires name it, so that answers
come back to the assessment they were written for). It was added to schema 2 without a
migration: a file without one gets an id derived from what never changes in it (its creation
time and the facility's name as the file has it), the same every time the file is read,
and written into the file by its next save.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import uuid
from enum import StrEnum
from typing import Any

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    SerializerFunctionWrapHandler,
    field_serializer,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from .answer_moves import has_content as answer_has_content

SCHEMA_VERSION = 2
DUPLICATE_ID = "duplicate_id"  # the kind of error a repeated tool id gives


class Model(BaseModel):
    # Unknown keys in a file are refused: they mean a newer or a hand-edited file.
    model_config = ConfigDict(extra="forbid", validate_assignment=True)


class FacilityKind(StrEnum):
    HOSPITAL = "hospital"
    CLINIC = "clinic"
    PHARMACY = "pharmacy"
    OTHER = "other"

    @property
    def label(self) -> str:
        return {"hospital": "病院", "clinic": "診療所", "pharmacy": "薬局", "other": "その他"}[
            self.value
        ]


class Status(StrEnum):
    UNANSWERED = "unanswered"
    DONE = "done"
    PARTIAL = "partial"
    NOT_DONE = "not_done"
    NOT_APPLICABLE = "not_applicable"

    @property
    def label(self) -> str:
        return STATUS_LABELS[self]

    @property
    def is_gap(self) -> bool:
        return self in (Status.PARTIAL, Status.NOT_DONE)


STATUS_LABELS: dict[Status, str] = {
    Status.UNANSWERED: "未回答",
    Status.DONE: "実施済",
    Status.PARTIAL: "一部実施",
    Status.NOT_DONE: "未実施",
    Status.NOT_APPLICABLE: "該当なし",
}


class Actor(StrEnum):
    """Who carries the countermeasure out."""

    SELF = "self"
    VENDOR = "vendor"
    HEAD_OFFICE = "head_office"

    @property
    def label(self) -> str:
        return {"self": "自施設", "vendor": "ベンダー", "head_office": "本部・法人"}[self.value]


class Deployment(StrEnum):
    ON_PREMISES = "on_premises"
    CLOUD = "cloud"
    UNKNOWN = "unknown"

    @property
    def label(self) -> str:
        return {"on_premises": "オンプレミス", "cloud": "クラウド", "unknown": "不明"}[self.value]


class PatientData(StrEnum):
    """Whether information that identifies a patient goes into the tool."""

    YES = "yes"
    NO = "no"
    UNKNOWN = "unknown"

    @property
    def label(self) -> str:
        return {"yes": "含む", "no": "含まない", "unknown": "不明"}[self.value]


class Approval(StrEnum):
    APPROVED = "approved"
    UNDER_REVIEW = "under_review"
    PLANNED = "planned"
    PROHIBITED = "prohibited"

    @property
    def label(self) -> str:
        return {
            "approved": "承認済",
            "under_review": "審査中",
            "planned": "導入予定",
            "prohibited": "利用禁止",
        }[self.value]


class GuidelineRef(Model):
    """Which guideline data the assessment was made against."""

    id: str
    edition: int
    data_version: str


class Facility(Model):
    name: str = Field(min_length=1)
    kind: FacilityKind
    beds: int | None = Field(default=None, ge=0)
    department: str = ""


class AITool(Model):
    """One generative-AI product in the facility's register."""

    id: str  # stable within the file, e.g. "T-1"
    name: str = Field(min_length=1)
    vendor: str = ""
    deployment: Deployment = Deployment.UNKNOWN
    steps: list[str] = []  # workflow step ids (ST-…) where the tool is used
    patient_data: PatientData = PatientData.UNKNOWN
    approval: Approval = Approval.PLANNED
    owner: str = ""
    note: str = ""


class Scope(Model):
    """Which part of the guideline applies: everything, or what the facility uses or plans."""

    all: bool = False
    use_cases: list[str] = []  # UC-… chosen directly
    steps: list[str] = []  # ST-… chosen directly (tools' steps count too)


class Answer(Model):
    status: Status = Status.UNANSWERED
    na_reason: str = ""  # required when status is 該当なし
    actor: Actor | None = None
    confirmed_on: dt.date | None = None  # 確認日
    target_date: dt.date | None = None  # 目標日, for what is not done
    owner: str = ""
    note: str = ""
    evidence: str = ""
    needs_review: bool = False  # 要再確認: the guideline text changed since it was answered
    carried_over: bool = False  # taken from last year's assessment, not yet re-confirmed
    archived: bool = False  # the countermeasure is no longer in the guideline data

    def has_content(self) -> bool:
        """Whether a person has put anything into the answer (the flags aside)."""
        return answer_has_content(self.model_dump())


class HistoryEntry(Model):
    at: dt.datetime
    who: str = ""  # the assessor name entered in the app
    os_user: str = ""
    item: str = ""  # countermeasure id, tool id (T-…), or "" for the whole file
    tool: str = ""  # with a countermeasure id: the tool whose answer changed (tool level)
    field: str = ""
    old: str | None = None
    new: str | None = None
    note: str = ""


def new_assessment_id() -> str:
    """A fresh id for a new assessment."""
    return uuid.uuid4().hex


def derived_assessment_id(created_at: Any, facility: Any) -> str:
    """The id of an assessment saved before ids existed: from its creation time and facility
    name as written in the file, so reading the same file always gives the same id."""
    if isinstance(created_at, str):
        with contextlib.suppress(ValueError):
            created_at = dt.datetime.fromisoformat(created_at)
    created = created_at.isoformat() if isinstance(created_at, dt.datetime) else str(created_at)
    name = facility.get("name") if isinstance(facility, dict) else getattr(facility, "name", "")
    digest = hashlib.sha256(f"{created}\n{name}".encode("utf-8", "surrogatepass")).hexdigest()
    return digest[:32]


class Assessment(Model):
    schema_version: int = SCHEMA_VERSION
    app_version: str = ""
    guideline: GuidelineRef
    facility: Facility
    assessors: list[str] = []
    assessment_date: dt.date
    scope: Scope = Scope()
    products: list[str] = []  # the AI products evaluated, as named in the report
    # 総評・所見: the committee's overall comment, printed on the cover and the summary
    committee_comment: str = ""
    tools: list[AITool] = []
    answers: dict[str, Answer] = {}  # facility- and step-level countermeasure id -> answer
    # tool id -> tool-level countermeasure id -> answer
    tool_answers: dict[str, dict[str, Answer]] = {}
    history: list[HistoryEntry] = []
    created_at: dt.datetime
    updated_at: dt.datetime
    # Stable for the assessment's life (filled in by _stable_id when missing). Last, so that
    # a file saved before ids existed changes by one line at its end.
    id: str = ""

    @model_validator(mode="before")
    @classmethod
    def _stable_id(cls, data: Any) -> Any:
        if isinstance(data, dict) and not data.get("id"):
            data = {
                **data,
                "id": derived_assessment_id(data.get("created_at"), data.get("facility")),
            }
        return data

    @field_validator("tools")
    @classmethod
    def _one_tool_per_id(cls, tools: list[AITool]) -> list[AITool]:
        # Two tools with one id would share their answers and be counted twice.
        seen: set[str] = set()
        for tool in tools:
            if tool.id in seen:
                raise PydanticCustomError(
                    DUPLICATE_ID,
                    "ツールID「{tool_id}」が台帳に2回あります（ファイルが手で編集されたか、"
                    "2つのファイルを合わせたためと思われます）。",
                    {"tool_id": tool.id},
                )
            seen.add(tool.id)
        return tools

    @field_validator("schema_version")
    @classmethod
    def _current_schema_only(cls, value: int) -> int:
        # Older files go through migrations.migrate() first; newer ones are refused by the store.
        if value != SCHEMA_VERSION:
            raise ValueError(f"schema_version must be {SCHEMA_VERSION}, not {value}")
        return value

    @field_serializer("answers", mode="wrap")
    def _answers_in_id_order(
        self, answers: dict[str, Answer], handler: SerializerFunctionWrapHandler
    ) -> Any:
        # Stable order in the file whatever the editing order, so two versions diff cleanly.
        return handler(dict(sorted(answers.items())))

    @field_serializer("tool_answers", mode="wrap")
    def _tool_answers_in_id_order(
        self, tool_answers: dict[str, dict[str, Answer]], handler: SerializerFunctionWrapHandler
    ) -> Any:
        return handler(
            {
                tool_id: dict(sorted(answers.items()))
                for tool_id, answers in sorted(tool_answers.items())
            }
        )

    def answer(self, countermeasure_id: str, tool_id: str | None = None) -> Answer:
        """The answer for an id (for a tool, with ``tool_id``); a blank when there is none."""
        if tool_id is None:
            return self.answers.get(countermeasure_id) or Answer()
        return self.tool_answers.get(tool_id, {}).get(countermeasure_id) or Answer()
