"""Packaging tests: the build helpers in packaging/ccc_pack are importable as `ccc_pack`.

`packaging_build` marks the tests that build the Linux bundle and installers (minutes, not
seconds); `make test` runs them (see docs/PACKAGING.md for the timings), and
`PYTEST_ARGS='-m "not packaging_build"' make test` leaves them out.
"""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"
if str(PACKAGING) not in sys.path:
    sys.path.insert(0, str(PACKAGING))


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "packaging_build: builds the frozen Linux bundle, .tar.gz and .deb (slow)")
