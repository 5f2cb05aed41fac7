"""The cover: what was assessed, by whom, against which guideline and what its items rest on,
the committee's 総評・所見, and the approval block."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepInFrame, Spacer, Table, TableStyle

from ..assessment.models import Approval, Assessment
from ..assessment.parts import Part
from . import dates
from .data_version import LABEL as DATA_VERSION_LABEL
from .data_version import data_version_text
from .document import outlined
from .fonts import BOLD, REGULAR
from .render_context import ReportContext, percent
from .report_content import step_label
from .source_statement import source_statement
from .styles import FRAME_HEIGHT, FRAME_WIDTH, HEADER_FILL, LIGHT_RULE, MUTED, RULE, table_style

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
        names = "" if compact else "（" + "、".join(uc.name for uc in ucs) + "）"
        scope = (
            f"ユースケース {len(ucs)} 件{names if ucs else ''}・業務ステップ {len(steps)} か所"
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
        ("評価対象の生成AI製品", products_evaluated(a)),
        ("基にしたガイドライン", f"{g.title} 第{g.edition}版{published}"),
        # the claim above, backed on the same page: what the items really rest on
        ("項目の出典", source_statement(a, g)),
        (DATA_VERSION_LABEL, data_version_text(a, g)),
    ]
    if not compact:
        rows += [
            ("発行者", g.info.publisher),
            ("印刷日", ctx.date(ctx.today, short=False)),
            ("報告書の種類", ctx.options.layout.label),
        ]
    return rows


PEOPLE = frozenset({"評価者"})  # values that are names of people: never broken inside one


def facts_table(
    ctx: ReportContext, label_width: float = 42 * mm, *, compact: bool = False
) -> Table:
    data = [
        [
            ctx.para(label, "cell_bold"),
            ctx.person(value) if label in PEOPLE else ctx.para(value),
        ]
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


COMMENT_TITLE = "総評・所見"


def comment_box(ctx: ReportContext, *, blank_height: float = 22 * mm) -> Table:
    """総評・所見: the committee's comment, or an empty box to write it in by hand."""
    text = ctx.assessment.committee_comment.strip()
    body = (
        ctx.para(text, "body")
        if text
        else ctx.markup("（記入なし。委員会の総評・所見をここに記入してください。）", "muted")
    )
    table = Table(
        [[ctx.markup(COMMENT_TITLE, "cell_bold")], [body]],
        colWidths=[FRAME_WIDTH],
        rowHeights=[None, None if text else blank_height],
    )
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), REGULAR, 9),  # else the cells start in Helvetica
                ("BOX", (0, 0), (-1, -1), 0.8, RULE),
                ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
                ("LINEBELOW", (0, 0), (-1, 0), 0.4, RULE),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 5),
                ("RIGHTPADDING", (0, 0), (-1, -1), 5),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ]
        )
    )
    return table


def summary_sentence(ctx: ReportContext) -> str:
    t = ctx.content.overall
    if not t.total:
        return NOTHING_IN_SCOPE
    return (
        f"{items_text(ctx)}のうち回答済み {t.answered} 件（回答率 {percent(t.progress)}）、"
        f"実施率 {percent(t.coverage)}。"
        f"未実施・一部実施 {t.not_done + t.partial} 件、該当なし {t.not_applicable} 件、"
        f"未回答 {t.unanswered} 件。未回答は実施済みに数えていません。"
    )


def cover(ctx: ReportContext) -> list[Flowable]:
    page: list[Flowable] = [
        Spacer(1, 10 * mm),
        ctx.markup(REPORT_TITLE, "title"),
        Spacer(1, 2 * mm),
        ctx.markup(ctx.esc(ctx.guideline.title) + " に基づく対策の実施状況", "subtitle"),
        Spacer(1, 9 * mm),
        facts_table(ctx),
        Spacer(1, 4 * mm),
        ctx.markup(ctx.esc(summary_sentence(ctx)), "body"),
        Spacer(1, 4 * mm),
        comment_box(ctx),
        Spacer(1, 7 * mm),
        approval_block(ctx),
    ]
    # One page, whatever the length of the comment: shrunk to fit when it must be.
    return [outlined(KeepInFrame(FRAME_WIDTH, FRAME_HEIGHT - 2, page, mode="shrink"), "表紙")]


def products_evaluated(a: Assessment) -> str:
    """The products named for the assessment, then the register's tools in use or planned
    (a prohibited tool is not evaluated): a secretary who filled in only the register must
    not read （記入なし） on the cover."""
    names = list(a.products)
    names += [
        t.name for t in a.tools if t.approval is not Approval.PROHIBITED and t.name not in names
    ]
    return "、".join(names) or "（記入なし）"
