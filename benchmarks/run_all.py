"""Run every foundation benchmark, print one table, write results/foundation.json.

    .venv/bin/python benchmarks/run_all.py [--only startup,unlock,cipher]

Not part of the test run (pytest collects tests/ only). Figures are medians of several runs;
ratios are against a floor measured in the same run, so a busy machine moves both sides."""

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

import bench_journey  # noqa: E402
import bench_sqlcipher_vs_sqlite  # noqa: E402
import bench_startup  # noqa: E402
import bench_unlock  # noqa: E402
from common import table  # noqa: E402

BENCHMARKS = {"startup": bench_startup, "unlock": bench_unlock,
              "cipher": bench_sqlcipher_vs_sqlite, "journey": bench_journey}


def _machine() -> dict:
    import sqlcipher3.dbapi2 as sqlcipher

    conn = sqlcipher.connect(":memory:")
    cipher = conn.execute("PRAGMA cipher_version").fetchone()[0]
    conn.close()
    return {"platform": platform.platform(), "python": platform.python_version(),
            "cpus": os.cpu_count(), "sqlcipher": cipher, "sqlite": sqlcipher.sqlite_version,
            "load_avg": list(os.getloadavg()) if hasattr(os, "getloadavg") else None}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", help="comma-separated subset of: " + ", ".join(BENCHMARKS))
    args = parser.parse_args(argv)
    chosen = args.only.split(",") if args.only else list(BENCHMARKS)
    rows, started = [], time.perf_counter()
    for name in chosen:
        print(f"running {name} …", file=sys.stderr, flush=True)
        rows += BENCHMARKS[name].run()
    print(table(rows))
    out = HERE / "results" / "foundation.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps({
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": _machine(), "seconds": round(time.perf_counter() - started, 1),
        "results": [r.to_dict() for r in rows],
    }, indent=2))
    print(f"\nwritten: {out.relative_to(HERE.parent)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
