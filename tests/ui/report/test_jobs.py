"""The report is made off the UI thread: progress arrives, the UI thread stays free, 中止 works."""

from __future__ import annotations

import io
import threading

from pypdf import PdfReader

from haip_desktop.ui.report.jobs import ReportJob


def test_report_job_reports_progress_and_finishes(qtbot, demo_assessment, guideline, short_options):
    job = ReportJob(demo_assessment, guideline, short_options)
    progress: list[tuple[int, int]] = []
    threads: set[int] = set()

    def on_progress(done: int, total: int) -> None:
        progress.append((done, total))
        threads.add(threading.get_ident())

    job.progress.connect(on_progress)
    with qtbot.waitSignal(job.succeeded, timeout=20_000) as finished:
        job.start()
        # start() returns at once: the UI thread is free while the PDF is laid out.
        assert job.running
    report = finished.args[0]
    assert not job.running
    assert progress, "no progress was reported"
    assert progress[-1][0] == progress[-1][1]  # ends at 100 %
    assert [d for d, _ in progress] == sorted(d for d, _ in progress)
    assert threads == {threading.get_ident()}  # delivered on the UI thread, queued
    reader = PdfReader(io.BytesIO(report.pdf))
    assert len(reader.pages) == report.page_count >= 3
    assert demo_assessment.facility.name in reader.pages[0].extract_text()


def test_report_job_works_on_a_copy(qtbot, demo_assessment, guideline, short_options):
    job = ReportJob(demo_assessment, guideline, short_options)
    original = demo_assessment.facility.name
    with qtbot.waitSignal(job.succeeded, timeout=20_000) as finished:
        job.start()
        demo_assessment.facility.name = "途中で変えた名前"  # editing goes on meanwhile
    text = PdfReader(io.BytesIO(finished.args[0].pdf)).pages[0].extract_text()
    assert original in text
    assert "途中で変えた名前" not in text


def test_cancel_stops_the_report(qtbot, demo_assessment, guideline, short_options):
    job = ReportJob(demo_assessment, guideline, short_options)
    finished: list[object] = []
    job.succeeded.connect(finished.append)
    job.cancel()  # pressed before the first paragraph is laid out
    with qtbot.waitSignals([job.cancelled, job.ended], timeout=20_000):
        job.start()
    assert finished == []
    assert not job.running


def test_failure_is_reported_not_raised(
    qtbot, demo_assessment, guideline, short_options, monkeypatch
):
    import haip_desktop.ui.report.jobs as jobs

    def broken(*_args, **_kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(jobs, "render_pdf", broken)
    job = ReportJob(demo_assessment, guideline, short_options)
    with qtbot.waitSignal(job.failed, timeout=20_000) as failed:
        job.start()
    assert isinstance(failed.args[0], OSError) and "disk full" in str(failed.args[0])


def test_pressing_cancel_in_the_progress_dialog_opens_no_preview(qtbot, flow, short_options):
    shown: list[object] = []
    flow.preview_shown.connect(shown.append)
    job = flow.generate(short_options)
    assert job is not None and flow.progress is not None
    assert flow.generate(short_options) is None  # one report at a time
    from PySide6.QtWidgets import QPushButton

    button = flow.progress.findChild(QPushButton)
    assert button.text() == "中止"
    with qtbot.waitSignal(job.cancelled, timeout=20_000):
        button.click()
    qtbot.waitUntil(lambda: flow.progress is None)
    assert shown == [] and flow.preview is None
