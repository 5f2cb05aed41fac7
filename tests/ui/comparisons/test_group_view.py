"""グループ集計 over a folder of generated facility files: one row per facility, known numbers."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from PySide6.QtCore import Qt

from haip_desktop.assessment import save_assessment
from haip_desktop.assessment.demo import make_demo_assessment
from haip_desktop.assessment.scoring import coverage_by_risk_category, coverage_by_use_case, overall
from haip_desktop.report.heat import coverage_text
from haip_desktop.ui.comparisons.group_view import GroupView, wrapped

FACILITIES = ["中央病院", "北クリニック", "南薬局"]


def _folder(guideline, tmp_path):  # type: ignore[no-untyped-def]
    folder = tmp_path / "グループ"
    (folder / "sub").mkdir(parents=True)
    latest = {}
    for seed, name in enumerate(FACILITIES):
        a = make_demo_assessment(guideline, fill=0.3 + 0.2 * seed, seed=seed, facility=name)
        save_assessment(a, folder / f"{seed}.json")
        latest[name] = a
    # An older file of the first facility: it makes a trend and does not count.
    old = make_demo_assessment(
        guideline, fill=0.1, seed=0, facility=FACILITIES[0], as_of=dt.date(2024, 4, 1)
    )
    save_assessment(old, folder / "sub" / "old.json")
    (folder / "壊れた.json").write_text("{", encoding="utf-8")
    return folder, latest


def _loaded_view(qtbot, guideline, folder):  # type: ignore[no-untyped-def]
    view = GroupView(guideline)
    qtbot.addWidget(view)
    view.show()
    with qtbot.waitSignal(view.summary_ready, timeout=20000):
        view.load(folder)
    return view


def test_one_row_per_facility_with_the_scoring_numbers(qtbot, guideline, tmp_path):
    folder, latest = _folder(guideline, tmp_path)
    view = _loaded_view(qtbot, guideline, folder)

    names = view.facility_rows("use_case")
    assert sorted(names[:-1]) == sorted(FACILITIES)
    assert names[-1] == "グループ全体"
    for name, a in latest.items():
        row = view.heat_row("use_case", name)
        assert row["全体"] == coverage_text(overall(a, guideline))
        for uc_id, t in coverage_by_use_case(a, guideline).items():
            uc = guideline.use_case(uc_id)
            assert row[f"UC{uc.number}\n{wrapped(uc.name)}"] == coverage_text(t), (name, uc_id)
        risk_row = view.heat_row("risk_category", name)
        for rc_id, t in coverage_by_risk_category(a, guideline).items():
            if t.total:
                assert risk_row[wrapped(guideline.risk_category(rc_id).name)] == coverage_text(t)

    assert "3 施設（読み込んだファイル 4 件）" in view.facts.text()
    assert "読み込めなかったファイル: 1 件" in view.facts.text()
    assert view.unreadable_tree.topLevelItemCount() == 1
    assert view.trend_tree.topLevelItemCount() == 1
    assert view.trend_tree.topLevelItem(0).childCount() == 2
    assert view.missing_table.rowCount() > 0


def test_heat_map_cells_darken_with_coverage(qtbot, guideline, tmp_path):
    folder, _latest = _folder(guideline, tmp_path)
    view = _loaded_view(qtbot, guideline, folder)
    table = view.tables["use_case"]
    colours = {}
    for r in range(table.rowCount()):
        item = table.item(r, 2)
        colours[item.text()] = item.background().color().name()
    assert len(set(colours.values())) >= 2  # different coverage, different shade


def test_csv_export(qtbot, guideline, tmp_path, file_dialogs):
    folder, latest = _folder(guideline, tmp_path)
    view = _loaded_view(qtbot, guideline, folder)
    target = tmp_path / "集計.csv"
    file_dialogs.save_files.append(target)
    qtbot.mouseClick(view.csv_button, Qt.MouseButton.LeftButton)
    data = target.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0][0] == "施設名"
    assert sorted(r[0] for r in rows[1:]) == sorted(FACILITIES)
    by_name = {r[0]: r for r in rows[1:]}
    a = latest["中央病院"]
    assert by_name["中央病院"][7] == f"{overall(a, guideline).coverage * 100:.1f}"


def test_xlsx_export(qtbot, guideline, tmp_path, file_dialogs):
    """The group's workbook from the view, as `group --xlsx` writes it: a row per facility."""
    import openpyxl

    folder, latest = _folder(guideline, tmp_path)
    view = GroupView(guideline)
    qtbot.addWidget(view)
    assert not view.xlsx_button.isEnabled()  # nothing to save before the files are read
    with qtbot.waitSignal(view.summary_ready, timeout=20000):
        view.load(folder)
    assert view.xlsx_button.isEnabled() and view.xlsx_button.text() == "Excelとして保存(&X)…"
    target = tmp_path / "集計.xlsx"
    file_dialogs.save_files.append(target)
    qtbot.mouseClick(view.xlsx_button, Qt.MouseButton.LeftButton)
    assert file_dialogs.asked[-1][0] == "グループ集計をExcelとして保存"
    sheet = openpyxl.load_workbook(target)["施設"]
    names = [row[0] for row in sheet.iter_rows(values_only=True)]
    assert set(FACILITIES) <= set(names) and "グループ全体" in names
    a = latest["中央病院"]
    row = next(r for r in sheet.iter_rows(values_only=True) if r[0] == "中央病院")
    assert row[7] == pytest.approx(overall(a, guideline).coverage)


