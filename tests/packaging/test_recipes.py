"""The recipes around the spec: the Make targets, the CI workflow, the Windows and macOS
scripts. They cannot all run here (no Windows, no macOS); these checks catch the breakages
that need no such machine."""

import re
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
WORKFLOW = ROOT / ".github" / "workflows" / "installers.yml"
ISS = (ROOT / "packaging" / "windows" / "commandcenter.iss").read_text()


def test_make_package_runs_the_build_script():
    out = subprocess.run(["make", "-n", "package"], cwd=ROOT, capture_output=True, text=True)
    assert out.returncode == 0 and "packaging/build.py" in out.stdout


def test_build_script_installs_the_packaging_extra_itself():
    text = (ROOT / "packaging" / "build.py").read_text()
    assert '"-e", f"{ROOT}[packaging]"' in text


def test_workflow_is_valid_yaml_with_the_matrix():
    yaml = pytest.importorskip("yaml")  # in CI's Python; optional in the project venv
    doc = yaml.safe_load(WORKFLOW.read_text())
    jobs = doc["jobs"]
    assert set(jobs) == {"linux", "windows", "macos"}
    runners = {i["runner"] for i in jobs["macos"]["strategy"]["matrix"]["include"]}
    assert runners == {"macos-13", "macos-14"}


def test_workflow_self_tests_and_publishes_checksums_on_every_os():
    text = WORKFLOW.read_text()
    assert "\t" not in text, "YAML forbids tabs"
    jobs = re.split(r"\n  (?=[a-z]+:\n)", text.split("\njobs:\n", 1)[1])
    assert len(jobs) == 3
    for job in jobs:
        assert "--self-test" in job or "build.ps1" in job
        assert "upload-artifact" in job and "SHA256SUMS" in job
    assert "ubuntu-" in text and "windows-" in text


def test_inno_setup_script_promises():
    assert re.search(r"^AppId=\{\{[0-9A-F-]{36}\}$", ISS, re.M)
    assert "PrivilegesRequiredOverridesAllowed=dialog" in ISS
    assert re.search(r'\[InstallDelete\]\s*\n(;[^\n]*\n)*Type: filesandordirs; Name: "\{app\}\\_internal"',
                     ISS)
    assert "AppVersion={#AppVersion}" in ISS and "#error" in ISS  # version must be passed
    assert "SetupIconFile=" in ISS


def test_shell_scripts_parse():
    for script in (ROOT / "packaging" / "macos" / "build_dmg.sh",):
        out = subprocess.run(["bash", "-n", str(script)], capture_output=True, text=True)
        assert out.returncode == 0, out.stderr
    text = (ROOT / "packaging" / "macos" / "build_dmg.sh").read_text()
    for step in ("--options runtime", "notarytool submit", "stapler staple", "hdiutil create"):
        assert step in text
