"""What the PyInstaller build keeps and drops, decided without running a build."""

from __future__ import annotations

import bundle_rules as rules
import pytest


@pytest.mark.parametrize(
    "dest",
    [
        "PySide6/Qt/plugins/tls/libqopensslbackend.so",
        "PySide6/Qt/plugins/networkinformation/libqnetworkmanager.so",
        "PySide6/plugins/tls/qschannelbackend.dll",
        "PySide6/Qt/plugins/platforms/libqvnc.so",
        "PySide6/Qt/plugins/platforms/libqeglfs.so",
        "PySide6/Qt/plugins/generic/libqtuiotouchplugin.so",
        "PySide6/Qt/plugins/platformthemes/libqgtk3.so",
        "PySide6/Qt/plugins/platforminputcontexts/libqtvirtualkeyboardplugin.so",
        "PySide6/Qt/plugins/sqldrivers/libqsqlite.so",
        "PySide6/Qt/plugins/imageformats/libqtiff.so",
        "PySide6/Qt/lib/libQt6Quick.so.6",
        "PySide6/Qt/lib/libQt6Qml.so.6",
        "PySide6/Qt6VirtualKeyboard.dll",
        "PySide6/Qt6WebEngineCore.dll",
        "PySide6/opengl32sw.dll",
        "libQt6WaylandClient.so.6",
    ],
)
def test_networking_and_unused_qt_parts_are_dropped(dest: str) -> None:
    assert not rules.keep_binary(dest)


@pytest.mark.parametrize(
    "dest",
    [
        "PySide6/Qt/lib/libQt6Core.so.6",
        "PySide6/Qt/lib/libQt6Pdf.so.6",
        "PySide6/Qt/lib/libQt6Network.so.6",  # linked by libQt6Pdf; its plugins are not kept
        "PySide6/Qt6Widgets.dll",
        "PySide6/Qt/plugins/platforms/libqxcb.so",
        "PySide6/Qt/plugins/platforms/libqoffscreen.so",
        "PySide6/plugins/platforms/qwindows.dll",
        "PySide6/plugins/printsupport/windowsprintersupport.dll",
        "PySide6/plugins/styles/qmodernwindowsstyle.dll",
        "PySide6/plugins/imageformats/qsvg.dll",
        "PySide6/plugins/iconengines/qsvgicon.dll",
        "libpython3.11.so.1.0",
    ],
)
def test_what_the_application_uses_is_kept(dest: str) -> None:
    assert rules.keep_binary(dest)


@pytest.mark.parametrize(
    ("dest", "kept"),
    [
        ("PySide6/Qt/translations/qtbase_ja.qm", True),
        ("PySide6/Qt/translations/qt_ja.qm", True),
        ("PySide6/translations/qtbase_en.qm", True),
        ("PySide6/Qt/translations/qtbase_de.qm", False),
        ("PySide6/Qt/translations/qtbase_zh_CN.qm", False),
        ("PySide6/Qt/translations/qtdeclarative_ja.qm", False),
        ("PySide6/Qt/translations/qtwebengine_ja.qm", False),
        ("haip_desktop/bundled/guideline_data/use_cases.yaml", True),
        ("haip_desktop/bundled/resources/fonts/BIZUDPGothic-Regular.ttf", True),
    ],
)
def test_only_japanese_and_english_qt_translations_are_kept(dest: str, kept: bool) -> None:
    assert rules.keep_data(dest) is kept


def test_a_link_to_a_dropped_library_goes_too() -> None:
    link = ("libQt6WaylandClient.so.6", "PySide6/Qt/lib/libQt6WaylandClient.so.6", "SYMLINK")
    kept_link = ("libQt6Core.so.6", "PySide6/Qt/lib/libQt6Core.so.6", "SYMLINK")
    assert not rules.keep_entry(link)
    assert rules.keep_entry(kept_link)


def test_ssl_and_qt_network_module_are_excluded_from_the_build() -> None:
    assert {"ssl", "_ssl", "PySide6.QtNetwork", "PySide6.QtWebEngineCore"} <= set(
        rules.EXCLUDED_MODULES
    )
    assert not set(rules.QT_MODULES_USED) & set(rules.EXCLUDED_MODULES)


def test_libraries_only_a_dropped_plugin_needed_are_pruned() -> None:
    links = {
        "/src/plugins/platforms/libqxcb.so": ["libxcb.so.1", "libQt6Gui.so.6"],
        "/src/libxcb.so.1": ["libXau.so.6"],
        "/src/libXau.so.6": [],
        "/src/libgtk-3.so.0": ["libcairo.so.2"],
        "/src/libcairo.so.2": [],
        "/src/libpython3.11.so.1.0": ["libz.so.1"],
        "/src/libz.so.1": [],
    }
    entries = [
        ("PySide6/Qt/plugins/platforms/libqxcb.so", "/src/plugins/platforms/libqxcb.so", "BINARY"),
        ("libxcb.so.1", "/src/libxcb.so.1", "BINARY"),
        ("libXau.so.6", "/src/libXau.so.6", "BINARY"),
        ("libgtk-3.so.0", "/src/libgtk-3.so.0", "BINARY"),  # its plugin was dropped
        ("libcairo.so.2", "/src/libcairo.so.2", "BINARY"),
        ("libpython3.11.so.1.0", "/src/libpython3.11.so.1.0", "BINARY"),
        ("libz.so.1", "/src/libz.so.1", "BINARY"),
    ]
    kept = {e[0] for e in rules.prune_unreachable(entries, lambda source: links[source])}
    assert kept == {
        "PySide6/Qt/plugins/platforms/libqxcb.so",
        "libxcb.so.1",
        "libXau.so.6",
        "libpython3.11.so.1.0",
        "libz.so.1",
    }


def test_a_qt_library_nothing_links_against_is_pruned_but_one_in_use_stays() -> None:
    links = {
        "/qt/plugins/platforms/libqxcb.so": ["libQt6Gui.so.6"],
        "/qt/lib/libQt6Gui.so.6": [],
        "/qt/lib/libQt6OpenGL.so.6": ["libQt6Gui.so.6"],
    }
    entries = [
        ("PySide6/Qt/plugins/platforms/libqxcb.so", "/qt/plugins/platforms/libqxcb.so", "BINARY"),
        ("PySide6/Qt/lib/libQt6Gui.so.6", "/qt/lib/libQt6Gui.so.6", "BINARY"),
        ("PySide6/Qt/lib/libQt6OpenGL.so.6", "/qt/lib/libQt6OpenGL.so.6", "BINARY"),
    ]
    kept = [e[0] for e in rules.prune_unreachable(entries, lambda source: links[source])]
    assert kept == ["PySide6/Qt/plugins/platforms/libqxcb.so", "PySide6/Qt/lib/libQt6Gui.so.6"]
