"""Issue 13, property-based: any string a person or a file could put into an assessment goes
into the .xlsx workbook without an exception and reads back as the cell holds it."""

from __future__ import annotations

import datetime as dt
import functools
import io

from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from haip_desktop.assessment.models import Answer, Facility, FacilityKind, Status
from haip_desktop.assessment.questionnaire import cell_text
from haip_desktop.report.xlsx_export import write_xlsx

from ..strategies import any_strings, cell_like_strings
from .conftest import make_assessment, make_guideline

texts = st.one_of(any_strings, cell_like_strings)


@functools.cache
def _guideline():  # type: ignore[no-untyped-def]
    return make_guideline(cms_per_category=1)


@settings(max_examples=25)
@given(st.lists(texts, min_size=4, max_size=4))
def test_any_string_goes_into_the_workbook_and_reads_back_as_the_cell_holds_it(
    strings: list[str],
) -> None:
    guideline = _guideline()
    assessment = make_assessment(guideline, fill=0.3)
    name, note, owner, evidence = strings
    assessment.facility = Facility.model_construct(
        name=name or "x", kind=FacilityKind.CLINIC, beds=None, department=""
    )
    first = guideline.countermeasures[0].id
    assessment.answers[first] = Answer.model_construct(
        status=Status.PARTIAL, note=note, owner=owner, evidence=evidence, na_reason=""
    )
    out = io.BytesIO()
    write_xlsx(assessment, guideline, out, written_on=dt.date(2026, 12, 4))
    workbook = load_workbook(io.BytesIO(out.getvalue()))
    ws = workbook["施設の体制"]
    header = [c.value for c in ws[1]]
    row = next(r for r in ws.iter_rows(min_row=2) if r[0].value == first)
    for heading, text in (("備考", note), ("担当者", owner), ("根拠資料", evidence)):
        cell = row[header.index(heading)]
        assert (cell.value or "") == cell_text(text)
        assert cell.value is None or cell.data_type == "s"
