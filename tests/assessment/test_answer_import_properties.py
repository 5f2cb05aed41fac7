"""Issue 13, property-based: through a questionnaire and back, an answer nobody changed
changes nothing, whatever text it held; and whatever text the respondent types is what the
assessment gets (as a cell holds it)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from haip_desktop.assessment.answer_import import apply_answers, read_answers
from haip_desktop.assessment.models import Answer, Scope, Status
from haip_desktop.assessment.questionnaire import cell_text, department_questionnaire
from haip_desktop.report.xlsx_layout import workbook_bytes
from haip_desktop.report.xlsx_questionnaire import questionnaire_workbook

from ..strategies import any_strings, cell_like_strings
from ..xlsx_filling import fill
from .conftest import _make_assessment

texts = st.one_of(any_strings, cell_like_strings)


@settings(max_examples=25)
@given(written=texts, typed=texts)
def test_an_answer_nobody_changed_changes_nothing_and_typed_text_arrives_as_typed(
    written: str, typed: str, small_guideline
) -> None:
    assessment = _make_assessment(
        scope=Scope(steps=["ST-1"]),
        answers={"C-5": Answer.model_construct(status=Status.PARTIAL, note=written)},
    )
    data = workbook_bytes(
        questionnaire_workbook(department_questionnaire(assessment, small_guideline, ["ST-1"]))
    )
    untouched = read_answers("q.xlsx", assessment, small_guideline, data=fill(data))
    assert untouched.changes == [] and untouched.can_apply

    def type_note(ws, rows, columns) -> None:  # type: ignore[no-untyped-def]
        cell = ws.cell(rows["C-5"], columns["備考"])
        cell.value = cell_text(typed) or None
        cell.data_type = "s"  # a text-formatted cell keeps whatever is typed, "=" too

    preview = read_answers("q.xlsx", assessment, small_guideline, data=fill(data, edit=type_note))
    assert preview.can_apply, [p.describe() for p in preview.problems]
    updated, _ = apply_answers(preview, assessment, importer="")
    assert cell_text(updated.answers["C-5"].note) == cell_text(typed)
