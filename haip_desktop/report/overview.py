"""Overview: the headline figures, the status mix, and coverage by part (施設の体制, AIツール,
現場の手順), by tool, use case, risk category and workflow step, each as a table with a bar a
reader can take in at a glance."""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Spacer, Table, TableStyle

from ..assessment.scoring import Tally
from .cells import plain_cells
from .charts import legend, status_bar
from .fonts import REGULAR
from .heat import coverage_text, heat_colour, heat_ink
from .render_context import ReportContext, gap_count, percent
from .report_content import CoverageRow
from .styles import (
    BAND_FILL,
    FRAME_WIDTH,
    HEADING_ROOM,
    LIGHT_RULE,
    RULE,
    WHITE,
    table_style,
)
from .tables import ReportTable, TableCell, keep_with_table

BAR_WIDTH = 52 * mm
NUMBER_COLUMNS = [
    12 * mm,
    15 * mm,
    15 * mm,
    14 * mm,
    13 * mm,
]  # 対象, 回答率, 実施率, 要改善, 未回答


def key_figures(ctx: ReportContext, t: Tally) -> Table:
    """Five boxes: the figures a committee asks for first."""
    figures = [
        (f"{t.total}", "評価対象の項目（件）"),
        (percent(t.progress), f"回答率（{t.answered} / {t.total}）"),
        (percent(t.coverage), "実施率"),
        (f"{gap_count(t)}", "未実施・一部実施（件）"),
        (f"{t.unanswered}", "未回答（件）"),
    ]
    width = FRAME_WIDTH / len(figures)
    data = [
        [ctx.markup(value, "figure") for value, _ in figures],
        [ctx.markup(label, "figure_label") for _, label in figures],
    ]
    table = Table(data, colWidths=[width] * len(figures))
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), REGULAR, 9),
                ("BOX", (0, 0), (-1, -1), 0.8, RULE),
                ("LINEBEFORE", (1, 0), (-1, -1), 0.4, LIGHT_RULE),
                ("BACKGROUND", (0, 0), (-1, -1), BAND_FILL),
                ("TOPPADDING", (0, 0), (-1, 0), 6),
                ("BOTTOMPADDING", (0, -1), (-1, -1), 6),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ]
        )
    )
    return table


def status_mix(ctx: ReportContext, t: Tally) -> list[Flowable]:
    return [
        status_bar(t, FRAME_WIDTH, 6 * mm),
        Spacer(1, 1.5 * mm),
        legend(FRAME_WIDTH, with_counts=t),
    ]


def coverage_table(
    ctx: ReportContext, title: str, rows: list[CoverageRow], *, grouped: bool = False
) -> ReportTable:
    """label | status bar | 対象 | 回答率 | 実施率 | 要改善 | 未回答, header repeated on each page.

    With grouped=True a band row names each group (the flow of a step) before its rows.
    """
    widths = [FRAME_WIDTH - BAR_WIDTH - sum(NUMBER_COLUMNS), BAR_WIDTH, *NUMBER_COLUMNS]
    titles = [title, "内訳", "対象", "回答率", "実施率", "要改善", "未回答"]
    data: list[list[TableCell]] = [ctx.header(titles, widths)]
    bands: list[int] = []
    current_group = None
    for row in rows:
        if grouped and row.group != current_group:
            current_group = row.group
            bands.append(len(data))
            data.append([ctx.para(row.group, "cell_bold"), "", "", "", "", "", ""])
        t = row.tally
        data.append(
            [
                ctx.markup(ctx.named(row.label, row.code), "cell"),
                status_bar(t, BAR_WIDTH - 6),
                *[
                    ctx.cell(figure, "cell_right", width)
                    for figure, width in zip(
                        (
                            str(t.total),
                            percent(t.progress),
                            percent(t.coverage),
                            str(gap_count(t)),
                            str(t.unanswered),
                        ),
                        NUMBER_COLUMNS,
                        strict=True,
                    )
                ],
            ]
        )
    table = ReportTable(data, colWidths=widths, repeatRows=1)
    commands = table_style() + [("VALIGN", (0, 1), (-1, -1), "MIDDLE")]
    commands += plain_cells(ctx.styles.cell_right, (2, 1), (-1, -1))
    for index in bands:
        commands += [
            ("SPAN", (0, index), (-1, index)),
            ("BACKGROUND", (0, index), (-1, index), BAND_FILL),
            (
                "NOSPLIT",
                (0, index),
                (-1, min(index + 1, len(data) - 1)),
            ),  # a band never ends a page
        ]
    table.setStyle(TableStyle(commands))
    return table


