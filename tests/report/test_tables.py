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
