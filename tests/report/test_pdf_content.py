"""What a reader of the printed summary must find in it, checked in the PDF's text."""

from __future__ import annotations

import dataclasses
import io
import re

from haip_desktop.assessment import scoring
from haip_desktop.assessment.models import Answer, Status
from haip_desktop.report import ReportOptions, Section, render_pdf
from haip_desktop.report.render_context import percent

ID = re.compile(r"C-[A-Z]+-\d\d")


def flat(text: str) -> str:
    return "".join(text.split())


def test_full_report_shows_facility_sections_and_the_scoring_figures(
    half_report, small_guideline
) -> None:
    half_assessment, result, pages = half_report
    text = flat("".join(pages))
    assert result.page_count == len(pages) > 5
    assert flat(half_assessment.facility.name) in flat(pages[0])
    for heading in (
        "生成AI利用に関する自己評価報告書",
        "承認欄",
        "作成者",
        "確認者",
        "承認者",
        "1.概要",
        "ユースケース×リスク区分の実施率",
        "区分別",
        "AIツール別",
        "2.改善計画",
        "3.対策ごとの評価結果（業務ステップ別）",
        "3.1施設の体制",
        "3.2AIツール",
        "3.3現場の手順",
        "付録A.該当なしとした対策（適用宣言）",
        "付録B.生成AIツール台帳",
        "付録C.数値の計算方法",
        "付録D.出典",
    ):
        assert heading in text, heading
    t = scoring.overall(half_assessment, small_guideline)
    assert t.unanswered > 0
    assert f"回答率（{t.answered}/{t.total}）" in text
    assert percent(t.coverage) in text
    assert f"未回答{t.unanswered}件" in text
    for key, tally in scoring.coverage_by_use_case(half_assessment, small_guideline).items():
        name = flat(small_guideline.use_case(key).name)
        assert name in text
        assert f"{tally.total}{percent(tally.progress)}{percent(tally.coverage)}" in text
    for part, tally in scoring.coverage_by_part(half_assessment, small_guideline).items():
        assert tally.total
        row = f"{part.part_label}{tally.total}{percent(tally.progress)}{percent(tally.coverage)}"
        assert row in text, row
    for tool in half_assessment.tools:
        assert flat(tool.name) in text


def test_the_results_have_a_block_per_tool_and_steps_with_their_roles(
    half_report, small_guideline
) -> None:
    assessment, _, pages = half_report
    text = flat("".join(pages))
    results = text[text.index("3.2AIツール") :]
    tools = results[: results.index("3.3現場の手順")]
    for tool in assessment.tools:
        t = scoring.coverage_by_tool(assessment, small_guideline)[tool.id]
        assert flat(f"{tool.name}（{tool.vendor}）") + f"{t.total}件" in tools
    steps = results[results.index("3.3現場の手順") :]
    assert "外来診療｜問診" in steps
    roles = small_guideline.countermeasures_for_step("ST-OUT-02")
    assert "この場面で行う職種" in steps
    assert all(r.label in steps for cm in roles for r in cm.roles)


def test_heat_map_cells_are_the_risk_matrix_coverage(half_report, small_guideline) -> None:
    from haip_desktop.assessment.scope import items_in_scope
    from haip_desktop.report.heat import coverage_text

    assessment, _, pages = half_report
    text = flat("".join(pages))
    heat = text[text.index("ユースケース×リスク区分の実施率") : text.index("業務ステップ別")]
    items = items_in_scope(assessment, small_guideline)
    first, second = small_guideline.use_cases[:2]
    expected = ""
    for rc in small_guideline.risk_categories:
        ids = {cm.id for cm in small_guideline.countermeasures_for_cell(rc.id, first.id)}
        cell = [i for i in items if i.countermeasure_id in ids]
        expected += coverage_text(scoring.tally(assessment, cell)) if cell else ""
    # each row: the use case's name, its id small beside it, then the cells
    start = heat.index(first.id, heat.index(flat(first.name))) + len(first.id)
    row = heat[start : heat.index(flat(second.name), start)]
    assert row == expected


def test_a_data_version_change_is_warned_about(render, assessment_factory, small_guideline):
    assessment = assessment_factory(small_guideline, fill=0.3)
    assessment.guideline.data_version = "2024.10-app.1"
    result, _, pages = render(assessment, small_guideline, layout="summary")
    assert any("2024.10-app.1" in w for w in result.warnings)
    assert "2024.10-app.1" in flat("".join(pages))


def test_every_page_is_numbered_n_of_total(half_report) -> None:
    _, result, pages = half_report
    total = len(pages)
    assert result.page_count == total
    for number, page in enumerate(pages, start=1):
        assert f"{number} / {total}" in page


