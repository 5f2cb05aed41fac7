"""Load and save of a fully answered assessment (200-character notes), fsync included.

The floor writes the same bytes with a plain ``open().write()``, flush and ``os.fsync``:
what any save must pay on this disk. The store's save adds the atomic dance (temporary
file, fsync, replace, fsync of the folder) and the rotation of the five backups.
"""

from __future__ import annotations

import os

from haip_desktop.assessment.store import load_assessment, save_assessment, serialize_assessment

from .harness import Row, interleaved
from .workbench import Workbench


def measure(bench: Workbench) -> list[Row]:
    assessment = bench.full_assessment
    folder = bench.folder / "io"
    folder.mkdir()
    path = folder / "評価_全項目.json"
    plain = folder / "plain.json"
    data = serialize_assessment(assessment)
    runs = bench.samples(bench.runs * 4)

    def write_plain() -> None:
        with open(plain, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())

    def load_and_save() -> None:
        save_assessment(load_assessment(path), path)

    save_assessment(assessment, path)  # the file exists, as when a person presses Save again
    for _ in range(6):  # and its five backups too: every save below rotates all of them
        save_assessment(assessment, path)
    load_assessment(path)
    write_plain()
    taken = interleaved(
        {
            "floor": write_plain,
            "save": lambda: save_assessment(assessment, path),
            "load": lambda: load_assessment(path),
            "both": load_and_save,
        },
        runs,
    )
    floor, save, load, both = taken["floor"], taken["save"], taken["load"], taken["both"]
    # once for the facility, and for each tool of the register
    answered = len(assessment.answers) + sum(len(a) for a in assessment.tool_answers.values())
    size = f"{len(data) / 1024:.0f} KB, {answered} answers"
    return [
        Row(
            "assessment_load",
            f"load a fully answered assessment ({size})",
            load,
            max_median=0.020,
            note="load_assessment(): read, validate (pydantic), no migration",
        ),
        Row(
            "assessment_save",
            "save it (atomic, fsync, 5 backups rotated)",
            save,
            max_median=0.020,
            note="save_assessment() over an existing file with five backups",
        ),
        Row(
            "assessment_load_save",
            "load + save it, fsync included",
            both,
            floor=floor,
            floor_what="open().write() + flush + fsync of the same bytes",
            max_ratio=3.0,
            extra={"bytes": len(data), "answers": answered},
        ),
    ]
