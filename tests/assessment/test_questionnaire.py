"""Questionnaires (issue 13): what a department and a vendor are asked, and the identity that
brings their answers back to the right place."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from haip_desktop.assessment.models import AITool, Answer, Approval, GuidelineRef, Scope, Status
from haip_desktop.assessment.questionnaire import (
    AnswerCells,
    QuestionnaireError,
    QuestionnaireKind,
    cell_text,
    department_questionnaire,
    department_steps,
    identity_rows,
    parse_identity,
    vendor_questionnaire,
    vendor_tools,
)

LABELS = ("状況", "確認日", "目標日", "担当者", "備考", "根拠資料", "該当なしの理由")
WRITTEN = dt.datetime(2026, 12, 4, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=9)))


@pytest.fixture
def assessment(make_assessment):
    return make_assessment(
        scope=Scope(steps=["ST-1", "ST-2"]),
        tools=[
            AITool(id="T-1", name="文書作成支援AI", vendor="メディコード", steps=["ST-1"]),
            AITool(id="T-2", name="禁止のAI", steps=["ST-1"], approval=Approval.PROHIBITED),
        ],
        answers={"C-5": Answer(status=Status.DONE, note="手順書あり\r\n\t夜勤も周知 ")},
    )


def test_a_department_is_asked_the_step_items_of_its_steps_each_once_with_roles(
    assessment, small_guideline
) -> None:
    q = department_questionnaire(assessment, small_guideline, ["ST-2", "ST-1"], written_at=WRITTEN)
    assert q.kind is QuestionnaireKind.DEPARTMENT
    assert [r.item.countermeasure_id for r in q.rows] == ["C-5", "C-6"]
    c5, c6 = q.rows
    assert c5.steps == "テストの流れ › ステップ1" and c5.roles == "看護師"
    assert c6.steps == "テストの流れ › ステップ1、テストの流れ › ステップ2" and c6.roles == "医師"
    assert q.target == "テストの流れ › ステップ1、テストの流れ › ステップ2"
    assert q.identity.step_ids == ("ST-1", "ST-2")  # guideline order
    # the answer as a cell holds it: one line break, no tab, no spaces at the ends
    assert c5.written.note == "手順書あり\n 夜勤も周知"
    assert q.identity.fingerprints == {
        ("C-5", None): c5.written.fingerprints(),
        ("C-6", None): AnswerCells().fingerprints(),
    }
    # one fingerprint per field, so that an import can tell which fields were changed
    assert list(q.identity.fingerprints[("C-5", None)]) == [
        "status",
        "confirmed_on",
        "target_date",
        "owner",
        "note",
        "evidence",
        "na_reason",
    ]
    assert q.identity.fingerprints[("C-5", None)]["owner"] == AnswerCells().fingerprints()["owner"]
    assert q.identity.fingerprints[("C-5", None)]["note"] != AnswerCells().fingerprints()["note"]
    only_two = department_questionnaire(assessment, small_guideline, ["ST-2"])
    assert [r.item.countermeasure_id for r in only_two.rows] == ["C-6"]


def test_a_vendor_is_asked_the_tool_items_of_one_tool(assessment, small_guideline) -> None:
    q = vendor_questionnaire(assessment, small_guideline, "T-1", written_at=WRITTEN)
    assert q.kind is QuestionnaireKind.VENDOR
    assert [r.item.key for r in q.rows] == [("C-7", "T-1")]
    assert q.target == "文書作成支援AI（メディコード）"
    assert (q.identity.tool_id, q.identity.tool_name) == ("T-1", "文書作成支援AI")
    assert vendor_tools(assessment, small_guideline) == [("T-1", "文書作成支援AI", 1)]
    assert [c.step_id for c in department_steps(assessment, small_guideline)] == ["ST-1", "ST-2"]


@pytest.mark.parametrize(
    "make, says",
    [
        (lambda a, g: department_questionnaire(a, g, []), "1つ以上選んで"),
        (lambda a, g: department_questionnaire(a, g, ["ST-3"]), "ST-3"),
        (
            lambda a, g: vendor_questionnaire(a, g, "T-9"),
            "T-9 は、この評価の生成AIツール台帳にありません",
        ),
        (lambda a, g: vendor_questionnaire(a, g, "T-2"), "利用禁止"),
    ],
)
def test_what_cannot_be_asked_is_refused_with_what_can(
    assessment, small_guideline, make, says
) -> None:
    with pytest.raises(QuestionnaireError) as info:
        make(assessment, small_guideline)
    assert says in str(info.value)


def test_no_questionnaire_from_an_assessment_on_other_guideline_data(
    assessment, small_guideline
) -> None:
    assessment.guideline = GuidelineRef(id="TEST-GL", edition=1, data_version="test.0")
    with pytest.raises(QuestionnaireError) as info:
        vendor_questionnaire(assessment, small_guideline, "T-1")
    assert "データ版 test.0" in str(info.value)
    # the menu entry as the window names it (tests/ui/assessment/test_excel.py checks it is there)
    assert "「ツール」→「評価を使用中のデータ版に移行…」" in str(info.value)


def test_a_note_too_long_for_a_cell_is_refused(assessment, small_guideline) -> None:
    assessment.answers["C-5"] = Answer(note="あ" * 32_768)
    with pytest.raises(QuestionnaireError) as info:
        department_questionnaire(assessment, small_guideline, ["ST-1"])
    assert "C-5" in str(info.value) and "32,767" in str(info.value)


def test_the_identity_reads_back_as_written(assessment, small_guideline) -> None:
    q = department_questionnaire(assessment, small_guideline, ["ST-1", "ST-2"], written_at=WRITTEN)
    identity = dataclasses.replace(q.identity, header_row=19)
    rows = [(n, values) for n, values in enumerate(identity_rows(identity), start=1)]
    parsed, problems = parse_identity(rows)
    assert problems == [] and parsed == identity
    assert rows[0][1] == ["形式", "HAIP Desktop 質問票"]  # readable by IT staff who unhide it


def test_the_identity_keeps_a_fingerprint_per_field_in_its_own_column(
    assessment, small_guideline
) -> None:
    q = department_questionnaire(assessment, small_guideline, ["ST-1"], written_at=WRITTEN)
    rows = identity_rows(q.identity)
    assert ["形式の版", "2"] in rows
    heading = rows.index(["対策ID", "ツールID", *(f"作成時の{f}の指紋" for f in LABELS)])
    c5 = rows[heading + 1]
    assert c5[:2] == ["C-5", ""] and len(c5) == 9 and len(set(c5[2:])) > 1


def test_a_questionnaire_of_the_first_format_is_refused_with_what_to_do() -> None:
    """Format 1 kept one fingerprint per row: which fields the respondent changed cannot be
    told, so taking it could overwrite what the committee changed since."""
    parsed, problems = parse_identity(
        [
            (1, ["形式", "HAIP Desktop 質問票"]),
            (2, ["形式の版", "1"]),
            (3, ["評価のID", "a-1"]),
            (5, ["対策ID", "ツールID", "作成時の回答の指紋"]),
            (6, ["C-5", "", "0123456789abcdef"]),
        ]
    )
    (problem,) = problems
    assert parsed is None and problem.row == 2
    assert "前の形式（第1版）" in problem.message
    assert "今の評価から質問票を作り直して" in problem.message


def test_an_identity_of_something_else_is_not_taken() -> None:
    parsed, problems = parse_identity([(1, ["形式", "ほかのブック"])])
    assert parsed is None and "HAIP Desktop の質問票ではない" in problems[0].message


def test_cell_text_is_what_a_cell_can_hold() -> None:
    assert cell_text(" a\r\nb\tc\x00\x1f\x85\ud800\uffff ") == "a\nb c\ufffd"
    assert cell_text("　全角の空白も　") == "全角の空白も"