def _detail_entry(pages: list[str], cm_id: str) -> str:
    """The detail table's text for one countermeasure: from its id to the next id."""
    text = flat("".join(pages))
    detail = text[text.index("3.対策ごとの評価結果") :]
    start = detail.index(cm_id)
    following = ID.search(detail, start + len(cm_id))
    return detail[start : following.start() if following else None]


def test_unanswered_items_are_listed_as_unanswered(half_report, small_guideline):
    half_assessment, _, pages = half_report
    unanswered = [
        cm
        for cm in small_guideline.facility_countermeasures()
        if half_assessment.answer(cm.id).status is Status.UNANSWERED
    ]
    for cm in unanswered[:5]:
        entry = _detail_entry(pages, cm.id)
        assert "未回答" in entry
        assert "実施済" not in entry


def test_not_applicable_reasons_are_in_the_appendix(render, full_assessment, small_guideline):
    na = {
        cm_id: a
        for cm_id, a in full_assessment.answers.items()
        if a.status is Status.NOT_APPLICABLE
    }
    assert na
    cm_id = next(iter(na))
    full_assessment.answers[cm_id] = Answer(
        status=Status.NOT_APPLICABLE, na_reason="院外への患者データ送信がない運用のため"
    )
    sections = {Section.NOT_APPLICABLE, Section.TOOLS}
    _, _, pages = render(full_assessment, small_guideline, sections=sections)
    text = flat("".join(pages))
    appendix = text[text.index("付録A.該当なし") : text.index("付録B.")]
    for other in na:
        assert other in appendix
    assert "院外への患者データ送信がない運用のため" in appendix


def test_a_tools_not_applicable_answer_names_the_tool(
    render, full_assessment, small_guideline
) -> None:
    tool = full_assessment.tools[1]
    cm_id = next(iter(full_assessment.tool_answers[tool.id]))
    full_assessment.tool_answers[tool.id][cm_id] = Answer(
        status=Status.NOT_APPLICABLE, na_reason="このツールは録音を扱わないため"
    )
    _, _, pages = render(full_assessment, small_guideline, sections={Section.NOT_APPLICABLE})
    text = flat("".join(pages))
    row = text[text.index(cm_id) : text.index("このツールは録音を扱わないため")]
    assert flat(f"AIツール: {tool.name}") in row


def test_missing_na_reason_is_pointed_out(render, full_assessment, small_guideline) -> None:
    cm_id = small_guideline.countermeasures[0].id
    full_assessment.answers[cm_id] = Answer(status=Status.NOT_APPLICABLE)
    sections = {Section.NOT_APPLICABLE, Section.TOOLS}
    _, _, pages = render(full_assessment, small_guideline, sections=sections)
    text = flat("".join(pages))
    assert "（理由の記入なし）" in text[text.index("付録A.") : text.index("付録B.")]


def test_gap_list_is_by_part_and_most_urgent_first(
    render, full_assessment, small_guideline
) -> None:
    from haip_desktop.assessment.parts import Part

    _, _, pages = render(full_assessment, small_guideline, sections={Section.GAPS})
    text = flat("".join(pages))
    gaps = scoring.gap_list(full_assessment, small_guideline)
    assert gaps
    assert f"未実施{sum(g.answer.status is Status.NOT_DONE for g in gaps)}件" in text
    facility = [g.countermeasure.id for g in gaps if g.item.part is Part.FACILITY]
    steps = [g.countermeasure.id for g in gaps if g.item.part is Part.STEP]
    # Each facility gap and step gap is listed once, in gap_list order (earliest 目標日 first)
    for cm_id in facility + steps:
        assert text.count(cm_id) == 1
    assert len(facility) > 1 and sorted(facility, key=text.index) == facility
    # A tool-level gap is listed under each tool where it is a gap, after the facility's own.
    tools_at = text.index("AIツール｜")
    assert all(text.index(cm_id) < tools_at for cm_id in facility)
    for tool in full_assessment.tools:
        tool_gaps = [g for g in gaps if g.item.tool_id == tool.id]
        assert (
            tool_gaps
            and flat(f"AIツール｜{tool.name}") + f"（{tool.vendor}）（{len(tool_gaps)}件）" in text
        )
    assert text.index("現場の手順（") > tools_at
    assert "職種:" in text[text.index("現場の手順（") :]


