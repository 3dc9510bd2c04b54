"""License notices for what the bundle ships: each bundled distribution's license files
(copied from its dist-info) into `licenses/<name>-<version>/`, and THIRD-PARTY-NOTICES.txt
listing name, version and license, with the Qt / PySide6 LGPL notice first.

Which distributions are bundled is decided from the analysis itself: every collected file
whose source path belongs to an installed distribution's RECORD names that distribution.
"""

import importlib.metadata as md
import re
import shutil
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
COMMITTED_TEXTS = HERE.parent / "licenses"  # LGPL-3.0 and GPL-3.0 texts (Qt, PySide6)
_LICENSE_NAME = re.compile(r"^(LICEN[CS]E|COPYING|NOTICE|AUTHORS|COPYRIGHT)", re.IGNORECASE)

QT_NOTICE = """\
Qt and Qt for Python (PySide6, shiboken6)
-----------------------------------------
This application uses the Qt libraries and their Python bindings, PySide6 and shiboken6,
under the GNU Lesser General Public License version 3 (LGPL-3.0; full text in
licenses/LGPL-3.0.txt, which refers to licenses/GPL-3.0.txt). They are linked dynamically and
shipped unmodified, as separate files in the install folder (_internal/PySide6/ and
_internal/shiboken6/): you may replace them with your own compatible builds. Their source code
is available from https://download.qt.io/official_releases/ and
https://code.qt.io/cgit/pyside/pyside-setup.git/ (the versions are listed below). Qt is a
trademark of The Qt Company Ltd.
"""


@dataclass
class Component:
    name: str
    version: str
    license: str
    files: list[Path] = field(default_factory=list)  # license texts to ship

    @property
    def folder(self) -> str:
        return f"{self.name}-{self.version}"


def file_owners(dists: Iterable[md.Distribution] | None = None) -> dict[Path, md.Distribution]:
    """Absolute path of every installed file → the distribution that installed it."""
    owners: dict[Path, md.Distribution] = {}
    for dist in dists if dists is not None else md.distributions():
        for entry in dist.files or ():
            owners[Path(dist.locate_file(entry)).resolve()] = dist
    return owners


def bundled_distributions(sources: Iterable[str],
                          owners: dict[Path, md.Distribution]) -> list[md.Distribution]:
    """The distributions that own any of the bundled files (`sources`: their source paths)."""
    found: dict[str, md.Distribution] = {}
    for src in sources:
        if not src:
            continue
        dist = owners.get(Path(src).resolve())
        if dist is not None:
            found.setdefault(dist.metadata["Name"].lower(), dist)
    return [found[k] for k in sorted(found)]


def license_of(dist: md.Distribution) -> str:
    """SPDX expression when declared; else a short License field; else the classifiers."""
    meta = dist.metadata
    expression = meta.get("License-Expression")
    if expression:
        return expression.strip()
    text = (meta.get("License") or "").strip()
    if text and "\n" not in text and len(text) <= 120:
        return text
    classifiers = [c.split("::")[-1].strip() for c in meta.get_all("Classifier") or ()
                   if c.startswith("License ::")]
    return "; ".join(classifiers) or ("see license files" if text else "UNKNOWN")


def license_files(dist: md.Distribution) -> list[Path]:
    """License texts in the distribution's dist-info (PEP 639 `licenses/` folder included)."""
    found = []
    for entry in dist.files or ():
        parts = Path(str(entry)).parts
        if parts and parts[0].endswith(".dist-info") and _LICENSE_NAME.match(parts[-1]):
            found.append(Path(dist.locate_file(entry)))
    return [p for p in found if p.is_file()]


def component(dist: md.Distribution) -> Component:
    return Component(name=dist.metadata["Name"], version=dist.version,
                     license=license_of(dist), files=license_files(dist))


def python_component() -> Component:
    """CPython itself (the interpreter and standard library are in every bundle)."""
    version = ".".join(map(str, sys.version_info[:3]))
    candidates = [Path(sys.base_prefix) / "LICENSE.txt",
                  Path(sys.base_prefix) / "lib" / f"python{sys.version_info[0]}."
                  f"{sys.version_info[1]}" / "LICENSE.txt"]
    return Component(name="Python", version=version, license="PSF-2.0",
                     files=[p for p in candidates if p.is_file()][:1])


def notices_text(app_name: str, components: list[Component], extra: str = "") -> str:
    lines = [f"Third-party components shipped with {app_name}",
             "=" * (40 + len(app_name)), "",
             "License texts are in the licenses/ folder beside this file, one folder per",
             "component (name-version).", "", QT_NOTICE]
    width = max((len(c.name) for c in components), default=10)
    lines += ["Components", "----------"]
    for c in components:
        lines.append(f"{c.name:<{width}}  {c.version:<12}  {c.license}")
    if extra:
        lines += ["", extra.rstrip()]
    return "\n".join(lines) + "\n"


def write_notices(target: Path, app_name: str, components: list[Component],
                  extra: str = "") -> Path:
    """Fill `target` (the bundle's licenses/ folder, staged) and return it."""
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    for c in components:
        folder = target / c.folder
        folder.mkdir()
        for src in c.files:
            name = src.name
            while (folder / name).exists():  # e.g. several LICENSE files from sub-projects
                name = f"{src.parent.name}-{name}"
            shutil.copyfile(src, folder / name)
    for text in sorted(COMMITTED_TEXTS.glob("*.txt")):
        shutil.copyfile(text, target / text.name)
    (target / "THIRD-PARTY-NOTICES.txt").write_text(notices_text(app_name, components, extra),
                                                    encoding="utf-8")
    return target
