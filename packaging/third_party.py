"""The licence texts shipped with the build: those of every third-party distribution bundled.

The texts come from each installed distribution's metadata (``*.dist-info/licenses/…``), so
they always match the versions that were frozen. Qt for Python's wheels carry no licence
file, so the LGPL-3.0 and GPL-3.0 texts are kept in ``packaging/licenses/`` instead, next to
the hand-written summary ``THIRD_PARTY_LICENSES.txt``.
"""

from __future__ import annotations

import sys
import sysconfig
from importlib import metadata
from pathlib import Path

PACKAGING_DIR = Path(__file__).resolve().parent
REPO = PACKAGING_DIR.parent
OWN_LICENCE_DIR = PACKAGING_DIR / "licenses"

# Every distribution that the frozen program contains (runtime dependencies, recursively).
BUNDLED_DISTRIBUTIONS: tuple[str, ...] = (
    "PySide6-Essentials",
    "PySide6-Pdf",
    "shiboken6",
    "pydantic",
    "pydantic-core",
    "annotated-types",
    "typing-extensions",
    "typing-inspection",
    "PyYAML",
    "reportlab",
    "pillow",
    "charset-normalizer",
    "platformdirs",
    "openpyxl",
    "et-xmlfile",
)

_LICENCE_WORDS = ("licen", "copying", "notice", "authors")


def licence_files(distribution: str) -> list[Path]:
    """The licence files an installed distribution carries in its metadata (maybe none)."""
    try:
        dist = metadata.distribution(distribution)
    except metadata.PackageNotFoundError:
        return []
    found: list[Path] = []
    for file in dist.files or []:
        parts = [p.lower() for p in file.parts]
        if not parts[0].endswith(".dist-info"):
            continue
        if any(word in part for part in parts[1:] for word in _LICENCE_WORDS):
            found.append(Path(str(file.locate())))
    return sorted(p for p in found if p.is_file())


def installed_distributions() -> dict[str, str]:
    """Name -> version of the bundled distributions that are installed here."""
    versions: dict[str, str] = {}
    for name in BUNDLED_DISTRIBUTIONS:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            continue
    return versions


def python_licence() -> Path | None:
    """CPython's own licence (the interpreter is part of the build)."""
    candidate = Path(sysconfig.get_paths()["stdlib"]) / "LICENSE.txt"
    if candidate.is_file():
        return candidate
    candidate = Path(sys.base_prefix) / "LICENSE.txt"  # Windows python.org layout
    return candidate if candidate.is_file() else None


def licence_datas() -> list[tuple[str, str]]:
    """(source, destination folder) pairs for PyInstaller's ``datas``."""
    datas: list[tuple[str, str]] = []
    for own in sorted(OWN_LICENCE_DIR.iterdir()):
        datas.append((str(own), "licenses"))
    font_licences = REPO / "resources" / "fonts"
    for ofl in sorted(font_licences.glob("OFL*")):
        datas.append((str(ofl), "licenses/fonts"))
    for name in installed_distributions():
        for file in licence_files(name):
            datas.append((str(file), f"licenses/{name}"))
    python = python_licence()
    if python is not None:
        datas.append((str(python), "licenses/Python"))
    return datas


def versions_text() -> str:
    """A plain list of what was bundled, in which version (goes into licenses/VERSIONS.txt)."""
    lines = [f"Python {sys.version.split()[0]}"]
    lines += [f"{name} {version}" for name, version in installed_distributions().items()]
    return "\n".join(lines) + "\n"
