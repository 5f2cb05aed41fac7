"""改善計画: every 未実施 / 一部実施 item with who acts and by when, part by part (施設の体制,
each AI tool, 現場の手順), most important first within each: in scoring.gap_list's order
(the highest severity of the risks the item addresses, then overdue, then 目標日)."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, Paragraph, Spacer, TableStyle

from ..assessment.parts import AssessmentItem, Part
from ..assessment.scoring import Gap
from ..guideline import Countermeasure, Severity
from .cells import plain_cells
from .render_context import ReportContext
from .report_content import GapGroup, where_text
from .styles import FRAME_WIDTH, HEADING_ROOM, MUTED_HEX, TableCommand, table_style
from .tables import ReportTable, TableCell, keep_with_table

DATE_WIDTH = 21 * mm  # 2026/12/16 at 7.5 pt
SEVERITY_WIDTH = 11 * mm
ORDER_TEXT = (
    "重大度（その対策が防ぐリスクのうち最も高い重大度）の高い順に、"
    "同じ重大度では目標日を過ぎたもの、目標日の早いもの（目標日のないものは最後）の順"
)


def countermeasure_cell(ctx: ReportContext, cm: Countermeasure, extra: str = "") -> Paragraph:
    """The title with its id small beside it, then a small grey line: 立場・段階 and where
    the text comes from."""
    tags = [cm.perspective.label, cm.phase.label, *ctx.provenance_tags(cm)]
    line = "・".join(tags) + (f"　{extra}" if extra else "")
    return ctx.markup(
        f'{ctx.named(cm.title, cm.id)}<br/><font size="7" color="{MUTED_HEX}">'
        f"{ctx.esc(line)}</font>",
        "cell",
    )


def item_cell(
    ctx: ReportContext, item: AssessmentItem, *, where: bool = True, here: str = ""
) -> Paragraph:
    """countermeasure_cell() with where the item is acted on (its tool, or its steps and
    roles) in the grey line, unless the surrounding heading says it already (``where``
    False; ``here``: the step the heading names)."""
    extra = where_text(item, ctx.guideline, ctx.content.steps, here=here) if where else ""
    return countermeasure_cell(ctx, item.countermeasure, extra)


def severity_style(severity: Severity | None) -> str:
    return "cell_center_bold" if severity is Severity.HIGH else "cell_center"


def severity_cell(ctx: ReportContext, severity: Severity | None) -> Paragraph | str:
    """The label in severity_style() (a plain string where it fits), — when none."""
    label = "—" if severity is None else severity.label
    return ctx.cell(label, severity_style(severity), SEVERITY_WIDTH)


def severity_commands(ctx: ReportContext, gaps: list[Gap], column: int) -> list[TableCommand]:
    """The styles of a column of severity cells, one gap per row from row 1 on."""
    commands: list[TableCommand] = []
    for row, gap in enumerate(gaps, start=1):
        style = getattr(ctx.styles, severity_style(gap.severity))
        commands += plain_cells(style, (column, row), (column, row))
    return commands


def target_style(gap: Gap) -> str:
    return "cell" if gap.answer.target_date is None else "code"


def target_cell(ctx: ReportContext, gap: Gap) -> TableCell:
    """目標日 (in target_style(); 未設定 when none), and 期限超過 under it when it has passed
    by the print date."""
    if gap.answer.target_date is None:
        return ctx.cell("未設定", target_style(gap), DATE_WIDTH)
    date = ctx.date(gap.answer.target_date)
    if not gap.overdue:
        return ctx.cell(date, target_style(gap), DATE_WIDTH)
    return [ctx.para(date, target_style(gap)), ctx.markup("期限超過", "cell_bold")]


def gap_table(ctx: ReportContext, group: GapGroup) -> ReportTable:
    notes = ctx.options.include_notes
    fixed = [SEVERITY_WIDTH, 15 * mm, 17 * mm, 24 * mm, DATE_WIDTH]
    title_width = 50 * mm if notes else FRAME_WIDTH - sum(fixed)
    widths = [title_width, *fixed]
    headers = ["対策", "重大度", "状況", "実施主体", "担当者", "目標日"]
    if notes:
        widths.append(FRAME_WIDTH - sum(widths))
        headers.append("備考")
    data: list[list[TableCell]] = [ctx.header(headers, widths)]
    s = ctx.styles
    commands = table_style(column_rules=True)
    commands += severity_commands(ctx, group.gaps, 1)
    commands += plain_cells(s.cell_bold, (2, 1), (2, -1))  # status
    commands += plain_cells(s.cell, (3, 1), (4, -1))  # actor, person
    commands += plain_cells(s.code, (5, 1), (5, -1))  # target date, unless 未設定
    for index, gap in enumerate(group.gaps, start=1):
        answer = gap.answer
        row = [
            # The group's heading names the tool; a step action says its steps and roles.
            item_cell(ctx, gap.item, where=group.part is Part.STEP),
            severity_cell(ctx, gap.severity),
            ctx.cell(answer.status.label, "cell_bold", widths[2]),
            ctx.cell(answer.actor.label if answer.actor else "未定", "cell", widths[3]),
            ctx.cell(answer.owner or "未定", "cell", widths[4], person=True),
            target_cell(ctx, gap),
        ]
        if notes:
            row.append(ctx.para(answer.note, "cell"))
        data.append(row)
        if target_style(gap) != "code":
            commands += plain_cells(s.cell, (5, index), (5, index))
    table = ReportTable(data, colWidths=widths, repeatRows=1)
    table.setStyle(TableStyle(commands))
    return table


def gap_section(ctx: ReportContext, number: int) -> list[Flowable]:
    c = ctx.content
    title = f"{number}. 改善計画（未実施・一部実施の対策）"
    overdue = sum(1 for g in c.gaps if g.overdue)
    story: list[Flowable] = [
        ctx.heading(title, "h1", title),
        ctx.markup(
            f"未実施 {c.overall.not_done} 件、一部実施 {c.overall.partial} 件"
            + (f"（うち目標日を過ぎたもの {overdue} 件）" if overdue else "")
            + "。施設の体制、AIツール（ツールごと）、現場の手順に分け、それぞれ"
            + ORDER_TEXT
            + "に並べています。期限超過は印刷日"
            + f"（{ctx.date(ctx.today, short=False)}）に目標日を過ぎているものです。"
            + ctx.shared_provenance_note(),
            "body",
        ),
    ]
    if not c.gap_groups:
        story.append(Spacer(1, 3 * mm))
        story.append(ctx.markup("未実施・一部実施の対策はありません。", "body"))
        return story
    for group in c.gap_groups:
        heading = ctx.heading(
            ctx.esc(group.title) + f"（{len(group.gaps)} 件）", "h2", group.title, 1
        )
        story.append(CondPageBreak(HEADING_ROOM))
        story += keep_with_table([heading], gap_table(ctx, group))
    if c.unanswered:
        story.append(Spacer(1, 3 * mm))
        story.append(
            ctx.markup(
                f"このほか未回答の項目が {len(c.unanswered)} 件あります。"
                "未回答は改善計画に含めず、評価結果の表に「未回答」として示しています。",
                "body",
            )
        )
    return story
