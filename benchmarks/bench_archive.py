"""Encrypted archive figures on the generated vault of 100,000 decision entries (issue 8;
the vault is issue 9's, benchmarks/gen, so it also holds the other areas' rows).

    .venv/bin/python benchmarks/bench_archive.py [--entries 100000] [--runs 3]

- archive export (stream rows -> JSON -> zlib -> AES-256-GCM chunks, fsync, rename, audit
  entry), median of --runs; floor: the plain JSON export of the same vault in the same run
- archive import (authenticate every chunk, then a new vault: rows inserted, schema checked,
  search indexes rebuilt, pages/structure/foreign keys/audit chain/decision log verified),
  median of --runs; floor: an encrypted backup (sqlcipher_export) of the same vault, the
  cheapest way to make an encrypted copy of it
- archive size; floor: the vault file itself (and the plain JSON's size in the notes)
- peak memory (max RSS) of a process that unlocks the vault and exports, archive against
  plain JSON: the archive streams, the JSON export builds the whole document in memory

Argon2id runs at the design's cheapest cost (64 MiB, 1 pass) for both the vault and the
archive, so the figures are the data path; a real archive adds one derivation (~0.5 s) on
each side.
"""

import argparse
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.common import (  # noqa: E402
    CHEAP_KDF, PASSPHRASE, Row, generated_vault, table, temp_dir,
)
from benchmarks.gen import Scale  # noqa: E402

ARCHIVE_PASSPHRASE = "benchmark archive passphrase"
MB = 1024 * 1024


def _kdf():
    from commandcenter.vault import crypto

    return crypto.KdfParams(**CHEAP_KDF)


def bench_export(vault, root: Path, runs: int) -> tuple[list[float], list[float], int, int]:
    from commandcenter.reports.archive import export_archive
    from commandcenter.reports.json_export import export_json

    archive, plain, arch_runs, json_runs = root / "bench.ccca", root / "bench.json", [], []
    for _ in range(runs):  # interleaved, so both see the same machine state
        start = time.perf_counter()
        export_archive(vault, archive, ARCHIVE_PASSPHRASE, kdf=_kdf())
        arch_runs.append(time.perf_counter() - start)
        start = time.perf_counter()
        export_json(vault, plain)
        json_runs.append(time.perf_counter() - start)
    size, json_size = archive.stat().st_size, plain.stat().st_size
    plain.unlink()
    return arch_runs, json_runs, size, json_size


def bench_import(vault, root: Path, runs: int) -> tuple[list[float], list[float], int]:
    from commandcenter.reports.archive import import_archive
    from commandcenter.vault import backup

    imports, backups, decisions = [], [], 0
    for n in range(runs):
        target = root / f"imported-{n}"
        start = time.perf_counter()
        result = import_archive(root / "bench.ccca", ARCHIVE_PASSPHRASE, target,
                                new_passphrase=PASSPHRASE, kdf=_kdf())
        imports.append(time.perf_counter() - start)
        decisions = result.decision_entries
        shutil.rmtree(target)
        out = root / f"backup-{n}.db"
        start = time.perf_counter()
        backup.backup(vault, out, reason="bench")
        backups.append(time.perf_counter() - start)
        out.unlink()
        out.with_name(out.name + backup.SIDECAR_SUFFIX).unlink()
    return imports, backups, decisions


_CHILD = """
import resource, sys
from pathlib import Path
from commandcenter.vault import crypto, lifecycle
from commandcenter.vault.paths import VaultPaths
paths = VaultPaths.at(sys.argv[1])
op = lifecycle.list_operators(paths)[0]
vault = lifecycle.unlock_with_passphrase(paths, operator_id=op.operator_id, passphrase=sys.argv[2])
if sys.argv[3] == "archive":
    from commandcenter.reports.archive import export_archive
    export_archive(vault, Path(sys.argv[4]), sys.argv[5],
                   kdf=crypto.KdfParams(iterations=1, lanes=1))
else:
    from commandcenter.reports.json_export import export_json
    export_json(vault, Path(sys.argv[4]))
vault.lock()
# Linux: VmHWM, this program's own peak. ru_maxrss would also count the parent's pages
# the child held between fork and exec (Linux keeps it across exec).
status = Path("/proc/self/status")
if status.exists():
    hwm = next(l for l in status.read_text().splitlines() if l.startswith("VmHWM:"))
    print(int(hwm.split()[1]))
else:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(peak // 1024 if sys.platform == "darwin" else peak)  # macOS counts bytes
"""


def peak_rss_mb(paths, kind: str, out: Path) -> float | None:
    """Max RSS (MiB) of a fresh process that unlocks and exports (Linux/macOS only)."""
    if sys.platform == "win32":
        return None
    cmd = [sys.executable, "-c", _CHILD, str(paths.data_dir), PASSPHRASE, kind, str(out),
           ARCHIVE_PASSPHRASE]
    done = subprocess.run(cmd, capture_output=True, text=True, check=True,
                          cwd=Path(__file__).resolve().parents[1])
    out.unlink()
    return int(done.stdout.strip().splitlines()[-1]) / 1024  # KiB -> MiB


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--entries", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with temp_dir("archive") as tmp:
        root = Path(tmp)
        vault, paths, manifest = generated_vault(root, replace(Scale(),
                                                               decision_entries=args.entries))
        made = manifest["seconds"]
        exports, plain, size, json_size = bench_export(vault, root, args.runs)
        imports, backups, decisions = bench_import(vault, root, args.runs)
        db_size = paths.db.stat().st_size
        vault.lock()
        rss_archive = peak_rss_mb(paths, "archive", root / "rss.ccca")
        rss_json = peak_rss_mb(paths, "json", root / "rss.json")
    assert decisions == args.entries, decisions
    med = statistics.median
    n = f"{args.entries:,} decisions"
    rows = [
        Row(f"archive export, {n} (median)", med(exports), "s", "figure", True,
            floor=med(plain), ratio=med(exports) / med(plain),
            runs=exports, note=f"floor: plain JSON export; runs {_runs(exports)}"),
        Row(f"archive import, {n} (median)", med(imports), "s", "figure", True,
            floor=med(backups), ratio=med(imports) / med(backups), runs=imports,
            note=f"floor: encrypted backup of the same vault; runs {_runs(imports)}"),
        Row("archive size", size / MB, "MiB", "figure", True, floor=db_size / MB,
            ratio=size / db_size,
            note=f"floor: the vault file; the plain JSON is {json_size / MB:.1f} MiB"),
    ]
    if rss_archive is not None:
        rows.append(Row("peak memory, unlock + archive export", rss_archive, "MiB", "figure",
                        True, note=f"max RSS of a fresh process; the plain JSON export, which "
                                   f"holds the whole document, peaks at {rss_json:.0f} MiB"))
    print(f"{args.entries:,} entries (generated once in {made:.1f} s, then cached); "
          f"{args.runs} runs each")
    print(table(rows))
    return 0


def _runs(values: list[float]) -> str:
    return ", ".join(f"{v:.2f} s" for v in values)


if __name__ == "__main__":
    sys.exit(main())
