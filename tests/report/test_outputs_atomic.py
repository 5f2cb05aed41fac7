"""Issue 14, defect 8: every output file is written whole or not at all.

A full disk in the middle of writing a report must leave the file that was there (or none),
never a truncated PDF. The disk is made full for both ways of writing: Python file objects
(what reportlab used for the group and diff PDFs) and os.write (the atomic writer).
"""

from __future__ import annotations

import builtins
import datetime as dt
import errno
import io
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from haip_desktop import files
from haip_desktop.assessment.compare import compare_assessments
from haip_desktop.assessment.demo import make_demo_assessment
from haip_desktop.assessment.group import load_group
from haip_desktop.assessment.store import save_assessment
from haip_desktop.guideline.diff import diff_guidelines
from haip_desktop.guideline.packs import build_pack
from haip_desktop.paths import bundled_guideline_dir
from haip_desktop.report import ReportOptions, render_pdf, write_csv
from haip_desktop.report.comparison_pdf import render_comparison_pdf
from haip_desktop.report.group_report import render_group_pdf, write_group_csv
from haip_desktop.report.guideline_diff_pdf import render_diff_pdf

ROOM = 2_000  # bytes that still fit on the "disk"


class _FullDiskFile(io.BufferedWriter):
    def __init__(self, raw: io.RawIOBase) -> None:
        super().__init__(raw)
        self.room = ROOM

    def write(self, data) -> int:  # type: ignore[no-untyped-def, override]
        if len(data) > self.room:
            super().write(bytes(data)[: self.room])
            self.flush()
            self.room = 0
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        self.room -= len(data)
        return super().write(data)


@pytest.fixture
def full_disk(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """A folder in which any file written gets ROOM bytes, then ENOSPC."""
    folder = tmp_path / "full"
    folder.mkdir()
    real_open, real_write = builtins.open, os.write

    def open_on_full_disk(file, mode="r", *args, **kwargs):  # type: ignore[no-untyped-def]
        inside = isinstance(file, str | Path) and Path(file).parent == folder
        if inside and any(m in mode for m in "wax") and "b" in mode:
            return _FullDiskFile(io.FileIO(file, mode.replace("b", "")))
        return real_open(file, mode, *args, **kwargs)

    def write_on_full_disk(fd: int, data) -> int:  # type: ignore[no-untyped-def]
        if len(data) > ROOM:
            real_write(fd, bytes(data)[:ROOM])
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real_write(fd, data)

    monkeypatch.setattr(builtins, "open", open_on_full_disk)
    monkeypatch.setattr(files.os, "write", write_on_full_disk)
    return folder


@pytest.fixture
def subjects(tmp_path: Path, guideline) -> dict:
    older = make_demo_assessment(guideline, fill=0.4, seed=1, as_of=dt.date(2025, 11, 1))
    newer = make_demo_assessment(guideline, fill=0.7, seed=1, as_of=dt.date(2026, 11, 1))
    folder = tmp_path / "group"
    folder.mkdir()
    save_assessment(newer, folder / "a.haipeval")
    return {
        "assessment": newer,
        "summary": load_group(folder, guideline),
        "diff": diff_guidelines(guideline, guideline),
        "comparison": compare_assessments(older, newer, guideline),
    }


WRITERS: dict[str, Callable[[dict, object, Path], object]] = {
    "report PDF": lambda s, g, p: render_pdf(s["assessment"], g, p, ReportOptions()),
    "report CSV": lambda s, g, p: write_csv(s["assessment"], g, p),
    "group PDF": lambda s, g, p: render_group_pdf(s["summary"], g, p),
    "group CSV": lambda s, g, p: write_group_csv(s["summary"], g, p),
    "diff PDF": lambda s, g, p: render_diff_pdf(s["diff"], p),
    "comparison PDF": lambda s, g, p: render_comparison_pdf(s["comparison"], g, p),
    "data pack": lambda s, g, p: build_pack(bundled_guideline_dir(), p),
}


@pytest.mark.parametrize("writer", WRITERS)
def test_a_full_disk_leaves_the_previous_file_whole(
    writer: str, subjects, guideline, full_disk: Path
) -> None:
    target = full_disk / "出力"
    target.write_bytes(b"the previous version")
    with pytest.raises(OSError) as caught:
        WRITERS[writer](subjects, guideline, target)
    assert caught.value.errno == errno.ENOSPC
    assert target.read_bytes() == b"the previous version"
    assert [p.name for p in full_disk.iterdir()] == ["出力"]
