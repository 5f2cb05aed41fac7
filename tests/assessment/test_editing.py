"""Editing an assessment: validation, the history of who changed what, updated_at."""

from __future__ import annotations

import datetime as dt
import getpass

import pytest

from haip_desktop.assessment import (
    Actor,
    Answer,
    Approval,
    EditError,
    Facility,
    FacilityKind,
    Status,
    add_tool,
    new_assessment,
    remove_tool,
    set_answer,
    set_scope,
    update_details,
    update_facility,
    update_tool,
)
from haip_desktop.assessment.editing import set_item_answer, written_tool_answers
from haip_desktop.assessment.labels import history_field_label, item_label
from haip_desktop.assessment.scope import items_in_scope


@pytest.fixture
def assessment(small_guideline):
    return new_assessment(
        small_guideline,
        Facility(name="みなと中央病院", kind=FacilityKind.HOSPITAL, beds=312),
        who="佐藤 健一",
        assessors=["佐藤 健一"],
        assessment_date=dt.date(2026, 11, 25),
    )


def test_new_assessment_records_the_guideline_it_was_made_against(assessment) -> None:
    assert assessment.guideline.id == "TEST-GL"
    assert assessment.guideline.edition == 1
    assert assessment.guideline.data_version == "test.1"
    assert assessment.created_at == assessment.updated_at
    assert assessment.created_at.tzinfo is not None
    (entry,) = assessment.history
    assert (entry.field, entry.who, entry.new) == ("created", "佐藤 健一", "みなと中央病院")


def test_set_answer_records_who_and_old_to_new_status(assessment) -> None:
    before = assessment.updated_at
    set_answer(assessment, "C-1", who="高橋 美紀", status=Status.DONE, actor=Actor.SELF)
    status, actor = assessment.history[-2:]
    assert (status.item, status.field, status.old, status.new) == (
        "C-1",
        "status",
        "unanswered",
        "done",
    )
    assert (actor.field, actor.old, actor.new) == ("actor", None, "self")
    assert status.who == "高橋 美紀"
    assert status.os_user == getpass.getuser()
    assert assessment.updated_at >= before
    assert assessment.updated_at == status.at
    set_answer(assessment, "C-1", who="高橋 美紀", status=Status.PARTIAL)
    last = assessment.history[-1]
    assert (last.old, last.new) == ("done", "partial")


def test_unchanged_fields_are_not_recorded(assessment) -> None:
    set_answer(assessment, "C-1", who="a", status=Status.DONE)
    count = len(assessment.history)
    set_answer(assessment, "C-1", who="a", status=Status.DONE)
    assert len(assessment.history) == count


def test_not_applicable_requires_a_reason(assessment) -> None:
    with pytest.raises(EditError, match="理由を入力してください") as info:
        set_answer(assessment, "C-3", who="a", status=Status.NOT_APPLICABLE)
    assert info.value.field == "na_reason"
    with pytest.raises(EditError):
        set_answer(assessment, "C-3", who="a", status=Status.NOT_APPLICABLE, na_reason="  ")
    assert "C-3" not in assessment.answers  # nothing changed
    answer = set_answer(
        assessment, "C-3", who="a", status=Status.NOT_APPLICABLE, na_reason="開発を行わないため"
    )
    assert answer.status is Status.NOT_APPLICABLE


def test_a_date_outside_the_years_taken_is_refused_and_one_already_there_stays(
    assessment,
) -> None:
    """2926 for 2026 is a slip: refused with the field named, as the questionnaire's import
    refuses it; a file that already holds such a date can still be answered."""
    with pytest.raises(
        EditError, match="目標日の 2926-03-31 は日付の範囲（2000〜2100 年）の外"
    ) as e:
        set_answer(assessment, "C-1", who="a", target_date=dt.date(2926, 3, 31))
    assert e.value.field == "target_date" and "C-1" not in assessment.answers
    with pytest.raises(EditError, match="確認日の 1899-12-31") as e:
        set_answer(assessment, "C-1", who="a", confirmed_on=dt.date(1899, 12, 31))
    assert e.value.field == "confirmed_on"
    # Loaded that way (an older version took any year): other changes still go through.
    assessment.answers["C-2"] = Answer(target_date=dt.date(2926, 3, 31))
    answer = set_answer(assessment, "C-2", who="a", status=Status.NOT_DONE)
    assert answer.status is Status.NOT_DONE and answer.target_date == dt.date(2926, 3, 31)
    assert set_answer(assessment, "C-2", who="a", target_date=dt.date(2027, 3, 31)).target_date


