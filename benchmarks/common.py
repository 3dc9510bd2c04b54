"""Shared by the benchmark scripts: medians, a throwaway vault, result rows, the table."""

import statistics
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:  # a script run as `python benchmarks/x.py` imports benchmarks.gen
    sys.path.insert(0, str(REPO))

# The design's cheapest Argon2id (64 MiB, one pass), for vaults whose KDF is not measured,
# and the passphrase of every benchmark vault: the generator's own.
from benchmarks.gen.vault import CHEAP_KDF, PASSPHRASE  # noqa: E402


def median(values: list[float]) -> float:
    return statistics.median(values)


def timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


@dataclass
class Row:
    """One line of the results table."""

    name: str
    value: float | None  # the median measured, in `unit`
    unit: str
    target: str
    ok: bool | None  # None: not measured (skipped), or measured for information (no target)
    floor: float | None = None  # the floor measured in the same run, same unit
    ratio: float | None = None
    runs: list[float] = field(default_factory=list)
    note: str = ""

    def to_dict(self) -> dict:
        return asdict(self)


def make_vault(root: Path, kdf: dict | None = None):
    """A fresh vault under `root` (unlocked). Returns (vault, paths)."""
    from commandcenter.vault import crypto, lifecycle
    from commandcenter.vault.paths import VaultPaths

    paths = VaultPaths.at(Path(root) / "vault")
    params = crypto.KdfParams(**(kdf or CHEAP_KDF))
    vault, _ = lifecycle.create_vault(paths, operator_name="Bench Lead", passphrase=PASSPHRASE,
                                      kdf=params)
    return vault, paths


def generated_vault(root: Path, scale=None):
    """An unlocked copy (under `root`) of the generated vault for `scale` (default: issue 9's
    war-room scale), generated into benchmarks/.cache on first use. Returns
    (vault, paths, manifest)."""
    from benchmarks.gen import Scale, cached_vault, copy_vault
    from benchmarks.gen.vault import unlock

    source, manifest = cached_vault(scale or Scale(), progress=lambda line: print(
        line, file=sys.stderr, flush=True))
    paths = copy_vault(source, Path(root) / "vault")
    return unlock(paths), paths, manifest


def temp_dir(prefix: str) -> tempfile.TemporaryDirectory:
    return tempfile.TemporaryDirectory(prefix=f"ccc-bench-{prefix}-")


def _fmt(value: float | None, unit: str) -> str:
    if value is None:
        return "—"
    if unit == "s" and value < 0.1:
        return f"{value * 1000:.2f} ms"
    return f"{value:.3f} {unit}" if unit else f"{value:.2f}"


def _verdict(r: Row, missed: str) -> str:
    if r.ok is None:
        return "skipped" if r.value is None else "info"
    return "ok" if r.ok else missed


def table(rows: list[Row]) -> str:
    header = ("benchmark", "median", "floor", "ratio", "target", "verdict")
    lines = [(r.name, _fmt(r.value, r.unit), _fmt(r.floor, r.unit),
              "—" if r.ratio is None else f"{r.ratio:.2f}x", r.target,
              _verdict(r, "MISSED")) for r in rows]
    widths = [max(len(str(x)) for x in col) for col in zip(header, *lines)]
    out = ["  ".join(h.ljust(w) for h, w in zip(header, widths)),
           "  ".join("-" * w for w in widths)]
    out += ["  ".join(str(c).ljust(w) for c, w in zip(line, widths)) for line in lines]
    notes = [f"- {r.name}: {r.note}" for r in rows if r.note]
    return "\n".join(out + ([""] + notes if notes else []))


def markdown(rows: list[Row]) -> str:
    """The table as Markdown (for the README's Performance section)."""
    def cell(r: Row, value) -> str:
        return _fmt(value, r.unit)

    out = ["| benchmark | median | floor | ratio | target | verdict |",
           "|---|---|---|---|---|---|"]
    for r in rows:
        verdict = _verdict(r, "**missed**")
        ratio = "—" if r.ratio is None else f"{r.ratio:.2f}×"
        out.append(f"| {r.name} | {cell(r, r.value)} | {cell(r, r.floor)} | {ratio} | "
                   f"{r.target.replace('<=', '≤')} | {verdict} |")
    return "\n".join(out)
