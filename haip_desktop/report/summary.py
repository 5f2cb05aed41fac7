"""The two-page executive summary for the committee.

Page 1: who, what and the headline figures, with the approval block at the top right as on
Japanese internal forms. Page 2: risk categories, the most urgent gaps and how to read the
figures. Each page is fitted to its frame, so the summary is always exactly two pages.
"""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepInFrame, PageBreak, Spacer, Table, TableStyle

from ..assessment.scoring import is_overdue
from .appendix import formulas_in_report
from .context import ReportContext
from .cover import REPORT_TITLE, approval_block, approval_width, facts_table
from .fonts import REGULAR
from .gaps import ID_WIDTH, item_cell
from .overview import coverage_table, key_figures, status_mix
from .styles import FRAME_HEIGHT, FRAME_WIDTH, table_style

MAX_GAPS = 10


def _fit(flowables: list[Flowable]) -> KeepInFrame:
    return KeepInFrame(FRAME_WIDTH, FRAME_HEIGHT - 2, flowables, mode="shrink")


def _title_block(ctx: ReportContext) -> Table:
    col = 25 * mm
    approval = approval_block(ctx, col=col, seal=18 * mm)
    width = approval_width(col)
    left = [
        ctx.markup(REPORT_TITLE, "h1"),
        ctx.markup("要約版（委員会用）", "muted"),
        Spacer(1, 3 * mm),
        ctx.para(ctx.assessment.facility.name, "h2"),
        ctx.para(
            f"評価日 {ctx.date(ctx.assessment.assessment_date, short=False)}"
            f"　印刷日 {ctx.date(ctx.today, short=False)}",
            "small",
        ),
    ]
    table = Table([[left, approval]], colWidths=[FRAME_WIDTH - width, width])
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), REGULAR, 9),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return table


def _urgent_gaps(ctx: ReportContext) -> list[Flowable]:
    gaps = ctx.content.gaps
    if not gaps:
        return [ctx.markup("未実施・一部実施の対策はありません。", "body")]
    shown = gaps[:MAX_GAPS]
    widths = [ID_WIDTH, 0, 15 * mm, 26 * mm, 30 * mm]
    widths[1] = FRAME_WIDTH - sum(widths)
    data: list[list] = [
        [ctx.markup(h, "header_cell") for h in ("ID", "対策", "状況", "担当者", "目標日")]
    ]
    for gap in shown:
        target = ctx.date(gap.answer.target_date) or "未設定"
        if is_overdue(gap.answer, ctx.today):
            target += "（期限超過）"
        data.append(
            [
                ctx.para(gap.countermeasure.id, "code"),
                item_cell(ctx, gap.item),
                ctx.para(gap.answer.status.label, "cell_bold"),
                ctx.para(gap.answer.owner or "未定"),
                ctx.para(target),
            ]
        )
    table = Table(data, colWidths=widths, repeatRows=1)
    table.setStyle(TableStyle(table_style()))
    note = (
        f"全 {len(gaps)} 件のうち目標日の早い {len(shown)} 件。全件は完全版の改善計画を参照してください。"
        if len(gaps) > len(shown)
        else f"全 {len(gaps)} 件。"
    ) + ctx.shared_provenance_note()
    return [table, Spacer(1, 1.5 * mm), ctx.markup(note, "muted")]


def summary_story(ctx: ReportContext) -> list[Flowable]:
    c = ctx.content
    t = c.overall
    page1: list[Flowable] = [
        _title_block(ctx),
        Spacer(1, 4 * mm),
        facts_table(ctx, label_width=38 * mm, compact=True),
        Spacer(1, 4 * mm),
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
        ctx.markup("優先して取り組む対策（目標日の早い順）", "h2"),
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
            "対策の一部は本アプリ独自の整理またはガイドライン原文と未照合です（表に表示）。"
            "本報告書は施設の自己評価であり、HAIP による認証・評価ではありません。",
            "small",
        ),
    ]
    return [_fit(page1), PageBreak(), _fit(page2)]
