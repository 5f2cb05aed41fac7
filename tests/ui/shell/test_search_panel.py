"""Search as you type: kana/width-insensitive, grouped by kind, hit marked, Enter opens in context."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication

from haip_desktop.guideline.search import KIND_LABELS
from haip_desktop.ui.shell.navigation import location_for_item
from haip_desktop.ui.shell.search_panel import HIGHLIGHT, HIT_ROLE, HTML_ROLE


def type_query(qtbot, window, text):
    """Type as a person would: Latin letters as keys, Japanese through the input method."""
    field = window.search_panel.field
    field.clear()
    field.setFocus()
    if text.isascii():
        qtbot.keyClicks(field, text)
    else:
        event = QInputMethodEvent()
        event.setCommitString(text)
        QApplication.sendEvent(field, event)
    assert field.text() == text
    return [h.item_id for h in window.search_panel.hits]


def test_katakana_and_hiragana_queries_give_the_same_hits(qtbot, guideline_window):
    katakana = type_query(qtbot, guideline_window, "ハルシネーション")
    hiragana = type_query(qtbot, guideline_window, "はるしねーしょん")
    half_width = type_query(qtbot, guideline_window, "ﾊﾙｼﾈｰｼｮﾝ")
    assert katakana and katakana == hiragana == half_width
    assert guideline_window.search_panel.isVisible()


def test_results_are_grouped_by_kind_with_the_hit_marked(qtbot, guideline_window):
    hits = type_query(qtbot, guideline_window, "退院")
    panel = guideline_window.search_panel
    assert hits
    groups = [
        panel.results.topLevelItem(i).text(0) for i in range(panel.results.topLevelItemCount())
    ]
    assert len(groups) == len(panel.grouped_kinds()) > 1
    for group, kind in zip(groups, panel.grouped_kinds(), strict=True):
        assert group.startswith(KIND_LABELS[kind])
    first = panel.hit_items()[0]
    assert f'<span style="background-color:{HIGHLIGHT};">退院</span>' in first.data(0, HTML_ROLE)
    assert "件" in panel.summary.text()


def test_enter_opens_the_first_result_in_its_context(qtbot, guideline_window, guideline):
    type_query(qtbot, guideline_window, "退院サマリ")
    first = guideline_window.search_panel.hits[0]
    qtbot.keyClick(guideline_window.search_panel.field, Qt.Key.Key_Return)
    expected = location_for_item(guideline, guideline.get(first.item_id))
    assert guideline_window.current_location == expected


def test_down_then_enter_opens_the_chosen_result(qtbot, guideline_window, guideline):
    type_query(qtbot, guideline_window, "情報漏えい")
    panel = guideline_window.search_panel
    qtbot.keyClick(panel.field, Qt.Key.Key_Down)
    qtbot.keyClick(panel.results, Qt.Key.Key_Down)
    chosen = panel.results.currentItem()
    qtbot.keyClick(panel.results, Qt.Key.Key_Return)
    hit = chosen.data(0, Qt.ItemDataRole.UserRole + 1)
    assert guideline_window.current_location == location_for_item(
        guideline, guideline.get(hit.item_id)
    )


def test_ctrl_f_focuses_the_search_box_and_escape_clears_it(qtbot, guideline_window):
    guideline_window.activateWindow()
    guideline_window.find_action.trigger()
    assert QApplication.focusWidget() is guideline_window.search_panel.field or (
        guideline_window.search_panel.field.hasFocus()
    )
    assert guideline_window.find_action.shortcut().toString() == "Ctrl+F"
    type_query(qtbot, guideline_window, "退院")
    qtbot.keyClick(guideline_window.search_panel.field, Qt.Key.Key_Escape)
    assert guideline_window.search_panel.field.text() == ""
    assert not guideline_window.search_panel.isVisible()


def test_the_index_is_built_only_when_first_needed(qtbot, guideline_window):
    assert guideline_window.search_panel._index is None
    type_query(qtbot, guideline_window, "AI")
    assert guideline_window.search_panel._index is not None


def test_typing_the_reading_finds_the_word_and_marks_it(qtbot, guideline_window):
    panel = guideline_window.search_panel
    hits = type_query(qtbot, guideline_window, "たいいん")
    assert hits and panel.isVisible()
    assert "「たいいん」" in panel.summary.text() and "件" in panel.summary.text()
    marked = f'<span style="background-color:{HIGHLIGHT};">退院</span>'
    shown = [item.data(0, HTML_ROLE) for item in panel.hit_items()]
    assert any(marked in html for html in shown)
    # romaji typed with the input method off finds the same
    assert type_query(qtbot, guideline_window, "taiin") == hits


def test_a_countermeasure_found_says_who_acts_on_it(qtbot, guideline_window, guideline):
    from haip_desktop.guideline import Level

    action = next(
        cm
        for cm in guideline.countermeasures_for_step("ST-IN-04")
        if cm.title.startswith("下書きを観察と実測値")
    )
    facility = next(cm for cm in guideline.facility_countermeasures())
    for cm, expected in (
        (action, "区分: 業務ステップ — 看護記録（看護師）"),
        (facility, "区分: 施設全体（施設として一度整える）"),
    ):
        type_query(qtbot, guideline_window, cm.title)
        panel = guideline_window.search_panel
        item = next(i for i in panel.hit_items() if i.data(0, HIT_ROLE).item_id == cm.id)
        assert expected in item.data(0, HTML_ROLE)
    assert action.level is Level.STEP and action.steps == ["ST-IN-04"]
