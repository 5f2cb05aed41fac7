"""The checked snapshot of loaded data: the same guideline as a full load, never stale, never
one this program did not write; a start from it needs neither the YAML parser nor pydantic."""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from haip_desktop.guideline import GuidelineDataError, loader, snapshot
from haip_desktop.guideline.packs import build_pack, install_pack, load_active_guideline
from haip_desktop.guideline.snapshot import load_checked_guideline, snapshot_folder

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def full_loads(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Every full load (YAML and validation) made from now on, by folder."""
    made: list[Path] = []
    real = loader.load_guideline

    def counting(path=None):  # type: ignore[no-untyped-def]
        made.append(Path(path))
        return real(path)

    monkeypatch.setattr(loader, "load_guideline", counting)
    return made


def _snapshots() -> list[Path]:
    return sorted(snapshot_folder().glob("guideline-*.json"))


def test_the_second_load_comes_from_the_snapshot_and_equals_a_full_load(
    data_copy, guideline, full_loads
):
    first = load_checked_guideline(data_copy)
    assert full_loads == [data_copy] and len(_snapshots()) == 1
    second = load_checked_guideline(data_copy)
    assert full_loads == [data_copy]  # not validated again
    assert second is not first
    assert second.source_dir == data_copy
    assert list(second.all_items()) == list(guideline.all_items())
    assert second.info == guideline.info
    assert second.readings.words == guideline.readings.words
    # the relations are rebuilt from the items, as after a full load
    step = guideline.steps[3].id
    assert second.countermeasures_for_step(step) == guideline.countermeasures_for_step(step)
    assert [type(i) for i in second.all_items()] == [type(i) for i in guideline.all_items()]


@pytest.mark.parametrize("name", ["use_cases.yaml", "readings.yaml"])
def test_changed_data_is_never_shown_from_an_old_snapshot(data_copy, full_loads, name):
    load_checked_guideline(data_copy)
    path = data_copy / name
    text = path.read_text(encoding="utf-8")
    if name == "readings.yaml":
        changed = text.rstrip("\n") + "\n  試験語 しけんご\n"
    else:
        first_name = next(line for line in text.splitlines() if line.strip().startswith("name:"))
        changed = text.replace(first_name, first_name + "（改訂）", 1)
    path.write_text(changed, encoding="utf-8")

    again = load_checked_guideline(data_copy)
    assert full_loads == [data_copy, data_copy]
    if name == "readings.yaml":
        assert again.readings.words["試験語"] == "しけんご"
    else:
        assert any(uc.name.endswith("（改訂）") for uc in again.use_cases)
    # and the next start reads the new data's snapshot
    assert load_checked_guideline(data_copy).readings.words == again.readings.words
    assert full_loads == [data_copy, data_copy]


def test_a_snapshot_changed_on_disk_is_not_trusted_and_is_written_again(data_copy, full_loads):
    load_checked_guideline(data_copy)
    [path] = _snapshots()
    signature, _, body = path.read_bytes().partition(b"\n")
    # A plausible edit: valid JSON, a name changed, the old signature kept.
    edited = body.replace(b'"name":"', b'"name":"X', 1)
    assert edited != body
    path.write_bytes(signature + b"\n" + edited)

    again = load_checked_guideline(data_copy)
    assert full_loads == [data_copy, data_copy]
    assert not any(uc.name.startswith("X") for uc in again.use_cases)
    load_checked_guideline(data_copy)  # rewritten: the next load is from the snapshot
    assert full_loads == [data_copy, data_copy]


def test_a_snapshot_signed_by_another_installation_is_not_used(data_copy, full_loads):
    load_checked_guideline(data_copy)
    key_file = snapshot_folder() / snapshot.KEY_FILE_NAME
    key_file.write_text(os.urandom(32).hex() + "\n", encoding="ascii")
    load_checked_guideline(data_copy)
    assert full_loads == [data_copy, data_copy]


@pytest.mark.parametrize(
    "damage",
    [
        lambda raw: raw[: len(raw) // 2],  # cut short
        lambda raw: b"",  # empty
        lambda raw: b"\x00" * 64,  # not text
    ],
)
def test_a_damaged_snapshot_means_a_full_load(data_copy, full_loads, damage):
    load_checked_guideline(data_copy)
    [path] = _snapshots()
    path.write_bytes(damage(path.read_bytes()))
    assert load_checked_guideline(data_copy).use_cases
    assert full_loads == [data_copy, data_copy]


def test_a_signed_snapshot_of_the_wrong_shape_is_not_used(data_copy, full_loads):
    """Even what this program signed is used only when it has exactly the items' fields."""
    load_checked_guideline(data_copy)
    [path] = _snapshots()
    document = json.loads(path.read_bytes().partition(b"\n")[2])
    document["guideline"]["use_cases"][0]["unknown"] = 1
    body = json.dumps(document, ensure_ascii=False).encode("utf-8")
    key = bytes.fromhex((snapshot_folder() / snapshot.KEY_FILE_NAME).read_text().strip())
    path.write_bytes(hmac.new(key, body, hashlib.sha256).hexdigest().encode() + b"\n" + body)
    load_checked_guideline(data_copy)
    assert full_loads == [data_copy, data_copy]


def test_other_code_makes_every_snapshot_stale(data_copy, full_loads, monkeypatch):
    load_checked_guideline(data_copy)
    monkeypatch.setattr(snapshot, "SNAPSHOT_FORMAT", snapshot.SNAPSHOT_FORMAT + 1)
    load_checked_guideline(data_copy)
    assert full_loads == [data_copy, data_copy]


def test_data_with_problems_gets_no_snapshot(data_copy, full_loads):
    path = data_copy / "risks.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("use_case: UC-03", "use_case: UC-99", 1),
        encoding="utf-8",
    )
    with pytest.raises(GuidelineDataError):
        load_checked_guideline(data_copy)
    with pytest.raises(GuidelineDataError):
        load_checked_guideline(data_copy)
    assert len(full_loads) == 2 and _snapshots() == []


