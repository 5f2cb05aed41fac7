"""The Excel commands as a person runs them (issue 13): report --xlsx, questionnaire,
import-answers with and without --apply, group --xlsx; exit codes, what is printed, and an
assessment file left byte-identical whenever answers are refused."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from openpyxl import load_workbook

from haip_desktop.assessment import load_assessment, save_assessment
from haip_desktop.assessment.demo import make_demo_assessment
from haip_desktop.assessment.lock import acquire_lock
from haip_desktop.assessment.questionnaire import department_steps
from haip_desktop.cli import main

from ..xlsx_filling import BAD_ROWS, damaged, fill, layout


@pytest.fixture
def assessment_file(tmp_path: Path, guideline) -> Path:  # type: ignore[no-untyped-def]
    path = tmp_path / "評価.haipeval"
    save_assessment(make_demo_assessment(guideline, fill=0.5, seed=2), path)
    return path


@pytest.fixture
def step_ids(assessment_file: Path, guideline) -> list[str]:  # type: ignore[no-untyped-def]
    """Two steps in scope with step items, for a department questionnaire."""
    return [c.step_id for c in department_steps(load_assessment(assessment_file), guideline)][:2]


@pytest.fixture
def questionnaire(tmp_path: Path, assessment_file: Path, step_ids, capsys) -> Path:  # type: ignore[no-untyped-def]
    out = tmp_path / "病棟の質問票.xlsx"
    assert (
        main(["questionnaire", str(assessment_file), "-o", str(out), "--steps", ",".join(step_ids)])
        == 0
    )
    assert f"書き出しました: {out}（部署用、" in capsys.readouterr().out
    return out


def _ids(path: Path) -> list[str]:
    rows = layout(load_workbook(path)["回答"])[2]
    return sorted(rows, key=rows.__getitem__)


def test_report_needs_at_least_one_output(assessment_file: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(SystemExit) as info:
        main(["report", str(assessment_file)])
    assert info.value.code == 2
    assert "-o（PDF）、--csv、--xlsx の少なくとも1つ" in capsys.readouterr().err


def test_report_writes_only_the_workbook_when_only_xlsx_is_given(
    tmp_path: Path, assessment_file: Path, capsys
) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "評価.xlsx"
    assert main(["report", str(assessment_file), "--xlsx", str(out), "--date", "2026-12-04"]) == 0
    printed = capsys.readouterr().out
    assert printed.startswith(f"書き出しました: {out}（") and "シート" in printed
    assert sorted(p.name for p in tmp_path.iterdir() if p.is_file()) == [
        "評価.haipeval",
        "評価.xlsx",
    ]
    assert load_workbook(out).sheetnames[0] == "概要"


def test_a_report_from_older_data_says_so_in_the_csv_and_the_workbook_too(
    tmp_path: Path, guideline, capsys
) -> None:  # type: ignore[no-untyped-def]
    """The PDF's cover names both data versions; the CSV and .xlsx must too, and the command
    warns once whatever it writes."""
    import csv
    import io

    path = tmp_path / "昨年の評価.haipeval"
    assessment = make_demo_assessment(guideline, fill=0.5, seed=2)
    assessment.guideline.data_version = "2025.07-app.1"
    save_assessment(assessment, path)
    out_csv, out_xlsx = tmp_path / "評価.csv", tmp_path / "評価.xlsx"
    assert main(["report", str(path), "--csv", str(out_csv), "--xlsx", str(out_xlsx)]) == 0
    err = capsys.readouterr().err
    assert err.count("データ版 2025.07-app.1 で作成されましたが") == 1
    both = f"{guideline.data_version}（評価時: 2025.07-app.1）"
    rows = list(csv.reader(io.StringIO(out_csv.read_bytes().decode("utf-8-sig"))))
    assert ["ガイドラインデータの版", both] in rows
    sheet = load_workbook(out_xlsx)["概要"]
    assert ("ガイドラインデータの版", both) in {
        (row[0], row[1]) for row in sheet.iter_rows(values_only=True)
    }


def test_a_questionnaire_into_a_folder_says_to_give_a_file_name(
    tmp_path: Path, assessment_file: Path, step_ids, capsys
) -> None:  # type: ignore[no-untyped-def]
    """It said the folder 「は既にあります」 and to add --force, which then failed too."""
    folder = tmp_path / "質問票"
    folder.mkdir()
    args = ["questionnaire", str(assessment_file), "-o", str(folder), "--steps", step_ids[0]]
    assert main(args) == 1
    said = capsys.readouterr().err
    assert "既にあります" not in said and "--force" not in said
    assert "ファイルではなくフォルダです" in said
    assert f"フォルダの中のファイル名まで指定してください（例: {folder / '質問票.xlsx'}）" in said
    assert list(folder.iterdir()) == []


def test_a_questionnaire_is_not_written_over_an_existing_file(
    questionnaire: Path, assessment_file: Path, step_ids, capsys
) -> None:  # type: ignore[no-untyped-def]
    before = questionnaire.read_bytes()
    args = ["questionnaire", str(assessment_file), "-o", str(questionnaire), "--steps", step_ids[0]]
    assert main(args) == 1
    assert "既にあります（記入済みの質問票かもしれません）" in capsys.readouterr().err
    assert questionnaire.read_bytes() == before
    assert main([*args, "--force"]) == 0


def test_a_questionnaire_for_a_tool_not_in_the_register_says_which_there_are(
    tmp_path: Path, assessment_file: Path, capsys
) -> None:  # type: ignore[no-untyped-def]
    args = ["questionnaire", str(assessment_file), "-o", str(tmp_path / "v.xlsx"), "--tool", "T-99"]
    assert main(args) == 1
    err = capsys.readouterr().err
    assert "ツール T-99 は、この評価の生成AIツール台帳にありません。選べるツール: T-" in err
    assert not (tmp_path / "v.xlsx").exists()


def test_import_answers_previews_without_changing_then_applies_with_a_backup(
    questionnaire: Path, assessment_file: Path, capsys
) -> None:  # type: ignore[no-untyped-def]
    first, second = _ids(questionnaire)[:2]
    filled = questionnaire.with_name("回答済み.xlsx")
    filled.write_bytes(
        fill(
            questionnaire,
            {first: {"状況": "実施済", "備考": "12月の会議で周知"}, second: {"状況": "未実施"}},
        )
    )
    capsys.readouterr()
    before = assessment_file.read_bytes()
    assert main(["import-answers", str(assessment_file), str(filled)]) == 0
    out = capsys.readouterr().out
    assert "回答者: 3階東病棟 看護師長 山田（回答日 2026-12-10）" in out
    assert "変わる回答 2 件" in out or "変わる回答 1 件" in out
    assert "備考: " in out and "→ 12月の会議で周知" in out
    assert "確認だけしました（評価ファイルは変更していません）" in out
    assert assessment_file.read_bytes() == before

    assert (
        main(["import-answers", str(assessment_file), str(filled), "--apply", "--who", "佐藤"]) == 0
    )
    out = capsys.readouterr().out
    assert "取り込みました:" in out and "前の版の控え" in out
    document = json.loads(assessment_file.read_text("utf-8"))
    assert document["answers"][first]["note"] == "12月の会議で周知"
    imported = [h for h in document["history"] if "回答の取り込み" in h["note"]]
    assert {h["item"] for h in imported} == {first, second}
    assert all(h["who"] == "3階東病棟 看護師長 山田" for h in imported)
    assert all("回答の取り込み: 回答済み.xlsx" in h["note"] for h in imported)
    assert all("取り込んだ人 佐藤" in h["note"] for h in imported)
    backups = list((assessment_file.parent / ".haip-backup").iterdir())
    assert [b.read_bytes() for b in backups] == [before]


@pytest.mark.parametrize("kind", list(BAD_ROWS))
def test_every_kind_of_bad_row_is_refused_and_the_assessment_stays_byte_identical(
    kind, questionnaire: Path, assessment_file: Path, capsys
) -> None:  # type: ignore[no-untyped-def]
    bad = BAD_ROWS[kind]
    first, second = _ids(questionnaire)[:2]
    rows = layout(load_workbook(questionnaire)["回答"])[2]
    filled = questionnaire.with_name("回答.xlsx")
    filled.write_bytes(
        fill(questionnaire, {second: {"状況": "実施済"}}, edit=bad.edit(first, second))
    )
    before = assessment_file.read_bytes()
    capsys.readouterr()
    assert main(["import-answers", str(assessment_file), str(filled), "--apply"]) == 1
    err = capsys.readouterr().err
    row = bad.row(rows, first, second)
    assert f"シート「回答」 {row} 行目「{bad.column}」: " in err and bad.says in err
    assert "1件でもあると、ファイル全体を取り込みません" in err
    assert assessment_file.read_bytes() == before
    assert not (assessment_file.parent / ".haip-backup").exists()


def test_a_questionnaire_of_another_assessment_is_refused(
    tmp_path: Path, questionnaire: Path, guideline, capsys
) -> None:  # type: ignore[no-untyped-def]
    other = tmp_path / "別の病院.haipeval"
    save_assessment(make_demo_assessment(guideline, fill=0.5, seed=2, facility="別の病院"), other)
    before = other.read_bytes()
    filled = questionnaire.with_name("回答.xlsx")
    filled.write_bytes(fill(questionnaire, {_ids(questionnaire)[0]: {"状況": "実施済"}}))
    assert main(["import-answers", str(other), str(filled), "--apply"]) == 1
    err = capsys.readouterr().err
    assert "シート「識別情報」" in err and "この質問票は別の評価" in err
    assert other.read_bytes() == before


def test_conflicts_need_a_choice_before_anything_is_written(
    questionnaire: Path, assessment_file: Path, capsys
) -> None:  # type: ignore[no-untyped-def]
    first = _ids(questionnaire)[0]
    assessment = load_assessment(assessment_file)
    from haip_desktop.assessment.editing import set_answer

    set_answer(assessment, first, who="委員会", owner="委員会で確認済み")
    save_assessment(assessment, assessment_file)
    filled = questionnaire.with_name("回答.xlsx")
    filled.write_bytes(fill(questionnaire, {first: {"担当者": "病棟"}}))
    before = assessment_file.read_bytes()
    capsys.readouterr()
    assert main(["import-answers", str(assessment_file), str(filled), "--apply"]) == 1
    captured = capsys.readouterr()
    assert "［競合］" in captured.out and "担当者: 委員会で確認済み → 病棟" in captured.out
    assert "--conflicts keep" in captured.err
    assert assessment_file.read_bytes() == before
    assert (
        main(
            ["import-answers", str(assessment_file), str(filled), "--apply", "--conflicts", "keep"]
        )
        == 0
    )
    assert "変わる回答がないため" in capsys.readouterr().out
    assert assessment_file.read_bytes() == before
    assert (
        main(
            [
                "import-answers",
                str(assessment_file),
                str(filled),
                "--apply",
                "--conflicts",
                "answers",
            ]
        )
        == 0
    )
    assert load_assessment(assessment_file).answers[first].owner == "病棟"


def test_a_note_changed_only_in_the_assessment_is_kept_when_conflicts_are_taken(
    questionnaire: Path, assessment_file: Path, capsys
) -> None:  # type: ignore[no-untyped-def]
    """The respondent changes only 状況; the committee rewrote 備考 since. Even with
    --conflicts answers the committee's note stays: only the respondent's fields are taken."""
    first = _ids(questionnaire)[0]
    assessment = load_assessment(assessment_file)
    from haip_desktop.assessment.editing import set_answer

    set_answer(assessment, first, who="委員会", note="委員会で新しいメモ")
    save_assessment(assessment, assessment_file)
    filled = questionnaire.with_name("回答.xlsx")
    filled.write_bytes(
        fill(questionnaire, {first: {"状況": "該当なし", "該当なしの理由": "病棟では使わない"}})
    )
    capsys.readouterr()
    args = ["import-answers", str(assessment_file), str(filled), "--apply", "--conflicts"]
    assert main([*args, "answers"]) == 0
    out = capsys.readouterr().out
    assert "［競合］" not in out and "備考:" not in out
    assert "状況: " in out and "→ 該当なし" in out
    answer = load_assessment(assessment_file).answers[first]
    assert answer.note == "委員会で新しいメモ"
    assert (answer.status.value, answer.na_reason) == ("not_applicable", "病棟では使わない")


@pytest.mark.parametrize("how", ["cut", "date cell"])
def test_a_damaged_workbook_is_told_in_japanese(
    how: str, questionnaire: Path, assessment_file: Path, capsys
) -> None:  # type: ignore[no-untyped-def]
    filled = questionnaire.with_name("回答.xlsx")
    filled.write_bytes(damaged(fill(questionnaire), how))
    before = assessment_file.read_bytes()
    capsys.readouterr()
    assert main(["import-answers", str(assessment_file), str(filled), "--apply"]) == 1
    err = capsys.readouterr().err
    assert "Excel のブックとして読めません（壊れています）" in err and "保存し直して" in err
    assert "予期しないエラー" not in err
    assert assessment_file.read_bytes() == before


def test_answers_are_not_written_into_a_file_someone_has_open(
    questionnaire: Path, assessment_file: Path, capsys
) -> None:  # type: ignore[no-untyped-def]
    filled = questionnaire.with_name("回答.xlsx")
    filled.write_bytes(fill(questionnaire, {_ids(questionnaire)[0]: {"状況": "実施済"}}))
    before = assessment_file.read_bytes()
    lock = acquire_lock(assessment_file, "別の人")
    try:
        assert main(["import-answers", str(assessment_file), str(filled), "--apply"]) == 1
    finally:
        lock.release()  # type: ignore[union-attr]
    assert "開いています" in capsys.readouterr().err
    assert assessment_file.read_bytes() == before


def test_group_writes_its_figures_as_a_workbook(
    tmp_path: Path, assessment_file: Path, capsys
) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "集計.xlsx"
    assert main(["group", str(assessment_file.parent), "--xlsx", str(out)]) == 0
    assert f"Excel ブックを書き出しました: {out}（1 施設）" in capsys.readouterr().out
    assert load_workbook(out).sheetnames[0] == "施設"
