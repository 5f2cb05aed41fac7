"""The main journey runs with every socket refused, and nothing even tries to open one.

The application runs in a child process whose `sitecustomize` replaces socket creation and
name lookup before anything else is imported; each attempt is written to a log file and
raises. pytest-socket only guards this test process, not its children, hence the wrapper.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

SITECUSTOMIZE = """
import os
import socket

_LOG = os.environ["HAIP_SOCKET_LOG"]


def _refused(what):
    with open(_LOG, "a", encoding="utf-8") as log:
        log.write(what + "\\n")
    return OSError("network disabled for this test: " + what)


class _RefusedSocket(socket.socket):
    def __init__(self, *args, **kwargs):
        raise _refused("socket%r" % (args,))


socket.socket = _RefusedSocket
for _name in ("create_connection", "create_server", "getaddrinfo", "gethostbyname",
              "gethostbyname_ex", "gethostbyaddr", "socketpair", "fromfd"):
    def _refuse(*args, _name=_name, **kwargs):
        raise _refused(_name + repr(args))
    setattr(socket, _name, _refuse)
"""


@pytest.fixture
def offline_env(tmp_path: Path) -> tuple[dict[str, str], Path]:
    guard_dir = tmp_path / "guard"
    guard_dir.mkdir()
    (guard_dir / "sitecustomize.py").write_text(SITECUSTOMIZE, encoding="utf-8")
    log = tmp_path / "socket-attempts.log"
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(guard_dir), env.get("PYTHONPATH")]))
    env["HAIP_SOCKET_LOG"] = str(log)
    env["QT_QPA_PLATFORM"] = "offscreen"
    return env, log


def test_the_guard_refuses_and_records_a_socket(offline_env, tmp_path: Path) -> None:
    env, log = offline_env
    probe = "import socket\ntry:\n    socket.socket()\nexcept OSError as e:\n    print(e)\n"
    result = subprocess.run(
        [sys.executable, "-c", probe], env=env, capture_output=True, text=True, timeout=60
    )
    assert "network disabled for this test" in result.stdout
    assert log.read_text(encoding="utf-8").startswith("socket(")


def test_main_journey_opens_no_socket(offline_env, tmp_path: Path) -> None:
    env, log = offline_env
    out = tmp_path / "out"
    result = subprocess.run(
        [sys.executable, "-m", "haip_desktop", "self-test", "--gui", "--out", str(out)],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert not log.exists(), log.read_text(encoding="utf-8")

    # What the journey left behind is real: the saved assessment, the PDF, the CSV, the window.
    saved = json.loads((out / "selftest-assessment.json").read_text(encoding="utf-8"))
    assert saved["facility"]["name"] == "自己診断病院"
    pdf_text = "".join(
        page.extract_text() for page in PdfReader(out / "selftest-summary.pdf").pages
    )
    assert "自己診断病院" in pdf_text
    assert (out / "selftest-summary.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    assert (out / "selftest-window.png").stat().st_size > 10_000
    assert "項目すべて成功しました" in result.stdout
