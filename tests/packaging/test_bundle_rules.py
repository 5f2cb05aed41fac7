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


def test_photo_formats_are_dropped_but_icon_formats_kept() -> None:
    assert not rules.keep_binary("PySide6/Qt/plugins/imageformats/libqjpeg.so")
    assert not rules.keep_binary("PySide6/plugins/imageformats/qgif.dll")
    assert rules.keep_binary("PySide6/Qt/plugins/imageformats/libqico.so")
    assert rules.keep_binary("PySide6/Qt/plugins/imageformats/libqsvg.so")


def test_a_wheels_private_copy_of_a_library_the_build_has_becomes_a_link() -> None:
    entries = [
        ("libXau.so.6", "/usr/lib/libXau.so.6", "BINARY"),
        ("libzstd.so.1", "/usr/lib/libzstd.so.1", "BINARY"),
        (
            "pillow.libs/libXau-154567c4.so.6.0.0",
            "/venv/pillow.libs/libXau-154567c4.so.6.0.0",
            "BINARY",
        ),
        (
            "pillow.libs/libzstd-40ad5e7e.so.1.5.7",
            "/venv/pillow.libs/libzstd-40ad5e7e.so.1.5.7",
            "BINARY",
        ),
        # No copy of the same library in the build: stays.
        (
            "pillow.libs/libtiff-20b7e810.so.6.3.0",
            "/venv/pillow.libs/libtiff-20b7e810.so.6.3.0",
            "BINARY",
        ),
        # Another major version (another ABI): stays.
        (
            "pillow.libs/libjpeg-6dc8d115.so.62.4.0",
            "/venv/pillow.libs/libjpeg-6dc8d115.so.62.4.0",
            "BINARY",
        ),
        ("libjpeg.so.8", "/usr/lib/libjpeg.so.8", "BINARY"),
        ("libXau-154567c4.so.6.0.0", "pillow.libs/libXau-154567c4.so.6.0.0", "SYMLINK"),
    ]
    shared = {
        dest: (source, typecode)
        for dest, source, typecode in rules.share_duplicate_libraries(entries)
    }
    assert shared["pillow.libs/libXau-154567c4.so.6.0.0"] == ("../libXau.so.6", "SYMLINK")
    assert shared["pillow.libs/libzstd-40ad5e7e.so.1.5.7"] == ("../libzstd.so.1", "SYMLINK")
    assert shared["pillow.libs/libtiff-20b7e810.so.6.3.0"][1] == "BINARY"
    assert shared["pillow.libs/libjpeg-6dc8d115.so.62.4.0"][1] == "BINARY"
    assert shared["libXau.so.6"] == ("/usr/lib/libXau.so.6", "BINARY")
    assert shared["libXau-154567c4.so.6.0.0"] == ("pillow.libs/libXau-154567c4.so.6.0.0", "SYMLINK")


def test_links_to_a_dropped_library_are_left_out() -> None:
    entries = [
        ("PySide6/Qt/lib/libQt6Core.so.6", "/qt/lib/libQt6Core.so.6", "BINARY"),
        ("libQt6Core.so.6", "PySide6/Qt/lib/libQt6Core.so.6", "SYMLINK"),
        ("libQt6OpenGL.so.6", "PySide6/Qt/lib/libQt6OpenGL.so.6", "SYMLINK"),  # pruned
        ("libQt6OpenGL.so", "libQt6OpenGL.so.6", "SYMLINK"),  # a link to the dangling link
        ("libXau.so.6", "/usr/lib/libXau.so.6", "BINARY"),
        ("pillow.libs/libXau-154567c4.so.6.0.0", "../libXau.so.6", "SYMLINK"),
    ]
    kept = [dest for dest, _source, _type in rules.drop_dangling_links(entries)]
    assert kept == [
        "PySide6/Qt/lib/libQt6Core.so.6",
        "libQt6Core.so.6",
        "libXau.so.6",
        "pillow.libs/libXau-154567c4.so.6.0.0",
    ]


def test_a_link_among_the_data_entries_may_point_at_a_binary() -> None:
    binaries = [("PySide6/Qt/lib/libQt6Core.so.6", "/qt/lib/libQt6Core.so.6", "BINARY")]
    datas = [
        ("libQt6Core.so.6", "PySide6/Qt/lib/libQt6Core.so.6", "SYMLINK"),
        ("libQt6OpenGL.so.6", "PySide6/Qt/lib/libQt6OpenGL.so.6", "SYMLINK"),
    ]
    kept = rules.drop_dangling_links(datas, binaries)
    assert kept == [("libQt6Core.so.6", "PySide6/Qt/lib/libQt6Core.so.6", "SYMLINK")]
