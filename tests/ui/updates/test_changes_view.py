"""変更点: added, removed and reworded items, grouped, with the changed text highlighted."""

from __future__ import annotations

from PySide6.QtCore import Qt

from haip_desktop.guideline import load_guideline
from haip_desktop.ui.updates.changes_view import ChangesView


def _view(qtbot, data_v2):  # type: ignore[no-untyped-def]
    old, new = load_guideline(data_v2["v1"]), load_guideline(data_v2["v2"])
    view = ChangesView(old, new, sources=[])
    qtbot.addWidget(view)
    view.show()
    return view, old, new


def test_lists_added_removed_and_reworded_items(qtbot, data_v2):
    view, old, new = _view(qtbot, data_v2)
    rows = view.change_rows()
    assert ("追加", data_v2["added"]) in rows
    assert ("削除", data_v2["removed"]) in rows
    assert ("変更", data_v2["reworded"]) in rows
    assert ("変更", data_v2["use_case"]) in rows
    assert "追加 1 件・削除 1 件" in view.summary.text()
    assert old.data_version in view.summary.text() and new.data_version in view.summary.text()

    # Grouped by use case: the reworded countermeasure sits under its use cases.
    groups = [view.tree.topLevelItem(i).text(0) for i in range(view.tree.topLevelItemCount())]
    uc = old.use_case(old.countermeasure(data_v2["reworded"]).use_cases[0])
    assert any(g.startswith(f"UC{uc.number} {uc.name}") for g in groups)


def test_reworded_text_is_shown_old_beside_new_with_the_change_marked(qtbot, data_v2):
    view, old, _new = _view(qtbot, data_v2)
    assert view.select_change(data_v2["reworded"])
    html = view.detail.toHtml()
    text = view.detail.toPlainText()
    before = old.countermeasure(data_v2["reworded"]).title
    assert before in text
    assert before + "（改訂）" in text.replace("\n", "")
    assert "改訂版の本文" in text
    assert "旧（データ版" in text and "新（データ版" in text
    # The inserted words carry the highlight colour.
    assert "#d3edd3" in html.lower()


def test_group_by_step_and_filter_by_kind(qtbot, data_v2):
    view, _old, _new = _view(qtbot, data_v2)
    view.grouping.setCurrentIndex(view.grouping.findData("step"))
    assert ("追加", data_v2["added"]) in view.change_rows()
    view.kind_filter.setCurrentIndex(view.kind_filter.findData("removed"))
    kinds = {kind for kind, _id in view.change_rows()}
    assert kinds == {"削除"}
    view.grouping.setCurrentIndex(view.grouping.findData("type"))
    groups = [view.tree.topLevelItem(i).text(0) for i in range(view.tree.topLevelItemCount())]
    assert groups == ["対策（1 件）"]


def test_save_as_pdf(qtbot, data_v2, file_dialogs, tmp_path):
    from pypdf import PdfReader

    view, _old, new = _view(qtbot, data_v2)
    target = tmp_path / "変更点.pdf"
    file_dialogs.save_files.append(target)
    qtbot.mouseClick(view.pdf_button, Qt.MouseButton.LeftButton)
    assert target.read_bytes().startswith(b"%PDF")
    text = "".join(page.extract_text() for page in PdfReader(target).pages)
    assert new.data_version in text
    assert data_v2["added"] in text


def test_opened_from_the_tools_menu_against_the_data_in_use(qtbot, window, actions):
    actions.changes_action.trigger()
    view = actions.open_dialogs["changes"]
    assert view.isVisible()
    assert "違いはありません" in view.summary.text()  # bundled data only: nothing changed
