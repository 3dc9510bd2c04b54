"""Builds the Linux bundle, .tar.gz and .deb once (packaging/build.py, into a scratch folder)
and checks what ships: the frozen self-test from the tarball and from the .deb unpacked with
`dpkg -x`, the size budget, the pruned Qt parts, licenses, checksums, the persistent font
cache, and a vault made from source opening with the frozen CLI.

Slow (about 3.5 minutes on 2 cores, mostly PyInstaller): marked `packaging_build`.
"""

import hashlib
import json
import os
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest
from ccc_pack import project, prune

ROOT = Path(__file__).resolve().parents[2]
MAX_UNPACKED = 270_000_000  # bytes (docs/PACKAGING.md: size budget)
MAX_TAR_GZ = 110_000_000
SELF_TEST_LIMIT_S = 30

pytestmark = [
    pytest.mark.packaging_build,
    # The first test builds the bundle in its fixture: PyInstaller takes minutes on a
    # busy 2-core machine, far past the suite's 300 s per-test limit (the build's own
    # subprocess timeout, 1200 s, is the real bound).
    pytest.mark.timeout(1500),
    pytest.mark.skipif(not sys.platform.startswith("linux") or not shutil.which("dpkg-deb"),
                       reason="the Linux packages are built on Linux with dpkg-deb"),
]


class Build:
    def __init__(self, out: Path):
        self.out = out
        self.dist = out / "dist"
        self.bundle = self.dist / project.BUNDLE_DIR
        self.version = project.read_pyproject().version
        self.tarball = self.dist / f"{project.BUNDLE_DIR}-{self.version}-linux-x86_64.tar.gz"
        proj = project.read_pyproject()
        self.deb = self.dist / f"{proj.name}_{proj.version}_amd64.deb"
        self.summary = json.loads((self.dist / "build-summary.json").read_text())


@pytest.fixture(scope="module")
def build(tmp_path_factory) -> Build:
    out = tmp_path_factory.mktemp("linux-build")
    # The script installs the packaging extra itself (PyInstaller) into this venv.
    proc = subprocess.run([sys.executable, str(ROOT / "packaging" / "build.py"),
                           "--out", str(out)], cwd=ROOT, capture_output=True, text=True,
                          timeout=1200)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    return Build(out)


def _env(cache: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "MPL"))}
    env.update(XDG_CACHE_HOME=str(cache), HOME=str(cache / "home"),
               # The frozen app never sees the test run's in-memory keychain: keep the
               # real one out of reach.
               PYTHON_KEYRING_BACKEND="keyring.backends.null.Keyring")
    return env


def self_test(exe: Path, cache: Path) -> dict:
    proc = subprocess.run([str(exe), "--self-test"], capture_output=True, text=True,
                          env=_env(cache), timeout=SELF_TEST_LIMIT_S + 30)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-2000:]
    return json.loads(proc.stdout)


def assert_frozen_report(result: dict, version: str) -> None:
    assert result["ok"] is True and result["frozen"] is True
    checks = {c["name"]: c for c in result["checks"]}
    for name in ("frozen bundle", "version equals pyproject", "keyring backends discoverable",
                 "chart renders", "matplotlib font cache", "main window shows offscreen",
                 "within time limit", "create vault", "rekey", "no plaintext on disk",
                 "pdf report renders", "print path renders", "vcard import reads"):
        assert checks[name]["ok"], checks[name]
    assert checks["frozen bundle"]["detail"].startswith("frozen:")
    assert result["app_version"] == version
    assert result["elapsed_s"] < SELF_TEST_LIMIT_S


@pytest.fixture(scope="module")
def unpacked(build, tmp_path_factory) -> Path:
    target = tmp_path_factory.mktemp("tar")
    with tarfile.open(build.tarball) as tar:
        tar.extractall(target, filter="tar")
    return target / f"{project.BUNDLE_DIR}-{build.version}"


def test_frozen_self_test_from_the_tarball(build, unpacked, tmp_path):
    assert_frozen_report(self_test(unpacked / project.GUI_EXE, tmp_path), build.version)


def test_second_launch_reuses_the_font_cache(unpacked, tmp_path):
    first = self_test(unpacked / project.GUI_EXE, tmp_path)
    cache = Path(first["matplotlib_font_cache"]["file"])
    assert cache.is_relative_to(tmp_path / "CrisisCommandCenter" / "matplotlib")
    assert first["matplotlib_font_cache"]["built_this_run"] is True
    mtime = cache.stat().st_mtime_ns
    second = self_test(unpacked / project.GUI_EXE, tmp_path)
    assert second["matplotlib_font_cache"]["built_this_run"] is False
    assert cache.stat().st_mtime_ns == mtime


def test_frozen_first_paint_loads_no_heavy_module(unpacked, tmp_path):
    """The frozen app paints its unlock window before the database layer, the charts or the
    keychain load (as from source, benchmarks/bench_startup.py), and before any module a
    PyInstaller runtime hook would import for its own sake (multiprocessing: excluded)."""
    proc = subprocess.run([str(unpacked / project.GUI_EXE), "--measure-startup",
                           "--data-dir", str(tmp_path / "data")],
                          capture_output=True, text=True,
                          env={**_env(tmp_path), "QT_QPA_PLATFORM": "offscreen"}, timeout=120)
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    report = json.loads(next(line for line in proc.stdout.splitlines() if line.startswith("{")))
    loaded = set(report["modules"])
    assert {"PySide6", "ui", "commandcenter"} <= loaded
    heavy = {"matplotlib", "numpy", "sqlalchemy", "sqlmodel", "pydantic", "keyring",
             "alembic", "sqlcipher3", "multiprocessing"}
    assert loaded & heavy == set()


