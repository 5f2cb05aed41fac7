"""Questionnaires: what a department or a vendor is asked, and how their answers find the way back.

A questionnaire is written from an open assessment for one respondent who does not have the
application:

- a department questionnaire (部署用): the step-level items (現場の手順) of chosen steps in
  scope, each once, under the first chosen step where it is acted on, with the roles;
- a vendor questionnaire (ベンダー用): the tool-level items (AIツール) of one tool of the
  register.

This module builds its rows and its identity (plain Python, no workbook):
report/xlsx_questionnaire.py writes the workbook, answer_import.py reads a filled one back.

The identity travels in the workbook on a hidden, protected sheet that anyone may unhide
(nothing is hidden from IT): the assessment's id, the kind, the tool or the steps, the
guideline data version, when it was written, and for each row the item's key and a
fingerprint of each of the seven fields as written. With them an import tells, field by
field, what the respondent changed from what was changed in the assessment since: only the
respondent's changes are taken, and a field changed on both sides is a conflict.

The respondent fills seven fields (AnswerCells). They are compared as a cell holds them
(cell_text): line breaks as "\\n", no control characters, no spaces at either end, so that
what was written and what comes back compare equal when nobody changed it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, fields
from enum import StrEnum
from typing import Any

from .. import __version__
from ..guideline import Guideline
from .history import now
from .models import STATUS_LABELS, Answer, Assessment, Facility, Status
from .parts import AssessmentItem, Part
from .scope import answering_tools, items_in_scope, steps_in_scope

FORMAT = "HAIP Desktop 質問票"
FORMAT_VERSION = 2  # 2: a fingerprint per field (1 had one per row and is not read)
# The most characters a spreadsheet cell holds (Excel; LibreOffice holds more).
MAX_CELL_CHARS = 32_767

ANSWER_SHEET = "回答"
IDENTITY_SHEET = "識別情報"
ID_COLUMN = "対策ID"
# The labels of the two cells above the table that say who answered and when.
RESPONDENT_LABEL = "回答者"
ANSWERED_ON_LABEL = "回答日"


class QuestionnaireError(ValueError):
    """A questionnaire that cannot be written; ``str()`` is a Japanese sentence for people."""


class QuestionnaireKind(StrEnum):
    DEPARTMENT = "department"  # step-level items of chosen steps
    VENDOR = "vendor"  # tool-level items of one tool

    @property
    def label(self) -> str:
        return {"department": "部署用", "vendor": "ベンダー用"}[self.value]

    @property
    def part(self) -> Part:
        return Part.STEP if self is QuestionnaireKind.DEPARTMENT else Part.TOOL


# -- the cells the respondent fills -----------------------------------------------------------

# C0 and C1 controls (a tab becomes a space first); no XML file, so no workbook, holds them.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Lone surrogates (no character) and the two non-characters XML refuses.
_SURROGATE = re.compile("[\ud800-\udfff]")
_NON_CHARACTER = re.compile("[\ufffe\uffff]")


def cell_text(value: str) -> str:
    """Text as a spreadsheet cell holds it: line breaks as "\\n", tabs as spaces, no control
    characters, a lone surrogate as U+FFFD, no spaces at either end."""
    text = value.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    text = _CONTROL.sub("", text)
    text = _SURROGATE.sub("\ufffd", text)
    return _NON_CHARACTER.sub("", text).strip()


def text_of_cell(value: Any) -> str:
    """A cell's value read back as text: numbers without a trailing .0, dates as 2026-12-01,
    text as cell_text() has it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return cell_text(str(value))


@dataclass(frozen=True)
class AnswerField:
    name: str  # the Answer's field
    label: str  # the column's heading
    kind: str  # "status", "date" or "text"


# The columns the respondent fills, in the questionnaire's order.
ANSWER_FIELDS: tuple[AnswerField, ...] = (
    AnswerField("status", "状況", "status"),
    AnswerField("confirmed_on", "確認日", "date"),
    AnswerField("target_date", "目標日", "date"),
    AnswerField("owner", "担当者", "text"),
    AnswerField("note", "備考", "text"),
    AnswerField("evidence", "根拠資料", "text"),
    AnswerField("na_reason", "該当なしの理由", "text"),
)
FIELD_LABELS: dict[str, str] = {f.name: f.label for f in ANSWER_FIELDS}

