"""Risk categories × use cases: counts in cells; a click lists the cell's countermeasures."""

from __future__ import annotations

from PySide6.QtCore import Qt

from haip_desktop.ui.shell.navigation import Location


def test_cells_count_countermeasures_and_a_click_lists_them(qtbot, guideline_window, guideline):
    guideline_window.navigate(Location("risk_matrix"))
    view = guideline_window.page("risk_matrix")
    table = view.table
    assert table.rowCount() == len(guideline.risk_categories)
    assert table.columnCount() == len(guideline.use_cases)
    row = next(i for i, rc in enumerate(view.categories) if rc.id == "RC-ACC")
    col = 0
    rc, uc = view.categories[row], view.use_cases[col]
    cms = guideline.countermeasures_for_cell(rc.id, uc.id)
    assert cms
    assert table.item(row, col).text() == str(len(cms))

    rect = table.visualRect(table.model().index(row, col))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert guideline_window.current_location == Location("risk_matrix", rc.id, uc.id)
    text = view.document.toPlainText()
    assert rc.name in text and uc.name in text
    for cm in cms:
        assert cm.title in text
    others = [c for c in guideline.countermeasures if c not in cms]
    assert not any(c.text in text for c in others)


def test_developer_filter_changes_the_counts(qtbot, guideline_window, guideline):
    guideline_window.navigate(Location("risk_matrix"))
    view = guideline_window.page("risk_matrix")
    qtbot.mouseClick(
        guideline_window.filter_bar.perspective_buttons["developer"], Qt.MouseButton.LeftButton
    )
    rc, uc = view.categories[0], view.use_cases[0]
    expected = [
        cm
        for cm in guideline.countermeasures_for_cell(rc.id, uc.id)
        if cm.perspective.value == "developer"
    ]
    assert view.table.item(0, 0).text() == (
        str(len(expected)) if expected or view.risk(rc.id, uc.id) else "—"
    )


def test_row_heading_shows_the_category_and_its_references(guideline_window, guideline):
    rc = next(rc for rc in guideline.risk_categories if guideline.references_for_category(rc.id))
    guideline_window.navigate(Location("risk_matrix", rc.id))
    text = guideline_window.page("risk_matrix").document.toPlainText()
    assert rc.description in text
    for ref in guideline.references_for_category(rc.id):
        assert ref.title in text


def test_arrow_keys_and_enter_open_a_cell(qtbot, guideline_window, guideline):
    guideline_window.navigate(Location("risk_matrix"))
    view = guideline_window.page("risk_matrix")
    view.table.setCurrentCell(0, 0)
    qtbot.keyClick(view.table, Qt.Key.Key_Down)
    qtbot.keyClick(view.table, Qt.Key.Key_Right)
    qtbot.keyClick(view.table, Qt.Key.Key_Return)
    rc, uc = view.categories[1], view.use_cases[1]
    assert guideline_window.current_location == Location("risk_matrix", rc.id, uc.id)
    assert uc.name in view.document.toPlainText()


def _cell_seen(view, row: int, col: int) -> bool:
    """Whether the whole cell lies inside the visible part of the matrix pane."""
    table = view.table
    rect = table.visualRect(table.model().index(row, col))
    top_left = table.viewport().mapTo(view.top.viewport(), rect.topLeft())
    bottom_right = table.viewport().mapTo(view.top.viewport(), rect.bottomRight())
    visible = view.top.viewport().rect()
    return visible.contains(top_left) and visible.contains(bottom_right)


def test_every_row_is_shown_at_normal_text_size(qtbot, guideline_window, guideline):
    guideline_window.resize(1280, 800)
    guideline_window.navigate(Location("risk_matrix"))
    view = guideline_window.page("risk_matrix")
    qtbot.waitUntil(lambda: view.table.height() > view.table.verticalHeader().length())
    assert view.table.rowCount() == len(guideline.risk_categories) >= 9
    assert all(_cell_seen(view, row, 0) for row in range(view.table.rowCount()))


def test_at_200_percent_arrow_keys_reach_every_row(qtbot, guideline_window, guideline):
    guideline_window.resize(1280, 800)
    guideline_window.set_zoom(200)
    guideline_window.navigate(Location("risk_matrix"))
    view = guideline_window.page("risk_matrix")
    table = view.table
    table.setCurrentCell(0, 0)
    for row in range(1, table.rowCount()):
        qtbot.keyClick(table, Qt.Key.Key_Down)
        assert table.currentRow() == row
        qtbot.waitUntil(lambda row=row: _cell_seen(view, row, 0))
    assert not _cell_seen(view, 0, 0)  # the pane scrolled to show the last row


def test_cell_with_countermeasures_but_no_risk_is_marked_and_explained(
    qtbot, guideline_window, guideline
):
    from PySide6.QtGui import QColor

    from haip_desktop.ui.widgets.style import NO_RISK_COUNTERMEASURES, PAGE, SEVERITY_COLOURS

    guideline_window.navigate(Location("risk_matrix"))
    view = guideline_window.page("risk_matrix")
    cells = [
        (row, col)
        for row, rc in enumerate(view.categories)
        for col, uc in enumerate(view.use_cases)
        if view.risk(rc.id, uc.id) is None and guideline.countermeasures_for_cell(rc.id, uc.id)
    ]
    assert cells
    row, col = cells[0]
    rc, uc = view.categories[row], view.use_cases[col]
    item = view.table.item(row, col)
    assert item.text() == str(len(guideline.countermeasures_for_cell(rc.id, uc.id)))
    tint = item.background().color()
    assert tint == QColor(NO_RISK_COUNTERMEASURES[0])
    assert tint != QColor(PAGE)
    assert tint not in [QColor(c[0]) for c in SEVERITY_COLOURS.values()]
    assert "リスクの記載はないが対策あり" in view.legend.text()
    assert "リスクの記載はありません" in item.toolTip()
    assert "リスクの記載なし" in item.data(Qt.ItemDataRole.AccessibleTextRole)

    view.table.setCurrentCell(row, col)
    qtbot.keyClick(view.table, Qt.Key.Key_Return)
    text = view.document.toPlainText()
    assert "この区分のリスクは挙げられていません" in text
    assert "次のリスクへの対策として" in text
    addressed = {
        r.title
        for cm in guideline.countermeasures_for_cell(rc.id, uc.id)
        for r in guideline.risks_addressed_by(cm)
        if r.use_case == uc.id
    }
    assert addressed and all(title in text for title in addressed)


def test_row_heading_counts_say_which_cells_have_no_risk(guideline_window, guideline):
    guideline_window.navigate(Location("risk_matrix"))
    view = guideline_window.page("risk_matrix")
    rc = next(
        rc
        for rc in view.categories
        if any(
            view.risk(rc.id, uc.id) is None and guideline.countermeasures_for_cell(rc.id, uc.id)
            for uc in view.use_cases
        )
    )
    guideline_window.navigate(Location("risk_matrix", rc.id))
    lines = view.document.toPlainText().splitlines()
    for uc in view.use_cases:
        line = next(line for line in lines if line.startswith(f"UC{uc.number} "))
        count = len(guideline.countermeasures_for_cell(rc.id, uc.id))
        risk = view.risk(rc.id, uc.id)
        assert f"対策 {count} 件" in line
        assert ("リスクの記載なし" in line) == (risk is None), line