def test_size_budget(build):
    unpacked = sum(p.stat().st_size for p in build.bundle.rglob("*")
                   if p.is_file() and not p.is_symlink())
    assert unpacked <= MAX_UNPACKED, f"bundle is {unpacked / 1e6:.1f} MB"
    assert build.tarball.stat().st_size <= MAX_TAR_GZ, \
        f"tar.gz is {build.tarball.stat().st_size / 1e6:.1f} MB"


def test_no_pruned_qt_part_ships(build):
    internal = build.bundle / "_internal"
    shipped = [p.relative_to(internal).as_posix() for p in internal.rglob("*")]
    pruned = [p for p in shipped if prune.pruned_reason(p)]
    assert pruned == []
    names = {Path(p).name for p in shipped}
    for gone in ("libQt6Qml.so.6", "libQt6Quick.so.6", "libQt6Pdf.so.6", "libqeglfs.so",
                 "libqgtk3.so", "QtQml.abi3.so", "libcairo.so.2", "libcups.so.2",
                 "libgnutls.so.30"):
        assert gone not in names
    tops = {p.split("/", 1)[0] for p in shipped}
    assert not tops & {"PyQt5", "PyQt6", "PySide2", "tkinter", "_tkinter", "setuptools"}
    for kept in ("libqoffscreen.so", "libqxcb.so", "libqwayland.so", "libqsvg.so",
                 "libqsvgicon.so", "libQt6Svg.so.6", "libcupsprintersupport.so",
                 "libpdfium.so"):
        assert kept in names


def test_licenses_ship(build):
    licenses = build.bundle / "_internal" / "licenses"
    notices = (licenses / "THIRD-PARTY-NOTICES.txt").read_text()
    for name in ("PySide6_Essentials", "shiboken6", "matplotlib", "numpy", "cryptography",
                 "keyring", "sqlcipher3", "SQLAlchemy", "Python"):
        assert f"\n{name} " in notices, name
    assert "LGPL-3.0" in notices and (licenses / "LGPL-3.0.txt").is_file()
    with_texts = [d for d in licenses.iterdir() if d.is_dir() and any(d.iterdir())]
    assert len(with_texts) >= 15


def test_checksums_match(build):
    lines = (build.dist / "SHA256SUMS").read_text().splitlines()
    listed = dict(reversed(line.split("  ", 1)) for line in lines)
    assert set(listed) == {build.tarball.name, build.deb.name}
    for name, digest in listed.items():
        assert hashlib.sha256((build.dist / name).read_bytes()).hexdigest() == digest


def test_deb_unpacks_and_its_binary_passes_the_self_test(build, tmp_path):
    root = tmp_path / "root"
    subprocess.run(["dpkg", "-x", str(build.deb), str(root)], check=True, timeout=300)
    fields = subprocess.run(["dpkg-deb", "-f", str(build.deb), "Package", "Version"],
                            capture_output=True, text=True, check=True).stdout
    assert f"Version: {build.version}" in fields
    # zstd, as build.DEB_COMPRESSION says (xz cost 200 s of CPU a build, a third of the suite).
    assert _ar_members(build.deb) == ["debian-binary", "control.tar.zst", "data.tar.zst"]
    share = root / "usr" / "share"
    app_id = project.REVERSE_DNS_ID
    assert (share / "applications" / f"{app_id}.desktop").is_file()
    assert (share / "metainfo" / f"{app_id}.metainfo.xml").is_file()
    for size in (16, 24, 32, 48, 64, 128, 256, 512):
        assert (share / "icons" / "hicolor" / f"{size}x{size}" / "apps" / f"{app_id}.png").is_file()
    assert (share / "icons" / "hicolor" / "scalable" / "apps" / f"{app_id}.svg").is_file()
    gui = root / "usr" / "bin" / project.GUI_EXE  # through the /usr/bin link, as users run it
    assert gui.is_symlink() and gui.resolve() == (root / "opt" / "commandcenter" /
                                                  project.GUI_EXE).resolve()
    assert_frozen_report(self_test(gui, tmp_path / "cache"), build.version)


def _ar_members(path: Path) -> list[str]:
    """The member names of an ar archive (a .deb is one): 8-byte magic, then per member a
    60-byte header (name in the first 16 bytes, size at 48..58) and its data, 2-aligned."""
    names = []
    with path.open("rb") as fh:  # headers only: the members are tens of MB
        assert fh.read(8) == b"!<arch>\n"
        while header := fh.read(60):
            size = int(header[48:58])
            names.append(header[:16].decode("ascii").strip().rstrip("/"))
            fh.seek(size + size % 2, 1)
    return names


def test_vault_made_from_source_opens_with_the_frozen_cli(unpacked, tmp_path):
    """User data lives outside the install folder; a new or reinstalled build opens it with
    the same key (here: a vault created by the source tree, verified by the frozen CLI)."""
    from commandcenter.vault import crypto, lifecycle
    from commandcenter.vault.paths import VaultPaths

    paths = VaultPaths.at(tmp_path / "vault")
    vault, _code = lifecycle.create_vault(paths, operator_name="Packager",
                                          passphrase="upgrade passphrase",
                                          kdf=crypto.KdfParams(iterations=1, lanes=1))
    vault.lock()
    secret = tmp_path / "passphrase.txt"
    secret.write_text("upgrade passphrase\n")
    proc = subprocess.run([str(unpacked / project.CLI_EXE), "--data-dir", str(paths.data_dir),
                           "verify", "--passphrase-file", str(secret)],
                          capture_output=True, text=True, env=_env(tmp_path), timeout=120)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert not any(unpacked.rglob("vault.db")), "no vault file may live in the install folder"