def heat_map(ctx: ReportContext) -> ReportTable:
    """Use case × risk category, each cell the 実施率 of that cell of the risk matrix."""
    c = ctx.content
    label_width = 46 * mm
    col = (FRAME_WIDTH - label_width) / max(len(c.category_ids), 1)
    header = [ctx.markup("ユースケース＼リスク区分", "header_cell")] + [
        ctx.para(ctx.guideline.risk_category(rc).name, "heat_header") for rc in c.category_ids
    ]
    data: list[list[TableCell]] = [header]
    commands = table_style() + [
        ("ALIGN", (1, 1), (-1, -1), "CENTER"),
        ("VALIGN", (0, 1), (-1, -1), "MIDDLE"),
        ("VALIGN", (1, 0), (-1, 0), "BOTTOM"),
        ("FONT", (1, 1), (-1, -1), REGULAR, 8),
        ("LINEBEFORE", (1, 0), (-1, -1), 0.4, WHITE),
    ]
    for r, (uc, cells) in enumerate(c.heat_map, start=1):
        row: list[TableCell] = [ctx.markup(ctx.named(uc.name, uc.id), "cell_small")]
        for k, (_rc, tally) in enumerate(cells, start=1):
            # The app's one heat scale (report/heat.py), as in the group report and view.
            row.append(coverage_text(tally))
            commands += [
                ("BACKGROUND", (k, r), (k, r), colors.HexColor(heat_colour(tally))),
                ("TEXTCOLOR", (k, r), (k, r), colors.HexColor(heat_ink(tally))),
            ]
        data.append(row)
    table = ReportTable(data, colWidths=[label_width] + [col] * len(c.category_ids), repeatRows=1)
    table.setStyle(TableStyle(commands))
    return table


def _sub(ctx: ReportContext, markup: str, title: str, table: ReportTable) -> list[Flowable]:
    """A subsection: its heading (in the outline) kept with the first rows of its table."""
    return [
        CondPageBreak(HEADING_ROOM),
        *keep_with_table([ctx.heading(markup, "h2", title, level=1)], table),
    ]


def overview(ctx: ReportContext, number: int) -> list[Flowable]:
    c = ctx.content
    title = f"{number}. 概要"
    story: list[Flowable] = [
        ctx.heading(title, "h1", title),
        ctx.markup(
            "評価対象の項目ごとの回答を集計しました。施設として一度回答する「施設の体制」、"
            "台帳のツールごとに回答する「AIツール」、業務ステップで現場が行う「現場の手順」の"
            "三つに分けています。未回答の項目は実施済みに数えず、"
            "実施率では未実施と同じく 0 として数えています（計算方法は巻末）。",
            "body",
        ),
        Spacer(1, 3 * mm),
        key_figures(ctx, c.overall),
        Spacer(1, 4 * mm),
        KeepTogether([ctx.markup("対策の状況（全体）", "h3"), *status_mix(ctx, c.overall)]),
        *_sub(ctx, "区分別", "区分別", coverage_table(ctx, "区分", c.by_part)),
    ]
    if c.by_tool:
        story += _sub(
            ctx,
            "AIツール別<font size=8>　台帳のツールごとの回答（利用禁止のツールを除く）</font>",
            "AIツール別",
            coverage_table(ctx, "AIツール", c.by_tool),
        )
    if c.by_use_case:
        story += _sub(
            ctx,
            "ユースケース別",
            "ユースケース別",
            coverage_table(ctx, "ユースケース", c.by_use_case),
        )
    if c.by_risk_category:
        story += _sub(
            ctx,
            "リスク区分別",
            "リスク区分別",
            coverage_table(ctx, "リスク区分", c.by_risk_category),
        )
    if c.heat_map and c.category_ids:
        story += _sub(
            ctx,
            "ユースケース×リスク区分の実施率"
            "<font size=8>　色が濃いほど実施率が高い（灰色: 対策なし、—: すべて該当なし）</font>",
            "ユースケース×リスク区分の実施率",
            heat_map(ctx),
        )
    if c.by_step:
        story += _sub(
            ctx,
            "業務ステップ別（現場の手順）<font size=8>　各業務ステップで現場が行う対策だけを"
            "数えています</font>",
            "業務ステップ別（現場の手順）",
            coverage_table(ctx, "業務フロー｜業務ステップ", c.by_step, grouped=True),
        )
    return story
