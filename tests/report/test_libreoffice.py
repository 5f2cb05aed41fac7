"""A real spreadsheet application on the workbooks (issue 13): LibreOffice headless opens a
questionnaire and saves it as .xlsx again, and the answers still import; it prints the
exported workbook to PDF, A4 landscape, each table's heading on every page, the facility and
date in the page header.

CI installs LibreOffice (Debian's libreoffice-calc-nogui, by .ci/run); without `soffice` on
the PATH these tests are skipped and say so. Set HAIP_SCREENSHOTS to a folder to keep the
pages as PNG pictures (pdftoppm) for looking at them.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from haip_desktop.assessment.answer_import import apply_answers, read_answers
from haip_desktop.assessment.demo import make_demo_assessment
from haip_desktop.assessment.questionnaire import department_questionnaire, department_steps
from haip_desktop.report.xlsx_export import write_xlsx
from haip_desktop.report.xlsx_questionnaire import write_questionnaire

from ..xlsx_filling import fill, layout

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")

pytestmark = [
    pytest.mark.skipif(
        SOFFICE is None,
        reason="LibreOffice (soffice) is not installed: the round trip through a real "
        "spreadsheet application is not checked here (CI installs libreoffice-calc-nogui)",
    ),
    pytest.mark.slow,  # LibreOffice starts in a few seconds for each conversion
]

WRITTEN = dt.date(2026, 12, 4)


@pytest.fixture(scope="module")
def profile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A LibreOffice user profile of the tests' own (never the person's)."""
    return tmp_path_factory.mktemp("libreoffice-profile")


def convert(source: Path, to: str, profile: Path, out: Path) -> Path:
    """``soffice --headless --convert-to <to>``; the converted file."""
    out.mkdir(parents=True, exist_ok=True)
    assert SOFFICE is not None
    done = subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            to,
            "--outdir",
            str(out),
            str(source),
        ],
        capture_output=True,
        text=True,
        timeout=180,
        env={**os.environ, "HOME": str(profile)},
    )
    converted = out / f"{source.stem}.{to.split(':')[0]}"
    assert done.returncode == 0 and converted.is_file(), done.stdout + done.stderr
    return converted


@pytest.fixture(scope="module")
def demo(guideline):  # type: ignore[no-untyped-def]
    return make_demo_assessment(guideline, fill=0.6, seed=1)


def test_a_questionnaire_saved_again_by_libreoffice_still_imports(
    demo, guideline, profile: Path, tmp_path: Path
) -> None:
    steps = [c.step_id for c in department_steps(demo, guideline)][:2]
    blank = tmp_path / "病棟の質問票.xlsx"
    write_questionnaire(department_questionnaire(demo, guideline, steps), blank)
    rows = layout(load_workbook(blank)["回答"])[2]
    first, second, third = sorted(rows, key=rows.__getitem__)[:3]
    filled = tmp_path / "記入済み.xlsx"
    filled.write_bytes(
        fill(
            blank,
            {
                first: {
                    "状況": "実施済",
                    "確認日": dt.date(2026, 12, 9),
                    "備考": "00123\n=周知済み",
                },
                second: {"状況": "該当なし", "該当なしの理由": "この部署では使わない"},
                third: {"目標日": "2027/3/31"},
            },
        )
    )
    expected = read_answers(filled, demo, guideline)
    assert expected.can_apply and len(expected.changes) == 3

    resaved = convert(filled, "xlsx", profile, tmp_path / "libreoffice")
    workbook = load_workbook(resaved)
    assert workbook["識別情報"].sheet_state == "hidden"  # LibreOffice kept it hidden
    assert workbook["回答"].protection.sheet

    preview = read_answers(resaved, demo, guideline)
    assert preview.problems == []
    assert preview.respondent == expected.respondent and preview.answered_on == dt.date(
        2026, 12, 10
    )
    assert [(c.key, c.answer) for c in preview.changes] == [
        (c.key, c.answer) for c in expected.changes
    ]
    updated, made = apply_answers(preview, demo, importer="")
    assert len(made) == 3 and updated.answers[first].note == "00123\n=周知済み"

    # a questionnaire nobody touched comes back from LibreOffice changing nothing
    untouched = convert(blank, "xlsx", profile, tmp_path / "untouched")
    fresh = tmp_path / "回答者だけ.xlsx"
    fresh.write_bytes(fill(untouched))
    again = read_answers(fresh, demo, guideline)
    assert again.problems == [] and again.changes == [] and again.unchanged == len(rows)


def test_libreoffice_prints_the_export_on_a4_landscape_with_headings_on_every_page(
    demo, guideline, profile: Path, tmp_path: Path
) -> None:
    workbook = tmp_path / "評価.xlsx"
    write_xlsx(demo, guideline, workbook, written_on=WRITTEN)
    pdf = convert(workbook, "pdf", profile, tmp_path / "pdf")
    reader = PdfReader(pdf)
    assert len(reader.pages) > 5
    for number, page in enumerate(reader.pages, start=1):
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        assert (round(width), round(height)) == (842, 595), number  # A4 landscape
        text = page.extract_text()
        # the page header: the facility, the assessment date
        assert demo.facility.name in text, number
        assert f"評価日 {demo.assessment_date.isoformat()}" in text, number
        assert f"{number} / {len(reader.pages)} ページ" in text, number
    part_pages = [
        page.extract_text()
        for page in reader.pages
        if "施設の体制　評価日" in page.extract_text()
        or "現場の手順　評価日" in page.extract_text()
    ]
    assert len(part_pages) >= 3
    for text in part_pages:  # the heading row on every page, its last column on the page too
        assert "状況" in text and "根拠資料" in text and "出典" in text
    pictures = Path(os.environ.get("HAIP_SCREENSHOTS") or tmp_path / "pages")
    pictures.mkdir(parents=True, exist_ok=True)
    pdftoppm = shutil.which("pdftoppm")
    if pdftoppm:
        for options, prefix in (([], "export"), (["-gray"], "export-gray")):
            subprocess.run(
                [pdftoppm, "-r", "60", "-png", *options, str(pdf), str(pictures / prefix)],
                check=True,
                timeout=120,
            )
        assert len(list(pictures.glob("export-gray*.png"))) == len(reader.pages)
