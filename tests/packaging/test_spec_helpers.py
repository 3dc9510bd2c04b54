"""Fast checks of the build helpers the spec and build scripts use (no PyInstaller run)."""

import configparser
import re
import importlib.metadata
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from ccc_pack import icons, licenses, linux_meta, project, prune, winversion

ROOT = Path(__file__).resolve().parents[2]
APP_ICONS = ROOT / "resources" / "icons" / "app"


# --- pyproject ------------------------------------------------------------------------------

def test_project_facts_come_from_pyproject():
    import tomllib

    meta = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    proj = project.read_pyproject()
    assert (proj.name, proj.version) == (meta["name"], meta["version"])


def test_read_pyproject_reads_the_given_file(tmp_path):
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "x-app"\nversion = "2.5rc1"\ndescription = "d"\n')
    proj = project.read_pyproject(tmp_path / "pyproject.toml")
    assert (proj.name, proj.version, proj.version_tuple) == ("x-app", "2.5rc1", (2, 5, 0, 0))


@pytest.mark.parametrize("text, expected", [
    ("0.1.0", (0, 1, 0, 0)), ("1.2.3.4", (1, 2, 3, 4)), ("3", (3, 0, 0, 0)),
    ("1.2.3rc1", (1, 2, 3, 0)), ("2.0.0.post1", (2, 0, 0, 0)), ("1.2.3.4.5", (1, 2, 3, 4)),
])
def test_version_tuple(text, expected):
    assert project.version_tuple(text) == expected


@pytest.mark.parametrize("bad", ["", "abc", "70000.1"])
def test_version_tuple_refuses_what_windows_cannot_hold(bad):
    with pytest.raises(ValueError):
        project.version_tuple(bad)


def test_build_info_module_carries_the_version():
    proj = project.Project("crisis-command-center", "9.8.7", "d", ">=3.12")
    namespace: dict = {}
    exec(project.build_info_source(proj, commit="abc123"), namespace)
    assert (namespace["NAME"], namespace["VERSION"], namespace["COMMIT"]) == \
        ("crisis-command-center", "9.8.7", "abc123")


# --- pruning --------------------------------------------------------------------------------

@pytest.mark.parametrize("dest", [
    "PySide6/Qt/lib/libQt6Qml.so.6", "PySide6/Qt/lib/libQt6Quick.so.6",
    "PySide6/Qt/lib/libQt6QuickControls2Basic.so.6", "PySide6/Qt/lib/libQt6Pdf.so.6",
    "PySide6/Qt/lib/libQt6WebEngineCore.so.6", "PySide6/Qt/lib/libQt6Multimedia.so.6",
    "PySide6/Qt/lib/libQt6VirtualKeyboard.so.6", "PySide6/Qt/lib/libQt63DCore.so.6",
    "PySide6/Qt/lib/libQt6Charts.so.6", "PySide6/QtQml.abi3.so", "PySide6\\Qt6Quick.dll",
    "PySide6\\QtQuick.pyd", "PySide6/Qt/lib/QtQuick.framework/Versions/A/QtQuick",
    "PySide6/Qt/plugins/platforms/libqeglfs.so", "PySide6/Qt/plugins/platforms/libqvnc.so",
    "PySide6/Qt/plugins/platformthemes/libqgtk3.so",
    "PySide6/Qt/plugins/imageformats/libqjpeg.so", "PySide6\\plugins\\imageformats\\qgif.dll",
    "PySide6/Qt/plugins/qmltooling/libqmldbg_debugger.so",
    "PySide6/Qt/plugins/sqldrivers/libqsqlite.so", "PySide6/Qt/plugins/tls/libqopensslbackend.so",
    "PySide6/Qt/translations/qtdeclarative_de.qm", "PySide6/Qt/translations/qtbase_de.qm",
    "libcups.so.2",  # the system's own, never the build machine's
    "matplotlib/mpl-data/sample_data/goog.npz",  # example data sets
])
def test_unused_qt_parts_are_pruned(dest):
    assert prune.pruned_reason(dest) is not None


