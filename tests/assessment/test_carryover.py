"""Carrying an assessment over from data v1 to v2, and starting a new year from last year's."""

from __future__ import annotations

import datetime as dt
import re
import shutil

from haip_desktop.assessment.baseline import due_for_reconfirmation, new_from_previous
from haip_desktop.assessment.carryover import (
    MIGRATION_FIELD,
    migrate_assessment,
    migrated_file_name,
    preview_carryover,
)
from haip_desktop.assessment.editing import new_assessment
from haip_desktop.assessment.models import (
    AITool,
    Answer,
    Approval,
    Facility,
    FacilityKind,
    Scope,
    Status,
)
from haip_desktop.guideline import Level, Perspective, load_guideline

AT = dt.datetime(2026, 4, 1, 9, 0, tzinfo=dt.UTC)


def _v1_assessment(v1, ids):
    a = new_assessment(
        v1,
        Facility(name="青葉台病院", kind=FacilityKind.HOSPITAL),
        who="評価者A",
        assessment_date=dt.date(2025, 4, 1),
        scope=Scope(all=True),
        tools=[AITool(id="T-1", name="院内チャット", steps=[v1.steps[0].id])],
    )
    statuses = [Status.DONE, Status.PARTIAL, Status.NOT_DONE]
    for i, cm_id in enumerate(ids):
        answer = Answer(status=statuses[i % 3], note=f"メモ{i}", confirmed_on=dt.date(2025, 3, 1))
        if _is_tool_level(v1, cm_id):
            a.tool_answers.setdefault("T-1", {})[cm_id] = answer
        else:
            a.answers[cm_id] = answer
    return a


def _is_tool_level(g, cm_id: str) -> bool:
    found = g.get(cm_id)
    return found is not None and getattr(found, "level", None) is Level.TOOL


def _place(a, g, cm_id, answer) -> None:
    """Put an answer where _v1_assessment puts answers to this id."""
    if _is_tool_level(g, cm_id):
        a.tool_answers.setdefault("T-1", {})[cm_id] = answer
    else:
        a.answers[cm_id] = answer


def _answer(a, cm_id):
    """The one answer an assessment of _v1_assessment has for an id (facility or T-1)."""
    return a.answers.get(cm_id) or a.tool_answers["T-1"][cm_id]


def _all_answers(a):
    found = {(cm_id, None): x for cm_id, x in a.answers.items()}
    found |= {(c, t): x for t, by_id in a.tool_answers.items() for c, x in by_id.items()}
    return found


def test_v1_assessment_migrated_with_every_answer_accounted_for(data_v2):
    v1, v2 = load_guideline(data_v2["v1"]), load_guideline(data_v2["v2"])
    unchanged = [cm.id for cm in v1.countermeasures[1:6] if cm.id != data_v2["removed"]]
    ids = [data_v2["reworded"], data_v2["removed"], *unchanged]
    a = _v1_assessment(v1, ids)
    a.answers["C-GONE-01"] = Answer(status=Status.DONE, archived=True)  # archived long ago
    _place(a, v1, unchanged[0], Answer())  # blank answer
    before = a.model_copy(deep=True)

    preview = preview_carryover(a, v2, v1)
    assert preview.is_needed and preview.old_data_available
    assert preview.reworded == [data_v2["reworded"]]
    assert preview.removed == [data_v2["removed"]]
    assert preview.still_archived == ["C-GONE-01"]
    assert sorted(preview.unchanged) == sorted(unchanged)
    assert preview.new_in_scope == [data_v2["added"]]
    assert a == before, "the preview must not change the assessment"
    assert "要再確認 1 件" in preview.summary()

    migrated = migrate_assessment(a, preview, who="評価者B", at=AT)
    assert a == before, "the original must not change"
    assert migrated.guideline.data_version == data_v2["v2_version"]

    # nothing silently dropped: every answer before is there after, with its content
    after = _all_answers(migrated)
    for key, old in _all_answers(before).items():
        assert preview.outcome_of(key[0]) is not None, key
        new = after[key]
        content = {"status", "note", "confirmed_on", "owner", "evidence"}
        assert new.model_dump(include=content) == old.model_dump(include=content)

    assert _answer(migrated, data_v2["reworded"]).needs_review
    assert _answer(migrated, data_v2["removed"]).archived
    assert migrated.answers["C-GONE-01"].archived
    assert not any(_answer(migrated, cm_id).needs_review for cm_id in unchanged)
    assert not any(_answer(migrated, cm_id).archived for cm_id in unchanged)
    assert migrated.answer(data_v2["added"]).status is Status.UNANSWERED

    entry = migrated.history[-1]
    assert entry.field == MIGRATION_FIELD
    assert (entry.old, entry.new) == (v1.data_version, data_v2["v2_version"])
    assert "要再確認 1 件" in entry.note and "アーカイブ 1 件" in entry.note
    flagged = {(h.item, h.field) for h in migrated.history}
    assert (data_v2["reworded"], "needs_review") in flagged
    assert (data_v2["removed"], "archived") in flagged


