"""The back matter: 該当なし with reasons (statement of applicability), the tool register,
how the figures are computed, and where the texts come from."""

from __future__ import annotations

from collections import Counter

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer, TableStyle

from .. import __version__
from ..assessment.scoring import FORMULAS
from . import dates
from .cells import plain_cells
from .gaps import DATE_WIDTH, item_cell
from .render_context import ReportContext, percent
from .report_content import step_label
from .source_statement import source_statement
from .styles import FRAME_WIDTH, table_style
from .tables import ReportTable, TableCell, keep_with_table


def _appendix_heading(ctx: ReportContext, number: str, title: str) -> Flowable:
    return ctx.heading(f"{number} {title}", "h1", f"{number} {title}")


def not_applicable_section(ctx: ReportContext, number: str) -> list[Flowable]:
    items = ctx.content.not_applicable
    lead: list[Flowable] = [
        _appendix_heading(ctx, number, "該当なしとした対策（適用宣言）"),
        ctx.markup(
            "自施設（AIツールの項目はそのツール）には当てはまらないと判断した対策と、その理由です。"
            "該当なしの項目は実施率の分母から除いています。",
            "body",
        ),
        Spacer(1, 2 * mm),
    ]
    if not items:
        return [*lead, ctx.markup("該当なしとした対策はありません。", "body")]
    widths = [62 * mm, 0, DATE_WIDTH, 23 * mm]
    widths[1] = FRAME_WIDTH - sum(widths)
    data: list[list[TableCell]] = [
        ctx.header(["対策", "該当なしの理由", "確認日", "担当者"], widths)
    ]
    for item, answer in items:
        reason = (
            ctx.para(answer.na_reason)
            if answer.na_reason
            else ctx.markup("（理由の記入なし）", "cell_bold")
        )
        data.append(
            [
                item_cell(ctx, item),
                reason,
                ctx.cell(ctx.date(answer.confirmed_on), "code", widths[2]),
                ctx.cell(answer.owner, "cell", widths[3], person=True),
            ]
        )
    table = ReportTable(data, colWidths=widths, repeatRows=1)
    commands = table_style(column_rules=True)
    commands += plain_cells(ctx.styles.code, (2, 1), (2, -1))
    commands += plain_cells(ctx.styles.cell, (3, 1), (3, -1))
    table.setStyle(TableStyle(commands))
    return keep_with_table(lead, table)


def tools_section(ctx: ReportContext, number: str) -> list[Flowable]:
    tools = ctx.assessment.tools
    lead: list[Flowable] = [
        _appendix_heading(ctx, number, "生成AIツール台帳"),
        ctx.markup("施設で利用している、または導入を予定している生成AI製品の一覧です。", "body"),
        Spacer(1, 2 * mm),
    ]
    if not tools:
        return [*lead, ctx.markup("台帳に登録された生成AIツールはありません。", "body")]
    headers = [
        "名称",
        "提供元",
        "設置形態",
        "利用する業務ステップ",
        "患者情報",
        "承認状況",
        "管理責任者",
    ]
    widths = [32 * mm, 26 * mm, 19 * mm, 0, 14 * mm, 16 * mm, 22 * mm]
    widths[3] = FRAME_WIDTH - sum(widths)
    data: list[list[TableCell]] = [ctx.header(headers, widths)]
    known_steps = {s.id for s in ctx.guideline.steps}
    for tool in tools:
        steps = [
            step_label(ctx.guideline, step_id)
            if step_id in known_steps
            else f"{step_id}（データにない業務ステップ）"
            for step_id in tool.steps
        ]
        name_cell = [ctx.para(tool.name, "cell_bold")]
        if tool.note:
            name_cell.append(ctx.para(tool.note, "cell_small"))
        data.append(
            [
                name_cell,
                ctx.para(tool.vendor),
                ctx.para(tool.deployment.label),
                ctx.para("\n".join(steps) or "（指定なし）"),
                ctx.para(tool.patient_data.label),
                ctx.para(tool.approval.label),
                ctx.person(tool.owner),
            ]
        )
    table = ReportTable(data, colWidths=widths, repeatRows=1)
    table.setStyle(TableStyle(table_style(column_rules=True)))
    return keep_with_table(lead, table)


def formulas_in_report(ctx: ReportContext, *, steps: bool) -> list[str]:
    """How the report's figures are computed, naming only the groupings it shows.

    `steps`: whether the report has figures by workflow step (the summary has none).
    """
    c = ctx.content
    groups = ["区分別"] + (["AIツール別"] if c.by_tool else [])
    shared = []  # groupings where one item can belong to several groups
    if c.by_use_case:
        shared.append("ユースケース")
    if c.by_risk_category:
        shared.append("リスク区分")
    if steps and c.by_step:
        shared.append("業務ステップ")
    groups += [f"{name}別" for name in shared]
    grouping = (
        f"{'・'.join(groups)}の値は、そのグループに関係する項目だけで同じ式を計算したものです。"
    )
    if shared:
        grouping += (
            f"{'・'.join(shared)}のように複数のグループに関係する項目は、"
            "それぞれのグループで数えます。"
        )
    return [FORMULAS["items"], FORMULAS["progress"], FORMULAS["coverage"], grouping]