@pytest.mark.parametrize("dest", [
    "PySide6/Qt/lib/libQt6Core.so.6", "PySide6/Qt/lib/libQt6Gui.so.6",
    "PySide6/Qt/lib/libQt6Widgets.so.6", "PySide6/Qt/lib/libQt6Svg.so.6",
    "PySide6/Qt/lib/libQt6DBus.so.6", "PySide6/Qt/lib/libQt6XcbQpa.so.6",
    "PySide6/Qt/lib/libQt6WaylandClient.so.6", "PySide6/QtWidgets.abi3.so",
    "PySide6\\Qt6Core.dll", "PySide6/Qt/lib/QtGui.framework/Versions/A/QtGui",
    "PySide6/Qt/plugins/platforms/libqoffscreen.so", "PySide6/Qt/plugins/platforms/libqxcb.so",
    "PySide6/Qt/plugins/platforms/libqwayland.so", "PySide6\\plugins\\platforms\\qwindows.dll",
    "PySide6\\plugins\\platforms\\qoffscreen.dll",
    "PySide6/Qt/plugins/platforms/libqcocoa.dylib",
    "PySide6/Qt/plugins/imageformats/libqsvg.so", "PySide6/Qt/plugins/iconengines/libqsvgicon.so",
    "PySide6/Qt/plugins/platformthemes/libqxdgdesktopportal.so",
    "PySide6/Qt/plugins/wayland-shell-integration/libxdg-shell.so",
    "PySide6/Qt/plugins/printsupport/libcupsprintersupport.so", "PySide6/QtPrintSupport.abi3.so",
    "PySide6/Qt/lib/libQt6PrintSupport.so.6", "pypdfium2_raw/libpdfium.so",
    "matplotlib/mpl-data/fonts/ttf/DejaVuSans.ttf", "numpy/_core/_multiarray_umath.so",
    "matplotlib/mpl-data/matplotlibrc", "vobject/vcard.py",
])
def test_what_the_app_uses_is_kept(dest):
    assert prune.pruned_reason(dest) is None


def test_prune_toc_removes_only_pruned_entries():
    toc = [("PySide6/Qt/lib/libQt6Qml.so.6", "/x/libQt6Qml.so.6", "BINARY"),
           ("PySide6/Qt/lib/libQt6Core.so.6", "/x/libQt6Core.so.6", "BINARY")]
    logged = []
    assert prune.prune_toc(toc, log=logged.append) == [toc[1]]
    assert len(logged) == 1 and "Qml" in logged[0]


def test_other_bindings_and_tk_are_excluded():
    for name in ("PyQt5", "PyQt6", "PySide2", "tkinter", "_tkinter"):
        assert name in prune.EXCLUDED_MODULES


def test_excluded_bindings_follow_the_families():
    found = ["QtCore", "QtGui", "QtWidgets", "QtSvg", "QtQml", "QtQuickWidgets", "QtPdf",
             "QtWebEngineCore", "QtNetwork"]
    assert prune.excluded_qt_bindings(found) == [
        "PySide6.QtPdf", "PySide6.QtQml", "PySide6.QtQuickWidgets", "PySide6.QtWebEngineCore"]


def test_orphaned_system_libraries_are_dropped():
    """A pruned plugin's dependencies go; what a kept binary links (even indirectly) stays."""
    binaries = [
        ("PySide6/QtGui.abi3.so", "/s/QtGui.abi3.so", "EXTENSION"),
        ("libfontconfig.so.1", "/s/libfontconfig.so.1", "BINARY"),
        ("libexpat.so.1", "/s/libexpat.so.1", "BINARY"),  # only via fontconfig
        ("libcairo.so.2", "/s/libcairo.so.2", "BINARY"),  # only the pruned GTK plugin's
        ("libpython3.12.so.1.0", "/s/libpython3.12.so.1.0", "BINARY"),
    ]
    links = {"/s/QtGui.abi3.so": {("libfontconfig.so.1", None)},
             "/s/libfontconfig.so.1": {("libexpat.so.1", None)}}
    kept = prune.drop_orphans(binaries, lambda src: links.get(src, set()))
    assert [e[0] for e in kept] == ["PySide6/QtGui.abi3.so", "libfontconfig.so.1",
                                    "libexpat.so.1", "libpython3.12.so.1.0"]


def test_what_only_the_systems_cups_needs_is_dropped_with_it():
    """libcups comes from the user's system; `ldd` lists its GnuTLS under the print plugin
    too, but that goes with it — unless another kept binary needs it as well."""
    binaries = [
        ("PySide6/Qt/plugins/printsupport/libcupsprintersupport.so", "/s/cupsplugin.so",
         "BINARY"),
        ("PySide6/QtGui.abi3.so", "/s/QtGui.abi3.so", "EXTENSION"),
        ("libgnutls.so.30", "/s/libgnutls.so.30", "BINARY"),
        ("libz.so.1", "/s/libz.so.1", "BINARY"),
    ]
    links = {"/s/cupsplugin.so": {("libcups.so.2", "/s/libcups.so.2"),
                                  ("libgnutls.so.30", "/s/libgnutls.so.30"),
                                  ("libz.so.1", "/s/libz.so.1")},
             "/s/libcups.so.2": {("libgnutls.so.30", None), ("libz.so.1", None)},
             "/s/QtGui.abi3.so": {("libz.so.1", "/s/libz.so.1")}}
    kept = prune.drop_orphans(binaries, lambda src: links.get(src, set()))
    assert [e[0] for e in kept] == [binaries[0][0], "PySide6/QtGui.abi3.so", "libz.so.1"]


# --- Windows version resource ---------------------------------------------------------------

def _recorder(kind):
    def make(*args, **kwargs):
        return {"kind": kind, "args": args, **kwargs}
    return make


