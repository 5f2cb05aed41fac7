"""The full summary PDF of the fully answered assessment, against reportlab's own floor.

The floor is reportlab drawing one A4 page of Japanese text with the same embedded font
(BIZ UDPGothic, subset-embedded), on a canvas, in the same process. Both are measured warm
(the font registered, modules imported); the first report of a fresh process, which also
pays for importing reportlab and registering the font, is measured in its own row.
"""

from __future__ import annotations

import io
import subprocess
import sys

from haip_desktop.report import ReportOptions, render_pdf
from haip_desktop.report import fonts as report_fonts

from .children import REPO
from .harness import Row, Samples, interleaved
from .workbench import Workbench

PAGE_LINES = [
    "生成AIの利用にあたり、入力した情報が学習に使われない設定であることを確認した。",
    "退院サマリの下書きは必ず主治医が内容を確かめてから確定する運用とした。",
    "委託先との契約書に、保存期間と保存場所、事故時の通知について記載した。",
]


def one_page(target: io.BytesIO) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas

    canvas = Canvas(target, pagesize=A4, initialFontName=report_fonts.REGULAR, initialFontSize=10.5)
    y = A4[1] - 60
    line = 0
    while y > 60:
        canvas.drawString(50, y, PAGE_LINES[line % len(PAGE_LINES)])
        y -= 16
        line += 1
    canvas.showPage()
    canvas.save()


FIRST_REPORT_CHILD = """
import datetime as dt, io, sys, time
from haip_desktop.guideline import load_guideline
from haip_desktop.assessment.demo import make_demo_assessment
g = load_guideline()
a = make_demo_assessment(g, fill=1.0, seed=8, note_length=200, scope_all=True, as_of=dt.date(2026, 4, 1))
assert "reportlab" not in sys.modules
start, start_cpu = time.perf_counter(), time.process_time()
from haip_desktop.report import render_pdf
render_pdf(a, g, io.BytesIO())
print(time.perf_counter() - start, time.process_time() - start_cpu)
"""


def measure(bench: Workbench) -> list[Row]:
    assessment, guideline = bench.full_assessment, bench.guideline
    report_fonts.ensure_registered()
    pages: list[int] = []

    def full() -> None:
        pages.append(render_pdf(assessment, guideline, io.BytesIO(), ReportOptions()).page_count)

    if not bench.quick:
        full()  # imports and caches, not counted
        one_page(io.BytesIO())
    runs = bench.samples(3)
    taken = interleaved({"floor": lambda: one_page(io.BytesIO()), "full": full}, runs)
    floor, samples = taken["floor"], taken["full"]
    first: list[float] = []
    first_cpu: list[float] = []
    for _ in range(1 if bench.quick else 3):
        out = subprocess.run(
            [sys.executable, "-c", FIRST_REPORT_CHILD],
            cwd=REPO,
            capture_output=True,
            text=True,
            check=True,
        )
        wall, cpu = out.stdout.strip().splitlines()[-1].split()
        first.append(float(wall))
        first_cpu.append(float(cpu))
    return [
        Row(
            "report_pdf",
            f"render the full summary PDF ({pages[-1]} pages)",
            samples,
            floor=floor,
            floor_what="reportlab canvas: one A4 page of text, same embedded font",
            max_median=1.0,
            note="render_pdf(full layout, all sections) of the fully answered assessment",
            extra={"pages": pages[-1]},
        ),
        Row(
            "report_pdf_first",
            "first summary PDF in a fresh process (import + font registration)",
            Samples(first, cpu=first_cpu),
            max_median=1.0,
            note="what the first 報告書を作成 of a session costs",
        ),
    ]
