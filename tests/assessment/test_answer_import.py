"""Answers from a filled questionnaire (issue 13): the preview, every kind of bad row refused
with its sheet and row number, conflicts, and applying through the history."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

from haip_desktop.assessment.answer_import import (
    AnswerFileError,
    AnswerImportError,
    apply_answers,
    read_answers,
)
from haip_desktop.assessment.editing import remove_tool, set_answer
from haip_desktop.assessment.models import AITool, Answer, GuidelineRef, Scope, Status
from haip_desktop.assessment.questionnaire import department_questionnaire, vendor_questionnaire
from haip_desktop.report.xlsx_layout import workbook_bytes
from haip_desktop.report.xlsx_questionnaire import questionnaire_workbook

from ..xlsx_filling import BAD_ROWS, damaged, fill, layout

FILE = Path("3階東病棟_回答.xlsx")


@pytest.fixture
def assessment(make_assessment):
    return make_assessment(
        scope=Scope(steps=["ST-1", "ST-2"]),
        tools=[AITool(id="T-1", name="文書作成支援AI", steps=["ST-1"])],
        answers={
            "C-5": Answer(status=Status.PARTIAL, owner="看護部", note="夜勤帯は未周知"),
            "C-6": Answer(status=Status.NOT_DONE, target_date=dt.date(2027, 3, 31)),
        },
    )


@pytest.fixture
def ward(assessment, small_guideline) -> bytes:
    """The department questionnaire for ST-1 and ST-2 (C-5, C-6), as written."""
    return workbook_bytes(
        questionnaire_workbook(
            department_questionnaire(assessment, small_guideline, ["ST-1", "ST-2"])
        )
    )


def _read(data: bytes, assessment, guideline):  # type: ignore[no-untyped-def]
    return read_answers(FILE, assessment, guideline, data=data)


def _row_of(data: bytes, cm_id: str) -> int:
    return layout(load_workbook(io.BytesIO(data))["回答"])[2][cm_id]


def test_answers_filled_by_code_are_previewed_then_applied_with_the_respondent_in_the_history(
    ward, assessment, small_guideline
) -> None:
    filled = fill(
        ward,
        {
            "C-5": {"状況": "実施済", "確認日": dt.date(2026, 12, 9), "備考": "夜勤帯にも周知した"},
            "C-6": {"状況": "該当なし", "該当なしの理由": "医師は生成AIを使わない", "目標日": None},
        },
    )
    preview = _read(filled, assessment, small_guideline)
    assert preview.can_apply and preview.problems == []
    assert preview.respondent == "3階東病棟 看護師長 山田"
    assert preview.answered_on == dt.date(2026, 12, 10)
    # The steps by the names people know them by, not their ids.
    assert preview.target() == "部署用: テストの流れ › ステップ1、テストの流れ › ステップ2"
    by_id = {c.item.countermeasure_id: c for c in preview.changes}
    assert [(f.label, f.old, f.new) for f in by_id["C-5"].fields] == [
        ("状況", "一部実施", "実施済"),
        ("確認日", "（空欄）", "2026-12-09"),
        ("備考", "夜勤帯は未周知", "夜勤帯にも周知した"),
    ]
    assert [(f.label, f.old, f.new) for f in by_id["C-6"].fields] == [
        ("状況", "未実施", "該当なし"),
        ("目標日", "2027-03-31", "（空欄）"),
        ("該当なしの理由", "（空欄）", "医師は生成AIを使わない"),
    ]
    assert by_id["C-5"].row == _row_of(filled, "C-5")
    assert not preview.conflicts and preview.unchanged == 0

    before = assessment.model_copy(deep=True)
    updated, made = apply_answers(preview, assessment, importer="佐藤 健一")
    assert assessment == before  # the copy is changed, not the assessment given
    assert len(made) == 2
    c5 = updated.answers["C-5"]
    assert (c5.status, c5.confirmed_on, c5.note, c5.owner) == (
        Status.DONE,
        dt.date(2026, 12, 9),
        "夜勤帯にも周知した",
        "看護部",  # not changed by the respondent: kept
    )
    c6 = updated.answers["C-6"]
    assert (c6.status, c6.na_reason, c6.target_date) == (
        Status.NOT_APPLICABLE,
        "医師は生成AIを使わない",
        None,
    )
    entries = updated.history[len(before.history) :]
    assert {(h.item, h.field) for h in entries} == {
        ("C-5", "status"),
        ("C-5", "confirmed_on"),
        ("C-5", "note"),
        ("C-6", "status"),
        ("C-6", "target_date"),
        ("C-6", "na_reason"),
    }
    assert all(h.who == "3階東病棟 看護師長 山田" for h in entries)
    assert all(
        "回答の取り込み: 3階東病棟_回答.xlsx、回答日 2026-12-10、取り込んだ人 佐藤 健一" in h.note
        for h in entries
    )


def test_a_vendor_answers_for_its_tool_only(assessment, small_guideline) -> None:
    data = workbook_bytes(
        questionnaire_workbook(vendor_questionnaire(assessment, small_guideline, "T-1"))
    )
    filled = fill(data, {"C-7": {"状況": "一部実施", "根拠資料": "契約書 第12条"}})
    preview = _read(filled, assessment, small_guideline)
    assert [c.key for c in preview.changes] == [("C-7", "T-1")]
    updated, _ = apply_answers(preview, assessment, importer="")
    assert updated.tool_answers["T-1"]["C-7"].evidence == "契約書 第12条"
    assert "C-7" not in updated.answers
    assert updated.history[-1].tool == "T-1"


def test_a_row_left_as_written_changes_nothing_even_where_the_assessment_changed_since(
    ward, assessment, small_guideline
) -> None:
    set_answer(assessment, "C-5", who="委員会", status=Status.DONE)  # after writing
    preview = _read(fill(ward), assessment, small_guideline)
    assert preview.changes == [] and preview.unchanged == 2 and preview.can_apply
    updated, made = apply_answers(preview, assessment, importer="")
    assert made == [] and updated.answers["C-5"].status is Status.DONE


def test_a_conflict_shows_both_and_is_taken_only_when_chosen(
    ward, assessment, small_guideline
) -> None:
    """A conflict is one field changed on both sides; a field only the assessment changed
    (備考 here) is no conflict and keeps the assessment's value whatever is chosen."""
    set_answer(assessment, "C-5", who="委員会", status=Status.DONE, note="委員会で確認")
    filled = fill(ward, {"C-5": {"状況": "未実施"}, "C-6": {"状況": "実施済"}})
    preview = _read(filled, assessment, small_guideline)
    assert [c.item.countermeasure_id for c in preview.conflicts] == ["C-5"]
    (conflict,) = preview.conflicts
    # both sides: the assessment's value now, and the respondent's
    assert [(f.label, f.old, f.new, f.conflict) for f in conflict.fields] == [
        ("状況", "実施済", "未実施", True),
    ]
    assert preview.conflict_fields == [(("C-5", None), "status")]
    kept, made = apply_answers(preview, assessment, importer="")
    assert [c.item.countermeasure_id for c in made] == ["C-6"]
    assert kept.answers["C-5"].status is Status.DONE
    taken, made = apply_answers(
        preview, assessment, importer="", take_conflicts={(("C-5", None), "status")}
    )
    assert taken.answers["C-5"].status is Status.NOT_DONE
    assert taken.answers["C-5"].note == "委員会で確認"


