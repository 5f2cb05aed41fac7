"""年度比較 as an A4 PDF: what improved, regressed, is new or gone, per part (施設の体制,
AIツール, 現場の手順), per tool, per use case and per step."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import IO, Any

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, Paragraph, Spacer, Table, TableStyle

from ..assessment.compare import Change, Comparison, GroupComparison, years_label
from ..assessment.scoring import Tally
from ..guideline import Guideline
from . import fonts, text
from .document import ReportDocument, outlined
from .render_context import named, percent
from .styles import FRAME_WIDTH, styles, table_style
from .tables import ReportTable

COMPARISON_TITLE = "年度比較"

LISTED = (
    Change.IMPROVED,
    Change.REGRESSED,
    Change.NEW,
    Change.REMOVED,
    Change.APPLICABILITY,
)
COUNTED = (Change.IMPROVED, Change.REGRESSED, Change.NEW, Change.REMOVED)


def _esc(value: str) -> str:
    return text.markup(value, fonts.is_drawable)


def _h2(title: str) -> Paragraph:
    """A section heading (its markup may carry a smaller note) with its outline entry."""
    return outlined(Paragraph(title, styles().h2), title.split("<")[0])


def _coverage(t: Tally | None) -> str:
    if t is None:
        return "対象外"
    return percent(t.coverage) if t.applicable else "—"


def _difference(group: GroupComparison) -> str:
    change = group.coverage_change
    if change is None:
        return ""
    points = change * 100
    return f"{points:+.1f}"


def render_comparison_pdf(
    comparison: Comparison, guideline: Guideline, target: str | Path | IO[bytes]
) -> int:
    """Write the PDF; returns the number of pages."""
    fonts.ensure_registered()
    s = styles()
    facility = comparison.newer.facility
    name = text.drawable(facility.name, fonts.is_drawable)
    years = years_label(comparison)
    doc = ReportDocument(
        target,
        header_left=f"{COMPARISON_TITLE}｜{name}",
        header_right=years,
        title=f"{COMPARISON_TITLE}｜{name}（{years}）",
        author=name,
        subject=f"{name}の生成AI利用の自己評価の前回と今回の比較（評価日 {years}）",
        keywords=["HAIP", "生成AI", "自己評価", COMPARISON_TITLE, name, years],
    )
    counts = comparison.counts()
    story: list[Flowable] = [
        outlined(
            Paragraph(f"{COMPARISON_TITLE}　{_esc(facility.name)}", s.h1),
            f"{COMPARISON_TITLE}　{name}（{years}）",
        ),
        _facts(comparison),
        Spacer(0, 2 * mm),
        Paragraph(
            "　".join(f"{c.label} {counts.get(c, 0)} 件" for c in (*COUNTED, Change.APPLICABILITY)),
            s.body,
        ),
        Paragraph(
            "状況の段階 未回答・未実施 → 一部実施 → 実施済 で上がったものを「改善」、下がったものを"
            "「後退」とします。該当なしへの変更・該当なしからの変更は「該当の判断が変化」として別に数えます。"
            "「新たに対象」「対象外に」は評価の対象範囲の変化です。",
            s.muted,
        ),
    ]
    for note in comparison.warnings():
        story.append(Paragraph(_esc(note), s.body))

    story.append(_h2("1. 区分別"))
    part_names = {part: part.part_label for part in comparison.by_part}
    story.append(_group_table(comparison.by_part, part_names, "区分"))
    if comparison.by_tool:
        story.append(outlined(Paragraph("AIツール別", s.h3), "AIツール別", level=1))
        story.append(_group_table(comparison.by_tool, comparison.tool_names, "AIツール"))
    story.append(CondPageBreak(45 * mm))
    story.append(_h2("2. ユースケース別"))
    names = {uc.id: f"{uc.name}（UC{uc.number}）" for uc in guideline.use_cases}
    story.append(_group_table(comparison.by_use_case, names, "ユースケース"))
    story.append(CondPageBreak(45 * mm))
    story.append(_h2("3. 業務ステップ別<font size=8>　現場の手順（業務ステップの対策）</font>"))
    step_names = {st.id: guideline.step_path(st.id) for st in guideline.steps}
    if comparison.by_step:
        story.append(_group_table(comparison.by_step, step_names, "業務ステップ"))
    else:
        story.append(Paragraph("どちらの評価にも、業務ステップの対策はありません。", s.body))

    story.append(CondPageBreak(45 * mm))
    story.append(_h2("4. 項目ごとの変化"))
    for change in LISTED:
        items = comparison.of(change)
        if not items:
            continue
        heading = f"{change.label}（{len(items)} 件）"
        story.append(outlined(Paragraph(heading, s.h3), heading, level=1))
        rows = [[Paragraph(h, s.header_cell) for h in ("対策", "前回", "今回")]]
        for item in items:
            tool = (
                f'<br/><font size="7">AIツール: {_esc(item.tool_name or item.tool_id)}</font>'
                if item.tool_id
                else ""
            )
            rows.append(
                [
                    Paragraph(f"{named(item.title, item.countermeasure_id)}{tool}", s.cell),
                    Paragraph(item.old.label if item.old else "対象外", s.cell),
                    Paragraph(item.new.label if item.new else "対象外", s.cell),
                ]
            )
        table = ReportTable(
            rows, colWidths=[FRAME_WIDTH - 44 * mm, 22 * mm, 22 * mm], repeatRows=1, hAlign="LEFT"
        )
        table.setStyle(TableStyle(table_style()))
        story.append(table)
    return doc.render(story)


def _facts(comparison: Comparison) -> Table:
    s = styles()
    older, newer = comparison.older, comparison.newer
    rows = [
        ["", "前回", "今回"],
        ["評価日", older.assessment_date.isoformat(), newer.assessment_date.isoformat()],
        ["評価者", "、".join(older.assessors) or "—", "、".join(newer.assessors) or "—"],
        ["データ版", older.guideline.data_version, newer.guideline.data_version],
        [
            "評価対象の項目",
            f"{comparison.overall_old.total} 件",
            f"{comparison.overall_new.total} 件",
        ],
        [
            "回答率",
            percent(comparison.overall_old.progress),
            percent(comparison.overall_new.progress),
        ],
        ["実施率", _coverage(comparison.overall_old), _coverage(comparison.overall_new)],
    ]
    cells = [
        [Paragraph(_esc(a), s.cell_bold), Paragraph(_esc(b), s.cell), Paragraph(_esc(c), s.cell)]
        for a, b, c in rows
    ]
    table = Table(cells, colWidths=[34 * mm, 55 * mm, 55 * mm], hAlign="LEFT")
    table.setStyle(TableStyle(table_style()))
    return table


def _group_table(
    groups: Mapping[Any, GroupComparison], names: Mapping[Any, str], label: str
) -> Table:
    s = styles()
    header = [label, "前回", "今回", "差(pt)", *(c.label for c in COUNTED)]
    rows = [[Paragraph(h, s.header_cell) for h in header]]
    for key, group in groups.items():
        rows.append(
            [
                Paragraph(_esc(names.get(key, key)), s.cell),
                Paragraph(_coverage(group.old), s.cell_right),
                Paragraph(_coverage(group.new), s.cell_right),
                Paragraph(_difference(group), s.cell_right),
                *(Paragraph(str(group.counts.get(c, 0) or ""), s.cell_right) for c in COUNTED),
            ]
        )
    number = 16 * mm
    widths = [FRAME_WIDTH - 3 * number - 4 * 15 * mm, number, number, number] + [15 * mm] * 4
    table = Table(rows, colWidths=widths, repeatRows=1, hAlign="LEFT")
    table.setStyle(TableStyle(table_style()))
    return table
