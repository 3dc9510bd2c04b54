"""The headless CLI: run in-process through `commandcenter.cli.main` (capsys/capfd) and, to prove
the console entry works, a few times as `python -m commandcenter` in a child process.
Every vault here uses `--kdf-iterations 1` (Argon2id stays at 64 MiB) so the file stays fast."""

import json
import os
import re
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from commandcenter.cli import main
from commandcenter.services import incidents
from commandcenter.vault import crypto, lifecycle, schema
from commandcenter.vault.paths import VaultPaths
from tests.fixtures.vaulttools import REPO, child_env, flip_byte, sha256

CODE_RE = re.compile(r"\b[A-Z2-9]{5}(?:-[A-Z2-9]{5}){5}\b")
PASS = "correct horse battery"
FAST = ["--kdf-iterations", "1"]


def _secret(tmp_path: Path, name: str, value: str) -> str:
    path = tmp_path / name
    path.write_text(value + "\n", encoding="utf-8")
    return str(path)


def run(cap, *argv: str) -> tuple[int, str, str]:
    rc = main([str(a) for a in argv])
    out, err = cap.readouterr()
    return rc, out, err


def assert_one_error_line(err: str, *needles: str) -> None:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("commandcenter: error: "), err
    assert "Traceback" not in err
    for needle in needles:
        assert needle in lines[0], lines[0]


def file_hashes(root: Path) -> dict[str, str]:
    """The vault's content files (the log file grows on every command, by design, and the
    wrong-passphrase count beside the vault changes with each wrong one: vault.throttle)."""
    return {p.name: sha256(p) for p in root.iterdir()
            if p.is_file() and p.name != "unlock-attempts.json"}


@pytest.fixture
def pw(tmp_path) -> str:
    return _secret(tmp_path, "pass.txt", PASS)


@pytest.fixture
def vdir(tmp_path) -> Path:
    """A vault in passphrase mode, as `init --no-keychain` makes it (made directly, so the
    fixture leaves no output behind for the test's capture)."""
    d = tmp_path / "vault"
    vault, _ = lifecycle.create_vault(VaultPaths.at(d), operator_name="Ann Lead",
                                      passphrase=PASS, kdf=crypto.KdfParams(iterations=1))
    vault.lock()
    return d


def _unlock(d: Path):
    paths = VaultPaths.at(d)
    op = lifecycle.list_operators(paths)[0]
    return lifecycle.unlock_with_passphrase(paths, operator_id=op.operator_id, passphrase=PASS)


def _add_incident(d: Path, code: str) -> None:
    vault = _unlock(d)
    try:
        incidents.create_incident(vault, data=incidents.IncidentInput(code, f"Title {code}"))
    finally:
        vault.lock()


def _incident_codes(d: Path) -> set[str]:
    vault = _unlock(d)
    try:
        return {i.code for i in incidents.list_incidents(vault)}
    finally:
        vault.lock()


# --- init --------------------------------------------------------------------------------------

def test_init_prints_recovery_code_once_and_makes_private_files(tmp_path, pw, capsys):
    d = tmp_path / "vault"
    rc, out, err = run(capsys, "init", "--data-dir", d, "--operator", "Ann Lead",
                       "--passphrase-file", pw, "--no-keychain", *FAST)
    assert rc == 0, err
    assert err == ""
    codes = CODE_RE.findall(out)
    assert len(codes) == 1, out
    assert "will not be shown again" in out
    paths = VaultPaths.at(d)
    op = lifecycle.list_operators(paths)[0]
    vault = lifecycle.unlock_with_recovery_code(paths, operator_id=op.operator_id,
                                                recovery_code=codes[0])
    vault.lock()
    for folder in (d, d / "logs", d / "backups"):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder
    for f in (paths.db, paths.keyfile, d / "logs" / "commandcenter.log"):
        assert stat.S_IMODE(f.stat().st_mode) == 0o600, f
    # The recovery code is shown on the terminal only: never in the log.
    assert codes[0] not in (d / "logs" / "commandcenter.log").read_text()


