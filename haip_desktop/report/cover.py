"""The cover: what was assessed, by whom, against which guideline, and the approval block."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer, Table, TableStyle

from ..assessment.parts import Part
from . import dates
from .content import step_label
from .context import ReportContext, percent
from .fonts import BOLD, REGULAR
from .styles import FRAME_WIDTH, HEADER_FILL, LIGHT_RULE, MUTED, RULE, table_style

REPORT_TITLE = "生成AI利用に関する自己評価報告書"
NOTHING_IN_SCOPE = (
    "評価対象の対策がありません。評価画面で、評価の範囲（ユースケース、業務ステップ、"
    "生成AIツール台帳）を設定してください。"
)


def items_text(ctx: ReportContext) -> str:
    """「評価対象の項目 150 件（施設の体制 68、AIツール 82（2 ツール）、現場の手順 0）」"""
    c = ctx.content
    tools = len(c.by_tool)
    parts = [
        f"{Part.FACILITY.part_label} {c.part_tally(Part.FACILITY).total}",
        f"{Part.TOOL.part_label} {c.part_tally(Part.TOOL).total}"
        + (f"（{tools} ツール）" if tools else ""),
        f"{Part.STEP.part_label} {c.part_tally(Part.STEP).total}",
    ]
    return f"評価対象の項目 {c.overall.total} 件（{'、'.join(parts)}）"


def facts(ctx: ReportContext, *, compact: bool = False) -> list[tuple[str, str]]:
    """(label, value) pairs about the assessment, values as plain text.

    compact leaves out what the summary's title block already says (facility, dates).
    """
    a = ctx.assessment
    g = ctx.guideline
    kind = a.facility.kind.label + (f"（{a.facility.beds}床）" if a.facility.beds else "")
    edition = next((e for e in g.info.editions if e.number == g.edition), None)
    published = (
        f"（{dates.format_date(edition.published, ctx.options.era)}公表）" if edition else ""
    )
    if a.scope.all:
        scope = "ガイドラインのすべて（全ユースケース・全業務ステップ）"
    else:
        ucs = ctx.content.use_cases
        steps = ctx.content.steps
        scope = (
            f"{len(ucs)} ユースケース（" + "、".join(uc.id for uc in ucs) + "）"
            f"・業務ステップ {len(steps)} か所"
            if ucs or steps
            else "未設定（ユースケース・業務ステップ・ツール台帳のいずれも選ばれていません）"
        )
    scope += f"／{items_text(ctx)}"
    rows = [] if compact else [("施設名", a.facility.name)]
    rows += [("施設の種別", kind)]
    if a.facility.department:
        rows.append(("担当部署", a.facility.department))
    rows.append(("評価者", "、".join(a.assessors) or "（記入なし）"))
    if not compact:
        rows.append(("評価日", ctx.date(a.assessment_date, short=False)))
    rows.append(("評価の範囲", scope))
    if not compact and ctx.content.steps and not a.scope.all:
        rows.append(
            ("評価する業務ステップ", "、".join(step_label(g, s) for s in ctx.content.steps))
        )
    rows += [
        ("評価対象の生成AI製品", "、".join(a.products) or "（記入なし）"),
        ("準拠したガイドライン", f"{g.title} 第{g.edition}版{published}"),
        ("ガイドラインデータの版", f"{g.data_version}（評価時: {a.guideline.data_version}）"),
    ]
    if not compact:
        rows += [
            ("発行者", g.info.publisher),
            ("印刷日", ctx.date(ctx.today, short=False)),
            ("報告書の種類", ctx.options.layout.label),
        ]
    return rows


def facts_table(
    ctx: ReportContext, label_width: float = 42 * mm, *, compact: bool = False
) -> Table:
    data = [
        [ctx.para(label, "cell_bold"), ctx.para(value)]
        for label, value in facts(ctx, compact=compact)
    ]
    table = Table(data, colWidths=[label_width, FRAME_WIDTH - label_width])
    table.setStyle(
        TableStyle(
            table_style(header_rows=0)
            + [
                ("BACKGROUND", (0, 0), (0, -1), HEADER_FILL),
                ("LINEABOVE", (0, 0), (-1, 0), 0.8, RULE),
            ]
        )
    )
    return table


APPROVAL_LABEL_WIDTH = 15 * mm


def approval_width(col: float) -> float:
    return APPROVAL_LABEL_WIDTH + 3 * col


def approval_block(ctx: ReportContext, col: float = 36 * mm, seal: float = 24 * mm) -> Table:
    """承認欄: 作成者 / 確認者 / 承認者, each with name, date and a seal box, filled by hand."""
    blank_date = dates.blank_date(ctx.options.era, narrow=col < 30 * mm)
    roles = ["作成者", "確認者", "承認者"]
    data = [
        [ctx.markup("承認欄", "cell_bold"), *[ctx.markup(r, "cell_center") for r in roles]],
        [ctx.markup("氏名", "cell"), "", "", ""],
        # plain strings: a Paragraph would collapse the spaces of the blank date
        [ctx.markup("日付", "cell"), *[blank_date for _ in roles]],
        [ctx.markup("印", "cell"), "", "", ""],
    ]
    table = Table(
        data,
        colWidths=[APPROVAL_LABEL_WIDTH, col, col, col],
        rowHeights=[6.5 * mm, 9 * mm, 7 * mm, seal],
        hAlign="RIGHT",
    )
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), REGULAR, 8.5),
                ("FONT", (0, 0), (-1, 0), BOLD, 8.5),
                ("FONT", (1, 2), (-1, 2), REGULAR, 7.5),
                ("TEXTCOLOR", (1, 2), (-1, 2), MUTED),
                ("GRID", (0, 0), (-1, -1), 0.6, RULE),
                ("BOX", (0, 0), (-1, -1), 1.0, RULE),
                ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
                ("BACKGROUND", (0, 1), (0, -1), HEADER_FILL),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LINEBELOW", (1, 1), (-1, 1), 0.4, LIGHT_RULE),
            ]
        )
    )
    return table


def cover(ctx: ReportContext) -> list[Flowable]:
    t = ctx.content.overall
    summary = (
        NOTHING_IN_SCOPE
        if not t.total
        else (
            f"{items_text(ctx)}のうち回答済み {t.answered} 件（回答率 {percent(t.progress)}）、"
            f"実施率 {percent(t.coverage)}。"
            f"未実施・一部実施 {t.not_done + t.partial} 件、該当なし {t.not_applicable} 件、"
            f"未回答 {t.unanswered} 件。未回答は実施済みに数えていません。"
        )
    )
    return [
        Spacer(1, 18 * mm),
        ctx.markup(REPORT_TITLE, "title"),
        Spacer(1, 2 * mm),
        ctx.markup(ctx.esc(ctx.guideline.title) + " に基づく対策の実施状況", "subtitle"),
        Spacer(1, 14 * mm),
        facts_table(ctx),
        Spacer(1, 6 * mm),
        ctx.markup(summary, "body"),
        Spacer(1, 16 * mm),
        approval_block(ctx),
    ]