# The statuses as the drop-down lists them (and the import accepts them).
STATUS_CHOICES: tuple[str, ...] = tuple(
    STATUS_LABELS[s]
    for s in (
        Status.DONE,
        Status.PARTIAL,
        Status.NOT_DONE,
        Status.NOT_APPLICABLE,
        Status.UNANSWERED,
    )
)
STATUS_BY_LABEL: dict[str, Status] = {label: status for status, label in STATUS_LABELS.items()}


FieldPrints = dict[str, str]  # an answer field's name → the fingerprint of its value


def field_fingerprint(value: Status | dt.date | str | None) -> str:
    """A short hash of one field's value as a cell holds it (AnswerCells)."""
    if isinstance(value, Status):
        text = value.value
    elif isinstance(value, dt.date):
        text = value.isoformat()
    else:
        text = value or ""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


@dataclass(frozen=True)
class AnswerCells:
    """An answer's seven fields as the questionnaire's cells hold them."""

    status: Status = Status.UNANSWERED
    confirmed_on: dt.date | None = None
    target_date: dt.date | None = None
    owner: str = ""
    note: str = ""
    evidence: str = ""
    na_reason: str = ""

    @classmethod
    def of(cls, answer: Answer) -> AnswerCells:
        return cls(
            status=answer.status,
            confirmed_on=answer.confirmed_on,
            target_date=answer.target_date,
            owner=cell_text(answer.owner),
            note=cell_text(answer.note),
            evidence=cell_text(answer.evidence),
            na_reason=cell_text(answer.na_reason),
        )

    def fingerprints(self) -> FieldPrints:
        """Each field's fingerprint (stored per row in the workbook), by field name."""
        return {f.name: field_fingerprint(getattr(self, f.name)) for f in fields(self)}

    def shown(self, name: str) -> str:
        """A field's value for people: 「実施済」, 「2026-12-01」, the text, or 「（空欄）」."""
        value = getattr(self, name)
        if isinstance(value, Status):
            return value.label
        if isinstance(value, dt.date):
            return value.isoformat()
        return value or "（空欄）"


# -- what is asked, and of whom ---------------------------------------------------------------

ItemKey = tuple[str, str | None]  # (countermeasure id, tool id or None)


@dataclass(frozen=True)
class QuestionnaireRow:
    item: AssessmentItem
    steps: str  # department: the chosen steps where it is acted on, 「入院 › 看護記録」、…
    roles: str  # department: 職種
    written: AnswerCells  # the answer as written into the row


@dataclass(frozen=True)
class QuestionnaireIdentity:
    """Where the answers belong; kept on the workbook's identity sheet."""

    assessment_id: str
    facility: str
    kind: QuestionnaireKind
    tool_id: str | None
    tool_name: str
    step_ids: tuple[str, ...]
    guideline_id: str
    data_version: str
    written_at: dt.datetime
    app_version: str
    # item key → the fingerprint of each field as written, in row order
    fingerprints: dict[ItemKey, FieldPrints] = field(default_factory=dict)
    sheet: str = ANSWER_SHEET
    header_row: int = 1  # the row of the answer table's headings (set by the writer)


@dataclass(frozen=True)
class Questionnaire:
    identity: QuestionnaireIdentity
    rows: list[QuestionnaireRow]
    facility: Facility
    assessment_date: dt.date
    target: str  # whom it asks about: the steps' names, or the tool's name and vendor

    @property
    def kind(self) -> QuestionnaireKind:
        return self.identity.kind

    @property
    def title(self) -> str:
        return f"生成AIの利用に関する確認票（{self.kind.label}）"


@dataclass(frozen=True)
class StepChoice:
    step_id: str
    label: str  # 「入院 › 看護記録」
    items: int  # step-level items in scope acted on there
    flow: str = ""  # 「入院」: a department often works at every step of one flow
    name: str = ""  # 「看護記録」


