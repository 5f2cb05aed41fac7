"""packaging/build_readings.py: the readings file is what the analyser gives for the data."""

from __future__ import annotations

import copy
from pathlib import Path

import build_readings
import pytest
import yaml

from haip_desktop.guideline import load_guideline
from haip_desktop.guideline.readings import READINGS_FILE
from haip_desktop.guideline.search import SearchIndex, searchable_texts

REPO = Path(__file__).resolve().parents[2]
BUNDLED = REPO / "guideline_data"

pytest.importorskip("sudachipy", reason="the analyser comes with the test extra")


def test_the_committed_readings_are_what_the_build_gives():
    built = build_readings.build(BUNDLED)
    committed = (BUNDLED / READINGS_FILE).read_text(encoding="utf-8")
    assert committed == built, (
        "guideline_data/readings.yaml is out of date: "
        "run python packaging/build_readings.py guideline_data"
    )


def test_the_file_says_it_is_generated_and_how_to_regenerate():
    head = (BUNDLED / READINGS_FILE).read_text(encoding="utf-8").splitlines()[:6]
    assert any("GENERATED" in line for line in head)
    assert any("python packaging/build_readings.py" in line for line in head)


def _analyse(texts):
    return build_readings.build_readings(texts)


def test_words_are_read_in_context():
    readings = _analyse(
        ["持参薬を確認する", "お薬を渡す", "薬を飲む", "使用後に片付ける", "その後"]
    )
    assert readings["持参"] == "じさん"
    # 薬 alone is read くすり twice; where it is read やく it is kept with its neighbour
    assert readings["薬"] == "くすり"
    assert readings["持参薬"] == "じさんやく"


def test_corrections_override_the_analyser():
    readings = _analyse(["経時的な変化"])
    assert readings["経時"] == "けいじ"


def test_a_new_countermeasure_needs_new_readings_and_the_build_gives_them(data_copy):
    path = data_copy / "countermeasures_user_organization.yaml"
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    # A deep copy: a list shared with the original would be dumped as a YAML alias, which
    # guideline data refuses.
    new = copy.deepcopy(dict(document["countermeasures"][0], id="C-TEST-99"))
    new["title"] = "齲蝕機能の評価結果を申し送る"
    document["countermeasures"].append(new)
    path.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")

    stale = load_guideline(data_copy)
    assert "齲蝕" in stale.readings.missing_in(t for _, _, t in searchable_texts(stale))
    assert build_readings.main([str(data_copy), "--check"]) == 1

    assert build_readings.main([str(data_copy)]) == 0
    fresh = load_guideline(data_copy)
    assert fresh.readings.missing_in(t for _, _, t in searchable_texts(fresh)) == []
    hits = SearchIndex(fresh).search("ushoku")
    assert [(h.item_id, h.text[h.start : h.end]) for h in hits] == [("C-TEST-99", "齲蝕")]
    assert build_readings.main([str(data_copy), "--check"]) == 0


def test_a_broken_readings_file_is_rebuilt(data_copy):
    (data_copy / READINGS_FILE).write_text("readings: 壊れた\n", encoding="utf-8")
    assert build_readings.main([str(data_copy)]) == 0
    assert load_guideline(data_copy).readings.words["退院"] == "たいいん"
