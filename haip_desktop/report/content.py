"""What a report says, gathered once from the assessment scoring (no layout, no reportlab).

Figures come from assessment.scoring; this module only groups and labels them, so the PDF,
the executive summary and the CSV agree with the screen.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ..assessment import scoring
from ..assessment.models import Answer, Assessment, Status
from ..assessment.scope import (
    archived_answer_ids,
    countermeasures_in_scope,
    steps_in_scope,
    use_cases_in_scope,
)
from ..guideline import Countermeasure, Guideline, UseCase
from .options import GroupBy

COMMON_GROUP = "複数のユースケースに共通する対策"


@dataclass(frozen=True)
class CoverageRow:
    label: str
    tally: scoring.Tally
    group: str = ""  # e.g. the flow a step belongs to


@dataclass(frozen=True)
class GapGroup:
    title: str
    gaps: list[scoring.Gap]


@dataclass(frozen=True)
class DetailRow:
    countermeasure: Countermeasure
    answer: Answer


@dataclass(frozen=True)
class DetailGroup:
    title: str
    key: str  # short name for references: the use case id or the step name
    tally: scoring.Tally  # every countermeasure of the group, shown here or earlier
    rows: list[DetailRow]  # shown here for the first time
    shown_earlier: list[DetailRow]  # belong here too, but printed in an earlier group


@dataclass
class ReportContent:
    overall: scoring.Tally
    by_side: list[CoverageRow]
    by_use_case: list[CoverageRow]
    by_risk_category: list[CoverageRow]
    by_step: list[CoverageRow]
    gaps: list[scoring.Gap]
    gap_groups: list[GapGroup]
    detail_groups: list[DetailGroup]
    not_applicable: list[tuple[Countermeasure, Answer]]
    unanswered: list[Countermeasure]
    in_scope: list[Countermeasure]
    use_cases: list[UseCase]
    archived_ids: list[str]
    # Use case × risk category: (use case, [(category id, tally or None when the cell is empty)])
    heat_map: list[tuple[UseCase, list[tuple[str, scoring.Tally | None]]]] = field(
        default_factory=list
    )
    category_ids: list[str] = field(default_factory=list)


def use_case_label(uc: UseCase) -> str:
    return f"{uc.id}　{uc.name}"


def id_ranges(ids: list[str], order: list[str]) -> str:
    """'UC-01〜UC-05、UC-07': runs of three or more consecutive ids (in `order`) shortened."""
    position = {item: index for index, item in enumerate(order)}
    chosen = sorted((i for i in ids if i in position), key=position.__getitem__)
    runs: list[list[str]] = []
    for item in chosen:
        if runs and position[item] == position[runs[-1][-1]] + 1:
            runs[-1].append(item)
        else:
            runs.append([item])
    parts = []
    for run in runs:
        parts.append(f"{run[0]}〜{run[-1]}" if len(run) >= 3 else "、".join(run))
    return "、".join(parts)


def use_case_ids_in_scope(cm: Countermeasure, scope_ids: set[str]) -> list[str]:
    return [uc for uc in cm.use_cases if uc in scope_ids]


def gather(assessment: Assessment, guideline: Guideline, group_by: GroupBy) -> ReportContent:
    group_by = GroupBy(group_by)
    in_scope = countermeasures_in_scope(assessment, guideline)
    use_cases = use_cases_in_scope(assessment, guideline)
    side = scoring.coverage_by_side(assessment, guideline)
    by_uc = scoring.coverage_by_use_case(assessment, guideline)
    by_rc = scoring.coverage_by_risk_category(assessment, guideline)
    by_step = scoring.coverage_by_step(assessment, guideline)
    gaps = scoring.gap_list(assessment, guideline)
    return ReportContent(
        overall=scoring.overall(assessment, guideline),
        by_side=[
            CoverageRow("利用者の対策（個人・組織）", side["user"]),
            CoverageRow("開発者の対策", side["developer"]),
        ],
        by_use_case=[
            CoverageRow(use_case_label(guideline.use_case(k)), t) for k, t in by_uc.items()
        ],
        by_risk_category=[
            CoverageRow(guideline.risk_category(k).name, t) for k, t in by_rc.items()
        ],
        by_step=[
            CoverageRow(guideline.step(k).name, t, group=guideline.flow_of_step(k).name)
            for k, t in by_step.items()
        ],
        gaps=gaps,
        gap_groups=_gap_groups(gaps, use_cases),
        detail_groups=_detail_groups(assessment, guideline, in_scope, use_cases, group_by),
        not_applicable=[
            (cm, assessment.answer(cm.id))
            for cm in in_scope
            if assessment.answer(cm.id).status is Status.NOT_APPLICABLE
        ],
        unanswered=[cm for cm in in_scope if assessment.answer(cm.id).status is Status.UNANSWERED],
        in_scope=in_scope,
        use_cases=use_cases,
        archived_ids=archived_answer_ids(assessment, guideline),
        heat_map=_heat_map(assessment, guideline, in_scope, use_cases, list(by_rc)),
        category_ids=list(by_rc),
    )


def _heat_map(
    assessment: Assessment,
    guideline: Guideline,
    in_scope: list[Countermeasure],
    use_cases: list[UseCase],
    category_ids: list[str],
) -> list[tuple[UseCase, list[tuple[str, scoring.Tally | None]]]]:
    """The risk matrix's cells (guideline.countermeasures_for_cell), tallied by scoring."""
    in_scope_ids = {cm.id for cm in in_scope}
    rows = []
    for uc in use_cases:
        cells: list[tuple[str, scoring.Tally | None]] = []
        for rc in category_ids:
            cms = [
                cm for cm in guideline.countermeasures_for_cell(rc, uc.id) if cm.id in in_scope_ids
            ]
            cells.append((rc, scoring.tally(assessment, cms) if cms else None))
        rows.append((uc, cells))
    return rows


