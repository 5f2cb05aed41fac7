"""Excel in the window (issue 13): ファイル → Excel に書き出す…, 質問票を作成…, 回答を取り込む…
as a person uses them — the file asked for, the preview before anything changes, the answers
taken into the document and saved, the history naming the respondent and the file."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QStyle

from haip_desktop.assessment import load_assessment, save_assessment
from haip_desktop.assessment.demo import make_demo_assessment
from haip_desktop.assessment.editing import set_answer
from haip_desktop.assessment.questionnaire import department_steps, vendor_questionnaire
from haip_desktop.report.xlsx_questionnaire import write_questionnaire

from ...xlsx_filling import damaged, fill, layout
from ..conftest import when_shown


@pytest.fixture
def excel(parts):  # type: ignore[no-untyped-def]
    return parts.assessment.excel


@pytest.fixture
def assessment_file(tmp_path: Path, guideline) -> Path:  # type: ignore[no-untyped-def]
    path = tmp_path / "評価.haipeval"
    save_assessment(make_demo_assessment(guideline, fill=0.5, seed=6), path)
    return path


@pytest.fixture
def opened_file(parts, controller, assessment_file: Path):  # type: ignore[no-untyped-def]
    assert parts.assessment.open_path(assessment_file)
    return assessment_file


def _wait_for_task(qtbot, excel) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: excel.task is not None and not excel.task.running, timeout=20000)


def _status(window) -> str:  # type: ignore[no-untyped-def]
    return window.statusBar().currentMessage()


def test_the_entries_are_in_the_file_menu_and_wait_for_an_open_assessment(
    window, excel, parts
) -> None:
    texts = [a.text() for a in window.file_menu.actions()]
    for entry in ("回答を取り込む(&I)…", "質問票を作成(&Q)…", "Excel に書き出す(&X)…"):
        assert entry in texts
    assert not any(a.isEnabled() for a in excel.actions)
    assert not parts.assessment.has_controller  # looking at the menu opened nothing


def test_import_waits_for_an_editable_document(excel, parts, controller, assessment_file) -> None:
    """A file someone else has open is read-only here: it can be exported and asked about,
    not written into."""
    import datetime as dt

    from haip_desktop.assessment.lock import LockOwner, lock_path_for

    now = dt.datetime.now().astimezone()
    other = LockOwner(user="suzuki", host="nurse-station-pc", pid=4242, since=now, refreshed=now)
    lock_path_for(assessment_file).write_bytes(other.to_json())
    assert parts.assessment.open_path(assessment_file)
    assert controller.read_only
    assert excel.export_action.isEnabled() and excel.questionnaire_action.isEnabled()
    assert not excel.import_action.isEnabled()
    controller.close_document()
    assert not any(a.isEnabled() for a in excel.actions)


def test_export_writes_the_workbook_off_the_ui_thread(
    qtbot, window, excel, opened_file, file_dialogs, tmp_path
) -> None:
    out = tmp_path / "書き出し.xlsx"
    file_dialogs.save_files.append(out)
    excel.export_action.trigger()
    _wait_for_task(qtbot, excel)
    title, suggested = file_dialogs.asked[-1]
    assert title == "Excel に書き出す" and suggested.endswith(".xlsx")
    assert Path(suggested).parent == opened_file.parent  # beside the assessment
    assert load_workbook(out).sheetnames[0] == "概要"
    assert _status(window).startswith(f"Excel に書き出しました: {out}（")


def test_an_export_that_cannot_be_written_says_where_and_why(
    qtbot, excel, opened_file, file_dialogs, prompts, tmp_path
) -> None:
    file_dialogs.save_files.append(tmp_path / "ない" / "書き出し.xlsx")
    excel.export_action.trigger()
    _wait_for_task(qtbot, excel)
    title, text = prompts.errors[-1]
    assert title == "書き出せません" and "見つかりません" in text


def test_a_vendor_questionnaire_is_chosen_in_the_dialog_and_written(
    qtbot, window, excel, opened_file, controller, file_dialogs, tmp_path
) -> None:
    out = tmp_path / "ベンダー.xlsx"
    file_dialogs.save_files.append(out)
    chosen: list[str] = []

    def choose_vendor(dialog) -> None:  # type: ignore[no-untyped-def]
        dialog.vendor.setChecked(True)
        chosen.append(dialog.tool_box.currentData())
        dialog.write_button.click()

    when_shown(lambda: excel.questionnaire_dialog, choose_vendor)
    excel.questionnaire_action.trigger()
    _wait_for_task(qtbot, excel)
    assert file_dialogs.asked[-1][0] == "質問票を保存"
    workbook = load_workbook(out)
    assert workbook.sheetnames == ["回答", "識別情報"]
    assert workbook["識別情報"]["B3"].value == controller.assessment.id
    assert _status(window).startswith(f"質問票を書き出しました: {out}（ベンダー用、")
    assert chosen and chosen[0].startswith("T-")


def test_a_department_questionnaire_needs_a_step_checked(
    qtbot, excel, opened_file, file_dialogs, tmp_path
) -> None:
    out = tmp_path / "病棟.xlsx"
    file_dialogs.save_files.append(out)
    seen: list[str] = []

    def check_a_step(dialog) -> None:  # type: ignore[no-untyped-def]
        dialog.department.setChecked(True)
        dialog.write_button.click()  # nothing checked yet
        seen.append(dialog.problem.text() if dialog.problem.isVisible() else "")
        dialog.step_items()[0].setCheckState(0, Qt.CheckState.Checked)
        dialog.write_button.click()

    when_shown(lambda: excel.questionnaire_dialog, check_a_step)
    excel.questionnaire_action.trigger()
    _wait_for_task(qtbot, excel)
    assert seen == ["尋ねる業務ステップに、1つ以上チェックを付けてください。"]
    assert load_workbook(out)["回答"].protection.sheet


def _vendor_answers(controller, guideline, tmp_path: Path, answers) -> tuple[Path, str]:  # type: ignore[no-untyped-def]
    tool = next(
        t for t in controller.assessment.tools if t.approval.value != "prohibited"
    )  # the first tool answered for
    blank = tmp_path / "質問票.xlsx"
    write_questionnaire(vendor_questionnaire(controller.assessment, guideline, tool.id), blank)
    ids = layout(load_workbook(blank)["回答"])[2]
    first = min(ids, key=ids.__getitem__)
    filled = tmp_path / "ベンダー回答.xlsx"
    filled.write_bytes(fill(blank, answers(first), respondent="ベンダー 山田"))
    return filled, first


def test_answers_are_previewed_then_taken_in_and_saved(
    qtbot, window, excel, opened_file, controller, guideline, file_dialogs, tmp_path
) -> None:
    filled, first = _vendor_answers(
        controller,
        guideline,
        tmp_path,
        lambda first: {first: {"状況": "実施済", "根拠資料": "保守契約書 第7条"}},
    )
    tool_id = next(t.id for t in controller.assessment.tools if t.approval.value != "prohibited")
    file_dialogs.open_files.append(filled)
    seen: dict[str, object] = {}

    def look_and_take(dialog) -> None:  # type: ignore[no-untyped-def]
        seen["summary"] = dialog.summary.text()
        top = dialog.changes.topLevelItem(0)
        seen["item"] = top.text(0)
        seen["fields"] = [
            (top.child(i).text(0), top.child(i).text(1), top.child(i).text(2))
            for i in range(top.childCount())
        ]
        seen["problems visible"] = dialog.problems.isVisible()
        dialog.apply_button.click()

    when_shown(lambda: excel.import_dialog, look_and_take)
    before = opened_file.read_bytes()
    excel.import_action.trigger()
    qtbot.waitUntil(lambda: "回答を取り込みました" in _status(window), timeout=20000)
    assert "回答者: ベンダー 山田（回答日 2026-12-10）" in str(seen["summary"])
    assert "変わる回答 1 件" in str(seen["summary"])
    assert str(seen["item"]).startswith(first)
    assert ("根拠資料", "（空欄）", "保守契約書 第7条") in seen["fields"]  # type: ignore[operator]
    assert seen["problems visible"] is False
    # the document has the answer, it is saved, and the previous version is kept
    answer = controller.assessment.tool_answers[tool_id][first]
    assert answer.evidence == "保守契約書 第7条"
    assert not controller.dirty
    assert load_assessment(opened_file).tool_answers[tool_id][first].evidence == "保守契約書 第7条"
    backups = list((opened_file.parent / ".haip-backup").iterdir())
    assert [b.read_bytes() for b in backups] == [before]
    history = json.loads(opened_file.read_text("utf-8"))["history"]
    entry = next(h for h in history if h["item"] == first and h["field"] == "evidence")
    assert entry["who"] == "ベンダー 山田" and entry["tool"] == tool_id
    assert "回答の取り込み: ベンダー回答.xlsx" in entry["note"]


def test_a_file_with_bad_rows_shows_them_and_changes_nothing(
    qtbot, excel, opened_file, controller, guideline, file_dialogs, tmp_path
) -> None:
    filled, first = _vendor_answers(
        controller, guideline, tmp_path, lambda first: {first: {"状況": "たぶん"}}
    )
    row = layout(load_workbook(filled)["回答"])[2][first]
    file_dialogs.open_files.append(filled)
    seen: dict[str, object] = {}

    def look(dialog) -> None:  # type: ignore[no-untyped-def]
        item = dialog.problems.topLevelItem(0)
        seen["problem"] = [item.text(i) for i in range(4)]
        seen["apply"] = dialog.apply_button
        seen["summary"] = dialog.summary.text()
        dialog.reject()

    when_shown(lambda: excel.import_dialog, look)
    before = opened_file.read_bytes()
    document = controller.assessment.model_copy(deep=True)
    excel.import_action.trigger()
    qtbot.waitUntil(lambda: "problem" in seen, timeout=20000)
    _wait_for_task(qtbot, excel)
    sheet, number, column, message = seen["problem"]  # type: ignore[misc]
    assert (sheet, number, column) == ("回答", str(row), "状況")
    assert "「たぶん」は選べる状況ではありません" in message
    assert seen["apply"] is None and "ファイル全体を取り込みません" in str(seen["summary"])
    assert controller.assessment == document and not controller.dirty
    assert opened_file.read_bytes() == before


def test_a_conflict_is_decided_in_the_preview(
    qtbot, window, excel, opened_file, controller, guideline, file_dialogs, tmp_path
) -> None:
    filled, first = _vendor_answers(
        controller, guideline, tmp_path, lambda first: {first: {"担当者": "ベンダー保守窓口"}}
    )
    tool_id = next(t.id for t in controller.assessment.tools if t.approval.value != "prohibited")
    set_answer(controller.assessment, first, who="委員会", tool_id=tool_id, owner="情報システム課")
    file_dialogs.open_files.append(filled)
    seen: list[str] = []

    def take_theirs(dialog) -> None:  # type: ignore[no-untyped-def]
        seen.append(dialog.summary.text())
        seen.append(dialog.changes.topLevelItem(0).child(0).text(0))
        dialog.choose(((first, tool_id), "owner"), take=True)
        dialog.apply_button.click()

    when_shown(lambda: excel.import_dialog, take_theirs)
    excel.import_action.trigger()
    qtbot.waitUntil(lambda: "回答を取り込みました" in _status(window), timeout=20000)
    assert "競合" in seen[0]
    assert seen[1] == "［競合］担当者"
    assert controller.assessment.tool_answers[tool_id][first].owner == "ベンダー保守窓口"


def test_a_file_that_is_no_workbook_is_told_in_japanese(
    qtbot, excel, opened_file, file_dialogs, prompts, tmp_path
) -> None:
    bogus = tmp_path / "回答.xlsx"
    bogus.write_text("対策ID,状況\n", encoding="utf-8")
    file_dialogs.open_files.append(bogus)
    excel.import_action.trigger()
    _wait_for_task(qtbot, excel)
    title, text = prompts.errors[-1]
    assert title == "回答を取り込めません" and "Excel のブック（.xlsx）ではありません" in text


def test_a_damaged_workbook_is_told_in_japanese(
    qtbot, excel, opened_file, controller, guideline, file_dialogs, prompts, tmp_path
) -> None:
    filled, _first = _vendor_answers(
        controller, guideline, tmp_path, lambda first: {first: {"状況": "実施済"}}
    )
    filled.write_bytes(damaged(filled.read_bytes(), "cut"))
    file_dialogs.open_files.append(filled)
    before = opened_file.read_bytes()
    excel.import_action.trigger()
    _wait_for_task(qtbot, excel)
    title, text = prompts.errors[-1]
    assert title == "回答を取り込めません"
    assert "Excel のブックとして読めません（壊れています）" in text and "保存し直して" in text
    assert "Error" not in text and not controller.dirty
    assert opened_file.read_bytes() == before


def test_the_preview_as_a_person_sees_it(
    qtbot, excel, opened_file, controller, guideline, tmp_path
) -> None:
    """Rendered offscreen and saved to /tmp for looking at (not kept in git)."""
    from haip_desktop.assessment.answer_import import read_answers
    from haip_desktop.ui.assessment.answer_import_dialog import AnswerImportDialog

    filled, first = _vendor_answers(
        controller,
        guideline,
        tmp_path,
        lambda first: {
            first: {"状況": "一部実施", "備考": "次回の更新で対応予定", "目標日": "2027/3/31"}
        },
    )
    preview = read_answers(filled, controller.assessment, guideline)
    dialog = AnswerImportDialog(preview)
    qtbot.addWidget(dialog)
    dialog.show()
    QApplication.processEvents()
    assert dialog.changes.topLevelItemCount() == 1
    if os.environ.get("HAIP_SCREENSHOTS"):
        dialog.grab().save(str(Path(os.environ["HAIP_SCREENSHOTS"]) / "answer-import.png"))


def test_the_window_starts_without_loading_openpyxl() -> None:
    code = (
        "import sys\n"
        "from haip_desktop.ui.app import build_main_window\n"
        "from haip_desktop.ui.startup.early_init import *\n"
        "from PySide6.QtWidgets import QApplication\n"
        "app = QApplication([])\n"
        "window, parts = build_main_window()\n"
        "window.file_menu.aboutToShow.emit()\n"
        "print('openpyxl' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        timeout=120,
    )
    assert result.stdout.strip().splitlines()[-1] == "False", result.stderr[-2000:]


def test_the_way_to_migrate_named_by_the_questionnaire_is_a_real_menu_entry(
    window, guideline
) -> None:
    """A questionnaire is not written from an assessment on other guideline data; the message
    sends the person to a menu entry, which must be there under that name."""
    import re

    from haip_desktop.assessment.models import GuidelineRef
    from haip_desktop.assessment.questionnaire import QuestionnaireError

    assessment = make_demo_assessment(guideline, fill=0.2, seed=3)
    assessment.guideline = GuidelineRef(id=guideline.id, edition=1, data_version="0.0.1")
    with pytest.raises(QuestionnaireError) as info:
        vendor_questionnaire(assessment, guideline, assessment.tools[0].id)
    menu_name, entry = re.search(r"「([^」]+)」→「([^」]+)」", str(info.value)).groups()  # type: ignore[union-attr]

    def plain(text: str) -> str:
        return re.sub(r"\(&\w\)|&", "", text)

    (menu,) = [
        a.menu() for a in window.menuBar().actions() if a.menu() and plain(a.text()) == menu_name
    ]
    actions = list(menu.actions())
    for action in list(actions):  # and those of its submenus
        actions += action.menu().actions() if action.menu() else []
    entries = [plain(a.text()) for a in actions]
    assert entry in entries, entries


def test_department_steps_offered_are_those_in_scope(
    excel, opened_file, controller, guideline
) -> None:
    steps = department_steps(controller.assessment, guideline)
    assert steps and all(s.items > 0 for s in steps)


def test_the_problem_rows_show_their_column_names_whole(qtbot, tmp_path) -> None:
    """「該当なしの理由」 was cut to 「該当なしの…」 in the 列 column of the problem rows."""
    from haip_desktop.assessment.answer_import import AnswerImport, RowProblem
    from haip_desktop.ui.assessment.answer_import_dialog import AnswerImportDialog

    preview = AnswerImport(tmp_path / "回答.xlsx", "A-1")
    preview.problems = [
        RowProblem("回答", 22, "該当なしの理由", "「該当なし」には、該当しない理由が必要です。"),
        RowProblem("回答", 1024, "状況", "「済み」は選べる状況ではありません。"),
    ]
    dialog = AnswerImportDialog(preview)
    qtbot.addWidget(dialog)
    font = dialog.font()
    font.setPointSizeF(font.pointSizeF() * 2)  # the text size at 200%
    dialog.setFont(font)
    dialog.show()
    QApplication.processEvents()
    problems = dialog.problems
    metrics = problems.fontMetrics()
    # An item view draws its text inside a margin on each side (QCommonStyle).
    margin = 2 * (problems.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin) + 1)
    for row in range(problems.topLevelItemCount()):
        item = problems.topLevelItem(row)
        for column in range(3):  # シート, 行, 列: short texts, each shown whole
            needed = metrics.horizontalAdvance(item.text(column)) + margin
            assert problems.header().sectionSize(column) >= needed, item.text(column)


def test_a_long_problem_message_wraps_to_be_read_whole(qtbot, tmp_path) -> None:
    """At 200% the 直すこと column ended in 「…」: its rows grow to hold the whole message."""
    from haip_desktop.assessment.answer_import import AnswerImport, RowProblem
    from haip_desktop.ui.assessment.answer_import_dialog import AnswerImportDialog

    long = (
        "目標日の 2926-03-31 は日付の範囲（2000〜2100 年）の外です。"
        "年を確かめて入力し直してください。質問票を書き直した場合は、もう一度取り込みます。"
    )
    preview = AnswerImport(tmp_path / "回答.xlsx", "A-1")
    preview.problems = [
        RowProblem("回答", 22, "目標日", long),
        RowProblem("回答", 23, "状況", "短い"),
    ]
    dialog = AnswerImportDialog(preview)
    qtbot.addWidget(dialog)
    font = dialog.font()
    font.setPointSizeF(font.pointSizeF() * 2)  # the text size at 200%
    dialog.setFont(font)
    dialog.resize(900, 600)
    dialog.show()
    QApplication.processEvents()
    problems = dialog.problems
    width = problems.header().sectionSize(3)
    metrics = problems.fontMetrics()
    assert metrics.horizontalAdvance(long) > 2 * width  # the message needs three lines or more
    tall = problems.visualItemRect(problems.topLevelItem(0)).height()
    short = problems.visualItemRect(problems.topLevelItem(1)).height()
    assert tall >= 3 * metrics.lineSpacing() and short < 2 * metrics.lineSpacing()


def test_a_ward_ticks_its_flow_once_for_all_its_steps(qtbot) -> None:
    """Choosing 病棟 → 入院 took eight ticks; the flow's box ticks them all."""
    from haip_desktop.assessment.questionnaire import StepChoice
    from haip_desktop.ui.assessment.questionnaire_dialog import QuestionnaireDialog

    steps = [
        StepChoice("ST-OUT-01", "外来 › 受付・予約", 5, flow="外来", name="受付・予約"),
        StepChoice("ST-IN-01", "入院 › 入院受付", 5, flow="入院", name="入院受付"),
        StepChoice("ST-IN-04", "入院 › 看護記録", 9, flow="入院", name="看護記録"),
    ]
    dialog = QuestionnaireDialog(steps, [])
    qtbot.addWidget(dialog)
    tree = dialog.step_tree
    assert [tree.topLevelItem(i).text(0) for i in range(tree.topLevelItemCount())] == [
        "外来",
        "入院",
    ]
    assert [i.text(0) for i in dialog.step_items()] == [
        "受付・予約（5 項目）",
        "入院受付（5 項目）",
        "看護記録（9 項目）",
    ]
    tree.topLevelItem(1).setCheckState(0, Qt.CheckState.Checked)
    assert dialog.checked_steps() == ["ST-IN-01", "ST-IN-04"]
    dialog.step_items()[2].setCheckState(0, Qt.CheckState.Unchecked)
    assert tree.topLevelItem(1).checkState(0) == Qt.CheckState.PartiallyChecked
    assert dialog.checked_steps() == ["ST-IN-01"]
