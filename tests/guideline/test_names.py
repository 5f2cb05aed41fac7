"""What people call an item (`name_of`): the search results, the changes view and the
edit history all show it."""

from __future__ import annotations

from haip_desktop.guideline.guideline import name_of


def test_an_item_is_called_by_its_name_or_its_title(guideline):
    countermeasure = guideline.countermeasures[0]
    assert name_of(countermeasure) == countermeasure.title
    risk = guideline.risks[0]
    assert name_of(risk) == risk.title
    step = guideline.steps[0]
    assert name_of(step) == step.name
    use_case = guideline.use_case("UC-01")
    assert name_of(use_case) == use_case.name


def test_every_item_of_the_bundle_has_a_name_to_show(guideline):
    assert all(name_of(item).strip() for item in guideline.all_items())