def _with_level(source, target, cm_id: str, level: str, version: str):
    """A copy of a data folder where one countermeasure has another level and version."""
    shutil.copytree(source, target)
    for path in target.glob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        if f"id: {cm_id}\n" in text:
            head, tail = text.split(f"id: {cm_id}\n", 1)
            tail = re.sub(r"level: \w+", f"level: {level}", tail, count=1)
            path.write_text(f"{head}id: {cm_id}\n{tail}", encoding="utf-8")
        if "data_version:" in text:
            text = path.read_text(encoding="utf-8")
            text = re.sub(r"data_version: .*", f"data_version: {version}", text, count=1)
            path.write_text(text, encoding="utf-8")
    return load_guideline(target)


def _organisation_item(g) -> str:
    """An organisation's countermeasure answered once for the facility (it may move to
    tool level: vendor-facing items are allowed there)."""
    return next(
        cm.id
        for cm in g.facility_countermeasures()
        if cm.perspective is Perspective.USER_ORGANIZATION
    )


def test_an_answer_whose_countermeasure_became_tool_level_is_copied_to_each_tool(
    guideline, data_copy, tmp_path
):
    moved = _organisation_item(guideline)
    newer = _with_level(data_copy, tmp_path / "v2", moved, "tool", "2099.1-test")
    other = next(cm.id for cm in guideline.facility_countermeasures() if cm.id != moved)
    a = _v1_assessment(guideline, [moved, other])
    a.tools += [
        AITool(id="T-2", name="音声入力", approval=Approval.UNDER_REVIEW),
        AITool(id="T-3", name="無料チャット", approval=Approval.PROHIBITED),
    ]
    preview = preview_carryover(a, newer, guideline)
    assert preview.to_tools == [moved]
    assert preview.outcome_of(moved) == "to_tools"
    assert "AIツールごとの回答へ 1 件" in preview.summary()
    migrated = migrate_assessment(a, preview, who="評価者B", at=AT)
    assert moved not in migrated.answers
    assert sorted(migrated.tool_answers) == ["T-1", "T-2"]  # not the prohibited T-3
    for tool_id in ("T-1", "T-2"):
        copy = migrated.tool_answers[tool_id][moved]
        assert copy.needs_review and copy.note == a.answers[moved].note
        assert any(h.item == moved and h.tool == tool_id for h in migrated.history)
    assert migrated.history[-1].field == MIGRATION_FIELD


def test_an_answer_whose_countermeasure_left_the_tool_level_stays_with_the_tool(
    guideline, data_copy, tmp_path
):
    moved = _organisation_item(guideline)
    older = _with_level(data_copy, tmp_path / "v0", moved, "tool", "2024.1-test")
    a = _v1_assessment(older, [moved])
    assert a.tool_answers["T-1"][moved].status is Status.DONE
    preview = preview_carryover(a, guideline, older)
    assert preview.from_tools == [moved]
    migrated = migrate_assessment(a, preview, at=AT)
    assert migrated.tool_answers["T-1"][moved] == a.tool_answers["T-1"][moved]  # kept
    assert migrated.answer(moved).status is Status.UNANSWERED  # to answer once again


def test_without_the_old_data_every_answered_item_needs_review(data_v2):
    v1, v2 = load_guideline(data_v2["v1"]), load_guideline(data_v2["v2"])
    ids = [cm.id for cm in v1.countermeasures[:4] if cm.id != data_v2["removed"]]
    a = _v1_assessment(v1, ids)
    preview = preview_carryover(a, v2, None)
    assert not preview.old_data_available
    assert sorted(preview.reworded) == sorted(ids)
    assert any("確かめられません" in line for line in preview.describe())


def test_same_version_needs_no_migration(guideline):
    a = _v1_assessment(guideline, [guideline.countermeasures[0].id])
    preview = preview_carryover(a, guideline, guideline)
    assert not preview.is_needed
    assert preview.reworded == [] and preview.removed == []


