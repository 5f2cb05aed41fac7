"""`haip-desktop report`: the same PDF and CSV as the GUI, from the command line."""

from __future__ import annotations

import csv
import datetime as dt
import io

from pypdf import PdfReader

from haip_desktop.assessment import save_assessment
from haip_desktop.assessment.demo import make_demo_assessment
from haip_desktop.assessment.scope import items_in_scope
from haip_desktop.cli import main
from haip_desktop.report.csv_export import HEADER


def test_report_writes_pdf_and_csv(tmp_path, guideline, capsys) -> None:
    assessment = make_demo_assessment(guideline, fill=0.5, seed=3, as_of=dt.date(2026, 11, 20))
    source = tmp_path / "評価.json"
    save_assessment(assessment, source)
    pdf, csv_path = tmp_path / "summary.pdf", tmp_path / "summary.csv"
    code = main(
        [
            "report",
            str(source),
            "-o",
            str(pdf),
            "--csv",
            str(csv_path),
            "--layout",
            "summary",
            "--wareki",
            "--date",
            "2026-11-25",
        ]
    )
    assert code == 0
    out = capsys.readouterr().out
    reader = PdfReader(pdf)
    assert len(reader.pages) == 2
    assert f"書き出しました: {pdf}（2 ページ）" in out
    first = reader.pages[0].extract_text()
    assert "令和8年11月25日" in first
    assert "".join(assessment.facility.name.split()) in "".join(first.split())
    rows = list(csv.reader(io.StringIO(csv_path.read_bytes().decode("utf-8-sig"), newline="")))
    table = rows[rows.index(HEADER) + 1 :]
    assert len(table) == len(items_in_scope(assessment, guideline))
    assert ["出力日", "2026-11-25"] in rows[: rows.index(HEADER)]  # the print date


def test_report_full_by_use_case_without_notes(tmp_path, guideline) -> None:
    assessment = make_demo_assessment(guideline, fill=1.0, seed=4)
    source = tmp_path / "a.json"
    save_assessment(assessment, source)
    pdf = tmp_path / "full.pdf"
    assert (
        main(["report", str(source), "-o", str(pdf), "--group-by", "use_case", "--no-notes"]) == 0
    )
    text = "".join(p.extract_text() for p in PdfReader(pdf).pages)
    assert "対策ごとの評価結果（ユースケース別）" in text
    assert "この報告書では備考欄を省略しています。" in "".join(text.split())


def test_report_on_a_missing_file_says_so(tmp_path, capsys) -> None:
    code = main(["report", str(tmp_path / "none.json"), "-o", str(tmp_path / "x.pdf")])
    assert code == 1
    assert "見つかりません" in capsys.readouterr().err
    assert not (tmp_path / "x.pdf").exists()


def test_report_into_a_missing_folder_says_where(tmp_path, guideline, capsys) -> None:
    source = tmp_path / "a.json"
    save_assessment(make_demo_assessment(guideline, fill=0.2, seed=5), source)
    target = tmp_path / "ない" / "r.pdf"
    assert main(["report", str(source), "-o", str(target), "--layout", "summary"]) == 1
    err = capsys.readouterr().err
    assert f"{target} に書き出せませんでした（ファイルまたはフォルダが見つかりません）。" in err
    assert "No such file" not in err
    assert not target.parent.exists()
    assert not any(p.name.startswith("r.pdf") for p in tmp_path.rglob("*"))


def test_report_onto_a_folder_says_so_in_japanese(tmp_path, guideline, capsys) -> None:
    source = tmp_path / "a.haipeval"
    save_assessment(make_demo_assessment(guideline, fill=0.2, seed=5), source)
    folder = tmp_path / "out"
    folder.mkdir()
    assert main(["report", str(source), "-o", str(folder), "--layout", "summary"]) == 1
    err = capsys.readouterr().err
    assert f"{folder} に書き出せませんでした（ファイルではなくフォルダです）。" in err
    assert f"（例: {folder / '報告書.pdf'}）" in err
    assert "Is a directory" not in err
    assert list(folder.iterdir()) == []


def _with_patient_like_note(tmp_path, guideline):  # type: ignore[no-untyped-def]
    assessment = make_demo_assessment(guideline, fill=0.5, seed=3)
    cm_id = next(iter(assessment.answers))
    assessment.answers[cm_id] = assessment.answers[cm_id].model_copy(
        update={"note": "山田太郎様 患者ID 1234567 の件で確認"}
    )
    assessment.committee_comment = "080-1234-5678 に連絡すること"
    source = tmp_path / "評価.haipeval"
    save_assessment(assessment, source)
    return source, cm_id


def test_report_refuses_patient_like_text_and_says_where(tmp_path, guideline, capsys) -> None:
    source, cm_id = _with_patient_like_note(tmp_path, guideline)
    pdf, csv_path = tmp_path / "r.pdf", tmp_path / "r.csv"
    code = main(["report", str(source), "-o", str(pdf), "--csv", str(csv_path)])
    assert code == 1
    assert not pdf.exists() and not csv_path.exists()
    err = capsys.readouterr().err
    assert "患者の情報のように見える記載が 2 か所あります" in err
    title = guideline.countermeasure(cm_id).title
    assert f"{cm_id} {title} › メモ: 氏名と番号「山田太郎様 患者ID 1234567" in err
    assert "評価全体 › 総評・所見: 電話番号「080-1234-5678" in err
    assert "--allow-patient-like-text" in err


def test_report_with_patient_like_text_allowed_is_made(tmp_path, guideline, capsys) -> None:
    source, _ = _with_patient_like_note(tmp_path, guideline)
    pdf = tmp_path / "r.pdf"
    code = main(["report", str(source), "-o", str(pdf), "--allow-patient-like-text"])
    assert code == 0 and pdf.exists()
    captured = capsys.readouterr()
    assert "患者の情報のように見える記載が 2 か所あります" in captured.err
    assert "このまま報告書を作ります" in captured.err
    assert f"書き出しました: {pdf}" in captured.out


def test_report_prints_the_chosen_handling_mark(tmp_path, guideline) -> None:
    source = tmp_path / "a.haipeval"
    save_assessment(make_demo_assessment(guideline, fill=0.5, seed=2), source)
    pdf = tmp_path / "r.pdf"
    assert main(["report", str(source), "-o", str(pdf), "--marking", "confidential"]) == 0
    assert all("取扱注意" in page.extract_text() for page in PdfReader(pdf).pages)


def test_group_pdf_is_named_after_the_folder_or_as_told(tmp_path, guideline) -> None:
    folder = tmp_path / "北部地域連携グループ"
    folder.mkdir()
    save_assessment(make_demo_assessment(guideline, fill=0.5, seed=2), folder / "a.haipeval")
    named, told = tmp_path / "a.pdf", tmp_path / "b.pdf"
    assert main(["group", str(folder), "-o", str(named)]) == 0
    assert main(["group", str(folder), "-o", str(told), "--name", "令和8年度 集計"]) == 0
    assert PdfReader(named).metadata.title.startswith("グループ集計｜北部地域連携グループ（")
    assert PdfReader(told).metadata.title.startswith("グループ集計｜令和8年度 集計（")
    assert "令和8年度 集計" in PdfReader(told).pages[0].extract_text()
