"""Issue 14: what a full disk, a hostile file or an odd path must not cost (the store's side)."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from haip_desktop import files
from haip_desktop.assessment import (
    AssessmentFileError,
    backup_paths,
    load_assessment,
    save_assessment,
)


@pytest.fixture
def disk_full(monkeypatch: pytest.MonkeyPatch):
    """From the moment it is called, every write of file content fails with ENOSPC."""

    def full() -> None:
        def refuse(fd: int, data) -> int:  # type: ignore[no-untyped-def]
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

        monkeypatch.setattr(files.os, "write", refuse)

    return full


# -- defect 2: a failed save must not throw the backup history away ----------------------------


def test_failed_saves_on_a_full_disk_keep_every_backup(
    tmp_path: Path, make_assessment, disk_full
) -> None:
    path = tmp_path / "評価.haipeval"
    assessment = make_assessment()
    versions = []
    for i in range(1, 7):  # v1 … v6 saved
        assessment.facility.department = f"v{i}"
        save_assessment(assessment, path)
        versions.append(path.read_bytes())
    disk_full()
    for i in range(7, 12):  # five saves fail
        assessment.facility.department = f"v{i}"
        with pytest.raises(AssessmentFileError) as caught:
            save_assessment(assessment, path)
        assert caught.value.reason == "write_failed"
        assert "ディスクの空きがありません" in caught.value.problem
    assert path.read_bytes() == versions[-1]  # v6
    assert [b.read_bytes() for b in backup_paths(path)] == versions[-2::-1]  # v5 … v1
    assert sorted(p.name for p in tmp_path.iterdir()) == [".haip-backup", "評価.haipeval"]


# -- defect 7: a long name the file system allows can be saved, backed up and locked ----------

LONGEST = "あ" * 82 + ".haipeval"  # 246 + 9 = 255 bytes in UTF-8, the most a name may have


def test_the_longest_legal_name_saves_keeps_backups_and_locks(
    tmp_path: Path, make_assessment
) -> None:
    from haip_desktop.assessment.lock import AssessmentLock, acquire_lock

    assert len(LONGEST.encode("utf-8")) == 255
    path = tmp_path / LONGEST
    assessment = make_assessment()
    versions = []
    for i in range(7):
        assessment.facility.department = f"v{i}"
        result = save_assessment(assessment, path)
        versions.append(path.read_bytes())
    assert load_assessment(path) == assessment
    assert result.backup is not None and result.backup.read_bytes() == versions[-2]
    assert [b.read_bytes() for b in backup_paths(path)] == versions[-2:-7:-1]
    assert sorted(p.name for p in tmp_path.iterdir()) == [".haip-backup", LONGEST]

    lock = acquire_lock(path, "山田")
    assert isinstance(lock, AssessmentLock)
    assert lock.lock_path.parent == tmp_path and lock.lock_path.name.endswith(".lock")
    lock.release()
    assert sorted(p.name for p in tmp_path.iterdir()) == [".haip-backup", LONGEST]


def test_the_longest_legal_name_keeps_an_unreadable_file_when_forced(
    tmp_path: Path, make_assessment
) -> None:
    path = tmp_path / LONGEST
    path.write_bytes(b"not json")
    with pytest.raises(AssessmentFileError) as caught:
        load_assessment(path)
    assert caught.value.reason == "json_syntax"
    result = save_assessment(make_assessment(), path, force=True)
    [kept] = result.kept_copies
    assert kept.read_bytes() == b"not json" and len(kept.name.encode("utf-8")) <= 255


# -- defect 9: a pipe, a device or a huge file is refused before it is read ------------------


@pytest.mark.skipif(os.name == "nt", reason="FIFOs are POSIX")
def test_report_and_group_refuse_a_fifo_at_once(tmp_path: Path, guideline) -> None:
    import subprocess
    import sys

    from haip_desktop.assessment.demo import make_demo_assessment

    fifo = tmp_path / "pipe.haipeval"
    os.mkfifo(fifo)
    save_assessment(make_demo_assessment(guideline), tmp_path / "good.haipeval")

    def cli(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "haip_desktop", *args],
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=60,  # before the fix: blocked for ever on the pipe
        )

    report = cli("report", str(fifo), "-o", str(tmp_path / "r.pdf"))
    assert report.returncode == 1
    assert "通常のファイルではなく" in report.stderr
    group = cli("group", str(fifo), str(tmp_path / "good.haipeval"))
    assert group.returncode == 0, group.stderr
    assert f"読み込めません: {fifo}" in group.stderr
    assert "通常のファイルではなく" in group.stderr


def test_an_assessment_above_the_size_limit_is_refused_unread(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, make_assessment
) -> None:
    from haip_desktop.assessment import store

    path = tmp_path / "huge.haipeval"
    save_assessment(make_assessment(), path)
    monkeypatch.setattr(store, "MAX_FILE_BYTES", 100)
    with pytest.raises(AssessmentFileError) as caught:
        load_assessment(path)
    assert caught.value.reason == "too_large"
    assert "ファイルが大きすぎます" in caught.value.problem


# -- minor: what JSON allows but would lose or change data ---------------------------------------


def _saved_text(tmp_path: Path, make_assessment) -> tuple[Path, str]:
    from haip_desktop.assessment import Answer, Status

    path = tmp_path / "a.haipeval"
    assessment = make_assessment(
        answers={
            "C-1": Answer(status=Status.DONE, note="一つ目"),
            "C-2": Answer(status=Status.NOT_DONE),
        }
    )
    save_assessment(assessment, path)
    return path, path.read_text(encoding="utf-8")


def test_a_duplicated_answer_id_is_refused_naming_it_and_the_line(
    tmp_path: Path, make_assessment
) -> None:
    path, text = _saved_text(tmp_path, make_assessment)
    duplicated = text.replace('"C-2": {', '"C-1": {', 1)  # the second C-1 would win
    path.write_text(duplicated, encoding="utf-8")
    with pytest.raises(AssessmentFileError) as caught:
        load_assessment(path)
    error = caught.value
    assert error.reason == "duplicate_key"
    assert "「C-1」" in error.problem and "2回" in error.problem
    first_answers_line = duplicated.splitlines().index('  "answers": {') + 1
    assert error.line == first_answers_line
    assert path.read_text(encoding="utf-8") == duplicated


def test_a_duplicated_field_inside_an_answer_is_refused(tmp_path: Path, make_assessment) -> None:
    path, text = _saved_text(tmp_path, make_assessment)
    path.write_text(text.replace('"note": "一つ目"', '"note": "一つ目", "note": ""'), "utf-8")
    with pytest.raises(AssessmentFileError) as caught:
        load_assessment(path)
    assert caught.value.reason == "duplicate_key" and "「note」" in caught.value.problem


@pytest.mark.parametrize(
    ("field", "replace"),
    [
        ("schema_version", ('"schema_version": 2', '"schema_version": true')),
        ("beds", ('"beds": 100', '"beds": true')),
        ("edition", ('"edition": 1', '"edition": false')),
    ],
)
def test_true_or_false_where_a_number_belongs_is_refused(
    field: str, replace: tuple[str, str], tmp_path: Path, make_assessment
) -> None:
    path, text = _saved_text(tmp_path, make_assessment)
    assert replace[0] in text
    path.write_text(text.replace(*replace, 1), encoding="utf-8")
    with pytest.raises(AssessmentFileError) as caught:
        load_assessment(path)
    assert caught.value.reason in ("wrong_shape", "invalid_value")
    assert "true" in caught.value.problem or "false" in caught.value.problem
