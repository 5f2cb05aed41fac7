"""グループ集計 as an A4 PDF (heat maps of 実施率) and as a CSV table.

The PDF: what was read, a note when data versions differ, each facility's 回答率 and 実施率,
heat maps of facilities × the three parts (施設の体制, AIツール, 現場の手順), × use cases,
× risk categories and × workflow steps (one table per flow that some facility works in), the
countermeasures most often missing, trends of facilities with several files, and the files
that could not be read. A facility is compared only on what is in its scope: a part or step
outside it is a grey, empty cell (a pharmacy has no figure for 入院受付). The CSV: one row per
facility, one column per part, use case, risk category and step (実施率 in %, empty when out
of scope), written by the app's one CSV writer (csv_export).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import IO, Any

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, Paragraph, Spacer, Table, TableStyle

from ..assessment.group import FacilityResult, GroupSummary
from ..assessment.parts import PARTS
from ..assessment.scoring import FORMULAS, Tally
from ..guideline import Guideline
from . import cells, dates, fonts, text
from .charts import legend, status_bar
from .csv_export import Cell, write_table
from .document import ReportDocument, outlined
from .group_columns import counted_steps, coverage_columns
from .heat import HEAT_BINS, HEAT_COLOURS, OUT_OF_SCOPE, coverage_text, heat_colour, heat_ink  # noqa: F401
from .heat_map import HeatCell, HeatFont, HeatMap, HeatRow
from .render_context import named, percent
from .styles import FRAME_WIDTH, HEADING_ROOM, TEXT_HEX, styles, table_style
from .tables import TableCell
from .wrap_once import WrapOnceParagraph

GROUP_TITLE = "グループ集計"

# -- CSV --------------------------------------------------------------------------------------


def write_group_csv(
    summary: GroupSummary, guideline: Guideline, path: str | Path | IO[bytes]
) -> int:
    """One row per facility (latest file); returns the number of rows written."""
    columns = coverage_columns(guideline)
    header = [
        "施設名",
        "種別",
        "評価日",
        "データ版",
        "ファイル",
        "評価対象の項目数",
        "回答率(%)",
        "実施率(%)",
        *[f"{label} 実施率(%)" for _, _, label in columns],
    ]
    body: list[list[Cell]] = [
        [
            f.name,
            f.kind.label,
            f.assessment_date.isoformat(),
            f.data_version,
            f.path.name,
            f.overall.total,
            _number(f.overall.progress),
            _number(f.overall.coverage) if f.overall.applicable else "",
            *[_cell(getattr(f, f"by_{axis}").get(key)) for axis, key, _ in columns],
        ]
        for f in summary.facilities
    ]
    return write_table(header, body, path)


def _number(share: float) -> str:
    return f"{share * 100:.1f}"


def _cell(t: Tally | None) -> str:
    return _number(t.coverage) if t is not None and t.applicable else ""


# -- PDF --------------------------------------------------------------------------------------


def group_title(name: str, today: dt.date) -> str:
    """「グループ集計｜○○医療グループ（2026年12月10日）」: the PDF's title."""
    named = f"{GROUP_TITLE}｜{name}" if name else GROUP_TITLE
    return f"{named}（{dates.format_date(today)}）"