def test_choosing_files_from_the_tools_menu(
    qtbot, window, actions, guideline, tmp_path, file_dialogs
):
    folder, _latest = _folder(guideline, tmp_path)
    actions.group_action.trigger()
    view = actions.open_dialogs["group"]
    file_dialogs.open_files.append([folder / "0.json", folder / "1.json"])
    with qtbot.waitSignal(view.summary_ready, timeout=20000):
        qtbot.mouseClick(view.files_button, Qt.MouseButton.LeftButton)
    assert view.tables["use_case"].rowCount() == 3  # two facilities and the total
    assert view.pdf_button.isEnabled()


def test_files_against_other_data_versions_are_noted(qtbot, guideline, data_v2, tmp_path):
    from haip_desktop.guideline import load_guideline

    folder, _latest = _folder(guideline, tmp_path)
    v2 = load_guideline(data_v2["v2"])
    save_assessment(
        make_demo_assessment(v2, fill=0.5, seed=9, facility="新版病院"), folder / "v2.json"
    )
    view = _loaded_view(qtbot, guideline, folder)
    assert view.version_note.isVisible()
    assert data_v2["v2_version"] in view.version_note.text()
    assert "新版病院" in view.facility_rows()
    row = view.heat_row("use_case", "新版病院")
    assert data_v2["v2_version"] in row["評価日"]


def test_pdf_export(qtbot, guideline, tmp_path, file_dialogs, monkeypatch):
    from pypdf import PdfReader

    from haip_desktop.ui.widgets import prompts

    asked: list[str] = []

    def ask_text(parent, title, label, default=""):  # type: ignore[no-untyped-def]
        asked.append(default)
        return "緑風会グループ"

    monkeypatch.setattr(prompts, "ask_text", ask_text)
    folder, _latest = _folder(guideline, tmp_path)
    view = _loaded_view(qtbot, guideline, folder)
    target = tmp_path / "集計.pdf"
    file_dialogs.save_files.append(target)
    qtbot.mouseClick(view.pdf_button, Qt.MouseButton.LeftButton)
    assert asked == ["グループ"]  # the folder's name, suggested
    reader = PdfReader(target)
    text = "".join(page.extract_text() for page in reader.pages)
    assert "グループ集計" in text and "緑風会グループ" in text
    assert all(name in text for name in FACILITIES)
    assert reader.metadata.title.startswith("グループ集計｜緑風会グループ（")


def test_pdf_export_cancelled_at_the_name_writes_nothing(
    qtbot, guideline, tmp_path, file_dialogs, monkeypatch
):
    from haip_desktop.ui.widgets import prompts

    monkeypatch.setattr(prompts, "ask_text", lambda *args, **kwargs: None)
    folder, _latest = _folder(guideline, tmp_path)
    view = _loaded_view(qtbot, guideline, folder)
    assert view.save_pdf() is None
    assert file_dialogs.asked == []  # not even asked where
    assert not list(tmp_path.glob("*.pdf"))
