"""`self-test --deny-network`: every socket, connection and name lookup is refused and counted.

Run in a child process: pytest-socket guards this process, and the guard's audit hook
stays for the life of the process it is installed in.
"""

from __future__ import annotations

import json
import subprocess
import sys

PROBE = """
import json, socket
from haip_desktop.cli.selftest import network_denied

def attempt(action):
    try:
        action()
    except OSError as exc:
        return "refused: " + str(exc)
    return "allowed"

results = {}
with network_denied() as guard:
    results["socket"] = attempt(socket.socket)
    results["connection"] = attempt(lambda: socket.create_connection(("127.0.0.1", 9), timeout=1))
    results["lookup"] = attempt(lambda: socket.getaddrinfo("example.org", 443))
    results["pair"] = attempt(socket.socketpair)
results["attempts"] = len(guard.attempts)
results["after"] = attempt(lambda: socket.socket().close())
print(json.dumps(results, ensure_ascii=False))
"""


def test_the_guard_refuses_sockets_connections_and_lookups_then_lets_go() -> None:
    result = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, encoding="utf-8", timeout=60
    )
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    for key in ("socket", "connection", "lookup", "pair"):
        assert found[key].startswith(
            "refused: ネットワークは使用しません（自己診断で禁止）: socket."
        ), found
    assert found["attempts"] == 4
    assert found["after"] == "allowed"  # outside the block the process is as before


def test_self_test_with_deny_network_passes_and_says_so(tmp_path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "haip_desktop", "self-test", "--deny-network"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "OK  ネットワーク: 接続の試みはありませんでした" in result.stdout