def _gap_groups(gaps: list[scoring.Gap], use_cases: list[UseCase]) -> list[GapGroup]:
    """Each gap once: under its use case, or under the common group when it serves several.

    Groups are ordered by their most urgent gap (gap_list is already most urgent first),
    so the first group holds the earliest 目標日.
    """
    scope_ids = {uc.id for uc in use_cases}
    titles = {uc.id: use_case_label(uc) for uc in use_cases}
    grouped: dict[str, list[scoring.Gap]] = {}
    for gap in gaps:
        ids = use_case_ids_in_scope(gap.countermeasure, scope_ids)
        title = titles[ids[0]] if len(ids) == 1 else COMMON_GROUP
        grouped.setdefault(title, []).append(gap)
    return [GapGroup(title, items) for title, items in grouped.items()]


def _detail_groups(
    assessment: Assessment,
    guideline: Guideline,
    in_scope: list[Countermeasure],
    use_cases: list[UseCase],
    group_by: GroupBy,
) -> list[DetailGroup]:
    """Every countermeasure in scope, printed once: in the first group it belongs to.

    Most countermeasures serve many use cases and steps; printing each in every group made a
    100-page report. A later group lists the ids of its countermeasures printed earlier, and
    its counts cover all of them, so they match the coverage figures.
    """
    in_scope_ids = {cm.id for cm in in_scope}
    groups: list[tuple[str, str, list[Countermeasure]]] = []
    if group_by is GroupBy.USE_CASE:
        for uc in use_cases:
            cms = [
                cm for cm in guideline.countermeasures_for_use_case(uc.id) if cm.id in in_scope_ids
            ]
            groups.append((use_case_label(uc), uc.id, cms))
    else:
        for step_id in steps_in_scope(assessment, guideline):
            cms = [
                cm for cm in guideline.countermeasures_for_step(step_id) if cm.id in in_scope_ids
            ]
            step = guideline.step(step_id)
            flow = guideline.flow_of_step(step_id)
            groups.append((f"{flow.name}｜{step.name}", f"{flow.name}｜{step.name}", cms))
    printed: set[str] = set()
    result: list[DetailGroup] = []
    for title, key, cms in groups:
        if not cms:
            continue
        rows = [DetailRow(cm, assessment.answer(cm.id)) for cm in cms if cm.id not in printed]
        earlier = [DetailRow(cm, assessment.answer(cm.id)) for cm in cms if cm.id in printed]
        printed.update(cm.id for cm in cms)
        result.append(DetailGroup(title, key, scoring.tally(assessment, cms), rows, earlier))
    return result


def is_overdue(answer: Answer, today: dt.date) -> bool:
    return answer.status.is_gap and answer.target_date is not None and answer.target_date < today
