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


# -- by reading (readings.yaml) -------------------------------------------------------------


def _found(index, query):
    return {h.item_id: h.text[h.start : h.end] for h in index.search(query)}


def test_hiragana_reading_finds_the_kanji_word_and_marks_it(index):
    hits = index.search("たいいん")
    taiin = [h for h in hits if h.text[h.start : h.end] == "退院"]
    assert taiin and all(h.by_reading for h in hits)
    # every item where 退院 is written is found by its reading
    assert {h.item_id for h in index.search("退院")} <= {h.item_id for h in hits}
    excerpt, start, end = taiin[0].snippet()
    assert excerpt[start:end] == "退院"


def test_katakana_and_romaji_readings_find_the_same_items(index):
    hiragana = _found(index, "たいいん")
    assert hiragana
    for query in ("タイイン", "ﾀｲｲﾝ", "taiin", "taiinn", "Taiin", "ｔａｉｉｎ"):
        assert _found(index, query) == hiragana, query


def test_kojin_jouhou_finds_personal_information(index):
    expected = _found(index, "こじんじょうほう")
    assert "個人情報" in expected.values()
    for query in ("kojinjouhou", "kojinjoho", "kojinjōhō", "kozinzyouhou", "こじんじょほう"):
        assert _found(index, query) == expected, query


@pytest.mark.parametrize(
    ("queries", "word"),
    [
        (("しんりょうろく", "shinryouroku", "sinryouroku", "shinryoroku"), "診療録"),
        (("ぎぎしょうかい", "gigishoukai", "gigisyoukai", "gigishokai"), "疑義照会"),
        (("もうしおくり", "moushiokuri", "mousiokuri", "moshiokuri"), "申し送り"),
        (("やくれき", "yakureki"), "薬歴"),
    ],
)
def test_medical_terms_by_reading(index, queries, word):
    results = [_found(index, q) for q in queries]
    assert word in results[0].values()
    assert all(r == results[0] for r in results), queries


def test_hallucination_is_still_found_as_written_and_by_romaji(index):
    written = index.search("はるしねーしょん")
    assert written and not any(h.by_reading for h in written)
    as_written = [h.item_id for h in written]
    for query in ("harushine-shon", "harushineshon", "はるしねしょん"):
        assert [h.item_id for h in index.search(query)] == as_written, query


def test_items_found_as_written_come_before_those_found_by_reading(index):
    # "ai" is written (AI) in many items and is the reading あい of others (場合)
    hits = index.search("ai")
    assert any(h.by_reading for h in hits) and not all(h.by_reading for h in hits)
    for kind in {h.kind for h in hits}:
        flags = [h.by_reading for h in hits if h.kind == kind]
        assert flags == sorted(flags), kind


def test_capitals_are_an_acronym_not_romaji(index):
    assert not any(h.by_reading for h in index.search("AI"))


def test_words_of_a_query_may_mix_text_and_reading(index):
    both = {h.item_id for h in index.search("taiin サマリ")}
    assert both and both == {h.item_id for h in index.search("退院 サマリ")}


def test_data_without_readings_is_searched_as_written(data_copy):
    from haip_desktop.guideline import load_guideline
    from haip_desktop.guideline.readings import READINGS_FILE

    (data_copy / READINGS_FILE).unlink()
    index = SearchIndex(load_guideline(data_copy))
    assert index.search("退院")
    assert index.search("はるしねーしょん")
    assert index.search("harushineshon")  # kana text is its own reading
    assert index.search("たいいん") == []
