"""改善計画: every 未実施 / 一部実施 item with who acts and by when, part by part (施設の体制,
each AI tool, 現場の手順), most urgent first within each."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, Paragraph, Spacer, Table, TableStyle

from ..assessment.parts import AssessmentItem, Part
from ..assessment.scoring import Gap, is_overdue
from ..guideline import Countermeasure
from .content import GapGroup, where_text
from .context import ReportContext
from .styles import FRAME_WIDTH, HEADING_ROOM, MUTED_HEX, table_style
from .tables import ReportTable

ID_WIDTH = 25 * mm  # 11-character ids such as C-LAWPMD-41 at 7.5 pt, with padding
DATE_WIDTH = 21 * mm  # 2026/12/16 at 7.5 pt


def countermeasure_cell(ctx: ReportContext, cm: Countermeasure, extra: str = "") -> Paragraph:
    """Title, then a small grey line: 立場・段階 and where the text comes from."""
    tags = [cm.perspective.label, cm.phase.label, *ctx.provenance_tags(cm)]
    line = "・".join(tags) + (f"　{extra}" if extra else "")
    return ctx.markup(
        f'{ctx.esc(cm.title)}<br/><font size="7" color="{MUTED_HEX}">{ctx.esc(line)}</font>',
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


def target_cell(ctx: ReportContext, gap: Gap) -> list[Paragraph]:
    if gap.answer.target_date is None:
        return [ctx.markup("未設定", "cell")]
    cells = [ctx.markup(ctx.date(gap.answer.target_date), "code")]
    if is_overdue(gap.answer, ctx.today):
        cells.append(ctx.markup("期限超過", "cell_bold"))
    return cells


def gap_table(ctx: ReportContext, group: GapGroup) -> Table:
    notes = ctx.options.include_notes
    fixed = [ID_WIDTH, 15 * mm, 17 * mm, 22 * mm, DATE_WIDTH]
    title_width = 43 * mm if notes else FRAME_WIDTH - sum(fixed)
    widths = [fixed[0], title_width, *fixed[1:]]
    headers = ["ID", "対策", "状況", "実施主体", "担当者", "目標日"]
    if notes:
        widths.append(FRAME_WIDTH - sum(widths))
        headers.append("備考")
    data: list[list] = [[ctx.markup(h, "header_cell") for h in headers]]
    for gap in group.gaps:
        answer = gap.answer
        row = [
            ctx.para(gap.countermeasure.id, "code"),
            # The group's heading names the tool; a step action says its steps and roles.
            item_cell(ctx, gap.item, where=group.part is Part.STEP),
            ctx.para(answer.status.label, "cell_bold"),
            ctx.para(answer.actor.label if answer.actor else "未定", "cell"),
            ctx.para(answer.owner or "未定", "cell"),
            target_cell(ctx, gap),
        ]
        if notes:
            row.append(ctx.para(answer.note, "cell"))
        data.append(row)
    table = ReportTable(data, colWidths=widths, repeatRows=1)
    table.setStyle(TableStyle(table_style(column_rules=True)))
    return table


def gap_section(ctx: ReportContext, number: int) -> list[Flowable]:
    c = ctx.content
    story: list[Flowable] = [
        ctx.markup(f"{number}. 改善計画（未実施・一部実施の対策）", "h1"),
        ctx.markup(
            f"未実施 {c.overall.not_done} 件、一部実施 {c.overall.partial} 件。"
            "施設の体制、AIツール（ツールごと）、現場の手順に分け、それぞれ目標日の早い順"
            "（目標日のないものは最後）に並べています。" + ctx.shared_provenance_note(),
            "body",
        ),
    ]
    if not c.gap_groups:
        story.append(Spacer(1, 3 * mm))
        story.append(ctx.markup("未実施・一部実施の対策はありません。", "body"))
        return story
    for group in c.gap_groups:
        story.append(CondPageBreak(HEADING_ROOM))
        story.append(ctx.markup(ctx.esc(group.title) + f"（{len(group.gaps)} 件）", "h2"))
        story.append(gap_table(ctx, group))
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
