"""Build the Linux installers: `make package` (or `.venv/bin/python packaging/build.py`).

1. installs the `packaging` extra into the running venv (PyInstaller);
2. runs packaging/commandcenter.spec → dist/commandcenter/ (one folder, two executables);
3. strips debug information from the bundled binaries that still carry it (the interpreter
   and some extension modules; Qt's libraries are already stripped and never touched);
4. dist/commandcenter-<version>-linux-x86_64.tar.gz;
5. dist/<name>_<version>_amd64.deb with dpkg-deb: /opt/commandcenter, /usr/bin links, the
   .desktop file, AppStream metainfo (validated when appstreamcli is installed), hicolor icons;
6. dist/SHA256SUMS, and dist/build-summary.json with the sizes and times measured.

Runs with the project's Python (>= 3.12), on Linux. Windows and macOS have their own scripts
(packaging/windows/build.ps1, packaging/macos/build_dmg.sh) around the same spec.
"""

import argparse
import datetime
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tarfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from ccc_pack import icons, linux_meta, project  # noqa: E402

DIST = ROOT / "dist"
WORK = ROOT / "build"
# zstd level 9 for the .deb's members. Measured on the 270 MB bundle (2 cores): xz -6, dpkg's
# default, made 70 MB for 200 s of CPU (100 s wall) — the largest piece of the build and of
# the test suite, which builds it too; zstd -9 makes 87 MB for 12 s, and higher zstd levels
# barely shrink it (-15: 86 MB for 76 s). zstd also unpacks several times faster at install.
# Every dpkg where the bundle runs reads it (Debian 12+, Ubuntu 22.04+); the older ones ship a
# glibc older than the builders', so the bundle would not run there anyway (docs/PACKAGING.md).
DEB_COMPRESSION = ("-Zzstd", "-z9")


def log(message: str) -> None:
    print(f"build: {message}", flush=True)


def run(cmd: list[str], **kwargs) -> None:
    log("$ " + " ".join(cmd))
    subprocess.run(cmd, check=True, **kwargs)


def install_packaging_extra() -> None:
    run([sys.executable, "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
         "-e", f"{ROOT}[packaging]"], cwd=ROOT)


def run_pyinstaller(dist: Path, work: Path) -> float:
    start = time.perf_counter()
    run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
         "--distpath", str(dist), "--workpath", str(work),
         str(HERE / "commandcenter.spec")], cwd=ROOT)
    return time.perf_counter() - start


# --- after the build ------------------------------------------------------------------------

def _is_elf(path: Path) -> bool:
    with path.open("rb") as fh:
        return fh.read(4) == b"\x7fELF"


def _has_debug_info(path: Path) -> bool:
    out = subprocess.run(["readelf", "-S", "-W", str(path)], capture_output=True, text=True)
    return ".debug_info" in out.stdout


def strip_debug_info(bundle: Path) -> int:
    """`strip --strip-debug` on the ELF files that carry DWARF data (pyenv's libpython, the
    sdist-built extension modules): symbols stay, behaviour is unchanged. Returns bytes
    saved. Skipped (0) when binutils are not installed."""
    if not (shutil.which("strip") and shutil.which("readelf")):
        log("strip/readelf not found: debug information left in place")
        return 0
    saved = 0
    for path in sorted(bundle.rglob("*")):
        if path.is_symlink() or not path.is_file() or not _is_elf(path):
            continue
        if not _has_debug_info(path):
            continue
        before = path.stat().st_size
        subprocess.run(["strip", "--strip-debug", str(path)], check=True)
        saved += before - path.stat().st_size
    log(f"stripped debug information: {saved / 1e6:.1f} MB saved")
    return saved


def tree_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def make_tarball(bundle: Path, version: str, dist: Path) -> Path:
    """commandcenter-<version>/ inside, owned by root."""
    target = dist / f"{project.BUNDLE_DIR}-{version}-linux-x86_64.tar.gz"

    def normalise(info: tarfile.TarInfo) -> tarfile.TarInfo:
        info.uid = info.gid = 0
        info.uname = info.gname = "root"
        return info

    with tarfile.open(target, "w:gz", compresslevel=6) as tar:
        tar.add(bundle, arcname=f"{project.BUNDLE_DIR}-{version}", filter=normalise)
    return target


def _copy_tree(src: Path, dst: Path) -> None:
    """Hard links where possible (the staging root is thrown away), copies otherwise."""
    def link_or_copy(s, d):
        try:
            os.link(s, d)
        except OSError:
            shutil.copy2(s, d)
    shutil.copytree(src, dst, symlinks=True, copy_function=link_or_copy)


def _write(path: Path, text: str, mode: int = 0o644) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    path.chmod(mode)


