"""What a person reads of an assessment's history: Japanese labels and values, never keys."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from haip_desktop.assessment import (
    Actor,
    Approval,
    Deployment,
    EditError,
    Facility,
    FacilityKind,
    PatientData,
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
from haip_desktop.assessment.carryover import MIGRATION_FIELD
from haip_desktop.assessment.labels import (
    FIELD_LABELS,
    field_label,
    format_date,
    history_change_text,
    history_field_label,
    item_label,
)
from haip_desktop.assessment.models import AITool, Answer, Assessment, Scope


@pytest.fixture
def edited(small_guideline) -> Assessment:
    """An assessment after one change of every kind the window can make."""
    assessment = new_assessment(
        small_guideline,
        Facility(name="みなと病院", kind=FacilityKind.HOSPITAL, beds=120),
        who="佐藤",
        assessors=["佐藤"],
        assessment_date=dt.date(2026, 4, 1),
        scope=Scope(),
    )
    update_facility(assessment, who="佐藤", name="みなと診療所", kind=FacilityKind.CLINIC, beds=19)
    update_details(
        assessment,
        who="佐藤",
        assessors=["佐藤", "鈴木"],
        assessment_date=dt.date(2026, 7, 1),
        products=["文書要約AI"],
    )
    set_scope(assessment, who="佐藤", use_cases=["UC-01", "UC-03"], steps=["ST-2"])
    set_scope(assessment, who="佐藤", all=True)
    tool = add_tool(assessment, who="佐藤", name="要約くん")
    update_tool(
        assessment,
        tool.id,
        who="佐藤",
        vendor="A社",
        deployment=Deployment.ON_PREMISES,
        steps=["ST-1"],
        patient_data=PatientData.NO,
        approval=Approval.APPROVED,
        owner="情報システム課",
        note="院内のみ",
    )
    set_answer(
        assessment,
        "C-1",
        who="佐藤",
        status=Status.PARTIAL,
        actor=Actor.VENDOR,
        confirmed_on=dt.date(2026, 7, 2),
        target_date=dt.date(2027, 3, 31),
        owner="医療安全室",
        note="規程を改訂中",
        evidence="運用規程",
        needs_review=True,
    )
    set_answer(assessment, "C-3", who="佐藤", status=Status.NOT_APPLICABLE, na_reason="開発しない")
    remove_tool(assessment, tool.id, who="佐藤")
    return assessment


# Keys and stored values that must never reach a person.
_ENGLISH = re.compile(r"[A-Za-z_]{3,}")


def test_every_history_entry_reads_in_japanese(edited, small_guideline) -> None:
    for entry in edited.history:
        label = history_field_label(entry.field, entry.item)
        change = history_change_text(entry, small_guideline)
        assert not _ENGLISH.search(label), (entry.field, label)
        assert not _ENGLISH.search(change), (entry.field, change)
    # every kind of change was made
    assert len(edited.history) >= 25


def _entry(assessment: Assessment, field: str, item: str = ""):
    return next(e for e in assessment.history if e.field == field and e.item == item)


@pytest.mark.parametrize(
    ("field", "item", "label", "change"),
    [
        ("facility.name", "", "施設名", "みなと病院 → みなと診療所"),
        ("facility.kind", "", "施設の種別", "病院 → 診療所"),
        ("facility.beds", "", "病床数", "120 床 → 19 床"),
        ("assessors", "", "評価者", "佐藤 → 佐藤、鈴木"),
        ("assessment_date", "", "評価日", "2026年4月1日 → 2026年7月1日"),
        ("products", "", "評価するAI製品", "— → 文書要約AI"),
        ("scope.use_cases", "", "評価範囲のユースケース", "— → ユースケース1、ユースケース3"),
        ("scope.steps", "", "評価範囲の業務ステップ", "— → ステップ2"),
        ("scope.all", "", "すべてを評価範囲にする", "いいえ → はい"),
        ("tool", "T-1", "AIツール", "— → 要約くん（ツールを登録）"),
        ("vendor", "T-1", "提供元（ベンダー）", "— → A社"),
        ("deployment", "T-1", "設置形態", "不明 → オンプレミス"),
        ("steps", "T-1", "使う業務ステップ", "— → ステップ1"),
        ("patient_data", "T-1", "患者を特定できる情報の入力", "不明 → 含まない"),
        ("approval", "T-1", "承認状況", "導入予定 → 承認済"),
        ("owner", "T-1", "責任者", "— → 情報システム課"),
        ("note", "T-1", "メモ", "0 文字 → 4 文字（本文は履歴に残しません）"),
        ("status", "C-1", "状況", "未回答 → 一部実施"),
        ("actor", "C-1", "実施主体", "— → ベンダー"),
        ("confirmed_on", "C-1", "確認日", "— → 2026年7月2日"),
        ("target_date", "C-1", "目標日", "— → 2027年3月31日"),
        ("owner", "C-1", "担当者", "— → 医療安全室"),
        ("evidence", "C-1", "根拠資料", "0 文字 → 4 文字（本文は履歴に残しません）"),
        ("needs_review", "C-1", "要再確認", "いいえ → はい"),
        ("na_reason", "C-3", "該当なしの理由", "0 文字 → 5 文字（本文は履歴に残しません）"),
    ],
)
def test_history_labels_and_values(edited, small_guideline, field, item, label, change) -> None:
    entry = _entry(edited, field, item)
    assert history_field_label(entry.field, entry.item) == label
    assert history_change_text(entry, small_guideline) == change


def test_without_the_guideline_ids_are_shown_as_they_are(edited) -> None:
    entry = _entry(edited, "scope.use_cases")
    assert history_change_text(entry) == "— → UC-01、UC-03"


def test_unknown_ids_and_values_are_kept_visible(edited, small_guideline) -> None:
    entry = _entry(edited, "scope.use_cases").model_copy(update={"new": "UC-01, UC-99"})
    assert history_change_text(entry, small_guideline) == "— → ユースケース1、UC-99"
    entry = _entry(edited, "status", "C-1").model_copy(update={"new": "finished"})
    assert history_change_text(entry) == "未回答 → finished"


def test_carried_over_and_archived_answers(small_guideline) -> None:
    from haip_desktop.assessment.history import record

    assessment = new_assessment(
        small_guideline, Facility(name="A", kind=FacilityKind.PHARMACY), who="x"
    )
    record(assessment, who="x", item="C-2", field="archived", old=False, new=True, note="")
    record(assessment, who="x", item="C-2", field="carried_over", old=True, new=False)
    record(assessment, who="x", item="", field=MIGRATION_FIELD, old="2025.1", new="2026.1")
    archived, carried, migrated = assessment.history[-3:]
    assert history_field_label(archived.field, archived.item) == "アーカイブ"
    assert history_change_text(archived) == "いいえ → はい"
    assert history_field_label(carried.field, carried.item) == "前回からの引き継ぎ"
    assert history_change_text(carried) == "はい → いいえ"
    assert history_field_label(migrated.field, migrated.item) == "ガイドラインのデータ版"
    assert history_change_text(migrated) == "2025.1 → 2026.1"


def test_item_label(edited, small_guideline) -> None:
    assert item_label("", edited, small_guideline) == "評価全体"
    assert item_label("C-1", edited, small_guideline) == "C-1 対策 C-1"
    assert item_label("C-99", edited, small_guideline) == "C-99"
    assert item_label("T-1", edited) == "AIツール T-1"  # removed from the register
    edited.tools.append(AITool(id="T-2", name="記録AI"))
    assert item_label("T-2", edited) == "AIツール 記録AI"


def test_format_date() -> None:
    assert format_date(dt.date(2025, 7, 1)) == "2025年7月1日"


def test_every_field_of_the_file_has_a_label() -> None:
    """A field added to the models without a label would show its key to people."""
    models = {
        "": Assessment,
        "facility.": Facility,
        "scope.": Scope,
        "tools.": AITool,
        "answers.": Answer,
    }
    for prefix, model in models.items():
        for name in model.model_fields:
            path = prefix + name
            if path in ("facility", "scope", "tools", "answers", "guideline", "history"):
                assert path in FIELD_LABELS
                continue
            assert field_label(path) != path, path
    assert field_label("guideline.data_version") == "ガイドラインのデータ版"


def test_refused_edits_name_the_field_as_people_see_it(edited) -> None:
    with pytest.raises(EditError, match="^設置形態: .*オンプレミス"):
        add_tool(edited, who="x", name="A", deployment="somewhere")
    with pytest.raises(EditError, match="^施設の種別: .*病院"):
        update_facility(edited, who="x", kind="school")
    with pytest.raises(EditError, match="^目標日: "):
        set_answer(edited, "C-1", who="x", target_date="来年")
