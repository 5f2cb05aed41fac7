"""What a report says, gathered once from the assessment scoring (no layout, no reportlab).

Figures come from assessment.scoring over the assessment's items (scope.items_in_scope); this
module only groups and labels them, so the PDF, the executive summary and the CSV agree with
the screen. The report is organised by the three parts: 施設の体制 (grouped by risk category,
or by use case), AIツール (a block per tool of the register), 現場の手順 (by flow and step,
with the roles that act there).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..assessment import scoring
from ..assessment.models import AITool, Answer, Approval, Assessment, Status
from ..assessment.parts import PARTS, AssessmentItem, Part
from ..assessment.scope import (
    archived_answer_ids,
    archived_tool_answers,
    items_in_scope,
    steps_in_scope,
    use_cases_in_scope,
)
from ..guideline import Countermeasure, Guideline, UseCase
from .options import GroupBy


@dataclass(frozen=True)
class CoverageRow:
    label: str
    tally: scoring.Tally
    group: str = ""  # e.g. the flow a step belongs to
    code: str = ""  # an id printed small beside the label (a use case's UC-01)


@dataclass(frozen=True)
class GapGroup:
    title: str
    part: Part
    gaps: list[scoring.Gap]


@dataclass(frozen=True)
class DetailRow:
    item: AssessmentItem
    answer: Answer

    @property
    def countermeasure(self) -> Countermeasure:
        return self.item.countermeasure


@dataclass(frozen=True)
class DetailGroup:
    title: str
    key: str  # short name for references: the tool's name, the step's name …
    tally: scoring.Tally  # every item of the group, shown here or earlier
    rows: list[DetailRow]  # shown here for the first time
    shown_earlier: list[DetailRow]  # belong here too, but printed in an earlier group
    note: str = ""  # a line under the heading: the tool's facts, the roles at the step
    step: str = ""  # the step of a 現場の手順 group
    code: str = ""  # an id printed small beside the title (a use case's UC-01)


@dataclass(frozen=True)
class PartDetail:
    """One part of the report's results: its figures and its groups."""

    part: Part
    tally: scoring.Tally
    groups: list[DetailGroup]
    note: str  # how the part is organised, or why it is empty


@dataclass
class ReportContent:
    items: list[AssessmentItem]
    overall: scoring.Tally
    by_part: list[CoverageRow]
    by_tool: list[CoverageRow]
    by_use_case: list[CoverageRow]
    by_risk_category: list[CoverageRow]
    by_step: list[CoverageRow]
    gaps: list[scoring.Gap]
    gap_groups: list[GapGroup]
    parts: list[PartDetail]
    not_applicable: list[tuple[AssessmentItem, Answer]]
    unanswered: list[AssessmentItem]
    in_scope: list[Countermeasure]  # each countermeasure with an item once
    use_cases: list[UseCase]
    steps: list[str]  # the steps in scope
    archived_ids: list[str]
    archived_tool_answers: list[tuple[str, str]]  # (tool id, countermeasure id)
    prohibited_tools: list[AITool]
    # Use case × risk category: (use case, [(category id, tally or None when the cell is empty)])
    heat_map: list[tuple[UseCase, list[tuple[str, scoring.Tally | None]]]] = field(
        default_factory=list
    )
    category_ids: list[str] = field(default_factory=list)

    def part_tally(self, part: Part) -> scoring.Tally:
        return next(p.tally for p in self.parts if p.part is part)


def step_label(guideline: Guideline, step_id: str) -> str:
    """「入院｜看護記録」: the flow and the step."""
    return guideline.step_path(step_id, "｜")


def tool_title(tool: AITool) -> str:
    return f"{tool.name}（{tool.vendor}）" if tool.vendor else tool.name


def where_text(
    item: AssessmentItem, guideline: Guideline, steps: Iterable[str], *, here: str = ""
) -> str:
    """Where an item is acted on, for a line under its title: the tool, or the steps in scope
    and the roles of a step action (under a step's heading ``here``, only its other steps);
    "" for the facility's own."""
    if item.tool is not None:
        return f"AIツール: {item.tool.name}"
    if item.part is Part.STEP:
        wanted = set(steps) - {here}
        names = [
            step_label(guideline, s.id)
            for s in guideline.steps_of(item.countermeasure)
            if s.id in wanted
        ]
        roles = "職種: " + "・".join(r.label for r in item.countermeasure.roles)
        if not names:
            return roles
        where = "ほかの業務ステップ" if here else "業務ステップ"
        return f"{where}: {'、'.join(names)}　{roles}"
    return ""


