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