def test_invalid_values_are_refused_in_japanese(assessment) -> None:
    with pytest.raises(EditError, match="状況"):
        set_answer(assessment, "C-1", who="a", status="finished")
    with pytest.raises(EditError, match="目標日"):
        set_answer(assessment, "C-1", who="a", target_date="来年")
    with pytest.raises(TypeError):
        set_answer(assessment, "C-1", who="a", colour="red")
    assert "C-1" not in assessment.answers


def test_text_fields_are_recorded_without_their_content(assessment) -> None:
    set_answer(assessment, "C-1", who="a", note="山田")
    set_answer(assessment, "C-1", who="a", note="山田 様の件は削除")
    set_answer(assessment, "C-1", who="a", note="")
    notes = [h for h in assessment.history if h.field == "note"]
    assert len(notes) == 1  # typing in one field is one entry
    assert (notes[0].old, notes[0].new) == ("0 文字", "0 文字")
    dump = assessment.model_dump_json()
    assert "山田" not in dump  # the removed text survives nowhere in the file


def test_text_edits_by_another_person_are_a_new_entry(assessment) -> None:
    set_answer(assessment, "C-1", who="a", evidence="規程 v1")
    set_answer(assessment, "C-1", who="b", evidence="規程 v1.2")
    entries = [h for h in assessment.history if h.field == "evidence"]
    assert [(h.who, h.old, h.new) for h in entries] == [
        ("a", "0 文字", "5 文字"),
        ("b", "5 文字", "7 文字"),
    ]


def test_a_tool_answer_is_kept_per_tool_and_its_history_names_the_tool(
    assessment, small_guideline
) -> None:
    add_tool(assessment, who="a", name="文書作成支援AI", steps=["ST-1"])
    add_tool(assessment, who="a", name="音声入力", steps=["ST-1"])
    set_answer(assessment, "C-7", who="情報システム 田中", tool_id="T-1", status=Status.DONE)
    set_answer(assessment, "C-7", who="情報システム 田中", tool_id="T-2", status=Status.NOT_DONE)
    assert assessment.answer("C-7", "T-1").status is Status.DONE
    assert assessment.answer("C-7", "T-2").status is Status.NOT_DONE
    assert "C-7" not in assessment.answers  # the facility did not answer it once
    entry = assessment.history[-1]
    assert (entry.item, entry.tool, entry.old, entry.new) == (
        "C-7",
        "T-2",
        "unanswered",
        "not_done",
    )
    assert item_label(entry.item, assessment, small_guideline, tool=entry.tool) == (
        "C-7 対策 C-7（AIツール 音声入力）"
    )
    with pytest.raises(KeyError):
        set_answer(assessment, "C-7", who="a", tool_id="T-9", status=Status.DONE)


def test_an_item_of_the_tool_part_is_answered_for_its_tool(assessment, small_guideline) -> None:
    add_tool(assessment, who="a", name="文書作成支援AI", steps=["ST-1"])
    item = next(i for i in items_in_scope(assessment, small_guideline) if i.tool_id == "T-1")
    set_item_answer(assessment, item, who="a", status=Status.PARTIAL)
    assert item.answer_in(assessment).status is Status.PARTIAL
    assert assessment.tool_answers == {"T-1": {item.countermeasure_id: item.answer_in(assessment)}}


def test_removing_a_tool_removes_its_answers_and_says_so(assessment) -> None:
    add_tool(assessment, who="a", name="音声入力", steps=["ST-1"])
    set_answer(assessment, "C-7", who="a", tool_id="T-1", status=Status.DONE)
    remove_tool(assessment, "T-1", who="a")
    assert assessment.tool_answers == {}
    assert assessment.history[-1].note == "ツールを削除（このツールへの回答 1 件も削除）"


def test_a_note_alone_counts_among_the_answers_a_removal_deletes(assessment) -> None:
    add_tool(assessment, who="a", name="音声入力", steps=["ST-1"])
    set_answer(assessment, "C-7", who="a", tool_id="T-1", note="契約書で確認中")
    set_answer(assessment, "C-8", who="a", tool_id="T-1", status=Status.DONE)
    set_answer(assessment, "C-8", who="a", tool_id="T-1", status=Status.UNANSWERED)  # taken back
    assert written_tool_answers(assessment, "T-1") == 1
    remove_tool(assessment, "T-1", who="a")
    assert assessment.history[-1].note == "ツールを削除（このツールへの回答 1 件も削除）"


