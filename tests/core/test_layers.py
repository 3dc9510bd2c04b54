"""The layer rule: commandcenter/ never imports PySide6 or ui (import-linter contract)."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_import_contracts_hold():
    lint = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run([str(lint), "--no-cache"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_core_import_loads_no_qt():
    code = ("import sys, commandcenter.services.status, commandcenter.vault.lifecycle, "
            "commandcenter.vault.rekey, commandcenter.vault.restore; "
            "bad=[m for m in sys.modules if m.startswith(('PySide6','shiboken6','ui'))]; "
            "print(bad); sys.exit(1 if bad else 0)")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                            text=True)
    assert result.returncode == 0, result.stdout + result.stderr
