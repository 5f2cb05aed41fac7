"""Guideline data packs: building, verifying, refusing bad packs, installing, falling back."""

from __future__ import annotations

import hashlib
import json
import zipfile
from pathlib import Path

import pytest

from haip_desktop.guideline import packs
from haip_desktop.guideline.packs import (
    MANIFEST_NAME,
    PackError,
    active_guideline_dir,
    build_pack,
    install_pack,
    installed_packs,
    load_active_guideline,
    reset_to_bundled,
    verify_pack,
)
from haip_desktop.paths import bundled_guideline_dir, user_data_dir


def _rewrite(
    pack: Path,
    out: Path,
    replace: dict[str, bytes | None] | None = None,
    fix_manifest: bool = False,
) -> Path:
    """A copy of pack with members replaced (None removes, new names add)."""
    replace = replace or {}
    with zipfile.ZipFile(pack) as zf:
        members = {name: zf.read(name) for name in zf.namelist()}
    for name, data in replace.items():
        if data is None:
            members.pop(name, None)
        else:
            members[name] = data
    if fix_manifest:
        manifest = json.loads(members[MANIFEST_NAME])
        manifest["files"] = {
            name: {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}
            for name, data in members.items()
            if name != MANIFEST_NAME
        }
        members[MANIFEST_NAME] = json.dumps(manifest).encode()
    with zipfile.ZipFile(out, "w") as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return out


@pytest.fixture
def pack(data_copy: Path, tmp_path: Path) -> Path:
    out = tmp_path / "data.haippack"
    build_pack(data_copy, out)
    return out


def test_built_pack_lists_every_file_with_its_hash_and_verifies(data_copy, pack, guideline):
    manifest, problems = verify_pack(pack)
    assert problems == []
    assert manifest is not None
    assert manifest.data_version == guideline.data_version
    assert manifest.guideline_id == guideline.id
    assert manifest.edition == guideline.edition
    yaml_files = sorted(p.name for p in data_copy.glob("*.yaml"))
    assert yaml_files and set(yaml_files) <= set(manifest.files)
    for name in yaml_files:
        digest = hashlib.sha256((data_copy / name).read_bytes()).hexdigest()
        assert manifest.files[name] == digest
    with zipfile.ZipFile(pack) as zf:
        assert sorted(zf.namelist()) == sorted([MANIFEST_NAME, *manifest.files])


def test_changed_file_is_refused_as_tampered(pack, tmp_path):
    name = "guideline.yaml"
    with zipfile.ZipFile(pack) as zf:
        text = zf.read(name).decode()
    bad = _rewrite(pack, tmp_path / "bad.haippack", {name: text.replace("HAIP", "HAlP").encode()})
    _, problems = verify_pack(bad)
    assert any(name in p and "SHA-256" in p and "改ざん" in p for p in problems), problems


def test_added_and_missing_files_are_refused(pack, tmp_path):
    added = _rewrite(pack, tmp_path / "added.haippack", {"extra.yaml": b"references: []\n"})
    _, problems = verify_pack(added)
    assert any("extra.yaml" in p and "余分" in p for p in problems), problems

    missing = _rewrite(pack, tmp_path / "missing.haippack", {"guideline.yaml": None})
    _, problems = verify_pack(missing)
    assert any("guideline.yaml" in p and "ありません" in p for p in problems), problems


def test_path_outside_the_folder_is_refused_and_never_written(pack, tmp_path):
    evil = _rewrite(pack, tmp_path / "slip.haippack", {"../evil.yaml": b"x: 1\n"}, True)
    _, problems = verify_pack(evil)
    assert any("../evil.yaml" in p for p in problems), problems
    with pytest.raises(PackError):
        install_pack(evil)
    assert not any(p.name == "evil.yaml" for p in tmp_path.rglob("*"))
    assert not any(p.name == "evil.yaml" for p in user_data_dir().rglob("*"))


def test_oversized_member_is_refused(pack, monkeypatch):
    monkeypatch.setattr(packs, "MAX_MEMBER_BYTES", 1000)
    _, problems = verify_pack(pack)
    assert any("大きすぎます" in p for p in problems), problems


def test_not_a_zip_is_refused(tmp_path):
    file = tmp_path / "notes.haippack"
    file.write_text("not a zip", encoding="utf-8")
    manifest, problems = verify_pack(file)
    assert manifest is None
    assert problems and "zip" in problems[0]


def test_broken_yaml_with_matching_hashes_is_refused_with_the_problems(pack, tmp_path):
    with zipfile.ZipFile(pack) as zf:
        use_cases = zf.read("use_cases.yaml").decode()
    broken = use_cases.replace("  - id: UC-02", "  - id: [UC-02", 1)
    bad = _rewrite(pack, tmp_path / "broken.haippack", {"use_cases.yaml": broken.encode()}, True)
    _, problems = verify_pack(bad)
    assert any(p.startswith("データの検査: use_cases.yaml:") for p in problems), problems


def test_cross_reference_error_is_refused(pack, tmp_path):
    with zipfile.ZipFile(pack) as zf:
        risks = zf.read("risks.yaml").decode()
    assert "use_case: UC-03" in risks
    bad_text = risks.replace("use_case: UC-03", "use_case: UC-99", 1).encode()
    bad = _rewrite(pack, tmp_path / "xref.haippack", {"risks.yaml": bad_text}, True)
    _, problems = verify_pack(bad)
    assert any("UC-99" in p for p in problems), problems