def render_group_pdf(
    summary: GroupSummary,
    guideline: Guideline,
    target: str | Path | IO[bytes],
    *,
    name: str = "",
    today: dt.date | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> int:
    """Write the group PDF of the group called ``name`` (e.g. its folder's name), printed on
    ``today`` (default: today); returns the number of pages."""

    fonts.ensure_registered()
    s = styles()
    today = today or dt.date.today()
    name = text.drawable(name, fonts.is_drawable)
    doc = ReportDocument(
        target,
        header_left=f"{GROUP_TITLE}｜{name}" if name else GROUP_TITLE,
        header_right=f"{len(summary.facilities)} 施設・データ版 {summary.data_version}"
        f"　印刷日 {dates.format_date(today, short=True)}",
        title=group_title(name, today),
        author="HAIP Desktop",
        subject=(
            f"{len(summary.facilities)} 施設の生成AI利用の自己評価の集計"
            f"（データ版 {summary.data_version}、印刷日 {dates.format_date(today)}）"
        ),
        keywords=["HAIP", "生成AI", "自己評価", GROUP_TITLE, name],
        progress=progress,
    )
    heading = f"{GROUP_TITLE}　{_esc(name)}" if name else GROUP_TITLE
    story: list[Flowable] = [
        outlined(Paragraph(heading, s.h1), group_title(name, today)),
        _facts(summary, name, today),
    ]
    note = summary.version_note()
    if note:
        story += [Spacer(0, 2 * mm), Paragraph(_esc(note), s.body)]
    story += [
        Spacer(0, 2 * mm),
        Paragraph(_esc(FORMULAS["items"]), s.muted),
        Paragraph(_esc(FORMULAS["coverage"]), s.muted),
        Paragraph(
            "施設ごとに最新の評価日のファイルで集計しています。色が濃いほど実施率が高く、"
            "灰色の欄はその施設の評価範囲の外です（範囲の外は比べず、グループ全体の値にも"
            "含めません）。",
            s.muted,
        ),
    ]
    if not summary.facilities:
        story.append(Paragraph("集計できる評価ファイルがありませんでした。", s.body))
    else:
        story += _overview(summary)
        story += _heat_section(
            "2. 区分別の実施率",
            summary,
            [(part, part.part_label) for part in PARTS],
            "part",
            legend=[
                "施設の体制: 施設として一度回答する対策",
                "AIツール: 台帳のツールごとに回答する対策",
                "現場の手順: 業務ステップで職種ごとに行う対策",
            ],
        )
        story += _heat_section(
            "3. ユースケース別の実施率",
            summary,
            [(uc.id, f"UC{uc.number}") for uc in guideline.use_cases],
            "use_case",
            legend=[f"UC{uc.number}: {uc.name}" for uc in guideline.use_cases],
        )
        story += _heat_section(
            "4. リスク区分別の実施率",
            summary,
            [(rc.id, f"R{i}") for i, rc in enumerate(guideline.risk_categories, start=1)],
            "risk_category",
            legend=[f"R{i}: {rc.name}" for i, rc in enumerate(guideline.risk_categories, start=1)],
        )
        story += _h2("5. 業務ステップ別の実施率（現場の手順）")
        step_ids = set(counted_steps(guideline))
        in_scope = {step for f in summary.facilities for step in f.by_step}
        shown = 0
        for flow in guideline.flows:
            columns = [(st.id, st.name) for st in flow.steps if st.id in step_ids]
            if not columns or not in_scope.intersection(c for c, _ in columns):
                continue  # no facility of the group works at these steps
            shown += 1
            story += _heat_table(summary, columns, "step", title=f"業務フロー: {flow.name}")
        if not shown:
            story.append(
                Paragraph("どの施設の評価範囲にも、業務ステップの対策はありません。", s.body)
            )
        story += _most_missing(summary)
        story += _trends(summary)
    story += _unreadable(summary)
    return doc.render(story)


def _esc(value: str) -> str:
    return text.markup(value, fonts.is_drawable)


def _h2(title: str) -> list[Flowable]:
    """A section heading with its outline entry, starting a page unless its table's first
    rows fit under it."""
    return [
        CondPageBreak(HEADING_ROOM + 15 * mm),
        outlined(Paragraph(_esc(title), styles().h2), title),
    ]


def _facts(summary: GroupSummary, name: str, today: dt.date) -> Table:

    s = styles()
    versions = "、".join(f"{v}（{n}）" for v, n in sorted(summary.versions.items())) or "—"
    rows = [("集計の名前", name)] if name else []
    rows += [
        ("印刷日", dates.format_date(today)),
        ("読み込んだファイル", f"{summary.files_read} 件"),
        (
            "施設",
            f"{len(summary.facilities)} 施設（同じ施設の複数ファイル: {len(summary.trends)} 施設）",
        ),
        ("読み込めなかったファイル", f"{len(summary.unreadable)} 件"),
        ("集計に使ったデータ版", summary.data_version),
        ("評価ファイルのデータ版", versions),
    ]
    table = Table(
        [[Paragraph(a, s.cell_bold), Paragraph(_esc(b), s.cell)] for a, b in rows],
        colWidths=[45 * mm, 110 * mm],
        hAlign="LEFT",
    )
    table.setStyle(TableStyle(table_style(header_rows=0)))
    return table


def _overview(summary: GroupSummary) -> list[Flowable]:

    s = styles()
    header = ["施設", "種別", "評価日", "項目", "回答率", "実施率", "状況の内訳"]
    rows: list[list[TableCell]] = [[Paragraph(h, s.header_cell) for h in header]]
    bar_width = FRAME_WIDTH - 128 * mm
    widths = [42 * mm, 14 * mm, 24 * mm, 12 * mm, 18 * mm, 18 * mm, bar_width]
    # Short texts are drawn as plain strings in the cells' font (laying out a paragraph for
    # each of them was most of the time of this PDF); only a name too long for one line is
    # a paragraph, which wraps.
    for f in summary.facilities:
        rows.append(
            [
                _name(f.name, widths[0]),
                f.kind.label,
                f.assessment_date.isoformat(),
                str(f.overall.total),
                percent(f.overall.progress),
                percent(f.overall.coverage) if f.overall.applicable else "—",
                status_bar(f.overall, bar_width - 6),
            ]
        )
    total = summary.total()
    rows.append(
        [
            "グループ全体",
            "",
            "",
            str(total.total),
            percent(total.progress),
            percent(total.coverage) if total.applicable else "—",
            status_bar(total, bar_width - 6),
        ]
    )
    table = Table(rows, colWidths=widths, repeatRows=1, hAlign="LEFT")
    commands = table_style()
    commands += cells.plain_cells(s.cell, (0, 1), (5, -1))
    commands += [
        ("ALIGN", (3, 1), (5, -1), "RIGHT"),
        ("FONT", (0, -1), (0, -1), s.cell_bold.fontName, s.cell.fontSize, s.cell.leading),
        ("VALIGN", (6, 1), (6, -1), "MIDDLE"),
    ]
    table.setStyle(TableStyle(commands))
    return [
        *_h2("1. 施設ごとの回答率と実施率"),
        table,
        Spacer(0, 1.5 * mm),
        legend(FRAME_WIDTH),  # the bars' colours in words
    ]


def _heat_section(
    title: str,
    summary: GroupSummary,
    columns: list[tuple[Any, str]],
    axis: str,
    legend: list[str],
) -> list[Flowable]:

    s = styles()
    story: list[Flowable] = [*_h2(title), Paragraph(_esc("　".join(legend)), s.muted)]
    return story + _heat_table(summary, columns, axis)


def _heat_table(
    summary: GroupSummary, columns: list[tuple[Any, str]], axis: str, title: str | None = None
) -> list[Flowable]:

    s = styles()
    name_width = 46 * mm
    width = (FRAME_WIDTH - name_width) / len(columns)
    header = [Paragraph("施設", s.header_cell)] + [
        Paragraph(_esc(label), s.cell_small) for _, label in columns
    ]

    def row(name: str | Flowable, tallies: dict[Any, Tally], bold: bool = False) -> HeatRow:
        cells = tuple(_heat_cell(tallies.get(key)) for key, _ in columns)
        return HeatRow(name, cells, bold)

    rows = [row(_name(f.name, name_width), getattr(f, f"by_{axis}")) for f in summary.facilities]
    rows.append(row("グループ全体", summary.totals(axis), bold=True))
    font = HeatFont(
        s.cell.fontName, s.cell_bold.fontName, s.cell.fontSize, s.cell.leading, TEXT_HEX
    )
    table = HeatMap(header, rows, [name_width] + [width] * len(columns), font)
    heading = [outlined(Paragraph(_esc(title), s.h3), title, level=1)] if title else []
    return [*heading, table]


@cache
def _heat_cell(t: Tally | None) -> HeatCell:
    """The cell of a tally (tallies repeat: each kind is worked out once)."""
    # white on the dark steps, the text colour of the report's cells on the others
    ink = heat_ink(t)
    return HeatCell(coverage_text(t), heat_colour(t), ink if ink == _WHITE else TEXT_HEX)


_WHITE = "#FFFFFF"


@cache
def _colour(hex_colour: str) -> colors.Color:
    return colors.HexColor(hex_colour)


@cache
def _name(name: str, width: float) -> str | Flowable:
    """A facility's name for a cell of this width: the plain string when it fits on one line
    (the cells' font), else one paragraph, which wraps — shared by every table, so that its
    lines are broken once (WrapOnceParagraph)."""
    s = styles()
    plain = cells.one_line(name, s.cell, width)
    return plain if plain is not None else WrapOnceParagraph(_esc(name), s.cell)


def _most_missing(summary: GroupSummary) -> list[Flowable]:

    s = styles()
    items = summary.most_missing(20)
    story: list[Flowable] = _h2("6. 多くの施設で実施されていない対策")
    if not items:
        return story + [
            Paragraph("すべての施設で、評価対象の対策が実施済みか該当なしです。", s.body)
        ]
    header = ["順位", "対策", "未実施・未回答", "一部実施", "対象の施設"]
    rows: list[list[TableCell]] = [[Paragraph(h, s.header_cell) for h in header]]
    for rank, m in enumerate(items, start=1):
        rows.append(
            [
                Paragraph(str(rank), s.cell_right),
                Paragraph(named(m.title, m.countermeasure_id), s.cell),
                Paragraph(f"{m.missing} 施設", s.cell_right),
                Paragraph(f"{m.partial} 施設", s.cell_right),
                Paragraph(f"{m.in_scope} 施設", s.cell_right),
            ]
        )
    widths = [12 * mm, FRAME_WIDTH - 78 * mm, 24 * mm, 20 * mm, 22 * mm]
    table = Table(rows, colWidths=widths, repeatRows=1, hAlign="LEFT")
    table.setStyle(TableStyle(table_style()))
    return story + [table]


def _trend_text(entries: list[FacilityResult]) -> str:

    return " → ".join(
        f"{e.assessment_date.isoformat()} {percent(e.overall.coverage) if e.overall.applicable else '—'}"
        for e in entries
    )


def _trends(summary: GroupSummary) -> list[Flowable]:

    if not summary.trends:
        return []
    s = styles()
    rows: list[list[TableCell]] = [
        [Paragraph(h, s.header_cell) for h in ("施設", "実施率の推移（評価日順）")]
    ]
    for (name, kind), entries in sorted(summary.trends.items(), key=lambda kv: kv[0][0]):
        rows.append(
            [
                Paragraph(f"{_esc(name)}（{kind.label}）", s.cell),
                Paragraph(_trend_text(entries), s.cell),
            ]
        )
    table = Table(rows, colWidths=[50 * mm, FRAME_WIDTH - 50 * mm], repeatRows=1, hAlign="LEFT")
    table.setStyle(TableStyle(table_style()))
    return [*_h2("同じ施設の複数の評価（推移）"), table]


def _unreadable(summary: GroupSummary) -> list[Flowable]:

    if not summary.unreadable:
        return []
    s = styles()
    rows: list[list[TableCell]] = [[Paragraph(h, s.header_cell) for h in ("ファイル", "理由")]]
    for u in summary.unreadable:
        rows.append([Paragraph(_esc(str(u.path)), s.cell_small), Paragraph(_esc(u.reason), s.cell)])
    table = Table(rows, colWidths=[60 * mm, FRAME_WIDTH - 60 * mm], repeatRows=1, hAlign="LEFT")
    table.setStyle(TableStyle(table_style()))
    return [*_h2("読み込めなかったファイル（集計に含めていません）"), table]
