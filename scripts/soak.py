"""`make soak`: the fault tests (pytest marker `fault`: kill -9 during writes, imports,
exports, backups, approvals and key rotations; a full disk; a second instance; a clock that
jumps back) with every fault repeated SOAK_RUNS times as often as in the normal suite, then a
table per scenario: runs, faults injected, failures, acknowledged data lost.

usage: scripts/soak.py [--runs N] [extra pytest arguments]
Exit status: 0 only when every test passed and no acknowledged unit was lost.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
COLUMNS = ("scenario", "runs", "faults", "failures", "lost")
SUITE_TIMEOUT = 300  # seconds, pyproject's [tool.pytest.ini_options] timeout
HEADERS = ("Scenario", "Runs", "Faults injected", "Failures", "Data lost")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=int(os.environ.get("SOAK_RUNS", "20")),
                        help="times the suite's count of each fault (default 20)")
    args, pytest_args = parser.parse_known_args(argv)
    with tempfile.TemporaryDirectory(prefix="ccc-soak-") as tmp:
        report = Path(tmp) / "faults.jsonl"
        env = dict(os.environ, SOAK_RUNS=str(args.runs), CCC_FAULT_REPORT=str(report))
        started = time.monotonic()
        # The suite's per-test timeout grows with the runs (a crash test repeats 20 kills).
        timeout = f"--timeout={SUITE_TIMEOUT * args.runs}"
        result = subprocess.run([sys.executable, "-m", "pytest", "-m", "fault", "-q",
                                 "-p", "no:randomly", timeout, "tests/core", "tests/ui",
                                 *pytest_args], cwd=REPO, env=env)
        elapsed = time.monotonic() - started
        rows = _table(report)
    print(f"\nSoak: SOAK_RUNS={args.runs}, {elapsed / 60:.1f} min, pytest exit "
          f"{result.returncode}")
    print(_format(rows))
    lost = sum(r["lost"] for r in rows)
    failures = sum(r["failures"] for r in rows)
    ok = result.returncode == 0 and lost == 0 and failures == 0
    print("PASSED: no failure, no acknowledged data lost." if ok else
          f"FAILED: {failures} failing scenario run(s), {lost} acknowledged unit(s) lost, "
          f"pytest exit {result.returncode}.")
    return 0 if ok else 1


def _table(report: Path) -> list[dict]:
    totals: dict[str, dict] = {}
    if report.exists():
        for line in report.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            into = totals.setdefault(row["scenario"], dict.fromkeys(COLUMNS, 0))
            into["scenario"] = row["scenario"]
            for key in COLUMNS[1:]:
                into[key] += row[key]
    return sorted(totals.values(), key=lambda r: r["scenario"])


def _format(rows: list[dict]) -> str:
    total = {"scenario": "total", **{k: sum(r[k] for r in rows) for k in COLUMNS[1:]}}
    cells = [HEADERS] + [tuple(str(r[k]) for k in COLUMNS) for r in rows + [total]]
    widths = [max(len(c[i]) for c in cells) for i in range(len(HEADERS))]
    lines = ["  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in
                       enumerate(zip(row, widths))) for row in cells]
    lines.insert(1, "  ".join("-" * w for w in widths))
    lines.insert(len(lines) - 1, lines[1])
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