def gather(
    assessment: Assessment, guideline: Guideline, group_by: GroupBy, today: dt.date
) -> ReportContent:
    """The report's content; ``today`` (the print date) is what overdue 目標日 are judged by."""
    group_by = GroupBy(group_by)
    items = items_in_scope(assessment, guideline)
    use_cases = use_cases_in_scope(assessment, guideline)
    steps = steps_in_scope(assessment, guideline)
    tools = {t.id: t for t in assessment.tools}
    by_uc = scoring.coverage_by_use_case(assessment, guideline)
    by_rc = scoring.coverage_by_risk_category(assessment, guideline)
    by_step = scoring.coverage_by_step(assessment, guideline)
    gaps = scoring.gap_list(assessment, guideline, today=today)
    in_scope_ids = {i.countermeasure_id for i in items}
    return ReportContent(
        items=items,
        overall=scoring.tally(assessment, items),
        by_part=[
            CoverageRow(part.part_label, t)
            for part, t in scoring.coverage_by_part(assessment, guideline).items()
        ],
        by_tool=[
            CoverageRow(tools[k].name, t)
            for k, t in scoring.coverage_by_tool(assessment, guideline).items()
        ],
        by_use_case=[CoverageRow(guideline.use_case(k).name, t, code=k) for k, t in by_uc.items()],
        by_risk_category=[
            CoverageRow(guideline.risk_category(k).name, t) for k, t in by_rc.items()
        ],
        by_step=[
            CoverageRow(guideline.step(k).name, t, group=guideline.flow_of_step(k).name)
            for k, t in by_step.items()
        ],
        gaps=gaps,
        gap_groups=_gap_groups(gaps),
        parts=_part_details(assessment, guideline, items, steps, group_by),
        not_applicable=[
            (i, i.answer_in(assessment))
            for i in items
            if scoring.status_of(assessment, i) is Status.NOT_APPLICABLE
        ],
        unanswered=[i for i in items if scoring.status_of(assessment, i) is Status.UNANSWERED],
        in_scope=[cm for cm in guideline.countermeasures if cm.id in in_scope_ids],
        use_cases=use_cases,
        steps=steps,
        archived_ids=archived_answer_ids(assessment, guideline),
        archived_tool_answers=archived_tool_answers(assessment, guideline),
        prohibited_tools=[t for t in assessment.tools if t.approval is Approval.PROHIBITED],
        heat_map=_heat_map(assessment, guideline, items, use_cases, list(by_rc)),
        category_ids=list(by_rc),
    )


def _heat_map(
    assessment: Assessment,
    guideline: Guideline,
    items: list[AssessmentItem],
    use_cases: list[UseCase],
    category_ids: list[str],
) -> list[tuple[UseCase, list[tuple[str, scoring.Tally | None]]]]:
    """The risk matrix's cells (guideline.countermeasures_for_cell), tallied over the items
    (a tool-level countermeasure counts once per tool)."""
    rows = []
    for uc in use_cases:
        cells: list[tuple[str, scoring.Tally | None]] = []
        for rc in category_ids:
            ids = {cm.id for cm in guideline.countermeasures_for_cell(rc, uc.id)}
            in_cell = [i for i in items if i.countermeasure_id in ids]
            cells.append((rc, scoring.tally(assessment, in_cell) if in_cell else None))
        rows.append((uc, cells))
    return rows


def _gap_groups(gaps: list[scoring.Gap]) -> list[GapGroup]:
    """Each gap once, part by part: 施設の体制, each tool, 現場の手順 (gap_list order within)."""
    groups: dict[tuple[Part, str | None], GapGroup] = {}
    for gap in sorted(gaps, key=lambda g: PARTS.index(g.item.part)):
        tool = gap.item.tool
        key = (gap.item.part, gap.item.tool_id)
        if key not in groups:
            title = (
                f"{Part.TOOL.part_label}｜{tool_title(tool)}"
                if tool is not None
                else gap.item.part.part_label
            )
            groups[key] = GapGroup(title, gap.item.part, [])
        groups[key].gaps.append(gap)
    return list(groups.values())


