"""The house rules on imports, read from the source with `ast` (every import counts: at the top,
inside functions, under TYPE_CHECKING):

- only `haip_desktop.ui` imports Qt;
- imports run downwards: floor (paths, files, oserrors, streams) → guideline → assessment →
  report → the faces (cli, ui); a face never imports the other's internals except the GUI
  start (`cli` → `ui.app`);
- no module outside `ui/shell/` imports the main window: views and parts know `Shell`;
- the rooms of ui import the shell's interface, the shared widgets, and only the neighbours
  they build on (`ROOMS`);
- no import circles among the modules of haip_desktop.

A rule broken today by a module that another branch is changing is listed in `KNOWN_…` with
the reason; the last test fails once an entry is no longer needed, so the list cannot go stale.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PACKAGE = REPO / "haip_desktop"
QT_PACKAGES = ("PySide6", "shiboken6", "PyQt5", "PyQt6", "PySide2")

FLOOR = 0
LAYERS = [  # (module prefix, layer), most specific first
    ("haip_desktop.ui", 4),
    ("haip_desktop.cli", 4),
    ("haip_desktop.__main__", 4),
    ("haip_desktop.report", 3),
    ("haip_desktop.assessment", 2),
    ("haip_desktop.guideline", 1),
    ("haip_desktop.paths", FLOOR),
    ("haip_desktop.files", FLOOR),
    ("haip_desktop.oserrors", FLOOR),
    ("haip_desktop.streams", FLOOR),
]

# What each room of ui may import besides itself (app.py and parts.py assemble them all).
ROOMS = {
    "widgets": set(),
    "startup": {"widgets"},
    "shell": {"widgets"},  # (shell/assembly.py installs ui/parts.py, which is no room)
    "guideline": {"shell", "widgets"},
    "assessment": {"shell", "widgets"},
    "report": {"shell", "widgets"},
    "updates": {"shell", "widgets"},
    # builds on the assessment part's document and shows changes as updates/ does
    "comparisons": {"shell", "widgets", "assessment", "updates"},
}

KNOWN_UPWARD: set[tuple[str, str]] = set()
KNOWN_CIRCLES: set[frozenset[str]] = set()


@dataclass(frozen=True)
class Import:
    importer: str
    target: str  # a module of haip_desktop, or an outside name such as PySide6.QtCore
    line: int

    def __str__(self) -> str:
        return f"{self.importer} (line {self.line}) imports {self.target}"


def module_name(path: Path) -> str:
    parts = list(path.relative_to(REPO).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


@cache
def source_modules() -> dict[str, Path]:
    return {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def imports_of(name: str, path: Path, modules: dict[str, Path]) -> Iterator[Import]:
    """Every import statement in the module, resolved to what it loads."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield Import(name, alias.name, node.lineno)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                source = ".".join(base + ([node.module] if node.module else []))
            else:
                source = node.module or ""
            submodules = [f"{source}.{a.name}" for a in node.names]
            loaded = [s for s in submodules if s in modules]
            yield from (Import(name, s, node.lineno) for s in loaded)
            if len(loaded) < len(submodules):  # names defined in the module itself
                yield Import(name, source, node.lineno)
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute | ast.Name)
            and (getattr(node.func, "attr", None) or getattr(node.func, "id", None))
            in ("import_module", "__import__")
        ):
            for arg in node.args[:1]:
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                    yield Import(name, arg.value, node.lineno)


@cache
def all_imports() -> list[Import]:
    modules = source_modules()
    return [found for name, path in modules.items() for found in imports_of(name, path, modules)]


def layer_of(module: str) -> int | None:
    for prefix, layer in LAYERS:
        if module == prefix or module.startswith(prefix + "." if prefix[-1] != "_" else prefix):
            return layer
    return FLOOR if module == "haip_desktop" else None


def internal_edges() -> dict[str, set[str]]:
    modules = source_modules()
    edges: dict[str, set[str]] = {name: set() for name in modules}
    for found in all_imports():
        if found.target in modules and found.target != found.importer:
            edges[found.importer].add(found.target)
    return edges


