"""Run every benchmark, print one table, write results/latest.json (and a dated copy).

    .venv/bin/python benchmarks/run_all.py [--only startup,unlock,...]     (or: make bench)

The war-room vault (benchmarks/gen, issue 9) is generated first if benchmarks/.cache has
none for the current generator (about 1.5 minutes), then reused. Not part of the test run
(pytest collects tests/ only). Figures are medians of several runs; ratios are against a
floor measured in the same run, so a busy machine moves both sides; the load average at
the start and the end is written beside them."""

import argparse
import json
import os
import platform
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

import bench_areas  # noqa: E402
import bench_frozen_startup  # noqa: E402
import bench_journey  # noqa: E402
import bench_query_mix  # noqa: E402
import bench_session  # noqa: E402
import bench_sqlcipher_vs_sqlite  # noqa: E402
import bench_startup  # noqa: E402
import bench_unlock  # noqa: E402
from common import markdown, table  # noqa: E402

BENCHMARKS = {"startup": bench_startup, "frozen": bench_frozen_startup,
              "unlock": bench_unlock, "cipher": bench_sqlcipher_vs_sqlite,
              "querymix": bench_query_mix, "journey": bench_journey, "areas": bench_areas,
              "session": bench_session}
# These measure on the generated war-room vault.
ON_GENERATED = {"querymix", "areas", "session"}


def _machine() -> dict:
    import sqlcipher3.dbapi2 as sqlcipher

    conn = sqlcipher.connect(":memory:")
    cipher = conn.execute("PRAGMA cipher_version").fetchone()[0]
    conn.close()
    return {"platform": platform.platform(), "python": platform.python_version(),
            "cpus": os.cpu_count(), "sqlcipher": cipher, "sqlite": sqlcipher.sqlite_version,
            "memory_gib": _memory_gib()}


def _memory_gib() -> float | None:
    try:
        kib = int(next(line for line in Path("/proc/meminfo").read_text().splitlines()
                       if line.startswith("MemTotal:")).split()[1])
    except (OSError, StopIteration):
        return None
    return round(kib / 1024 / 1024, 1)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", help="comma-separated subset of: " + ", ".join(BENCHMARKS))
    args = parser.parse_args(argv)
    chosen = args.only.split(",") if args.only else list(BENCHMARKS)
    unknown = sorted(set(chosen) - set(BENCHMARKS))
    if unknown:
        parser.error(f"unknown benchmark {unknown[0]!r}; choose from: " + ", ".join(BENCHMARKS))
    rows, started = [], time.perf_counter()
    load_before = _load()
    vault = _generated() if ON_GENERATED & set(chosen) else None
    for name in chosen:
        print(f"running {name} …", file=sys.stderr, flush=True)
        rows += BENCHMARKS[name].run()
    print(table(rows))
    machine = _machine()
    print(f"\n{machine['platform']}, {machine['cpus']} CPUs, Python {machine['python']}, "
          f"SQLCipher {machine['sqlcipher']}; load average {load_before} at the start, "
          f"{_load()} at the end")
    when = datetime.now(UTC)
    text = json.dumps({
        "when": when.isoformat(timespec="seconds"), "machine": machine,
        "load_avg_start": load_before, "load_avg_end": _load(), "vault": vault,
        "seconds": round(time.perf_counter() - started, 1),
        "results": [r.to_dict() for r in rows],
    }, indent=2)
    out = HERE / "results"
    out.mkdir(exist_ok=True)
    (out / "latest.json").write_text(text)
    (out / "latest.md").write_text(markdown(rows) + "\n")
    (out / f"run-{when:%Y%m%dT%H%M%SZ}.json").write_text(text)
    print(f"written: benchmarks/results/latest.json, latest.md (the README's table) and "
          f"run-{when:%Y%m%dT%H%M%SZ}.json")
    return 0


def _load() -> list[float] | None:
    return [round(x, 2) for x in os.getloadavg()] if hasattr(os, "getloadavg") else None


def _generated() -> dict:
    """Generate the war-room vault now (once; cached) so no benchmark times it."""
    from benchmarks.gen import Scale, cached_vault

    path, manifest = cached_vault(Scale(), progress=lambda line: print(
        line, file=sys.stderr, flush=True))
    print(f"war-room vault: {path.name}, generated in {manifest['seconds']} s: "
          + ", ".join(f"{v:,} {k}" for k, v in manifest["counts"].items()),
          file=sys.stderr, flush=True)
    return {"cache": path.name, **manifest}


if __name__ == "__main__":
    sys.exit(main())
