"""What goes into the PyInstaller build and what is left out (used by haip_desktop.spec).

Kept apart from the spec so that the rules can be read in one place and tested without
running a build. The application uses Qt Core/Gui/Widgets, PrintSupport and Pdf/PdfWidgets
only; everything else Qt ships (QML/Quick, WebEngine, 3D, multimedia, networking plugins,
SQL drivers, the designer, …) is left out.

One exception is deliberate: libQt6Pdf links against libQt6Network, so that *shared library*
has to be present for QtPdf to load. Its Python module (PySide6.QtNetwork) and all of its
plugins (tls, networkinformation, bearer) are excluded, so nothing in the build can open a
TLS connection or look at the network state.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Iterable
from pathlib import PurePath

# Python modules of Qt that the application imports (only haip_desktop.ui imports them).
QT_MODULES_USED: tuple[str, ...] = (
    "PySide6.QtCore",
    "PySide6.QtGui",
    "PySide6.QtWidgets",
    "PySide6.QtPrintSupport",
    "PySide6.QtPdf",
    "PySide6.QtPdfWidgets",
)

_QT_MODULES_EXCLUDED = [
    "Qt3DAnimation",
    "Qt3DCore",
    "Qt3DExtras",
    "Qt3DInput",
    "Qt3DLogic",
    "Qt3DRender",
    "QtAxContainer",
    "QtBluetooth",
    "QtCharts",
    "QtConcurrent",
    "QtDBus",
    "QtDataVisualization",
    "QtDesigner",
    "QtGraphs",
    "QtGraphsWidgets",
    "QtHelp",
    "QtHttpServer",
    "QtLabsStyleKit",
    "QtLocation",
    "QtMultimedia",
    "QtMultimediaWidgets",
    "QtNetwork",
    "QtNetworkAuth",
    "QtNfc",
    "QtOpenGL",
    "QtOpenGLWidgets",
    "QtPositioning",
    "QtQml",
    "QtQmlFeatures",
    "QtQuick",
    "QtQuick3D",
    "QtQuickControls2",
    "QtQuickTest",
    "QtQuickWidgets",
    "QtRemoteObjects",
    "QtScxml",
    "QtSensors",
    "QtSerialBus",
    "QtSerialPort",
    "QtSpatialAudio",
    "QtSql",
    "QtStateMachine",
    "QtSvgWidgets",
    "QtTest",
    "QtTextToSpeech",
    "QtUiTools",
    "QtWebChannel",
    "QtWebEngineCore",
    "QtWebEngineQuick",
    "QtWebEngineWidgets",
    "QtWebSockets",
    "QtWebView",
    "QtXml",
]

# Python modules never needed in the build. `ssl` is left out on purpose: without it the
# frozen program cannot make a TLS connection even by accident.
EXCLUDED_MODULES: tuple[str, ...] = (
    *(f"PySide6.{name}" for name in _QT_MODULES_EXCLUDED),
    "tkinter",
    "_tkinter",
    "turtledemo",
    "idlelib",
    "pydoc_data",
    "lib2to3",
    "distutils",
    "setuptools",
    "pip",
    "pytest",
    "IPython",
    "numpy",
    "ssl",
    "_ssl",
    # OpenSSL's hashes (libcrypto, ~5 MB): hashlib falls back to CPython's own
    # implementations of MD5/SHA-1/SHA-2/SHA-3/BLAKE2, which is all reportlab and we use.
    "_hashlib",
    "readline",
    "curses",
    # Python's network clients and servers: nothing in the application or its dependencies
    # imports them at start (reportlab imports urllib.request only to fetch a URL, which it
    # is never given), so the frozen program does not even contain them.
    "urllib.request",
    "http.client",
    "http.server",
    "http.cookiejar",
    "xmlrpc",
    "ftplib",
    "smtplib",
    "imaplib",
    "poplib",
    "socketserver",
    "webbrowser",
    "asyncio",
    # The morphological analysers that build the search readings when the guideline data
    # is built (packaging/build_readings.py); the application only reads readings.yaml.
    "sudachipy",
    "sudachidict_core",
    "pykakasi",
    # Development tools that are never run inside the application.
    "unittest",
    "doctest",
    "pdb",
    "pydoc",
    # Chinese and Korean codecs (Japanese ones stay: Shift_JIS, EUC-JP, ISO-2022-JP).
    "_codecs_cn",
    "_codecs_hk",
    "_codecs_kr",
    "_codecs_tw",
    # Pillow is needed (reportlab imports it) but not its optional codecs and GUI bridges:
    # AVIF/WebP/colour-management libraries are ~7 MB the reports never use.
    "PIL._avif",
    "PIL.AvifImagePlugin",
    "PIL._webp",
    "PIL.WebPImagePlugin",
    "PIL._imagingcms",
    "PIL.ImageCms",
    "PIL.ImageQt",
    "PIL.ImageTk",
    "PIL._imagingtk",
)

# Qt plugin folders that the build keeps (plugins/<type>/...). Everything else is dropped:
# networking (tls, networkinformation, bearer), "generic" (its TUIO touch plugin listens on a
# UDP port), QML tooling, SQL drivers, the designer, Wayland integrations, EGL device
# integrations for embedded boards and the X11 OpenGL integrations (a widgets application
# that draws with the raster engine never creates an OpenGL context).
KEPT_PLUGIN_TYPES: frozenset[str] = frozenset(
    {
        "platforms",
        "platformthemes",  # on Linux only the XDG portal theme, see _UNWANTED_PLUGINS
        "platforminputcontexts",
        "styles",
        "imageformats",
        "iconengines",
        "printsupport",
    }
)

# Platform plugins that make sense on a hospital PC (Windows) and for a Linux build
# (xcb on a desktop, offscreen for headless checks). vnc would serve the screen over the
# network; eglfs/linuxfb/vkkhrdisplay are for embedded boards; wayland is not needed.
KEPT_PLATFORM_PLUGINS: frozenset[str] = frozenset(
    {"qwindows", "qxcb", "qoffscreen", "qminimal", "qdirect2d"}
)

# Qt libraries that must not end up in the build, even as a dependency of a plugin.
_UNWANTED_QT_LIBRARY = re.compile(
    r"Qt6(Qml|Quick|VirtualKeyboard|WebEngine|WebChannel|WebSockets|3D|Multimedia|Spatial"
    r"|Sql|Designer|Help|Test|Labs|Lottie|Wayland|EglFS|Bluetooth|Positioning|Location"
    r"|Sensors|SerialPort|Nfc|RemoteObjects|Charts|DataVisualization|Graphs|ShaderTools"
    r"|OpenGLWidgets|Concurrent|Xml|TextToSpeech|HttpServer|NetworkAuth|WlShell)",
    re.IGNORECASE,
)

# Single plugins left out: the GTK 3 theme drags in GTK, Cairo and Pango (about 15 MB on
# Linux) for a look that the Fusion style gives as well; the virtual keyboard needs QML;
# image formats other than PNG (built in), ICO and SVG (icons of the application and of
# the desktop's icon theme) are never shown: the application shows no photographs, and
# the PDF preview decodes the images inside a PDF itself.
_UNWANTED_PLUGINS = frozenset(
    {
        "qgtk3",
        "qtvirtualkeyboardplugin",
        "qjpeg",
        "qgif",
        "qtiff",
        "qwebp",
        "qicns",
        "qtga",
        "qwbmp",
        "qpdf",
    }
)

# Mesa's software OpenGL renderer (Windows, ~20 MB): a widgets application draws with the
# raster engine, so it is never loaded. ANGLE's D3D compiler likewise.
_UNWANTED_WINDOWS_DLLS = frozenset({"opengl32sw.dll", "d3dcompiler_47.dll"})

# Qt's own translations: only Japanese (the UI) and English are shipped, and only the
# catalogues of the modules the application uses.
KEPT_TRANSLATION_LANGUAGES: frozenset[str] = frozenset({"ja", "en"})
KEPT_TRANSLATION_CATALOGUES: frozenset[str] = frozenset({"qt", "qtbase"})
_TRANSLATION = re.compile(r"^(?P<catalogue>[a-z_]+?)_(?P<lang>[a-z]{2})(_[A-Z]{2})?\.qm$")


def _parts(dest: str) -> tuple[str, ...]:
    return PurePath(dest.replace("\\", "/")).parts


def _plugin_stem(name: str) -> str:
    """'libqxcb.so' and 'qwindows.dll' -> 'qxcb', 'qwindows'."""
    return name.split(".")[0].removeprefix("lib")


def keep_entry(entry: tuple[str, str, str]) -> bool:
    """Whether one PyInstaller TOC entry (dest, source, typecode) stays in the build.

    Symbolic links (typecode SYMLINK, source = link target inside the build) are judged by
    their target too, so that no link is left pointing at a library that was dropped.
    """
    dest, source, typecode = entry
    if typecode == "SYMLINK":
        return keep_binary(dest) and keep_binary(source)
    if typecode in {"BINARY", "EXTENSION"}:
        return keep_binary(dest)
    return keep_data(dest)


def keep_binary(dest: str) -> bool:
    """Whether a collected binary (its destination path inside the build) is kept."""
    parts = _parts(dest)
    name = parts[-1]
    if name.lower() in _UNWANTED_WINDOWS_DLLS:
        return False
    if "plugins" in parts:
        index = parts.index("plugins")
        if index + 1 < len(parts) - 1:
            plugin_type = parts[index + 1]
            if plugin_type not in KEPT_PLUGIN_TYPES:
                return False
            if _plugin_stem(name) in _UNWANTED_PLUGINS:
                return False
            if plugin_type == "platforms":
                return _plugin_stem(name) in KEPT_PLATFORM_PLUGINS
    return not _UNWANTED_QT_LIBRARY.search(name)


def keep_data(dest: str) -> bool:
    """Whether a collected data file (its destination path inside the build) is kept."""
    parts = _parts(dest)
    if "translations" in parts and parts[-1].endswith(".qm") and "PySide6" in parts:
        match = _TRANSLATION.match(parts[-1])
        if not match:
            return False
        return (
            match["lang"] in KEPT_TRANSLATION_LANGUAGES
            and match["catalogue"] in KEPT_TRANSLATION_CATALOGUES
        )
    # QML files, type information and designer data of modules the app does not use.
    return not ("PySide6" in parts and ("qml" in parts or "typesystems" in parts))


def prune_unreachable(
    entries: list[tuple[str, str, str]],
    imports_of: Callable[[str], Iterable[str]],
) -> list[tuple[str, str, str]]:
    """Drop shared libraries that no kept binary links against any more.

    Considered for dropping: the libraries at the top of the build (system libraries) and
    Qt's own libraries; never extension modules or plugins, which are loaded at run time.

    PyInstaller collects the link-time dependencies of every plugin during its analysis, so
    removing a plugin afterwards (the GTK theme, say) leaves its libraries behind. This walks
    the link graph again from what is kept: every extension module, every plugin, every other
    library inside a package folder, and the Python library itself. `imports_of(source)` gives the base names
    a binary links against.
    """

    def prunable(entry: tuple[str, str, str]) -> bool:
        dest = entry[0].replace("\\", "/")
        name = dest.rsplit("/", 1)[-1]
        qt_library = name.startswith("libQt6") and "/plugins/" not in dest
        return entry[2] == "BINARY" and ("/" not in dest or qt_library)

    def base(entry: tuple[str, str, str]) -> str:
        return entry[0].replace("\\", "/").rsplit("/", 1)[-1]

    candidates = {base(entry): entry for entry in entries if prunable(entry)}
    seeds = [e for e in entries if e[2] in {"BINARY", "EXTENSION"} and not prunable(e)]
    seeds += [e for name, e in candidates.items() if name.startswith(("libpython", "python"))]
    reached: set[str] = {base(entry) for entry in seeds if prunable(entry)}
    queue = list(seeds)
    while queue:
        entry = queue.pop()
        for name in imports_of(entry[1]):
            if name in candidates and name not in reached:
                reached.add(name)
                queue.append(candidates[name])
    return [entry for entry in entries if not prunable(entry) or base(entry) in reached]


# A library that a wheel carries privately: auditwheel renames it <name>-<8 hex digits>.so.<version>
# and puts it in <package>.libs/ (Pillow's copies of libXau, libzstd and liblzma, say).
_WHEEL_PRIVATE_LIBRARY = re.compile(
    r"^(?P<name>lib[\w+.-]+?)-[0-9a-f]{8}\.so\.(?P<major>\d+)(\.\d+)*$"
)


def share_duplicate_libraries(entries: list[tuple[str, str, str]]) -> list[tuple[str, str, str]]:
    """Replace a wheel's private copy of a library by a link to the build's own copy of it.

    Linux only. Pillow's wheel brings libXau, libzstd and liblzma under private names, while
    the build already holds the system's libXau.so.6, libzstd.so.1 and liblzma.so.5 for Qt
    and CUPS (Pillow's libXau alone is 2.1 MB, the system's 15 KB). A private copy becomes a
    symbolic link to the library of the same name and major version (the same ABI) at the
    top of the build, so the wheel's other libraries find it under the name they link to.
    The smoke test loads every library with LD_BIND_NOW=1, so a symbol missing from the
    shared copy would fail the build rather than a report later.
    """
    top_level = {
        dest for dest, _source, typecode in entries if typecode == "BINARY" and "/" not in dest
    }
    shared: list[tuple[str, str, str]] = []
    for dest, source, typecode in entries:
        path = PurePath(dest.replace("\\", "/"))
        match = _WHEEL_PRIVATE_LIBRARY.match(path.name)
        system_copy = f"{match['name']}.so.{match['major']}" if match else ""
        if typecode == "BINARY" and len(path.parts) > 1 and system_copy in top_level:
            link = "/".join([".."] * (len(path.parts) - 1) + [system_copy])
            shared.append((dest, link, "SYMLINK"))
        else:
            shared.append((dest, source, typecode))
    return shared


def _link_target(dest: str, target: str) -> str:
    """Where a SYMLINK entry points, as a path inside the build ("a/b" + "../c" -> "c")."""
    folder = posixpath.dirname(dest.replace("\\", "/"))
    return posixpath.normpath(posixpath.join(folder, target.replace("\\", "/")))


def drop_dangling_links(
    entries: list[tuple[str, str, str]], elsewhere: Iterable[tuple[str, str, str]] = ()
) -> list[tuple[str, str, str]]:
    """Leave out symbolic links whose target is neither in `entries` nor `elsewhere`.

    PyInstaller adds a link at the top of the build for each Qt library (libQt6OpenGL.so.6 ->
    PySide6/Qt/lib/libQt6OpenGL.so.6, among the data entries); when prune_unreachable drops
    the library, the link would point nowhere. A link to such a link goes as well.
    """
    other = {dest.replace("\\", "/") for dest, _source, _typecode in elsewhere}
    kept = list(entries)
    while True:
        present = other | {dest.replace("\\", "/") for dest, _source, _typecode in kept}
        remaining = [
            (dest, source, typecode)
            for dest, source, typecode in kept
            if typecode != "SYMLINK" or _link_target(dest, source) in present
        ]
        if len(remaining) == len(kept):
            return remaining
        kept = remaining
