"""The command line as a person runs it: exit codes and what is printed."""

from __future__ import annotations

import re
import subprocess
import sys

from haip_desktop.cli import main


def test_check_data_on_bundled_data_is_clean(capsys):
    assert main(["check-data"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("OK: 医療・ヘルスケア分野における生成AI利用ガイドライン")
    assert "問題なし" in out


def test_check_data_prints_every_problem_and_fails(data_copy, capsys):
    risks = data_copy / "risks.yaml"
    risks.write_text(
        risks.read_text(encoding="utf-8").replace("use_case: UC-02", "use_case: UC-77", 1),
        encoding="utf-8",
    )
    uc = data_copy / "use_cases.yaml"
    uc.write_text(
        uc.read_text(encoding="utf-8").replace("    summary:", "    summery:", 1), encoding="utf-8"
    )
    assert main(["check-data", str(data_copy)]) == 1
    captured = capsys.readouterr()
    lines = captured.out.splitlines()
    assert any(line.startswith("risks.yaml:") and "UC-77" in line for line in lines)
    assert any(line.startswith("use_cases.yaml:") and "summery" in line for line in lines)
    assert "問題:" in captured.err


def test_stats_counts_by_entity_perspective_phase_and_provenance(guideline, capsys):
    assert main(["stats"]) == 0
    out = capsys.readouterr().out
    counts = dict(re.findall(r"^\s+(\S+)\s+(\d+)\s+（原文照合済 \d+）$", out, re.MULTILINE))
    assert int(counts["対策"]) == len(guideline.countermeasures)
    assert int(counts["ユースケース"]) == 8
    assert int(counts["業務ステップ"]) == len(guideline.steps)
    for heading in ["対策（立場別）", "対策（段階別）", "出典（全項目）", "原文との照合（全項目）"]:
        assert heading in out
    for label in ["利用者・個人", "利用者・組織", "開発者", "開発", "導入", "利用・運用", "未照合"]:
        assert label in out


def test_module_entry_point_runs_as_a_program():
    result = subprocess.run(
        [sys.executable, "-m", "haip_desktop", "check-data"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "問題なし" in result.stdout
