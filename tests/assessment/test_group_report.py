"""The group view as PDF and CSV, and the group command."""

from __future__ import annotations

import csv
import datetime as dt
import io

from pypdf import PdfReader

from haip_desktop.assessment.group import load_group
from haip_desktop.assessment.models import (
    Answer,
    Assessment,
    Facility,
    FacilityKind,
    GuidelineRef,
    Scope,
    Status,
)
from haip_desktop.assessment.scope import default_scope
from haip_desktop.assessment.store import save_assessment
from haip_desktop.cli import main
from haip_desktop.guideline import Level
from haip_desktop.report.group_report import render_group_pdf, write_group_csv

AT = dt.datetime(2026, 4, 1, tzinfo=dt.UTC)


def _folder(tmp_path, guideline):
    cms = [cm.id for cm in guideline.facility_countermeasures()]
    for i, (name, kind) in enumerate(
        [
            ("青葉台病院", FacilityKind.HOSPITAL),
            ("緑町クリニック", FacilityKind.CLINIC),
            ("駅前薬局", FacilityKind.PHARMACY),
        ]
    ):
        a = Assessment(
            guideline=GuidelineRef(
                id=guideline.id, edition=guideline.edition, data_version=guideline.data_version
            ),
            facility=Facility(name=name, kind=kind),
            assessment_date=dt.date(2026, 4, 1 + i),
            scope=Scope(all=True) if i < 2 else default_scope(guideline, kind),
            answers={cm_id: Answer(status=Status.DONE) for cm_id in cms[: 20 * (i + 1)]},
            created_at=AT,
            updated_at=AT,
        )
        save_assessment(a, tmp_path / f"{i}.json")
    (tmp_path / "bad.json").write_text("[]", encoding="utf-8")
    return tmp_path


def test_group_csv_has_bom_crlf_and_one_row_per_facility(tmp_path, stepped_guideline):
    guideline = stepped_guideline
    summary = load_group(_folder(tmp_path, guideline), guideline)
    out = tmp_path / "group.csv"
    assert write_group_csv(summary, guideline, out) == 3
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert raw.count(b"\r\n") == 4 and raw.count(b"\n") == 4
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    header, *body = rows
    assert header[:3] == ["施設名", "種別", "評価日"]
    assert header[8:11] == ["施設の体制 実施率(%)", "AIツール 実施率(%)", "現場の手順 実施率(%)"]
    uc1 = guideline.use_cases[0]
    assert f"UC{uc1.number} {uc1.name} 実施率(%)" in header
    by_name = {row[0]: row for row in body}
    total = len(guideline.facility_countermeasures()) + len(
        guideline.countermeasures_at_level(Level.STEP)
    )
    hospital = by_name["青葉台病院"]
    assert hospital[1] == "病院"
    assert hospital[5] == str(total)  # scope all, no tool: facility and step items
    assert hospital[7] == f"{20 / total * 100:.1f}"
    assert hospital[9] == ""  # no tool in its register: nothing to compare
    ward = header.index("入院 › 看護記録 実施率(%)")
    pharmacy = by_name["駅前薬局"]
    assert hospital[ward] == "0.0" and pharmacy[ward] == ""
    assert pharmacy[header.index("薬局 › 服薬指導 実施率(%)")] == "0.0"


def test_group_pdf_shows_facilities_missing_countermeasures_and_unreadable_files(
    tmp_path, stepped_guideline
):
    guideline = stepped_guideline
    summary = load_group(_folder(tmp_path, guideline), guideline)
    out = tmp_path / "group.pdf"
    render_group_pdf(summary, guideline, out)
    text = "\n".join(p.extract_text() for p in PdfReader(out).pages)
    for expected in (
        "グループ集計",
        "青葉台病院",
        "緑町クリニック",
        "区分別の実施率",
        "ユースケース別の実施率",
        "業務フロー: 薬局",
        "bad.json",
    ):
        assert expected in text
    top = summary.most_missing(1)[0]
    assert top.countermeasure_id in text
    assert top.missing == 3  # not done at every facility


def test_group_command_writes_pdf_and_csv(tmp_path, guideline, capsys):
    folder = (
        _folder(tmp_path / "files", guideline) if (tmp_path / "files").mkdir() is None else None
    )
    pdf, table = tmp_path / "g.pdf", tmp_path / "g.csv"
    assert main(["group", str(folder), "-o", str(pdf), "--csv", str(table)]) == 0
    captured = capsys.readouterr()
    assert "3 施設を集計しました" in captured.out
    assert "bad.json" in captured.err
    assert pdf.is_file() and table.is_file()


def test_group_command_with_nothing_readable_fails(tmp_path, capsys):
    (tmp_path / "x.json").write_text("{}", encoding="utf-8")
    assert main(["group", str(tmp_path)]) == 1
