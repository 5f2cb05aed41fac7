"""Changing an assessment the way the window does: validated, and recorded in the history.

Every function takes ``who`` (the assessor name entered in the app; the OS user is added by
the history), changes the assessment in place, appends history entries and updates
``updated_at``. Invalid changes raise EditError (a ValueError) with a Japanese message and
change nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from .. import __version__
from ..guideline import Guideline
from .answer_moves import next_tool_id
from .dates import out_of_range
from .history import now, record
from .models import (
    AITool,
    Answer,
    Assessment,
    Facility,
    GuidelineRef,
    Scope,
    Status,
    new_assessment_id,
)
from .parts import AssessmentItem
from .scope import default_scope
from .validation_text import describe_location, describe_problem

WHOLE_FILE = ""  # HistoryEntry.item for changes that are not about one countermeasure or tool


class EditError(ValueError):
    """A change that cannot be made; ``str()`` is a Japanese sentence for the person."""

    def __init__(self, message: str, field: str = "") -> None:
        super().__init__(message)
        self.field = field


def new_assessment(
    guideline: Guideline,
    facility: Facility,
    *,
    who: str = "",
    assessors: Iterable[str] = (),
    assessment_date: dt.date | None = None,
    scope: Scope | None = None,
    products: Iterable[str] = (),
    tools: Iterable[AITool] = (),
) -> Assessment:
    """A blank assessment made against ``guideline``; its history starts with 'created'.

    Without a ``scope`` it takes the steps of the facility's kind (scope.default_scope).
    """
    at = now()
    assessment = Assessment(
        app_version=__version__,
        id=new_assessment_id(),
        guideline=GuidelineRef(
            id=guideline.id, edition=guideline.edition, data_version=guideline.data_version
        ),
        facility=facility,
        assessors=list(assessors),
        assessment_date=assessment_date or at.date(),
        scope=scope if scope is not None else default_scope(guideline, facility.kind),
        products=list(products),
        tools=list(tools),
        created_at=at,
        updated_at=at,
    )
    record(
        assessment,
        who=who,
        item=WHOLE_FILE,
        field="created",
        old=None,
        new=facility.name,
        note="評価を作成",
        at=at,
    )
    return assessment


def answer_problem(answer: Answer) -> str | None:
    """Why an answer cannot be kept as it is, in Japanese; None when it is fine."""
    return next((problem for _field, problem in _answer_problems(answer)), None)


def _answer_problems(answer: Answer) -> Iterator[tuple[str, str]]:
    """(field, why) for each thing that keeps the answer from being kept as it is."""
    if answer.status is Status.NOT_APPLICABLE and not answer.na_reason.strip():
        yield "na_reason", "「該当なし」にするには、該当しない理由を入力してください。"
    for field, label in (("confirmed_on", "確認日"), ("target_date", "目標日")):
        date = getattr(answer, field)
        problem = out_of_range(date, label) if date is not None else None
        if problem:
            yield field, problem


def set_answer(
    assessment: Assessment,
    countermeasure_id: str,
    *,
    who: str,
    tool_id: str | None = None,
    history_note: str = "",
    **changes: Any,
) -> Answer:
    """Change fields of one answer (``status=Status.DONE, owner="…"`` …) and record each change.

    ``tool_id`` names the tool of the register a tool-level answer is for; the history names
    the tool too. 該当なし requires a non-blank ``na_reason`` (give both in one call).
    ``history_note`` goes into each history entry (where the change came from, e.g. an
    imported file); ``note`` is the answer's own メモ.
    Returns the new answer.
    """
    if tool_id is not None:
        _tool_index(assessment, tool_id)  # KeyError for a tool not in the register
    old = assessment.answer(countermeasure_id, tool_id)
    new = _updated(old, changes, Answer)
    for field, problem in _answer_problems(new):
        if field == "na_reason" or getattr(new, field) != getattr(old, field):
            # (a date already in the file stays until someone changes it)
            raise EditError(problem, field)
    _record_changes(
        assessment, who, countermeasure_id, old, new, changes, tool=tool_id or "", note=history_note
    )
    if tool_id is None:
        assessment.answers[countermeasure_id] = new
    else:
        assessment.tool_answers.setdefault(tool_id, {})[countermeasure_id] = new
    return new


def set_item_answer(
    assessment: Assessment,
    item: AssessmentItem,
    *,
    who: str,
    history_note: str = "",
    **changes: Any,
) -> Answer:
    """set_answer() for an item of the assessment (scope.items_in_scope)."""
    return set_answer(
        assessment,
        item.countermeasure_id,
        who=who,
        tool_id=item.tool_id,
        history_note=history_note,
        **changes,
    )


def add_tool(assessment: Assessment, *, who: str, name: str, **fields: Any) -> AITool:
    """Add a generative-AI tool to the register; it gets the next free id ``T-<n>``."""
    tool_id = next_tool_id(assessment.model_dump(include={"tools", "tool_answers", "history"}))
    try:
        tool = AITool(id=tool_id, name=name, **fields)
    except ValidationError as exc:
        raise _edit_error(exc, "tools") from exc
    assessment.tools.append(tool)
    record(assessment, who=who, item=tool_id, field="tool", old=None, new=name, note="ツールを登録")
    return tool


def update_tool(assessment: Assessment, tool_id: str, *, who: str, **changes: Any) -> AITool:
    """Change fields of a tool in the register (name, vendor, steps, approval …)."""
    index = _tool_index(assessment, tool_id)
    old = assessment.tools[index]
    if "id" in changes:
        raise TypeError("a tool's id never changes")
    new = _updated(old, changes, AITool)
    _record_changes(assessment, who, tool_id, old, new, changes)
    assessment.tools[index] = new
    return new


def written_tool_answers(assessment: Assessment, tool_id: str) -> int:
    """How many answers for a tool hold something a person wrote (a status, a date, an
    owner, a note …): what removing the tool deletes."""
    return sum(1 for a in assessment.tool_answers.get(tool_id, {}).values() if a.has_content())


def remove_tool(assessment: Assessment, tool_id: str, *, who: str) -> AITool:
    """Take a tool off the register, with the answers given for it (the history says how
    many; the saved versions in .haip-backup still hold them)."""
    index = _tool_index(assessment, tool_id)
    answered = written_tool_answers(assessment, tool_id)
    tool = assessment.tools.pop(index)
    assessment.tool_answers.pop(tool_id, None)
    record(
        assessment,
        who=who,
        item=tool_id,
        field="tool",
        old=tool.name,
        new=None,
        note="ツールを削除" + (f"（このツールへの回答 {answered} 件も削除）" if answered else ""),
    )
    return tool


def set_scope(assessment: Assessment, *, who: str, **changes: Any) -> Scope:
    """Change the scope (``all=True``, ``use_cases=[…]``, ``steps=[…]``)."""
    new = _updated(assessment.scope, changes, Scope)
    _record_changes(assessment, who, WHOLE_FILE, assessment.scope, new, changes, "scope.")
    assessment.scope = new
    return new


def update_facility(assessment: Assessment, *, who: str, **changes: Any) -> Facility:
    """Change the facility's name, kind, beds or department."""
    new = _updated(assessment.facility, changes, Facility)
    _record_changes(assessment, who, WHOLE_FILE, assessment.facility, new, changes, "facility.")
    assessment.facility = new
    return new


