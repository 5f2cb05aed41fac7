"""Which guideline data an assessment's figures are counted against: the one place that says
it, for the PDF cover, the CSV and .xlsx header block, and the warning of every output.

An assessment answered against older data and reported with newer data is counted against
the newer items; the reader must be told both versions, whatever the output.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..assessment.models import Assessment
    from ..guideline import Guideline

LABEL = "ガイドラインデータの版"


def data_version_text(assessment: Assessment, guideline: Guideline) -> str:
    """「2025.07-app.2（評価時: 2025.07-app.1）」: counted against, and answered against."""
    return f"{guideline.data_version}（評価時: {assessment.guideline.data_version}）"


def data_version_warning(assessment: Assessment, guideline: Guideline) -> str | None:
    """What a reader must know when the two versions differ; None when they are the same."""
    if assessment.guideline.data_version == guideline.data_version:
        return None
    return (
        f"この評価はガイドラインデータ版 {assessment.guideline.data_version} で作成されましたが、"
        f"報告書は現在のデータ版 {guideline.data_version} で集計しています"
        "（報告書に両方を記載）。変わった対策は評価画面で確かめてください。"
    )
