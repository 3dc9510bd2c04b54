"""Generate the large, reproducible benchmark vault of issue 9 (seeded).

    .venv/bin/python benchmarks/generate_vault.py [--scale 1.0] [--seed 9] [--out DIR]

Default scale: 10 incidents, 100,000 decision-log entries (one in ten an amendment),
20,000 talking-point versions (10 per line) across 10 audiences, 2,000 spokespersons with
assigned lines and acknowledgements, 50,000 timeline events, a full journey map per
incident. The active incident holds 60 % of every per-incident count. Without --out the
vault goes to benchmarks/.cache/ (git-ignored), keyed by the parameters and the generator's
version, and a second run reuses it. Prints how long each part took. The passphrase is
"benchmark passphrase" (generated words only, never real data).
"""

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.gen import Scale, cached_vault, generate  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0, help="fraction of the full size")
    parser.add_argument("--seed", type=int, default=Scale().seed)
    parser.add_argument("--out", type=Path, help="a new folder (default: the cache)")
    args = parser.parse_args(argv)
    scale = Scale(seed=args.seed)
    if args.scale != 1.0:
        scale = scale.scaled(args.scale)
    if args.out:
        generate(args.out, scale)
    else:
        path, manifest = cached_vault(scale)
        print(f"{path} ({manifest['seconds']} s to generate)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
