"""「前回の評価から新規作成」: this year's assessment started from last year's file.

The scope, the tool register, the products and the answers (the facility's and each tool's)
are carried over. Every carried answer is marked carried_over until someone re-confirms it,
and keeps last year's 確認日.
An assessment made against older guideline data is carried over to the current data first
(see carryover.py), so 要再確認 and archived marks come along too.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from .. import __version__
from ..guideline import Guideline
from .carryover import guideline_for, migrate_assessment, preview_carryover
from .history import now as history_now
from .history import record
from .models import Answer, Assessment, GuidelineRef, new_assessment_id


def new_from_previous(
    previous: Assessment,
    guideline: Guideline,
    *,
    assessment_date: dt.date,
    assessors: Iterable[str] = (),
    who: str = "",
    at: dt.datetime | None = None,
    old_guideline: Guideline | None = None,
) -> Assessment:
    """A new assessment from ``previous``, made against ``guideline``.

    ``old_guideline`` is the data ``previous`` was made against when it differs from
    ``guideline``; when not given it is looked up among the bundled data and installed packs.
    """
    at = at or history_now()
    source = previous
    migration_note = ""
    if previous.guideline.data_version != guideline.data_version:
        old = old_guideline or guideline_for(previous, guideline)
        preview = preview_carryover(previous, guideline, old)
        source = migrate_assessment(previous, preview, who=who, at=at)
        migration_note = (
            f"（ガイドラインデータをデータ版 {preview.from_version} から "
            f"{preview.to_version} に更新: {preview.summary()}）"
        )

    def carried(answers: dict[str, Answer]) -> dict[str, Answer]:
        return {
            cm_id: answer.model_copy(update={"carried_over": True})
            if answer.has_content()
            else answer.model_copy()
            for cm_id, answer in answers.items()
        }

    answers = carried(source.answers)
    tool_answers = {tool_id: carried(a) for tool_id, a in source.tool_answers.items()}
    count = sum(a.carried_over for a in answers.values()) + sum(
        a.carried_over for by_id in tool_answers.values() for a in by_id.values()
    )

    result = Assessment(
        app_version=__version__,
        guideline=GuidelineRef(
            id=guideline.id, edition=guideline.edition, data_version=guideline.data_version
        ),
        facility=source.facility.model_copy(),
        assessors=list(assessors),
        assessment_date=assessment_date,
        scope=source.scope.model_copy(deep=True),
        products=list(source.products),
        tools=[tool.model_copy(deep=True) for tool in source.tools],
        answers=answers,
        tool_answers=tool_answers,
        created_at=at,
        updated_at=at,
        id=new_assessment_id(),  # a new assessment: last year's questionnaires are not for it
    )
    record(
        result,
        who=who,
        item="",
        field="created",
        old=None,
        new=source.facility.name,
        note=(
            f"前回の評価（評価日 {previous.assessment_date.isoformat()}、"
            f"データ版 {previous.guideline.data_version}）から作成: "
            f"引き継いだ回答 {count} 件{migration_note}"
        ),
        at=at,
    )
    return result


@dataclass(frozen=True)
class DueItem:
    countermeasure_id: str
    answer: Answer
    age_days: int | None  # days since 確認日; None when there is no 確認日
    tool_id: str | None = None  # a tool's answer (AIツール part)


def due_for_reconfirmation(
    assessment: Assessment, older_than_days: int, *, today: dt.date | None = None
) -> list[DueItem]:
    """Answers whose 確認日 is more than ``older_than_days`` ago, oldest first.

    Carried answers without a 確認日 are due too; archived answers and blank ones are not.
    """
    today = today or dt.date.today()
    limit = today - dt.timedelta(days=older_than_days)
    answers: list[tuple[str, str | None, Answer]] = [
        (cm_id, None, a) for cm_id, a in assessment.answers.items()
    ]
    answers += [
        (cm_id, tool_id, a)
        for tool_id, by_id in assessment.tool_answers.items()
        for cm_id, a in by_id.items()
    ]
    due: list[DueItem] = []
    for cm_id, tool_id, answer in answers:
        if answer.archived or not answer.has_content():
            continue
        if answer.confirmed_on is None:
            if answer.carried_over:
                due.append(DueItem(cm_id, answer, None, tool_id))
        elif answer.confirmed_on < limit:
            due.append(DueItem(cm_id, answer, (today - answer.confirmed_on).days, tool_id))
    due.sort(
        key=lambda d: (
            d.age_days is not None,
            -(d.age_days or 0),
            d.countermeasure_id,
            d.tool_id or "",
        )
    )
    return due
