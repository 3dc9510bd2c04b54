"""What the bundle leaves out: other Qt bindings, and the parts of Qt the app never uses.

PyInstaller's PySide6 hooks collect each imported Qt module with its plugins and
translations, and the binary dependency scan can drag in more (a plugin linking QtQml pulls
the whole QML stack). The spec removes those entries after the analysis: the bundle gets
smaller, and less code ships that could be attacked or break. The frozen self-test proves that
what is left still starts, paints and draws charts.
"""

import re

# Python modules never to collect: one Qt binding only (PySide6), and no Tk.
EXCLUDED_MODULES = (
    "PyQt5", "PyQt6", "PySide2", "qtpy", "tkinter", "_tkinter", "turtle", "idlelib",
    "IPython", "jupyter_client", "ipykernel", "notebook", "pytest", "_pytest", "pytestqt",
    "hypothesis", "importlinter", "grimp",
    # Build and console tooling that optional imports pull in (pygments via mako's plugin,
    # rich via the test tools, setuptools via PyInstaller's own hook): never used at run time.
    "setuptools", "pkg_resources", "pip", "rich", "pygments", "docutils",
    "matplotlib.backends.backend_tkagg", "matplotlib.backends.backend_tkcairo",
    "matplotlib.backends.backend_gtk3agg", "matplotlib.backends.backend_gtk4agg",
    "matplotlib.backends.backend_wxagg", "matplotlib.backends.backend_webagg",
    "matplotlib.backends.backend_nbagg",
    # Pillow's AVIF and WebP codecs (5 MB of libavif/libwebp): matplotlib writes PNG only.
    "PIL._avif", "PIL.AvifImagePlugin", "PIL._webp", "PIL.WebPImagePlugin", "PIL.ImageTk",
    # pytz (2.8 MB of time-zone files) comes with vobject for iCalendar; vobject runs without
    # it, and the roster's vCard import never reads a time zone through it.
    "pytz",
    # multiprocessing: only concurrent.futures' process pool imports it, and the app never
    # starts a process pool. Bundled, it brings PyInstaller's multiprocessing runtime hook,
    # which imports it (with socket, pickle and subprocess) before the first window paints.
    "multiprocessing",
)

# Qt modules the app does not use, as name prefixes (case-insensitive) of `libQt6<Name>.so.6`,
# `Qt6<Name>.dll`, `Qt<Name>.framework` and the binding `PySide6.Qt<Name>`: "Quick" also
# covers QuickControls2Basic, QuickWidgets and the rest of that family. QtWaylandClient stays
# (the Wayland platform plugin needs it); only the compositor side goes.
PRUNED_QT_FAMILIES = (
    "Qml", "Quick", "Labs", "Lottie",
    "WebEngine", "WebChannel", "WebSockets", "WebView", "HttpServer", "NetworkAuth",
    "Multimedia", "SpatialAudio", "TextToSpeech",
    "3D", "VirtualKeyboard", "Pdf", "Charts", "DataVisualization", "Graphs",
    "Designer", "Help", "UiTools", "Test", "Sql",
    "Location", "Positioning", "Sensors", "Bluetooth", "Nfc", "Serial", "RemoteObjects",
    "Scxml", "StateMachine", "ShaderTools", "Concurrent",
    "WaylandCompositor", "WaylandEglCompositor", "WlShell", "EglFS",
)

# Qt plugin folders dropped whole: QML tooling, databases, TLS and network probes (the app
# never opens a connection), multimedia, designer, embedded-device back ends.
PRUNED_PLUGIN_DIRS = (
    "qmltooling", "qmllint", "sqldrivers", "tls", "networkinformation", "multimedia",
    "designer", "egldeviceintegrations", "wayland-graphics-integration-server",
    "vectorimageformats", "renderers", "sceneparsers", "geometryloaders", "position",
    "sensors", "texttospeech", "webview", "canbus", "scxmldatamodel", "assetimporters",
    "virtualkeyboard", "generic",  # generic: evdev/tuio input for embedded devices
)

# Plugins kept inside a folder; anything else in that folder goes. `offscreen` is kept on
# every OS (the self-test and headless CI need it).
KEPT_PLUGINS = {
    "platforms": ("offscreen", "xcb", "wayland", "wayland-egl", "cocoa", "windows", "minimal"),
    "imageformats": ("svg", "ico", "icns"),  # the UI draws SVG icons; ico/icns app icons
    "iconengines": ("svgicon",),
    # GTK3's theme plugin would drag the build machine's GTK stack (cairo, pango, glib) into
    # the bundle, to clash with the user's; the portal theme gives native dialogs without it.
    "platformthemes": ("xdgdesktopportal",),
    # xdg-shell is what every current Wayland compositor speaks; wl-shell is obsolete.
    "wayland-shell-integration": ("xdg-shell",),
}

# Libraries the app takes from the user's system, never from the build machine. CUPS's client
# library talks to the system's print server: its configuration, protocol and the stack it
# brings (GnuTLS, Kerberos, Avahi — 9 MB that `drop_orphans` then drops) belong to that system.
# Qt's cups print-support plugin loads the system's libcups; a machine without CUPS still
# prints to a PDF file from the print dialog.
SYSTEM_LIBRARIES = ("libcups.so.2",)

# Translations: none. The UI is English only and installs no QTranslator, so Qt never loads a
# .qm file (7 MB). When the UI is translated, keep "qtbase_" here for Qt's standard dialogs.
KEPT_TRANSLATION_PREFIXES: tuple[str, ...] = ()