def test_an_installed_pack_is_validated_once_when_installed(data_v2, tmp_path, full_loads):
    pack = tmp_path / "v2.haippack"
    build_pack(data_v2["v2"], pack)
    install_pack(pack)
    validated = len(full_loads)
    active = load_active_guideline()
    assert active.guideline.data_version == data_v2["v2_version"]
    assert len(full_loads) == validated  # the start reads what the install checked


def test_the_bundled_data_is_validated_once(full_loads):
    first = load_active_guideline()
    second = load_active_guideline()
    assert len(full_loads) == 1
    assert list(second.guideline.all_items()) == list(first.guideline.all_items())


def test_a_start_from_the_snapshot_needs_neither_yaml_nor_pydantic(isolated_user_dirs):
    """What keeps the start fast: reading checked data imports no parser and no validator."""
    code = (
        "import sys\n"
        "from haip_desktop.guideline.packs import load_active_guideline\n"
        "g = load_active_guideline().guideline\n"
        "print(len(g.countermeasures), sorted(m for m in ('yaml', 'pydantic') if m in sys.modules))\n"
    )
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    first = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    second = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    count = first.stdout.split()[0]
    assert first.stdout.strip() == f"{count} ['pydantic', 'yaml']"  # the first start validates
    assert second.stdout.strip() == f"{count} []"


def test_only_the_newest_few_snapshots_are_kept(data_copy):
    readings = data_copy / "readings.yaml"
    text = readings.read_text(encoding="utf-8").rstrip("\n")
    for n in range(snapshot.KEPT_SNAPSHOTS + 2):
        readings.write_text(text + f"\n  試験語{n} しけんご\n", encoding="utf-8")
        load_checked_guideline(data_copy)
    assert len(_snapshots()) == snapshot.KEPT_SNAPSHOTS
    last = load_checked_guideline(data_copy)  # the newest is among them: no full load
    assert last.readings.words[f"試験語{snapshot.KEPT_SNAPSHOTS + 1}"] == "しけんご"