def formulas_section(ctx: ReportContext, number: str) -> list[Flowable]:
    t = ctx.content.overall
    worked = [
        f"この報告書の全体の回答率: {t.answered} ÷ {t.total} ＝ {percent(t.progress)}",
        f"この報告書の全体の実施率: （{t.done} ＋ {t.partial} × 0.5） ÷ "
        f"（{t.total} − {t.not_applicable}） ＝ {percent(t.coverage)}",
    ]
    story: list[Flowable] = [
        _appendix_heading(ctx, number, "数値の計算方法"),
        *[ctx.para(text, "body") for text in formulas_in_report(ctx, steps=True)],
        Spacer(1, 2 * mm),
        *[ctx.para(text, "muted") for text in worked],
        ctx.para(
            "割合は小数第1位に四捨五入しています（100% に満たないものを 100.0% とは表示しません）。",
            "muted",
        ),
    ]
    return story


def sources_section(ctx: ReportContext, number: str) -> list[Flowable]:
    g = ctx.guideline
    info = g.info
    era = ctx.options.era
    editions = "、".join(
        f"{e.label}（{dates.format_date(e.published, era)}）" for e in info.editions
    )
    story: list[Flowable] = [
        _appendix_heading(ctx, number, "出典"),
        ctx.para(f"ガイドライン: {g.title}", "body"),
        ctx.para(f"発行者: {info.publisher}", "body"),
        ctx.para(f"版: {editions}。本アプリのデータは第{g.edition}版に基づきます。", "body"),
        ctx.para(
            f"データ版: {g.data_version}（{dates.format_date(info.data_date, era)}作成）。"
            f"出典の詳細: {g.provenance.describe()}",
            "body",
        ),
        Spacer(1, 2 * mm),
        ctx.para(info.statement, "body"),
        Spacer(1, 2 * mm),
    ]
    cms = ctx.content.in_scope
    kinds = Counter(g.provenance_of(cm).kind.label for cm in cms)
    step_actions = [cm for cm in cms if cm.implements]
    unverified = sum(1 for cm in cms if not g.provenance_of(cm).verified)
    own = sum(1 for cm in cms if g.provenance_of(cm).is_own_elaboration)
    breakdown = "、".join(f"{label} {n} 件" for label, n in kinds.most_common())
    story.append(
        ctx.para(
            f"この報告書の対策 {len(cms)} 件の出典: {breakdown}。"
            f"うち本アプリ独自の整理 {own} 件、ガイドライン原文と未照合 {unverified} 件。"
            + (
                ctx.shared_provenance_note()
                + "表では、全件に共通する印は省き、それ以外を対策名の下に示しています。"
                if ctx.shared_provenance_note()
                else "表の対策名の下に「本アプリ独自」「原文未照合」と示しています。"
            )
            + "これらはガイドラインの文言そのものではありません。"
            + (
                f"現場の手順のうち {len(step_actions)} 件は、ガイドラインの対策を業務ステップで"
                "行うことに言い換えた本アプリの整理で、それぞれ元の対策の ID を示しています"
                "（評価画面の対策の詳細で確かめられます）。"
                if step_actions
                else ""
            ),
            "body",
        )
    )
    if ctx.content.archived_ids:
        story.append(
            ctx.para(
                f"現在のガイドラインデータにない対策への回答が {len(ctx.content.archived_ids)} 件、"
                "評価ファイルに保管されています（この報告書には含めていません）: "
                + "、".join(ctx.content.archived_ids),
                "body",
            )
        )
    if ctx.content.archived_tool_answers:
        kept = ctx.content.archived_tool_answers
        story.append(
            ctx.para(
                f"台帳にないツール、または今はツールごとに回答しない対策への回答が {len(kept)} 件、"
                "評価ファイルに保管されています（この報告書には含めていません）: "
                + "、".join(f"{cm_id}（{tool_id}）" for tool_id, cm_id in kept),
                "body",
            )
        )
    story.append(ctx.para(source_statement(ctx.assessment, ctx.guideline), "body"))
    closing = [
        story.pop(),  # the report's last line never starts a page alone
        Spacer(1, 2 * mm),
        ctx.para(
            f"作成: HAIP Desktop {__version__}（評価ファイルの作成: {ctx.assessment.app_version or '不明'}）。"
            "本報告書は施設の自己評価であり、HAIP による認証・評価ではありません。",
            "muted",
        ),
    ]
    return [*story, KeepTogether(closing)]
