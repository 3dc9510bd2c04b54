"""`commandcenter self-test`: prove, on this machine, that the encrypted vault works end to end.

It creates a throw-away vault in a temporary folder (real Argon2id with 64 MiB, one pass, to
stay quick), exercises every vault operation once, and removes the folder. Each check is a
(name, function) pair; a function gets the shared context, returns a short detail text, and
raises to fail. The frozen app adds its own checks (bundled resources, Qt plugins) through
`extra_checks`, run after the built-in ones and before the clean-up.
"""

import importlib.metadata
import platform
import shutil
import sys
import tempfile
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from commandcenter import __version__

MARKER = "ccc-self-test-plaintext-marker-7f3e"  # must never be found in any file on disk
PASSPHRASE = "self-test passphrase"
KEYRING_TIMEOUT_S = 3.0


@dataclass
class SelfTestContext:
    root: Path
    paths: object = None  # VaultPaths
    vault: object = None  # UnlockedVault
    backup_file: Path | None = None
    info: dict = field(default_factory=dict)

    def need_vault(self):
        if self.vault is None or self.vault.is_locked:
            raise RuntimeError("no open test vault (an earlier check failed)")
        return self.vault


Check = tuple[str, Callable[[SelfTestContext], str | None]]


# --- environment facts ----------------------------------------------------------------------

def _dist_version(name: str) -> str | None:
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return None


def _sqlcipher_facts() -> dict:
    import sqlcipher3.dbapi2 as sqlcipher

    conn = sqlcipher.connect(":memory:")
    try:
        cipher = conn.execute("PRAGMA cipher_version").fetchone()
        try:
            conn.execute("CREATE VIRTUAL TABLE fts_probe USING fts5(body)")
            fts5 = True
        except sqlcipher.OperationalError:
            fts5 = False
    finally:
        conn.close()
    return {"cipher_version": cipher[0] if cipher else None,
            "sqlite_version": sqlcipher.sqlite_version, "fts5": fts5}


def _keyring_backend() -> str | None:
    """The allowed keychain's label, or None. keychain.detect() bounds its own calls; the
    outer limit guards against an import that blocks (a D-Bus probe on a broken session)."""
    from commandcenter.vault import keychain

    found: dict = {}
    worker = threading.Thread(target=lambda: found.update(chain=keychain.detect()),
                              name="self-test-keyring", daemon=True)
    worker.start()
    worker.join(KEYRING_TIMEOUT_S)
    chain = found.get("chain")
    return chain.label if chain is not None else None


def environment() -> dict:
    return {
        "python": platform.python_version(),
        "platform": platform.platform(),
        "app_version": __version__,
        "frozen": bool(getattr(sys, "frozen", False)),
        "sqlcipher3": _dist_version("sqlcipher3"),
        "sqlalchemy": _dist_version("SQLAlchemy"),
        "sqlmodel": _dist_version("sqlmodel"),
        "cryptography": _dist_version("cryptography"),
        "keyring": _dist_version("keyring"),
        # The version installed, read from metadata: the self-test itself never imports Qt.
        "pyside6": _dist_version("PySide6-Essentials") or _dist_version("PySide6"),
        "pyside6_imported": "PySide6" in sys.modules,
        **_sqlcipher_facts(),
        "keyring_backend": _keyring_backend(),
    }


# --- the built-in checks --------------------------------------------------------------------

def _kdf():
    from commandcenter.vault import crypto

    return crypto.KdfParams(iterations=1)  # 64 MiB, 4 lanes: real parameters, one pass


def check_fts5(ctx: SelfTestContext) -> str:
    if not ctx.info.get("fts5"):
        raise RuntimeError("SQLite was built without FTS5 (search needs it)")
    return "FTS5 virtual tables can be created"


def check_create(ctx: SelfTestContext) -> str:
    from commandcenter.vault import lifecycle
    from commandcenter.vault.paths import VaultPaths

    ctx.paths = VaultPaths.at(ctx.root / "vault")
    ctx.vault, _code = lifecycle.create_vault(ctx.paths, operator_name="Self Test",
                                              passphrase=PASSPHRASE, kdf=_kdf())
    return f"vault created (schema {_revision(ctx)})"


def _revision(ctx) -> str | None:
    from commandcenter.vault import schema

    return schema.current_revision(ctx.vault.engine)


def check_write_read(ctx: SelfTestContext) -> str:
    from commandcenter.services import incidents

    vault = ctx.need_vault()
    for n in range(20):
        incidents.create_incident(vault, data=incidents.IncidentInput(
            code=f"SELFTEST-{n:02d}", title=f"{MARKER} {n}", summary=MARKER))
    found = [i for i in incidents.list_incidents(vault) if i.title.startswith(MARKER)]
    if len(found) != 20:
        raise RuntimeError(f"wrote 20 rows, read back {len(found)}")
    return "20 rows written and read back"


def check_wrong_key(ctx: SelfTestContext) -> str:
    from commandcenter.vault import lifecycle
    from commandcenter.vault.errors import WrongPassphrase

    vault = ctx.need_vault()
    before = ctx.paths.db.read_bytes()
    try:
        lifecycle.unlock_with_passphrase(ctx.paths, operator_id=vault.actor.id,
                                         passphrase=PASSPHRASE + " wrong")
    except WrongPassphrase:
        pass
    else:
        raise RuntimeError("a wrong passphrase opened the vault")
    if ctx.paths.db.read_bytes() != before:
        raise RuntimeError("a refused unlock changed the database file")
    return "wrong passphrase refused; database file unchanged"