def _part_details(
    assessment: Assessment,
    guideline: Guideline,
    items: list[AssessmentItem],
    steps: list[str],
    group_by: GroupBy,
) -> list[PartDetail]:
    def tally(selected: Iterable[AssessmentItem]) -> scoring.Tally:
        return scoring.tally(assessment, selected)

    facility = [i for i in items if i.part is Part.FACILITY]
    if group_by is GroupBy.USE_CASE:
        facility_groups = _printed_once(
            assessment,
            [
                (
                    uc.name,
                    uc.id,
                    "",
                    [i for i in facility if uc.id in i.countermeasure.use_cases],
                )
                for uc in use_cases_in_scope(assessment, guideline)
            ],
            codes=True,
        )
        facility_note = "施設として一度回答する対策です。ユースケースごとに掲載しています。"
    else:
        facility_groups = _printed_once(
            assessment,
            [
                (
                    rc.name,
                    rc.name,
                    "",
                    [i for i in facility if rc.id in i.countermeasure.risk_categories],
                )
                for rc in guideline.risk_categories
            ],
        )
        facility_note = "施設として一度回答する対策です。リスク区分ごとに掲載しています。"

    tool_items = [i for i in items if i.part is Part.TOOL]
    tool_groups = []
    for tool in [t for t in assessment.tools if t.approval is not Approval.PROHIBITED]:
        mine = [i for i in tool_items if i.tool_id == tool.id]
        rows = [DetailRow(i, i.answer_in(assessment)) for i in mine]
        tool_groups.append(
            DetailGroup(
                tool_title(tool), tool.name, tally(mine), rows, [], _tool_note(tool, guideline)
            )
        )
    prohibited = [t.name for t in assessment.tools if t.approval is Approval.PROHIBITED]
    if not assessment.tools:
        tool_note = (
            "生成AIツール台帳にツールが登録されていません。ツールを登録すると、"
            "ツールごとに回答する対策（学習への利用、データの保存、ログなど）がここに載ります。"
        )
    else:
        tool_note = "台帳のツールごとに、提供者（ベンダー）や情報システム部門が回答する対策です。"
    if prohibited:
        tool_note += f"利用禁止のツール（{'、'.join(prohibited)}）には回答しません。"

    step_items = [i for i in items if i.part is Part.STEP]
    step_groups = _printed_once(
        assessment,
        [
            (
                step_label(guideline, step_id),
                guideline.step(step_id).name,
                _roles_note(guideline, step_id),
                [i for i in step_items if step_id in i.countermeasure.steps],
            )
            for step_id in steps
        ],
        steps,
    )
    step_note = (
        "評価範囲の業務ステップで、職種ごとに現場が行う対策です。"
        "複数の業務ステップに関係する対策は一度だけ回答し、最初の業務ステップに掲載しています。"
        if step_items
        else "評価範囲の業務ステップに、現場が行う対策（業務ステップの対策）はありません。"
        if steps
        else "評価範囲に業務ステップがありません。業務ステップを選ぶか、"
        "生成AIツール台帳でツールを使う業務ステップを登録すると、現場の手順がここに載ります。"
    )
    return [
        PartDetail(Part.FACILITY, tally(facility), facility_groups, facility_note),
        PartDetail(Part.TOOL, tally(tool_items), tool_groups, tool_note),
        PartDetail(Part.STEP, tally(step_items), step_groups, step_note),
    ]


def _tool_note(tool: AITool, guideline: Guideline) -> str:
    known = {s.id for s in guideline.steps}
    steps = [step_label(guideline, s) for s in tool.steps if s in known]
    return (
        f"{tool.approval.label}・{tool.deployment.label}・患者情報の入力 {tool.patient_data.label}"
        f"　使う業務ステップ: {'、'.join(steps) or '（指定なし）'}"
        + (f"　管理責任者: {tool.owner}" if tool.owner else "")
    )


def _roles_note(guideline: Guideline, step_id: str) -> str:
    roles: dict[str, None] = {}
    for cm in guideline.countermeasures_for_step(step_id):
        roles.update(dict.fromkeys(r.label for r in cm.roles))
    return f"この場面で行う職種: {'・'.join(roles)}" if roles else ""


def _printed_once(
    assessment: Assessment,
    groups: list[tuple[str, str, str, list[AssessmentItem]]],
    steps: list[str] | None = None,
    *,
    codes: bool = False,
) -> list[DetailGroup]:
    """Every item printed once: in the first group it belongs to.

    An item serving several groups (use cases, risk categories, steps) is listed in full only
    in the first; a later group lists those printed earlier, and its counts cover all of
    them, so they match the coverage figures. ``codes``: each group's key is an id to print
    beside its title.
    """
    printed: set[tuple[str, str | None]] = set()
    result: list[DetailGroup] = []

    def row(item: AssessmentItem) -> DetailRow:
        return DetailRow(item, item.answer_in(assessment))

    for index, (title, key, note, items) in enumerate(groups):
        if not items:
            continue
        rows = [row(i) for i in items if i.key not in printed]
        earlier = [row(i) for i in items if i.key in printed]
        printed.update(i.key for i in items)
        step = steps[index] if steps is not None else ""
        tally = scoring.tally(assessment, items)
        code = key if codes else ""
        result.append(DetailGroup(title, key, tally, rows, earlier, note, step, code))
    return result
