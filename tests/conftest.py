"""Shared test setup: headless Qt, no network, and user folders redirected to a temp dir."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

# Before anything imports Qt: draw offscreen, never on a real display.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false")

REPO = Path(__file__).resolve().parent.parent

# Property-based tests (Hypothesis): no example database in the repository or anywhere else,
# and a bounded number of examples so the whole suite stays within a few minutes on 2 cores.
# A failure prints the example and a @reproduce_failure blob to replay it.
settings.register_profile(
    "haip",
    database=None,
    max_examples=100,
    deadline=None,  # timing is asserted where it matters, not per example on a busy machine
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
# A longer search, by hand: HAIP_HYPOTHESIS_PROFILE=thorough .venv/bin/python -m pytest …
settings.register_profile("thorough", parent=settings.get_profile("haip"), max_examples=2000)
settings.load_profile(os.environ.get("HAIP_HYPOTHESIS_PROFILE", "haip"))

BUNDLED_DATA = REPO / "guideline_data"


@pytest.fixture(autouse=True)
def isolated_user_dirs(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    """platformdirs follows the XDG variables: point them at a fresh folder per test."""
    home = tmp_path_factory.mktemp("home")
    for name, sub in [
        ("XDG_DATA_HOME", "data"),
        ("XDG_CONFIG_HOME", "config"),
        ("XDG_STATE_HOME", "state"),
        ("XDG_CACHE_HOME", "cache"),
        ("XDG_DOCUMENTS_DIR", "Documents"),
    ]:
        (home / sub).mkdir()
        monkeypatch.setenv(name, str(home / sub))
    monkeypatch.setenv("HOME", str(home))
    return home


@pytest.fixture(scope="session")
def guideline():
    from haip_desktop.guideline import load_guideline

    return load_guideline()


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A writable copy of the bundled guideline data, for tests that break it."""
    target = tmp_path / "guideline_data"
    shutil.copytree(BUNDLED_DATA, target)
    return target


# -- step-level countermeasures (issue 12) ----------------------------------------------------

# What staff do at a few steps, added to a copy of the bundled data so that tests of the
# assessment's 現場の手順 do not depend on how many step actions the bundled data has. The
# ids cannot meet the bundled data's (C-ZZ…).
TEST_STEP_ITEMS = [
    ("C-ZZSTEP-01", "看護記録の下書きを観察事実と照合して確定する", ["看護師"], ["ST-IN-04"]),
    ("C-ZZSTEP-02", "服薬指導の説明文の用量と相互作用を確かめる", ["薬剤師"], ["ST-PH-04"]),
    (
        "C-ZZSTEP-03",
        "生成した下書きの部分を示して医師が確定する",
        ["医師"],
        ["ST-IN-08", "ST-REG-01"],
    ),
    ("C-ZZSTEP-04", "AI問診の要約を原文の回答と見比べる", ["看護師", "医療事務"], ["ST-OUT-02"]),
    ("C-ZZSTEP-05", "薬歴の下書きを指導内容と照合して記載する", ["薬剤師"], ["ST-PH-05"]),
    ("C-ZZSTEP-06", "議事録の発言者と決定事項を確かめて配る", ["会議事務局"], ["ST-ADM-01"]),
]


def write_test_step_items(folder: Path) -> None:
    """Add TEST_STEP_ITEMS to a guideline data folder (as its own YAML file)."""
    import yaml

    items = [
        {
            "id": cm_id,
            "title": title,
            "text": f"{'・'.join(roles)}は、{title}（テスト用の手順）。",
            "level": "step",
            "perspective": "user_individual",
            "phase": "operation",
            "risk_categories": ["RC-ACC"],
            "roles": roles,
            "steps": steps,
            "implements": ["C-ACC-21"],
            "evidence": "確定した記録",
            "provenance": {"kind": "app", "verified": False},
        }
        for cm_id, title, roles, steps in TEST_STEP_ITEMS
    ]
    (folder / "zz_test_step_items.yaml").write_text(
        yaml.safe_dump({"countermeasures": items}, allow_unicode=True, sort_keys=False),
        encoding="utf-8",
    )


