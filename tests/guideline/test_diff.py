"""What changed between two data versions: a v1 → v2 change made from the bundled data."""

from __future__ import annotations

from haip_desktop.guideline import load_guideline
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

    by_step = diff.by_step()
    expected_steps = {s.id for uc in removed.use_cases for s in old.steps_for_use_case(uc)}
    steps_with_removed = {
        step for step, changes in by_step.items() if data_v2["removed"] in [c.id for c in changes]
    }
    assert steps_with_removed == expected_steps
    assert all(step in diff.step_names for step in by_step)


def test_char_diff_marks_only_the_changed_characters():
    segments = char_diff("患者情報を入力しない", "患者の個人情報を入力しない")
    assert "".join(s.old for s in segments) == "患者情報を入力しない"
    assert "".join(s.new for s in segments) == "患者の個人情報を入力しない"
    inserted = "".join(s.new for s in segments if s.op != "equal")
    assert inserted == "の個人"
