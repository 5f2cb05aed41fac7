"""What the committee's report rests on, said where its claim is made, and its 総評・所見."""

from __future__ import annotations

import datetime as dt

from haip_desktop.assessment.scope import items_in_scope
from haip_desktop.guideline import SourceKind
from haip_desktop.report import Section
from haip_desktop.report.source_statement import SourceFigures, source_statement, statement_of

from .conftest import flat


def _counted(assessment, guideline) -> tuple[int, int, int]:  # type: ignore[no-untyped-def]
    """(items, confirmed against the text, the application's own), counted here from the data."""
    items = items_in_scope(assessment, guideline)
    provenances = [guideline.provenance_of(i.countermeasure) for i in items]
    return (
        len(items),
        sum(1 for p in provenances if p.verified),
        sum(1 for p in provenances if p.kind is SourceKind.APP),
    )


def test_the_cover_names_the_confirmed_and_unconfirmed_counts(
    render, half_assessment, small_guideline
) -> None:
    total, confirmed, own = _counted(half_assessment, small_guideline)
    assert 0 < confirmed < total and 0 < own < total  # every number says something
    _, _, pages = render(half_assessment, small_guideline, sections={Section.COVER})
    cover = flat(pages[0])
    assert (
        f"評価対象の項目{total}件のうち、ガイドライン原文と照合済みは{confirmed}件"
        f"（未照合{total - confirmed}件）、本アプリ独自の整理による項目は{own}件" in cover
    )
    assert "自己評価として読んでください" in cover
    # right under the guideline it names, not only in an appendix
    assert cover.index("基にしたガイドライン") < cover.index("項目の出典") < cover.index("承認欄")


def test_the_summary_says_it_on_its_first_page(render, half_assessment, small_guideline) -> None:
    total, confirmed, own = _counted(half_assessment, small_guideline)
    _, _, pages = render(half_assessment, small_guideline, layout="summary")
    first = flat(pages[0])
    assert f"照合済みは{confirmed}件（未照合{total - confirmed}件）" in first
    assert f"本アプリ独自の整理による項目は{own}件" in first


def test_the_sentence_is_one_sentence_and_says_when_everything_is_confirmed() -> None:
    mixed = statement_of(SourceFigures(items=140, verified=0, own=122))
    assert mixed.count("。") == 1 and mixed.endswith("。")
    assert "照合済みは 0 件（未照合 140 件）" in mixed and "122 件" in mixed
    clean = statement_of(SourceFigures(items=10, verified=10, own=0))
    assert "すべてガイドライン原文と照合済み" in clean and clean.count("。") == 1
    assert statement_of(SourceFigures(0, 0, 0)).count("。") == 1


def test_one_function_for_every_place(half_assessment, small_guideline) -> None:
    total, confirmed, own = _counted(half_assessment, small_guideline)
    assert source_statement(half_assessment, small_guideline) == statement_of(
        SourceFigures(total, confirmed, own)
    )


def test_the_committee_comment_is_on_the_cover_and_the_summary(
    render, half_assessment, small_guideline
) -> None:
    half_assessment.committee_comment = "規程の周知は進んだ。\nベンダーとの契約確認を急ぐこと。"
    _, _, cover = render(half_assessment, small_guideline, sections={Section.COVER})
    _, _, summary = render(half_assessment, small_guideline, layout="summary")
    for page in (cover[0], summary[0]):
        text = flat(page)
        assert "総評・所見" in text
        assert "規程の周知は進んだ。ベンダーとの契約確認を急ぐこと。" in text
    assert len(cover) == 1  # the cover stays one page


def test_without_a_comment_the_box_is_left_to_be_filled_in(
    render, half_assessment, small_guideline
) -> None:
    assert half_assessment.committee_comment == ""
    _, _, pages = render(half_assessment, small_guideline, sections={Section.COVER})
    assert "総評・所見（記入なし。委員会の総評・所見をここに記入してください。）" in flat(pages[0])


def test_a_very_long_comment_keeps_the_cover_one_page(
    render, half_assessment, small_guideline
) -> None:
    half_assessment.committee_comment = "所見の文。" * 400
    result, _, pages = render(
        half_assessment, small_guideline, sections={Section.COVER}, print_date=dt.date(2026, 12, 1)
    )
    assert result.page_count == len(pages) == 1
    assert "承認欄" in flat(pages[0])


def test_the_cover_names_the_registers_tools_as_the_products_evaluated(
    render, half_assessment, small_guideline
) -> None:
    """A secretary who filled in only the AIツール台帳 must not read （記入なし）."""
    from haip_desktop.assessment.models import AITool, Approval

    half_assessment.products = []
    half_assessment.tools = [
        AITool(id="T-1", name="文書作成支援AI"),
        AITool(id="T-2", name="禁止した翻訳AI", approval=Approval.PROHIBITED),
    ]
    _, _, pages = render(half_assessment, small_guideline, sections={Section.COVER})
    cover = flat(pages[0])
    assert "評価対象の生成AI製品文書作成支援AI" in cover
    assert "禁止した翻訳AI" not in cover.split("評価対象の生成AI製品")[1].split("基にした")[0]
    half_assessment.products = ["院内チャットボット", "文書作成支援AI"]
    _, _, pages = render(half_assessment, small_guideline, sections={Section.COVER})
    assert "評価対象の生成AI製品院内チャットボット、文書作成支援AI基にした" in flat(pages[0])