def test_init_refuses_a_first_operator_who_is_not_a_lead(tmp_path, pw, capsys):
    d = tmp_path / "vault"
    rc, out, err = run(capsys, "--data-dir", d, "init", "--operator", "Ed",
                       "--role", "editor", "--passphrase-file", pw, *FAST)
    assert rc == 1
    assert_one_error_line(err, "must be a lead")
    assert not d.exists()


def test_init_without_a_passphrase_file_says_which_option_to_pass(tmp_path, capsys):
    rc, out, err = run(capsys, "--data-dir", tmp_path / "v", "init", "--operator", "Ann")
    assert rc == 1
    assert_one_error_line(err, "--passphrase-file FILE")


def test_init_uses_the_keychain_by_default_and_status_unlocks_from_it(tmp_path, pw, capsys):
    d = tmp_path / "vault"
    rc, out, err = run(capsys, "--data-dir", d, "init", "--operator", "Kim Lead",
                       "--passphrase-file", pw, *FAST)
    assert rc == 0, err
    assert "Key store: Test keychain" in out
    rc, out, err = run(capsys, "--data-dir", d, "status")  # no passphrase given
    assert rc == 0, err
    assert "keychain (Test keychain)" in out


def test_a_missing_keychain_entry_names_the_cause_and_the_option(tmp_path, pw, capsys,
                                                                  memory_keychain):
    d = tmp_path / "vault"
    assert run(capsys, "--data-dir", d, "init", "--operator", "Kim Lead",
               "--passphrase-file", pw, *FAST)[0] == 0
    memory_keychain.store.clear()
    rc, out, err = run(capsys, "--data-dir", d, "status")
    assert rc == 1
    assert_one_error_line(err, "Keychain entry missing", "--passphrase-file FILE")
    assert run(capsys, "--data-dir", d, "status", "--passphrase-file", pw)[0] == 0


# --- unlocking and status --------------------------------------------------------------------

def test_status_shows_operator_and_schema_with_data_dir_on_either_side(vdir, pw, capsys):
    for argv in (["--data-dir", vdir, "status", "--passphrase-file", pw],
                 ["status", "--data-dir", vdir, "--passphrase-file", pw]):
        rc, out, err = run(capsys, *argv)
        assert rc == 0, err
        assert "Ann Lead (lead)" in out
        assert f"schema:         {schema.head_revision()}" in out
        assert str(vdir.resolve()) in out


def test_wrong_passphrase_is_one_line_and_changes_no_file(vdir, tmp_path, capfd):
    before = file_hashes(vdir)
    bad = _secret(tmp_path, "bad.txt", "not the passphrase")
    rc, out, err = run(capfd, "--data-dir", vdir, "status", "--passphrase-file", bad)
    assert rc != 0
    assert_one_error_line(err, "Wrong passphrase")
    assert out == ""
    assert file_hashes(vdir) == before


def test_no_passphrase_and_no_keychain_names_the_option_to_pass(vdir, capsys):
    rc, out, err = run(capsys, "--data-dir", vdir, "status")
    assert rc == 1
    assert_one_error_line(err, "--passphrase-file FILE", "--recovery-code-file FILE")


def test_missing_passphrase_file_and_missing_vault_are_one_line(vdir, tmp_path, capsys):
    rc, _, err = run(capsys, "--data-dir", vdir, "status", "--passphrase-file",
                     tmp_path / "nope.txt")
    assert rc == 1
    assert_one_error_line(err, "nope.txt")
    rc, _, err = run(capsys, "--data-dir", tmp_path / "empty", "status")
    assert rc == 1
    assert_one_error_line(err, "No vault in", "commandcenter init")
    assert not (tmp_path / "empty").exists()  # a mistyped --data-dir grows no folder


def test_usage_errors_are_one_line_too(capsys):
    rc, out, err = run(capsys, "status", "--no-such-option")
    assert rc == 2
    assert_one_error_line(err, "--no-such-option")


