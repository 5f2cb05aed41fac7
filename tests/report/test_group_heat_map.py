"""The group PDF's heat maps, drawn straight on the canvas: every facility's row with its
figures on every table, long names wrapped whole, the header repeated on every page."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

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
from haip_desktop.assessment.store import save_assessment
from haip_desktop.report.group_report import render_group_pdf

AT = dt.datetime(2026, 4, 1, tzinfo=dt.UTC)
LONG_NAME = "医療法人社団 緑風会 さくら台総合病院 附属 地域医療連携センター 分院"


def _group(folder: Path, guideline, count: int) -> Path:  # type: ignore[no-untyped-def]
    folder.mkdir()
    cms = [cm.id for cm in guideline.facility_countermeasures()]
    for i in range(count):
        name = LONG_NAME if i == 0 else f"試験病院{i:03d}"
        # the first answers all it is asked (100%), the others less and less
        done = len(cms) if i == 0 else max(0, len(cms) - 7 * i)
        a = Assessment(
            guideline=GuidelineRef(
                id=guideline.id, edition=guideline.edition, data_version=guideline.data_version
            ),
            facility=Facility(name=name, kind=FacilityKind.HOSPITAL),
            assessment_date=dt.date(2026, 4, 1),
            scope=Scope(all=True),
            answers={cm_id: Answer(status=Status.DONE) for cm_id in cms[:done]},
            created_at=AT,
            updated_at=AT,
        )
        save_assessment(a, folder / f"{i:03d}.haipeval")
    return folder


def _pages(pdf: Path) -> list[str]:
    return [page.extract_text() for page in PdfReader(pdf).pages]


def test_every_facility_has_its_row_and_figures_in_every_heat_map(tmp_path, guideline):
    summary = load_group(_group(tmp_path / "files", guideline, 60), guideline)
    out = tmp_path / "group.pdf"
    render_group_pdf(summary, guideline, out)
    text = "\n".join(_pages(out))
    assert "2. 区分別の実施率" in text and "3. ユースケース別の実施率" in text
    for i in range(1, 60):
        # the overview, the parts, the use cases, the risk categories, and the flows
        assert text.count(f"試験病院{i:03d}") >= 4
    hospital = summary.facilities[0]
    assert hospital.name == LONG_NAME
    assert f"{int(hospital.by_part[next(iter(hospital.by_part))].coverage * 100)}%" in text
    assert "100%" in text  # the first facility's 施設の体制


def test_a_long_name_is_wrapped_and_shown_whole(tmp_path, guideline):
    summary = load_group(_group(tmp_path / "files", guideline, 3), guideline)
    out = tmp_path / "group.pdf"
    render_group_pdf(summary, guideline, out)
    flat = re.sub(r"\s", "", "".join(_pages(out)))
    assert flat.count(re.sub(r"\s", "", LONG_NAME)) >= 4


def test_a_heat_map_longer_than_a_page_repeats_its_header(tmp_path, guideline):
    summary = load_group(_group(tmp_path / "files", guideline, 120), guideline)
    out = tmp_path / "group.pdf"
    render_group_pdf(summary, guideline, out)
    pages = _pages(out)
    parts = [i for i, page in enumerate(pages) if "2. 区分別の実施率" in page]
    assert parts
    following = pages[parts[0] + 1]  # the section's table goes on over the next page
    assert "施設の体制" in following and "現場の手順" in following
    assert "試験病院" in following
