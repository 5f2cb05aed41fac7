"""Every view that lists countermeasures says who acts on each: 施設全体, AIツール, or
業務ステップ with the steps and the roles there; guideline items and step actions point at
each other (implements / implemented_by)."""

from __future__ import annotations

from haip_desktop.guideline import Level
from haip_desktop.ui.shell.navigation import Location
from haip_desktop.ui.widgets.level_text import level_counts_text


def where(guideline, cm) -> str:
    """「看護記録（看護師）」 for each step of a step action, as the views write it."""
    return "、".join(
        f"{step.name}（{'・'.join(r.value for r in guideline.roles_at(cm, step.id))}）"
        for step in guideline.steps
        if step.id in cm.steps
    )


def item_text(text: str, cm) -> str:
    """The lines of one countermeasure in a list, from its title to its source line."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(cm.title))
    end = next(i for i in range(start, len(lines)) if lines[i].startswith("出典: "))
    return "\n".join(lines[start : end + 1])


def test_the_use_case_view_shows_the_level_of_each_countermeasure(guideline_window, guideline):
    uc = guideline.use_case("UC-03")
    cms = guideline.countermeasures_for_use_case(uc.id)
    assert {cm.level for cm in cms} == set(Level)
    guideline_window.navigate(Location("use_case", uc.id))
    text = guideline_window.page("use_case").document.toPlainText()
    assert f"区分: {level_counts_text(cms)}" in text
    for level in Level:
        cm = next(cm for cm in cms if cm.level is level)
        shown = item_text(text, cm)
        assert level.label in shown, cm.id
        if level is Level.STEP:
            assert where(guideline, cm) in shown
        else:
            assert (
                "施設として一度整える" if level is Level.FACILITY else "AIツールごとに"
            ) in shown


def test_the_risk_matrix_cell_shows_the_level_of_each_countermeasure(
    qtbot, guideline_window, guideline
):
    view = guideline_window.page("risk_matrix")
    cms = guideline.countermeasures_for_cell("RC-LEAK", "UC-01")
    assert {cm.level for cm in cms} == set(Level)
    row = next(i for i, rc in enumerate(view.categories) if rc.id == "RC-LEAK")
    col = next(i for i, uc in enumerate(view.use_cases) if uc.id == "UC-01")
    assert level_counts_text(cms) in view.table.item(row, col).toolTip()
    guideline_window.navigate(Location("risk_matrix", "RC-LEAK", "UC-01"))
    text = view.document.toPlainText()
    assert f"区分: {level_counts_text(cms)}" in text
    step_action = next(cm for cm in cms if cm.level is Level.STEP)
    assert where(guideline, step_action) in item_text(text, step_action)
    tool_item = next(cm for cm in cms if cm.level is Level.TOOL)
    assert "AIツール" in item_text(text, tool_item)


def test_a_guideline_countermeasure_lists_the_step_actions_that_implement_it(
    guideline_window, guideline
):
    cm = guideline.countermeasure("C-LEAK-42")
    actions = guideline.implemented_by(cm.id)
    assert cm.level is Level.TOOL and actions
    guideline_window.navigate(Location("countermeasure", cm.id))
    view = guideline_window.page("countermeasure")
    text = view.toPlainText()
    level_line = text.splitlines()[2].split()
    assert level_line == ["AIツール", "AIツールごとに確かめる"]
    assert f"現場での実践（業務ステップの手順）（{len(actions)}）" in text
    for action in actions:
        assert where(guideline, action) in item_text(text, action)
    assert f'href="haip:countermeasure/{actions[0].id}"' in view.toHtml()


def test_a_step_action_lists_its_steps_roles_and_what_it_implements(guideline_window, guideline):
    action = next(
        cm
        for cm in guideline.countermeasures_for_step("ST-IN-04")
        if len(cm.steps) > 1 and cm.implements
    )
    guideline_window.navigate(Location("countermeasure", action.id))
    view = guideline_window.page("countermeasure")
    text = view.toPlainText()
    assert f"実施する業務ステップと職種（{len(action.steps)}）" in text
    for step in guideline.steps_of(action):
        roles = "・".join(r.value for r in guideline.roles_at(action, step.id))
        assert f"{step.name}（{roles}）" in text
    targets = guideline.implements_of(action)
    assert f"この手順が実践するガイドラインの対策（{len(targets)}）" in text
    for target in targets:
        assert target.title in text
        assert f'href="haip:countermeasure/{target.id}"' in view.toHtml()
