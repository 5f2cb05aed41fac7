"""Issue 14: the status colours stay apart when printed in grey, and legends say the words.

In grey-scale the old fills of 実施済 and 未実施 came out as 74 and 76 of 255. The fills are
now chosen by their grey level (ITU-R BT.601 luma, what pdftoppm -gray gives): every two
differ by at least 40, and each legend names the statuses in words.
"""

from __future__ import annotations

import io
import itertools
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from haip_desktop.assessment.models import Status
from haip_desktop.assessment.scoring import Tally
from haip_desktop.assessment.status_colours import (
    STATUS_FILL,
    STATUS_ORDER,
    grey_level,
)

MIN_STEP = 40


def test_grey_level_is_the_bt601_luma() -> None:
    assert grey_level("#000000") == 0 and grey_level("#FFFFFF") == 255
    assert grey_level("#1F4E79") == 69  # 0.299 R + 0.587 G + 0.114 B, rounded
    assert grey_level("#4D4D4D") == 77


def test_every_two_status_fills_differ_in_grey_by_at_least_40() -> None:
    levels = {status: grey_level(STATUS_FILL[status]) for status in STATUS_ORDER}
    neighbours = list(zip(STATUS_ORDER, STATUS_ORDER[1:], strict=False))
    for one, two in neighbours:
        assert abs(levels[one] - levels[two]) >= MIN_STEP, (one.label, two.label, levels)
    for one, two in itertools.combinations(STATUS_ORDER, 2):
        assert abs(levels[one] - levels[two]) >= MIN_STEP, (one.label, two.label, levels)
    assert set(STATUS_ORDER) == set(Status)


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="needs pdftoppm (poppler-utils)")
def test_the_printed_legend_keeps_the_statuses_apart_in_grey(tmp_path: Path) -> None:
    from reportlab.graphics import renderPDF

    from haip_desktop.report import fonts
    from haip_desktop.report.charts import legend

    fonts.ensure_registered()
    width = 400.0
    drawing = legend(width, with_counts=Tally(total=5, done=1, partial=1, not_done=1))
    pdf = tmp_path / "legend.pdf"
    renderPDF.drawToFile(drawing, str(pdf))
    text = PdfReader(pdf).pages[0].extract_text()
    assert all(status.label in text for status in STATUS_ORDER)

    dpi = 288  # 4 pixels per point
    subprocess.run(
        ["pdftoppm", "-gray", "-r", str(dpi), "-singlefile", str(pdf), str(tmp_path / "g")],
        check=True,
    )
    image = (tmp_path / "g.pgm").read_bytes()
    columns, rows, pixels = _pgm(image)
    scale = dpi / 72
    step = width / len(STATUS_ORDER)
    measured = {}
    for index, status in enumerate(STATUS_ORDER):
        x = round((index * step + 3.5) * scale)  # the centre of the 7-point square
        y = rows - round((1.2 + 3.5) * scale)
        measured[status] = pixels[y * columns + x]
        assert abs(measured[status] - grey_level(STATUS_FILL[status])) <= 3, status.label
    for one, two in itertools.combinations(STATUS_ORDER, 2):
        assert abs(measured[one] - measured[two]) >= MIN_STEP - 3


def _pgm(data: bytes) -> tuple[int, int, bytes]:
    """Width, height and grey bytes of a binary PGM (P5) as pdftoppm writes it."""
    stream = io.BytesIO(data)
    fields: list[bytes] = []
    while len(fields) < 4:
        line = stream.readline()
        if not line.startswith(b"#"):
            fields += line.split()
    assert fields[0] == b"P5"
    return int(fields[1]), int(fields[2]), stream.read()


def test_the_group_report_explains_its_status_bars_in_words(tmp_path: Path, guideline) -> None:
    from haip_desktop.assessment.demo import make_demo_assessment
    from haip_desktop.assessment.group import load_group
    from haip_desktop.assessment.store import save_assessment
    from haip_desktop.report.group_report import render_group_pdf

    folder = tmp_path / "group"
    folder.mkdir()
    save_assessment(make_demo_assessment(guideline, fill=0.6), folder / "a.haipeval")
    out = tmp_path / "group.pdf"
    render_group_pdf(load_group(folder, guideline), guideline, out)
    first = PdfReader(out).pages[0].extract_text()
    assert "状況の内訳" in first
    in_order = r"\s*".join(status.label for status in STATUS_ORDER)
    assert re.search(in_order, first), first