# --- verify ------------------------------------------------------------------------------------

def test_verify_passes_on_a_sound_vault(vdir, pw, capsys):
    rc, out, err = run(capsys, "--data-dir", vdir, "verify", "--passphrase-file", pw)
    assert rc == 0, err
    assert out.startswith("OK") and "audit chain intact" in out


@pytest.mark.parametrize("where", ["middle", "first page"])
def test_verify_reports_a_flipped_byte_as_damaged_or_tampered(vdir, pw, capfd, where):
    _add_incident(vdir, "INC-001")
    db = vdir / "vault.db"
    assert not (vdir / "vault.db-wal").exists()  # closed: everything is in vault.db
    flip_byte(db, db.stat().st_size // 2 if where == "middle" else 100)
    rc, out, err = run(capfd, "--data-dir", vdir, "verify", "--passphrase-file", pw)
    assert rc != 0
    assert_one_error_line(err, "damaged or tampered")
    assert "Traceback" not in out


# --- backup and restore --------------------------------------------------------------------------

def test_backup_restore_round_trip(vdir, pw, tmp_path, capsys):
    _add_incident(vdir, "INC-KEPT")
    out_file = tmp_path / "b.db"
    rc, out, err = run(capsys, "--data-dir", vdir, "backup", out_file, "--passphrase-file", pw)
    assert rc == 0, err
    assert stat.S_IMODE(out_file.stat().st_mode) == 0o600
    _add_incident(vdir, "INC-AFTER")
    assert _incident_codes(vdir) == {"INC-KEPT", "INC-AFTER"}
    rc, out, err = run(capsys, "--data-dir", vdir, "restore", out_file, "--passphrase-file", pw)
    assert rc == 0, err
    assert _incident_codes(vdir) == {"INC-KEPT"}
    rc, out, err = run(capsys, "--data-dir", vdir, "verify", "--passphrase-file", pw)
    assert rc == 0, err


def test_restore_refuses_a_corrupted_backup_and_leaves_the_vault_alone(vdir, pw, tmp_path,
                                                                       capfd):
    _add_incident(vdir, "INC-LIVE")
    out_file = tmp_path / "b.db"
    assert run(capfd, "--data-dir", vdir, "backup", out_file, "--passphrase-file", pw)[0] == 0
    flip_byte(out_file, out_file.stat().st_size // 2)
    db_before = sha256(vdir / "vault.db")
    rc, out, err = run(capfd, "--data-dir", vdir, "restore", out_file, "--passphrase-file", pw)
    assert rc == 1
    assert_one_error_line(err, "backup")
    assert sha256(vdir / "vault.db") == db_before
    assert _incident_codes(vdir) == {"INC-LIVE"}


# --- operators, keys, receipt -----------------------------------------------------------------

def test_operator_and_key_commands(vdir, pw, tmp_path, capsys):
    bob1, bob2 = _secret(tmp_path, "b1", "bob first pass"), _secret(tmp_path, "b2", "bob new pass")
    base = ["--data-dir", vdir]
    rc, out, err = run(capsys, *base, "add-operator", "--name", "Bob Edit", "--role", "editor",
                       "--new-passphrase-file", bob1, "--passphrase-file", pw)
    assert rc == 0, err
    rc, out, err = run(capsys, *base, "status", "--operator", "bob edit", "--passphrase-file", bob1)
    assert rc == 0 and "acting:         Bob Edit" in out, err

    rc, _, err = run(capsys, *base, "change-passphrase", "--operator", "Bob Edit",
                     "--passphrase-file", bob1, "--new-passphrase-file", bob2)
    assert rc == 0, err
    assert run(capsys, *base, "status", "--operator", "Bob Edit", "--passphrase-file", bob1)[0] == 1
    assert run(capsys, *base, "status", "--operator", "Bob Edit", "--passphrase-file", bob2)[0] == 0

    rc, out, err = run(capsys, *base, "rekey", "--passphrase-file", pw)
    assert rc == 0, err
    rc, out, _ = run(capsys, *base, "status", "--passphrase-file", pw)
    assert "key generation 2" in out

    rc, out, err = run(capsys, *base, "new-recovery-code", "--passphrase-file", pw)
    assert rc == 0, err
    code = CODE_RE.findall(out)
    assert len(code) == 1 and "will not be shown again" in out
    code_file = _secret(tmp_path, "code", code[0])
    assert run(capsys, *base, "status", "--recovery-code-file", code_file)[0] == 0

    receipt = tmp_path / "receipt.txt"
    rc, _, err = run(capsys, *base, "receipt", "--out", receipt, "--passphrase-file", pw)
    assert rc == 0, err
    assert stat.S_IMODE(receipt.stat().st_mode) == 0o600
    head = re.search(r"full hash ([0-9a-f]{64})", receipt.read_text()).group(1)
    rc, out, _ = run(capsys, *base, "status", "--passphrase-file", pw)
    assert f"head {head[:16]}" in out

    rc, out, err = run(capsys, *base, "revoke-operator", "--name", "Bob Edit",
                       "--passphrase-file", pw)
    assert rc == 0, err
    rc, _, err = run(capsys, *base, "status", "--operator", "Bob Edit", "--passphrase-file", bob2)
    assert rc == 1
    assert_one_error_line(err, "Bob Edit")


def test_an_editor_cannot_rekey(vdir, pw, tmp_path, capsys):
    ed = _secret(tmp_path, "ed", "editor passphrase")
    run(capsys, "--data-dir", vdir, "add-operator", "--name", "Ed", "--role", "editor",
        "--new-passphrase-file", ed, "--passphrase-file", pw)
    before = sha256(vdir / "vault.keys")
    rc, _, err = run(capsys, "--data-dir", vdir, "rekey", "--operator", "Ed",
                     "--passphrase-file", ed)
    assert rc == 1
    assert_one_error_line(err, "lead")
    assert sha256(vdir / "vault.keys") == before


# --- export, demo, self-test, gui -------------------------------------------------------------

def test_export_json(vdir, pw, tmp_path, capsys):
    _add_incident(vdir, "INC-EXP")
    out_file = tmp_path / "export.json"
    rc, out, err = run(capsys, "--data-dir", vdir, "export", "--format", "json",
                       "--out", out_file, "--passphrase-file", pw)
    assert rc == 0, err
    assert stat.S_IMODE(out_file.stat().st_mode) == 0o600
    doc = json.loads(out_file.read_text(encoding="utf-8"))
    assert doc["format"] == "ccc-export" and doc["audit_chain"]["verified"] is True
    assert [r["code"] for r in doc["tables"]["incident"]["rows"]] == ["INC-EXP"]


def test_demo_if_missing_twice(tmp_path, capsys):
    d = tmp_path / "demo"
    rc, out, err = run(capsys, "--data-dir", d, "demo", "--if-missing", *FAST)
    assert rc == 0, err
    assert "Larkmont war room" in out and "7 operators" in out
    before = file_hashes(d)
    rc, out, err = run(capsys, "--data-dir", d, "demo", "--if-missing", *FAST)
    assert rc == 0, err
    assert "nothing to do" in out
    assert file_hashes(d) == before
    rc, _, err = run(capsys, "--data-dir", d, "demo", *FAST)  # without --if-missing: refused
    assert rc == 1
    assert_one_error_line(err, "already exists")
    demo = _secret(tmp_path, "demo.txt", "demo")
    rc, out, err = run(capsys, "--data-dir", d, "status", "--operator", "Grace Liu",
                       "--passphrase-file", demo)
    assert rc == 0 and "INC-2026-014" in out, err


def test_self_test_prints_json_and_passes(capsys):
    rc, out, err = run(capsys, "self-test")
    result = json.loads(out)
    assert rc == 0, [c for c in result["checks"] if not c["ok"]]
    assert result["ok"] is True
    assert result["cipher_version"]
    assert {"create vault", "rekey", "no plaintext on disk", "pdf report renders",
            "clean up"} <= {
        c["name"] for c in result["checks"]}


def test_self_test_runs_extra_checks_and_fails_when_one_fails(monkeypatch, capsys):
    from commandcenter import selftest

    seen = {}

    def extra(ctx):
        seen["root"] = ctx.root
        seen["vault_open"] = not ctx.vault.is_locked
        raise RuntimeError("bundled resources missing")

    monkeypatch.setattr(selftest, "BUILTIN_CHECKS",
                        (("create vault", selftest.check_create),))
    result = selftest.run_self_test(extra_checks=[("bundle", extra)])
    assert result["ok"] is False
    checks = {c["name"]: c for c in result["checks"]}
    assert checks["bundle"] == {"name": "bundle", "ok": False,
                                "detail": "RuntimeError: bundled resources missing"}
    assert checks["clean up"]["ok"] and not seen["root"].exists()
    assert seen["vault_open"]  # extra checks run while the temporary vault is open

    monkeypatch.setattr(selftest, "BUILTIN_CHECKS", (("bundle", extra),))
    rc, out, _ = run(capsys, "self-test")
    assert rc == 1 and json.loads(out)["ok"] is False


def test_gui_runs_the_ui_dynamically_with_the_data_dir(tmp_path, monkeypatch, capsys):
    calls = []
    fake = type(sys)("ui.app")
    fake.main = lambda argv: calls.append(argv) or 0
    monkeypatch.setitem(sys.modules, "ui.app", fake)
    rc, _, err = run(capsys, "gui", "--data-dir", tmp_path / "v")
    assert rc == 0, err
    assert calls == [["--data-dir", str((tmp_path / "v").resolve())]]


# --- the console entry, in a child process ------------------------------------------------------

def _child(*argv) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "commandcenter", *map(str, argv)],
                          capture_output=True, text=True, cwd=str(REPO), env=child_env(),
                          timeout=120)


