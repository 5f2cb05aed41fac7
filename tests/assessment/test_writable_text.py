"""Issue 14, defect 1: a file that loads can always be saved, or is refused on load.

A JSON string may hold an escaped lone surrogate (``"\\ud800"``): valid JSON, but no UTF-8
file can hold it, so such a file once loaded and then could never be saved.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from haip_desktop.assessment import (
    Answer,
    AssessmentFileError,
    Status,
    load_assessment,
    save_assessment,
    serialize_assessment,
)
from haip_desktop.assessment.recovery import find_recoveries, write_recovery


def _file_with_broken_note(tmp_path: Path, make_assessment) -> Path:
    path = tmp_path / "壊れた文字.haipeval"
    assessment = make_assessment(answers={"C-1": Answer(status=Status.DONE, note="N")})
    text = serialize_assessment(assessment).decode("utf-8")
    path.write_text(text.replace('"note": "N"', '"note": "N\\ud800"'), encoding="utf-8")
    return path


def test_a_lone_surrogate_in_a_file_is_refused_on_load_naming_the_field(
    tmp_path: Path, make_assessment
) -> None:
    path = _file_with_broken_note(tmp_path, make_assessment)
    before = path.read_bytes()
    with pytest.raises(AssessmentFileError) as caught:
        load_assessment(path)
    error = caught.value
    assert error.reason == "unwritable_text"
    assert "回答 › 対策 C-1 › メモ" in error.message
    assert "保存できない文字" in error.problem
    assert path.read_bytes() == before


def test_a_lone_surrogate_typed_in_is_refused_on_save_naming_the_field(
    tmp_path: Path, make_assessment
) -> None:
    path = tmp_path / "a.haipeval"
    good = make_assessment(answers={"C-1": Answer(status=Status.DONE, note="ok")})
    save_assessment(good, path)
    before = path.read_bytes()
    # Validation refuses such text; a list or dict changed in place is not validated.
    broken = make_assessment()
    broken.assessors.append("佐藤\ud800")
    broken.answers["C-1"] = Answer.model_construct(status=Status.DONE, owner="担当\udfff")
    with pytest.raises(AssessmentFileError) as caught:
        save_assessment(broken, path)
    error = caught.value
    assert error.reason == "unwritable_text"
    assert error.heading == "評価ファイルを保存できません"
    assert "評価者 › 1 件目" in error.message
    assert "回答 › 対策 C-1 › 担当者" in error.message
    assert path.read_bytes() == before


def test_a_lone_surrogate_in_the_committee_comment_is_refused_on_save(
    tmp_path: Path, make_assessment
) -> None:
    broken = make_assessment()
    object.__setattr__(broken, "committee_comment", "所見\ud800")  # past validation
    with pytest.raises(AssessmentFileError) as caught:
        save_assessment(broken, tmp_path / "a.haipeval")
    assert caught.value.reason == "unwritable_text"
    assert "総評・所見" in caught.value.message


def test_autosave_keeps_the_work_with_the_broken_character_replaced(make_assessment) -> None:
    broken = make_assessment()
    broken.answers["C-1"] = Answer.model_construct(status=Status.DONE, note="大事なメモ\ud800")
    write_recovery(broken, "key-1")
    [recovery] = find_recoveries(include_running=True)
    restored = recovery.load()
    assert restored.answers["C-1"].note == "大事なメモ\ufffd"
