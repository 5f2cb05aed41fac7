"""What changed between two data versions: a v1 → v2 change made from the bundled data."""

from __future__ import annotations

import shutil

from haip_desktop.guideline import Level, load_guideline
from haip_desktop.guideline.diff import GENERAL, char_diff, diff_guidelines


def test_same_data_has_no_changes(guideline):
    diff = diff_guidelines(guideline, guideline)
    assert diff.is_empty
    assert diff.counts() == {"added": 0, "removed": 0, "changed": 0}


def test_v2_lists_exactly_what_was_added_removed_and_reworded(data_v2):
    old, new = load_guideline(data_v2["v1"]), load_guideline(data_v2["v2"])
    diff = diff_guidelines(old, new)

    assert [c.id for c in diff.added] == [data_v2["added"]]
    assert [c.id for c in diff.removed] == [data_v2["removed"]]
    assert sorted(c.id for c in diff.changed) == sorted([data_v2["reworded"], data_v2["use_case"]])
    assert diff.old.data_version == old.data_version
    assert diff.new.data_version == data_v2["v2_version"]

    reworded = diff.get(data_v2["reworded"])
    assert reworded is not None and reworded.type_label == "対策"
    assert reworded.changed_fields == ["title", "text"]
    title = reworded.fields[0]
    assert title.label == "表題"
    assert title.new == title.old + "（改訂）"
    assert title.new_spans()[-1] == ("（改訂）", True)
    assert all(not changed for _, changed in title.old_spans())
    assert diff.reworded_countermeasures() == {data_v2["reworded"]}

    use_case = diff.get(data_v2["use_case"])
    assert use_case is not None and use_case.changed_fields == ["summary"]
    assert use_case.fields[0].new.startswith("第2版で書き直した概要。")


def test_changes_are_grouped_by_use_case_and_by_step(data_v2):
    old, new = load_guideline(data_v2["v1"]), load_guideline(data_v2["v2"])
    diff = diff_guidelines(old, new)

    removed = old.countermeasure(data_v2["removed"])
    by_use_case = diff.by_use_case()
    for uc in removed.use_cases:
        assert data_v2["removed"] in [c.id for c in by_use_case[uc]]
    assert [c.id for c in by_use_case[data_v2["use_case"]]].count(data_v2["use_case"]) == 1
    assert GENERAL not in by_use_case  # every change here concerns a use case
    assert list(by_use_case) == [uc for uc in diff.use_case_order if uc in by_use_case]

    # A step action is listed under its own steps only; facility- and tool-level
    # countermeasures and use cases are not repeated under steps.
    by_step = diff.by_step()
    step_changes = {
        c.id for c in diff.changes if c.id == removed.id and removed.level is Level.STEP
    }
    for step_id in removed.steps:
        assert [c.id for c in by_step[step_id]] == [removed.id]
    assert set(by_step) == {GENERAL, *removed.steps}
    assert {c.id for c in by_step[GENERAL]} == {c.id for c in diff.changes} - step_changes


def test_a_changed_countermeasure_says_once_where_it_applies(stepped_data, tmp_path):
    """A step action changed in v2 is listed under its own steps only; a facility-level one
    says 施設全体 and a tool-level one AIツール, under no step."""
    old = load_guideline(stepped_data)
    v2 = tmp_path / "v2"
    shutil.copytree(stepped_data, v2)
    items = v2 / "zz_test_step_items.yaml"
    items.write_text(
        items.read_text(encoding="utf-8").replace(
            "看護記録の下書きを観察事実と照合して確定する",
            "看護記録の下書きを観察事実と照合し、訂正してから確定する",
        ),
        encoding="utf-8",
    )
    facility = old.facility_countermeasures()[0]
    tool = old.tool_countermeasures()[0]
    for path in v2.glob("countermeasures_*.yaml"):
        text = path.read_text(encoding="utf-8")
        for cm in (facility, tool):
            text = text.replace(f"title: {cm.title}\n", f"title: {cm.title}（改訂）\n")
        path.write_text(text, encoding="utf-8")
    diff = diff_guidelines(old, load_guideline(v2))
    assert sorted(c.id for c in diff.changed) == sorted(["C-ZZSTEP-01", facility.id, tool.id])
    by_step = diff.by_step()
    assert [c.id for c in by_step["ST-IN-04"]] == ["C-ZZSTEP-01"]
    assert sum(len(v) for k, v in by_step.items() if k != GENERAL) == 1  # once, at its step
    assert diff.where(diff.get("C-ZZSTEP-01")) == "業務ステップ: 入院 › 看護記録"
    assert diff.where(diff.get(facility.id)) == "施設全体"
    assert diff.where(diff.get(tool.id)) == "AIツール"


def test_char_diff_marks_only_the_changed_characters():
    segments = char_diff("患者情報を入力しない", "患者の個人情報を入力しない")
    assert "".join(s.old for s in segments) == "患者情報を入力しない"
    assert "".join(s.new for s in segments) == "患者の個人情報を入力しない"
    inserted = "".join(s.new for s in segments if s.op != "equal")
    assert inserted == "の個人"