def test_a_removed_tools_id_is_never_given_again(assessment) -> None:
    """A vendor questionnaire written for the removed tool names its id: a new tool with that
    id would take the old tool's answers and share its history."""
    add_tool(assessment, who="a", name="文書作成支援AI")
    add_tool(assessment, who="a", name="汎用チャットAI")
    remove_tool(assessment, "T-2", who="a")
    assert add_tool(assessment, who="a", name="画像診断レポートAI").id == "T-3"
    remove_tool(assessment, "T-3", who="a")
    remove_tool(assessment, "T-1", who="a")
    assert assessment.tools == []
    assert add_tool(assessment, who="a", name="音声入力").id == "T-4"  # the history remembers


def test_tool_register_edits_are_recorded(assessment) -> None:
    tool = add_tool(assessment, who="a", name="文書作成支援AI", steps=["ST-1"])
    second = add_tool(assessment, who="a", name="音声入力")
    assert (tool.id, second.id) == ("T-1", "T-2")
    update_tool(assessment, "T-1", who="b", approval=Approval.PROHIBITED, steps=["ST-1", "ST-2"])
    removed = remove_tool(assessment, "T-2", who="b")
    assert removed.name == "音声入力"
    assert [t.id for t in assessment.tools] == ["T-1"]
    assert assessment.tools[0].approval is Approval.PROHIBITED
    tool_history = [
        (h.item, h.field, h.old, h.new) for h in assessment.history if h.item.startswith("T-")
    ]
    assert tool_history == [
        ("T-1", "tool", None, "文書作成支援AI"),
        ("T-2", "tool", None, "音声入力"),
        ("T-1", "approval", "planned", "prohibited"),
        ("T-1", "steps", "ST-1", "ST-1, ST-2"),
        ("T-2", "tool", "音声入力", None),
    ]
    assert add_tool(assessment, who="a", name="次").id == "T-3"  # T-2 was given once: never again
    with pytest.raises(EditError):
        add_tool(assessment, who="a", name="")
    with pytest.raises(KeyError):
        update_tool(assessment, "T-9", who="a", owner="x")


def test_scope_facility_and_details_edits_are_recorded(assessment) -> None:
    set_scope(assessment, who="a", all=True)
    update_facility(assessment, who="a", beds=320)
    update_details(assessment, who="a", assessors=["佐藤 健一", "高橋 美紀"])
    assert assessment.scope.all
    assert assessment.facility.beds == 320
    assert assessment.assessors == ["佐藤 健一", "高橋 美紀"]
    fields = [(h.field, h.old, h.new) for h in assessment.history[1:]]
    assert fields == [
        ("scope.all", "false", "true"),
        ("facility.beds", "312", "320"),
        ("assessors", "佐藤 健一", "佐藤 健一, 高橋 美紀"),
    ]
    with pytest.raises(EditError):
        update_facility(assessment, who="a", beds=-1)
    with pytest.raises(TypeError):
        update_details(assessment, who="a", answers={})


def test_the_committee_comment_is_edited_like_any_detail_and_its_text_not_kept(
    assessment,
) -> None:
    update_details(assessment, who="a", committee_comment="規程の周知は進んだ")
    update_details(assessment, who="a", committee_comment="規程の周知は進んだ。契約確認を急ぐ")
    assert assessment.committee_comment == "規程の周知は進んだ。契約確認を急ぐ"
    (entry,) = [h for h in assessment.history if h.field == "committee_comment"]
    assert (entry.old, entry.new) == ("0 文字", "17 文字")  # typing is one entry
    assert history_field_label(entry.field, entry.item) == "総評・所見"
    assert item_label(entry.item) == "評価全体"
    assert "規程の周知は進んだ" not in "".join(str(h) for h in assessment.history)


def test_history_with_a_time_without_offset_does_not_break_editing(assessment) -> None:
    set_answer(assessment, "C-1", who="a", note="一")
    assessment.history[-1].at = dt.datetime(2026, 11, 25, 9, 0)  # as a hand edit leaves it
    set_answer(assessment, "C-1", who="a", note="一二")
    assert [h.field for h in assessment.history].count("note") == 2
