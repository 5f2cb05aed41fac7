"""Issue 14, defect 6: a path too long for the system is told in Japanese by every command.

The operating system refuses such a path (ENAMETOOLONG) as soon as it is looked at; a check
like ``Path.is_dir()`` then raised OSError out of the command instead of the project's
message.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from haip_desktop.assessment import AssessmentFileError, load_assessment, save_assessment
from haip_desktop.assessment.demo import make_demo_assessment
from haip_desktop.cli import main
from haip_desktop.paths import bundled_guideline_dir

LONG = "d" * 300  # one name longer than any file system allows (255 bytes)


@pytest.fixture
def good_file(tmp_path: Path, guideline) -> Path:
    path = tmp_path / "評価.haipeval"
    save_assessment(make_demo_assessment(guideline, fill=0.5, as_of=dt.date(2026, 11, 20)), path)
    return path


def test_loading_a_too_long_path_raises_the_project_error(tmp_path: Path) -> None:
    with pytest.raises(AssessmentFileError) as caught:
        load_assessment(tmp_path / f"{LONG}.haipeval")
    assert caught.value.reason == "unreadable"
    assert "ファイルの場所（パス）が長すぎます" in caught.value.problem
    assert "短い" in caught.value.advice


@pytest.mark.parametrize(
    "args",
    [
        ["report", "{long}.haipeval", "-o", "{tmp}/r.pdf"],
        ["report", "{good}", "-o", "{long}.pdf"],
        ["report", "{good}", "-o", "{tmp}/r.pdf", "--csv", "{long}.csv"],
        ["demo-assessment", "-o", "{long}.haipeval"],
        ["group", "{long}"],
        ["group", "{good}", "-o", "{long}.pdf"],
        ["group", "{good}", "--csv", "{long}.csv"],
        ["check-data", "{long}"],
        ["stats", "{long}"],
        ["data", "check", "{long}.haippack"],
        ["data", "install", "{long}.haippack"],
        ["data", "pack", "{long}", "-o", "{tmp}/p.haippack"],
        ["data", "pack", "{bundled}", "-o", "{long}.haippack"],
        ["data", "diff", "{long}", "{bundled}"],
        ["data", "diff", "{bundled}", "{bundled}", "-o", "{long}.pdf"],
    ],
    ids=lambda args: " ".join(a.replace("{", "").replace("}", "") for a in args[:4]),
)
def test_every_command_explains_a_too_long_path(args, tmp_path, good_file, capsys) -> None:
    values = {
        "long": str(tmp_path / LONG),
        "tmp": str(tmp_path),
        "good": str(good_file),
        "bundled": str(bundled_guideline_dir()),
    }
    code = main([a.format(**values) for a in args])
    captured = capsys.readouterr()
    shown = captured.out + captured.err  # check-data lists its problems on stdout
    assert code == 1, shown
    assert "予期しないエラー" not in shown and "Traceback" not in shown
    assert "長すぎます" in shown, shown
