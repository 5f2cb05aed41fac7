"""Every item in scope with its answer, part by part: 施設の体制 (by risk category or by use
case), AIツール (a block per tool), 現場の手順 (by flow and step, with the roles)."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, Paragraph, Spacer, TableStyle

from ..assessment.models import Answer, Status
from ..assessment.parts import Part
from ..assessment.scoring import Tally
from .cells import plain_cells
from .fonts import REGULAR
from .gaps import DATE_WIDTH, item_cell
from .render_context import ReportContext, percent
from .report_content import DetailGroup, DetailRow, PartDetail
from .styles import BAND_FILL, FRAME_WIDTH, HEADING_ROOM, MUTED_HEX, table_style
from .tables import ReportTable, TableCell, keep_with_table

WIDTHS = [60 * mm, 16 * mm, DATE_WIDTH, 24 * mm]
HEADERS = ["対策", "状況", "確認日", "担当者", "備考・根拠資料"]


def status_style(answer: Answer) -> str:
    """Bold where the answer needs attention (未実施・一部実施, 未回答)."""
    return "cell_bold" if answer.status.is_gap or answer.status is Status.UNANSWERED else "cell"


def status_cell(ctx: ReportContext, answer: Answer) -> Paragraph | str:
    """The status label (a plain string in status_style()), with 要再確認 and 前回から引継ぎ
    small under it when they apply."""
    flags = []
    if answer.needs_review:
        flags.append("要再確認")
    if answer.carried_over:
        flags.append("前回から引継ぎ（未確認）")
    if not flags:
        return ctx.cell(answer.status.label, status_style(answer), WIDTHS[1])
    label = answer.status.label
    if status_style(answer) == "cell_bold":
        label = f"<b>{label}</b>"
    label += f'<br/><font size="7" color="{MUTED_HEX}">' + "<br/>".join(flags) + "</font>"
    return ctx.markup(label, "cell")


def remarks_cell(ctx: ReportContext, row: DetailRow) -> list[Flowable] | str:
    """該当なしの理由, 備考 and 根拠資料, a paragraph each, stacked as the lines of one.

    A paragraph of one font is laid out and drawn by reportlab's simple path (one text run
    per line); joined by line breaks they were one paragraph of several fragments, which
    takes the slower path for every line (measured: the full summary's remarks ≈40 % faster).
    """
    answer = row.answer
    parts: list[str] = []
    if answer.status is Status.NOT_APPLICABLE:
        reason = answer.na_reason or "（理由の記入なし）"
        parts.append("該当なしの理由: " + ctx.esc(reason))
    if ctx.options.include_notes and answer.note:
        parts.append("備考: " + ctx.esc(answer.note))
    if answer.evidence:
        parts.append("根拠資料: " + ctx.esc(answer.evidence))
    return [ctx.markup(part, "cell") for part in parts] if parts else ""


def shown_earlier_text(ctx: ReportContext, group: DetailGroup) -> str:
    """A later group's countermeasures printed earlier: their number, and the names of those
    that need attention (未実施・一部実施, 未回答) so a reader of this step or use case sees
    them (each with its id small beside it)."""
    earlier = group.shown_earlier

    def names(rows: list[DetailRow]) -> str:
        return "、".join(ctx.named(r.countermeasure.title, r.countermeasure.id) for r in rows)

    gaps = [r for r in earlier if r.answer.status.is_gap]
    unanswered = [r for r in earlier if r.answer.status is Status.UNANSWERED]
    text = "" if group.rows else "新たに掲載する対策はありません。"
    text += f"前に掲載した対策 {len(earlier)} 件もこのグループに関係します"
    details = []
    if gaps:
        details.append(f"うち未実施・一部実施 {len(gaps)} 件: " + names(gaps))
    if unanswered:
        details.append(f"未回答 {len(unanswered)} 件: " + names(unanswered))
    if details:
        text += "（" + "／".join(details) + "）"
    return text + "。"


def detail_table(ctx: ReportContext, group: DetailGroup, part: Part) -> ReportTable:
    widths = [*WIDTHS, FRAME_WIDTH - sum(WIDTHS)]
    data: list[list[TableCell]] = [ctx.header(HEADERS, widths)]
    commands = table_style(column_rules=True)
    commands += plain_cells(ctx.styles.cell, (1, 1), (1, -1))  # the status, unless bold
    commands += plain_cells(ctx.styles.cell, (3, 1), (3, -1))  # the person
    for index, row in enumerate(group.rows, start=1):
        answer = row.answer
        data.append(
            [
                item_cell(ctx, row.item, where=part is Part.STEP, here=group.step),
                status_cell(ctx, answer),
                ctx.date(answer.confirmed_on),  # fixed width: a plain string, no wrapping
                ctx.cell(answer.owner, "cell", widths[3], person=True),
                remarks_cell(ctx, row),
            ]
        )
        if status_style(answer) == "cell_bold":
            commands += plain_cells(ctx.styles.cell_bold, (1, index), (1, index))
        if answer.status is Status.UNANSWERED:
            commands.append(("BACKGROUND", (1, index), (1, index), BAND_FILL))
    commands.append(("FONT", (2, 1), (2, -1), REGULAR, 7.5))
    table = ReportTable(data, colWidths=widths, repeatRows=1)
    table.setStyle(TableStyle(commands))
    return table


def figures(t: Tally) -> str:
    return (
        f"{t.total} 件・回答率 {percent(t.progress)}・実施率 {percent(t.coverage)}"
        f"・未回答 {t.unanswered} 件"
    )


def detail_section(ctx: ReportContext, number: int) -> list[Flowable]:
    c = ctx.content
    title = f"{number}. 対策ごとの評価結果（{ctx.options.group_by.label}）"
    story: list[Flowable] = [
        ctx.heading(title, "h1", title),
        ctx.markup(
            "評価対象のすべての項目を、施設の体制・AIツール・現場の手順に分けて、回答の有無に"
            "かかわらず掲載しています。未回答の項目は「未回答」と表示し、実施済みには数えて"
            "いません。複数のグループに関係する対策は最初のグループにだけ掲載し、"
            "後のグループでは「前に掲載した対策」の件数と、そのうち未実施・一部実施と未回答の対策名を示します。"
            "見出しの件数と割合は、前に掲載した対策も含めたそのグループ全体の値です。"
            + ("" if ctx.options.include_notes else "この報告書では備考欄を省略しています。")
            + ctx.shared_provenance_note(),
            "body",
        ),
    ]
    for index, part in enumerate(c.parts, start=1):
        story += _part(ctx, f"{number}.{index}", part)
    return story


def _part(ctx: ReportContext, number: str, part: PartDetail) -> list[Flowable]:
    label = f"{number} {part.part.part_label}"
    # The part's heading and note start a page with its first group's heading and rows.
    lead: list[Flowable] = [
        ctx.heading(f"{label}<font size=8.5>　{figures(part.tally)}</font>", "h2", label, level=1),
        ctx.markup(ctx.esc(part.note), "muted"),
    ]
    story: list[Flowable] = [CondPageBreak(HEADING_ROOM)]
    for group in part.groups:
        if not lead:
            story.append(CondPageBreak(HEADING_ROOM))
        lead.append(
            ctx.heading(
                ctx.named(group.title, group.code)
                + f"<font size=8>　{figures(group.tally)}</font>",
                "h3",
                group.title,
                level=2,
            )
        )
        if group.note:
            lead.append(ctx.markup(ctx.esc(group.note), "muted"))
        if group.shown_earlier:
            lead.append(ctx.markup(shown_earlier_text(ctx, group), "muted"))
        lead.append(Spacer(1, 1.5 * mm))
        if group.rows:
            story += keep_with_table(lead, detail_table(ctx, group, part.part))
        else:
            story += lead
        lead = []
    return story + lead
