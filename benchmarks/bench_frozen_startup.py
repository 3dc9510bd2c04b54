"""Process start → first window painted: the frozen build (`dist/commandcenter/commandcenter-gui
--measure-startup`) against the same app run from source (`python -m ui.app
--measure-startup`) and against a bare PySide6 window (bare_window.py), on a copy of the
war-room vault (benchmarks/gen), runs interleaved, medians of RUNS.

Targets: the frozen app paints within 1.5x the bare window (issue 9), and no more than
100 ms later than the source run. Skips with a
message when there is no build (`make package` makes one). Uses bench_startup's measurement
(the process's age at first paint, from the kernel; the parent's wall clock beside it).

    .venv/bin/python benchmarks/bench_frozen_startup.py [--bundle DIR]
"""

import argparse
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from bench_startup import _compile_bytecode, _measure  # noqa: E402
from common import Row, generated_vault, median, table, temp_dir  # noqa: E402

RUNS = 11
TARGET_EXTRA_S = 0.100
TARGET_RATIO = 1.5  # to the bare window, as the source run's target
DEFAULT_BUNDLE = HERE.parent / "dist" / "commandcenter"


def _skipped(note: str) -> list[Row]:
    return [Row("startup: frozen first paint vs source", None, "s",
                f"<= source + {TARGET_EXTRA_S * 1000:.0f} ms", None, note=f"skipped: {note}")]


def run(bundle: Path = DEFAULT_BUNDLE) -> list[Row]:
    exe = bundle / ("commandcenter-gui.exe" if sys.platform == "win32" else "commandcenter-gui")
    if not exe.is_file():
        return _skipped(f"no frozen build at {exe} (run `make package` first)")
    _compile_bytecode()  # the source run gets .pyc files too, as an installed package has
    with temp_dir("frozen-startup") as tmp:
        vault, paths, _ = generated_vault(Path(tmp))
        vault.lock()
        frozen_cmd = [str(exe), "--measure-startup", "--data-dir", str(paths.data_dir)]
        source_cmd = [sys.executable, "-m", "ui.app", "--measure-startup",
                      "--data-dir", str(paths.data_dir)]
        for cmd in (frozen_cmd, source_cmd):  # warm the file cache for both
            probe, _, err = _measure(cmd)
            if probe is None:
                return _skipped(f"{cmd[0]} gave no JSON line ({err[-200:] or 'no output'})")
        bare_cmd = [sys.executable, str(HERE / "bare_window.py")]
        paints = {"frozen": [], "source": [], "bare": []}
        walls = {"frozen": [], "source": [], "bare": []}
        for _ in range(RUNS):
            for key, cmd in (("bare", bare_cmd), ("source", source_cmd),
                             ("frozen", frozen_cmd)):
                report, wall, err = _measure(cmd)
                if report is None:
                    raise RuntimeError(f"{key} run failed: {err}")
                paints[key].append(report["first_paint_s"])
                walls[key].append(wall)
    extra = median(paints["frozen"]) - median(paints["source"])
    wall_extra = median(walls["frozen"]) - median(walls["source"])
    target = f"<= source + {TARGET_EXTRA_S * 1000:.0f} ms"
    ratio = median(paints["frozen"]) / median(paints["bare"])
    return [
        Row("startup: frozen first paint vs bare window", median(paints["frozen"]), "s",
            f"<= {TARGET_RATIO}x", ratio <= TARGET_RATIO, floor=median(paints["bare"]),
            ratio=ratio, runs=paints["frozen"], note=f"bare runs {paints['bare']}"),
        Row("startup: frozen first paint vs source", median(paints["frozen"]), "s", target,
            extra <= TARGET_EXTRA_S, floor=median(paints["source"]), runs=paints["frozen"],
            note=f"frozen - source = {extra * 1000:+.0f} ms; source runs {paints['source']}"),
        Row("startup: frozen spawn → paint report (wall)", median(walls["frozen"]), "s",
            target, wall_extra <= TARGET_EXTRA_S, floor=median(walls["source"]),
            runs=walls["frozen"], note=f"frozen - source = {wall_extra * 1000:+.0f} ms"),
    ]


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bundle", type=Path, default=DEFAULT_BUNDLE,
                        help="the one-folder build (default: dist/commandcenter)")
    print(table(run(parser.parse_args().bundle)))
