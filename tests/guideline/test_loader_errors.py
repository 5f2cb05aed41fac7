"""Broken copies of the bundled data: every problem is reported with file, line and field."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from haip_desktop.guideline import GuidelineDataError, load_guideline


def _edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def _problems(folder: Path) -> list[str]:
    with pytest.raises(GuidelineDataError) as caught:
        load_guideline(folder)
    return [str(p) for p in caught.value.problems]


def _line_of(path: Path, needle: str) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if needle in line:
            return number
    raise AssertionError(needle)


def test_bundled_data_loads_without_problems():
    guideline = load_guideline()
    assert guideline.use_cases


def test_unknown_id_names_file_line_and_field(data_copy):
    risks = data_copy / "risks.yaml"
    _edit(risks, "use_case: UC-03", "use_case: UC-99")
    problems = _problems(data_copy)
    hit = [p for p in problems if "UC-99" in p]
    assert hit, problems
    assert re.match(r"risks\.yaml:\d+: R-UC03-\w+ の 項目 use_case: 'UC-99' という", hit[0])


def test_duplicate_id_is_reported_where_it_is_repeated(data_copy):
    path = data_copy / "use_cases.yaml"
    _edit(path, "id: UC-02", "id: UC-01")
    problems = _problems(data_copy)
    expected_line = _line_of(path, "id: UC-01") + 0
    duplicate = [p for p in problems if "重複" in p and "UC-01" in p]
    assert duplicate, problems
    assert duplicate[0].startswith("use_cases.yaml:")
    assert int(duplicate[0].split(":")[1]) > expected_line


def test_missing_japanese_text_is_reported(data_copy):
    path = data_copy / "use_cases.yaml"
    text = path.read_text(encoding="utf-8")
    name_line = next(line for line in text.splitlines() if line.strip().startswith("name:"))
    path.write_text(
        text.replace(name_line, name_line.split("name:")[0] + "name: Discharge", 1),
        encoding="utf-8",
    )
    problems = _problems(data_copy)
    assert any("UC-01 の 項目 name: 日本語の本文がありません" in p for p in problems), problems


def test_missing_field_and_bad_enum_are_reported_with_lines(data_copy):
    path = data_copy / "countermeasures_developer.yaml"
    _edit(path, "perspective: developer", "perspective: engineer")
    problems = _problems(data_copy)
    bad = [p for p in problems if "perspective" in p]
    assert bad and "使えない値です" in bad[0]
    assert re.match(r"countermeasures_developer\.yaml:\d+: C-", bad[0])


def test_use_case_without_a_perspective_is_reported(data_copy):
    # Drop every developer countermeasure: each use case then lacks the developer side.
    (data_copy / "countermeasures_developer.yaml").unlink()
    problems = _problems(data_copy)
    assert sum("開発者の対策が1つもありません" in p for p in problems) == 8


def test_step_without_scene_is_reported(data_copy):
    scenes = data_copy / "scenes.yaml"
    text = scenes.read_text(encoding="utf-8")
    # Point every scene of the first step elsewhere by renaming the step they reference.
    first_step = re.search(r"step: (ST-[A-Z0-9-]+)", text).group(1)
    flows = data_copy / "flows.yaml"
    _edit(flows, f"id: {first_step}\n", f"id: {first_step}-X\n")
    problems = _problems(data_copy)
    assert any(f"{first_step}-X" in p and "利用シーンがありません" in p for p in problems), problems
    assert any(f"'{first_step}' という業務ステップはありません" in p for p in problems)


def test_orphan_risk_category_is_reported(data_copy):
    path = data_copy / "risk_categories.yaml"
    with path.open("a", encoding="utf-8") as f:
        f.write(
            "  - id: RC-NEW\n    name: 新区分\n    description: どのリスクにも使われない区分\n"
            "    provenance:\n      kind: app\n"
        )
    problems = _problems(data_copy)
    assert any(
        p.startswith("risk_categories.yaml:") and "RC-NEW" in p and "使うリスクがありません" in p
        for p in problems
    ), problems


def test_yaml_syntax_error_names_the_line(data_copy):
    path = data_copy / "references.yaml"
    path.write_text("references:\n  - id: REF-X\n    title: [unclosed\n", encoding="utf-8")
    problems = _problems(data_copy)
    assert any(p.startswith("references.yaml:") and "YAML の書式エラー" in p for p in problems)


def test_unknown_key_is_reported_as_typo(data_copy):
    path = data_copy / "use_cases.yaml"
    _edit(path, "    summary:", "    sumary:")
    problems = _problems(data_copy)
    assert any("sumary" in p and "未知の項目" in p for p in problems)
    assert any("summary" in p and "必須の項目がありません" in p for p in problems)


def test_all_problems_are_listed_in_one_exception(data_copy):
    _edit(data_copy / "risks.yaml", "use_case: UC-03", "use_case: UC-98")
    _edit(data_copy / "scenes.yaml", "- UC-01", "- UC-97")
    with pytest.raises(GuidelineDataError) as caught:
        load_guideline(data_copy)
    message = str(caught.value)
    assert "UC-98" in message and "UC-97" in message


def test_missing_folder_is_one_clear_error_with_its_full_path(tmp_path):
    with pytest.raises(GuidelineDataError) as caught:
        load_guideline(tmp_path / "nope")
    (problem,) = caught.value.problems
    assert str(problem).startswith(str(tmp_path / "nope") + ": ")
    assert "見つかりません" in str(problem) and "フォルダを指定してください" in str(problem)


def test_a_file_instead_of_a_folder_is_named_as_such(tmp_path):
    file = tmp_path / "a.json"
    file.write_text("{}", encoding="utf-8")
    with pytest.raises(GuidelineDataError) as caught:
        load_guideline(file)
    assert str(caught.value.problems[0]).startswith(
        f"{file}: ガイドラインデータのフォルダではありません（ファイルです）"
    )


def test_one_syntax_error_is_not_buried_under_consequences(data_copy):
    path = data_copy / "risks.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("risks:\n", "risks:\n  - [unclosed\n", 1), encoding="utf-8")
    problems = _problems(data_copy)
    assert len(problems) == 1, problems
    assert problems[0].startswith("risks.yaml:") and "YAML の書式エラー" in problems[0]
