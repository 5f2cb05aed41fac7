"""The guideline's records check and convert what they are built from."""

import datetime as dt

import pytest

from haip_desktop.guideline.models import Edition, Flow, Provenance, SourceKind, Step
from haip_desktop.guideline.strict import ValidationError


def test_values_are_converted_and_text_stripped():
    edition = Edition.model_validate(
        {
            "number": 2,
            "published": "2025-07-11",
            "label": "  第2版 ",
            "provenance": {"kind": "guideline", "edition": 2},
        }
    )
    assert edition.published == dt.date(2025, 7, 11)
    assert edition.label == "第2版"
    assert edition.provenance.kind is SourceKind.GUIDELINE
    assert edition.changes == []


def test_every_problem_is_listed_with_its_location():
    with pytest.raises(ValidationError) as caught:
        Flow.model_validate(
            {
                "id": "WF-X",
                "name": " ",
                "settings": ["hospital", "school"],
                "steps": [],
                "provenance": {"kind": "app", "verfied": True},
                "extra": 1,
            }
        )
    found = {(e["type"], e["loc"]) for e in caught.value.errors()}
    assert found == {
        ("missing", ("description",)),
        ("string_too_short", ("name",)),
        ("enum", ("settings", 1)),
        ("too_short", ("steps",)),
        ("extra_forbidden", ("provenance", "verfied")),
        ("extra_forbidden", ("extra",)),
    }


def test_records_are_frozen_and_compare_by_value():
    step = Step(id="ST-1", name="受付", description="来院受付")
    assert step == Step(id="ST-1", name="受付", description="来院受付")
    assert {step: 1}[Step(id="ST-1", name="受付", description="来院受付")] == 1
    with pytest.raises(AttributeError):
        step.name = "会計"  # type: ignore[misc]
    assert step.replace(name="会計").name == "会計"
    assert Provenance(kind="app").is_own_elaboration
