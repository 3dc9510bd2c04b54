"""Process start → first window painted: the app (`python -m ui.app --measure-startup`, on
a copy of the war-room vault, benchmarks/gen, so its unlock window is what paints) against
a bare PySide6 window (bare_window.py) measured the same way in the same run, runs
interleaved.

Both report "first_paint_s" as the process's age at first paint, counted from the spawn
time this benchmark passes them (the kernel's start time is in 10 ms ticks on Linux); the
parent's wall clock from spawn to the JSON line is reported beside it."""

import json
import os
import subprocess
import sys
import time
from pathlib import Path

from common import Row, generated_vault, median, temp_dir

from ui.app import SPAWNED_ENV  # noqa: E402 (the repository is on sys.path via common)

RUNS = 11
TARGET_RATIO = 1.5
HERE = Path(__file__).resolve().parent
REPO = HERE.parent
HEAVY = ("matplotlib", "numpy", "sqlalchemy", "sqlmodel", "pydantic", "keyring", "alembic")


def _env() -> dict:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    # Never the real keychain: the app only detects one after the paint, but be sure.
    env["PYTHON_KEYRING_BACKEND"] = "keyring.backends.null.Keyring"
    return env


def _measure(cmd: list[str]) -> tuple[dict | None, float, str]:
    """Run once; returns (the JSON report or None, wall seconds to the report, stderr tail)."""
    env = _env()
    start = time.perf_counter()
    # The child's first_paint_s counts from here (ui.app.process_age), in nanoseconds: the
    # kernel's record of a process's start is in 10 ms ticks.
    env[SPAWNED_ENV] = str(time.monotonic_ns())
    proc = subprocess.Popen(cmd, cwd=REPO, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    report, wall = None, 0.0
    for line in proc.stdout:
        if line.startswith("{"):
            wall = time.perf_counter() - start
            try:
                report = json.loads(line)
            except ValueError:
                report = None
            break
    try:
        _, err = proc.communicate(timeout=30)
    except subprocess.TimeoutExpired:
        proc.kill()
        _, err = proc.communicate()
    return report, wall, (err or "").strip()[-300:]


def _compile_bytecode() -> None:
    """Write .pyc files for the app's packages first, as pip or PyInstaller do for a real
    install: a checkout run with PYTHONDONTWRITEBYTECODE would otherwise recompile every
    module from source on every start and measure the compiler, not the app."""
    import compileall

    for package in ("commandcenter", "ui"):
        compileall.compile_dir(REPO / package, quiet=1)


def run() -> list[Row]:
    _compile_bytecode()
    with temp_dir("startup") as tmp:
        vault, paths, _ = generated_vault(Path(tmp))
        vault.lock()
        app_cmd = [sys.executable, "-m", "ui.app", "--measure-startup",
                   "--data-dir", str(paths.data_dir)]
        bare_cmd = [sys.executable, str(HERE / "bare_window.py")]
        probe, _, err = _measure(app_cmd)
        if probe is None or "first_paint_s" not in probe:
            return [Row("startup: first paint (app / bare window)", None, "s",
                        f"<= {TARGET_RATIO}x", None,
                        note="skipped: `python -m ui.app --measure-startup` gave no JSON "
                             f"line yet ({err.splitlines()[-1] if err else 'no output'})")]
        _measure(bare_cmd)  # warm the file cache for both, as the app's probe run did
        app, bare, app_wall, bare_wall, heavy = [], [], [], [], set()
        modules = {"app": set(), "bare": set()}
        for _ in range(RUNS):
            for cmd, paints, walls in ((bare_cmd, bare, bare_wall), (app_cmd, app, app_wall)):
                report, wall, err = _measure(cmd)
                if report is None:
                    raise RuntimeError(f"{cmd[1:3]} failed: {err}")
                paints.append(report["first_paint_s"])
                walls.append(wall)
                modules["app" if cmd is app_cmd else "bare"] |= set(report["modules"])
                if cmd is app_cmd:
                    heavy |= {m for m in HEAVY if m in report["modules"]}
    ratio = median(app) / median(bare)
    wall_ratio = median(app_wall) / median(bare_wall)
    loaded = ", ".join(sorted(heavy)) if heavy else "none"
    extra = sorted(m for m in modules["app"] - modules["bare"] if not m.startswith("_"))
    return [
        Row("startup: first paint, app vs bare window", median(app), "s",
            f"<= {TARGET_RATIO}x", ratio <= TARGET_RATIO, floor=median(bare), ratio=ratio,
            runs=app,
            note=f"heavy modules loaded at paint: {loaded} (of {', '.join(HEAVY)}); "
                 f"bare runs {bare}; loaded by the app but not the bare window: "
                 f"{', '.join(extra)}"),
        Row("startup: spawn → paint report (wall)", median(app_wall), "s",
            f"<= {TARGET_RATIO}x", wall_ratio <= TARGET_RATIO, floor=median(bare_wall),
            ratio=wall_ratio, runs=app_wall),
    ]


if __name__ == "__main__":
    from common import table

    print(table(run()))
