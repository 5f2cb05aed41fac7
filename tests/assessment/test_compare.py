"""年度比較: improved, regressed, new and removed between two years of one facility."""

from __future__ import annotations

import datetime as dt

from haip_desktop.assessment.compare import Change, classify, compare_assessments
from haip_desktop.assessment.models import (
    Answer,
    Assessment,
    Facility,
    FacilityKind,
    GuidelineRef,
    Scope,
    Status,
)

AT = dt.datetime(2026, 4, 1, tzinfo=dt.UTC)


def make(g, day, statuses, scope, name="青葉台病院") -> Assessment:
    return Assessment(
        guideline=GuidelineRef(id=g.id, edition=g.edition, data_version=g.data_version),
        facility=Facility(name=name, kind=FacilityKind.HOSPITAL),
        assessment_date=day,
        scope=scope,
        answers={
            k: Answer(status=s, na_reason="対象外" if s is Status.NOT_APPLICABLE else "")
            for k, s in statuses.items()
        },
        created_at=AT,
        updated_at=AT,
    )


def test_classify_follows_the_status_ladder():
    assert classify(Status.NOT_DONE, Status.PARTIAL) is Change.IMPROVED
    assert classify(Status.UNANSWERED, Status.DONE) is Change.IMPROVED
    assert classify(Status.DONE, Status.PARTIAL) is Change.REGRESSED
    assert classify(Status.PARTIAL, Status.UNANSWERED) is Change.REGRESSED
    assert classify(Status.NOT_DONE, Status.UNANSWERED) is Change.UNCHANGED
    assert classify(Status.DONE, Status.NOT_APPLICABLE) is Change.APPLICABILITY
    assert classify(Status.DONE, Status.DONE) is Change.UNCHANGED


def test_two_years_of_one_facility(guideline):
    uc1, uc2 = guideline.use_cases[0].id, guideline.use_cases[1].id
    only_uc1 = [
        cm.id for cm in guideline.countermeasures_for_use_case(uc1) if uc2 not in cm.use_cases
    ]
    only_uc2 = [
        cm.id for cm in guideline.countermeasures_for_use_case(uc2) if uc1 not in cm.use_cases
    ]
    shared = [cm.id for cm in guideline.countermeasures_for_use_case(uc1) if uc2 in cm.use_cases]
    assert len(shared) >= 3 and only_uc1 and only_uc2
    up, down, same = shared[0], shared[1], shared[2]
    last_year = make(
        guideline,
        dt.date(2025, 4, 1),
        {up: Status.NOT_DONE, down: Status.DONE, same: Status.PARTIAL},
        Scope(use_cases=[uc1]),
    )
    this_year = make(
        guideline,
        dt.date(2026, 4, 1),
        {up: Status.DONE, down: Status.PARTIAL, same: Status.PARTIAL},
        Scope(use_cases=[uc2]),
    )
    # the order of the arguments does not matter: the earlier date is the older one
    comparison = compare_assessments(this_year, last_year, guideline)
    assert comparison.older is last_year

    assert [i.countermeasure_id for i in comparison.of(Change.IMPROVED)] == [up]
    assert [i.countermeasure_id for i in comparison.of(Change.REGRESSED)] == [down]
    assert {i.countermeasure_id for i in comparison.of(Change.NEW)} == set(only_uc2)
    assert {i.countermeasure_id for i in comparison.of(Change.REMOVED)} == set(only_uc1)
    improved = comparison.of(Change.IMPROVED)[0]
    assert (improved.old, improved.new) == (Status.NOT_DONE, Status.DONE)

    per_uc = comparison.by_use_case
    assert set(per_uc) == {uc1, uc2}
    assert per_uc[uc1].counts[Change.IMPROVED] == 1
    assert per_uc[uc1].counts[Change.REGRESSED] == 1
    assert per_uc[uc1].counts[Change.REMOVED] == len(only_uc1)
    assert per_uc[uc2].old is None and per_uc[uc2].new is not None
    assert per_uc[uc2].coverage_change is None
    assert per_uc[uc1].new is None

    for step_id, group in comparison.by_step.items():
        step_cms = {cm.id for cm in guideline.countermeasures_for_step(step_id)}
        expected = sum(1 for i in comparison.items if i.countermeasure_id in step_cms)
        assert sum(group.counts.values()) == expected
    assert comparison.warnings() == []


def test_warns_about_a_different_facility(guideline):
    a = make(guideline, dt.date(2025, 4, 1), {}, Scope(all=True))
    b = make(guideline, dt.date(2026, 4, 1), {}, Scope(all=True), name="別の病院")
    notes = compare_assessments(a, b, guideline).warnings()
    assert len(notes) == 1 and "施設が異なります" in notes[0]