def department_steps(assessment: Assessment, guideline: Guideline) -> list[StepChoice]:
    """The steps in scope that a department questionnaire can ask about (with step items)."""
    items = [i for i in items_in_scope(assessment, guideline) if i.part is Part.STEP]
    choices = []
    for step_id in steps_in_scope(assessment, guideline):
        count = sum(1 for i in items if step_id in i.countermeasure.steps)
        if count:
            choices.append(
                StepChoice(
                    step_id,
                    guideline.step_path(step_id),
                    count,
                    flow=guideline.flow_of_step(step_id).name,
                    name=guideline.step(step_id).name,
                )
            )
    return choices


def vendor_tools(assessment: Assessment, guideline: Guideline) -> list[tuple[str, str, int]]:
    """(tool id, name, number of items) of each tool a vendor questionnaire can ask about."""
    items = items_in_scope(assessment, guideline)
    result = []
    for tool in answering_tools(assessment):
        count = sum(1 for i in items if i.tool_id == tool.id)
        if count:
            result.append((tool.id, tool.name, count))
    return result


def department_questionnaire(
    assessment: Assessment,
    guideline: Guideline,
    step_ids: Sequence[str],
    *,
    written_at: dt.datetime | None = None,
) -> Questionnaire:
    """The step-level items of the chosen steps (guideline order of steps, then of items)."""
    _check_data_version(assessment, guideline)
    choices = {c.step_id: c for c in department_steps(assessment, guideline)}
    chosen = list(dict.fromkeys(s.strip() for s in step_ids if s.strip()))
    if not chosen:
        raise QuestionnaireError("業務ステップを1つ以上選んでください。")
    unknown = [s for s in chosen if s not in choices]
    if unknown:
        listed = "、".join(f"{c.step_id}（{c.label}）" for c in choices.values()) or "なし"
        raise QuestionnaireError(
            f"業務ステップ {'、'.join(unknown)} は、この評価の範囲に現場の手順の対策がある"
            f"業務ステップではありません。選べる業務ステップ: {listed}"
        )
    ordered = [s for s in choices if s in chosen]  # guideline order
    step_items = [i for i in items_in_scope(assessment, guideline) if i.part is Part.STEP]
    rows: list[QuestionnaireRow] = []
    seen: set[ItemKey] = set()
    for step_id in ordered:
        for item in step_items:
            if step_id not in item.countermeasure.steps or item.key in seen:
                continue
            seen.add(item.key)
            at = [s for s in ordered if s in item.countermeasure.steps]
            roles = {r.label: None for s in at for r in guideline.roles_at(item.countermeasure, s)}
            rows.append(
                QuestionnaireRow(
                    item,
                    steps="、".join(choices[s].label for s in at),
                    roles="、".join(roles),
                    written=AnswerCells.of(item.answer_in(assessment)),
                )
            )
    target = "、".join(choices[s].label for s in ordered)
    return _questionnaire(
        assessment,
        QuestionnaireKind.DEPARTMENT,
        rows,
        target,
        step_ids=tuple(ordered),
        written_at=written_at,
    )


def vendor_questionnaire(
    assessment: Assessment,
    guideline: Guideline,
    tool_id: str,
    *,
    written_at: dt.datetime | None = None,
) -> Questionnaire:
    """The tool-level items of one tool of the register, in guideline order."""
    _check_data_version(assessment, guideline)
    tool = next((t for t in assessment.tools if t.id == tool_id.strip()), None)
    available = vendor_tools(assessment, guideline)
    listed = "、".join(f"{t_id}（{name}）" for t_id, name, _ in available) or "なし"
    if tool is None:
        raise QuestionnaireError(
            f"ツール {tool_id} は、この評価の生成AIツール台帳にありません。選べるツール: {listed}"
        )
    if tool not in answering_tools(assessment):
        raise QuestionnaireError(
            f"ツール {tool.id}（{tool.name}）は利用禁止のため、回答する対策がありません。"
            f"選べるツール: {listed}"
        )
    items = [i for i in items_in_scope(assessment, guideline) if i.tool_id == tool.id]
    if not items:
        raise QuestionnaireError(
            f"ツール {tool.id}（{tool.name}）には、回答する対策がありません。選べるツール: {listed}"
        )
    rows = [
        QuestionnaireRow(
            item, steps="", roles="", written=AnswerCells.of(item.answer_in(assessment))
        )
        for item in items
    ]
    target = tool.name + (f"（{tool.vendor}）" if tool.vendor else "")
    return _questionnaire(
        assessment,
        QuestionnaireKind.VENDOR,
        rows,
        target,
        tool_id=tool.id,
        tool_name=tool.name,
        written_at=written_at,
    )