VERSION_CLASSES = ("VSVersionInfo", "FixedFileInfo", "StringFileInfo", "StringTable",
                   "StringStruct", "VarFileInfo", "VarStruct")


def test_windows_version_file_is_a_valid_version_resource():
    """PyInstaller evaluates the file with its versioninfo classes (which need pefile, a
    Windows-only dependency); the same expression is evaluated here with recorders."""
    proj = project.Project("crisis-command-center", "1.4.2", "d", ">=3.12")
    text = winversion.version_file_text(proj, "commandcenter-gui")
    info = eval(text, {name: _recorder(name) for name in VERSION_CLASSES})  # noqa: S307
    assert info["ffi"]["filevers"] == info["ffi"]["prodvers"] == (1, 4, 2, 0)
    table = info["kids"][0]["args"][0][0]
    strings = dict(s["args"] for s in table["args"][1])
    assert strings["ProductVersion"] == strings["FileVersion"] == "1.4.2"
    assert strings["OriginalFilename"] == "commandcenter-gui.exe"
    assert set(VERSION_CLASSES) <= set(re.findall(r"\b([A-Z][A-Za-z]+)\(", text))


# --- Linux metadata -------------------------------------------------------------------------

def test_desktop_entry():
    proj = project.read_pyproject()
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str
    parser.read_string(linux_meta.desktop_entry(proj))
    entry = parser["Desktop Entry"]
    assert entry["Type"] == "Application" and entry["Terminal"] == "false"
    assert entry["Exec"].split()[0] == project.GUI_EXE
    assert entry["Icon"] == project.REVERSE_DNS_ID
    assert entry["Categories"].endswith(";")


def test_metainfo(tmp_path):
    import shutil
    import subprocess

    proj = project.read_pyproject()
    xml = linux_meta.metainfo_xml(proj, release_date="2026-01-31")
    root = ET.fromstring(xml)
    assert root.findtext("id") == project.REVERSE_DNS_ID
    assert root.find("launchable").text == f"{project.REVERSE_DNS_ID}.desktop"
    assert root.find("releases/release").get("version") == proj.version
    if shutil.which("appstreamcli"):  # the real validator when installed (it is in CI)
        path = tmp_path / f"{project.REVERSE_DNS_ID}.metainfo.xml"
        path.write_text(xml)
        out = subprocess.run(["appstreamcli", "validate", "--no-net", str(path)],
                             capture_output=True, text=True, timeout=60)
        assert out.returncode == 0, out.stdout + out.stderr


def test_deb_control():
    proj = project.read_pyproject()
    control = linux_meta.deb_control(proj, installed_size_kib=1234)
    fields = dict(line.split(": ", 1) for line in control.splitlines()
                  if line and not line.startswith(" "))
    assert fields["Package"] == proj.name and fields["Version"] == proj.version
    assert fields["Installed-Size"] == "1234" and fields["Architecture"] == "amd64"
    assert "libxcb-cursor0" in fields["Depends"]  # Qt's xcb plugin needs it since 6.5
    assert "libcups2" in fields["Recommends"]  # printing uses the system's CUPS client


# --- icons and licenses ---------------------------------------------------------------------

def test_app_pngs_cover_the_hicolor_sizes():
    assert set(icons.HICOLOR_SIZES) <= set(icons.app_pngs(APP_ICONS))
    assert (ROOT / "resources" / "icons" / "app.svg").is_file()


def test_ico_holds_every_size(tmp_path):
    from PIL import Image

    ico = icons.make_ico(APP_ICONS, tmp_path / "app.ico")
    sizes = Image.open(ico).info["sizes"]
    assert {(s, s) for s in icons.ICO_SIZES} <= set(sizes)


def test_iconset_has_iconutil_names(tmp_path):
    iconset = icons.make_iconset(APP_ICONS, tmp_path / "app.iconset")
    assert sorted(p.name for p in iconset.iterdir()) == sorted(icons.ICONSET)


def test_bundled_distributions_are_found_from_file_owners():
    dist = importlib.metadata.distribution("keyring")
    owners = licenses.file_owners([dist])
    source = next(p for p in owners if p.name == "core.py")
    found = licenses.bundled_distributions([str(source), "/nowhere/x.py"], owners)
    assert [d.metadata["Name"] for d in found] == ["keyring"]


def test_notices_list_components_and_qt_lgpl(tmp_path):
    comps = [licenses.component(importlib.metadata.distribution("keyring")),
             licenses.python_component()]
    assert comps[0].files, "keyring ships a LICENSE in its dist-info"
    out = licenses.write_notices(tmp_path / "licenses", "App", comps)
    text = (out / "THIRD-PARTY-NOTICES.txt").read_text()
    assert "LGPL-3.0" in text and "PySide6" in text
    assert re.search(rf"^keyring\s+{re.escape(comps[0].version)}\s+\S", text, re.M)
    assert (out / "LGPL-3.0.txt").is_file() and (out / "GPL-3.0.txt").is_file()
    assert any((out / comps[0].folder).iterdir())