def test_sections_can_be_left_out(render, half_assessment, small_guideline) -> None:
    _, _, pages = render(half_assessment, small_guideline, sections={Section.OVERVIEW})
    text = flat("".join(pages))
    assert "1.概要" in text
    assert "承認欄" not in text
    assert "改善計画" not in text
    assert "付録" not in text


def test_grouping_by_use_case(render, half_assessment, small_guideline) -> None:
    _, _, pages = render(
        half_assessment, small_guideline, group_by="use_case", sections={Section.DETAIL}
    )
    text = flat("".join(pages))
    assert "1.対策ごとの評価結果（ユースケース別）" in text
    detail = text[text.index("1.対策ごとの評価結果") :]
    assert flat(small_guideline.use_case("UC-01").name) + "UC-01" in detail  # the name first


def test_every_countermeasure_in_scope_is_in_the_detail(render, half_assessment, small_guideline):
    _, _, pages = render(
        half_assessment, small_guideline, group_by="use_case", sections={Section.DETAIL}
    )
    from haip_desktop.assessment.scope import items_in_scope

    detail = flat("".join(pages))
    items = items_in_scope(half_assessment, small_guideline)
    for item in items:
        assert item.countermeasure_id in detail
    tools = detail[detail.index("1.2AIツール") : detail.index("1.3現場の手順")]
    for cm_id in {i.countermeasure_id for i in items if i.tool}:  # once for each of its tools
        assert tools.count(cm_id) == sum(1 for i in items if i.countermeasure_id == cm_id)


def test_notes_can_be_left_out_evidence_stays(render, small_guideline, assessment_factory):
    assessment = assessment_factory(small_guideline, fill=1.0)
    cm_id = small_guideline.countermeasures[1].id
    assessment.answers[cm_id] = Answer(
        status=Status.DONE, note="備考だけに書いた文", evidence="根拠だけに書いた文"
    )
    detail = {Section.DETAIL}
    _, _, with_notes = render(assessment, small_guideline, sections=detail)
    _, _, without = render(assessment, small_guideline, include_notes=False, sections=detail)
    assert "備考だけに書いた文" in flat("".join(with_notes))
    assert "備考だけに書いた文" not in flat("".join(without))
    assert "根拠だけに書いた文" in flat("".join(without))


def test_japanese_era_dates(render, half_assessment, small_guideline) -> None:
    _, _, pages = render(half_assessment, small_guideline, era="japanese", sections={Section.COVER})
    assert "令和8年11月20日" in pages[0]  # 評価日
    assert "令和8年11月25日" in pages[0]  # 印刷日
    assert "2026年" not in pages[0]


def test_sources_name_the_guideline_and_own_elaboration(half_report, small_guideline):
    _, _, pages = half_report
    text = flat("".join(pages))
    sources = text[text.index("付録D.出典") :]
    assert flat(small_guideline.title) in sources
    assert flat(small_guideline.info.publisher) in sources
    assert "第2版" in sources
    assert "本アプリ独自の整理" in sources
    assert "原文と未照合" in sources


def test_formulas_are_printed_with_the_worked_figures(half_report, small_guideline):
    half_assessment, _, pages = half_report
    text = flat("".join(pages))
    for formula in (scoring.FORMULAS["progress"], scoring.FORMULAS["coverage"]):
        assert flat(formula) in text
    assert flat(scoring.FORMULAS["items"]) in text
    assert "区分別・AIツール別・ユースケース別・リスク区分別・業務ステップ別の値は" in text
    t = scoring.overall(half_assessment, small_guideline)
    assert f"{t.answered}÷{t.total}＝{percent(t.progress)}" in text


def test_executive_summary_is_two_pages(render, half_assessment, small_guideline) -> None:
    result, _, pages = render(half_assessment, small_guideline, layout="summary")
    assert result.page_count == len(pages) == 2
    assert "1 / 2" in pages[0] and "2 / 2" in pages[1]
    text = flat("".join(pages))
    assert flat(half_assessment.facility.name) in text
    assert "承認欄" in text
    t = scoring.overall(half_assessment, small_guideline)
    assert f"回答率（{t.answered}/{t.total}）" in text
    assert "優先して取り組む対策" in text


def test_executive_summary_explains_only_the_figures_it_shows(
    render, half_assessment, small_guideline
) -> None:
    _, _, pages = render(half_assessment, small_guideline, layout="summary")
    text = flat("".join(pages))
    start = text.index("数値の計算方法")
    method = text[start : text.index("出典", start)]
    assert flat(scoring.FORMULAS["coverage"]) in method
    assert "区分別・AIツール別・ユースケース別・リスク区分別の値は" in method
    assert "業務ステップ" not in method  # the summary has no figures by step
    assert "業務ステップ別" not in text