def remove_step_items(folder: Path) -> None:
    """Take the step-level countermeasures out of a data folder (files without any are left
    as they are), so that tests know exactly which step actions there are."""
    import yaml

    for path in sorted(folder.glob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        if "level: step" not in text:
            continue
        document = yaml.safe_load(text) or {}
        items = document.get("countermeasures") or []
        kept = [item for item in items if item.get("level") != "step"]
        if len(kept) == len(items):
            continue
        if kept or len(document) > 1:
            document["countermeasures"] = kept
            path.write_text(
                yaml.safe_dump(document, allow_unicode=True, sort_keys=False), encoding="utf-8"
            )
        else:
            path.unlink()


@pytest.fixture(scope="session")
def stepped_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the bundled data whose step actions are exactly TEST_STEP_ITEMS (whatever
    step actions the bundled data has are taken out first). Do not change it."""
    target = tmp_path_factory.mktemp("stepped") / "guideline_data"
    shutil.copytree(BUNDLED_DATA, target)
    remove_step_items(target)
    write_test_step_items(target)
    return target


@pytest.fixture(scope="session")
def stepped_guideline(stepped_data: Path):
    """The bundled guideline plus a few step-level countermeasures (TEST_STEP_ITEMS)."""
    from haip_desktop.guideline import load_guideline

    return load_guideline(stepped_data)


# -- a newer version of the guideline data (issue 9: packs, diff, carry-over) ----------------


@pytest.fixture
def data_v2(data_copy: Path, tmp_path: Path, _data_v2_template: tuple[Path, dict]) -> dict:
    """data_copy as version 1 and a version 2 beside it with known changes.

    v2 adds one countermeasure (a copy of an existing one under a new id), removes one whose
    removal keeps the data valid, rewords one countermeasure's title and text, and rewords one
    use case's summary. Returns the folders and the ids involved.
    """
    template, facts = _data_v2_template
    v2 = tmp_path / "guideline_data_v2"
    shutil.copytree(template, v2)
    return {**facts, "v1": data_copy, "v2": v2}


def dump_without_aliases(document: object) -> str:
    """YAML as the data is written: shared objects written out again, since guideline data
    refuses anchors and aliases (safe_dump would make them for a shared list)."""
    import yaml

    class Dumper(yaml.SafeDumper):
        def ignore_aliases(self, data: object) -> bool:
            return True

    return yaml.dump(document, Dumper=Dumper, allow_unicode=True, sort_keys=False)


@pytest.fixture(scope="session")
def _data_v2_template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    """Version 2 made once per session (finding a removable countermeasure takes a while)."""
    import yaml

    from haip_desktop.guideline import GuidelineDataError, load_guideline

    v1 = load_guideline(BUNDLED_DATA)
    v2 = tmp_path_factory.mktemp("v2") / "guideline_data_v2"
    shutil.copytree(BUNDLED_DATA, v2)

    def edit(name: str, change) -> None:  # type: ignore[no-untyped-def]
        path = v2 / name
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
        change(document)
        path.write_text(dump_without_aliases(document), encoding="utf-8")

    def file_with(key: str, item_id: str | None = None) -> str:
        for path in sorted(v2.glob("*.yaml")):
            document = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
            items = document.get(key)
            if items is not None and (
                item_id is None or any(i.get("id") == item_id for i in items)
            ):
                return path.name
        raise AssertionError(f"no file with {key} {item_id}")

    new_version = v1.data_version + "-test.2"
    edit(file_with("guideline"), lambda d: d["guideline"].update(data_version=new_version))

    reworded = v1.countermeasures[0]
    added_id = "C-ADDED-01"

    def add_and_reword(document: dict) -> None:
        items = document["countermeasures"]
        for item in items:
            if item["id"] == reworded.id:
                item["title"] = item["title"] + "（改訂）"
                item["text"] = "改訂版の本文: " + item["text"]
        copy = dict(next(i for i in items if i["id"] == reworded.id))
        copy["id"] = added_id
        copy["title"] = "新しく加わった対策"
        items.append(copy)

    edit(file_with("countermeasures", reworded.id), add_and_reword)

    use_case = v1.use_cases[1]
    edit(
        file_with("use_cases"),
        lambda d: next(u for u in d["use_cases"] if u["id"] == use_case.id).update(
            summary="第2版で書き直した概要。" + use_case.summary
        ),
    )

    removed_id = None
    for candidate in reversed(v1.countermeasures):
        if candidate.id == reworded.id:
            continue
        name = file_with("countermeasures", candidate.id)
        before = (v2 / name).read_text(encoding="utf-8")
        edit(
            name,
            lambda d, c=candidate.id: d.update(
                countermeasures=[i for i in d["countermeasures"] if i["id"] != c]
            ),
        )
        try:
            load_guideline(v2)
        except GuidelineDataError:
            (v2 / name).write_text(before, encoding="utf-8")
            continue
        removed_id = candidate.id
        break
    assert removed_id is not None, "no countermeasure can be removed without breaking the data"
    return v2, {
        "v2_version": new_version,
        "added": added_id,
        "removed": removed_id,
        "reworded": reworded.id,
        "use_case": use_case.id,
    }
