"""Readings for search: the data file, romaji, long vowels; no analyser needed here."""

from __future__ import annotations

import re

import pytest

from haip_desktop.guideline import GuidelineDataError, load_guideline
from haip_desktop.guideline.kana import loose
from haip_desktop.guideline.readings import READINGS_FILE, Readings, parse_readings
from haip_desktop.guideline.romaji import to_hiragana
from haip_desktop.guideline.search import searchable_texts

REGENERATE = "python packaging/build_readings.py guideline_data"


def test_the_bundled_readings_cover_every_word_search_looks_in(guideline):
    missing = guideline.readings.missing_in(text for _, _, text in searchable_texts(guideline))
    assert missing == [], (
        f"Words without a reading in guideline_data/{READINGS_FILE}: {missing[:20]}. "
        f"Regenerate it: {REGENERATE}"
    )


def test_the_bundled_readings_read_the_words_staff_type(guideline):
    words = guideline.readings.words
    assert words["退院"] == "たいいん"
    assert words["診療録"] == "しんりょうろく"
    assert words["薬歴"] == "やくれき"
    assert words["申し送り"] == "もうしおくり"
    assert guideline.readings.read("疑義照会")[0] == "ぎぎしょうかい"
    assert guideline.readings.read("要配慮個人情報")[0] == "ようはいりょこじんじょうほう"


def test_a_new_text_with_new_words_is_reported_as_unread(guideline):
    # what the completeness test sees when someone adds a countermeasure and forgets to
    # regenerate the readings
    assert guideline.readings.unread("齲蝕機能の退院前評価") == ["齲蝕"]
    assert guideline.readings.unread("ハルシネーションに注意") == []


def test_each_character_of_a_reading_points_at_the_word_it_reads():
    readings = Readings({"退院": "たいいん", "要約": "ようやく"})
    reading, spans = readings.read("退院時ｻﾏﾘの要約")
    assert reading == "たいいん時さまりのようやく"
    assert spans[:4] == [(0, 2)] * 4
    assert spans[4] == (2, 3)
    assert spans[-1] == (7, 9)


def test_the_longest_word_is_read_first():
    readings = Readings({"個人": "こじん", "個人情報": "こじんじょうほう", "情報": "じょうほう"})
    assert readings.read("個人情報と個人")[0] == "こじんじょうほうとこじん"
    assert readings.read("個人情報と個人")[1][0] == (0, 4)


@pytest.mark.parametrize(
    ("romaji", "kana"),
    [
        ("taiin", "たいいん"),
        ("taiinn", "たいいん"),
        ("shinryouroku", "しんりょうろく"),
        ("sinryouroku", "しんりょうろく"),
        ("gigishoukai", "ぎぎしょうかい"),
        ("gigisyoukai", "ぎぎしょうかい"),
        ("moushiokuri", "もうしおくり"),
        ("mousiokuri", "もうしおくり"),
        ("kozinzyouhou", "こじんじょうほう"),
        ("tsuuin", "つういん"),
        ("tuuin", "つういん"),
        ("chouzai", "ちょうざい"),
        ("tyouzai", "ちょうざい"),
        ("fukuyaku", "ふくやく"),
        ("hukuyaku", "ふくやく"),
        ("jisan", "じさん"),
        ("zisan", "じさん"),
        ("annai", "あんない"),
        ("shin'yaku", "しんやく"),
        ("shinnyuu", "しんにゅう"),
        ("shimbun", "しんぶん"),
        ("kitte", "きって"),
        ("matcha", "まっちゃ"),
        ("harushine-shon", "はるしねーしょん"),
        ("shinryō", "しんりょー"),
    ],
)
def test_romaji_in_hepburn_and_input_method_spellings(romaji, kana):
    assert to_hiragana(romaji) == kana


def test_english_words_and_ids_are_not_romaji():
    for word in ("privacy", "prompt", "injection", "hallucination", "fhir", "uc-01", "c-leak"):
        assert to_hiragana(word) is None, word


def test_a_syllable_still_being_typed_is_left_out():
    assert to_hiragana("shinr") == "しん"
    assert to_hiragana("taii") == "たいい"
    assert to_hiragana("t") is None


def test_long_vowels_match_however_they_are_written():
    written = loose("しんりょうろく")
    assert loose("しんりょおろく") == loose("しんりょろく") == loose("しんりょーろく") == written
    assert loose("はるしねーしょん") == loose("はるしねしょん")
    assert loose("じゅうよう") == loose("じゅよ")
    # not a long vowel: い after い is two sounds (たいいん is not たいん, 他院)
    assert loose("たいいん") != loose("たいん")


def test_a_bad_readings_line_is_refused_with_file_and_line(data_copy):
    path = data_copy / READINGS_FILE
    lines = path.read_text(encoding="utf-8").splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("  退院 "))
    lines[at] = "  退院 タイイン"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(GuidelineDataError) as caught:
        load_guideline(data_copy)
    [problem] = [str(p) for p in caught.value.problems]
    assert re.fullmatch(
        rf"readings\.yaml:{at + 1}: 読み 'タイイン' がひらがなではありません", problem
    )


def test_readings_must_be_a_block_of_lines(data_copy):
    (data_copy / READINGS_FILE).write_text("readings:\n  退院: たいいん\n", encoding="utf-8")
    with pytest.raises(GuidelineDataError) as caught:
        load_guideline(data_copy)
    assert "readings.yaml:1:" in str(caught.value.problems[0])
    assert "readings: |" in str(caught.value.problems[0])


def test_parse_readings_names_each_bad_line():
    readings, errors = parse_readings("退院 たいいん\n\n退院 たいいん\n診療録\n薬歴 yakureki\n")
    assert readings == {"退院": "たいいん"}
    assert [(e.index, e.message) for e in errors] == [
        (2, "語 '退院' が重複しています"),
        (3, "「語 読み」の形ではありません"),
        (4, "読み 'yakureki' がひらがなではありません"),
    ]


def test_data_without_readings_loads_with_no_readings(data_copy):
    (data_copy / READINGS_FILE).unlink()
    guideline = load_guideline(data_copy)
    assert not guideline.readings
    assert guideline.readings.read("退院")[0] == "退院"