def test_only_the_fields_the_respondent_changed_are_taken(
    ward, assessment, small_guideline
) -> None:
    """The respondent makes C-5 該当なし with a reason; meanwhile the committee rewrites its
    備考 in the app. The import takes the status and the reason and keeps the committee's
    newer note: no conflict, nothing of the committee's is overwritten by the old note."""
    set_answer(assessment, "C-5", who="委員会", note="委員会で新しいメモ", owner="医療安全室")
    filled = fill(ward, {"C-5": {"状況": "該当なし", "該当なしの理由": "当病棟では使わない"}})
    preview = _read(filled, assessment, small_guideline)
    assert preview.can_apply and preview.conflicts == [] and preview.unchanged == 1
    (change,) = preview.changes
    assert [(f.label, f.old, f.new, f.conflict) for f in change.fields] == [
        ("状況", "一部実施", "該当なし", False),
        ("該当なしの理由", "（空欄）", "当病棟では使わない", False),
    ]
    updated, made = apply_answers(preview, assessment, importer="")
    c5 = updated.answers["C-5"]
    assert (c5.status, c5.na_reason, c5.note, c5.owner) == (
        Status.NOT_APPLICABLE,
        "当病棟では使わない",
        "委員会で新しいメモ",
        "医療安全室",
    )
    assert {h.field for h in updated.history[len(assessment.history) :]} == {
        "status",
        "na_reason",
    }


