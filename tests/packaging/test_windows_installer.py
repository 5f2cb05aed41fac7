"""The Inno Setup script, read as a reviewer would (it cannot be compiled on Linux)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ISS = Path(__file__).resolve().parents[2] / "packaging" / "windows" / "haip_desktop.iss"


def sections() -> dict[str, list[str]]:
    text = ISS.read_bytes().decode("utf-8-sig")
    found: dict[str, list[str]] = {}
    current = ""
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith(";"):
            continue
        match = re.fullmatch(r"\[(\w+)\]", line)
        if match:
            current = match[1]
            found.setdefault(current, [])
        else:
            found.setdefault(current, []).append(line)
    return found


def setup_value(name: str) -> str:
    for line in sections()["Setup"]:
        key, _, value = line.partition("=")
        if key.strip() == name:
            return value.strip()
    raise KeyError(name)


def test_saved_as_utf8_with_bom_so_iscc_reads_the_japanese_text() -> None:
    assert ISS.read_bytes().startswith(b"\xef\xbb\xbf")
    assert "自己評価" in ISS.read_bytes().decode("utf-8-sig")


def test_installs_per_user_without_admin_and_per_machine_when_chosen() -> None:
    assert setup_value("PrivilegesRequired") == "lowest"
    assert set(setup_value("PrivilegesRequiredOverridesAllowed").split()) == {
        "dialog",
        "commandline",
    }
    assert setup_value("DefaultDirName").startswith("{autopf}")
    assert setup_value("ArchitecturesInstallIn64BitMode") == "x64compatible"
    assert re.fullmatch(r"\{\{[0-9A-F-]{36}\}", setup_value("AppId"))


def test_japanese_installer_with_version_information() -> None:
    languages = sections()["Languages"]
    assert languages[0].startswith('Name: "japanese"')
    assert "Japanese.isl" in languages[0]
    assert setup_value("VersionInfoVersion") == "{#AppVersion}"
    assert setup_value("OutputBaseFilename") == "HAIPDesktop-{#AppVersion}-setup"  # build_app.py


def test_start_menu_entry_and_file_association_open_the_program() -> None:
    icons = sections()["Icons"]
    assert any(i.startswith('Name: "{group}\\{#AppName}"') and "{#AppExe}" in i for i in icons)
    registry = "\n".join(sections()["Registry"])
    assert 'Subkey: "Software\\Classes\\{#AssessmentExt}"' in registry
    assert '"""{app}\\{#AppExe}"" gui ""%1"""' in registry  # cli/__init__.py: `gui FILE`
    assert all(line.startswith("Root: HKA;") for line in sections()["Registry"])
    # .json is offered under "Open with", never taken over as the default.
    json_lines = [line for line in sections()["Registry"] if "\\.json" in line]
    assert json_lines and all("OpenWithProgids" in line for line in json_lines)


@pytest.mark.parametrize(
    "user_place", ["{localappdata}", "{userdocs}", "HAIP評価", "{userappdata}"]
)
def test_uninstall_never_deletes_the_users_data(user_place: str) -> None:
    deleting = sections().get("UninstallDelete", []) + sections().get("InstallDelete", [])
    assert not [line for line in deleting if user_place in line]
    for line in sections()["Registry"]:
        if "uninsdeletekey" in line:
            assert "Software\\Classes\\" in line  # only our own file-type keys


def test_files_come_from_the_pyinstaller_folder_that_build_app_makes() -> None:
    assert any('Source: "{#SourceDir}\\*"' in line for line in sections()["Files"])
    text = ISS.read_bytes().decode("utf-8-sig")
    assert '#define SourceDir "..\\dist\\HAIPDesktop"' in text
    assert '#define AppExe "HAIPDesktop.exe"' in text
    assert '#define ConsoleExe "haip-desktop.exe"' in text
