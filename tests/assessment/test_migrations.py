"""The schema migration chain, and the committed fixture of every schema version."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from haip_desktop.assessment import (
    SCHEMA_VERSION,
    Answer,
    load_assessment,
    parse_assessment,
    save_assessment,
)
from haip_desktop.assessment.labels import item_label
from haip_desktop.assessment.migrations import (
    TOOL_LEVEL_IDS_V2,
    UPGRADERS,
    MigrationError,
    migrate,
)
from haip_desktop.assessment.store import BACKUP_FOLDER

FIXTURES = Path(__file__).parent / "fixtures"


def test_every_older_schema_has_an_upgrader_and_a_fixture() -> None:
    assert set(UPGRADERS) == set(range(1, SCHEMA_VERSION))
    for version in range(1, SCHEMA_VERSION + 1):
        assert (FIXTURES / f"assessment_v{version}.json").is_file()


ALL_FIXTURES = sorted(FIXTURES.glob("assessment_v*.json"))


def test_the_fixtures_include_a_file_of_the_first_demo_assessment() -> None:
    names = [p.name for p in ALL_FIXTURES]
    assert "assessment_v1.json" in names and "assessment_v1_demo_hospital.json" in names


@pytest.mark.parametrize("source", ALL_FIXTURES, ids=lambda p: p.name)
def test_every_fixture_opens_in_the_current_schema_and_is_not_written(
    tmp_path: Path, source: Path
) -> None:
    path = tmp_path / source.name
    shutil.copyfile(source, path)
    assessment = load_assessment(path)
    assert assessment.schema_version == SCHEMA_VERSION
    raw = json.loads(source.read_text("utf-8"))
    assert assessment.facility.name == raw["facility"]["name"]
    assert path.read_bytes() == source.read_bytes()  # opening never writes


def test_a_schema_2_file_written_before_the_committee_comment_opens(tmp_path: Path) -> None:
    raw = json.loads((FIXTURES / "assessment_v2.json").read_text("utf-8"))
    del raw["committee_comment"]
    path = tmp_path / "older.haipeval"
    path.write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
    assert load_assessment(path).committee_comment == ""


def _non_prohibited(tools: list[dict]) -> list[str]:
    return [t["id"] for t in tools if t.get("approval") != "prohibited"]


@pytest.mark.parametrize("source", ALL_FIXTURES, ids=lambda p: p.name)
def test_every_answer_of_every_fixture_is_kept(source: Path) -> None:
    """Facility answers stay in place; a tool-level answer is copied to each tool that is not
    利用禁止, marked 要再確認, with a history entry naming the tool."""
    raw = json.loads(source.read_text("utf-8"))
    assessment = load_assessment(source)
    if raw["schema_version"] == SCHEMA_VERSION:
        dumped = assessment.model_dump(mode="json")
        # a file saved before assessments had an id gets one (written by its next save)
        assert "id" not in raw and len(dumped.pop("id")) == 32
        assert dumped == raw
        return
    tools = _non_prohibited(raw["tools"])
    moved = 0
    for cm_id, answer in raw["answers"].items():
        kept = Answer.model_validate(answer)
        if cm_id not in TOOL_LEVEL_IDS_V2:
            assert assessment.answers[cm_id] == kept, cm_id
            continue
        moved += 1
        assert cm_id not in assessment.answers
        for tool_id in tools:
            copy = assessment.tool_answers[tool_id][cm_id]
            assert copy == kept.model_copy(update={"needs_review": True}), (tool_id, cm_id)
            assert any(
                h.item == cm_id and h.tool == tool_id and h.new == "true"
                for h in assessment.history
            )
    assert moved, "the fixture has no answer to a tool-level countermeasure"
    assert [t.id for t in assessment.tools] == [t["id"] for t in raw["tools"]]
    assert len(assessment.history) == len(raw["history"]) + moved * len(tools)


def test_a_v1_file_without_a_usable_tool_gets_one_to_keep_the_tool_answers() -> None:
    raw = json.loads((FIXTURES / "assessment_v1.json").read_text("utf-8"))
    raw["tools"] = [t for t in raw["tools"] if t["approval"] == "prohibited"]  # T-2 only
    tool_level = sorted(set(raw["answers"]) & TOOL_LEVEL_IDS_V2)
    assert tool_level
    assessment = parse_assessment(json.dumps(raw).encode())
    added = assessment.tools[-1]
    assert [t.id for t in assessment.tools] == ["T-2", "T-3"]
    assert added.name == "（移行時に追加）名称未設定のAIツール"
    assert sorted(assessment.tool_answers) == ["T-3"]
    assert sorted(assessment.tool_answers["T-3"]) == tool_level
    assert all(a.needs_review for a in assessment.tool_answers["T-3"].values())
    assert any(h.item == "T-3" and h.field == "tool" for h in assessment.history)


def test_a_v1_file_without_tool_answers_gets_no_extra_tool() -> None:
    raw = json.loads((FIXTURES / "assessment_v1.json").read_text("utf-8"))
    raw["answers"] = {k: v for k, v in raw["answers"].items() if k not in TOOL_LEVEL_IDS_V2}
    raw["tools"] = []
    assessment = parse_assessment(json.dumps(raw).encode())
    assert assessment.tools == [] and assessment.tool_answers == {}
    assert assessment.answers.keys() == raw["answers"].keys()


def test_a_blank_answer_to_a_tool_level_item_adds_no_tool_and_no_items() -> None:
    """An answer whose status was chosen and taken back holds nothing: it is left out, and
    the register does not gain a phantom tool (with all its items) for it."""
    raw = json.loads((FIXTURES / "assessment_v1.json").read_text("utf-8"))
    raw["tools"] = []
    facility = {k: v for k, v in raw["answers"].items() if k not in TOOL_LEVEL_IDS_V2}
    blank_id = sorted(TOOL_LEVEL_IDS_V2)[0]
    raw["answers"] = {**facility, blank_id: {"status": "unanswered", "needs_review": True}}
    assessment = parse_assessment(json.dumps(raw).encode())
    assert assessment.tools == [] and assessment.tool_answers == {}
    assert assessment.answers.keys() == facility.keys()


def test_migrated_tool_answers_are_shown_with_the_tools_name_in_the_history() -> None:
    assessment = load_assessment(FIXTURES / "assessment_v1.json")
    entry = next(h for h in assessment.history if h.tool)
    assert item_label(entry.item, assessment, tool=entry.tool).endswith(
        "（AIツール 文書作成支援AI（院内設置版））"
    )


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


def test_an_older_file_is_kept_once_when_first_saved_in_the_new_schema(tmp_path: Path) -> None:
    """A file of the previous schema is migrated on open, and the first save over it keeps it
    as .haip-backup/<name>.schema<N> besides the rotating backups."""
    path = tmp_path / "old.json"
    old = SCHEMA_VERSION - 1
    shutil.copyfile(FIXTURES / f"assessment_v{old}.json", path)
    old_bytes = path.read_bytes()
    assessment = load_assessment(path)
    assert assessment.schema_version == SCHEMA_VERSION
    save_assessment(assessment, path)
    save_assessment(assessment, path)
    assert json.loads(path.read_text("utf-8"))["schema_version"] == SCHEMA_VERSION
    kept = tmp_path / BACKUP_FOLDER / f"old.json.schema{old}"
    assert kept.read_bytes() == old_bytes