def test_a_field_both_sides_changed_to_the_same_value_is_no_change(
    ward, assessment, small_guideline
) -> None:
    set_answer(assessment, "C-6", who="委員会", status=Status.DONE)
    preview = _read(fill(ward, {"C-6": {"状況": "実施済"}}), assessment, small_guideline)
    assert preview.changes == [] and preview.unchanged == 2


def test_taking_a_field_that_is_no_conflict_is_a_mistake(ward, assessment, small_guideline) -> None:
    preview = _read(fill(ward, {"C-6": {"状況": "実施済"}}), assessment, small_guideline)
    with pytest.raises(ValueError, match="not conflicting"):
        apply_answers(preview, assessment, importer="", take_conflicts={("C-6", None)})  # type: ignore[arg-type]


@pytest.mark.parametrize("kind", list(BAD_ROWS))
def test_every_kind_of_bad_row_is_refused_with_its_sheet_and_row(
    kind, ward, assessment, small_guideline
) -> None:
    bad = BAD_ROWS[kind]
    filled = fill(ward, {"C-6": {"状況": "実施済"}}, edit=bad.edit("C-5", "C-6"))
    preview = _read(filled, assessment, small_guideline)
    assert not preview.can_apply
    (problem,) = preview.problems
    expected_row = bad.row(layout(load_workbook(io.BytesIO(ward))["回答"])[2], "C-5", "C-6")
    column, says = bad.column, bad.says
    assert (problem.sheet, problem.row, problem.column) == ("回答", expected_row, column)
    assert says in problem.message
    assert problem.describe().startswith(f"シート「回答」 {expected_row} 行目「{column}」: ")
    with pytest.raises(AnswerImportError):
        apply_answers(preview, assessment, importer="")


def test_every_bad_row_is_listed_not_only_the_first(ward, assessment, small_guideline) -> None:
    filled = fill(ward, {"C-5": {"状況": "済"}, "C-6": {"確認日": "昨日"}})
    rows = [(p.row, p.column) for p in _read(filled, assessment, small_guideline).problems]
    assert rows == [(_row_of(ward, "C-5"), "状況"), (_row_of(ward, "C-6"), "確認日")]


def test_an_answer_without_a_respondent_is_refused(ward, assessment, small_guideline) -> None:
    preview = _read(fill(ward, respondent=None), assessment, small_guideline)
    (problem,) = preview.problems
    assert problem.column == "回答者" and "回答者が書かれていません" in problem.message
    assert problem.row is not None and problem.row < _row_of(ward, "C-5")


def test_dates_typed_as_text_are_read(ward, assessment, small_guideline) -> None:
    filled = fill(ward, {"C-5": {"確認日": "２０２６年１２月９日"}, "C-6": {"目標日": "2027/4/1"}})
    changes = {
        c.item.countermeasure_id: c for c in _read(filled, assessment, small_guideline).changes
    }
    assert changes["C-5"].answer.confirmed_on == dt.date(2026, 12, 9)
    assert changes["C-6"].answer.target_date == dt.date(2027, 4, 1)
    # the way the window's date field takes them too (assessment/dates.py)
    compact = fill(ward, {"C-6": {"目標日": "20270401"}})
    (change,) = _read(compact, assessment, small_guideline).changes
    assert change.answer.target_date == dt.date(2027, 4, 1)


def test_a_questionnaire_of_another_assessment_is_refused(
    ward, make_assessment, small_guideline
) -> None:
    other = make_assessment(scope=Scope(steps=["ST-1", "ST-2"]), id="another-assessment")
    preview = _read(fill(ward, {"C-5": {"状況": "実施済"}}), other, small_guideline)
    (problem,) = preview.problems
    assert problem.sheet == "識別情報" and problem.row is not None
    assert "別の評価（テスト病院" in problem.message and preview.changes == []


def test_a_questionnaire_of_another_data_version_is_refused(
    ward, assessment, small_guideline
) -> None:
    assessment.guideline = GuidelineRef(id="TEST-GL", edition=1, data_version="test.2")
    (problem,) = _read(fill(ward), assessment, small_guideline).problems
    assert problem.sheet == "識別情報"
    assert "データ版 test.1 で作られましたが、評価は今データ版 test.2" in problem.message


