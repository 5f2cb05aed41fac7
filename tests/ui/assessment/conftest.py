"""A main window with the assessment part, and a stand-in for the questions it asks."""

from __future__ import annotations

from pathlib import Path

import pytest

from haip_desktop.assessment import Facility, FacilityKind, Scope


@pytest.fixture
def window(qtbot, guideline, prompts, tmp_path: Path):  # type: ignore[no-untyped-def]
    from haip_desktop.ui.shell.main_window import MainWindow

    main = MainWindow(settings_path=tmp_path / "ui-settings.json")
    main.show()
    main.set_guideline(guideline)
    yield main
    # Let the window go without questions about unsaved test documents.
    controller = main.assessment_controller
    controller.dirty = False
    main.close()
    main.deleteLater()


@pytest.fixture
def controller(window):  # type: ignore[no-untyped-def]
    return window.assessment_controller


@pytest.fixture
def page(window):  # type: ignore[no-untyped-def]
    return window.page("assessment")


@pytest.fixture
def opened(window, controller):  # type: ignore[no-untyped-def]
    """A new assessment of use case 1 (unsaved), shown on the answers tab."""
    controller.create(
        Facility(name="テスト病院", kind=FacilityKind.HOSPITAL),
        assessors=["山田 花子"],
        scope=Scope(use_cases=["UC-01"]),
    )
    window.assessment_actions.show_answers()
    return controller
