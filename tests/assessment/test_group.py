"""グループ集計: a group of generated facility files with known statuses."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

import pytest

from haip_desktop.assessment import load_assessment, scoring
from haip_desktop.assessment.group import assessment_files, load_group
from haip_desktop.assessment.models import (
    AITool,
    Answer,
    Approval,
    Assessment,
    Facility,
    FacilityKind,
    GuidelineRef,
    Scope,
    Status,
)
from haip_desktop.assessment.parts import Part
from haip_desktop.assessment.scope import default_scope, items_in_scope, tool_countermeasures_for
from haip_desktop.assessment.store import save_assessment
from haip_desktop.guideline import Level, load_guideline

AT = dt.datetime(2026, 4, 1, 9, 0, tzinfo=dt.UTC)


def make(
    guideline,
    name,
    kind,
    day,
    statuses,
    scope=None,
    data_version=None,
    tools=(),
    tool_statuses=None,
) -> Assessment:
    def answers(by_id: dict) -> dict:
        return {
            cm_id: Answer(status=s, na_reason="対象外" if s is Status.NOT_APPLICABLE else "")
            for cm_id, s in by_id.items()
        }

    return Assessment(
        guideline=GuidelineRef(
            id=guideline.id,
            edition=guideline.edition,
            data_version=data_version or guideline.data_version,
        ),
        facility=Facility(name=name, kind=kind),
        assessment_date=day,
        scope=scope or Scope(all=True),
        tools=list(tools),
        answers=answers(statuses),
        tool_answers={t: answers(by_id) for t, by_id in (tool_statuses or {}).items()},
        created_at=AT,
        updated_at=AT,
    )


@pytest.fixture
def group_folder(tmp_path: Path, stepped_guideline):
    g = stepped_guideline
    facility = [cm.id for cm in g.facility_countermeasures()]
    tool = [cm.id for cm in g.tool_countermeasures()]
    uc1 = g.use_cases[0].id
    uc1_facility = [cm.id for cm in g.countermeasures_for_use_case(uc1) if cm.id in facility]
    pharmacy_scope = default_scope(g, FacilityKind.PHARMACY)
    files = {
        "a.json": make(
            g,
            "青葉台病院",
            FacilityKind.HOSPITAL,
            dt.date(2026, 4, 1),
            {
                **dict.fromkeys(facility[:10], Status.DONE),
                **dict.fromkeys(facility[10:15], Status.NOT_DONE),
                facility[15]: Status.NOT_APPLICABLE,
                "C-ZZSTEP-01": Status.DONE,
            },
            tools=[
                AITool(id="T-1", name="文書作成AI", steps=["ST-IN-08"]),
                AITool(id="T-2", name="無料AI", approval=Approval.PROHIBITED),
            ],
            tool_statuses={"T-1": {tool[0]: Status.DONE, tool[1]: Status.PARTIAL}},
        ),
        "sub/b.json": make(
            g,
            "緑町クリニック",
            FacilityKind.CLINIC,
            dt.date(2026, 5, 1),
            {**dict.fromkeys(uc1_facility, Status.DONE), uc1_facility[0]: Status.PARTIAL},
            scope=Scope(use_cases=[uc1]),
        ),
        "c-2025.json": make(
            g,
            "駅前薬局",
            FacilityKind.PHARMACY,
            dt.date(2025, 6, 1),
            {"C-ZZSTEP-02": Status.NOT_DONE},
            scope=pharmacy_scope,
        ),
        "c-2026.haipeval": make(
            g,
            "駅前薬局",
            FacilityKind.PHARMACY,
            dt.date(2026, 6, 1),
            {"C-ZZSTEP-02": Status.DONE, "C-ZZSTEP-05": Status.DONE},
            scope=pharmacy_scope,
        ),
    }
    for name, a in files.items():
        (tmp_path / name).parent.mkdir(exist_ok=True)
        save_assessment(a, tmp_path / name)
    (tmp_path / "broken.json").write_text('{"schema_version": 1, "facility": ', encoding="utf-8")
    (tmp_path / "empty.json").write_bytes(b"")
    hidden = tmp_path / ".haip-backup"
    hidden.mkdir(exist_ok=True)
    (hidden / "old.json").write_text("not json", encoding="utf-8")
    (tmp_path / "README.txt").write_text("評価ファイルの置き場所", encoding="utf-8")
    return tmp_path, files


def test_group_totals_are_known(group_folder, stepped_guideline):
    g = stepped_guideline
    folder, files = group_folder
    summary = load_group(folder, g)
    uc1 = g.use_cases[0].id
    n_facility = len(g.facility_countermeasures())

    assert summary.files_read == 4
    assert [f.name for f in summary.facilities] == ["青葉台病院", "緑町クリニック", "駅前薬局"]
    assert sorted(u.path.name for u in summary.unreadable) == ["broken.json", "empty.json"]
    assert all(u.reason for u in summary.unreadable)

    hospital = next(f for f in summary.facilities if f.name == "青葉台病院")
    assert hospital.by_part[Part.FACILITY] == scoring.Tally(
        total=n_facility, done=10, not_done=5, not_applicable=1, unanswered=n_facility - 16
    )
    n_tool = len(tool_countermeasures_for(files["a.json"].tools[0], g, []))
    assert hospital.by_part[Part.TOOL] == scoring.Tally(
        total=n_tool, done=1, partial=1, unanswered=n_tool - 2
    )
    clinic = next(f for f in summary.facilities if f.name == "緑町クリニック")
    n_uc1 = sum(1 for cm in g.facility_countermeasures() if uc1 in cm.use_cases)
    assert clinic.by_use_case[uc1] == scoring.Tally(total=n_uc1, done=n_uc1 - 1, partial=1)
    assert list(clinic.by_part) == [Part.FACILITY]  # no tool, no step in its scope
    pharmacy = next(f for f in summary.facilities if f.name == "駅前薬局")
    assert pharmacy.assessment_date == dt.date(2026, 6, 1)
    assert pharmacy.by_step == {
        "ST-PH-04": scoring.Tally(total=1, done=1),
        "ST-PH-05": scoring.Tally(total=1, done=1),
        "ST-ADM-01": scoring.Tally(total=1, unanswered=1),  # 議事録: pharmacies meet too
    }

    trend = summary.trends[("駅前薬局", FacilityKind.PHARMACY)]
    assert [t.assessment_date.year for t in trend] == [2025, 2026]
    assert [t.by_part[Part.STEP].done for t in trend] == [0, 2]
    assert summary.version_note() is None

    total_uc1 = summary.totals("use_case")[uc1]
    assert uc1 not in pharmacy.by_use_case  # 医療文書の作成支援 is not a pharmacy's work
    assert total_uc1 == hospital.by_use_case[uc1] + clinic.by_use_case[uc1]
    # Steps and parts are totalled over the facilities that have them in scope only.
    assert "ST-PH-04" not in clinic.by_step
    assert summary.totals("step")["ST-PH-04"] == scoring.Tally(total=2, done=1, unanswered=1)
    assert summary.totals("part")[Part.TOOL] == hospital.by_part[Part.TOOL]


def test_a_pharmacy_gets_no_figures_for_ward_steps(group_folder, stepped_guideline):
    folder, _ = group_folder
    summary = load_group(folder, stepped_guideline)
    pharmacy = next(f for f in summary.facilities if f.name == "駅前薬局")
    hospital = next(f for f in summary.facilities if f.name == "青葉台病院")
    ward = {s.id for s in stepped_guideline.flows[1].steps}
    assert stepped_guideline.flows[1].id == "WF-IN"
    assert not ward & set(pharmacy.by_step)
    assert ward & set(hospital.by_step)  # scope all: the hospital has them


def test_group_numbers_match_the_single_facility_scoring(group_folder, stepped_guideline):
    g = stepped_guideline
    folder, files = group_folder
    summary = load_group(folder, g)
    latest = {
        "青葉台病院": files["a.json"],
        "緑町クリニック": files["sub/b.json"],
        "駅前薬局": files["c-2026.haipeval"],
    }
    for f in summary.facilities:
        a = latest[f.name]
        assert f.overall == scoring.overall(a, g)
        parts = scoring.coverage_by_part(a, g)
        assert f.by_part == {k: t for k, t in parts.items() if t.total}
        assert f.by_use_case == scoring.coverage_by_use_case(a, g)
        assert f.by_risk_category == scoring.coverage_by_risk_category(a, g)
        assert f.by_step == scoring.coverage_by_step(a, g)


def test_a_file_of_the_first_schema_is_counted_like_the_file_it_migrates_to(tmp_path, guideline):
    source = Path(__file__).parent / "fixtures" / "assessment_v1_demo_hospital.json"
    shutil.copyfile(source, tmp_path / source.name)
    summary = load_group(tmp_path, guideline)
    (result,) = summary.facilities
    migrated = load_assessment(source)
    assert result.overall == scoring.overall(migrated, guideline)
    assert Part.TOOL in result.by_part  # its answers to developer items count per tool
    assert result.by_part[Part.TOOL].answered == sum(
        1 for by_id in migrated.tool_answers.values() for a in by_id.values()
    )


def test_most_often_missing_counts_facilities(group_folder, stepped_guideline):
    g = stepped_guideline
    folder, files = group_folder
    summary = load_group(folder, g)
    latest = [files["a.json"], files["sub/b.json"], files["c-2026.haipeval"]]
    expected: dict[str, int] = {}
    for a in latest:
        missing = {
            i.countermeasure_id
            for i in items_in_scope(a, g)
            if scoring.status_of(a, i) in (Status.NOT_DONE, Status.UNANSWERED)
        }
        for cm_id in missing:
            expected[cm_id] = expected.get(cm_id, 0) + 1
    ranked = summary.most_missing(limit=1000)
    assert {m.countermeasure_id: m.missing for m in ranked if m.missing} == expected
    assert [m.missing for m in ranked] == sorted((m.missing for m in ranked), reverse=True)
    clinic_partial = files["sub/b.json"]
    first_uc1 = next(
        cm_id for cm_id, a in clinic_partial.answers.items() if a.status is Status.PARTIAL
    )
    assert next(m for m in ranked if m.countermeasure_id == first_uc1).partial == 1


def test_list_of_files_and_a_missing_file(group_folder, guideline):
    folder, _ = group_folder
    summary = load_group([folder / "a.json", folder / "nope.json"], guideline)
    assert [f.name for f in summary.facilities] == ["青葉台病院"]
    assert [u.path.name for u in summary.unreadable] == ["nope.json"]
    assert summary.unreadable[0].reason == (
        "ファイルを読み込めません（ファイルまたはフォルダが見つかりません）"
    )


def test_files_of_different_data_versions_are_compared_on_shared_countermeasures(data_v2, tmp_path):
    v1, v2 = load_guideline(data_v2["v1"]), load_guideline(data_v2["v2"])
    old = make(
        v1,
        "旧版病院",
        FacilityKind.HOSPITAL,
        dt.date(2025, 4, 1),
        {data_v2["removed"]: Status.DONE},
    )
    new = make(
        v2, "新版病院", FacilityKind.HOSPITAL, dt.date(2026, 4, 1), {data_v2["added"]: Status.DONE}
    )
    save_assessment(old, tmp_path / "old.json")
    save_assessment(new, tmp_path / "new.json")

    summary = load_group(
        tmp_path, v2, guideline_for_version=lambda v: v1 if v == v1.data_version else None
    )
    assert summary.shared_only
    assert summary.shared_count == len(v2.countermeasures) - 1
    for f in summary.facilities:
        assert data_v2["added"] not in f.in_scope
        assert data_v2["removed"] not in f.in_scope
        # scope all, no tools: every facility- and step-level countermeasure the versions share
        shared = [
            cm
            for cm in v2.countermeasures
            if cm.level is not Level.TOOL and cm.id != data_v2["added"]
        ]
        assert f.overall.total == len(shared)
    note = summary.version_note()
    assert note is not None and v1.data_version in note and "共通する" in note

    unknown = load_group(tmp_path, v2, guideline_for_version=lambda v: None)
    assert not unknown.shared_only
    assert unknown.unknown_versions == [v1.data_version]
    assert "このPCにない" in (unknown.version_note() or "")


def test_folder_scan_takes_both_extensions_and_skips_the_rest(group_folder):
    folder, _ = group_folder
    (folder / "UPPER.HAIPEVAL").write_bytes(b"")
    names = {p.relative_to(folder).as_posix() for p in assessment_files(folder)}
    assert names == {
        "UPPER.HAIPEVAL",
        "a.json",
        "broken.json",
        "c-2025.json",
        "c-2026.haipeval",
        "empty.json",
        "sub/b.json",
    }


# -- issue 14, defect 4: times with and without a UTC offset ------------------------------------


def test_files_of_one_facility_with_and_without_a_utc_offset_are_counted(tmp_path, guideline):
    cms = [cm.id for cm in guideline.countermeasures]
    day = dt.date(2026, 12, 4)
    earlier = make(guideline, "時刻病院", FacilityKind.HOSPITAL, day, {cms[0]: Status.DONE})
    later = make(guideline, "時刻病院", FacilityKind.HOSPITAL, day, {cms[0]: Status.NOT_DONE})
    # written by hand, no offset: taken as local time (the PC's zone), like every naive time
    earlier.updated_at = dt.datetime(2026, 12, 4, 10, 0)
    later.updated_at = dt.datetime(2026, 12, 4, 10, 0).astimezone() + dt.timedelta(hours=1)
    save_assessment(earlier, tmp_path / "naive.haipeval")
    save_assessment(later, tmp_path / "aware.haipeval")

    summary = load_group(tmp_path, guideline)

    assert summary.unreadable == []
    [facility] = summary.facilities
    assert facility.path.name == "aware.haipeval"  # the later one counts
    assert [f.path.name for f in summary.trends[facility.key]] == [
        "naive.haipeval",
        "aware.haipeval",
    ]


def test_two_years_compared_with_and_without_a_utc_offset(guideline):
    from haip_desktop.assessment.compare import compare_assessments

    cms = [cm.id for cm in guideline.countermeasures]
    day = dt.date(2026, 12, 4)
    naive = make(guideline, "時刻病院", FacilityKind.HOSPITAL, day, {cms[0]: Status.DONE})
    aware = make(guideline, "時刻病院", FacilityKind.HOSPITAL, day, {cms[0]: Status.NOT_DONE})
    naive.updated_at = dt.datetime(2026, 12, 4, 10, 0)
    aware.updated_at = dt.datetime(2026, 12, 4, 10, 0).astimezone() + dt.timedelta(hours=1)
    comparison = compare_assessments(aware, naive, guideline)
    assert comparison.older is naive and comparison.newer is aware


# -- issue 14: what the folder scan leaves out is said, with the reason -------------------------


@pytest.mark.skipif(os.name == "nt", reason="FIFOs and symbolic links are POSIX here")
def test_links_pipes_and_folders_named_like_files_are_reported_with_the_reason(
    group_folder, guideline
):
    folder, _ = group_folder
    for name in ("empty.json", "broken.json"):
        (folder / name).unlink()  # only what this test adds is unreadable
    (folder / "elsewhere").mkdir()
    real = folder / "elsewhere" / "real.haipeval"
    (folder / "a.json").rename(real)
    (folder / "link.haipeval").symlink_to(real)  # a link to a file: read
    (folder / "dangling.haipeval").symlink_to(folder / "nowhere.haipeval")
    os.mkfifo(folder / "pipe.haipeval")
    (folder / "box.haipeval").mkdir()
    (folder / "linked-folder").symlink_to(folder / "elsewhere")

    summary = load_group(folder, guideline)

    reasons = {u.path.name: u.reason for u in summary.unreadable}
    assert reasons == {
        "dangling.haipeval": "リンク先が見つかりません（ファイルまたはフォルダが見つかりません）",
        "pipe.haipeval": "通常のファイルではなく、名前付きパイプやデバイスなどです",
        "box.haipeval": "評価ファイルの名前ですがフォルダです（中のファイルは探しました）",
        "linked-folder": "フォルダへのリンクのため、中は探していません",
    }
    read = sorted(f.path.name for f in summary.facilities) + sorted(
        f.path.name for t in summary.trends.values() for f in t[:-1]
    )
    assert "link.haipeval" in read and "real.haipeval" in read


@pytest.mark.skipif(os.name == "nt", reason="FIFOs are POSIX")
def test_the_group_command_says_what_the_scan_left_out(group_folder, capsys):
    from haip_desktop.cli import main

    folder, _ = group_folder
    os.mkfifo(folder / "pipe.haipeval")
    assert main(["group", str(folder)]) == 0
    err = capsys.readouterr().err
    assert f"読み込めません: {folder / 'pipe.haipeval'}: 通常のファイルではなく" in err


def test_reading_a_group_leaves_the_garbage_collector_as_it_was(tmp_path, guideline):
    import gc

    (tmp_path / "bad.haipeval").write_text("{", encoding="utf-8")
    assert gc.isenabled()
    summary = load_group(tmp_path, guideline)
    assert gc.isenabled() and len(summary.unreadable) == 1
    gc.disable()
    try:
        load_group(tmp_path, guideline)
        assert not gc.isenabled()  # paused by someone else: left paused
    finally:
        gc.enable()
