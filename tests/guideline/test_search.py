"""Search over the guideline's texts, without Qt."""

from __future__ import annotations

import pytest

from haip_desktop.guideline.search import SearchIndex, fold


@pytest.fixture(scope="module")
def index(guideline):
    return SearchIndex(guideline)


def test_fold_unifies_width_kana_and_case():
    assert fold("ﾊﾙｼﾈｰｼｮﾝ") == fold("ハルシネーション") == fold("はるしねーしょん")
    assert fold("ＡＩ") == fold("ai") == fold("Ai")


def test_katakana_and_hiragana_queries_find_the_same_items(index):
    katakana = [h.item_id for h in index.search("ハルシネーション")]
    hiragana = [h.item_id for h in index.search("はるしねーしょん")]
    assert katakana and katakana == hiragana


def test_full_width_and_case_insensitive(index):
    assert [h.item_id for h in index.search("ＳＯＡＰ")] == [
        h.item_id for h in index.search("soap")
    ]
    assert index.search("soap")


def test_hit_span_points_at_the_original_text(index):
    for hit in index.search("はるしねーしょん"):
        assert fold(hit.text[hit.start : hit.end]) == fold("ハルシネーション")
        excerpt, start, end = hit.snippet()
        assert fold(excerpt[start:end]) == fold("ハルシネーション")


def test_results_are_grouped_by_kind(index):
    hits = index.search("退院")
    kinds = [h.kind for h in hits]
    assert len(set(kinds)) > 1
    # grouped: once a kind is left it does not come back
    seen: list[str] = []
    for kind in kinds:
        if not seen or seen[-1] != kind:
            assert kind not in seen
            seen.append(kind)


def test_several_words_must_all_match(index):
    both = {h.item_id for h in index.search("退院 サマリ")}
    only_first = {h.item_id for h in index.search("退院")}
    assert both and both <= only_first


def test_ids_are_searchable_and_nonsense_finds_nothing(index):
    assert index.search("uc-01")[0].item_id == "UC-01"
    assert index.search("zzzqqq存在しない語") == []
    assert index.search("   ") == []
