"""The demo assessment and the demo-assessment command."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from haip_desktop.assessment import Actor, Status, load_assessment, serialize_assessment
from haip_desktop.assessment.demo import IT_OWNERS, TOOLS, make_demo_assessment
from haip_desktop.assessment.privacy import find_patient_data, scan_assessment
from haip_desktop.assessment.scope import items_in_scope
from haip_desktop.assessment.scoring import overall
from haip_desktop.cli import main
from haip_desktop.guideline import Level

AS_OF = dt.date(2026, 11, 25)


def test_same_seed_same_assessment(small_guideline) -> None:
    a = make_demo_assessment(small_guideline, 0.5, seed=4, as_of=AS_OF)
    b = make_demo_assessment(small_guideline, 0.5, seed=4, as_of=AS_OF)
    c = make_demo_assessment(small_guideline, 0.5, seed=5, as_of=AS_OF)
    assert serialize_assessment(a) == serialize_assessment(b)
    assert serialize_assessment(a) != serialize_assessment(c)


def _all_answers(a) -> list:
    return list(a.answers.values()) + [x for by in a.tool_answers.values() for x in by.values()]


def test_demo_reads_like_a_real_assessment(guideline) -> None:
    a = make_demo_assessment(guideline, 0.6, seed=1, as_of=AS_OF)
    assert 2 <= len(a.tools) <= 4
    assert all(tool.steps for tool in a.tools)
    assert a.assessors and a.facility.name
    answered = [x for x in _all_answers(a) if x.status is not Status.UNANSWERED]
    assert any(x.note and x.owner for x in answered)
    for x in answered:
        if x.status is Status.NOT_APPLICABLE:
            assert x.na_reason
        if x.status.is_gap:  # target dates in the next fiscal year (April 2027 – March 2028)
            assert dt.date(2027, 4, 1) <= x.target_date <= dt.date(2028, 3, 31)
    tally = overall(a, guideline)
    assert tally.answered == round(0.6 * tally.total)
    items = {i.key for i in items_in_scope(a, guideline)}
    assert {(c, None) for c in a.answers} <= items
    assert {(c, t) for t, by in a.tool_answers.items() for c in by} <= items
    assert a.tool_answers, "the tools' own items are answered too"


@pytest.mark.parametrize("seed", range(6))
def test_vendor_items_are_answered_by_the_vendor_or_it_staff(guideline, seed) -> None:
    a = make_demo_assessment(guideline, 1.0, seed=seed, as_of=AS_OF)
    vendors = {t.id: t.vendor for t in a.tools}
    for tool_id, by_id in a.tool_answers.items():
        for answer in by_id.values():
            if answer.status is Status.NOT_APPLICABLE:
                continue
            assert answer.actor is Actor.VENDOR
            assert answer.owner in (f"{vendors[tool_id]} 担当者", IT_OWNERS[a.facility.kind])
            assert "受付" not in answer.owner
    assert all(t.owner == IT_OWNERS[a.facility.kind] for t in a.tools)
    # the facility's own answers are the facility's, never the vendor's
    assert all(x.actor is not Actor.VENDOR for x in a.answers.values())


@pytest.mark.parametrize("seed", range(8))
def test_tools_are_used_at_steps_that_fit_what_they_do(guideline, seed) -> None:
    a = make_demo_assessment(guideline, 0.5, seed=seed, as_of=AS_OF)
    made_for = {t.name: t.use_cases for t in TOOLS}
    for tool in a.tools:
        assert tool.steps
        for step_id in tool.steps:
            at_step = {uc.id for uc in guideline.use_cases_for_step(step_id)}
            assert made_for[tool.name] & at_step, (tool.name, step_id)
        if tool.name == "問診票要約AI":
            assert "ST-ADM-06" not in tool.steps  # 広報


def test_step_actions_are_answered_by_the_department_of_the_role(stepped_guideline) -> None:
    a = make_demo_assessment(
        stepped_guideline, 1.0, seed=2, facility="みなと中央病院", scope_all=True, as_of=AS_OF
    )
    nurse = a.answers["C-ZZSTEP-01"]  # 看護記録, 看護師
    if nurse.status is not Status.NOT_APPLICABLE:
        assert nurse.owner == "看護部 高橋" and nurse.actor is Actor.SELF
    pharmacist = a.answers["C-ZZSTEP-02"]  # 服薬指導, 薬剤師
    if pharmacist.status is not Status.NOT_APPLICABLE:
        assert pharmacist.owner == "薬剤部 小林"


def test_demo_never_contains_patient_data(guideline) -> None:
    for seed in range(5):
        a = make_demo_assessment(guideline, 1.0, seed=seed, as_of=AS_OF, note_length=200)
        assert scan_assessment(a) == []
        assert find_patient_data(a.model_dump_json()) == []


def test_benchmark_shape_every_item_with_200_character_notes(guideline) -> None:
    a = make_demo_assessment(guideline, 1.0, seed=0, note_length=200, scope_all=True, as_of=AS_OF)
    facility_and_step = {cm.id for cm in guideline.countermeasures if cm.level is not Level.TOOL}
    assert set(a.answers) == facility_and_step
    assert overall(a, guideline).unanswered == 0
    assert {len(x.note) for x in _all_answers(a)} == {200}


def test_fill_out_of_range_is_refused(small_guideline) -> None:
    with pytest.raises(ValueError):
        make_demo_assessment(small_guideline, 1.5)


def test_demo_assessment_command_writes_a_loadable_file(guideline, tmp_path: Path, capsys) -> None:
    out = tmp_path / "demo.haipeval"
    code = main(
        [
            "demo-assessment",
            "-o",
            str(out),
            "--fill",
            "0.3",
            "--seed",
            "2",
            "--facility",
            "みなと中央病院",
        ]
    )
    assert code == 0
    a = load_assessment(out)
    assert a.facility.name == "みなと中央病院"
    tally = overall(a, guideline)
    assert abs(tally.answered / tally.total - 0.3) < 0.05
    printed = capsys.readouterr().out
    assert "書き出しました" in printed and "施設の体制" in printed and "AIツール" in printed
    # an existing file is not replaced without --force
    before = out.read_bytes()
    assert main(["demo-assessment", "-o", str(out), "--seed", "3"]) == 1
    assert out.read_bytes() == before
    assert "--force" in capsys.readouterr().err
    assert main(["demo-assessment", "-o", str(out), "--seed", "3", "--force"]) == 0
    assert out.read_bytes() != before


def test_a_demo_pharmacy_assesses_pharmacy_work_with_pharmacy_staff(guideline) -> None:
    from haip_desktop.assessment.models import FacilityKind
    from haip_desktop.assessment.scope import steps_in_scope, use_cases_in_scope
    from haip_desktop.guideline import Setting

    for seed in range(6):
        a = make_demo_assessment(guideline, 0.5, seed=seed, facility="ひまわり薬局", as_of=AS_OF)
        assert a.facility.kind is FacilityKind.PHARMACY
        for step_id in steps_in_scope(a, guideline):
            assert Setting.PHARMACY in guideline.flow_of_step(step_id).settings, step_id
        assert all(Setting.PHARMACY in uc.settings for uc in use_cases_in_scope(a, guideline))
        people = a.assessors + [x.owner for x in _all_answers(a) if x.owner]
        people += [t.owner for t in a.tools]
        assert not any("看護" in p or "医事課" in p for p in people), people
        assert not any(s.startswith("ST-IN-") for t in a.tools for s in t.steps)


def test_the_command_writes_the_data_version_in_use(data_v2, tmp_path: Path, capsys) -> None:
    from haip_desktop.guideline.packs import build_pack, install_pack

    pack = tmp_path / "v2.haippack"
    build_pack(data_v2["v2"], pack)
    install_pack(pack)
    out = tmp_path / "demo.haipeval"
    assert main(["demo-assessment", "-o", str(out), "--seed", "1"]) == 0
    assert load_assessment(out).guideline.data_version == data_v2["v2_version"]
    assert data_v2["v2_version"] in capsys.readouterr().out