def _questionnaire(
    assessment: Assessment,
    kind: QuestionnaireKind,
    rows: list[QuestionnaireRow],
    target: str,
    *,
    step_ids: tuple[str, ...] = (),
    tool_id: str | None = None,
    tool_name: str = "",
    written_at: dt.datetime | None = None,
) -> Questionnaire:
    _check_cell_lengths(rows)
    identity = QuestionnaireIdentity(
        assessment_id=assessment.id,
        facility=assessment.facility.name,
        kind=kind,
        tool_id=tool_id,
        tool_name=tool_name,
        step_ids=step_ids,
        guideline_id=assessment.guideline.id,
        data_version=assessment.guideline.data_version,
        written_at=written_at or now(),
        app_version=__version__,
        fingerprints={row.item.key: row.written.fingerprints() for row in rows},
    )
    return Questionnaire(identity, rows, assessment.facility, assessment.assessment_date, target)


def _check_data_version(assessment: Assessment, guideline: Guideline) -> None:
    """What the respondent reads must be what the assessment was made against."""
    made_with = assessment.guideline.data_version
    if guideline.data_version != made_with:
        raise QuestionnaireError(
            f"この評価はガイドラインのデータ版 {made_with} で作られていますが、使っているデータは"
            f"データ版 {guideline.data_version} です。先に評価を今のデータ版へ移行してから"
            "（画面の「ツール」→「評価を使用中のデータ版に移行…」）、質問票を作ってください。"
        )


def _check_cell_lengths(rows: Iterable[QuestionnaireRow]) -> None:
    for row in rows:
        for f in ANSWER_FIELDS:
            value = getattr(row.written, f.name)
            if isinstance(value, str) and len(value) > MAX_CELL_CHARS:
                raise QuestionnaireError(
                    f"対策 {row.item.countermeasure_id} の「{f.label}」が {len(value):,} 文字あり、"
                    f"表計算ソフトの1つのセルに入りません（{MAX_CELL_CHARS:,} 文字まで）。"
                    "その欄を短くしてから、質問票を作り直してください。"
                )


# -- the identity sheet -----------------------------------------------------------------------

# Keys of the identity sheet's first column (Japanese: IT staff may unhide and read it).
_KEYS = {
    "format": "形式",
    "format_version": "形式の版",
    "assessment_id": "評価のID",
    "facility": "施設",
    "kind": "種類",
    "tool_id": "ツールID",
    "tool_name": "ツール名",
    "step_ids": "業務ステップ",
    "guideline_id": "ガイドライン",
    "data_version": "データ版",
    "written_at": "作成日時",
    "app_version": "アプリの版",
    "sheet": "回答のシート",
    "header_row": "見出しの行",
}
ROWS_HEADING = ("対策ID", "ツールID", *(f"作成時の{f.label}の指紋" for f in ANSWER_FIELDS))


def identity_rows(identity: QuestionnaireIdentity) -> list[list[str]]:
    """The identity sheet, row by row (all text)."""
    values = {
        "format": FORMAT,
        "format_version": str(FORMAT_VERSION),
        "assessment_id": identity.assessment_id,
        "facility": identity.facility,
        "kind": identity.kind.value,
        "tool_id": identity.tool_id or "",
        "tool_name": identity.tool_name,
        "step_ids": ",".join(identity.step_ids),
        "guideline_id": identity.guideline_id,
        "data_version": identity.data_version,
        "written_at": identity.written_at.isoformat(),
        "app_version": identity.app_version,
        "sheet": identity.sheet,
        "header_row": str(identity.header_row),
    }
    rows = [[_KEYS[key], cell_text(value)] for key, value in values.items()]
    rows.append([])
    rows.append(list(ROWS_HEADING))
    rows += [
        [cm_id, tool_id or "", *(prints[f.name] for f in ANSWER_FIELDS)]
        for (cm_id, tool_id), prints in identity.fingerprints.items()
    ]
    return rows


