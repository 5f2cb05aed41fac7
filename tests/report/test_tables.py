"""Tables break between rows; inside a row only when the row is taller than a page."""

from __future__ import annotations

from haip_desktop.report import fonts
from haip_desktop.report.styles import FRAME_HEIGHT, FRAME_WIDTH, styles


def _table(rows: list[str]):
    from reportlab.platypus import Paragraph

    from haip_desktop.report.tables import ReportTable

    fonts.ensure_registered()
    style = styles().cell
    data = [["ID", "備考"]] + [[f"C-{i}", Paragraph(text, style)] for i, text in enumerate(rows)]
    return ReportTable(data, colWidths=[30, FRAME_WIDTH - 30], repeatRows=1)


def test_the_rest_of_a_split_table_goes_to_the_next_page() -> None:
    table = _table(["短い", "短い", "長い備考。" * 120, "短い", "短い"])  # row 3: ~10 lines
    _, height = table.wrap(FRAME_WIDTH, FRAME_HEIGHT)
    first_rows = sum(table._rowHeights[:3])
    available = first_rows + 80  # room for the header, two rows and a few lines more
    parts = table.split(FRAME_WIDTH, available)
    assert len(parts) == 2
    rest = parts[1]
    # On the same page only a sliver is left: the rest must not split inside its row there.
    assert rest.split(FRAME_WIDTH, 80) == []  # (reportlab's Table would split it here)
    # On a fresh page it fits whole.
    assert rest.wrap(FRAME_WIDTH, FRAME_HEIGHT)[1] <= FRAME_HEIGHT
    assert height > available


def test_a_row_taller_than_a_page_is_split_inside() -> None:
    table = _table(["長い備考。" * 3000])
    table.wrap(FRAME_WIDTH, FRAME_HEIGHT)
    parts = table.split(FRAME_WIDTH, FRAME_HEIGHT)
    assert len(parts) == 2
    for part in parts[:1]:
        assert part.wrap(FRAME_WIDTH, FRAME_HEIGHT)[1] <= FRAME_HEIGHT


def test_a_table_never_leaves_one_row_alone_at_either_end() -> None:
    table = _table(["行"] * 6)  # six rows of one line each
    table.wrap(FRAME_WIDTH, FRAME_HEIGHT)
    header, row = table._rowHeights[0], table._rowHeights[1]
    # Room for the header and one row only: the table starts the next page instead.
    assert table.split(FRAME_WIDTH, header + row * 1.5) == []
    # Room for two rows: they stay, four go on.
    first, rest = table.split(FRAME_WIDTH, header + row * 2.5)
    assert (len(first._cellvalues), len(rest._cellvalues)) == (3, 5)
    # Room for all but the last row: one row moves with it, so two rows go on.
    first, rest = table.split(FRAME_WIDTH, header + row * 5.5)
    assert (len(first._cellvalues), len(rest._cellvalues)) == (5, 3)


def test_a_table_of_three_rows_moves_whole() -> None:
    table = _table(["行"] * 3)
    table.wrap(FRAME_WIDTH, FRAME_HEIGHT)
    header, row = table._rowHeights[0], table._rowHeights[1]
    assert table.split(FRAME_WIDTH, header + row * 2.5) == []


def test_room_for_a_table_is_its_heading_and_first_rows() -> None:
    from reportlab.platypus import Paragraph

    from haip_desktop.report.tables import RoomForTable

    table = _table(["行"] * 6)
    heading = Paragraph("見出し", styles().h2)
    room = RoomForTable([heading], table)
    room.wrap(FRAME_WIDTH, FRAME_HEIGHT)
    heights = table._rowHeights
    _, heading_height = heading.wrap(FRAME_WIDTH, FRAME_HEIGHT)
    expected = sum(heights[:3]) + heading_height + heading.getSpaceBefore()
    assert abs(room.height - expected - heading.getSpaceAfter()) < 0.01