_QT_LIB = re.compile(
    r"(?:^|[/\\])(?:lib)?Qt6?(?P<mod>[A-Za-z0-9]+?)(?:\.abi3)?"
    r"(?:\.so(?:\.\d+)*|\.dll|\.dylib|\.pyd|\.pyi|\.framework)(?:$|[/\\])")
_PLUGIN = re.compile(r"(?:^|[/\\])plugins[/\\](?P<kind>[^/\\]+)[/\\](?P<file>[^/\\]+)$")
_TRANSLATION = re.compile(r"(?:^|[/\\])translations[/\\](?P<file>[^/\\]+\.qm)$")


def _plugin_stem(filename: str) -> str:
    """`libqoffscreen.so` / `qoffscreen.dll` / `libqoffscreen.dylib` → `offscreen`."""
    stem = filename.split(".", 1)[0]
    stem = stem[3:] if stem.startswith("lib") else stem
    return stem[1:] if stem.startswith("q") else stem


# matplotlib data the app never reads: the example data sets (cbook.get_sample_data).
PRUNED_MPL_DATA = ("matplotlib/mpl-data/sample_data/",)


def pruned_reason(dest: str) -> str | None:
    """Why the bundle entry at `dest` (its path inside the bundle) is left out, or None."""
    path = dest.replace("\\", "/")
    if _basename(path) in SYSTEM_LIBRARIES:
        return "taken from the user's system (the print server's own client library)"
    if any(part in path for part in PRUNED_MPL_DATA):
        return "matplotlib's example data (never read by the app)"
    if "PySide6" not in path and "Qt" not in path:
        return None
    lib = _QT_LIB.search(path)
    if lib and is_pruned_qt_module(lib.group("mod")):
        return f"Qt module {lib.group('mod')} is not used"
    plugin = _PLUGIN.search(path)
    if plugin:
        kind, stem = plugin.group("kind"), _plugin_stem(plugin.group("file"))
        if kind in PRUNED_PLUGIN_DIRS:
            return f"plugin folder {kind} is not used"
        kept = KEPT_PLUGINS.get(kind)
        if kept is not None and stem not in kept:
            return f"{kind} plugin {stem} is not used"
    translation = _TRANSLATION.search(path)
    if translation and not translation.group("file").startswith(KEPT_TRANSLATION_PREFIXES):
        return "Qt translation (the UI loads none)"
    return None


def prune_toc(toc, log=None):
    """The TOC (list of (dest, src, typecode)) without the pruned entries."""
    kept = []
    for entry in toc:
        reason = pruned_reason(entry[0])
        if reason is None:
            kept.append(entry)
        elif log is not None:
            log(f"prune: {entry[0]} ({reason})")
    return kept


def is_pruned_qt_module(name: str) -> bool:
    """`name` without the Qt/Qt6 prefix, e.g. "QuickControls2Basic"."""
    folded = name.casefold()
    return any(folded.startswith(family.casefold()) for family in PRUNED_QT_FAMILIES)


def excluded_qt_bindings(binding_modules) -> list[str]:
    """Of the PySide6 binding modules found (e.g. "QtQml"), the `PySide6.Qt<Name>` names of
    the pruned ones: the analysis never even follows them."""
    return sorted(f"PySide6.{m}" for m in binding_modules
                  if m.startswith("Qt") and is_pruned_qt_module(m[2:]))


def _basename(name: str) -> str:
    return name.replace("\\", "/").rsplit("/", 1)[-1].lower()


def drop_orphans(binaries, get_imports, log=None):
    """Drop top-level shared libraries no kept binary needs any more.

    The dependency scan ran before pruning, so a pruned plugin leaves its own dependencies
    behind (GTK's theme plugin: cairo, pango, gdk-pixbuf...). Candidates are only the
    top-level library entries (system libraries copied in by that scan); every other binary
    (extension modules, Qt libraries and plugins) is a root. `get_imports(src)` returns the
    (name, path) pairs a binary links against (PyInstaller's bindepend.get_imports).
    """
    def top_level(dest: str) -> bool:
        return "/" not in dest.replace("\\", "/")

    candidates = {_basename(e[0]): e for e in binaries
                  if top_level(e[0]) and e[2] == "BINARY" and not _is_python_lib(e[0])}
    reached: set[str] = set()
    queue = [e[1] for e in binaries if _basename(e[0]) not in candidates]
    seen_src: set[str] = set()
    while queue:
        src = queue.pop()
        if src in seen_src:
            continue
        seen_src.add(src)
        for name, _path in _own_imports(src, get_imports):
            base = _basename(name)
            if base in candidates and base not in reached:
                reached.add(base)
                queue.append(candidates[base][1])
    kept = []
    for entry in binaries:
        base = _basename(entry[0])
        if base in candidates and base not in reached:
            if log is not None:
                log(f"prune: {entry[0]} (no kept binary links to it)")
            continue
        kept.append(entry)
    return kept


def _own_imports(src: str, get_imports) -> list:
    """What `src` links against, less what comes only with a library taken from the user's
    system (SYSTEM_LIBRARIES): on Linux `get_imports` lists the whole `ldd` closure, so a
    plugin linking libcups would otherwise keep libcups' GnuTLS and Avahi in the bundle."""
    imports = list(get_imports(src))
    brought: set[str] = set()
    for name, path in imports:
        if _basename(name) in SYSTEM_LIBRARIES and path:
            brought |= {_basename(n) for n, _p in get_imports(path)}
    return [(n, p) for n, p in imports if _basename(n) not in brought]


def _is_python_lib(dest: str) -> bool:
    """libpython / python3.dll / Python.framework: loaded by the bootloader, not linked."""
    base = _basename(dest)
    return base.startswith(("libpython", "python3", "python"))
