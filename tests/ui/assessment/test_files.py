"""Opening files that are broken, locked by someone else, or left behind by a crash."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

from PySide6.QtCore import Qt

from haip_desktop.assessment import Status, load_assessment, save_assessment
from haip_desktop.assessment.demo import make_demo_assessment
from haip_desktop.assessment.lock import LockOwner, host_name, lock_path_for
from haip_desktop.assessment.recovery import (
    RecoveryFile,
    find_recoveries,
    recovery_file,
    recovery_key,
)

from ..conftest import type_text, when_shown


def _demo_file(guideline, tmp_path, name="評価.haipeval"):  # type: ignore[no-untyped-def]
    path = tmp_path / name
    save_assessment(make_demo_assessment(guideline, fill=0.5, seed=3), path)
    return path


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_corrupt_file_shows_a_japanese_error_and_is_left_alone(
    window,
    controller,
    prompts,
    tmp_path,
    parts,
):
    path = tmp_path / "壊れた評価.haipeval"
    broken = b'{"schema_version": 1, "facility": {"name": "\xe3\x81\x82'
    path.write_bytes(broken)

    assert not parts.assessment.open_path(path)

    title, text = prompts.errors[-1]
    assert title == "評価ファイルを開けません"
    assert str(path) in text and "行" in text  # what, and where
    assert controller.assessment is None
    assert path.read_bytes() == broken
    assert not lock_path_for(path).exists()


def test_file_locked_by_someone_else_opens_read_only(
    qtbot,
    window,
    controller,
    page,
    guideline,
    tmp_path,
    parts,
):
    path = _demo_file(guideline, tmp_path)
    before = path.read_bytes()
    now = dt.datetime.now().astimezone()
    other = LockOwner(user="suzuki", host="nurse-station-pc", pid=4242, since=now, refreshed=now)
    lock_path_for(path).write_bytes(other.to_json())

    assert parts.assessment.open_path(path)

    assert controller.read_only
    assert page.banner.isVisible()
    assert "suzuki" in page.banner_text.text() and "nurse-station-pc" in page.banner_text.text()
    assert "読み取り専用" in window.windowTitle()
    assert not page.take_over_button.isVisible()  # a fresh lock from another PC
    editor = page.answer_view.editor
    assert not editor.status_buttons[Status.DONE].isEnabled()
    assert editor.note.isReadOnly()
    answers = page.answer_view.list
    answers.setFocus()
    cm_id = answers.current_countermeasure()
    status = controller.assessment.answer(cm_id).status
    qtbot.keyClick(answers, Qt.Key.Key_1 if status is not Status.DONE else Qt.Key.Key_3)
    assert controller.assessment.answer(cm_id).status is status
    assert not controller.dirty
    assert path.read_bytes() == before
    assert lock_path_for(path).read_bytes() == other.to_json()  # their lock is untouched


def test_stale_lock_is_taken_over_after_confirmation(
    window,
    controller,
    page,
    prompts,
    guideline,
    tmp_path,
    parts,
):
    path = _demo_file(guideline, tmp_path)
    now = dt.datetime.now().astimezone()
    crashed = LockOwner(user="tanaka", host=host_name(), pid=_dead_pid(), since=now, refreshed=now)
    lock_path_for(path).write_bytes(crashed.to_json())

    prompts.replies = ["take"]
    assert parts.assessment.open_path(path)

    title, text, keys = prompts.questions[-1]
    assert title == "ロックの引き継ぎ" and "tanaka" in text
    assert not controller.read_only
    assert not page.banner.isVisible()
    assert page.answer_view.editor.status_buttons[Status.DONE].isEnabled()
    assert LockOwner.from_json(lock_path_for(path).read_bytes()).is_this_process


def test_stale_lock_kept_when_the_person_declines(
    window,
    controller,
    page,
    prompts,
    guideline,
    tmp_path,
    parts,
):
    path = _demo_file(guideline, tmp_path)
    now = dt.datetime.now().astimezone()
    crashed = LockOwner(user="tanaka", host=host_name(), pid=_dead_pid(), since=now, refreshed=now)
    lock_path_for(path).write_bytes(crashed.to_json())

    prompts.replies = ["keep"]
    assert parts.assessment.open_path(path)
    assert controller.read_only
    assert page.take_over_button.isVisible()  # can still decide later
    prompts.replies = ["take"]
    page.take_over_button.click()
    assert not controller.read_only


def test_recovery_offered_after_a_crash(qtbot, guideline, prompts, tmp_path):
    from haip_desktop.ui.app import build_main_window

    # The work of a program that died without saving: an autosave whose writer is gone.
    crashed = make_demo_assessment(guideline, fill=0.3, seed=5, facility="ひかり病院")
    key = recovery_key(None)
    record = RecoveryFile(
        key=key,
        original_path=None,
        saved_at=dt.datetime.now().astimezone(),
        host=host_name(),
        pid=_dead_pid(),
        assessment=crashed,
    )
    recovery_file(key).write_bytes(record.model_dump_json().encode("utf-8"))

    prompts.replies = ["restore"]
    window, parts = build_main_window(settings_path=tmp_path / "ui.json")
    window.show()
    window.set_guideline(guideline)
    controller = parts.assessment.controller
    qtbot.waitUntil(lambda: controller.assessment is not None)

    title, text, _keys = prompts.questions[0]
    assert title == "作業の復元" and "ひかり病院" in text
    assert controller.assessment.answers == crashed.answers
    assert controller.dirty and controller.path is None
    assert window.windowTitle().startswith("無題（ひかり病院）*")
    assert window.current_location.page == "assessment"
    # Saving it ends the recovery file's life.
    target = tmp_path / "復元した評価.haipeval"
    assert controller.save_as(target)
    assert find_recoveries(include_running=True) == []
    controller.dirty = False
    window.close()


def test_unsaved_work_is_autosaved_on_status_change(qtbot, window, opened, page):
    answers = page.answer_view.list
    answers.setFocus()
    cm_id = answers.current_countermeasure()
    qtbot.keyClick(answers, Qt.Key.Key_2)
    copies = find_recoveries(include_running=True)
    assert len(copies) == 1
    assert copies[0].load().answer(cm_id).status is Status.PARTIAL
    assert copies[0].facility_name == "テスト病院"


def test_privacy_warning_before_saving(qtbot, window, opened, page, tmp_path):
    target = tmp_path / "評価.haipeval"
    editor = page.answer_view.editor
    cm_id = editor.countermeasure.id
    type_text(editor.note, "患者ID 12345 の件で確認")
    assert opened.assessment.answer(cm_id).note == "患者ID 12345 の件で確認"

    seen: dict[str, object] = {}

    def look_and_refuse(dialog) -> None:  # type: ignore[no-untyped-def]
        seen["rows"] = [
            [dialog.table.item(r, c).text() for c in range(dialog.table.columnCount())]
            for r in range(dialog.table.rowCount())
        ]
        dialog.cancel_button.click()

    when_shown(lambda: getattr(opened, "privacy_dialog", None), look_and_refuse)
    assert not opened.save_as(target)
    assert not target.exists()
    (row,) = seen["rows"]
    assert row[0].startswith(cm_id)
    assert row[1] == "メモ"
    assert "患者ID 12345" in row[3]
    assert window.windowTitle().startswith("無題（テスト病院）*")

    opened.privacy_dialog = None
    when_shown(lambda: getattr(opened, "privacy_dialog", None), lambda d: d.keep_button.click())
    assert opened.save_as(target)
    assert load_assessment(target).answer(cm_id).note == "患者ID 12345 の件で確認"
    assert "*" not in window.windowTitle()


def test_recent_files_reopen(window, controller, prompts, guideline, tmp_path, parts):
    first = _demo_file(guideline, tmp_path, "一つ目.haipeval")
    second = _demo_file(guideline, tmp_path, "二つ目.haipeval")
    assert parts.assessment.open_path(first)
    assert parts.assessment.open_path(second)
    assert not lock_path_for(first).exists()  # closing released it
    parts.assessment.recent_menu.aboutToShow.emit()
    entries = [a.text() for a in parts.assessment.recent_menu.actions()]
    assert entries[0].startswith("&1 二つ目.haipeval") and entries[1].startswith(
        "&2 一つ目.haipeval"
    )
    parts.assessment.recent_menu.actions()[1].trigger()
    assert controller.path == first


def test_privacy_warning_leads_to_the_item(qtbot, window, opened, page, tmp_path):
    answers = page.answer_view.list
    first = answers.current_countermeasure()
    opened.set_answer(first, evidence="マイナンバー 1234 5678 9012 の控え")
    qtbot.keyClick(answers, Qt.Key.Key_Down)
    assert answers.current_countermeasure() != first

    def fix(dialog) -> None:  # type: ignore[no-untyped-def]
        dialog.table.selectRow(0)
        dialog.fix_button.click()

    when_shown(lambda: getattr(opened, "privacy_dialog", None), fix)
    assert not opened.save_as(tmp_path / "x.haipeval")
    assert not (tmp_path / "x.haipeval").exists()
    assert answers.current_countermeasure() == first
    assert page.answer_view.editor.evidence.toPlainText().startswith("マイナンバー")


def test_read_only_register_cannot_be_changed(window, controller, page, guideline, tmp_path, parts):
    path = _demo_file(guideline, tmp_path)
    now = dt.datetime.now().astimezone()
    other = LockOwner(user="suzuki", host="other-pc", pid=1, since=now, refreshed=now)
    lock_path_for(path).write_bytes(other.to_json())
    assert parts.assessment.open_path(path)
    page.tabs.setCurrentWidget(page.tool_view)
    assert not page.tool_view.add_button.isEnabled()
    assert page.tool_view.name.isReadOnly()
    page.tabs.setCurrentWidget(page.overview_view)
    assert not page.overview_view.edit_button.isEnabled()


def test_losing_the_lock_turns_the_document_read_only(
    window,
    controller,
    page,
    guideline,
    tmp_path,
    parts,
):
    path = _demo_file(guideline, tmp_path)
    assert parts.assessment.open_path(path)
    assert not controller.read_only
    now = dt.datetime.now().astimezone()
    other = LockOwner(user="suzuki", host="other-pc", pid=7, since=now, refreshed=now)
    lock_path_for(path).write_bytes(other.to_json())  # someone took it over from another PC

    controller.lock_timer.timeout.emit()  # the periodic refresh notices

    assert controller.read_only
    assert page.banner.isVisible() and "名前を付けて保存" in page.banner_text.text()
    assert not page.answer_view.editor.status_buttons[Status.DONE].isEnabled()
    assert lock_path_for(path).read_bytes() == other.to_json()


def test_own_crashed_lock_is_taken_back_without_asking(
    window,
    controller,
    prompts,
    guideline,
    tmp_path,
    parts,
):
    from haip_desktop.assessment.history import os_user

    path = _demo_file(guideline, tmp_path)
    now = dt.datetime.now().astimezone()
    mine = LockOwner(user=os_user(), host=host_name(), pid=_dead_pid(), since=now, refreshed=now)
    lock_path_for(path).write_bytes(mine.to_json())

    assert parts.assessment.open_path(path)

    assert prompts.questions == []
    assert not controller.read_only
    assert LockOwner.from_json(lock_path_for(path).read_bytes()).is_this_process


def test_save_as_offers_a_haipeval_file(qtbot, window, opened, monkeypatch, tmp_path):
    from PySide6.QtWidgets import QFileDialog

    from haip_desktop.paths import default_assessment_dir

    asked: list[tuple[str, str]] = []

    def pick(_parent, _title, suggested, filters):  # type: ignore[no-untyped-def]
        asked.append((suggested, filters))
        return str(tmp_path / "テスト病院の評価"), filters.split(";;")[0]  # typed without suffix

    monkeypatch.setattr(QFileDialog, "getSaveFileName", pick)
    qtbot.keyClick(
        window,
        Qt.Key.Key_S,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )

    ((suggested, filters),) = asked
    assert suggested == str(
        default_assessment_dir() / f"テスト病院_{opened.assessment.assessment_date}.haipeval"
    )
    assert filters.split(";;")[0] == "評価ファイル (*.haipeval)"
    saved = tmp_path / "テスト病院の評価.haipeval"
    assert opened.path == saved
    assert load_assessment(saved).facility.name == "テスト病院"
    assert window.windowTitle().startswith("テスト病院の評価.haipeval")


def test_open_accepts_haipeval_and_older_json_files(
    window,
    controller,
    guideline,
    monkeypatch,
    tmp_path,
    parts,
):
    from PySide6.QtWidgets import QFileDialog

    older = _demo_file(guideline, tmp_path, "昨年度の評価.json")  # as earlier versions saved
    asked: list[str] = []

    def pick(_parent, _title, _folder, filters):  # type: ignore[no-untyped-def]
        asked.append(filters)
        return str(older), filters.split(";;")[0]

    monkeypatch.setattr(QFileDialog, "getOpenFileName", pick)
    parts.assessment.open_action.trigger()

    assert asked[0].split(";;")[0] == "評価ファイル (*.haipeval *.json)"
    assert controller.path == older
    assert controller.assessment is not None and not controller.read_only


def test_other_assessment_choosers_accept_both_extensions(qtbot):
    """前回の評価から新規作成 and the carry-over pick assessment files with the same filter."""
    from haip_desktop.ui.widgets.file_dialogs import assessment_filter

    assert assessment_filter().split(";;")[0] == "評価ファイル (*.haipeval *.json)"


def test_privacy_warning_names_a_tool_note_in_japanese(qtbot, window, opened, page, tmp_path):
    tool = opened.add_tool("薬歴AI")
    opened.update_tool(tool.id, note="患者ID 12345 で試験運用")
    seen: list[list[str]] = []

    def look_and_refuse(dialog) -> None:  # type: ignore[no-untyped-def]
        seen.extend(
            [dialog.table.item(r, c).text() for c in range(2)]
            for r in range(dialog.table.rowCount())
        )
        dialog.cancel_button.click()

    when_shown(lambda: getattr(opened, "privacy_dialog", None), look_and_refuse)
    assert not opened.save_as(tmp_path / "評価.haipeval")
    assert seen == [["AIツール 薬歴AI", "メモ"]]


def test_the_lock_names_the_assessor_for_others_to_see(
    window, controller, guideline, tmp_path, parts
):
    path = _demo_file(guideline, tmp_path)
    assessor = load_assessment(path).assessors[0]

    assert parts.assessment.open_path(path)

    owner = LockOwner.from_json(lock_path_for(path).read_bytes())
    assert owner.who == assessor


def test_a_file_with_text_no_file_can_hold_is_refused_naming_the_field(
    parts, controller, prompts, guideline, tmp_path
):
    path = _demo_file(guideline, tmp_path)
    text = path.read_text(encoding="utf-8")
    broken = text.replace('"note": "', '"note": "\\ud800', 1).encode("utf-8")
    path.write_bytes(broken)

    assert not parts.assessment.open_path(path)

    title, message = prompts.errors[-1]
    assert title == "評価ファイルを開けません"
    assert "保存できない文字" in message and "› メモ" in message
    assert controller.assessment is None
    assert path.read_bytes() == broken


def test_a_save_that_cannot_write_the_text_says_which_field_and_autosave_keeps_the_work(
    opened, prompts, tmp_path
):
    opened.assessment.assessors.append("山田\ud800")  # a list changed in place: not validated
    opened.dirty = True
    target = tmp_path / "保存先.haipeval"

    assert not opened.save_as(target)

    title, message = prompts.errors[-1]
    assert title == "評価ファイルを保存できません"
    assert "評価者 › 2 件目" in message and "入力し直して" in message
    assert not target.exists()
    opened.autosave()
    [recovery] = find_recoveries(include_running=True)
    assert recovery.load().assessors[-1] == "山田\ufffd"


def test_the_recent_list_keeps_a_file_name_that_is_not_utf8(tmp_path):
    """Issue 14: the list is written by the one atomic writer, and any name survives."""
    from haip_desktop.ui.assessment.recent_files import load_recent, remember_recent

    store = tmp_path / "recent.json"
    odd = tmp_path / "x\udcff.haipeval"  # how Linux hands Python the byte 0xFF of a name
    remember_recent(tmp_path / "評価.haipeval", store)
    remember_recent(odd, store)
    assert load_recent(store) == [odd.resolve(), (tmp_path / "評価.haipeval").resolve()]
    assert [p.name for p in tmp_path.iterdir()] == ["recent.json"]