def test_install_makes_the_pack_active_and_reset_goes_back(data_v2, tmp_path):
    pack = tmp_path / "v2.haippack"
    build_pack(data_v2["v2"], pack)
    assert active_guideline_dir() == bundled_guideline_dir()

    manifest = install_pack(pack)
    assert manifest.data_version == data_v2["v2_version"]
    folder = user_data_dir() / "packs" / data_v2["v2_version"]
    assert active_guideline_dir() == folder
    assert (folder / MANIFEST_NAME).is_file()
    active = load_active_guideline()
    assert active.warning is None
    assert active.guideline.data_version == data_v2["v2_version"]
    assert [m.data_version for m in installed_packs()] == [data_v2["v2_version"]]
    # no staging folders left behind
    assert [p.name for p in (user_data_dir() / "packs").iterdir()] == [data_v2["v2_version"]]

    reset_to_bundled()
    assert active_guideline_dir() == bundled_guideline_dir()
    assert load_active_guideline().is_bundled


def test_refused_pack_changes_nothing(data_v2, pack, tmp_path):
    good = tmp_path / "v2.haippack"
    build_pack(data_v2["v2"], good)
    install_pack(good)
    before = sorted(p.name for p in (user_data_dir() / "packs").iterdir())

    with zipfile.ZipFile(pack) as zf:
        text = zf.read("guideline.yaml")
    tampered = _rewrite(pack, tmp_path / "t.haippack", {"guideline.yaml": text + b"\n# x\n"})
    with pytest.raises(PackError) as caught:
        install_pack(tampered)
    assert "t.haippack" in str(caught.value)
    assert sorted(p.name for p in (user_data_dir() / "packs").iterdir()) == before
    assert load_active_guideline().guideline.data_version == data_v2["v2_version"]


def test_corrupted_installed_pack_falls_back_to_bundled_data_with_a_warning(data_v2, tmp_path):
    pack = tmp_path / "v2.haippack"
    build_pack(data_v2["v2"], pack)
    install_pack(pack)
    folder = user_data_dir() / "packs" / data_v2["v2_version"]
    (folder / "use_cases.yaml").write_text("use_cases: [\n", encoding="utf-8")

    active = load_active_guideline()
    bundled = bundled_guideline_dir()
    assert active.is_bundled
    assert active.guideline.source_dir == bundled
    assert active.warning is not None
    assert data_v2["v2_version"] in active.warning
    assert "同梱のデータ" in active.warning
    assert "use_cases.yaml" in active.warning


def test_corrupted_settings_file_means_bundled_data(tmp_path):
    (user_data_dir() / packs.SETTINGS_NAME).write_text("{not json", encoding="utf-8")
    active = load_active_guideline()
    assert active.is_bundled and active.warning is None


def test_pack_of_another_guideline_is_refused_by_install_and_check(data_copy, tmp_path):
    path = data_copy / "guideline.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("id: HAIP-GENAI-GL", "id: OTHER-GL", 1),
        encoding="utf-8",
    )
    other = tmp_path / "other.haippack"
    build_pack(data_copy, other)
    manifest, problems = verify_pack(other)
    assert any("別のガイドライン（OTHER-GL）" in p for p in problems)
    with pytest.raises(PackError) as caught:
        install_pack(other)
    assert any("HAIP-GENAI-GL" in p for p in caught.value.problems)
    assert installed_packs() == []


# -- issue 14, defect 5: YAML aliases must not let a small pack take gigabytes -------------------


def _alias_bomb(string_bytes: int, aliases: int) -> bytes:
    lines = [f"notes: &big '{'x' * string_bytes}'", "references:"]
    lines += ["  - *big"] * aliases
    return ("\n".join(lines) + "\n").encode()


def test_yaml_aliases_in_a_pack_are_refused_before_they_are_expanded(pack, tmp_path):
    import tracemalloc

    bomb = _rewrite(
        pack, tmp_path / "bomb.haippack", {"bomb.yaml": _alias_bomb(20_000, 2_000)}, True
    )
    tracemalloc.start()
    try:
        _, problems = verify_pack(bomb)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert any(
        p.startswith("データの検査: bomb.yaml:1: ") and "アンカー（&）" in p for p in problems
    ), problems
    assert peak < 20_000_000  # expanded, the 2,000 copies alone would be 40 MB


def test_data_check_explains_an_alias_bomb_without_a_traceback(pack, tmp_path, capsys):
    from haip_desktop.cli import main

    bomb = _rewrite(pack, tmp_path / "bomb.haippack", {"bomb.yaml": _alias_bomb(10, 5)}, True)
    assert main(["data", "check", str(bomb)]) == 1
    captured = capsys.readouterr()
    assert "このパックは使えません" in captured.err
    assert "アンカー（&）や別名（*）は使えません" in captured.err
    assert "Traceback" not in captured.err


def test_a_refused_first_install_leaves_no_packs_folder(tmp_path, capsys):
    """Issue 14: the packs folder was made before the pack was checked."""
    from haip_desktop.cli import main

    not_a_pack = tmp_path / "x.haippack"
    not_a_pack.write_bytes(b"not a zip")
    assert main(["data", "install", str(not_a_pack)]) == 1
    assert "パックを取り込みません" in capsys.readouterr().err
    assert not (user_data_dir() / "packs").exists()


def test_an_install_that_cannot_write_is_told_in_japanese(pack, monkeypatch):
    import errno
    import os

    from haip_desktop import files

    def full(fd, data):  # type: ignore[no-untyped-def]
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(files.os, "write", full)  # the settings file cannot be written
    with pytest.raises(PackError) as caught:
        install_pack(pack)
    assert any("ディスクの空きがありません" in p for p in caught.value.problems)
    assert active_guideline_dir() == bundled_guideline_dir()
