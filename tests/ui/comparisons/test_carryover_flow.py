"""Opening an assessment made against older guideline data: preview first, then migrate."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from haip_desktop.assessment import load_assessment, save_assessment
from haip_desktop.assessment.demo import make_demo_assessment
from haip_desktop.assessment.models import Status
from haip_desktop.guideline import Level, load_guideline
from haip_desktop.ui.assessment.answer_list import COLUMN_STATUS


@pytest.fixture
def reworded_facility(guideline, data_v2) -> str:  # type: ignore[no-untyped-def]
    """A facility-level countermeasure reworded in v2 too (answered once, shown in the list)."""
    cm = guideline.facility_countermeasures()[0]
    for path in data_v2["v2"].glob("countermeasures_*.yaml"):
        text = path.read_text(encoding="utf-8")
        if f"title: {cm.title}\n" in text:
            text = text.replace(f"title: {cm.title}\n", f"title: {cm.title}（改訂）\n", 1)
            path.write_text(text, encoding="utf-8")
    return cm.id


@pytest.fixture
def old_file(guideline, data_v2, reworded_facility, tmp_path):  # type: ignore[no-untyped-def]
    """An assessment made against the bundled data (v1), every item answered."""
    assessment = make_demo_assessment(guideline, fill=1.0, seed=5, scope_all=True)
    for cm_id in (data_v2["reworded"], data_v2["removed"], reworded_facility):
        # Where the answer belongs: once for the facility, or for each tool (tool level).
        tool_level = guideline.countermeasure(cm_id).level is Level.TOOL
        places = list(assessment.tool_answers.values()) if tool_level else []
        for answers in places or [assessment.answers]:
            answers[cm_id] = assessment.answer(cm_id).model_copy(
                update={"status": Status.DONE, "note": "規程第3条で定めた"}
            )
    path = tmp_path / "評価_2025.json"
    save_assessment(assessment, path)
    return path


@pytest.fixture
def v2_window(window, data_v2, old_file):  # type: ignore[no-untyped-def]
    window.set_guideline(load_guideline(data_v2["v2"]))
    return window


def _open_and_wait(qtbot, window, path, parts):  # type: ignore[no-untyped-def]
    flow = parts.comparisons.carryover
    assert parts.assessment.open_path(path)
    qtbot.waitUntil(lambda: flow.dialog is not None and flow.dialog.isVisible())
    return flow.dialog


def test_preview_then_migrate_to_a_new_file(
    qtbot,
    v2_window,
    old_file,
    data_v2,
    file_dialogs,
    guideline,
    parts,
    reworded_facility,
):
    window = v2_window
    before = old_file.read_bytes()
    dialog = _open_and_wait(qtbot, window, old_file, parts)

    # The preview names what changes for this assessment; nothing is altered yet.
    assert data_v2["reworded"] in dialog.rows("要再確認")  # answered for each tool
    assert reworded_facility in dialog.rows("要再確認")
    assert data_v2["removed"] in dialog.rows("アーカイブ")
    assert "要再確認 2 件" in dialog.summary.text()
    controller = parts.assessment.controller
    assert controller.assessment.guideline.data_version == guideline.data_version
    assert not controller.dirty

    target = old_file.with_name("評価_2025_移行.json")
    file_dialogs.save_files.append(target)
    qtbot.mouseClick(dialog.new_file_button, Qt.MouseButton.LeftButton)

    # The suggested name is beside the old file, named by the new data version.
    assert data_v2["v2_version"] in file_dialogs.asked[-1][1]
    assert controller.path == target
    assert not controller.dirty
    migrated = load_assessment(target)
    assert migrated.guideline.data_version == data_v2["v2_version"]
    tools = [a for a in migrated.tool_answers.values() if data_v2["reworded"] in a]
    assert tools and all(a[data_v2["reworded"]].needs_review for a in tools)
    assert all(a[data_v2["reworded"]].status is Status.DONE for a in tools)
    assert migrated.answers[reworded_facility].needs_review
    assert migrated.answers[data_v2["removed"]].archived
    assert migrated.answers[data_v2["removed"]].note == "規程第3条で定めた"
    assert any(e.field == "guideline.data_version" for e in migrated.history)
    assert old_file.read_bytes() == before  # the old file is untouched

    # The answer list marks the item to re-confirm, and the archived answer as such.
    page = window.page("assessment")
    answer_list = page.answer_view.list  # 施設の体制, where both answers are
    rows = answer_list.rows_for(reworded_facility)
    assert rows[0].text(COLUMN_STATUS).endswith("!")
    archived = answer_list.rows_for(data_v2["removed"])[0]
    assert "保管" in archived.parent().text(0)

    # Confirming it clears the mark.
    page.answer_view.select(reworded_facility)
    editor = page.answer_view.editor
    assert editor.review_button.isVisible()
    qtbot.mouseClick(editor.review_button, Qt.MouseButton.LeftButton)
    assert not controller.assessment.answers[reworded_facility].needs_review
    assert not rows[0].text(COLUMN_STATUS).endswith("!")


def test_declining_leaves_the_assessment_as_it_was(qtbot, v2_window, old_file, guideline, parts):
    window = v2_window
    dialog = _open_and_wait(qtbot, window, old_file, parts)
    qtbot.mouseClick(dialog.later_button, Qt.MouseButton.LeftButton)
    controller = parts.assessment.controller
    assert controller.assessment.guideline.data_version == guideline.data_version
    assert not controller.dirty
    assert "いつでも移行できます" in window.statusBar().currentMessage()
    actions = parts.comparisons
    assert actions.migrate_action.isEnabled()
    # Offered again only when asked.
    actions.migrate_action.trigger()
    assert actions.carryover.dialog is not None
    actions.carryover.dialog.reject()


def test_cancelling_the_save_dialog_changes_nothing(
    qtbot,
    v2_window,
    old_file,
    file_dialogs,
    guideline,
    parts,
):
    window = v2_window
    dialog = _open_and_wait(qtbot, window, old_file, parts)
    file_dialogs.save_files.append(None)
    qtbot.mouseClick(dialog.new_file_button, Qt.MouseButton.LeftButton)
    controller = parts.assessment.controller
    assert controller.path == old_file
    assert controller.assessment.guideline.data_version == guideline.data_version
    assert not controller.dirty


def test_overwrite_after_confirmation_keeps_a_backup(
    qtbot, v2_window, old_file, data_v2, prompts, parts
):
    window = v2_window
    before = old_file.read_bytes()
    dialog = _open_and_wait(qtbot, window, old_file, parts)
    prompts.replies.append("overwrite")
    qtbot.mouseClick(dialog.overwrite_button, Qt.MouseButton.LeftButton)
    assert "上書き" in prompts.questions[-1][0]
    assert "バックアップ" in prompts.questions[-1][1]
    assert load_assessment(old_file).guideline.data_version == data_v2["v2_version"]
    backups = [p for p in old_file.parent.rglob("*") if p.is_file() and p.read_bytes() == before]
    assert any(p != old_file for p in backups)


def test_updating_the_data_while_an_assessment_is_open_offers_the_carry_over(
    qtbot,
    window,
    old_file,
    data_v2,
    parts,
):
    assert parts.assessment.open_path(old_file)
    flow = parts.comparisons.carryover
    assert flow.dialog is None
    window.set_guideline(load_guideline(data_v2["v2"]))
    qtbot.waitUntil(lambda: flow.dialog is not None and flow.dialog.isVisible())
    flow.dialog.reject()


def test_a_failed_save_puts_the_old_document_back_and_leaves_no_recovery(
    qtbot,
    v2_window,
    old_file,
    file_dialogs,
    guideline,
    monkeypatch,
    parts,
):
    from haip_desktop.assessment.recovery import find_recoveries

    window = v2_window
    controller = parts.assessment.controller
    dialog = _open_and_wait(qtbot, window, old_file, parts)
    file_dialogs.save_files.append(old_file.with_name("移行.json"))
    monkeypatch.setattr(controller, "save_as", lambda target=None: False)
    qtbot.mouseClick(dialog.new_file_button, Qt.MouseButton.LeftButton)
    assert controller.assessment.guideline.data_version == guideline.data_version
    assert not controller.dirty
    assert find_recoveries(include_running=True) == []
