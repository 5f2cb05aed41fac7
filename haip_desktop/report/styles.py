"""The report's look: A4 portrait, black and grey with one accent colour, 9 pt body.

Built after the font is registered (styles name it); everything is created on first use.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm

from ..assessment.models import Status
from ..assessment.status_colours import STATUS_FILL as STATUS_HEX
from ..assessment.status_colours import STATUS_ORDER as STATUS_BAR_ORDER
from . import kinsoku
from .fonts import BOLD, REGULAR, ensure_registered

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN_LEFT = MARGIN_RIGHT = 18 * mm
MARGIN_TOP = 20 * mm
MARGIN_BOTTOM = 18 * mm
FRAME_WIDTH = PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT
FRAME_HEIGHT = PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM
# A heading starts a new page unless this much room is left below it (no orphaned headings).
HEADING_ROOM = 35 * mm

ACCENT = colors.HexColor("#1F4E79")  # the one colour: a deep, sober blue
ACCENT_LIGHT = colors.HexColor("#9DB7D5")
TEXT_HEX = "#222222"
TEXT = colors.HexColor(TEXT_HEX)
MUTED_HEX = "#666666"
MUTED = colors.HexColor(MUTED_HEX)
RULE = colors.HexColor("#9A9A9A")
LIGHT_RULE = colors.HexColor("#C8C8C8")
HEADER_FILL = colors.HexColor("#E6E6E6")
BAND_FILL = colors.HexColor("#F3F3F3")
WHITE = colors.white

# The house table's padding and rules (table_style; heat_map.py draws the same).
CELL_PADDING_X = 3
CELL_PADDING_TOP = 2.5
CELL_PADDING_BOTTOM = 3
RULE_WIDTH = 0.8
LIGHT_RULE_WIDTH = 0.4

# Status colours in charts and legends: the app's one table (assessment/status_colours.py),
# chosen to stay apart when printed in grey.
STATUS_FILL: dict[Status, colors.Color] = {
    status: colors.HexColor(hex_colour) for status, hex_colour in STATUS_HEX.items()
}
STATUS_ORDER = list(STATUS_BAR_ORDER)


@dataclass(frozen=True)
class Styles:
    body: ParagraphStyle
    small: ParagraphStyle
    muted: ParagraphStyle
    note: ParagraphStyle
    cell: ParagraphStyle
    cell_bold: ParagraphStyle
    cell_small: ParagraphStyle
    code: ParagraphStyle
    cell_center: ParagraphStyle
    cell_center_bold: ParagraphStyle
    cell_right: ParagraphStyle
    header_cell: ParagraphStyle
    heat_header: ParagraphStyle
    h1: ParagraphStyle
    h2: ParagraphStyle
    h3: ParagraphStyle
    title: ParagraphStyle
    subtitle: ParagraphStyle
    figure: ParagraphStyle
    figure_label: ParagraphStyle


@cache
def styles() -> Styles:
    ensure_registered()
    kinsoku.install()  # the CJK wrap below follows Japanese line-breaking rules
    base = ParagraphStyle(
        "body",
        fontName=REGULAR,
        fontSize=9,
        leading=13.5,
        textColor=TEXT,
        wordWrap="CJK",  # Japanese line breaking; also breaks very long unbroken strings
        alignment=TA_LEFT,
        allowWidows=0,  # a paragraph split over two pages leaves no line alone on either
        allowOrphans=0,
    )

    def derive(name: str, **kw: object) -> ParagraphStyle:
        return ParagraphStyle(name, parent=base, **kw)

    cell = derive("cell", fontSize=8.5, leading=11.5)
    return Styles(
        body=base,
        small=derive("small", fontSize=8, leading=11),
        muted=derive("muted", fontSize=8, leading=11, textColor=MUTED),
        note=derive("note", fontSize=7.5, leading=10.5, textColor=MUTED, spaceBefore=3),
        cell=cell,
        cell_bold=ParagraphStyle("cell_bold", parent=cell, fontName=BOLD),
        cell_small=ParagraphStyle(
            "cell_small", parent=cell, fontSize=7, leading=9.5, textColor=MUTED
        ),
        code=ParagraphStyle("code", parent=cell, fontSize=7.5, leading=10.5),
        cell_center=ParagraphStyle("cell_center", parent=cell, alignment=TA_CENTER),
        cell_center_bold=ParagraphStyle(
            "cell_center_bold", parent=cell, alignment=TA_CENTER, fontName=BOLD
        ),
        cell_right=ParagraphStyle("cell_right", parent=cell, alignment=TA_RIGHT),
        header_cell=ParagraphStyle("header_cell", parent=cell, fontName=BOLD, fontSize=8),
        heat_header=ParagraphStyle(
            "heat_header", parent=cell, fontName=BOLD, fontSize=6.5, leading=8, alignment=TA_CENTER
        ),
        h1=derive(
            "h1",
            fontName=BOLD,
            fontSize=14,
            leading=20,
            textColor=ACCENT,
            spaceBefore=12,
            spaceAfter=6,
            keepWithNext=1,
        ),
        h2=derive(
            "h2",
            fontName=BOLD,
            fontSize=11,
            leading=16,
            spaceBefore=10,
            spaceAfter=4,
        ),
        h3=derive(
            "h3",
            fontName=BOLD,
            fontSize=9.5,
            leading=14,
            spaceBefore=8,
            spaceAfter=3,
            keepWithNext=1,
        ),
        title=derive(
            "title", fontName=BOLD, fontSize=22, leading=32, alignment=TA_CENTER, textColor=TEXT
        ),
        subtitle=derive("subtitle", fontSize=11, leading=17, alignment=TA_CENTER, textColor=MUTED),
        figure=derive(
            "figure", fontName=BOLD, fontSize=18, leading=22, alignment=TA_CENTER, textColor=ACCENT
        ),
        figure_label=derive("figure_label", fontSize=8, leading=11, alignment=TA_CENTER),
    )


# A TableStyle command: its name, the first and the last cell (column, row), its values.
TableCommand = tuple[str, tuple[int, int], tuple[int, int], *tuple[object, ...]]


def table_style(header_rows: int = 1, *, column_rules: bool = False) -> list[TableCommand]:
    """The house table: hairline grid, grey header, text top-aligned, our font everywhere.

    column_rules adds light vertical lines, for dense tables whose cells wrap.
    """
    commands: list[TableCommand] = [
        ("FONT", (0, 0), (-1, -1), REGULAR, 8.5),
        ("TEXTCOLOR", (0, 0), (-1, -1), TEXT),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, -1), LIGHT_RULE_WIDTH, LIGHT_RULE),
        ("LINEABOVE", (0, 0), (-1, 0), RULE_WIDTH, RULE),
        ("LINEBELOW", (0, -1), (-1, -1), RULE_WIDTH, RULE),
        ("LEFTPADDING", (0, 0), (-1, -1), CELL_PADDING_X),
        ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PADDING_X),
        ("TOPPADDING", (0, 0), (-1, -1), CELL_PADDING_TOP),
        ("BOTTOMPADDING", (0, 0), (-1, -1), CELL_PADDING_BOTTOM),
    ]
    if column_rules:
        commands.append(("LINEBEFORE", (1, 0), (-1, -1), 0.3, LIGHT_RULE))
    if header_rows:
        header = styles().header_cell  # plain-string headers look like its paragraphs
        commands += [
            ("BACKGROUND", (0, 0), (-1, header_rows - 1), HEADER_FILL),
            (
                "FONT",
                (0, 0),
                (-1, header_rows - 1),
                header.fontName,
                header.fontSize,
                header.leading,
            ),
            ("LINEBELOW", (0, header_rows - 1), (-1, header_rows - 1), RULE_WIDTH, RULE),
            ("VALIGN", (0, 0), (-1, header_rows - 1), "MIDDLE"),
        ]
    return commands
