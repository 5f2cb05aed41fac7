"""The changes between two guideline data versions as an A4 PDF.

Changed text is shown old beside new: what was taken out is struck through on a light red
ground, what was put in is underlined on a light green ground, so the changes show in colour
and in black-and-white print alike. Each change is listed once with where it applies (a
countermeasure's level, the steps of a step-level one); an index by workflow step names only
the changes made at each step, by id.
"""

from __future__ import annotations

from pathlib import Path
from typing import IO

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from ..guideline.diff import GENERAL, FieldChange, GuidelineDiff, ItemChange
from . import fonts, text
from .document import ReportDocument, outlined
from .render_context import named
from .styles import FRAME_WIDTH, styles, table_style
from .tables import ReportTable

DIFF_TITLE = "ガイドラインデータの変更点"

REMOVED_BACK = "#F6D5D5"
ADDED_BACK = "#D3EDD3"
KIND_FILL = {
    "added": colors.HexColor(ADDED_BACK),
    "removed": colors.HexColor(REMOVED_BACK),
    "changed": colors.HexColor("#F3F3F3"),
}


def esc(value: str) -> str:
    return text.markup(value, fonts.is_drawable)


def highlighted(spans: list[tuple[str, bool]], *, removed: bool) -> str:
    """Paragraph markup of text pieces, the changed ones marked."""
    parts = []
    for piece, changed in spans:
        if not changed:
            parts.append(esc(piece))
        elif removed:
            parts.append(f'<strike><font backColor="{REMOVED_BACK}">{esc(piece)}</font></strike>')
        else:
            parts.append(f'<u><font backColor="{ADDED_BACK}">{esc(piece)}</font></u>')
    return "".join(parts) or "（なし）"


def render_diff_pdf(diff: GuidelineDiff, target: str | Path | IO[bytes]) -> int:
    """Write the PDF; returns the number of pages."""
    fonts.ensure_registered()
    s = styles()
    old, new = diff.old, diff.new
    versions = f"データ版 {old.data_version} → {new.data_version}"
    counts = diff.counts()
    doc = ReportDocument(
        target,
        header_left=DIFF_TITLE,
        header_right=versions,
        title=f"{DIFF_TITLE}｜{versions}",
        author="HAIP Desktop",
        subject=(
            f"{new.title}のデータの変更点: 追加 {counts['added']} 件、削除 {counts['removed']} 件、"
            f"変更 {counts['changed']} 件（{versions}）"
        ),
        keywords=[
            "HAIP",
            "生成AI",
            "ガイドラインデータ",
            "変更点",
            old.data_version,
            new.data_version,
        ],
    )
    story: list[Flowable] = [
        outlined(Paragraph(DIFF_TITLE, s.h1), f"{DIFF_TITLE}（{versions}）"),
        Paragraph(esc(new.title), s.body),
        Spacer(0, 2 * mm),
        _facts(diff),
        Spacer(0, 2 * mm),
        Paragraph(
            f"追加 {counts['added']} 件、削除 {counts['removed']} 件、変更 {counts['changed']} 件。"
            "項目は id で突き合わせています。変更箇所は、削除された文字を"
            f'<strike><font backColor="{REMOVED_BACK}">取り消し線</font></strike>、'
            f'追加された文字を<u><font backColor="{ADDED_BACK}">下線</font></u>で示します。',
            s.small,
        ),
    ]
    if diff.is_empty:
        story.append(Spacer(0, 4 * mm))
        story.append(Paragraph("二つのデータ版に違いはありません。", s.body))
        return doc.render(story)

    story.append(outlined(Paragraph("1. 変更の一覧", s.h2), "1. 変更の一覧"))
    story.append(_change_table(diff))

    story.append(outlined(Paragraph("2. 変更の内容（旧と新）", s.h2), "2. 変更の内容（旧と新）"))
    for change in diff.changes:
        story += _change_detail(diff, change)

    story.append(outlined(Paragraph("3. 業務ステップ別の索引", s.h2), "3. 業務ステップ別の索引"))
    story += _step_index(diff)
    return doc.render(story)


