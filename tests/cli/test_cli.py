"""The command line as a person runs it: exit codes and what is printed."""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

from haip_desktop import cli
from haip_desktop.cli import main


def test_check_data_on_bundled_data_is_clean(capsys):
    assert main(["check-data"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("OK: 医療・ヘルスケア分野における生成AI利用ガイドライン")
    assert "問題なし" in out


def test_check_data_prints_every_problem_and_fails(data_copy, capsys):
    risks = data_copy / "risks.yaml"
    risks.write_text(
        risks.read_text(encoding="utf-8").replace("use_case: UC-02", "use_case: UC-77", 1),
        encoding="utf-8",
    )
    uc = data_copy / "use_cases.yaml"
    uc.write_text(
        uc.read_text(encoding="utf-8").replace("    summary:", "    summery:", 1), encoding="utf-8"
    )
    assert main(["check-data", str(data_copy)]) == 1
    captured = capsys.readouterr()
    lines = captured.out.splitlines()
    assert any(line.startswith("risks.yaml:") and "UC-77" in line for line in lines)
    assert any(line.startswith("use_cases.yaml:") and "summery" in line for line in lines)
    assert "問題:" in captured.err


def test_stats_counts_by_entity_perspective_phase_and_provenance(guideline, capsys):
    assert main(["stats"]) == 0
    out = capsys.readouterr().out
    counts = dict(re.findall(r"^\s+(\S+)\s+(\d+)\s+（原文照合済 \d+）$", out, re.MULTILINE))
    assert int(counts["対策"]) == len(guideline.countermeasures)
    assert int(counts["ユースケース"]) == 8
    assert int(counts["業務ステップ"]) == len(guideline.steps)
    for heading in ["対策（立場別）", "対策（段階別）", "出典（全項目）", "原文との照合（全項目）"]:
        assert heading in out
    for label in ["利用者・個人", "利用者・組織", "開発者", "開発", "導入", "利用・運用", "未照合"]:
        assert label in out


def test_module_entry_point_runs_as_a_program():
    result = subprocess.run(
        [sys.executable, "-m", "haip_desktop", "check-data"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "問題なし" in result.stdout


# -- the console never shows a traceback ------------------------------------------------------


def _cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "haip_desktop", *args],
        capture_output=True,
        env={**os.environ, **(env or {})},
        timeout=120,
    )


def test_a_cp932_console_prints_a_replacement_for_characters_it_lacks(tmp_path):
    target = tmp_path / "demo.haipeval"
    result = _cli(
        "demo-assessment", "-o", str(target), "--facility", "𠮷田病院",
        env={"PYTHONIOENCODING": "cp932"},
    )  # fmt: skip
    assert result.returncode == 0, result.stderr.decode("cp932", "replace")
    assert result.stderr == b""
    assert f"書き出しました: {target}（〓田病院、" in result.stdout.decode("cp932")
    assert "𠮷田病院" in target.read_text(encoding="utf-8")  # the file keeps the real name


def test_a_reader_that_stops_early_ends_the_program_quietly():
    process = subprocess.Popen(
        [sys.executable, "-m", "haip_desktop", "stats"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()  # like `stats | head` once head has what it wants
    err = process.stderr.read()
    process.stderr.close()
    assert process.wait(timeout=120) == 1
    assert err == b""


def test_an_unexpected_error_says_so_in_japanese_and_names_the_log(monkeypatch, capsys):
    def broken(args):  # type: ignore[no-untyped-def]
        raise RuntimeError("internal detail")

    monkeypatch.setattr(cli, "run_stats", broken)
    assert main(["stats"]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err and "internal detail" not in err
    assert "予期しないエラー（RuntimeError）が起きたため、処理を中断しました。" in err
    log_file = Path(re.search(r"ログファイル (.+?) にあります", err).group(1))  # type: ignore[union-attr]
    logged = log_file.read_text(encoding="utf-8")
    assert "Traceback" in logged and "internal detail" in logged


# -- argparse in Japanese ---------------------------------------------------------------------


def test_help_is_japanese_and_lists_the_exit_codes(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["--help"])
    assert exit_.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("使い方: haip-desktop [-h] COMMAND ...")
    assert "オプション:\n  -h, --help       この説明を表示して終了する" in out
    assert "終了コード:\n  0    成功\n  1    処理できなかった" in out
    for english in ("usage:", "options:", "show this help message"):
        assert english not in out


def test_usage_errors_are_japanese(tmp_path, capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["questionnaire", str(tmp_path / "a.haipeval"), "--tool", "T-1"])
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("使い方: haip-desktop questionnaire [-h] -o OUT.xlsx")
    assert "haip-desktop questionnaire: エラー: 次の指定が必要です: -o/--output" in err
    with pytest.raises(SystemExit) as exit_:
        main(["report", str(tmp_path / "a.haipeval")])
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("使い方: haip-desktop report [-h] [-o PDF] [--csv CSV] [--xlsx XLSX]")
    assert "エラー: 書き出すファイルを -o（PDF）、--csv、--xlsx の少なくとも1つで指定" in err
    with pytest.raises(SystemExit):
        main(["report", "a", "-o", "b", "--layout", "long"])
    assert "'long' は選べません（選べるもの: 'full', 'summary'）" in capsys.readouterr().err
    # argparse's own words are Japanese only for our parser, not for the rest of the process
    assert argparse._("usage: ") == "usage: "  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        ("--as-of", "2026/1/1", "--as-of: 日付は YYYY-MM-DD の形で指定してください（指定された値: 2026/1/1）"),
        ("--fill", "1.5", "--fill: 0 から 1 の間の数で指定してください"),
        ("--seed", "x", "--seed: 整数で指定してください"),
    ],
)  # fmt: skip
def test_a_wrong_value_is_explained_in_japanese(tmp_path, capsys, option, value, message):
    target = tmp_path / "d.haipeval"
    with pytest.raises(SystemExit) as exit_:
        main(["demo-assessment", "-o", str(target), option, value])
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert message in err
    assert "invalid" not in err
    assert not target.exists()


# -- messages: where, what happened, what to do ----------------------------------------------


def test_stats_columns_line_up_on_screen(capsys):
    assert main(["stats"]) == 0
    out = capsys.readouterr().out
    block = out.split("\n件数\n")[1].split("\n\n")[0].splitlines()
    assert len(block) == 8
    # The display column where each count ends (kanji and kana take two columns).
    ends = {_display_width(re.match(r"^.*?\d+", line).group(0)) for line in block}  # type: ignore[union-attr]
    assert len(ends) == 1, block
    for heading in ("対策（立場別）", "出典（全項目）"):
        lines = out.split(f"\n{heading}\n")[1].split("\n\n")[0].splitlines()
        assert len({_display_width(line) for line in lines}) == 1, lines


def _display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def test_check_data_on_a_file_names_the_full_path_and_what_to_give(tmp_path, capsys, monkeypatch):
    (tmp_path / "a.json").write_text("{}", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["check-data", "a.json"]) == 1
    out = capsys.readouterr().out
    assert out.startswith(
        f"{tmp_path / 'a.json'}: ガイドラインデータのフォルダではありません（ファイルです）"
    )
    assert "YAML ファイルの入ったフォルダを指定してください" in out
    assert main(["check-data", "ない"]) == 1
    assert f"{tmp_path / 'ない'}: ガイドラインデータのフォルダではありません（見つかりません）" in (
        capsys.readouterr().out
    )


def test_demo_assessment_onto_a_folder_says_to_give_a_file_name(tmp_path, capsys):
    assert main(["demo-assessment", "-o", str(tmp_path), "--force"]) == 1
    err = capsys.readouterr().err
    assert f"{tmp_path} はフォルダです。書き出す評価ファイルの名前まで指定してください" in err
    assert f"-o {tmp_path / 'デモ.haipeval'}" in err
    assert "名前を付けて保存" not in err  # a GUI menu item


def test_data_check_on_a_file_that_is_not_a_pack_says_so_in_japanese(tmp_path, capsys):
    bogus = tmp_path / "x.haippack"
    bogus.write_text("not a zip", encoding="utf-8")
    assert main(["data", "check", str(bogus)]) == 1
    err = capsys.readouterr().err
    assert f"{bogus} はデータのパックではないか、壊れています" in err
    assert "File is not a zip file" not in err
    assert main(["data", "check", str(tmp_path / "ない.haippack")]) == 1
    err = capsys.readouterr().err
    assert "（ファイルまたはフォルダが見つかりません）。場所と名前を確かめてください。" in err
    assert "No such file" not in err


# -- group: exit codes and what is written ----------------------------------------------------


def _group_folder(tmp_path: Path, guideline, unreadable: int = 0) -> Path:
    from haip_desktop.assessment import save_assessment
    from haip_desktop.assessment.demo import make_demo_assessment

    folder = tmp_path / "group"
    folder.mkdir()
    for i, name in enumerate(["青葉台病院", "緑町クリニック"]):
        assessment = make_demo_assessment(guideline, fill=0.5, seed=i, facility=name)
        save_assessment(assessment, folder / f"{i}.json")
    for i in range(unreadable):
        (folder / f"bad{i}.json").write_text("[]", encoding="utf-8")
    return folder


def test_group_on_an_empty_folder_writes_nothing_and_says_why(tmp_path, capsys):
    empty = tmp_path / "empty"
    empty.mkdir()
    pdf = tmp_path / "g.pdf"
    assert main(["group", str(empty), "-o", str(pdf)]) == 1
    err = capsys.readouterr().err
    assert f"評価ファイルが見つかりません: {empty}" in err
    assert "何も書き出していません" in err
    assert not pdf.exists()


def test_group_on_a_missing_path_names_it_in_japanese(tmp_path, capsys):
    missing = tmp_path / "ない"
    assert main(["group", str(missing)]) == 1
    err = capsys.readouterr().err
    assert f"{missing} が見つかりません。" in err
    assert "No such file" not in err


def test_group_with_unreadable_files_still_writes_and_counts_them(tmp_path, guideline, capsys):
    folder = _group_folder(tmp_path, guideline, unreadable=2)
    pdf, csv_path = tmp_path / "g.pdf", tmp_path / "g.csv"
    assert main(["group", str(folder), "-o", str(pdf), "--csv", str(csv_path)]) == 0
    captured = capsys.readouterr()
    assert "2 ファイル、2 施設を集計しました" in captured.out
    assert "読み込めなかった 2 ファイルは除きました" in captured.out
    assert captured.err.count("読み込めません: ") == 2
    assert f"{folder / 'bad0.json'}" in captured.err
    assert pdf.read_bytes().startswith(b"%PDF-")
    assert csv_path.read_bytes().count(b"\r\n") == 3


def test_group_where_nothing_can_be_read_fails_without_writing(tmp_path, capsys):
    folder = tmp_path / "bad"
    folder.mkdir()
    (folder / "a.json").write_text("[]", encoding="utf-8")
    pdf = tmp_path / "g.pdf"
    assert main(["group", str(folder), "-o", str(pdf)]) == 1
    assert "集計できる評価ファイルがありません（1 ファイルとも読み込めませんでした" in (
        capsys.readouterr().err
    )
    assert not pdf.exists()


def test_group_help_documents_the_exit_codes(capsys):
    with pytest.raises(SystemExit):
        main(["group", "-h"])
    out = capsys.readouterr().out
    assert "終了コード:\n  0  集計した" in out
    assert "  1  集計できなかった" in out


def test_group_into_a_folder_says_to_give_a_file_name(tmp_path, guideline, capsys):
    folder = _group_folder(tmp_path, guideline)
    assert main(["group", str(folder), "-o", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert f"{tmp_path} に書き出せませんでした（ファイルではなくフォルダです）。" in err
    assert "Is a directory" not in err


def test_only_the_program_itself_skips_the_last_garbage_collection():
    import gc

    frozen = gc.get_freeze_count()
    assert main(["check-data"]) == 0  # called with arguments (tests, the self-test)
    assert gc.get_freeze_count() == frozen
    code = (
        "import gc, sys\n"
        "from haip_desktop.cli import main\n"
        "sys.argv = ['haip-desktop', 'check-data']\n"
        "status = main()\n"
        "print(status, gc.get_freeze_count() > 0)\n"
    )
    repo = Path(__file__).resolve().parents[2]
    env = {**os.environ, "PYTHONPATH": str(repo)}
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120
    )
    assert done.stdout.strip().splitlines()[-1] == "0 True", done.stderr[-2000:]


def test_the_self_test_without_gui_says_the_window_was_not_checked(tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    """Its help names 画面 among what it checks: IT must not read 「すべて成功」 as 画面も OK."""
    assert main(["self-test", "--out", str(tmp_path)]) == 0
    printed = capsys.readouterr().out
    assert "項目すべて成功しました" in printed
    assert "画面は確認していません（画面も確かめるには --gui を付けて実行します）。" in printed
