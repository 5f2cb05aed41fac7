"""The demo assessment and the demo-assessment command."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from haip_desktop.assessment import Status, load_assessment, serialize_assessment
from haip_desktop.assessment.demo import make_demo_assessment
from haip_desktop.assessment.privacy import find_patient_data, scan_assessment
from haip_desktop.assessment.scope import countermeasures_in_scope
from haip_desktop.assessment.scoring import overall
from haip_desktop.cli import main

AS_OF = dt.date(2026, 11, 25)


def test_same_seed_same_assessment(small_guideline) -> None:
    a = make_demo_assessment(small_guideline, 0.5, seed=4, as_of=AS_OF)
    b = make_demo_assessment(small_guideline, 0.5, seed=4, as_of=AS_OF)
    c = make_demo_assessment(small_guideline, 0.5, seed=5, as_of=AS_OF)
    assert serialize_assessment(a) == serialize_assessment(b)
    assert serialize_assessment(a) != serialize_assessment(c)


def test_demo_reads_like_a_real_assessment(guideline) -> None:
    a = make_demo_assessment(guideline, 0.6, seed=1, as_of=AS_OF)
    assert 2 <= len(a.tools) <= 4
    assert all(tool.steps for tool in a.tools)
    assert a.assessors and a.facility.name
    answered = [x for x in a.answers.values() if x.status is not Status.UNANSWERED]
    assert any(x.note and x.owner for x in answered)
    for x in answered:
        if x.status is Status.NOT_APPLICABLE:
            assert x.na_reason
        if x.status.is_gap:  # target dates in the next fiscal year (April 2027 – March 2028)
            assert dt.date(2027, 4, 1) <= x.target_date <= dt.date(2028, 3, 31)
    tally = overall(a, guideline)
    assert tally.answered == round(0.6 * tally.total)
    assert set(a.answers) <= {cm.id for cm in countermeasures_in_scope(a, guideline)}


def test_demo_never_contains_patient_data(guideline) -> None:
    for seed in range(5):
        a = make_demo_assessment(guideline, 1.0, seed=seed, as_of=AS_OF, note_length=200)
        assert scan_assessment(a) == []
        assert find_patient_data(a.model_dump_json()) == []


def test_benchmark_shape_every_countermeasure_with_200_character_notes(guideline) -> None:
    a = make_demo_assessment(guideline, 1.0, seed=0, note_length=200, scope_all=True, as_of=AS_OF)
    assert set(a.answers) == {cm.id for cm in guideline.countermeasures}
    assert {len(x.note) for x in a.answers.values()} == {200}


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
    assert "書き出しました" in capsys.readouterr().out
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
        people = a.assessors + [x.owner for x in a.answers.values() if x.owner]
        assert not any("看護" in p or "医事課" in p for p in people), people