def check_backup(ctx: SelfTestContext) -> str:
    from commandcenter.vault import backup

    vault = ctx.need_vault()
    ctx.backup_file = ctx.root / "self-test-backup.db"
    backup.backup(vault, ctx.backup_file, reason="self-test")
    report = backup.verify_backup(ctx.backup_file, vault.data_key, vault_id=vault.vault_id)
    return f"backup written and verified ({report.entries} audit entries)"


def check_rekey(ctx: SelfTestContext) -> str:
    from commandcenter.services import incidents
    from commandcenter.vault import engine as vault_engine
    from commandcenter.vault import lifecycle
    from commandcenter.vault.rekey import rekey

    vault = ctx.need_vault()
    old_key, before = vault.data_key, len(incidents.list_incidents(vault))
    rekey(vault, reason="self-test")
    try:
        vault_engine.probe(ctx.paths.db, old_key)
    except vault_engine.KeyMismatch:
        pass
    else:
        raise RuntimeError("the old key still opens the database after rekey")
    actor = vault.actor.id
    vault.lock()
    ctx.vault = lifecycle.unlock_with_passphrase(ctx.paths, operator_id=actor,
                                                 passphrase=PASSPHRASE)
    after = len(incidents.list_incidents(ctx.vault))
    if after != before:
        raise RuntimeError(f"{before} rows before rekey, {after} after")
    return "key rotated; old key refused; passphrase unlock reads every row"


def check_integrity(ctx: SelfTestContext) -> str:
    from commandcenter.vault import integrity

    report = integrity.check(ctx.need_vault())
    if not report.ok:
        raise RuntimeError(report.summary())
    return report.summary()


def check_audit_chain(ctx: SelfTestContext) -> str:
    from commandcenter.services import audit

    with ctx.need_vault().read() as session:
        chain = audit.verify_chain(session)
    if not chain.ok or chain.count == 0:
        raise RuntimeError(chain.message or "empty audit chain")
    return chain.message


def check_no_plaintext(ctx: SelfTestContext) -> str:
    files = [f for f in ctx.root.rglob("*") if f.is_file()]
    needle = MARKER.encode()
    leaks = [f.name for f in files if needle in f.read_bytes()]
    if leaks:
        raise RuntimeError("plaintext found in " + ", ".join(sorted(leaks)))
    return f"marker absent from all {len(files)} files (database, WAL, key file, backup)"


def check_pdf(ctx: SelfTestContext) -> str:
    """The report path works here (fpdf2 and the bundled DejaVu fonts), in memory only."""
    from commandcenter.models.base import utcnow
    from commandcenter.reports import pdf

    blocks = [pdf.Heading("Self-test"), pdf.Paragraph("Ünïcode text — extractable.")]
    stamp = pdf.Stamp("selftest", "0" * 64, pdf.content_hash("Self-test", blocks), utcnow(),
                      "self-test")
    data = pdf.render("Self-test", blocks, stamp)
    if not data.startswith(b"%PDF-") or len(data) < 2000:
        raise RuntimeError(f"unexpected PDF output ({len(data)} bytes)")
    return f"one-page report rendered ({len(data)} bytes)"


def check_vcard(ctx: SelfTestContext) -> str:
    """The roster's vCard reader is bundled (vobject, without pytz), in memory only."""
    from commandcenter.services.roster import roster_vcard

    card = ("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Self Test\r\nTEL;TYPE=CELL:+1 555 0100\r\n"
            "END:VCARD\r\n").encode()
    rows = roster_vcard.parse(card)
    if len(rows) != 1 or rows[0][1].name != "Self Test":
        raise RuntimeError("the vCard reader did not read the test card")
    return "one contact card read"


BUILTIN_CHECKS: tuple[Check, ...] = (
    ("fts5", check_fts5),
    ("create vault", check_create),
    ("write and read rows", check_write_read),
    ("wrong key refused", check_wrong_key),
    ("backup and verify", check_backup),
    ("rekey", check_rekey),
    ("integrity check", check_integrity),
    ("audit chain", check_audit_chain),
    ("no plaintext on disk", check_no_plaintext),
    ("pdf report renders", check_pdf),
    ("vcard import reads", check_vcard),
)


# --- running ----------------------------------------------------------------------------------

def _run(name: str, fn, ctx: SelfTestContext) -> dict:
    try:
        detail = fn(ctx) or "ok"
        return {"name": name, "ok": True, "detail": detail}
    except Exception as exc:  # a failed check is a result, not a crash
        message = str(exc).splitlines()[0][:200] if str(exc) else ""
        return {"name": name, "ok": False, "detail": f"{type(exc).__name__}: {message}"}


def _cleanup(ctx: SelfTestContext) -> dict:
    try:
        if ctx.vault is not None:
            ctx.vault.lock()
        shutil.rmtree(ctx.root)
        if ctx.root.exists():
            raise RuntimeError(f"{ctx.root} is still there")
        return {"name": "clean up", "ok": True, "detail": "temporary folder removed"}
    except Exception as exc:
        return {"name": "clean up", "ok": False, "detail": f"{type(exc).__name__}: {exc}"}


def run_self_test(extra_checks: Iterable[Check] = ()) -> dict:
    """Returns {"ok", environment facts..., "checks": [{name, ok, detail}]}; ok is True only
    if every check passed."""
    from commandcenter.vault.paths import restrict_umask

    restrict_umask()
    result = environment()
    ctx = SelfTestContext(root=Path(tempfile.mkdtemp(prefix="ccc-self-test-")),
                          info=dict(result))
    checks = [_run(name, fn, ctx) for name, fn in (*BUILTIN_CHECKS, *extra_checks)]
    checks.append(_cleanup(ctx))
    return {"ok": all(c["ok"] for c in checks), **result, "checks": checks}
