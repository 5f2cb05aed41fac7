"""Issue 14, property-based: any string a person or a file could put into an assessment goes
into the PDF and the CSV without an exception; the CSV cell reads back as written.

Strings include lone surrogates (put in past validation, as a list changed in place would),
control characters, formula starts and characters the font lacks.
"""

from __future__ import annotations

import csv
import functools
import io

from hypothesis import given, settings
from hypothesis import strategies as st

from haip_desktop.assessment.models import Answer, Facility, FacilityKind, Status
from haip_desktop.report import ReportOptions, render_pdf, write_csv
from haip_desktop.report.csv_export import HEADER, cell_text

from ..strategies import any_strings
from .conftest import make_assessment, make_guideline


@functools.cache
def _guideline():  # type: ignore[no-untyped-def]
    return make_guideline(cms_per_category=1)


def _with_texts(texts: list[str]):  # type: ignore[no-untyped-def]
    """A small assessment whose typed-in texts are the given strings, validation bypassed."""
    guideline = _guideline()
    assessment = make_assessment(guideline, fill=0.5)
    name, note, owner, evidence = texts
    assessment.facility = Facility.model_construct(
        name=name or "x", kind=FacilityKind.CLINIC, beds=None, department=owner
    )
    assessment.assessors.append(owner)
    assessment.products.append(evidence)
    first = guideline.countermeasures[0].id
    assessment.answers[first] = Answer.model_construct(
        status=Status.NOT_APPLICABLE, note=note, owner=owner, evidence=evidence, na_reason=note
    )
    return guideline, assessment, first


@settings(max_examples=12)
@given(st.lists(any_strings, min_size=4, max_size=4))
def test_any_string_goes_into_the_pdf(texts: list[str]) -> None:
    guideline, assessment, _ = _with_texts(texts)
    out = io.BytesIO()
    result = render_pdf(assessment, guideline, out, ReportOptions(layout="summary"))
    assert out.getvalue().startswith(b"%PDF-") and result.page_count >= 1
    for warning in result.warnings:
        warning.encode("utf-8")  # what the window and the console show can be written


@given(st.lists(any_strings, min_size=4, max_size=4))
def test_any_string_goes_into_the_csv_and_reads_back_as_written(texts: list[str]) -> None:
    guideline, assessment, first = _with_texts(texts)
    out = io.BytesIO()
    write_csv(assessment, guideline, out)
    rows = list(csv.reader(io.StringIO(out.getvalue().decode("utf-8-sig"), newline="")))
    rows = rows[rows.index(HEADER) :]  # the table, under the header block
    row = next(r for r in rows if r[HEADER.index("対策ID")] == first)
    assert row[HEADER.index("備考")] == cell_text(texts[1])
    assert row[HEADER.index("担当者")] == cell_text(texts[2])
    assert not cell_text(texts[1]).startswith(("=", "+", "-", "@", "＝", "＋", "－", "＠"))
