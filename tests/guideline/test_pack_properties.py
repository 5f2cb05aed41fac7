"""Issue 14, property-based: a pack made from mutated data is either accepted and loads, or
refused with reasons in Japanese; never a traceback, never unbounded memory.

The manifest is recomputed for the mutated file, so every mutation reaches the YAML loader and
the checks behind it (as a tampered pack with a correct manifest would).
"""

from __future__ import annotations

import functools
import hashlib
import json
import tempfile
import zipfile
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from haip_desktop.cli import main
from haip_desktop.guideline.packs import MANIFEST_NAME, build_pack, open_pack, verify_pack
from haip_desktop.paths import bundled_guideline_dir

# What a hostile or careless edit might put into a YAML file.
SNIPPETS = [
    "!!python/object/apply:os.system ['echo x']",
    "&a x",
    "*a",
    "<<: *a",
    "[",
    "{",
    "]",
    "~",
    "null",
    "- ",
    "'",
    '"',
    "2026-13-45",
    "1e999",
    "-1",
    "!!binary AAAA",
    "!!set {a, b}",
    "? complex key",
    "\t",
    "x" * 5000,
    "\ufeff",
    "\x00",
    "\U0001f600",
    "%YAML 1.1",
    "---",
    "...",
]


@functools.cache
def _members() -> dict[str, bytes]:
    """The members of a pack of the bundled data (built once)."""
    with tempfile.TemporaryDirectory() as folder:
        pack = Path(folder) / "data.haippack"
        build_pack(bundled_guideline_dir(), pack)
        with zipfile.ZipFile(pack) as zf:
            return {name: zf.read(name) for name in zf.namelist()}


def _pack_with(folder: Path, name: str, data: bytes) -> Path:
    members = dict(_members())
    members[name] = data
    manifest = json.loads(members[MANIFEST_NAME])
    manifest["files"][name] = {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}
    members[MANIFEST_NAME] = json.dumps(manifest).encode()
    pack = folder / "mutated.haippack"
    with zipfile.ZipFile(pack, "w") as zf:
        for member, content in members.items():
            zf.writestr(member, content)
    return pack


@st.composite
def mutated_members(draw: st.DrawFn) -> tuple[str, bytes]:
    names = sorted(n for n in _members() if n.endswith(".yaml"))
    name = draw(st.sampled_from(names))
    lines = _members()[name].decode("utf-8").split("\n")
    for _ in range(draw(st.integers(min_value=1, max_value=3))):
        at = draw(st.integers(min_value=0, max_value=len(lines) - 1))
        kind = draw(st.sampled_from(["delete", "copy", "replace", "value", "indent", "insert"]))
        line = lines[at]
        if kind == "delete":
            del lines[at]
        elif kind == "copy":
            lines.insert(at, line)
        elif kind == "replace":
            lines[at] = draw(st.text(max_size=30))
        elif kind == "value" and ": " in line:
            key = line.split(": ", 1)[0]
            lines[at] = f"{key}: {draw(st.sampled_from(SNIPPETS) | st.text(max_size=20))}"
        elif kind == "indent":
            lines[at] = " " * draw(st.integers(min_value=0, max_value=9)) + line.lstrip()
        else:
            lines.insert(at, draw(st.sampled_from(SNIPPETS)))
        if not lines:
            lines = [""]
    raw = "\n".join(lines).encode("utf-8", "surrogatepass")
    return name, raw


# capsys is read out after each example, so one per test is right.
@settings(max_examples=25, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(member=mutated_members())
@example(member=("references.yaml", b"references: &r [1]\nalias: *r\n"))
@example(member=("references.yaml", b"references:\n  - " + b"[" * 20_000 + b"\n"))
@example(member=("references.yaml", b"\xff\xfe not utf-8"))
def test_a_mutated_pack_is_accepted_and_loads_or_refused_with_reasons(capsys, member) -> None:
    name, data = member
    with tempfile.TemporaryDirectory() as folder:
        pack = _pack_with(Path(folder), name, data)
        manifest, problems = verify_pack(pack)
        assert isinstance(problems, list) and all(isinstance(p, str) and p for p in problems)
        if not problems:
            assert manifest is not None
            _, guideline = open_pack(pack)
            assert guideline.countermeasures
        code = main(["data", "check", str(pack)])
        captured = capsys.readouterr()
        assert code == (1 if problems else 0)
        assert "Traceback" not in captured.err and "予期しないエラー" not in captured.err
        if problems:
            assert "このパックは使えません" in captured.err