def _facts(diff: GuidelineDiff) -> Table:
    s = styles()
    rows = [
        [
            Paragraph("", s.header_cell),
            Paragraph("旧", s.header_cell),
            Paragraph("新", s.header_cell),
        ],
    ]
    for label, a, b in (
        ("データ版", diff.old.data_version, diff.new.data_version),
        ("基づく版", f"第{diff.old.edition}版", f"第{diff.new.edition}版"),
        ("データの日付", diff.old.data_date.isoformat(), diff.new.data_date.isoformat()),
    ):
        rows.append(
            [Paragraph(label, s.cell_bold), Paragraph(esc(a), s.cell), Paragraph(esc(b), s.cell)]
        )
    table = Table(rows, colWidths=[30 * mm, 60 * mm, 60 * mm], hAlign="LEFT")
    table.setStyle(TableStyle(table_style()))
    return table


def _change_table(diff: GuidelineDiff) -> Table:
    s = styles()
    headers = ("種類", "区分", "名称", "適用先", "変更された項目")
    rows = [[Paragraph(h, s.header_cell) for h in headers]]
    for c in diff.changes:
        rows.append(
            [
                Paragraph(c.kind_label, s.cell_bold),
                Paragraph(c.type_label, s.cell),
                Paragraph(named(c.label, c.id), s.cell),
                Paragraph(esc(diff.where(c)), s.cell_small),
                Paragraph(esc("、".join(f.label for f in c.fields)), s.cell_small),
            ]
        )
    widths = [12 * mm, 18 * mm, 70 * mm, 40 * mm]
    widths.append(FRAME_WIDTH - sum(widths))
    table = ReportTable(rows, colWidths=widths, repeatRows=1, hAlign="LEFT")
    commands = table_style()
    for index, c in enumerate(diff.changes, start=1):
        commands.append(("BACKGROUND", (0, index), (0, index), KIND_FILL[c.kind]))
    table.setStyle(TableStyle(commands))
    return table


def _change_detail(diff: GuidelineDiff, change: ItemChange) -> list[Flowable]:
    s = styles()
    where = diff.where(change)
    heading = outlined(
        Paragraph(
            f"{change.kind_label}・{change.type_label} {named(change.label, change.id)}"
            + (f'<font size="8">　適用先: {esc(where)}</font>' if where else ""),
            s.h3,
        ),
        f"{change.kind_label}: {change.label}",
        level=1,
    )
    if change.kind != "changed":
        marked = highlighted([(change.detail, True)], removed=change.kind == "removed")
        body = Paragraph(marked, s.cell)
        return [KeepTogether([heading, body, Spacer(0, 1.5 * mm)])]
    rows = [[Paragraph(h, s.header_cell) for h in ("項目", "旧", "新")]]
    for f in change.fields:
        rows.append(_field_row(f))
    half = (FRAME_WIDTH - 24 * mm) / 2
    table = Table(rows, colWidths=[24 * mm, half, half], repeatRows=1, hAlign="LEFT")
    table.setStyle(TableStyle(table_style()))
    # h3 keeps with the next flowable, so a long table still starts under its heading
    return [KeepTogether([heading, table])] if len(rows) <= 4 else [heading, table]


def _field_row(f: FieldChange) -> list[Paragraph]:
    s = styles()
    return [
        Paragraph(esc(f.label), s.cell_bold),
        Paragraph(highlighted(f.old_spans(), removed=True), s.cell),
        Paragraph(highlighted(f.new_spans(), removed=False), s.cell),
    ]


def _step_index(diff: GuidelineDiff) -> list[Flowable]:
    """One row per step with changes made there (its step actions, scenes, the step itself),
    by id; facility- and tool-level changes are listed once above, not under every step."""
    s = styles()
    groups = {k: v for k, v in diff.by_step().items() if k != GENERAL}
    note = Paragraph(
        "業務ステップで現場が行う対策、利用シーン、業務ステップそのものの変更です。"
        "施設全体・AIツールの対策やユースケースの変更は、業務ステップごとには繰り返さず、"
        "1. の一覧に一度だけ載せています。",
        s.muted,
    )
    if not groups:
        return [note, Paragraph("業務ステップに直接結び付く変更はありません。", s.body)]
    rows = [[Paragraph(h, s.header_cell) for h in ("業務ステップ", "変更")]]
    for key, changes in groups.items():
        listed = "、".join(f"{named(c.label, c.id)}（{c.kind_label}）" for c in changes)
        rows.append(
            [Paragraph(esc(diff.step_names.get(key, key)), s.cell), Paragraph(listed, s.cell)]
        )
    table = ReportTable(
        rows, colWidths=[60 * mm, FRAME_WIDTH - 60 * mm], repeatRows=1, hAlign="LEFT"
    )
    table.setStyle(TableStyle(table_style()))
    return [note, Spacer(0, 1.5 * mm), table]
