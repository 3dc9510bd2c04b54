"""Freedesktop and Debian metadata for the Linux packages: the .desktop entry, the AppStream
metainfo, the Debian control file and copyright pointer. Plain text builders, unit-tested."""

import os
from xml.sax.saxutils import escape

from ccc_pack.project import (APP_NAME, BUNDLE_DIR, CLI_EXE, GUI_EXE, MAINTAINER,
                              REVERSE_DNS_ID, Project)

INSTALL_DIR = f"/opt/{BUNDLE_DIR}"
SUMMARY = "Offline, encrypted war room for a data-breach crisis"

# Libraries the bundle loads from the system (PyInstaller leaves out the graphics stack and
# libc on purpose, and Qt's xcb plugin needs these X11 helpers: see Qt's "Qt for X11
# Requirements"). A missing libxcb-cursor0 is the classic "could not load the Qt platform
# plugin xcb" on a minimal desktop.
DEB_DEPENDS = (
    "libgl1", "libegl1", "libfontconfig1", "libfreetype6", "libdbus-1-3",
    "libx11-6", "libx11-xcb1", "libxcb1", "libxcb-cursor0", "libxcb-icccm4",
    "libxcb-image0", "libxcb-keysyms1", "libxcb-randr0", "libxcb-render-util0",
    "libxcb-shape0", "libxcb-xfixes0", "libxcb-xkb1", "libxkbcommon0", "libxkbcommon-x11-0",
    "libwayland-client0", "libwayland-cursor0", "libwayland-egl1",
)
# A Secret Service provider lets the app keep the data key in the keychain; without one it
# runs in passphrase mode (said plainly in the app).
DEB_SUGGESTS = ("gnome-keyring | kwalletmanager",)
# Printing to a printer uses the system's CUPS client library (not bundled: prune.py).
DEB_RECOMMENDS = ("libcups2t64 | libcups2",)


def glibc_version() -> str | None:
    """The build machine's glibc: the bundle needs at least this one on the target."""
    try:
        name, version = os.confstr("CS_GNU_LIBC_VERSION").split()
    except (ValueError, OSError, AttributeError):
        return None
    return version if name == "glibc" else None


def desktop_entry(project: Project) -> str:
    return "\n".join([
        "[Desktop Entry]",
        "Type=Application",
        f"Name={APP_NAME}",
        f"GenericName=Crisis war room",
        f"Comment={SUMMARY}",
        f"Exec={GUI_EXE} %U",
        f"TryExec={GUI_EXE}",
        f"Icon={REVERSE_DNS_ID}",
        "Terminal=false",
        "Categories=Office;ProjectManagement;",
        "Keywords=crisis;incident;breach;decision log;talking points;",
        f"StartupWMClass={GUI_EXE}",
        f"X-AppVersion={project.version}",
        "",
    ])


def metainfo_xml(project: Project, *, release_date: str) -> str:
    """AppStream component (validated by `appstreamcli validate --no-net` when installed)."""
    description = escape(project.description or SUMMARY)
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<component type="desktop-application">
  <id>{REVERSE_DNS_ID}</id>
  <metadata_license>CC0-1.0</metadata_license>
  <project_license>LicenseRef-proprietary</project_license>
  <name>{escape(APP_NAME)}</name>
  <summary>{escape(SUMMARY)}</summary>
  <description>
    <p>{description}</p>
    <p>Everything is kept in a local encrypted vault on each laptop. The app never opens a
    network connection, so it keeps working when e-mail, chat and file shares cannot be
    trusted.</p>
  </description>
  <developer id="org.crisiscommandcenter">
    <name>Crisis Command Center developers</name>
  </developer>
  <launchable type="desktop-id">{REVERSE_DNS_ID}.desktop</launchable>
  <provides>
    <binary>{GUI_EXE}</binary>
    <binary>{CLI_EXE}</binary>
  </provides>
  <categories>
    <category>Office</category>
  </categories>
  <content_rating type="oars-1.1"/>
  <releases>
    <release version="{escape(project.version)}" date="{release_date}"/>
  </releases>
</component>
"""


def deb_control(project: Project, *, installed_size_kib: int, arch: str = "amd64") -> str:
    depends = list(DEB_DEPENDS)
    glibc = glibc_version()
    if glibc:
        depends.insert(0, f"libc6 (>= {glibc})")
    return "\n".join([
        f"Package: {project.name}",
        f"Version: {project.version}",
        "Section: misc",
        "Priority: optional",
        f"Architecture: {arch}",
        f"Maintainer: {MAINTAINER}",
        f"Installed-Size: {installed_size_kib}",
        f"Depends: {', '.join(depends)}",
        f"Recommends: {', '.join(DEB_RECOMMENDS)}",
        f"Suggests: {', '.join(DEB_SUGGESTS)}",
        f"Description: {SUMMARY}",
        f" {APP_NAME} keeps a crisis team's decision log, approved talking points,",
        " spokesperson roster and crisis journey map in an encrypted local vault.",
        f" Installed in {INSTALL_DIR}; user data stays in each user's home folder.",
        "",
    ])


def deb_copyright(project: Project) -> str:
    return "\n".join([
        "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/",
        f"Upstream-Name: {project.name}",
        "",
        "Files: *",
        "Copyright: Crisis Command Center developers",
        "License: proprietary",
        " Third-party components bundled in this package and their licenses are listed in",
        f" {INSTALL_DIR}/_internal/licenses/THIRD-PARTY-NOTICES.txt; their license texts are",
        f" in {INSTALL_DIR}/_internal/licenses/.",
        "",
    ])
