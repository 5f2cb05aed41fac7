"""The floor for files (haip_desktop/files.py): names of companions, the safe reader."""

from __future__ import annotations

from pathlib import Path

from haip_desktop.files import NAME_MAX, atomic_write_bytes, sibling_name, temp_path_for


def test_a_companion_name_is_the_name_and_suffix_when_it_fits() -> None:
    assert sibling_name("評価.haipeval", ".lock") == "評価.haipeval.lock"


def test_companions_of_long_names_fit_and_stay_apart(tmp_path: Path) -> None:
    one = "あ" * 82 + ".haipeval"
    two = "あ" * 81 + "い.haipeval"
    names = {sibling_name(n, s) for n in (one, two) for s in (".lock", ".bak1", ".bak5")}
    assert len(names) == 6
    assert all(len(n.encode("utf-8")) <= NAME_MAX for n in names)
    for name in (one, two):
        atomic_write_bytes(tmp_path / name, b"x")  # the temporary name fits too
        assert len(temp_path_for(tmp_path / name).name.encode("utf-8")) <= NAME_MAX
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([one, two])
