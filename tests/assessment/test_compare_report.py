"""年度比較 printed."""

from __future__ import annotations

import datetime as dt

from pypdf import PdfReader

from haip_desktop.assessment.compare import compare_assessments
from haip_desktop.assessment.models import (
    AITool,
    Answer,
    Assessment,
    Facility,
    FacilityKind,
    GuidelineRef,
    Scope,
    Status,
)
from haip_desktop.report.comparison_pdf import render_comparison_pdf

AT = dt.datetime(2026, 4, 1, tzinfo=dt.UTC)


def test_comparison_pdf_lists_improved_and_regressed(guideline, tmp_path):
    cms = [cm.id for cm in guideline.facility_countermeasures()]
    tool = AITool(id="T-1", name="文書作成支援AI", steps=["ST-IN-08"])
    tool_cm = guideline.tool_countermeasures_for_step("ST-IN-08")[0].id

    def make(day, statuses, tool_status):
        return Assessment(
            guideline=GuidelineRef(
                id=guideline.id, edition=guideline.edition, data_version=guideline.data_version
            ),
            facility=Facility(name="青葉台病院", kind=FacilityKind.HOSPITAL),
            assessment_date=day,
            scope=Scope(all=True),
            tools=[tool],
            answers={k: Answer(status=v) for k, v in statuses.items()},
            tool_answers={"T-1": {tool_cm: Answer(status=tool_status)}},
            created_at=AT,
            updated_at=AT,
        )

    older = make(
        dt.date(2025, 4, 1), {cms[0]: Status.NOT_DONE, cms[1]: Status.DONE}, Status.PARTIAL
    )
    newer = make(dt.date(2026, 4, 1), {cms[0]: Status.DONE, cms[1]: Status.PARTIAL}, Status.DONE)
    out = tmp_path / "compare.pdf"
    render_comparison_pdf(compare_assessments(older, newer, guideline), guideline, out)
    text = "\n".join(p.extract_text() for p in PdfReader(out).pages)
    assert "年度比較" in text and "青葉台病院" in text
    assert "改善 2 件" in text and "後退 1 件" in text
    assert "施設の体制" in text and "現場の手順" in text  # the parts table
    improved_at = text.index("改善（2 件）")
    regressed_at = text.index("後退（1 件）")
    assert cms[0] in text[improved_at:regressed_at]
    assert "AIツール: 文書作成支援AI" in text[improved_at:regressed_at]
    assert cms[1] in text[regressed_at:]
