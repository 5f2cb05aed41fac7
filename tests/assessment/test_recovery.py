"""Autosaved recovery files: written atomically, found after a crash, discarded after a save."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from haip_desktop.assessment import Answer, Status, save_assessment
from haip_desktop.assessment.recovery import (
    discard_recovery,
    find_recoveries,
    recovery_dir,
    recovery_key,
    write_recovery,
)
from haip_desktop.paths import user_data_dir


def _as_if_written_by_a_crashed_process(file: Path) -> None:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    text = file.read_text("utf-8").replace(f'"pid":{os.getpid()}', f'"pid":{child.pid}')
    file.write_text(text, "utf-8")


def test_recovery_files_live_in_the_user_data_folder(make_assessment, tmp_path: Path) -> None:
    key = recovery_key(tmp_path / "評価.json")
    file = write_recovery(make_assessment(), key, tmp_path / "評価.json")
    assert file.parent == user_data_dir() / "recovery" == recovery_dir()
    assert file.name.startswith("評価-")
    assert recovery_key(tmp_path / "評価.json") == key  # stable per document
    untitled = recovery_key(None)
    assert untitled.startswith("untitled-") and untitled != recovery_key(None)


def test_a_live_autosave_is_not_offered_but_a_crashed_ones_is(
    make_assessment, tmp_path: Path
) -> None:
    document = tmp_path / "評価.json"
    assessment = make_assessment(answers={"C-1": Answer(status=Status.DONE, note="未保存の回答")})
    file = write_recovery(assessment, recovery_key(document), document)
    assert find_recoveries() == []  # this process is still running: not a crash
    (live,) = find_recoveries(include_running=True)
    assert live.file == file
    _as_if_written_by_a_crashed_process(file)
    (found,) = find_recoveries()
    assert found.original_path == document
    assert found.facility_name == "テスト病院"
    assert found.answered == 1
    assert not found.original_changed_since
    assert found.load().answers["C-1"].note == "未保存の回答"
    found.discard()
    assert not file.exists()
    assert find_recoveries(include_running=True) == []


def test_untitled_documents_are_recovered_too(make_assessment) -> None:
    key = recovery_key(None)
    file = write_recovery(make_assessment(), key)
    _as_if_written_by_a_crashed_process(file)
    (found,) = find_recoveries()
    assert found.original_path is None and found.key == key
    discard_recovery(key)
    discard_recovery(key)  # twice is fine


def test_a_document_saved_after_the_autosave_is_flagged(make_assessment, tmp_path: Path) -> None:
    document = tmp_path / "a.json"
    file = write_recovery(make_assessment(), recovery_key(document), document)
    save_assessment(make_assessment(), document)
    _as_if_written_by_a_crashed_process(file)
    (found,) = find_recoveries()
    assert found.original_changed_since


def test_rewriting_replaces_the_previous_autosave(make_assessment, tmp_path: Path) -> None:
    key = recovery_key(tmp_path / "a.json")
    write_recovery(make_assessment(), key, tmp_path / "a.json")
    write_recovery(make_assessment(assessors=["二回目"]), key, tmp_path / "a.json")
    (found,) = find_recoveries(include_running=True)
    assert found.load().assessors == ["二回目"]
    assert [p.name for p in recovery_dir().iterdir()] == [found.file.name]  # no temp files


def test_unreadable_recovery_files_are_skipped_and_kept(make_assessment) -> None:
    broken = recovery_dir() / "broken-0000.recovery.json"
    broken.write_bytes(b"{half")
    assert find_recoveries(include_running=True) == []
    assert broken.exists()


def test_recovery_files_with_and_without_a_utc_offset_are_listed_newest_first(
    make_assessment,
) -> None:
    import json

    older = write_recovery(make_assessment(), "older")
    newer = write_recovery(make_assessment(), "newer")
    for file, saved_at in ((older, "2026-12-04T10:00:00"), (newer, "2026-12-06T10:00:00+09:00")):
        record = json.loads(file.read_text("utf-8"))
        record["saved_at"] = saved_at  # the first by hand, without an offset: local time
        file.write_text(json.dumps(record), "utf-8")
    assert [r.key for r in find_recoveries(include_running=True)] == ["newer", "older"]