def stage_deb_root(bundle: Path, proj: project.Project, root: Path) -> Path:
    if root.exists():
        shutil.rmtree(root)
    opt = root / linux_meta.INSTALL_DIR.lstrip("/")
    opt.parent.mkdir(parents=True)
    _copy_tree(bundle, opt)
    usr_bin = root / "usr" / "bin"
    usr_bin.mkdir(parents=True)
    for exe in (project.GUI_EXE, project.CLI_EXE):
        # The bootloader resolves its real path, so _internal/ is found through the link.
        # Relative, so the link also works in a scratch root (dpkg -x) in the tests.
        (usr_bin / exe).symlink_to(f"../..{linux_meta.INSTALL_DIR}/{exe}")
    share = root / "usr" / "share"
    app_id = project.REVERSE_DNS_ID
    _write(share / "applications" / f"{app_id}.desktop", linux_meta.desktop_entry(proj))
    today = datetime.date.today().isoformat()
    _write(share / "metainfo" / f"{app_id}.metainfo.xml",
           linux_meta.metainfo_xml(proj, release_date=today))
    icon_dir = ROOT / "resources" / "icons" / "app"
    for size, png in icons.app_pngs(icon_dir).items():
        if size in icons.HICOLOR_SIZES:
            dst = share / "icons" / "hicolor" / f"{size}x{size}" / "apps" / f"{app_id}.png"
            dst.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(png, dst)
    svg = share / "icons" / "hicolor" / "scalable" / "apps" / f"{app_id}.svg"
    svg.parent.mkdir(parents=True)
    shutil.copyfile(ROOT / "resources" / "icons" / "app.svg", svg)
    _write(share / "doc" / proj.name / "copyright", linux_meta.deb_copyright(proj))
    size_kib = (tree_size(root) + 1023) // 1024
    _write(root / "DEBIAN" / "control", linux_meta.deb_control(proj, installed_size_kib=size_kib))
    for path in root.rglob("*"):  # dpkg-deb insists on sane permissions
        if path.is_dir() and not path.is_symlink():
            path.chmod(0o755)
    return root


def validate_metadata(root: Path) -> list[str]:
    """appstreamcli / desktop-file-validate when installed; failures stop the build."""
    done = []
    metainfo = next((root / "usr/share/metainfo").glob("*.xml"))
    desktop = next((root / "usr/share/applications").glob("*.desktop"))
    if shutil.which("appstreamcli"):
        run(["appstreamcli", "validate", "--no-net", "--pedantic", str(metainfo)])
        done.append("appstreamcli")
    else:
        log("appstreamcli not installed: metainfo not validated")
    if shutil.which("desktop-file-validate"):
        run(["desktop-file-validate", str(desktop)])
        done.append("desktop-file-validate")
    return done


def make_deb(bundle: Path, proj: project.Project, dist: Path, work: Path) -> Path:
    root = stage_deb_root(bundle, proj, work / "deb-root")
    validate_metadata(root)
    target = dist / f"{proj.name}_{proj.version}_amd64.deb"
    run(["dpkg-deb", "--root-owner-group", *DEB_COMPRESSION, "--build", str(root), str(target)])
    shutil.rmtree(root)
    return target


def write_sha256sums(files: list[Path], dist: Path) -> Path:
    lines = []
    for f in files:
        digest = hashlib.sha256()
        with f.open("rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                digest.update(chunk)
        lines.append(f"{digest.hexdigest()}  {f.name}")
    target = dist / "SHA256SUMS"
    target.write_text("\n".join(lines) + "\n", encoding="ascii")
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-install", action="store_true",
                        help="do not pip-install the packaging extra first")
    parser.add_argument("--no-deb", action="store_true", help="only the tar.gz")
    parser.add_argument("--out", metavar="DIR", type=Path,
                        help="build into DIR/build and DIR/dist instead of the checkout's "
                             "build/ and dist/ (the packaging tests use a scratch folder)")
    args = parser.parse_args(argv)
    dist, work = (args.out / "dist", args.out / "build") if args.out else (DIST, WORK)
    bundle = dist / project.BUNDLE_DIR
    if not sys.platform.startswith("linux"):
        sys.exit("build.py makes the Linux packages; see docs/PACKAGING.md for Windows/macOS")
    proj = project.read_pyproject()
    started = time.perf_counter()
    if not args.no_install:
        install_packaging_extra()
    summary = {"version": proj.version, "pyinstaller_s": round(run_pyinstaller(dist, work), 1)}
    summary["stripped_bytes"] = strip_debug_info(bundle)
    summary["bundle_bytes"] = tree_size(bundle)
    t = time.perf_counter()
    artifacts = [make_tarball(bundle, proj.version, dist)]
    summary["tar_s"] = round(time.perf_counter() - t, 1)
    if not args.no_deb:
        t = time.perf_counter()
        artifacts.append(make_deb(bundle, proj, dist, work))
        summary["deb_s"] = round(time.perf_counter() - t, 1)
    sums = write_sha256sums(artifacts, dist)
    summary.update({a.name: a.stat().st_size for a in artifacts})
    summary["total_s"] = round(time.perf_counter() - started, 1)
    (dist / "build-summary.json").write_text(json.dumps(summary, indent=2) + "\n")
    for path in (*artifacts, sums):
        log(f"wrote {path}")
    log(json.dumps(summary))
    return 0


if __name__ == "__main__":
    sys.exit(main())
