"""Data packs carry the search readings when the data has them, and work without them."""

from __future__ import annotations

import zipfile

from haip_desktop.cli import main
from haip_desktop.guideline.packs import install_pack, load_active_guideline, verify_pack
from haip_desktop.guideline.readings import READINGS_FILE
from haip_desktop.guideline.search import SearchIndex


def _words(guideline, query):
    return {h.text[h.start : h.end] for h in SearchIndex(guideline).search(query)}


def test_a_pack_carries_the_readings_and_is_searched_by_reading(data_copy, tmp_path, capsys):
    pack = tmp_path / "data.haippack"
    assert main(["data", "pack", str(data_copy), "-o", str(pack)]) == 0
    assert "注意" not in capsys.readouterr().out
    with zipfile.ZipFile(pack) as zf:
        assert READINGS_FILE in zf.namelist()
    install_pack(pack)
    active = load_active_guideline()
    assert not active.is_bundled
    assert "退院" in _words(active.guideline, "たいいん")


def test_a_pack_without_readings_loads_and_is_searched_as_written(data_copy, tmp_path, capsys):
    (data_copy / READINGS_FILE).unlink()
    pack = tmp_path / "no-readings.haippack"
    assert main(["data", "pack", str(data_copy), "-o", str(pack)]) == 0
    out = capsys.readouterr().out
    assert "readings.yaml" in out and "書かれた文字でだけ検索できます" in out
    manifest, problems = verify_pack(pack)
    assert problems == [] and READINGS_FILE not in manifest.files

    install_pack(pack)
    active = load_active_guideline()
    assert not active.is_bundled and active.warning is None
    assert "退院" in _words(active.guideline, "退院")
    assert "ハルシネーション" in _words(active.guideline, "はるしねーしょん")
    assert _words(active.guideline, "たいいん") == set()


def test_packing_data_whose_readings_miss_new_words_says_which(data_copy, tmp_path, capsys):
    path = data_copy / "use_cases.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("name: ", "name: 齲蝕評価と", 1), encoding="utf-8")
    assert main(["data", "pack", str(data_copy), "-o", str(tmp_path / "x.haippack")]) == 0
    out = capsys.readouterr().out
    assert "読みのない語が 1 個あります（齲蝕）" in out
    assert "python packaging/build_readings.py" in out
