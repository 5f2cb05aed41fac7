"""`haip-desktop report`: the same PDF and CSV as the GUI, from the command line."""

from __future__ import annotations

import datetime as dt

from pypdf import PdfReader

from haip_desktop.assessment import save_assessment
from haip_desktop.assessment.demo import make_demo_assessment
from haip_desktop.assessment.scope import items_in_scope
from haip_desktop.cli import main


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
    rows = csv_path.read_bytes().split(b"\r\n")
    assert len(rows) - 2 == len(items_in_scope(assessment, guideline))  # header, end


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