def test_a_vendor_questionnaire_for_a_tool_taken_off_the_register_is_refused(
    assessment, small_guideline
) -> None:
    data = workbook_bytes(
        questionnaire_workbook(vendor_questionnaire(assessment, small_guideline, "T-1"))
    )
    remove_tool(assessment, "T-1", who="委員会")
    (problem,) = _read(fill(data), assessment, small_guideline).problems
    assert "文書作成支援AI" in problem.message and "台帳" in problem.message


def test_a_workbook_without_the_identity_is_refused(ward, assessment, small_guideline) -> None:
    workbook = load_workbook(io.BytesIO(fill(ward)))
    del workbook["識別情報"]
    buffer = io.BytesIO()
    workbook.save(buffer)
    (problem,) = _read(buffer.getvalue(), assessment, small_guideline).problems
    assert problem.sheet == "識別情報" and "HAIP Desktop で作った質問票ではない" in problem.message


@pytest.mark.parametrize(
    "data, says",
    [
        (b"", "Excel のブック（.xlsx）ではありません"),
        (
            "対策ID,状況\r\nC-5,実施済\r\n".encode("utf-8-sig"),
            "Excel のブック（.xlsx）ではありません",
        ),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "古い形式の Excel ファイル（.xls）"),
    ],
)
def test_a_file_that_is_no_workbook_is_refused(data, says, assessment, small_guideline) -> None:
    with pytest.raises(AnswerFileError) as info:
        _read(data, assessment, small_guideline)
    assert says in str(info.value) and "評価は変更していません" in str(info.value)


def test_a_file_that_would_unpack_beyond_the_limit_is_not_opened(
    assessment, small_guideline, monkeypatch
) -> None:
    """A small file that unpacks to gigabytes (a "zip bomb") is refused before openpyxl
    reads it; the limit (200 MB) is lowered here so that the test stays quick."""
    from haip_desktop.assessment import answer_import

    monkeypatch.setattr(answer_import, "MAX_UNPACKED_BYTES", 2 * 1024 * 1024)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (3 * 1024 * 1024))
    assert len(buffer.getvalue()) < 64 * 1024
    with pytest.raises(AnswerFileError) as info:
        _read(buffer.getvalue(), assessment, small_guideline)
    assert "展開すると 3 MB になるファイルで、質問票ではありません" in str(info.value)


@pytest.mark.parametrize("how", ["cut", "date cell"])
def test_a_damaged_workbook_is_told_in_japanese_with_what_to_do(
    how, ward, assessment, small_guideline, caplog
) -> None:
    """openpyxl reads a sheet only as its rows are asked for: the damage shows up while the
    answers are read (an XML ParseError, a ValueError), not when the workbook is opened."""
    data = damaged(fill(ward, {"C-6": {"状況": "実施済"}}), how)
    with pytest.raises(AnswerFileError) as info:
        _read(data, assessment, small_guideline)
    error = info.value
    assert error.problem == "Excel のブックとして読めません（壊れています）。"
    assert "評価は変更していません" in error.advice and "保存し直して" in error.advice
    assert error.detail  # what the parser said, for the log
    assert error.detail in caplog.text


def test_a_missing_file_is_told_in_japanese(tmp_path, assessment, small_guideline) -> None:
    with pytest.raises(AnswerFileError) as info:
        read_answers(tmp_path / "ない.xlsx", assessment, small_guideline)
    assert "見つかりません" in str(info.value)


def test_apply_refuses_when_the_assessment_changed_after_the_preview(
    ward, assessment, small_guideline
) -> None:
    preview = _read(fill(ward, {"C-6": {"状況": "実施済"}}), assessment, small_guideline)
    set_answer(assessment, "C-6", who="委員会", owner="医局")
    with pytest.raises(AnswerImportError) as info:
        apply_answers(preview, assessment, importer="")
    assert "C-6" in str(info.value) and "もう一度取り込んで" in str(info.value)
    other = assessment.model_copy(update={"id": "another"})
    with pytest.raises(AnswerImportError):
        apply_answers(preview, other, importer="")


def test_a_thousand_rows_import_correctly(tmp_path) -> None:
    """Correctness at 1,000 rows (the speed is measured in benchmarks/, not here)."""
    from ..answer_import_data import thousand_items

    guideline, assessment = thousand_items()
    data = workbook_bytes(
        questionnaire_workbook(department_questionnaire(assessment, guideline, ["ST-1"]))
    )
    statuses = ["実施済", "一部実施", "未実施"]
    answers = {f"C-{n:04d}": {"状況": statuses[n % 3], "担当者": f"担当{n}"} for n in range(1000)}
    preview = read_answers(FILE, assessment, guideline, data=fill(data, answers))
    assert preview.can_apply and len(preview.changes) == 1000
    updated, made = apply_answers(preview, assessment, importer="")
    assert len(made) == 1000
    assert updated.answers["C-0999"].owner == "担当999"
    assert updated.answers["C-0997"].status is Status.PARTIAL


