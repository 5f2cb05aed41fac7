"""The assessment part's document and page in the window, and a new assessment opened."""

from __future__ import annotations

import pytest

from haip_desktop.assessment import Facility, FacilityKind, Scope


@pytest.fixture
def controller(parts):  # type: ignore[no-untyped-def]
    return parts.assessment.controller


@pytest.fixture
def page(window):  # type: ignore[no-untyped-def]
    return window.page("assessment")


@pytest.fixture
def opened(window, controller, parts):  # type: ignore[no-untyped-def]
    """A new assessment of use case 1 (unsaved), shown on the answers tab."""
    controller.create(
        Facility(name="テスト病院", kind=FacilityKind.HOSPITAL),
        assessors=["山田 花子"],
        scope=Scope(use_cases=["UC-01"]),
    )
    parts.assessment.show_answers()
    return controller