def test_python_dash_m_commandcenter_end_to_end(tmp_path, pw):
    d = tmp_path / "vault"
    res = _child("--data-dir", d, "init", "--operator", "Ann Lead", "--passphrase-file", pw,
                 *FAST)
    assert res.returncode == 0, res.stderr
    assert len(CODE_RE.findall(res.stdout)) == 1
    assert "passphrase only" in res.stdout  # the child has no keychain (null backend)
    res = _child("status", "--data-dir", d, "--passphrase-file", pw)
    assert res.returncode == 0, res.stderr
    assert "Ann Lead (lead)" in res.stdout
    bad = _secret(tmp_path, "bad", "wrong passphrase")
    res = _child("--data-dir", d, "verify", "--passphrase-file", bad)
    assert res.returncode == 1
    assert_one_error_line(res.stderr, "Wrong passphrase")
    assert os.listdir(d / "logs") == ["commandcenter.log"]


def test_briefing_card(vdir, pw, tmp_path, capsys):
    from commandcenter.services import roster

    _add_incident(vdir, "INC-CARD")
    vault = _unlock(vdir)
    roster.add(vault, data=roster.SpokespersonInput("Maya Chen", email="maya@x.example",
                                                    audiences=("media",)))
    vault.lock()
    out_file = tmp_path / "card.pdf"
    rc, out, err = run(capsys, "--data-dir", vdir, "briefing-card", "--spokesperson",
                       "maya chen", "--out", out_file, "--passphrase-file", pw)
    assert rc == 0, err
    assert "code" in out and out_file.read_bytes().startswith(b"%PDF")
    assert stat.S_IMODE(out_file.stat().st_mode) == 0o600
    rc, out, err = run(capsys, "--data-dir", vdir, "briefing-card", "--spokesperson",
                       "Nobody", "--out", tmp_path / "x.pdf", "--passphrase-file", pw)
    assert rc == 1 and not (tmp_path / "x.pdf").exists()
    assert_one_error_line(err, "No spokesperson called")
