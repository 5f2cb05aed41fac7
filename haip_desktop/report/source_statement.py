"""What an assessment's figures rest on, in one sentence: the one place that says it.

Most countermeasures of the bundled data are this application's own organisation of the
guideline (provenance kind ``app``) and none has yet been checked against the official text
(``verified``). A reader of a cover that names the guideline would otherwise believe every
item is the guideline's own; so the PDF cover, the summary page and the header block of the
CSV (and of the .xlsx) print this sentence, with the figures of the assessment's items.

Counted over the assessment's items (scope.items_in_scope), the same items as every figure
of the report: a tool-level countermeasure counts once per tool.

    source_statement(assessment, guideline)
    → 「評価対象の項目 140 件のうち、ガイドライン原文と照合済みは 0 件（未照合 140 件）、
       本アプリ独自の整理による項目は 81 件であり、…として読んでください。」
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..assessment.scope import items_in_scope

if TYPE_CHECKING:
    from ..assessment.models import Assessment
    from ..guideline import Guideline


@dataclass(frozen=True)
class SourceFigures:
    items: int  # items in scope
    verified: int  # whose countermeasure was checked against the guideline's text
    own: int  # whose countermeasure is the application's own organisation (kind app)

    @property
    def unverified(self) -> int:
        return self.items - self.verified


def source_figures(assessment: Assessment, guideline: Guideline) -> SourceFigures:
    provenances = [
        guideline.provenance_of(item.countermeasure)
        for item in items_in_scope(assessment, guideline)
    ]
    return SourceFigures(
        items=len(provenances),
        verified=sum(1 for p in provenances if p.verified),
        own=sum(1 for p in provenances if p.is_own_elaboration),
    )


def source_statement(assessment: Assessment, guideline: Guideline) -> str:
    """One Japanese sentence with the figures: how many items in scope are confirmed against
    the guideline's text, how many are the application's own organisation, and how the
    report's figures should therefore be read. Plain text (no markup)."""
    return statement_of(source_figures(assessment, guideline))


def statement_of(f: SourceFigures) -> str:
    if not f.items:
        return "評価対象の項目がないため、出典の内訳はありません。"
    if f.verified == f.items and not f.own:
        return (
            f"評価対象の項目 {f.items} 件はすべてガイドライン原文と照合済みで、"
            "本アプリ独自の整理による項目はありません。"
        )
    return (
        f"評価対象の項目 {f.items} 件のうち、ガイドライン原文と照合済みは {f.verified} 件"
        f"（未照合 {f.unverified} 件）、本アプリ独自の整理による項目は {f.own} 件であり、"
        "この評価の数値はガイドラインへの適合を示すものではなく、"
        "本アプリが整理した対策に照らした自己評価として読んでください。"
    )