_DETAIL_FIELDS = frozenset({"assessors", "assessment_date", "products", "committee_comment"})


def update_details(assessment: Assessment, *, who: str, **changes: Any) -> None:
    """Change the assessors, the assessment date, the AI products evaluated or the
    committee's overall comment (総評・所見)."""
    unknown = set(changes) - _DETAIL_FIELDS
    if unknown:
        raise TypeError(f"not an assessment detail: {', '.join(sorted(unknown))}")
    checked = _updated(assessment, changes, Assessment)
    _record_changes(assessment, who, WHOLE_FILE, assessment, checked, changes)
    for field in changes:
        setattr(assessment, field, getattr(checked, field))


M = TypeVar("M", bound=BaseModel)


def _record_changes(
    assessment: Assessment,
    who: str,
    item: str,
    old: BaseModel,
    new: BaseModel,
    fields: dict[str, Any],
    prefix: str = "",
    *,
    tool: str = "",
    note: str = "",
) -> None:
    """One history entry per field that really changed, all with the same time."""
    at = now()
    for field in fields:
        before, after = getattr(old, field), getattr(new, field)
        if before != after:
            record(
                assessment,
                who=who,
                item=item,
                tool=tool,
                field=prefix + field,
                old=before,
                new=after,
                note=note,
                at=at,
            )


def _updated(old: M, changes: dict[str, Any], model: type[M]) -> M:
    unknown = set(changes) - set(model.model_fields)
    if unknown:
        raise TypeError(f"{model.__name__} has no field {', '.join(sorted(unknown))}")
    try:
        return model.model_validate({**dict(old), **changes})
    except ValidationError as exc:
        raise _edit_error(exc, _MODEL_PATHS.get(model, "")) from exc


def _tool_index(assessment: Assessment, tool_id: str) -> int:
    for index, tool in enumerate(assessment.tools):
        if tool.id == tool_id:
            return index
    raise KeyError(tool_id)


# Where each model sits in the file, so a refused change is named as in the file.
_MODEL_PATHS: dict[type[BaseModel], str] = {
    Answer: "answers",
    AITool: "tools",
    Facility: "facility",
    Scope: "scope",
}


def _edit_error(exc: ValidationError, within: str = "") -> EditError:
    error = exc.errors(include_url=False)[0]
    where = describe_location(error["loc"], within)
    return EditError(
        f"{where}: {describe_problem(error, within)}",
        str(error["loc"][-1]) if error["loc"] else "",
    )