@dataclass(frozen=True)
class IdentityProblem:
    row: int | None  # the identity sheet's row, 1-based
    message: str


def parse_identity(
    rows: Sequence[tuple[int, Sequence[Any]]],
) -> tuple[QuestionnaireIdentity | None, list[IdentityProblem]]:
    """Read the identity sheet back from (row number, cell values) pairs."""
    by_label = {label: key for key, label in _KEYS.items()}
    values: dict[str, str] = {}
    where: dict[str, int] = {}
    fingerprints: dict[ItemKey, FieldPrints] = {}
    problems: list[IdentityProblem] = []
    in_rows = False
    for number, cells in rows:
        texts = [text_of_cell(c) for c in cells]
        while texts and not texts[-1]:
            texts.pop()
        if not texts:
            continue
        if tuple(texts[: len(ROWS_HEADING)]) == ROWS_HEADING:
            in_rows = True
            continue
        if in_rows:
            cm_id, tool_id, *prints = (texts + [""] * len(ROWS_HEADING))[: len(ROWS_HEADING)]
            key = (cm_id, tool_id or None)
            if not cm_id or not all(prints) or key in fingerprints:
                problems.append(IdentityProblem(number, "項目の行が壊れています。"))
                continue
            fingerprints[key] = {f.name: p for f, p in zip(ANSWER_FIELDS, prints, strict=True)}
        elif texts[0] in by_label:
            values[by_label[texts[0]]] = texts[1] if len(texts) > 1 else ""
            where[by_label[texts[0]]] = number
    if values.get("format") != FORMAT:
        return None, [
            IdentityProblem(
                where.get("format"),
                "HAIP Desktop の質問票ではないか、識別情報のシートが壊れています。",
            )
        ]
    if values.get("format_version") == "1":
        return None, [
            IdentityProblem(
                where.get("format_version"),
                "この質問票は前の形式（第1版）で作られています。第1版には、回答者がどの欄を"
                "変えたかを確かめる情報がないため取り込みません（評価で後から変えた欄を、"
                "古い値で上書きしないためです）。今の評価から質問票を作り直して、"
                "記入してもらってください。",
            )
        ]
    if values.get("format_version") != str(FORMAT_VERSION):
        return None, [
            IdentityProblem(
                where.get("format_version"),
                f"この質問票の形式（第{values.get('format_version')}版）は、このアプリでは"
                "読めません。新しい版のアプリで取り込んでください。",
            )
        ]
    try:
        kind = QuestionnaireKind(values.get("kind", ""))
    except ValueError:
        return None, [IdentityProblem(where.get("kind"), "質問票の種類が読めません。")]
    try:
        written_at = dt.datetime.fromisoformat(values.get("written_at", ""))
    except ValueError:
        return None, [IdentityProblem(where.get("written_at"), "作成日時が読めません。")]
    try:
        header_row = int(values.get("header_row", ""))
    except ValueError:
        return None, [IdentityProblem(where.get("header_row"), "見出しの行が読めません。")]
    missing = [_KEYS[k] for k in ("assessment_id", "data_version", "sheet") if not values.get(k)]
    if missing:
        return None, [IdentityProblem(None, f"識別情報に「{'」「'.join(missing)}」がありません。")]
    if not fingerprints and not problems:
        problems.append(IdentityProblem(None, "識別情報に項目の一覧がありません。"))
    identity = QuestionnaireIdentity(
        assessment_id=values["assessment_id"],
        facility=values.get("facility", ""),
        kind=kind,
        tool_id=values.get("tool_id") or None,
        tool_name=values.get("tool_name", ""),
        step_ids=tuple(s for s in values.get("step_ids", "").split(",") if s),
        guideline_id=values.get("guideline_id", ""),
        data_version=values["data_version"],
        written_at=written_at,
        app_version=values.get("app_version", ""),
        fingerprints=fingerprints,
        sheet=values["sheet"],
        header_row=header_row,
    )
    return identity, problems


def identity_row_of(rows: Sequence[tuple[int, Sequence[Any]]], key: str) -> int | None:
    """The identity sheet's row of one key (for messages about it)."""
    label = _KEYS[key]
    for number, cells in rows:
        if cells and text_of_cell(cells[0]) == label:
            return number
    return None
