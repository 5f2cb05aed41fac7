"""Content rules the bundled guideline must keep: honest provenance, full coverage, stable ids."""

from __future__ import annotations

import re

from haip_desktop.guideline import Level, Perspective, Phase, SourceKind


def test_bundle_has_the_eight_use_cases_marked_unverified(guideline):
    assert [uc.id for uc in guideline.use_cases] == [f"UC-0{n}" for n in range(1, 9)]
    # The names are inferred from public information, not read from the guideline text.
    assert all(not uc.provenance.verified for uc in guideline.use_cases)


def test_editions_are_the_two_published_ones(guideline):
    editions = {e.number: e for e in guideline.info.editions}
    assert str(editions[1].published) == "2024-10-02"
    assert str(editions[2].published) == "2025-07-11"
    assert any("著作権" in change for change in editions[2].changes)
    assert guideline.edition == 2


def test_every_use_case_has_countermeasures_from_every_perspective(guideline):
    for uc in guideline.use_cases:
        perspectives = {cm.perspective for cm in guideline.countermeasures_for_use_case(uc.id)}
        assert perspectives == set(Perspective), uc.id


def test_there_are_about_a_hundred_countermeasures_many_shared(guideline):
    # The step actions (what staff do at each workflow step) come on top of the guideline's
    # countermeasures, which are answered once for the facility or per AI tool.
    facility_or_tool = [cm for cm in guideline.countermeasures if cm.level is not Level.STEP]
    assert 80 <= len(facility_or_tool) <= 160
    shared = [cm for cm in facility_or_tool if len(cm.use_cases) > 1]
    assert len(shared) >= 20
    assert {cm.phase for cm in guideline.countermeasures} == set(Phase)


def test_the_required_risk_categories_exist(guideline):
    names = {rc.name for rc in guideline.risk_categories}
    for expected in [
        "情報漏えい",
        "ハルシネーション",
        "バイアス",
        "著作権",
        "医師法",
        "医薬品医療機器等法",
        "セキュリティ",
        "透明性",
        "過信",
    ]:
        assert any(expected in name for name in names), expected


def test_ids_are_unique_and_prefixed(guideline):
    ids = [item.id for item in guideline.all_items()]
    assert len(ids) == len(set(ids))
    prefixes = ("UC-", "RC-", "R-", "C-", "WF-", "ST-", "SC-", "REF-")
    assert all(i.startswith(prefixes) and re.fullmatch(r"[A-Z]+(-[A-Z0-9]+)+", i) for i in ids)


def test_the_five_flows_exist_and_every_step_has_a_scene_or_says_none(guideline):
    names = [flow.name for flow in guideline.flows]
    for expected in ["外来", "入院", "薬局", "地域連携", "管理・事務"]:
        assert any(expected in name for name in names), expected
    for step in guideline.steps:
        assert guideline.scenes_for_step(step.id) or step.no_ai_use, step.id


def test_every_item_has_provenance_and_own_elaboration_is_marked(guideline):
    kinds = {guideline.provenance_of(item).kind for item in guideline.all_items()}
    assert SourceKind.APP in kinds
    for scene in guideline.scenes:
        # The mapping onto workflow steps was announced by HAIP but not published.
        assert scene.provenance.kind is SourceKind.APP


def test_references_include_the_laws_a_facility_cross_checks(guideline):
    titles = " ".join(ref.title for ref in guideline.references)
    for expected in [
        "医師法",
        "医薬品医療機器等法",
        "個人情報保護法",
        "安全管理に関するガイドライン",
        "サイバーセキュリティ",
        "AI事業者ガイドライン",
        "著作権法",
    ]:
        assert expected in titles, expected


def test_discharge_summary_is_found_from_the_inpatient_flow(guideline):
    inpatient = next(f for f in guideline.flows if "入院" in f.name)
    step = next(s for s in inpatient.steps if "退院サマリ" in s.name)
    use_cases = guideline.use_cases_for_step(step.id)
    assert use_cases
    assert guideline.countermeasures_for_step(step.id)


def test_folded_japanese_paragraphs_have_no_stray_spaces(guideline):
    # YAML folds line breaks into spaces; between Japanese characters they must not show.
    stray = re.compile(r"[\u3001-\u30ff\u3400-\u9fff\uff08\uff09] [\u3001-\u30ff\u3400-\u9fff0-9]")
    texts = [guideline.info.statement] + [
        value
        for item in guideline.all_items()
        for value in vars(item).values()
        if isinstance(value, str)
    ]
    assert [t for t in texts if stray.search(t)] == []


def test_folding_keeps_spaces_next_to_latin_words(data_copy):
    from haip_desktop.guideline import load_guideline

    path = data_copy / "use_cases.yaml"
    text = path.read_text(encoding="utf-8")
    marker = "    summary: >-\n"
    at = text.index(marker) + len(marker)
    text = (
        text[:at]
        + "      電子カルテの\n      記録から SOAP 形式の\n      下書きを作る。\n"
        + text[text.index("    settings:", at) :]
    )
    path.write_text(text, encoding="utf-8")
    summary = load_guideline(data_copy).use_cases[0].summary
    assert summary == "電子カルテの記録から SOAP 形式の下書きを作る。"
