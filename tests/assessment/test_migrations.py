"""The schema migration chain, and the committed fixture of every schema version."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from haip_desktop.assessment import SCHEMA_VERSION, Status, load_assessment, save_assessment
from haip_desktop.assessment.migrations import UPGRADERS, MigrationError, migrate
from haip_desktop.assessment.store import BACKUP_FOLDER

FIXTURES = Path(__file__).parent / "fixtures"


def test_every_older_schema_has_an_upgrader_and_a_fixture() -> None:
    assert set(UPGRADERS) == set(range(1, SCHEMA_VERSION))
    for version in range(1, SCHEMA_VERSION + 1):
        assert (FIXTURES / f"assessment_v{version}.json").is_file()


@pytest.mark.parametrize("version", range(1, SCHEMA_VERSION + 1))
def test_fixture_of_each_schema_loads(tmp_path: Path, version: int) -> None:
    source = FIXTURES / f"assessment_v{version}.json"
    path = tmp_path / source.name
    shutil.copyfile(source, path)
    assessment = load_assessment(path)
    assert assessment.schema_version == SCHEMA_VERSION
    assert assessment.facility.name == "医療法人 つばさ内科クリニック"
    assert sum(a.status is not Status.UNANSWERED for a in assessment.answers.values()) == 15
    assert path.read_bytes() == source.read_bytes()  # opening never writes


def test_chain_applies_each_upgrader_in_turn() -> None:
    def v1_to_v2(doc: dict) -> dict:
        doc = dict(doc, schema_version=2)
        doc["assessors"] = [{"name": n} for n in doc.pop("assessors")]
        return doc

    def v2_to_v3(doc: dict) -> dict:
        return dict(doc, schema_version=3, review_cycle="yearly")

    original = json.loads((FIXTURES / "assessment_v1.json").read_text("utf-8"))
    upgraded, passed = migrate(original, target=3, upgraders={1: v1_to_v2, 2: v2_to_v3})
    assert passed == [1, 2]
    assert upgraded["schema_version"] == 3
    assert upgraded["review_cycle"] == "yearly"
    assert upgraded["assessors"] == [{"name": n} for n in original["assessors"]]
    # from the middle of the chain, only the rest runs
    middle = v1_to_v2(original)
    _, passed = migrate(middle, target=3, upgraders={1: v1_to_v2, 2: v2_to_v3})
    assert passed == [2]


def test_a_current_document_passes_unchanged() -> None:
    document = {"schema_version": SCHEMA_VERSION, "x": 1}
    assert migrate(document) == (document, [])


def test_a_gap_in_the_chain_is_an_error() -> None:
    with pytest.raises(MigrationError, match="no upgrader from schema 2"):
        migrate({"schema_version": 1}, target=3, upgraders={1: lambda d: dict(d, schema_version=2)})


def test_an_upgrader_that_forgets_the_version_is_an_error() -> None:
    with pytest.raises(MigrationError, match="set schema_version"):
        migrate({"schema_version": 1}, target=2, upgraders={1: lambda d: dict(d)})


def test_an_older_file_is_kept_once_when_first_saved_in_the_new_schema(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Simulate schema 2 being current: a v1 file is migrated on open, and the first save
    over it keeps the v1 file as .haip-backup/<name>.schema1 besides the rotating backups."""
    from haip_desktop.assessment import migrations, models, store

    def v1_to_v2(doc: dict) -> dict:
        return dict(doc, schema_version=2)

    monkeypatch.setattr(models, "SCHEMA_VERSION", 2)
    monkeypatch.setattr(store, "SCHEMA_VERSION", 2)
    monkeypatch.setitem(migrations.UPGRADERS, 1, v1_to_v2)
    original = migrations.migrate.__kwdefaults__["target"]
    monkeypatch.setitem(migrations.migrate.__kwdefaults__, "target", 2)
    assert original == 1

    path = tmp_path / "old.json"
    shutil.copyfile(FIXTURES / "assessment_v1.json", path)
    v1_bytes = path.read_bytes()
    assessment = load_assessment(path)
    assert assessment.schema_version == 2
    save_assessment(assessment, path)
    save_assessment(assessment, path)
    assert json.loads(path.read_text("utf-8"))["schema_version"] == 2
    kept = tmp_path / BACKUP_FOLDER / "old.json.schema1"
    assert kept.read_bytes() == v1_bytes