def test_executive_summary_stays_two_pages_with_many_gaps(
    render, small_guideline, assessment_factory
) -> None:
    assessment = assessment_factory(small_guideline, fill=1.0)
    for cm in small_guideline.countermeasures:
        assessment.answers[cm.id] = Answer(status=Status.NOT_DONE, note="長い備考" * 50)
    for answers in assessment.tool_answers.values():
        for cm_id in answers:
            answers[cm_id] = Answer(status=Status.NOT_DONE, note="長い備考" * 50)
    result, _, pages = render(assessment, small_guideline, layout="summary")
    assert result.page_count == 2
    total = scoring.overall(assessment, small_guideline).total
    assert f"全{total}件のうち" in flat(pages[1])


def test_writes_to_a_file_object_and_reports_progress(
    half_assessment, small_guideline, read_pdf
) -> None:
    buffer = io.BytesIO()
    calls: list[tuple[int, int]] = []
    result = render_pdf(
        half_assessment,
        small_guideline,
        buffer,
        ReportOptions(),
        progress=lambda done, total: calls.append((done, total)),
    )
    assert buffer.getvalue().startswith(b"%PDF-")
    assert result.page_count == len(read_pdf(io.BytesIO(buffer.getvalue())))
    assert calls and calls[-1][0] == calls[-1][1]
    assert [done for done, _ in calls] == sorted(done for done, _ in calls)


def test_overdue_targets_are_marked(render, assessment_factory, small_guideline) -> None:
    import datetime as dt

    assessment = assessment_factory(small_guideline, fill=0.2)
    cm = small_guideline.countermeasures[0]
    assessment.answers[cm.id] = Answer(
        status=Status.NOT_DONE, owner="担当A", target_date=dt.date(2026, 10, 1)
    )
    _, _, pages = render(assessment, small_guideline, sections={Section.GAPS})
    entry = flat("".join(pages))
    entry = entry[entry.index(cm.id) :]
    assert entry.index("2026/10/01期限超過") < 80
    _, _, summary = render(assessment, small_guideline, layout="summary")
    assert "2026/10/01期限超過" in flat("".join(summary))


def test_an_assessment_with_nothing_in_scope_says_so(render, assessment_factory, small_guideline):
    from haip_desktop.assessment.models import Scope

    assessment = assessment_factory(small_guideline, fill=0.0, scope=Scope())
    assessment.tools = []
    result, _, pages = render(assessment, small_guideline)
    assert any("評価対象の対策がありません" in w for w in result.warnings)
    assert "評価対象の対策がありません" in flat(pages[0])
    assert "評価の範囲未設定" in flat(pages[0])
    result, _, pages = render(assessment, small_guideline, layout="summary")
    assert result.page_count == len(pages) == 2


def test_provenance_marks_shared_by_all_are_said_once(render, half_assessment, small_guideline):
    from haip_desktop.guideline import Guideline, Provenance

    g = small_guideline
    own = Provenance(kind="app", verified=False)
    all_own = Guideline(
        g.info,
        g.use_cases,
        g.risk_categories,
        g.risks,
        [dataclasses.replace(cm, provenance=own) for cm in g.countermeasures],
        g.flows,
        g.scenes,
        g.references,
    )
    _, _, mixed = render(half_assessment, g, sections={Section.DETAIL})
    _, _, uniform = render(half_assessment, all_own, sections={Section.DETAIL})
    assert "原文未照合" in flat("".join(mixed))
    text = flat("".join(uniform))
    assert "この報告書の対策はすべて本アプリ独自の整理で、ガイドライン原文と未照合です。" in text
    assert "原文未照合" not in text
    assert "本アプリ独自・" not in text and "・本アプリ独自" not in text


def test_raising_from_progress_cancels_without_leaving_a_file(
    tmp_path, half_assessment, small_guideline
) -> None:
    import pytest

    class Cancelled(Exception):
        pass

    def progress(done: int, total: int) -> None:
        if done > total // 2:
            raise Cancelled

    target = tmp_path / "report.pdf"
    with pytest.raises(Cancelled):
        render_pdf(half_assessment, small_guideline, target, ReportOptions(), progress)
    assert list(tmp_path.iterdir()) == []


def test_no_sections_chosen_still_gives_a_page_that_says_so(
    render, half_assessment, small_guideline
):
    result, _, pages = render(half_assessment, small_guideline, sections=set())
    assert result.page_count == len(pages) == 1
    assert "出力する項目が選ばれていません" in flat(pages[0])
    assert any("出力する項目が選ばれていません" in w for w in result.warnings)
