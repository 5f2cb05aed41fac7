"""The package imports nothing that talks to a network (read from the source, not run)."""

from __future__ import annotations

import ast
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
PACKAGE = REPO / "haip_desktop"

FORBIDDEN = (
    "socket",
    "ssl",
    "http",
    "urllib.request",
    "urllib.response",
    "ftplib",
    "smtplib",
    "poplib",
    "imaplib",
    "telnetlib",
    "xmlrpc",
    "socketserver",
    "asyncio",
    "webbrowser",
    "requests",
    "httpx",
    "aiohttp",
    "urllib3",
    "websockets",
    "PySide6.QtNetwork",
    "PySide6.QtNetworkAuth",
    "PySide6.QtWebEngineCore",
    "PySide6.QtWebEngineWidgets",
    "PySide6.QtWebSockets",
    "PySide6.QtHttpServer",
)


def imported_modules(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.append(node.module)
            names += [f"{node.module}.{alias.name}" for alias in node.names]
        elif isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "import_module":
            names += [a.value for a in node.args if isinstance(a, ast.Constant)]
    return names


def is_forbidden(name: str) -> bool:
    return any(name == bad or name.startswith(bad + ".") for bad in FORBIDDEN)


def test_no_module_of_the_package_imports_networking() -> None:
    sources = sorted(PACKAGE.rglob("*.py"))
    assert len(sources) > 20  # the whole package is read, not an empty folder
    found = [
        f"{path.relative_to(REPO)}: {name}"
        for path in sources
        for name in imported_modules(path)
        if is_forbidden(name)
    ]
    assert found == []


def test_no_qt_network_class_is_named_anywhere_in_the_package() -> None:
    names = ("QtNetwork", "QNetworkAccessManager", "QTcpSocket", "QUdpSocket", "QSslSocket")
    found = [
        f"{path.relative_to(REPO)}: {name}"
        for path in sorted(PACKAGE.rglob("*.py"))
        for name in names
        if name in path.read_text(encoding="utf-8")
    ]
    assert found == []


def test_the_checker_recognises_network_imports(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text(
        "import urllib.request\nfrom http import client\nfrom PySide6.QtNetwork import QTcpSocket\n"
        "from urllib.parse import quote\nimport importlib\nimportlib.import_module('ssl')\n",
        encoding="utf-8",
    )
    assert [n for n in imported_modules(sample) if is_forbidden(n)] == [
        "urllib.request",
        "http",
        "http.client",
        "PySide6.QtNetwork",
        "PySide6.QtNetwork.QTcpSocket",
        "ssl",
    ]
