"""The two-page executive summary for the committee.

Page 1: the title block, then the approval block at the right as on Japanese internal forms
(below the title, so that text extraction and screen readers read the title first), who and
what, what the items rest on, the headline figures and the committee's 総評・所見.
Page 2: risk categories, the most important gaps and how to read the figures. Each page is
fitted to its frame, so the summary is always exactly two pages.
"""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepInFrame, PageBreak, Spacer, Table, TableStyle

from .appendix import formulas_in_report
from .cells import plain_cells
from .cover import REPORT_TITLE, approval_block, comment_box, facts_table
from .document import outlined
from .gaps import SEVERITY_WIDTH, item_cell, severity_cell, severity_commands
from .overview import coverage_table, key_figures, status_mix
from .render_context import ReportContext
from .source_statement import source_statement
from .styles import FRAME_HEIGHT, FRAME_WIDTH, table_style
from .tables import TableCell

MAX_GAPS = 10


def _fit(flowables: list[Flowable], *outline: str) -> KeepInFrame:
    page = KeepInFrame(FRAME_WIDTH, FRAME_HEIGHT - 2, flowables, mode="shrink")
    for title in outline:
        outlined(page, title)
    return page


def _title_block(ctx: ReportContext) -> list[Flowable]:
    """Title, facility and dates, then the approval block at the right, in that order."""
    return [
        ctx.markup(REPORT_TITLE, "h1"),
        ctx.markup("要約版（委員会用）", "muted"),
        Spacer(1, 2 * mm),
        ctx.para(ctx.assessment.facility.name, "h2"),
        ctx.para(
            f"評価日 {ctx.date(ctx.assessment.assessment_date, short=False)}"
            f"　印刷日 {ctx.date(ctx.today, short=False)}",
            "small",
        ),
        Spacer(1, 2 * mm),
        approval_block(ctx, col=25 * mm, seal=15 * mm),
    ]


def _urgent_gaps(ctx: ReportContext) -> list[Flowable]:
    gaps = ctx.content.gaps
    if not gaps:
        return [ctx.markup("未実施・一部実施の対策はありません。", "body")]
    shown = gaps[:MAX_GAPS]
    widths = [0, SEVERITY_WIDTH, 15 * mm, 26 * mm, 30 * mm]
    widths[0] = FRAME_WIDTH - sum(widths)
    data: list[list[TableCell]] = [
        ctx.header(["対策", "重大度", "状況", "担当者", "目標日"], widths)
    ]
    for gap in shown:
        target = ctx.esc(ctx.date(gap.answer.target_date) or "未設定")
        if gap.overdue:
            target += "<br/><b>期限超過</b>"
        data.append(
            [
                item_cell(ctx, gap.item),
                severity_cell(ctx, gap.severity),
                ctx.cell(gap.answer.status.label, "cell_bold", widths[2]),
                ctx.cell(gap.answer.owner or "未定", "cell", widths[3], person=True),
                ctx.markup(target, "cell"),
            ]
        )
    table = Table(data, colWidths=widths, repeatRows=1)
    s = ctx.styles
    commands = table_style() + severity_commands(ctx, shown, 1)
    commands += plain_cells(s.cell_bold, (2, 1), (2, -1)) + plain_cells(s.cell, (3, 1), (3, -1))
    table.setStyle(TableStyle(commands))
    note = (
        f"全 {len(gaps)} 件のうち重大度の高い順に {len(shown)} 件"
        "（同じ重大度では目標日を過ぎたもの、目標日の早いものから）。"
        "全件は完全版の改善計画を参照してください。"
        if len(gaps) > len(shown)
        else f"全 {len(gaps)} 件（重大度の高い順）。"
    ) + ctx.shared_provenance_note()
    return [table, Spacer(1, 1.5 * mm), ctx.markup(note, "muted")]


def summary_story(ctx: ReportContext) -> list[Flowable]:
    c = ctx.content
    t = c.overall
    page1: list[Flowable] = [
        *_title_block(ctx),
        Spacer(1, 3 * mm),
        facts_table(ctx, label_width=38 * mm, compact=True),
        Spacer(1, 3 * mm),
        comment_box(ctx, blank_height=16 * mm),
        Spacer(1, 3 * mm),
        key_figures(ctx, t),
        Spacer(1, 3 * mm),
        *status_mix(ctx, t),
        Spacer(1, 2 * mm),
        coverage_table(ctx, "区分", c.by_part),
    ]
    if c.by_tool:
        page1 += [Spacer(1, 3 * mm), coverage_table(ctx, "AIツール", c.by_tool)]
    if c.by_use_case:
        page1 += [Spacer(1, 3 * mm), coverage_table(ctx, "ユースケース", c.by_use_case)]
    page2: list[Flowable] = []
    if c.by_risk_category:
        page2 += [
            ctx.markup("リスク区分別の状況", "h2"),
            coverage_table(ctx, "リスク区分", c.by_risk_category),
        ]
    page2 += [
        ctx.markup("優先して取り組む対策（重大度の高い順）", "h2"),
        *_urgent_gaps(ctx),
        ctx.markup("未回答と該当なし", "h2"),
        ctx.markup(
            f"未回答 {t.unanswered} 件は実施済みに数えず、実施率では 0 として数えています。"
            f"該当なし {t.not_applicable} 件は実施率の分母から除いています"
            "（理由は完全版の適用宣言を参照）。",
            "body",
        ),
        ctx.markup("数値の計算方法", "h2"),
        *[ctx.para(text, "small") for text in formulas_in_report(ctx, steps=False)],
        ctx.markup("出典", "h2"),
        ctx.para(
            f"{ctx.guideline.title}（{ctx.guideline.info.publisher}）第{ctx.guideline.edition}版に基づく"
            f"本アプリのデータ（データ版 {ctx.guideline.data_version}）。"
            + source_statement(ctx.assessment, ctx.guideline)
            + "本報告書は施設の自己評価であり、HAIP による認証・評価ではありません。",
            "small",
        ),
    ]
    return [
        _fit(page1, "要約: 評価の概要・総評・進捗"),
        PageBreak(),
        _fit(page2, "要約: 状況の内訳・優先して取り組む対策・計算方法と出典"),
    ]