def test_migrated_file_name_keeps_the_folder_and_names_the_version(tmp_path):
    path = tmp_path / "青葉台病院_2025.json"
    assert (
        migrated_file_name(path, "2025.07-app.2")
        == tmp_path / "青葉台病院_2025_データ版2025.07-app.2.json"
    )
    assert (
        migrated_file_name(tmp_path / "青葉台病院_2025.haipeval", "2026.1")
        == tmp_path / "青葉台病院_2025_データ版2026.1.haipeval"
    )
    # no extension, or a dot that is part of the name: the app's extension is added
    assert (
        migrated_file_name(tmp_path / "評価", "2026.1") == tmp_path / "評価_データ版2026.1.haipeval"
    )
    assert (
        migrated_file_name(tmp_path / "評価_2025.07", "2026.1")
        == tmp_path / "評価_2025.07_データ版2026.1.haipeval"
    )


def test_new_year_from_last_year_carries_answers_scope_and_tools(guideline):
    ids = [cm.id for cm in guideline.countermeasures[:5]]
    last = _v1_assessment(guideline, ids)
    _place(
        last,
        guideline,
        ids[0],
        _answer(last, ids[0]).model_copy(update={"confirmed_on": dt.date(2026, 3, 20)}),
    )
    last.answers["C-BLANK-01"] = Answer()

    this = new_from_previous(
        last,
        guideline,
        assessment_date=dt.date(2026, 4, 1),
        assessors=["評価者C"],
        who="評価者C",
        at=AT,
    )
    assert this.assessment_date == dt.date(2026, 4, 1)
    assert this.assessors == ["評価者C"]
    assert this.scope == last.scope
    assert [t.name for t in this.tools] == ["院内チャット"]
    assert this.facility == last.facility
    for cm_id in ids:
        assert _answer(this, cm_id).carried_over
        assert _answer(this, cm_id).status == _answer(last, cm_id).status
        assert _answer(this, cm_id).confirmed_on == _answer(last, cm_id).confirmed_on
    assert not this.answers["C-BLANK-01"].carried_over
    assert len(this.history) == 1 and "引き継いだ回答 5 件" in this.history[0].note
    assert this.created_at == AT
    # A new assessment with an id of its own: last year's questionnaires do not import into it,
    # and two made in the same second from the same file are told apart.
    again = new_from_previous(last, guideline, assessment_date=dt.date(2026, 4, 1), at=AT)
    assert len({last.id, this.id, again.id}) == 3

    due = due_for_reconfirmation(this, 180, today=dt.date(2026, 9, 1))
    # confirmed 2025-03-01 is older than 180 days; 2026-03-20 is not
    assert [d.countermeasure_id for d in due] == sorted(ids[1:])
    assert all(d.age_days == (dt.date(2026, 9, 1) - dt.date(2025, 3, 1)).days for d in due)


def test_new_year_from_older_data_migrates_first(data_v2):
    v1, v2 = load_guideline(data_v2["v1"]), load_guideline(data_v2["v2"])
    last = _v1_assessment(v1, [data_v2["reworded"], data_v2["removed"]])
    this = new_from_previous(last, v2, assessment_date=dt.date(2026, 4, 1), old_guideline=v1, at=AT)
    assert this.guideline.data_version == data_v2["v2_version"]
    assert _answer(this, data_v2["reworded"]).needs_review
    assert _answer(this, data_v2["reworded"]).carried_over
    assert _answer(this, data_v2["removed"]).archived
    assert "要再確認 1 件" in this.history[0].note


def test_carried_answer_without_a_date_is_due():
    from haip_desktop.assessment.models import Assessment, GuidelineRef

    a = Assessment(
        guideline=GuidelineRef(id="G", edition=2, data_version="x"),
        facility=Facility(name="駅前薬局", kind=FacilityKind.PHARMACY),
        assessment_date=dt.date(2026, 4, 1),
        answers={
            "C-A-01": Answer(status=Status.DONE, carried_over=True),
            "C-A-02": Answer(status=Status.DONE),  # this year's, no date: not due
            "C-A-03": Answer(status=Status.DONE, carried_over=True, archived=True),
        },
        created_at=AT,
        updated_at=AT,
    )
    assert [(d.countermeasure_id, d.age_days) for d in due_for_reconfirmation(a, 365)] == [
        ("C-A-01", None)
    ]
