"""pyproject.toml is the one source of truth for name, version and Python requirement."""

import tomllib
from pathlib import Path

import commandcenter

ROOT = Path(__file__).resolve().parents[2]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())


def test_version_comes_from_pyproject():
    assert commandcenter.__version__ == PYPROJECT["project"]["version"]


def test_python_and_qt_pins():
    assert PYPROJECT["project"]["requires-python"] == ">=3.12"
    qt = [d for d in PYPROJECT["project"]["dependencies"] if d.startswith("PySide6-Essentials")]
    assert qt == ["PySide6-Essentials>=6.12,<6.13"], "Qt must stay pinned to one minor series"


def test_ci_runs_the_readme_test_command():
    readme = (ROOT / "README.md").read_text()
    assert "make test" in readme
    assert "make test" in (ROOT / ".ci" / "run").read_text()
