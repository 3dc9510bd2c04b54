"""The pieces the frozen app relies on, checked from source (fast): the matplotlib runtime
hook, the `--self-test` flag and its import-light wiring, and the spec's promises."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SPEC = (ROOT / "packaging" / "commandcenter.spec").read_text()
RTHOOK = ROOT / "packaging" / "rthooks" / "pyi_rth_ccc_mplconfig.py"


def _run(code_or_args, env_extra=None, timeout=60):
    env = dict(os.environ, **(env_extra or {}))
    args = code_or_args if isinstance(code_or_args, list) else ["-c", code_or_args]
    return subprocess.run([sys.executable, *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=timeout)


def test_runtime_hook_points_matplotlib_at_a_persistent_user_cache(tmp_path):
    code = (f"exec(open({str(RTHOOK)!r}).read()); import os, matplotlib; "
            "print(os.environ['MPLCONFIGDIR']); print(matplotlib.get_cachedir())")
    out = _run(code, {"XDG_CACHE_HOME": str(tmp_path), "MPLCONFIGDIR": "/elsewhere"})
    assert out.returncode == 0, out.stderr
    want = tmp_path / "CrisisCommandCenter" / "matplotlib"
    assert out.stdout.split() == [str(want), str(want)]
    assert want.stat().st_mode & 0o777 == 0o700


def test_spec_replaces_pyinstallers_temporary_matplotlib_dir():
    assert "pyi_rth_ccc_mplconfig.py" in SPEC and RTHOOK.is_file()
    assert re.search(r'a\.scripts = \[s for s in a\.scripts if s\[0\] != "pyi_rth_mplconfig"\]',
                     SPEC)


def test_spec_is_one_dir_without_strip_or_upx():
    assert "exclude_binaries=True" in SPEC and "COLLECT(" in SPEC  # one-dir
    assert not re.search(r"upx\s*=\s*True", SPEC) and not re.search(r"strip\s*=\s*True", SPEC)
    assert SPEC.count("upx=False") >= 2 and SPEC.count("strip=False") >= 2
    assert '"matplotlib": {"backends": ["Agg"]}' in SPEC  # charts never use the Qt backend
    assert 'copy_metadata("keyring")' in SPEC
    assert 'prefix="resources"' in SPEC and 'prefix="licenses"' in SPEC


def test_self_test_flag_is_parsed_and_imported_only_when_given():
    code = ("import sys, ui.app; a, _ = ui.app.parse_args(['--self-test']); "
            "print(a.self_test, 'ui.selftest_gui' in sys.modules, 'matplotlib' in sys.modules)")
    out = _run(code)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["True", "False", "False"]


def test_self_test_from_source_passes_with_the_gui_checks(tmp_path):
    report_file = tmp_path / "report.json"
    out = _run(["-m", "ui.app", "--self-test"], {"CCC_SELF_TEST_REPORT": str(report_file)},
               timeout=120)
    assert out.returncode == 0, out.stdout[-2000:] + out.stderr[-2000:]
    result = json.loads(out.stdout)
    assert json.loads(report_file.read_text()) == result
    names = {c["name"]: c for c in result["checks"]}
    for name in ("frozen bundle", "version equals pyproject", "keyring backends discoverable",
                 "chart renders", "matplotlib font cache", "main window shows offscreen",
                 "within time limit", "create vault", "no plaintext on disk", "clean up",
                 "print path renders", "vcard import reads"):
        assert names[name]["ok"], names[name]
    assert result["frozen"] is False and result["qt_platform"] == "offscreen"


def test_self_test_fails_when_a_check_fails(tmp_path):
    """Exit status 1 and ok=false when the version does not match (pyproject edited after
    the install): the report is not a rubber stamp."""
    code = ("import sys, ui.selftest_gui as s; "
            "s.expected_version = lambda: ('999.0', 'test'); sys.exit(s.main())")
    out = _run(code, timeout=120)
    assert out.returncode == 1
    result = json.loads(out.stdout)
    failed = [c["name"] for c in result["checks"] if not c["ok"]]
    assert result["ok"] is False and failed == ["version equals pyproject"]