def circles(edges: dict[str, set[str]]) -> list[frozenset[str]]:
    """The strongly connected groups of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[frozenset[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for after in sorted(edges[node]):
            if after not in index:
                visit(after)
                low[node] = min(low[node], low[after])
            elif after in on_stack:
                low[node] = min(low[node], index[after])
        if low[node] == index[node]:
            group = set()
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.add(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(frozenset(group))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return found


def upward_imports() -> set[tuple[str, str]]:
    found = set()
    for imp in all_imports():
        if not imp.target.startswith("haip_desktop"):
            continue
        own, other = layer_of(imp.importer), layer_of(imp.target)
        assert own is not None, f"{imp.importer}: which layer is it? Add it to LAYERS"
        assert other is not None, f"{imp.target}: which layer is it? Add it to LAYERS"
        if other > own:
            found.add((imp.importer, imp.target))
    return found


# -- the rules ------------------------------------------------------------------------------


def test_the_whole_package_is_read():
    imports = all_imports()
    assert len(source_modules()) > 100
    # Imports inside functions and under TYPE_CHECKING are seen, too.
    pairs = {(i.importer, i.target) for i in imports}
    assert ("haip_desktop.ui.app", "haip_desktop.ui.shell.assembly") in pairs  # in a function
    assert ("haip_desktop.ui.assessment.part", "haip_desktop.ui.assessment.controller") in pairs


def test_only_the_ui_imports_qt():
    offenders = [
        str(i)
        for i in all_imports()
        if i.target.split(".")[0] in QT_PACKAGES and not i.importer.startswith("haip_desktop.ui")
    ]
    assert offenders == []


def test_imports_run_downwards():
    assert upward_imports() - KNOWN_UPWARD == set()


def test_the_two_faces_keep_apart():
    offenders = [
        str(i)
        for i in all_imports()
        if (i.importer.startswith("haip_desktop.ui") and layer_of(i.target) == 4)
        and not i.target.startswith("haip_desktop.ui")
        or (
            not i.importer.startswith("haip_desktop.ui")
            and i.target.startswith("haip_desktop.ui")
            and i.target != "haip_desktop.ui.app"
        )
    ]
    assert offenders == []


def test_only_the_shell_knows_the_main_window():
    offenders = [
        str(i)
        for i in all_imports()
        if i.target == "haip_desktop.ui.shell.main_window"
        and not i.importer.startswith("haip_desktop.ui.shell.")
    ]
    assert offenders == []


def room_of(module: str) -> str | None:
    parts = module.split(".")
    return parts[2] if len(parts) > 3 and parts[:2] == ["haip_desktop", "ui"] else None


def test_rooms_import_the_shell_the_widgets_and_their_neighbours():
    rooms = {room_of(name) for name in source_modules()} - {None}
    assert rooms == set(ROOMS), "a new room of ui: say in ROOMS what it may import"
    offenders = [
        str(i)
        for i in all_imports()
        if (own := room_of(i.importer)) is not None
        and (other := room_of(i.target)) is not None
        and other != own
        and other not in ROOMS[own]
    ]
    assert offenders == []


def test_no_import_circles():
    found = circles(internal_edges())
    assert [sorted(c) for c in found if c not in KNOWN_CIRCLES] == []
    assert not any(c for c in found if any(m.startswith("haip_desktop.ui") for m in c))


def test_the_known_exceptions_still_exist():
    """Remove an entry from KNOWN_… as soon as its reason is gone."""
    assert upward_imports() >= KNOWN_UPWARD
    assert set(circles(internal_edges())) >= KNOWN_CIRCLES


def test_the_checks_can_fail():
    edges = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert circles(edges) == [frozenset({"a", "b", "c"})]
    assert layer_of("haip_desktop.guideline.packs") < layer_of("haip_desktop.report.pdf")
