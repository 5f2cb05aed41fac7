"""Issue 14, defect 3: the console and the log never fail on a string, surrogates included.

A file name that is not valid UTF-8 (Linux gives it to Python as a lone surrogate, \\udcff)
or a name read from a file could break every later message: UTF-8 refuses surrogates, and
the log file was strict UTF-8.
"""

from __future__ import annotations

import io
import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from haip_desktop.streams import make_stream_safe, setup_logging

from .strategies import any_strings

HOSTILE = ["X\ud800", "\udcff", "a\udfffb\ud800", "𠮷\x00\u200b", "", "\n\r\t"]


@pytest.mark.parametrize("encoding", ["utf-8", "cp932", "ascii", "utf-16", "latin-1"])
def test_a_console_stream_writes_any_string(encoding: str) -> None:
    raw = io.BytesIO()
    stream = io.TextIOWrapper(raw, encoding=encoding)
    make_stream_safe(stream)
    for text in HOSTILE:
        print(text, file=stream)
    stream.flush()
    shown = raw.getvalue().decode(encoding)
    assert shown.count("\n") >= len(HOSTILE)
    assert "X〓" in shown or "X?" in shown


def test_the_log_file_records_any_string(tmp_path: Path, capsys) -> None:
    log_file = setup_logging(tmp_path)
    assert log_file is not None
    logger = logging.getLogger("haip_desktop.test_streams")
    for text in HOSTILE:
        logger.warning("saved to %s", Path(f"/tmp/{text}.haipeval"))
    for handler in logging.getLogger("haip_desktop").handlers:
        handler.flush()
    assert "Logging error" not in capsys.readouterr().err
    written = log_file.read_text(encoding="utf-8")
    assert "saved to /tmp/X〓.haipeval" in written


def _cli(*args: str | bytes) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "haip_desktop", *args],
        capture_output=True,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
        timeout=120,
    )


@pytest.mark.skipif(os.name == "nt", reason="POSIX file names are bytes")
def test_a_file_name_that_is_not_utf8_goes_through_demo_report_and_group(tmp_path: Path) -> None:
    folder = tmp_path / "評価"
    folder.mkdir()
    name = os.fsencode(folder) + b"/x\xff.haipeval"  # not UTF-8: \udcff in Python

    made = _cli("demo-assessment", "-o", name)  # type: ignore[arg-type]
    assert made.returncode == 0, made.stderr.decode("utf-8", "replace")
    assert made.stderr == b""
    assert "書き出しました: " in made.stdout.decode("utf-8")
    assert "x〓.haipeval" in made.stdout.decode("utf-8")

    report = _cli("report", name, "-o", str(tmp_path / "r.pdf"))  # type: ignore[arg-type]
    assert report.returncode == 0 and report.stderr == b""

    # A second file whose facility name cannot be written back is refused with its path.
    broken = folder / "壊れた.haipeval"
    text = (folder / os.fsdecode(b"x\xff.haipeval")).read_text(encoding="utf-8")
    broken.write_text(text.replace('"department": "', '"department": "\\ud800', 1), "utf-8")
    group = _cli("group", str(folder), "-o", str(tmp_path / "g.pdf"))
    err = group.stderr.decode("utf-8")
    assert group.returncode == 0, err
    assert "Traceback" not in err and "Logging error" not in err
    assert f"読み込めません: {broken}" in err
    assert "1 ファイル、1 施設を集計しました" in group.stdout.decode("utf-8")
    assert (tmp_path / "g.pdf").read_bytes().startswith(b"%PDF-")


# -- property-based: any string at all ----------------------------------------------------------


@given(text=any_strings, encoding=st.sampled_from(["utf-8", "cp932", "ascii", "utf-16"]))
def test_any_string_goes_to_a_console_of_any_encoding(text: str, encoding: str) -> None:
    raw = io.BytesIO()
    stream = io.TextIOWrapper(raw, encoding=encoding)
    make_stream_safe(stream)
    print(text, file=stream)
    stream.flush()
    raw.getvalue().decode(encoding)  # what was written is valid in that encoding


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=any_strings)
def test_any_string_goes_to_the_log_file(tmp_path_factory, capsys, text: str) -> None:
    folder = tmp_path_factory.getbasetemp() / "log"
    folder.mkdir(exist_ok=True)
    log_file = setup_logging(folder)  # or the log file already set up in this process
    assert log_file is not None
    logging.getLogger("haip_desktop.test_streams").error("file %s: %s", Path(text), text)
    assert "Logging error" not in capsys.readouterr().err
    log_file.read_bytes().decode("utf-8")  # the log stays valid UTF-8


def test_the_log_turns_over_keeping_the_newest_lines_in_its_backups(tmp_path: Path) -> None:
    from haip_desktop.streams import RotatingLog

    handler = RotatingLog(tmp_path / "app.log", max_bytes=400, backups=2)
    handler.setFormatter(logging.Formatter("%(message)s"))
    log = logging.getLogger("haip_desktop.test.rotation")
    log.addHandler(handler)
    log.propagate = False
    try:
        for n in range(60):
            log.warning("記録 %02d 𠮷 \ud800", n)  # never fails on any string
    finally:
        log.removeHandler(handler)
        handler.close()
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == ["app.log", "app.log.1", "app.log.2"]  # two backups, no third
    files = [tmp_path / "app.log.2", tmp_path / "app.log.1", tmp_path / "app.log"]
    assert all(f.stat().st_size <= 400 for f in files)
    lines = [line for f in files for line in f.read_text("utf-8").splitlines()]
    numbers = [int(line.split()[1]) for line in lines]
    assert numbers == list(range(numbers[0], 60))  # the newest lines, in order, none lost
    assert lines[-1] == "記録 59 𠮷 〓"


def test_the_log_does_not_bring_logging_handlers_into_the_start() -> None:
    """logging.handlers imports socket, pickle and queue: ≈10 ms of every start."""
    code = "import sys, haip_desktop.streams; print('logging.handlers' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.stdout.strip() == "False", done.stderr