def test_a_workbook_stating_a_wrong_size_is_still_read_whole(
    ward, assessment, small_guideline
) -> None:
    """Some programs write <dimension ref="A1"/> whatever the sheet holds; openpyxl's read-only
    mode would stop after the first row if it trusted that."""
    import re

    filled = fill(ward, {"C-6": {"状況": "実施済"}})
    source = zipfile.ZipFile(io.BytesIO(filled))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename.startswith("xl/worksheets/sheet"):
                data, count = re.subn(
                    rb'<dimension ref="[^"]*" ?/>', b'<dimension ref="A1"/>', data
                )
                assert count == 1
            target.writestr(info, data)
    preview = _read(out.getvalue(), assessment, small_guideline)
    assert preview.problems == [] and [c.item.countermeasure_id for c in preview.changes] == ["C-6"]


def test_fields_that_do_not_fit_together_after_the_merge_are_refused_whole(
    make_assessment, small_guideline
) -> None:
    """The respondent picks 該当なし, keeping the reason the row was written with; the
    committee has cleared that reason since. 該当なし without a reason cannot be kept: the
    import says so and changes nothing."""
    assessment = make_assessment(
        scope=Scope(steps=["ST-1", "ST-2"]),
        answers={"C-5": Answer(status=Status.PARTIAL, na_reason="夜勤がない")},
    )
    written = workbook_bytes(
        questionnaire_workbook(department_questionnaire(assessment, small_guideline, ["ST-1"]))
    )
    set_answer(assessment, "C-5", who="委員会", na_reason="")
    preview = _read(fill(written, {"C-5": {"状況": "該当なし"}}), assessment, small_guideline)
    assert preview.can_apply
    before = assessment.model_copy(deep=True)
    with pytest.raises(AnswerImportError) as info:
        apply_answers(preview, assessment, importer="")
    assert "対策 C-5" in str(info.value) and "該当しない理由" in str(info.value)
    assert "何も変更していません" in str(info.value) and assessment == before


@pytest.mark.parametrize("year", [2926, 1999])
def test_a_date_out_of_range_already_in_the_assessment_does_not_block_an_unchanged_row(
    year, make_assessment, small_guideline
) -> None:
    """A mistyped year the assessment held when the questionnaire was written (the app now
    refuses it on edit, but an older file may hold it) stays until someone changes it: the
    respondent who fills only 回答者 can be imported, and other fields of that row too."""
    typo = dt.date(year, 3, 31)
    assessment = make_assessment(
        scope=Scope(steps=["ST-1", "ST-2"]),
        answers={"C-5": Answer(status=Status.NOT_DONE, target_date=typo)},
    )
    written = workbook_bytes(
        questionnaire_workbook(department_questionnaire(assessment, small_guideline, ["ST-1"]))
    )
    untouched = _read(fill(written), assessment, small_guideline)
    assert untouched.problems == [] and untouched.changes == [] and untouched.unchanged == 2
    owner = _read(fill(written, {"C-5": {"担当者": "病棟師長"}}), assessment, small_guideline)
    assert owner.problems == []
    assert [f.name for f in owner.changes[0].fields] == ["owner"]
    updated, _ = apply_answers(owner, assessment, importer="")
    assert updated.answers["C-5"].target_date == typo
    # a year the respondent types is still checked, with what to do
    retyped = fill(written, {"C-5": {"目標日": dt.date(2927, 3, 31)}})
    (problem,) = _read(retyped, assessment, small_guideline).problems
    assert problem.column == "目標日"
    assert "2927-03-31 は日付の範囲（2000〜2100 年）の外です" in problem.message
    assert "年を確かめて" in problem.message


def test_an_answering_date_out_of_range_is_refused(ward, assessment, small_guideline) -> None:
    (problem,) = _read(
        fill(ward, answered_on=dt.date(3026, 12, 10)), assessment, small_guideline
    ).problems
    assert problem.column == "回答日" and "3026-12-10 は日付の範囲" in problem.message
